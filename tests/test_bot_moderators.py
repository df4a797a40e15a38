"""Fast tests of /reload, /stats and /due: moderators only, everyone else as if unknown."""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from bot_fixtures import MODERATOR_ID, BotHarness, bot_settings, running_harness
from telegram_payloads import Person, group_chat

from bot.state import state_of
from index import Retriever
from index.loading import open_retriever

MOD = Person(MODERATOR_ID, "Mo", "en")
EVE = Person(5001, "Eve", "en")
GROUP = group_chat(-100555)
FILMING = Path("articles/en/filming-police.md")


@pytest.mark.parametrize("command", ["/reload", "/stats", "/due", "/reload@kyr_test_bot"])
async def test_non_moderators_get_the_unknown_command_reply(
    harness: BotHarness, command: str
) -> None:
    unknown = await harness.feed(harness.payloads.text(EVE, "/nonsense"))
    sent = await harness.feed(harness.payloads.text(EVE, command))
    assert [m.text for m in sent] == [m.text for m in unknown]
    assert sent[0].text.startswith("I don't know that command")


@pytest.mark.parametrize("command", ["/reload", "/stats", "/due", "/stats@kyr_test_bot"])
async def test_non_moderators_in_groups_get_silence_like_unknown_commands(
    harness: BotHarness, command: str
) -> None:
    assert await harness.feed(harness.payloads.text(EVE, "/nonsense", chat=GROUP)) == []
    assert await harness.feed(harness.payloads.text(EVE, command, chat=GROUP)) == []


async def test_stats_counts_outcomes_channels_and_topics(harness: BotHarness) -> None:
    await harness.feed(harness.payloads.text(EVE, "Can I film the police?"))
    await harness.feed(harness.payloads.text(EVE, "Who won the football game last night?"))
    await harness.feed(harness.payloads.text(EVE, "/ask Police are at my door?", chat=GROUP))
    await harness.feed(harness.payloads.text(EVE, "/start police-at-door"))
    text = (await harness.feed(harness.payloads.text(MOD, "/stats@kyr_test_bot", chat=GROUP)))[
        0
    ].text
    assert "Questions: 2 answered, 0 unsure (choices offered), 1 abstained, 0 refused" in text
    assert "• private: 2" in text and "• group: 1" in text and "• link: 1" in text
    assert "• police-at-door: 2" in text and "• filming-police: 1" in text
    assert str(EVE.id) not in text and "football" not in text


async def test_due_lists_articles_due_for_review(harness: BotHarness) -> None:
    text = (await harness.feed(harness.payloads.text(MOD, "/due")))[0].text
    assert re.match(r"Due for review: \d+ of \d+ articles\.", text)


@pytest.fixture
async def reload_harness(
    bot_retriever: Retriever, bot_knowledge_dir: Path, bot_index_dir: Path, tmp_path: Path
) -> AsyncIterator[BotHarness]:
    """A bot over a writable copy of the knowledge base and its index."""
    knowledge, index = tmp_path / "knowledge", tmp_path / "index"
    shutil.copytree(bot_knowledge_dir, knowledge)
    shutil.copytree(bot_index_dir, index)
    retriever = open_retriever(knowledge, index, embedder=bot_retriever.embedder)
    settings = bot_settings(knowledge, index, moderator_ids=frozenset({MODERATOR_ID}))
    async with running_harness(settings, retriever) as running:
        yield running


async def test_reload_serves_edited_text_and_old_buttons_say_updated(
    reload_harness: BotHarness,
) -> None:
    h = reload_harness
    before = await h.feed(h.payloads.text(EVE, "Can I film the police?"))
    knowledge = state_of(h.app.bot_data).places.knowledge_dir
    path = knowledge / FILMING
    path.write_text(path.read_text().replace("Yes.", "Yes, RELOADED-MARKER.", 1))
    reply = (await h.feed(h.payloads.text(MOD, "/reload")))[0].text
    assert re.match(r"Reloaded in \d+\.\d\d s\.", reply), reply
    assert "1 changed, 0 added, 0 removed" in reply
    after = await h.feed(h.payloads.text(EVE, "Can I film the police?"))
    assert "RELOADED-MARKER" in after[0].text
    old = h.button(before[-1], "Wrong or outdated?")
    assert await h.tap(EVE, before[-1], old) == []
    assert h.core.callback_answers[-1]["text"].startswith("This answer was updated since")


async def test_reload_with_a_broken_file_keeps_the_old_index(
    reload_harness: BotHarness,
) -> None:
    h = reload_harness
    state = state_of(h.app.bot_data)
    version = state.retriever.version
    broken = state.places.knowledge_dir / "articles/en/broken.md"
    broken.write_text("---\nid: [broken\n---\n\n## Heading\n\nText.\n")
    reply = (await h.feed(h.payloads.text(MOD, "/reload")))[0].text
    assert reply.startswith("Reload refused") and "articles/en/broken.md:" in reply
    assert f"The old index stays live (version {version[:12]})" in reply
    assert state.retriever.version == version
    answer = await h.feed(h.payloads.text(EVE, "Can I film the police?"))
    assert answer[0].text.startswith("Can I film the police?")
