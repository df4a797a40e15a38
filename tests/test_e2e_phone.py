"""Replies shaped for a phone, over the real knowledge base and the evaluation questions.

Each reply goes through the wired bot and the emulator's Telegram checks; what a phone shows
first is measured on what the emulator parsed: the text outside the expandable quote, plus
the quote's first three lines as laid out (``bot.rendering.PHONE_COLUMNS``, generous).
"""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from bot_fixtures import BotHarness, bot_settings, running_harness
from botapi_core import SentMessage
from telegram_payloads import Person

from bot.choices import also_label
from bot.rendering import FOLD_LINES, PHONE_COLUMNS, utf16_len
from index import Retriever, open_retriever
from index.evaluation import load_questions

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"
SAMPLE = 150
PHONE = re.compile(r"\d{3}-\d{3}-\d{4}")
ASKER = Person(2201, "Asker", "en", "asker")


@pytest.fixture(scope="module")
def kb_retriever(model: object, tmp_path_factory: pytest.TempPathFactory) -> Retriever:
    return open_retriever(KNOWLEDGE, tmp_path_factory.mktemp("phone-kb"), embedder=model)  # type: ignore[arg-type]


@pytest.fixture
async def kb_bot(kb_retriever: Retriever, tmp_path: Path) -> AsyncIterator[BotHarness]:
    settings = bot_settings(KNOWLEDGE, tmp_path, throttle_max_questions=10_000)
    async with running_harness(settings, kb_retriever) as running:
        yield running


def visible(message: SentMessage) -> int:
    """What the phone shows before a tap, from the emulator's parsed text and entities."""
    units = message.text.encode("utf-16-le")
    folds = [e for e in message.entities if e["type"] == "expandable_blockquote"]
    shown, at = [], 0
    for fold in folds:
        start, end = fold["offset"] * 2, (fold["offset"] + fold["length"]) * 2
        shown.append(units[at:start].decode("utf-16-le"))
        lines = []
        for line in units[start:end].decode("utf-16-le").split("\n"):
            lines += textwrap.wrap(line, PHONE_COLUMNS) or [""]
        shown.append("\n".join(lines[:FOLD_LINES]))
        at = end
    shown.append(units[at:].decode("utf-16-le"))
    return utf16_len("".join(shown))


async def test_first_messages_fit_a_phones_first_screen(
    kb_bot: BotHarness, kb_retriever: Retriever
) -> None:
    questions = [q for q in load_questions() if q.kind == "answerable"]
    sample = random.Random(20261204).sample(questions, SAMPLE)
    sizes, tapped = [], 0
    for q in sample:
        sent = await kb_bot.feed(kb_bot.payloads.text(ASKER, q.question))
        assert len(sent) == 1
        if "Sources: " not in sent[0].text and "Fuentes: " not in sent[0].text:
            continue  # declined
        sizes.append(visible(sent[0]))
        rows = (sent[0].reply_markup or {}).get("inline_keyboard", [])
        assert len(rows) <= 4
        also = [b for row in rows for b in row if b.get("callback_data", "").startswith("a:")]
        if also and tapped < 10:
            tapped += 1
            (opened,) = await kb_bot.tap(ASKER, sent[0], also[0]["callback_data"])
            hits = kb_retriever.search(q.question, k=3).hits
            labels = {also_label(h.passage, h.article.lang): h.passage for h in hits[1:]}
            assert opened.text.startswith(labels[also[0]["text"]].heading)
    sizes.sort()
    assert len(sizes) >= SAMPLE * 0.8
    within = sum(s <= 1200 for s in sizes) / len(sizes)
    assert within >= 0.95, (within, sizes[-10:])
    assert sizes[-1] <= 2000, sizes[-5:]
    assert tapped >= 5


async def test_hotline_opens_with_the_numbers(kb_bot: BotHarness) -> None:
    (sent,) = await kb_bot.feed(kb_bot.payloads.text(ASKER, "/hotline"))
    first = PHONE.search(sent.text)
    assert first is not None and first.start() <= 300
    for need in ("Arrested at a protest", "Immigration agents", "Other legal problems"):
        assert need in sent.text
    assert "listed 2026-" in sent.text
    labels = [b["text"] for row in sent.reply_markup["inline_keyboard"] for b in row]  # type: ignore[index]
    assert labels == ["More legal help"]
    (more,) = await kb_bot.tap(
        ASKER,
        sent,
        sent.reply_markup["inline_keyboard"][0][0]["callback_data"],  # type: ignore[index]
    )
    assert "Sources: " in more.text


async def declined(
    kb_bot: BotHarness, kb_retriever: Retriever, question: str, subjects: tuple[str, ...]
) -> str:
    """The reply to a question the core declines, its nearest off-topic examples being in one
    of ``subjects``."""
    answer = kb_retriever.search(question, k=3)
    assert answer.abstained and answer.decline_subject in subjects
    (sent,) = await kb_bot.feed(kb_bot.payloads.text(ASKER, question))
    return sent.text


@pytest.mark.parametrize(
    "question",
    [
        "my landlord wont fix the heat and its winter, can i stop paying rent",
        "got a speeding ticket on the highway, should i fight it in traffic court",
    ],
)
async def test_housing_and_traffic_declines_point_to_general_legal_help(
    kb_bot: BotHarness, kb_retriever: Retriever, question: str
) -> None:
    text = await declined(kb_bot, kb_retriever, question, ("housing", "traffic"))
    assert "/hotline" not in text
    assert "888-663-6680" in text  # the other-legal numbers, from the vetted passage
    assert "212-679-6018" not in text  # not the protest-arrest hotline


async def test_someone_in_danger_hears_the_emergency_number_first(
    kb_bot: BotHarness, kb_retriever: Retriever
) -> None:
    question = "my girlfriend threatened to hurt me tonight"
    text = await declined(kb_bot, kb_retriever, question, ("danger",))
    assert text.startswith("If you or someone else is in danger right now, call 911")
    assert "888-663-6680" in text  # then general legal help, from the vetted passage
    assert "212-679-6018" not in text


async def test_asking_whether_the_bot_reports_to_police_gets_what_it_keeps(
    kb_bot: BotHarness, kb_retriever: Retriever
) -> None:
    text = await declined(kb_bot, kb_retriever, "who runs this thing", ("bot",))
    assert text.startswith("I am kyr-bot, open-source software")
    assert "What I keep" in text and "/forget" in text
    assert "212-679-6018" not in text and "/hotline" not in text
    es = await declined(kb_bot, kb_retriever, "quién está detrás de este bot?", ("bot",))
    assert es.startswith("Soy kyr-bot") and "/forget" in es


async def test_a_passage_says_where_it_applies(kb_bot: BotHarness) -> None:
    (sent,) = await kb_bot.feed(
        kb_bot.payloads.text(ASKER, "ice is at my door right now what do i do")
    )
    assert "Applies to: United States ·" in sent.text and "Minnesota" not in sent.text
    (es,) = await kb_bot.feed(
        kb_bot.payloads.text(ASKER, "ICE está en mi puerta ahora, ¿qué hago?")
    )
    assert "Se aplica a: Estados Unidos ·" in es.text and "Minnesota" not in es.text
