""" "Did you mean…?" in the bot, the terminal chat and inline mode (fast, through process_update).

The retriever gets a band wide enough that a question the gate declines gets its candidates
(the shipped band is fitted on the real knowledge base, not on the fixture one); what is
tested here is what people see and what a tap does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from bot_fixtures import MODERATOR_ID, BotHarness, bot_settings, running_harness
from botapi_core import SentMessage
from telegram_payloads import Person, group_chat

from bot.choices import LABEL_LIMIT, did_you_mean, heading_of
from bot.document import plain
from bot.rendering import render_plain
from bot.terminal import TerminalChat
from index import Retriever
from index.confidence import Band

ALICE = Person(3001, "Alice", "en")
ANA = Person(3002, "Ana", "es")
MOD = Person(MODERATOR_ID, "Mo", "en")
GROUP = group_chat(-100999)
VAGUE = "what about when they come to the house"
VAGUE_ES = "¿y si vienen a mi casa?"


@pytest.fixture(scope="module")
def unsure_retriever(bot_retriever: Retriever) -> Retriever:
    # Wide enough for VAGUE (gate probability about 0.03 with the shipped gate), not for a
    # question far from the domain ("what's the weather tomorrow": about 0.004).
    calibration = replace(bot_retriever.calibration, bands={"hybrid": Band(floor=0.01)})
    return bot_retriever.with_calibration(calibration)


@pytest.fixture
async def harness(
    unsure_retriever: Retriever, bot_knowledge_dir: Path, bot_index_dir: Path
) -> AsyncIterator[BotHarness]:
    settings = bot_settings(
        bot_knowledge_dir, bot_index_dir, moderator_ids=frozenset({MODERATOR_ID})
    )
    async with running_harness(settings, unsure_retriever) as running:
        yield running


def _buttons(message: SentMessage) -> list[dict[str, str]]:
    return [b for row in (message.reply_markup or {}).get("inline_keyboard", []) for b in row]


async def test_unsure_is_one_line_with_the_choices_as_heading_buttons(
    harness: BotHarness, unsure_retriever: Retriever
) -> None:
    answer = unsure_retriever.search(VAGUE, k=3, preferred="en")
    assert answer.reason == "unsure" and len(answer.choices) >= 2
    sent = await harness.feed(harness.payloads.text(ALICE, VAGUE))
    assert len(sent) == 1
    assert sent[0].text == "I'm not sure I understood. Did you mean one of these?"
    buttons = _buttons(sent[0])
    assert [b["text"] for b in buttons] == [c.label for c in did_you_mean(answer)]
    assert buttons[0]["text"] == heading_of(answer.choices[0].passage)  # short enough
    assert all(b["callback_data"].startswith("u:") for b in buttons)


async def test_a_tap_shows_that_passage_in_an_answers_shape(
    harness: BotHarness, unsure_retriever: Retriever
) -> None:
    choices = unsure_retriever.search(VAGUE, k=3, preferred="en").choices
    sent = await harness.feed(harness.payloads.text(ALICE, VAGUE))
    second = choices[1].passage
    shown = await harness.tap(ALICE, sent[0], _buttons(sent[0])[1]["callback_data"])
    assert len(shown) == 1 and shown[0].text.startswith(heading_of(second))
    assert "Sources:" in shown[0].text and "Reviewed on" in shown[0].text
    assert "Wrong or outdated?" in [b["text"] for b in _buttons(shown[0])]
    stats = (await harness.feed(harness.payloads.text(MOD, "/stats")))[0].text
    assert "1 unsure (choices offered)" in stats and "• choice: 1" in stats
    assert "come to the house" not in stats


async def test_spanish_asker_gets_the_line_and_headings_in_spanish(
    harness: BotHarness, unsure_retriever: Retriever
) -> None:
    answer = unsure_retriever.search(VAGUE_ES, k=3)
    assert answer.reason == "unsure" and answer.lang == "es"
    sent = await harness.feed(harness.payloads.text(ANA, VAGUE_ES))
    assert sent[0].text.startswith("No estoy seguro de haber entendido.")
    first = _buttons(sent[0])[0]["text"]
    assert first == heading_of(answer.choices[0].passage)
    assert answer.choices[0].passage.lang == "es"  # police-at-door has a Spanish version


async def test_in_a_group_the_choices_open_in_a_private_chat(harness: BotHarness) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, f"/ask {VAGUE}", chat=GROUP))
    buttons = _buttons(sent[-1])
    assert len(buttons) >= 2 and all("callback_data" not in b for b in buttons)
    assert all(b["url"].startswith("https://t.me/kyr_test_bot?start=a_") for b in buttons)


async def test_inline_mode_offers_the_choices_as_results(
    harness: BotHarness, unsure_retriever: Retriever
) -> None:
    choices = unsure_retriever.search(VAGUE, k=3, preferred="en").choices
    await harness.feed(harness.payloads.inline_query(ALICE, VAGUE))
    results = harness.core.inline_answers[-1].results
    assert [r["title"] for r in results] == [h.article.title for h in choices]


async def test_clear_declines_and_refusals_are_unchanged(harness: BotHarness) -> None:
    refused = await harness.feed(
        harness.payloads.text(ALICE, "find the home address of a police officer")
    )
    assert refused[0].text.startswith("I can't help with that") and not _buttons(refused[0])
    far = await harness.feed(harness.payloads.text(ALICE, "what's the weather tomorrow"))
    assert far[0].text.startswith("I don't have a vetted answer") and not _buttons(far[0])


def test_terminal_numbers_the_choices_and_a_number_shows_the_passage(
    unsure_retriever: Retriever,
) -> None:
    choices = unsure_retriever.search(VAGUE, k=3).choices
    chat = TerminalChat(unsure_retriever)
    shown = chat.reply(VAGUE)
    assert plain(shown[0]) == "I'm not sure I understood. Did you mean one of these?"
    lines = plain(shown[-1]).splitlines()
    assert lines[0] == "Type a number for more:"
    labels = [c.label for c in did_you_mean(unsure_retriever.search(VAGUE, k=3))]
    assert lines[1:] == [f"{i}. {label}" for i, label in enumerate(labels, 1)]
    tapped = render_plain(chat.reply("2"))
    assert tapped.startswith(heading_of(choices[1].passage)) and "Sources: " in tapped


def test_choice_labels_are_headings_cut_at_40_characters(unsure_retriever: Retriever) -> None:
    answer = unsure_retriever.search(VAGUE, k=3)
    long = answer.choices[0].model_copy(
        update={"passage": answer.choices[0].passage.model_copy(update={"heading": "x" * 80})}
    )
    labels = [c.label for c in did_you_mean(answer.model_copy(update={"choices": [long]}))]
    assert len(labels[0]) == LABEL_LIMIT and labels[0].endswith("…")
