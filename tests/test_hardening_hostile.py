"""Hostile messages through the whole answer path, and every kind of update: never an exception.

Issue 9, point 1.  Generated text goes through the real Application: handlers, the real
retriever (packaged model), reply composition, the renderer, and the exact text and entities
that reach the Bot API (checked there as Telegram would).  The bot's error handler must never
fire: a reply is valid Telegram HTML of at most 4096 UTF-16 units per message, or no reply.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hardening_bot import SyncBot, assert_valid_telegram_html
from hostile_payloads import (
    BOT,
    HOSTILE_TEXT,
    channel_post,
    forward_origins,
    forwarded,
    odd_callbacks,
    unhandled,
    without_text,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from telegram_payloads import Person, group_chat

from index import Retriever

_USERS = itertools.count(8_100_000)
PROPERTY = settings(
    max_examples=120,
    deadline=None,
    database=None,  # no example files left in the repository; every run stands alone
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def sync_bot(
    bot_retriever: Retriever, bot_knowledge_dir: Path, bot_index_dir: Path
) -> Iterator[SyncBot]:
    bot = SyncBot(bot_retriever, bot_knowledge_dir, bot_index_dir, throttle_max_questions=1_000_000)
    yield bot
    bot.close()


def _person(lang: str | None) -> Person:
    return Person(next(_USERS), "Tester", lang, None)


@pytest.mark.slow
@PROPERTY
@given(text=HOSTILE_TEXT, lang=st.sampled_from(["en", "es", None, "zz-ZZ"]))
@example(text="Police at my door \ud800 must I open?", lang="en")
@example(text="<b>&amp;</b>" * 1000, lang=None)
def test_private_text_gets_valid_replies(sync_bot: SyncBot, text: str, lang: str | None) -> None:
    sent = sync_bot.feed(sync_bot.payloads.text(_person(lang), text))
    assert sync_bot.errors == []
    assert_valid_telegram_html(sent)
    assert sent, "a private message always gets an answer, an abstention or a hint"


@pytest.mark.slow
@PROPERTY
@given(text=HOSTILE_TEXT, how=st.sampled_from(["mention", "ask", "chatter"]))
@example(text="\ud800 police \udfff door", how="mention")
@example(text="\u202e@kyr_test_bot \u200b", how="chatter")
def test_group_text_gets_valid_replies_or_none(sync_bot: SyncBot, text: str, how: str) -> None:
    prefix = {"mention": f"@{BOT} ", "ask": f"/ask@{BOT} ", "chatter": ""}[how]
    # A new group each time: AIORateLimiter allows 20 messages a minute per group.
    group = group_chat(-next(_USERS), "Legal support")
    update = sync_bot.payloads.text(_person("en"), prefix + text, group)
    sent = sync_bot.feed(update)
    assert sync_bot.errors == []
    assert_valid_telegram_html(sent)
    if how == "ask":
        assert sent, "/ask always gets an answer or the usage hint"


@pytest.mark.slow
@PROPERTY
@given(query=HOSTILE_TEXT.map(lambda text: text[:256]))
@example(query="film \ud800 the police")
def test_inline_queries_get_valid_results(sync_bot: SyncBot, query: str) -> None:
    update = sync_bot.payloads.inline_query(_person("en"), query)
    before = len(sync_bot.core.inline_answers)
    sync_bot.feed(update)
    assert sync_bot.errors == []
    assert len(sync_bot.core.inline_answers) == before + 1  # checked there as Telegram would


def test_edited_commands_and_channel_posts_are_ignored(sync_bot: SyncBot) -> None:
    person = _person("en")
    first = sync_bot.payloads.text(person, "Police are at my door")
    sync_bot.core.remember(first)
    message_id = first["message"]["message_id"]
    edited = sync_bot.payloads.edited_text(person, message_id, "Can I film the police?")
    answered = sync_bot.feed(edited)  # an edited question is answered once, replying to it
    assert_valid_telegram_html(answered)
    assert len(answered) == 1 and answered[0].reply_to_message_id == message_id
    assert sync_bot.feed(edited) == []  # the same edit delivered again: not answered twice
    updates = [
        sync_bot.payloads.edited_text(person, message_id, "/start"),
        channel_post(sync_bot.payloads, "/start"),
        channel_post(sync_bot.payloads, f"@{BOT} can I film the police?"),
        channel_post(sync_bot.payloads, "/ask can I film?", edited=True),
    ]
    for update in updates:
        assert sync_bot.feed(update) == []
        assert sync_bot.errors == []


def test_forwarded_messages_are_answered_like_any_text(sync_bot: SyncBot) -> None:
    person = _person("en")
    for origin in forward_origins(person):
        sent = sync_bot.feed(forwarded(sync_bot.payloads, person, "Can I film the police?", origin))
        assert_valid_telegram_html(sent)
        assert sent[0].text.startswith("Can I film the police?")
        assert sync_bot.errors == []


def test_messages_without_text_never_fail(sync_bot: SyncBot) -> None:
    for update in without_text(sync_bot.payloads, _person("es")):
        sent = sync_bot.feed(update)
        assert_valid_telegram_html(sent)
        if update["message"]["chat"]["type"] != "private":
            assert sent == [], "service messages in groups get no reply"
        assert sync_bot.errors == []


def test_unhandled_update_kinds_are_ignored(sync_bot: SyncBot) -> None:
    for update in unhandled(sync_bot.payloads, _person("en")):
        assert sync_bot.feed(update) == [], next(k for k in update if k != "update_id")
        assert sync_bot.errors == []


def test_buttons_the_bot_never_made_are_answered_quietly(sync_bot: SyncBot) -> None:
    for update in odd_callbacks(sync_bot.payloads, _person("en")):
        assert_valid_telegram_html(sync_bot.feed(update))
        assert sync_bot.errors == []
