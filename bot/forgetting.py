"""/forget: delete this private chat's recent messages, then a note that deletes itself.

Bots may delete any message in a private chat that is less than 48 hours old; the ids come
from ``bot.memory`` (kept in memory only).  Everything else kept about the person (their
language and region) is dropped too.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError

from bot.rendering import render_html
from bot.replies import fixed
from bot.sending import Context, lang_of, send
from bot.state import state_of

log = logging.getLogger(__name__)
BATCH = 100  # deleteMessages takes at most 100 ids


async def forget(update: Update, context: Context) -> None:
    """/forget: delete the chat's known messages of the last 48 hours and confirm briefly."""
    state = state_of(context.bot_data)
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    lang = lang_of(state, update)
    if chat.type != ChatType.PRIVATE:
        await send(update, context, fixed("forget_private_only", lang))
        return
    ids = state.memory.deletable_messages(user.id)
    state.memory.forget(user.id)
    await delete_messages(context.bot, chat.id, ids)
    log.info("forget: %d messages deleted", len(ids))
    note = fixed("forget_done", lang, count=str(len(ids)))
    sent = await context.bot.send_message(
        chat.id, render_html(note)[0], parse_mode=ParseMode.HTML
    )  # not noted in memory: it deletes itself
    delay = state.places.forget_notice_seconds
    state.spawn(_delete_later(context.bot, chat.id, sent.message_id, delay))


async def delete_messages(bot: Bot, chat_id: int, ids: list[int]) -> None:
    """Delete messages in batches; ones already gone are skipped by Telegram."""
    for start in range(0, len(ids), BATCH):
        try:
            await bot.delete_messages(chat_id, ids[start : start + BATCH])
        except TelegramError as error:
            log.warning("could not delete a batch of messages: %s", type(error).__name__)


async def _delete_later(bot: Bot, chat_id: int, message_id: int, delay: float) -> None:
    await asyncio.sleep(delay)
    try:
        await bot.delete_message(chat_id, message_id)
    except TelegramError as error:
        log.warning("could not delete the /forget note: %s", type(error).__name__)
