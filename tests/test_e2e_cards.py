"""End to end: /card over real HTTP, a photo upload, the PDF document, file_id reuse.

``python -m bot`` runs against the Bot API emulator, which checks sendPhoto and sendDocument
as Telegram does (multipart upload, size and dimension limits, or a known file_id string).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bot_fixtures import TOKEN, RunningBot, start_bot_process, stop_bot_process
from botapi_core import SentMessage
from telegram_payloads import Person

from index import open_retriever

pytestmark = pytest.mark.slow
CARDS = Path(__file__).resolve().parent / "fixtures" / "cards"
JO = Person(74230001, "Jozq", "en", "jo_e2e")
KAI = Person(74230002, "Kaizq", "es", "kai_e2e")
LIV = Person(74230003, "Livzq", "en", "liv_e2e")


@pytest.fixture(scope="module")
def card_bot(
    model: Any, bot_knowledge_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningBot]:
    """A bot over the fixture knowledge base plus one fixture card and a hotlines file."""
    from botapi_emulator import BotApiEmulator

    workdir = tmp_path_factory.mktemp("bot-cards")
    knowledge, index = workdir / "knowledge", workdir / "kyr-index"
    shutil.copytree(bot_knowledge_dir, knowledge)
    shutil.copytree(CARDS, knowledge, dirs_exist_ok=True)
    open_retriever(knowledge, index, embedder=model)  # builds the index and renders cards
    with BotApiEmulator(TOKEN) as api:
        running = start_bot_process(api, knowledge, index, workdir, LOG_LEVEL="DEBUG")
        try:
            yield running
        finally:
            stop_bot_process(running)


def _say(bot: RunningBot, person: Person, text: str) -> list[SentMessage]:
    mark = bot.api.mark()
    bot.api.send_text(person, text)
    return bot.api.wait_for_messages(person.id, since=mark, timeout=60)


def _tap(bot: RunningBot, person: Person, message: SentMessage, label: str) -> SentMessage:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    data = next(b["callback_data"] for row in rows for b in row if b["text"] == label)
    mark = bot.api.mark()
    bot.api.wait_for_callback_answer(bot.api.press(person, message, data))
    return bot.api.wait_for_messages(person.id, since=mark, timeout=60)[0]


def test_card_photo_then_pdf_then_file_id_reused(card_bot: RunningBot) -> None:
    listing = _say(card_bot, JO, "/card")[0]
    assert listing.text.startswith("Cards to show an officer")
    photo = _tap(card_bot, JO, listing, "Police at the door")
    assert photo.media is not None and photo.media["type"] == "photo"
    assert photo.media["uploaded"] and (photo.media["width"], photo.media["height"]) == (1080, 1920)
    assert "Do not hand over your phone" in photo.text
    document = _tap(card_bot, JO, photo, "🖨 PDF to print")
    assert document.media is not None and document.media["type"] == "document"
    assert document.media["uploaded"] and document.media["file_name"].endswith(".pdf")
    again = _tap(card_bot, JO, listing, "Police at the door")
    assert again.media is not None and not again.media["uploaded"]  # the file_id string
    assert again.media["file_id"] == photo.media["file_id"]
    query = card_bot.api.send_inline_query(JO, "card")
    answer = card_bot.api.wait_for_inline_answer(query["inline_query"]["id"])
    assert [r["photo_file_id"] for r in answer.results] == [photo.media["file_id"]]


def test_spanish_card_and_eu_region(card_bot: RunningBot) -> None:
    listing = _say(card_bot, KAI, "/card")[0]
    photo = _tap(card_bot, KAI, listing, "La policía en la puerta")
    assert photo.media is not None and "No entregue su teléfono" in photo.text
    prompt = _say(card_bot, LIV, "/region")[0]
    _tap_region = prompt.reply_markup or {}
    data = next(
        b["callback_data"]
        for row in _tap_region["inline_keyboard"]
        for b in row
        if b["text"] == "European Union"
    )
    card_bot.api.wait_for_callback_answer(card_bot.api.press(LIV, prompt, data))
    listing = _say(card_bot, LIV, "/card")[0]
    assert listing.text.startswith("There is no card for European Union yet")
    photo = _tap(card_bot, LIV, listing, "Police at the door")
    assert photo.media is not None and photo.media["type"] == "photo"
