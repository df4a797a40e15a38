"""Talking back: send documents as HTML messages, edit them in place, answer stale buttons.

Every message the bot sends or receives in a private chat has its id noted in memory (for
``/forget``); nothing else about it is kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import CallbackQuery, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest

from bot.document import Document
from bot.rendering import render_html, render_html_single
from bot.replies import fixed
from bot.state import BotContext
from bot.texts import text
from index import Lang

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def send(
    update: Update,
    context: BotContext,
    document: Document,
    quote: bool = False,
    markup: InlineKeyboardMarkup | None = None,
) -> list[Message]:
    """Send ``document`` as HTML messages to the update's chat; buttons go under the last.

    The first message quotes the asking message if ``quote``.
    """
    message = update.effective_message
    if message is None:
        return []
    pages = render_html(document)
    sent: list[Message] = []
    for i, html in enumerate(pages):
        reply_to = message.build_reply_arguments(allow_sending_without_reply=True)
        sent.append(
            await message.reply_text(
                html,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                do_quote=reply_to if quote and i == 0 else False,
                reply_markup=markup if i == len(pages) - 1 else None,
            )
        )
    for one in sent:
        note(context, one)
    return sent


async def say(
    update: Update,
    context: BotContext,
    key: str,
    keyboard: Callable[[Lang], InlineKeyboardMarkup] | None = None,
    quote: bool = False,
) -> None:
    """The fixed text ``key`` in the sender's language, with ``keyboard(lang)`` under it."""
    lang = context.lang(update)
    markup = keyboard(lang) if keyboard is not None else None
    await send(update, context, fixed(key, lang), quote, markup)


async def edit(
    query: CallbackQuery,
    body: Document,
    tail: Document = (),
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Replace the tapped message with ``body`` + ``tail`` (one message; body cut if needed)."""
    html = render_html_single(body, tail) if tail else render_html(body)[0]
    try:
        await query.edit_message_text(
            html, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW, reply_markup=markup
        )
    except BadRequest as error:
        if "not modified" not in error.message:
            raise  # a double tap re-sends the same content: nothing to do


def note(context: BotContext, message: Message) -> None:
    """Remember a private chat's message id, so /forget can delete it."""
    if message.chat.type == ChatType.PRIVATE:
        context.state.memory.note_message(message.chat.id, message.message_id)


async def note_incoming(update: Update, context: BotContext) -> None:
    """Runs before every handler: note the id of a person's message in a private chat."""
    if update.message is not None:
        note(context, update.message)


async def say_updated(query: CallbackQuery, lang: Lang) -> None:
    """The kind answer to a button whose passage or topic changed since it was sent."""
    log.info("stale button tapped")
    await query.answer(text("updated", lang), show_alert=True)
