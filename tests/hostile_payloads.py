"""Hostile text (hypothesis strategies) and update kinds the bot must survive.

The text strategy mixes every Unicode plane with the pieces that break bots: zero-width and
bidirectional marks, HTML and Markdown specials, URLs, ``/commands`` with odd arguments,
bot mentions and (where JSON can carry them) lone surrogates.
"""

from __future__ import annotations

import time
from typing import Any

from hypothesis import strategies as st
from telegram_payloads import JSON, PayloadFactory, Person, group_chat

BOT = "kyr_test_bot"
CHANNEL: JSON = {"id": -1009990001, "type": "channel", "title": "Rights news"}
GROUP = group_chat(-1009990002, "Legal support")

SPECIALS = [
    "<b>",
    "</b>",
    "<a href='x'>",
    "</a>",
    "<script>alert(1)</script>",
    "&",
    "&amp;",
    "&#0;",
    "&lt;",
    '"',
    "'",
    "*bold*",
    "_it_",
    "`code`",
    "```pre```",
    "[link](https://example.org)",
    "||spoiler||",
    "\\",
    "\u200b",  # zero-width space
    "\u200c\u200d",  # zero-width (non-)joiner
    "\u200e\u200f",  # LTR / RTL marks
    "\u202e",  # right-to-left override
    "\u2066\u2069",  # isolates
    "\ufeff",  # BOM
    "\u00ad",  # soft hyphen
    "\u0301",  # a lone combining accent
    "👩\u200d👩\u200d👧",
    "🏳️\u200d🌈",
    "\U0001d54f",  # astral plane letter
    "\U0010fffd",  # last plane, private use
    "\U000e0041",  # tag character
    "\ud800",  # lone high surrogate
    "\udfff",  # lone low surrogate
    "\x00",
    "\x1b[31m",
    "\r\n",
    "\t",
    " ",
    "https://example.org/a?b=1&c=<2>#frag",
    "http://[::1]:80/",
    "tg://resolve?domain=x",
    "javascript:alert(1)",
    "@" + BOT,
    "@" + BOT.upper(),
    "@other_bot",
    "/start",
    "/ask",
    "/ask@" + BOT,
    "/help@other_bot",
    "/reload",
    "/stats@" + BOT,
    "/forget",
    "/" + "x" * 40,
    "/ñandú",
    "/",
    "¿Tengo que abrir la puerta a la policía?",
    "Police are at my door. Must I open?",
    "Can I film the police?",
]

_ANY_CHAR = st.characters(codec=None, exclude_categories=())  # every plane, surrogates too
_PIECE = st.one_of(
    st.sampled_from(SPECIALS),
    st.text(_ANY_CHAR, min_size=1, max_size=20),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=200),
)
_LONG = st.builds(lambda piece, n: (piece * n)[:4096], _PIECE, st.integers(1, 4096))
HOSTILE_TEXT = st.one_of(
    st.lists(_PIECE, min_size=1, max_size=30).map(lambda parts: "".join(parts)[:4096]),
    _LONG,
)


def stamp() -> int:
    return int(time.time())


def channel_post(payloads: PayloadFactory, text: str, edited: bool = False) -> JSON:
    message: JSON = {
        "message_id": payloads.next_message_id(CHANNEL["id"]),
        "sender_chat": CHANNEL,
        "chat": CHANNEL,
        "date": stamp(),
        "text": text,
    }
    if edited:
        message["edit_date"] = stamp()
    kind = "edited_channel_post" if edited else "channel_post"
    return {"update_id": _next_update(payloads), kind: message}


def forwarded(payloads: PayloadFactory, person: Person, text: str, origin: JSON) -> JSON:
    update = payloads.text(person, text)
    update["message"]["forward_origin"] = origin
    return update


def forward_origins(person: Person) -> list[JSON]:
    return [
        {"type": "user", "date": stamp(), "sender_user": person.to_json()},
        {"type": "hidden_user", "date": stamp(), "sender_user_name": "Someone"},
        {"type": "channel", "date": stamp(), "chat": CHANNEL, "message_id": 7},
        {"type": "chat", "date": stamp(), "sender_chat": GROUP},
    ]


def without_text(payloads: PayloadFactory, person: Person) -> list[JSON]:
    """Messages that carry no text at all: dice, service messages, a caption-less video note."""
    member = person.to_json()
    return [
        payloads.message(person, dice={"emoji": "🎲", "value": 4}),
        payloads.message(person, GROUP, new_chat_members=[member]),
        payloads.message(person, GROUP, left_chat_member=member),
        payloads.message(person, GROUP, new_chat_title="renamed"),
        payloads.message(person, GROUP, dice={"emoji": "🎯", "value": 6}),
        payloads.message(person, story={"chat": person.private_chat(), "id": 3}),
    ]


def unhandled(payloads: PayloadFactory, person: Person) -> list[JSON]:
    """Update kinds the bot has no handler for (and one Telegram may add some day)."""
    user, chat = person.to_json(), person.private_chat()
    member = {"status": "member", "user": user}
    kinds: list[tuple[str, Any]] = [
        (
            "poll",
            {
                "id": "p1",
                "question": "<b>?</b>",
                "options": [{"text": "a", "voter_count": 1, "persistent_id": "o1"}],
                "total_voter_count": 1,
                "is_closed": False,
                "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": False,
                "allows_revoting": False,
                "members_only": False,
            },
        ),
        (
            "poll_answer",
            {"poll_id": "p1", "user": user, "option_ids": [0], "option_persistent_ids": ["o1"]},
        ),
        (
            "my_chat_member",
            {
                "chat": GROUP,
                "from": user,
                "date": stamp(),
                "old_chat_member": member,
                "new_chat_member": {"status": "kicked", "user": user, "until_date": 0},
            },
        ),
        ("chat_join_request", {"chat": GROUP, "from": user, "user_chat_id": 1, "date": stamp()}),
        ("chosen_inline_result", {"result_id": "r", "from": user, "query": "x"}),
        (
            "message_reaction",
            {
                "chat": chat,
                "message_id": 1,
                "date": stamp(),
                "user": user,
                "old_reaction": [],
                "new_reaction": [{"type": "emoji", "emoji": "👍"}],
            },
        ),
        (
            "pre_checkout_query",
            {
                "id": "q",
                "from": user,
                "currency": "EUR",
                "total_amount": 1,
                "invoice_payload": "x",
            },
        ),
        ("some_future_kind", {"anything": [1, 2, {"deep": "<b>"}]}),
    ]
    return [{"update_id": _next_update(payloads), kind: body} for kind, body in kinds]


def odd_callbacks(payloads: PayloadFactory, person: Person) -> list[JSON]:
    """Button taps with data the bot never made, on messages it may not know."""
    message = {
        "message_id": 999,
        "from": {"id": 7000001, "is_bot": True, "first_name": "KYR", "username": BOT},
        "chat": person.private_chat(),
        "date": stamp(),
        "text": "old",
    }
    inaccessible = {"chat": person.private_chat(), "message_id": 998, "date": 0}
    return [
        payloads.callback_query(person, message, "zzz"),
        payloads.callback_query(person, message, "o:" + "x" * 60),
        payloads.callback_query(person, message, ":"),
        payloads.callback_query(person, inaccessible, "o:1"),
    ]


def _next_update(payloads: PayloadFactory) -> int:
    return int(next(payloads._update_ids))
