"""Photo safety in Telegram: offer under a photo, cover on a tap, reply with a clean copy.

Opt-in and private chats only.  A photo is not downloaded until its sender taps the button
under the offer; the tap finds the photo through the message the offer replies to (a
file_id does not fit in callback data), so nothing about a waiting photo is kept.  The photo
is downloaded into memory, covered in a worker thread, sent back as a document (Telegram does
not recompress documents) and the original is deleted.  Logs carry counts and timings only.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time

from telegram import InputFile, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot.document import Document
from bot.keyboards import Action, button, keyboard
from bot.photo import Covered, PhotoError, cover_photo
from bot.rendering import render_html
from bot.replies import fixed
from bot.sending import note, send
from bot.state import BotContext, BotState
from bot.texts import text
from bot.throttle import Verdict
from index import Lang

log = logging.getLogger(__name__)
DOWNLOAD_LIMIT = 20 * 1024 * 1024  # Telegram's limit for files a bot downloads
OFFER_SECONDS = 3600.0  # a button older than this no longer works (see /privacy)
CAPTION_LIMIT = 1024
FILE_NAME = "photo-covered.jpg"


async def photo_command(update: Update, context: BotContext) -> None:
    """/photo: what photo safety does, and how to do it on one's own phone instead."""
    await send(update, context, fixed("photo_help", context.lang(update)))


async def offer(update: Update, context: BotContext) -> None:
    """A photo or image file in a private chat: offer to cover it (each album photo alone)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    state = context.state
    lang = context.lang(update)
    if not await _admitted(update, context, state, user.id, lang):
        return
    size = _file_size(message)
    if size is not None and size > DOWNLOAD_LIMIT:
        await send(update, context, fixed("photo_too_big", lang), quote=True)
        return
    markup = keyboard([[button(text("photo_button", lang), Action.PHOTO)]])
    await send(update, context, fixed("photo_offer", lang), quote=True, markup=markup)
    log.info("photo offered")


async def cover_button(update: Update, context: BotContext) -> None:
    """The tap: download the photo the offer replies to, cover it, send it, delete it."""
    query = update.callback_query
    if query is None:
        return
    state = context.state
    lang = context.lang(update)
    offered = query.message if isinstance(query.message, Message) else None
    photo = offered.reply_to_message if offered is not None else None
    if offered is None or photo is None or _file_id(photo) is None or _expired(offered):
        await query.answer(text("photo_gone", lang), show_alert=True)
        return
    user_id = query.from_user.id
    if state.questions.check(user_id) is not Verdict.ALLOW:
        await query.answer(text("throttled", lang), show_alert=True)
        return
    if not state.photos.start(user_id):
        await query.answer(text("photo_busy", lang), show_alert=True)
        return
    try:
        await query.answer()
        await _edit(offered, fixed("photo_working", lang))
        await _process(context, state, offered, photo, lang)
    finally:
        state.photos.finish(user_id)


async def _process(
    context: BotContext, state: BotState, offered: Message, photo: Message, lang: Lang
) -> None:
    """Download, cover, send, delete; on any failure the original stays and the reply says why."""
    started = time.perf_counter()
    try:
        data = await _download(context, photo)
        detector = await asyncio.to_thread(state.photos.detector)
        covered = await asyncio.to_thread(cover_photo, data, detector)
        del data  # the original's bytes are not needed past this point
        await _send_covered(context, photo, covered, lang)
    except PhotoError as error:
        log.info("photo refused: %s", error.reason)
        await _edit(offered, fixed(f"photo_{error.reason}", lang))
        return
    except TelegramError as error:
        log.warning("photo failed: %s", type(error).__name__)
        await _edit(offered, fixed("photo_failed", lang))
        return
    deleted = await _delete_original(context, photo)
    log.info(
        "photo covered: faces=%d deleted=%s ms=%.0f %s",
        covered.faces,
        deleted,
        (time.perf_counter() - started) * 1000,
        " ".join(f"{stage}={ms:.0f}" for stage, ms in covered.ms.items()),
    )
    report = fixed(
        "photo_done",
        lang,
        faces=_faces(covered.faces, lang),
        deleted=text("photo_deleted" if deleted else "photo_not_deleted", lang),
    )
    await _edit(offered, report)


class _TooBig(PhotoError):
    reason = "too_big"


async def _download(context: BotContext, photo: Message) -> bytes:
    """The photo's bytes, into memory only (getFile, then the file itself)."""
    file_id = _file_id(photo)
    size = _file_size(photo)
    if file_id is None:
        raise PhotoError("no file")
    if size is not None and size > DOWNLOAD_LIMIT:
        raise _TooBig(f"{size} bytes")
    try:
        file = await context.bot.get_file(file_id)
    except BadRequest as error:
        if "too big" in error.message.lower():
            raise _TooBig("getFile refused it") from error
        raise
    if file.file_size is not None and file.file_size > DOWNLOAD_LIMIT:
        raise _TooBig(f"{file.file_size} bytes")
    data = bytes(await file.download_as_bytearray())
    if len(data) > DOWNLOAD_LIMIT:
        raise _TooBig(f"{len(data)} bytes")
    return data


async def _send_covered(context: BotContext, photo: Message, covered: Covered, lang: Lang) -> None:
    """The clean copy as a document (so Telegram does not recompress it)."""
    caption = render_html(fixed("photo_caption", lang, faces=str(covered.faces)), CAPTION_LIMIT)
    sent = await context.bot.send_document(
        photo.chat.id,
        InputFile(covered.jpeg, filename=FILE_NAME),
        caption=caption[0],
        parse_mode=ParseMode.HTML,
        disable_content_type_detection=True,
    )
    note(context, sent)


async def _delete_original(context: BotContext, photo: Message) -> bool:
    """Delete the person's original (possible in a private chat for 48 hours)."""
    try:
        return await context.bot.delete_message(photo.chat.id, photo.message_id)
    except TelegramError as error:
        log.info("original not deleted: %s", type(error).__name__)
        return False


async def _edit(offered: Message, document: Document) -> None:
    """Replace the offer's text (and drop its button)."""
    try:
        await offered.edit_text(render_html(document)[0], parse_mode=ParseMode.HTML)
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def _admitted(
    update: Update, context: BotContext, state: BotState, user_id: int, lang: Lang
) -> bool:
    """Photos count against the same per-person limit as questions."""
    verdict = state.questions.check(user_id)
    if verdict is Verdict.NOTIFY:
        await send(update, context, fixed("throttled", lang))
    return verdict is Verdict.ALLOW


def _file_id(message: Message) -> str | None:
    if message.photo:
        return message.photo[-1].file_id  # the largest size Telegram keeps
    if message.document is not None:
        return message.document.file_id
    return None


def _file_size(message: Message) -> int | None:
    if message.photo:
        return message.photo[-1].file_size
    if message.document is not None:
        return message.document.file_size
    return None


def _expired(offered: Message) -> bool:
    age = dt.datetime.now(dt.UTC) - offered.date
    return age.total_seconds() > OFFER_SECONDS


def _faces(count: int, lang: Lang) -> str:
    if count == 0:
        return text("photo_faces_none", lang)
    if count == 1:
        return text("photo_faces_one", lang)
    return text("photo_faces_many", lang, count=str(count))
