"""Resource bounds: a 1,000-message burst gets one notice; 10,000 questions leave memory flat.

Issue 9, point 7.  Both go through the real Application in-process (handlers, throttle,
retriever with the packaged model, rendering, the Bot API checks).  For the memory run the
rate limiter keeps its retry logic but not Telegram's 30-messages-a-second pacing, which
would only make the run last five minutes; the emulator's records are cleared as it goes
so that only the bot's own memory is measured.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import itertools
import os
from pathlib import Path

import pytest
from hardening_bot import SyncBot
from telegram_payloads import Person

import bot.app
from bot.memory import MAX_MESSAGES
from bot.retrying import RetryingRateLimiter
from bot.state import state_of
from index import Retriever

BURST = 1_000
QUESTIONS = 10_000
WARM_UP = 500
ALLOWED_GROWTH_MB = 50.0
NOTICE = "You are sending questions very fast"
TEMPLATES = [
    "Can I film the police at the protest on day {n}?",
    "Police are at my door with paper number {n}. Must I open?",
    "Do I have to unlock my phone, case {n}?",
    "¿Tengo que abrir la puerta a la policía? caso {n}",
    "Who won the football game number {n}?",
]


def _rss_mb() -> float:
    """Resident memory now (not the peak), from /proc."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.slow
def test_a_burst_of_1000_gets_one_notice_then_silence(
    bot_retriever: Retriever, bot_knowledge_dir: Path, bot_index_dir: Path
) -> None:
    bot = SyncBot(bot_retriever, bot_knowledge_dir, bot_index_dir)  # 20 a minute, the default
    flooder, other = Person(79_000_001, "Flood", "en"), Person(79_000_002, "Calm", "en")
    updates = [bot.payloads.text(flooder, f"Can I film the police? {n}") for n in range(BURST)]
    try:

        async def burst() -> None:
            await asyncio.gather(*(bot.process(update) for update in updates))

        bot.run(burst())
        sent = [m.text for m in bot.core.outbox if m.chat_id == flooder.id]
        calm = bot.feed(bot.payloads.text(other, "Can I film the police?"))
        record = state_of(bot.app.bot_data).memory.touch(flooder.id)
    finally:
        bot.close()
    assert bot.errors == []
    notices = [t for t in sent if t.startswith(NOTICE)]
    answers = [t for t in sent if "Sources:" in t]
    assert len(notices) == 1
    assert len(answers) == 20, "the first 20 were answered"
    assert len(sent) == len(answers) + 1, "after the notice: silence"
    assert calm and calm[0].text.startswith("Can I film the police?"), "others are not throttled"
    assert len(record.messages) <= MAX_MESSAGES


def _people() -> itertools.cycle[Person]:
    people = [Person(79_100_000 + n, "Load", "en") for n in range(500)]
    return itertools.cycle(people)


async def _ask_many(bot: SyncBot, people: itertools.cycle[Person], start: int, count: int) -> None:
    """``count`` distinct questions, 16 at a time; the emulator's records are dropped as we go."""
    for base in range(start, start + count, 16):
        batch = [
            bot.payloads.text(next(people), TEMPLATES[n % len(TEMPLATES)].format(n=n))
            for n in range(base, min(base + 16, start + count))
        ]
        await asyncio.gather(*(bot.process(update) for update in batch))
        assert bot.errors == []
        with bot.core.cond:
            assert bot.core.outbox, "the bot answered"
            bot.core.outbox.clear()
            bot.core.calls.clear()
            bot.core.messages.clear()


@pytest.mark.slow
def test_memory_stays_flat_over_10000_questions(
    bot_retriever: Retriever,
    bot_knowledge_dir: Path,
    bot_index_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unpaced = functools.partial(RetryingRateLimiter, overall_max_rate=0, group_max_rate=0)
    monkeypatch.setattr(bot.app, "RetryingRateLimiter", unpaced)
    sync_bot = SyncBot(bot_retriever, bot_knowledge_dir, bot_index_dir, throttle_max_questions=100)
    people = _people()
    try:
        sync_bot.run(_ask_many(sync_bot, people, 0, WARM_UP))
        gc.collect()
        before = _rss_mb()
        sync_bot.run(_ask_many(sync_bot, people, WARM_UP, QUESTIONS))
        gc.collect()
        after = _rss_mb()
        stats = state_of(sync_bot.app.bot_data).stats
    finally:
        sync_bot.close()
    assert sum(stats.channels.values()) == WARM_UP + QUESTIONS
    print(f"\nRSS over {QUESTIONS} questions: {before:.1f} MB -> {after:.1f} MB")
    assert after - before < ALLOWED_GROWTH_MB
