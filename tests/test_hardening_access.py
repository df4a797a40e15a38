"""Moderators' commands and the webhook: refused to everyone without the right id or secret.

Issue 9, point 6.  A non-moderator gets exactly what an unknown command gets (the "unknown
command" text in private, silence in groups), however the command is dressed: ``/cmd@bot``,
arguments, a moderator's forwarded message, an anonymous admin, an edited message, a channel
post.  The webhook answers 403 to every request without Telegram's exact secret token.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from bot_fixtures import MODERATOR_ID, TOKEN
from hardening_bot import SyncBot
from hostile_payloads import BOT, channel_post
from telegram_payloads import JSON, Person, group_chat

from bot.state import state_of
from index import Retriever

MODERATOR = Person(MODERATOR_ID, "Mod", "en", "the_mod")
STRANGER = Person(76_500_001, "Strangerzq", "en", "stranger")
GROUP = group_chat(-1007650001, "Legal support")
ANONYMOUS_ADMIN = Person(1087968824, "Group", None, "GroupAnonymousBot")
COMMANDS = ("reload", "stats", "due")
UNKNOWN = "I don't know that command"
PRIVILEGED = ("Reloaded", "Reload refused", "Since start", "Due for review")
SECRET = "Hardening-secret_42"


@pytest.fixture(scope="module")
def guarded_bot(
    bot_retriever: Retriever,
    bot_knowledge_dir: Path,
    bot_index_dir: Path,
) -> Iterator[SyncBot]:
    bot = SyncBot(
        bot_retriever, bot_knowledge_dir, bot_index_dir, moderator_ids=frozenset({MODERATOR_ID})
    )
    yield bot
    bot.close()


def _variants(command: str) -> list[tuple[Person, str, JSON | None]]:
    """(sender, text, chat) for every way a stranger might dress a moderator command."""
    return [
        (STRANGER, f"/{command}", None),
        (STRANGER, f"/{command}@{BOT}", None),
        (STRANGER, f"/{command}@{BOT.upper()} now please", None),
        (STRANGER, f"/{command} {MODERATOR_ID}", None),
        (STRANGER, f"/{command}", GROUP),
        (STRANGER, f"/{command}@{BOT}", GROUP),
        (STRANGER, f"/{command}@{BOT} --force", GROUP),
        (ANONYMOUS_ADMIN, f"/{command}@{BOT}", GROUP),
    ]


def _privileged(texts: list[str]) -> list[str]:
    return [t for t in texts if t.startswith(PRIVILEGED)]


@pytest.mark.parametrize("command", COMMANDS)
def test_strangers_get_what_an_unknown_command_gets(guarded_bot: SyncBot, command: str) -> None:
    state = state_of(guarded_bot.app.bot_data)
    snapshot = state.snapshot
    for person, text, chat in _variants(command):
        update = guarded_bot.payloads.text(person, text, chat)
        if person is ANONYMOUS_ADMIN:
            update["message"]["sender_chat"] = GROUP
        sent = [m.text for m in guarded_bot.feed(update)]
        assert guarded_bot.errors == []
        assert _privileged(sent) == [], (text, chat)
        if chat is None:
            assert len(sent) == 1 and sent[0].startswith(UNKNOWN), text
        else:
            assert sent == [], (text, "groups stay silent")
    assert state.snapshot is snapshot, "no reload happened"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_moderators_name_on_someone_elses_message_is_not_enough(
    guarded_bot: SyncBot, command: str
) -> None:
    """Forwarded from, replying to, or edited: only ``from`` is who sends a command."""
    payloads = guarded_bot.payloads
    forwarded = payloads.text(STRANGER, f"/{command}")
    forwarded["message"]["forward_origin"] = {
        "type": "user",
        "date": 1,
        "sender_user": MODERATOR.to_json(),
    }
    replying = payloads.text(STRANGER, f"/{command}@{BOT}", GROUP)
    replying["message"]["reply_to_message"] = payloads.text(MODERATOR, "hi", GROUP)["message"]
    edited = payloads.edited_text(STRANGER, 1, f"/{command}")
    in_channel = channel_post(payloads, f"/{command}@{BOT}")
    for update in (forwarded, replying, edited, in_channel):
        sent = [m.text for m in guarded_bot.feed(update)]
        assert guarded_bot.errors == []
        assert _privileged(sent) == []


def test_the_moderator_is_served_in_private_groups_and_with_the_bot_name(
    guarded_bot: SyncBot,
) -> None:
    """The control: the same paths do work for the listed id, so the refusals above mean it."""
    for text, chat, expected in (
        ("/stats", None, "Since start"),
        (f"/stats@{BOT}", GROUP, "Since start"),
        (f"/due@{BOT}", None, "Due for review"),
    ):
        sent = guarded_bot.feed(guarded_bot.payloads.text(MODERATOR, text, chat))
        assert sent and sent[0].text.startswith(expected), text
        assert str(STRANGER.id) not in sent[0].text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _post_all(bot: SyncBot, port: int, attempts: list[dict[str, str]]) -> list[int]:
    """Serve the webhook on ``port`` and POST one update per header set; the statuses."""
    url = f"http://127.0.0.1:{port}/hook"
    assert bot.app.updater is not None
    await bot.app.updater.start_webhook(
        listen="127.0.0.1", port=port, url_path="hook", webhook_url=url, secret_token=SECRET
    )
    await bot.app.start()
    statuses = []
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            for headers in attempts:
                update = bot.payloads.text(STRANGER, "/help")
                bot.core.remember(update)
                body = json.dumps(update)
                response = await client.post(
                    url, content=body, headers={"Content-Type": "application/json", **headers}
                )
                statuses.append(response.status_code)
        for _ in range(200):  # the accepted update is processed in the background
            if bot.core.outbox:
                break
            await asyncio.sleep(0.05)
    finally:
        await bot.app.updater.stop()
        await bot.app.stop()
    return statuses


def test_webhook_refuses_every_request_without_the_exact_secret(
    bot_retriever: Retriever, bot_knowledge_dir: Path, bot_index_dir: Path
) -> None:
    bot = SyncBot(bot_retriever, bot_knowledge_dir, bot_index_dir)
    header = "X-Telegram-Bot-Api-Secret-Token"
    wrong = [
        {},
        {header: ""},
        {header: "wrong"},
        {header: SECRET.lower()},
        {header: SECRET[:-1]},
        {header: SECRET + "x"},
        {header: TOKEN},
        {header: "x" * 5000},
        {"X-Telegram-Bot-Api-Secret": SECRET},
    ]
    try:
        statuses = bot.run(_post_all(bot, _free_port(), [*wrong, {header: SECRET}]))
    finally:
        bot.close()
    assert statuses == [403] * len(wrong) + [200]
    assert [m.chat_id for m in bot.core.outbox] == [STRANGER.id], "only the right one was served"
    assert bot.errors == []
