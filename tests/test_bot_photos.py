"""Photo safety through the wired bot: offer, tap, clean copy, original deleted; refusals.

Real ``Update`` payloads through ``Application.process_update``; files live in the Bot API
emulator's core (getFile, downloads, multipart sendDocument, the 48-hour delete rule).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from bot_fixtures import BotHarness
from botapi_core import SentMessage
from photo_samples import (
    ASTRONAUT_FACE,
    assert_no_hidden_data,
    decompression_bomb,
    jpeg_with_hidden_data,
    mean_in,
    png_with_hidden_data,
    truncated_jpeg,
)
from telegram import Update
from telegram_payloads import Person, group_chat

from bot.photo.covering import DARK_MEAN, brightened, merge
from bot.photo.detector import Box

ALICE = Person(2001, "Alice", "en", "alice_photo")
ANA = Person(2002, "Ana", "es", "ana_photo")
GROUP = group_chat(-100888)
COVER = "p:"


def photo(h: BotHarness, person: Person, data: bytes, **content: Any) -> dict[str, Any]:
    """A compressed photo (``message.photo``) carrying ``data``."""
    sizes = h.core.files.photo_sizes(data, 512, 512)
    return h.payloads.message(person, photo=sizes, **content)


def image_file(h: BotHarness, person: Person, data: bytes, name: str, mime: str) -> dict[str, Any]:
    """An image sent as a file (``message.document``): it keeps its EXIF."""
    return h.payloads.message(person, document=h.core.files.document(data, name, mime))


async def offer_and_tap(h: BotHarness, person: Person, payload: dict[str, Any]) -> SentMessage:
    """Send ``payload``, tap the offer's button; the offer message after the job."""
    offers = await h.feed(payload)
    assert len(offers) == 1 and offers[0].reply_to_message_id == payload["message"]["message_id"]
    await h.tap(person, offers[0], COVER)
    return offers[0]


def documents(h: BotHarness, chat_id: int) -> list[SentMessage]:
    return [m for m in h.core.outbox if m.chat_id == chat_id and m.document is not None]


async def test_photo_is_offered_and_nothing_is_downloaded_before_the_tap(h: BotHarness) -> None:
    sent = await h.feed(photo(h, ALICE, jpeg_with_hidden_data()))
    assert len(sent) == 1 and "cover every face" in sent[0].text
    assert h.button(sent[0], "Cover faces and remove hidden data") == COVER
    assert not [c for c in h.core.calls if c.method == "getFile"]


async def test_tap_sends_a_clean_covered_copy_and_deletes_the_original(h: BotHarness) -> None:
    payload = photo(h, ALICE, jpeg_with_hidden_data())
    offer = await offer_and_tap(h, ALICE, payload)
    [document] = documents(h, ALICE.id)
    assert document.document is not None and document.document["file_name"].endswith(".jpg")
    assert document.data is not None
    assert_no_hidden_data(document.data)
    assert mean_in(document.data, ASTRONAUT_FACE) < 8, "the face is under a solid box"
    assert "Faces covered: 1" in document.text
    assert (ALICE.id, payload["message"]["message_id"]) in h.core.deleted
    assert offer.text.startswith("Done: I covered 1 face")
    assert "Check every face before posting" in offer.text
    assert "tattoos, clothes and places" in offer.text
    assert "Telegram's servers received your original. I deleted it from this chat." in offer.text
    assert offer.reply_markup is None


async def test_spanish_reply_and_image_files_keep_no_exif(h: BotHarness) -> None:
    payload = image_file(h, ANA, png_with_hidden_data(), "IMG_2041.png", "image/png")
    offer = await offer_and_tap(h, ANA, payload)
    [document] = documents(h, ANA.id)
    assert document.data is not None
    assert_no_hidden_data(document.data)
    assert offer.text.startswith("Listo: tapé 1 cara")
    assert "Revise cada cara antes de publicar" in offer.text


async def test_groups_hear_nothing_about_photos(h: BotHarness) -> None:
    assert await h.feed(photo(h, ALICE, jpeg_with_hidden_data(), chat=GROUP)) == []


async def test_each_album_photo_is_offered_on_its_own(h: BotHarness) -> None:
    album = [photo(h, ALICE, jpeg_with_hidden_data(), media_group_id="77") for _ in range(3)]
    offers = [await h.feed(payload) for payload in album]
    replied = [sent[0].reply_to_message_id for sent in offers]
    assert replied == [payload["message"]["message_id"] for payload in album]


