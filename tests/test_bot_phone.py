"""Replies shaped for a phone: "Also" taps, the group deep link, edited questions."""

from __future__ import annotations

import time
from typing import Any

from bot_fixtures import BotHarness
from botapi_core import SentMessage
from telegram_payloads import Person, group_chat

from bot.choices import also_label
from bot.keyboards import PASSAGE_LINK
from index import Retriever

ALICE = Person(1101, "Alice", "en", "alice_phone")
GROUP = group_chat(-100888)
FACES = "Can police use face recognition on me?"


def _buttons(message: SentMessage) -> list[dict[str, Any]]:
    return [b for row in (message.reply_markup or {}).get("inline_keyboard", []) for b in row]


def _rows(message: SentMessage) -> list[list[str]]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [[b["text"] for b in row] for row in rows]


def _edited(update: dict[str, Any], text: str) -> dict[str, Any]:
    """The same message, edited to ``text`` (as Telegram sends it)."""
    message = dict(update["message"], text=text, edit_date=int(time.time()) + 1)
    message.pop("entities", None)
    if text.startswith("/"):
        length = len(text.split()[0])
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": update["update_id"] + 10_000, "edited_message": message}


async def test_also_buttons_open_the_other_passages(
    harness: BotHarness, bot_retriever: Retriever
) -> None:
    hits = bot_retriever.search(FACES, k=3, preferred="en").hits
    (first,) = await harness.feed(harness.payloads.text(ALICE, FACES))
    rows = _rows(first)
    assert len(rows) <= 4 and rows[-1] == ["Wrong or outdated?"]
    assert [r[0] for r in rows[:2]] == [also_label(h.passage, "en") for h in hits[1:3]]
    for hit in hits[1:3]:
        opened = await harness.tap(
            ALICE, first, harness.button(first, also_label(hit.passage, "en"))
        )
        assert len(opened) == 1 and opened[0].text.startswith(hit.passage.heading)
        assert any(e["type"] == "expandable_blockquote" for e in opened[0].entities)
        assert _rows(opened[0])[-1] == ["Wrong or outdated?"]


async def test_group_ask_gets_the_shortest_form_and_a_deep_link(
    harness: BotHarness, bot_retriever: Retriever
) -> None:
    hit = bot_retriever.search(FACES, k=3, preferred="en").hits[0]
    (reply,) = await harness.feed(harness.payloads.text(ALICE, f"/ask {FACES}", chat=GROUP))
    assert reply.text.startswith(hit.passage.heading) and "Reviewed on" not in reply.text
    assert reply.links() == [hit.article.sources[0].url]
    (link,) = _buttons(reply)
    username = harness.app.bot.username
    assert link["url"].startswith(f"https://t.me/{username}?start={PASSAGE_LINK}")
    payload = link["url"].split("?start=")[1]
    opened = await harness.feed(harness.payloads.text(ALICE, f"/start {payload}"))
    assert len(opened) == 1 and opened[0].text.startswith(hit.passage.heading)
    assert "Sources: " in opened[0].text and "Wrong or outdated?" in _rows(opened[0])[-1]


async def test_an_edited_question_gets_exactly_one_new_answer(harness: BotHarness) -> None:
    asked = harness.payloads.text(ALICE, "Who won the game last night?")
    await harness.feed(asked)
    edited = _edited(asked, FACES)
    answers = await harness.feed(edited)
    assert len(answers) == 1 and answers[0].reply_to_message_id == asked["message"]["message_id"]
    assert "Sources: " in answers[0].text
    assert await harness.feed(edited) == []  # delivered twice, answered once


async def test_group_edits_follow_the_group_rule(harness: BotHarness) -> None:
    chatter = harness.payloads.text(ALICE, "see you at the march", chat=GROUP)
    assert await harness.feed(chatter) == []
    assert await harness.feed(_edited(chatter, FACES)) == []  # chatter, edited: still chatter
    ask = harness.payloads.text(ALICE, "/ask who won the game", chat=GROUP)
    await harness.feed(ask)
    (again,) = await harness.feed(_edited(ask, f"/ask {FACES}"))
    assert again.reply_to_message_id == ask["message"]["message_id"]
    assert "Sources: " in again.text
