"""100 ``/reload``s while 8 people keep asking: no failure, no lost answer, never a mixed version.

Issue 9, points 3 and 4.  Each changed version writes a marker (``mark<n>zq``) into both the
title (read from the knowledge snapshot) and the first passage (read from the index) of the
filming article, so an answer built from two versions would show two markers.  Reloads
alternate between changed and unchanged knowledge; a few meet a broken file and must be
refused while answers go on from the last good version.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import time
from pathlib import Path

import pytest
from bot_fixtures import MODERATOR_ID
from hardening_bot import SyncBot
from hardening_corpus import bad_yaml
from telegram_payloads import Person

from bot.state import state_of
from index import open_retriever
from index.embedding import PackagedModelEmbedder

pytestmark = pytest.mark.slow

RELOADS = 100
ASKERS = 8
BROKEN_EVERY = 20  # reloads 20, 40, ... meet a broken file
QUESTION = "Can I film the police?"
MARKER = re.compile(r"mark(\d+)zq")
FILMING = Path("articles/en/filming-police.md")
MODERATOR = Person(MODERATOR_ID, "Mod", "en", None)


def _write_version(knowledge: Path, original: str, number: int) -> None:
    marked = original.replace('title: "Recording the police"', f'title: "Recording mark{number}zq"')
    marked = marked.replace("Yes. In New York", f"Yes, mark{number}zq. In New York", 1)
    # The answer opens with the heading (not the title): mark it too, so a reply mixing two
    # versions would show two different markers.
    marked = marked.replace(
        "## Can I film the police?", f"## Can I film the police mark{number}zq?"
    )
    assert marked.count(f"mark{number}zq") == 3
    (knowledge / FILMING).write_text(marked, encoding="utf-8")


def _marker(bot: SyncBot) -> int:
    title = state_of(bot.app.bot_data).retriever.article("filming-police")
    assert title is not None
    found = MARKER.search(title.title)
    assert found is not None
    return int(found.group(1))


async def _asker(
    bot: SyncBot, person: Person, done: asyncio.Event
) -> list[tuple[int, set[int], int]]:
    """Ask until the reloads are over; per question (live before, markers seen, live after)."""
    seen: list[tuple[int, set[int], int]] = []
    while not done.is_set():
        before = _marker(bot)
        mark = len(bot.core.outbox)
        await bot.process(bot.payloads.text(person, QUESTION))
        replies = [m.text for m in bot.core.outbox[mark:] if m.chat_id == person.id]
        answers = [t for t in replies if "Sources:" in t]
        assert answers, f"question not answered: {replies}"
        markers = {int(n) for text in replies for n in MARKER.findall(text)}
        seen.append((before, markers, _marker(bot)))
    return seen


async def _reloader(bot: SyncBot, knowledge: Path, original: str, done: asyncio.Event) -> list[str]:
    """100 /reloads: odd ones change the marker, even ones change nothing; some meet a break."""
    replies: list[str] = []
    number = 0
    try:
        for i in range(1, RELOADS + 1):
            broken = None
            if i % BROKEN_EVERY == 0:
                broken = bad_yaml(knowledge)
            elif i % 2:
                number += 1
                _write_version(knowledge, original, number)
            mark = len(bot.core.outbox)
            await bot.process(bot.payloads.text(MODERATOR, "/reload"))
            replies += [m.text for m in bot.core.outbox[mark:] if m.chat_id == MODERATOR.id]
            if broken is not None:
                broken.unlink()
    finally:
        done.set()
    return replies


def test_reloads_under_load_never_fail_or_mix_versions(
    model: PackagedModelEmbedder, bot_knowledge_dir: Path, tmp_path: Path
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(bot_knowledge_dir, knowledge)
    original = (knowledge / FILMING).read_text(encoding="utf-8")
    _write_version(knowledge, original, 0)
    index_dir = tmp_path / "index"
    retriever = open_retriever(knowledge, index_dir, embedder=model)
    bot = SyncBot(
        retriever,
        knowledge,
        index_dir,
        moderator_ids=frozenset({MODERATOR_ID}),
        throttle_max_questions=1_000_000,
    )
    askers = [Person(77_000_000 + n, "Askerzq", "en", None) for n in range(ASKERS)]

    async def scenario() -> tuple[list[str], list[list[tuple[int, set[int], int]]]]:
        done = asyncio.Event()
        reloader = asyncio.ensure_future(_reloader(bot, knowledge, original, done))
        asked = await asyncio.gather(*(_asker(bot, person, done) for person in askers))
        return await reloader, list(asked)

    started = time.perf_counter()
    try:
        reloads, asked = bot.run(scenario())
        live = _marker(bot)
    finally:
        bot.close()
    seconds = time.perf_counter() - started
    assert bot.errors == []
    refused = [r for r in reloads if r.startswith("Reload refused")]
    assert len(refused) == RELOADS // BROKEN_EVERY
    assert all("bad-yaml.md" in r and "The old index stays live" in r for r in refused)
    assert len([r for r in reloads if r.startswith("Reloaded")]) == RELOADS - len(refused)
    questions = [q for per_asker in asked for q in per_asker]
    assert all(per_asker for per_asker in asked), "every asker was answered"
    for before, markers, after in questions:
        assert len(markers) == 1, f"one answer mixed versions {sorted(markers)}"
        assert before <= markers.pop() <= after, "an answer from a version not live then"
    assert live == RELOADS // 2  # every odd reload published a new version
    print(f"\n{RELOADS} reloads, {len(questions)} questions answered in {seconds:.1f} s")