async def test_over_20_mb_is_refused_before_any_download(h: BotHarness) -> None:
    big = b"\xff\xd8" + bytes(25 * 1024 * 1024)
    sent = await h.feed(image_file(h, ALICE, big, "huge.jpg", "image/jpeg"))
    assert len(sent) == 1 and "over 20 MB" in sent[0].text and sent[0].reply_markup is None
    assert not [c for c in h.core.calls if c.method == "getFile"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7 this is not a photo", "could not read this as a photo"),
        (decompression_bomb(), "too many pixels"),
        (truncated_jpeg(), "damaged or cut short"),
    ],
)
async def test_bad_files_get_a_clear_reply_and_the_original_stays(
    h: BotHarness, data: bytes, expected: str
) -> None:
    payload = image_file(h, ALICE, data, "photo.jpg", "image/jpeg")
    offer = await offer_and_tap(h, ALICE, payload)
    assert expected in offer.text and "Your original is untouched" in offer.text
    assert documents(h, ALICE.id) == []
    assert (ALICE.id, payload["message"]["message_id"]) not in h.core.deleted


async def test_an_original_older_than_48_hours_cannot_be_deleted_and_the_reply_says_so(
    h: BotHarness,
) -> None:
    old = photo(h, ALICE, jpeg_with_hidden_data())
    old["message"]["date"] = int(time.time()) - 49 * 3600
    offer = await offer_and_tap(h, ALICE, old)
    assert len(documents(h, ALICE.id)) == 1
    assert "I could not delete it from this chat" in offer.text


async def test_a_button_over_an_hour_old_no_longer_works(h: BotHarness) -> None:
    offers = await h.feed(photo(h, ALICE, jpeg_with_hidden_data()))
    offers[0].date -= 3601
    await h.tap(ALICE, offers[0], COVER)
    [answer] = h.core.callback_answers
    assert "Send the photo again" in answer["text"] and answer["show_alert"] is True
    assert not [c for c in h.core.calls if c.method == "getFile"]


async def test_one_photo_job_per_person_at_a_time(h: BotHarness) -> None:
    first = await h.feed(photo(h, ALICE, jpeg_with_hidden_data()))
    second = await h.feed(photo(h, ALICE, jpeg_with_hidden_data()))
    taps = [
        h.payloads.callback_query(ALICE, h.core.message_json(sent[0]), COVER)
        for sent in (first, second)
    ]
    for tap in taps:
        h.core.remember(tap)
    await asyncio.gather(*(h.app.process_update(Update.de_json(tap, h.app.bot)) for tap in taps))
    texts = [a.get("text") for a in h.core.callback_answers]
    assert "I'm still working on your last photo. Tap again when it is done." in texts
    assert len(documents(h, ALICE.id)) == 1


async def test_photo_command_names_on_device_alternatives(h: BotHarness) -> None:
    [sent] = await h.feed(h.payloads.text(ALICE, "/photo"))
    assert "Signal" in sent.text and "offline photo editor" in sent.text
    [privacy] = await h.feed(h.payloads.text(ANA, "/privacy"))
    assert "Fotos" in privacy.text and "una hora" in privacy.text


def test_photo_pipeline_never_imports_telegram() -> None:
    """``python -m bot.photo`` is offline and Telegram-free."""
    code = "import sys, bot.photo.__main__; assert 'telegram' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_covers_a_file_and_prints_one_json_line(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jpg", tmp_path / "out.jpg"
    source.write_bytes(jpeg_with_hidden_data())
    done = subprocess.run(
        [sys.executable, "-m", "bot.photo", str(source), "-o", str(target)],
        check=True,
        capture_output=True,
        text=True,
    )
    summary = json.loads(done.stdout)
    assert summary["faces"] == 1 and (summary["width"], summary["height"]) == (512, 512)
    assert summary["ms"] > 0
    assert_no_hidden_data(target.read_bytes())


@pytest.fixture
def h(harness: BotHarness) -> BotHarness:
    return harness


def test_looks_merge_into_one_box_per_face_grown_to_cover_both() -> None:
    fine, coarse, elsewhere = (
        Box(10, 10, 50, 60, 0.9),
        Box(8, 14, 52, 66, 0.6),
        Box(200, 0, 230, 40, 0.3),
    )
    merged = merge([coarse, elsewhere, fine])
    assert merged == [Box(8, 10, 52, 66, 0.9), elsewhere]


def test_only_dark_photos_are_brightened_for_the_detector() -> None:
    assert brightened(np.full((64, 64, 3), 128, dtype=np.uint8)) is None
    dark = np.full((64, 64, 3), 20, dtype=np.uint8)
    lifted = brightened(dark)
    assert lifted is not None and lifted.dtype == np.uint8 and lifted.mean() > DARK_MEAN
    assert int(dark.mean()) == 20  # the photo itself is left as it was
