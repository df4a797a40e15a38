"""End to end: photo safety in ``python -m bot`` over HTTP against the Bot API emulator.

A photo with GPS in its EXIF, the opt-in button, then a document with no hidden data and
the face covered, and the original deleted; a 25 MB file, a non-image, a decompression bomb
and a truncated JPEG each get a clear reply.  The bot runs with HOME, TMPDIR and its working
folder in one place, which is compared before and after: nothing may be written there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bot_fixtures import TOKEN, RunningBot, start_bot_process, stop_bot_process
from botapi_core import SentMessage
from botapi_emulator import BotApiEmulator
from hardening_corpus import tree_snapshot
from photo_samples import (
    ASTRONAUT_FACE,
    SECRET_MODEL,
    assert_no_hidden_data,
    decompression_bomb,
    jpeg_with_hidden_data,
    mean_in,
    truncated_jpeg,
)
from telegram_payloads import Person

from index import Retriever

pytestmark = pytest.mark.slow
ZOE = Person(73220001, "Zoezq", "en", "zoe_photo")
COVER = "p:"


@pytest.fixture(scope="module")
def photo_bot(
    bot_retriever: Retriever,
    bot_knowledge_dir: Path,
    bot_index_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[RunningBot, Path, dict[str, bytes]]]:
    """The bot with HOME and TMPDIR in its work folder, and that folder's files at start."""
    workdir = tmp_path_factory.mktemp("photo-run")
    for name in ("home", "tmp"):
        (workdir / name).mkdir()
    env = {"HOME": str(workdir / "home"), "TMPDIR": str(workdir / "tmp"), "LOG_LEVEL": "DEBUG"}
    with BotApiEmulator(TOKEN) as api:
        before = tree_snapshot(workdir)
        running = start_bot_process(api, bot_knowledge_dir, bot_index_dir, workdir, **env)
        try:
            yield running, workdir, before
        finally:
            stop_bot_process(running)


def _offer(api: BotApiEmulator, payload: dict[str, Any]) -> SentMessage:
    mark = api.mark()
    api.push(payload)
    [offer] = api.wait_for_messages(ZOE.id, since=mark)
    assert offer.reply_to_message_id == payload["message"]["message_id"]
    return offer


def _tap(api: BotApiEmulator, offer: SentMessage, until: str) -> SentMessage:
    api.press(ZOE, offer, COVER)
    api.core.wait_until(lambda: until in offer.text, timeout=60)
    return offer


def _document(api: BotApiEmulator, data: bytes, name: str = "IMG_0001.jpg") -> dict[str, Any]:
    return api.payloads.message(ZOE, document=api.core.files.document(data, name, "image/jpeg"))


def test_photo_flow_end_to_end(photo_bot: tuple[RunningBot, Path, dict[str, bytes]]) -> None:
    running, _, _ = photo_bot
    api = running.api
    sizes = api.core.files.photo_sizes(jpeg_with_hidden_data(), 512, 512)
    payload = api.payloads.message(ZOE, photo=sizes)
    offer = _offer(api, payload)
    _tap(api, offer, "Check every face before posting")
    [document] = [m for m in api.messages_to(ZOE.id) if m.document is not None]
    assert document.data is not None
    assert_no_hidden_data(document.data)
    assert mean_in(document.data, ASTRONAUT_FACE) < 8
    assert (ZOE.id, payload["message"]["message_id"]) in api.core.deleted
    assert "I deleted it from this chat" in offer.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"not a photo at all, just text", "could not read this as a photo"),
        (decompression_bomb(), "too many pixels"),
        (truncated_jpeg(), "damaged or cut short"),
    ],
)
def test_bad_files_get_a_clear_reply(
    photo_bot: tuple[RunningBot, Path, dict[str, bytes]], data: bytes, expected: str
) -> None:
    api = photo_bot[0].api
    payload = _document(api, data)
    offer = _tap(api, _offer(api, payload), expected)
    assert "Your original is untouched" in offer.text
    assert (ZOE.id, payload["message"]["message_id"]) not in api.core.deleted


def test_a_25_mb_file_is_refused(photo_bot: tuple[RunningBot, Path, dict[str, bytes]]) -> None:
    api = photo_bot[0].api
    offer = _offer(api, _document(api, b"\xff\xd8" + bytes(25 * 1024 * 1024), "big.jpg"))
    assert "over 20 MB" in offer.text and offer.reply_markup is None


def test_nothing_was_written_to_disk_and_the_bot_is_alive(
    photo_bot: tuple[RunningBot, Path, dict[str, bytes]],
) -> None:
    """Runs last in this module: the flows above wrote nothing under HOME, TMPDIR or cwd."""
    running, workdir, before = photo_bot
    api = running.api
    offer = _offer(
        api,
        api.payloads.message(
            ZOE, photo=api.core.files.photo_sizes(jpeg_with_hidden_data(), 512, 512)
        ),
    )
    _tap(api, offer, "Check every face")
    assert running.process.poll() is None, "the bot did not crash"
    after = tree_snapshot(workdir)
    written = sorted(p for p, data in after.items() if before.get(p) != data and p != "bot.log")
    assert written == [], f"the photo flow wrote {written}"
    logs = running.logs()
    assert "photo covered: faces=1" in logs
    assert SECRET_MODEL not in logs and str(ZOE.id) not in logs and ZOE.first_name not in logs
