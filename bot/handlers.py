"""Telegram handlers: questions, fixed texts, /hotline, /forget, inline mode, errors.

Topics and the buttons under answers are in ``bot.topics``, /language and /region in
``bot.preferences``, moderators' commands in ``bot.moderators``.  Replies are composed in
``bot.replies``.  Nothing here logs message text, names or ids: only events, counts and
exception types.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re

from telegram import Bot, Message, MessageEntity, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError

from bot import cards
from bot.choices import answer_choices, did_you_mean
from bot.hotline import compose_hotline, hotline_more
from bot.inline import abstain_result, answer_results, essential_results, is_short
from bot.keyboards import (
    choices_keyboard,
    did_you_mean_keyboard,
    did_you_mean_links,
    link_keyboard,
    more_keyboard,
    tapped,
)
from bot.rendering import render_html
from bot.replies import ask, compose_answer, compose_group, fixed
from bot.sending import say, say_updated, send
from bot.state import BotContext
from bot.throttle import Verdict
from index import Answer

log = logging.getLogger(__name__)
INLINE_CACHE_SECONDS = 300
DELETE_BATCH = 100  # deleteMessages takes at most 100 ids
_COMMAND_ARGUMENT = re.compile(r"/\S*\s?(.*)", re.DOTALL)


async def help_command(update: Update, context: BotContext) -> None:
    """/help: how to ask, and the other commands."""
    await say(update, context, "help")


async def privacy(update: Update, context: BotContext) -> None:
    """/privacy: exactly what is kept, and what Telegram keeps."""
    await say(update, context, "privacy")


async def hotline(update: Update, context: BotContext) -> None:
    """/hotline: the numbers by need, from the knowledge base; the rest behind a button."""
    retriever, lang = context.state.retriever, context.lang(update)
    document = compose_hotline(retriever, lang, retriever.knowledge.catalog)
    await send(update, context, document, markup=more_keyboard(hotline_more(retriever, lang), lang))


async def ask_command(update: Update, context: BotContext) -> None:
    """/ask <question>: answer in a group, as a reply to the asking message."""
    message = update.effective_message
    if message is None or not first_answer(update, context):
        return
    question = command_argument(message.text or "")
    replied = message.reply_to_message
    if not question and replied is not None and replied.text and not _from_bot(replied):
        question = replied.text  # "/ask" sent in reply to someone's question
    if not question:
        await say(update, context, "ask_usage", quote=True)
        return
    private = message.chat.type == "private"
    quote = not private or update.edited_message is not None  # an edit: reply to it
    await answer(update, context, question, "private" if private else "group", quote=quote)


async def edited_question(update: Update, context: BotContext) -> None:
    """An edited question in a private chat: the new text is answered once, as a reply to it."""
    message = update.edited_message
    if message is not None and message.text and first_answer(update, context):
        await answer(update, context, message.text, channel="private", quote=True)


def first_answer(update: Update, context: BotContext) -> bool:
    """False when this edit was answered already (Telegram may deliver an update twice)."""
    message, user = update.edited_message, update.effective_user
    if message is None:
        return True  # a new message, not an edit
    if user is None:
        return False
    at = int(message.edit_date.timestamp()) if message.edit_date else 0
    return context.state.memory.first_answer_to_edit(
        user.id, message.chat.id, message.message_id, at
    )


async def private_question(update: Update, context: BotContext) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is not None and message.text:
        await answer(update, context, message.text, channel="private")


async def group_mention(update: Update, context: BotContext) -> None:
    """``@bot question`` in a group, where the bot can see it."""
    message = update.effective_message
    username = context.bot.username
    if message is None or not message.text or not username:
        return
    try:
        mentions = message.parse_entities([MessageEntity.MENTION])
    except UnicodeEncodeError:  # lone surrogates (JSON allows them) have no UTF-16 offsets
        return
    if not any(m.lower() == f"@{username.lower()}" for m in mentions.values()):
        return  # someone else was mentioned: ordinary chatter
    question = re.sub(rf"@{re.escape(username)}\b", " ", message.text, flags=re.IGNORECASE)
    if not question.strip():
        await say(update, context, "ask_usage", quote=True)
        return
    await answer(update, context, question.strip(), channel="mention", quote=True)


async def not_text(update: Update, context: BotContext) -> None:
    """Photos, stickers, voice notes, files, locations: say the bot reads text."""
    await say(update, context, "not_text")


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not have (private chats only)."""
    await say(update, context, "unknown_command")


async def unknown_button(update: Update, context: BotContext) -> None:
    """A button the bot no longer has (e.g. from an older version): say so kindly."""
    query, _ = tapped(update)
    await say_updated(query, context.lang(update))


async def forget(update: Update, context: BotContext) -> None:
    """/forget: delete the chat's known messages of the last 48 hours and confirm briefly.

    Bots may delete any message of a private chat less than 48 hours old; the ids come from
    ``bot.memory`` (memory only).  The person's language and region are dropped too.
    """
    state = context.state
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    lang = context.lang(update)
    if chat.type != ChatType.PRIVATE:
        await say(update, context, "forget_private_only")
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


async def inline_query(update: Update, context: BotContext) -> None:
    """``@bot question`` typed in any chat: the answer's passages, or the essentials."""
    query = update.inline_query
    if query is None:
        return
    state = context.state
    if state.inline_queries.check(query.from_user.id) is not Verdict.ALLOW:
        return  # typing fast produces many queries; over the limit, stay quiet
    question = query.query.strip()
    if question.lower() in ("card", "cards", "tarjeta", "tarjetas"):
        photos = cards.inline_results(context.bot_data, context.lang(update))
        await query.answer(photos, cache_time=INLINE_CACHE_SECONDS, is_personal=True)
        return
    retriever = state.retriever
    catalog = retriever.knowledge.catalog
    if is_short(question):
        results = essential_results(retriever, context.lang(update), catalog)
    else:
        region = state.memory.region(query.from_user.id)
        preferred = context.preference(update)
        answer = await asyncio.to_thread(ask, retriever, question, preferred, "inline", region)
        state.stats.record_answer(answer, "inline")
        # "Not sure": the candidates, to pick from.
        results = answer_results(answer, retriever) or [
            abstain_result(retriever, answer.lang, catalog)
        ]
    await query.answer(results, cache_time=INLINE_CACHE_SECONDS, is_personal=True)


async def error_handler(update: object, context: BotContext) -> None:
    """Log the exception type and traceback (never the update); apologise to the user."""
    error = context.error
    log.error("handler failed: %s", type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):  # already answered: fine
            await update.callback_query.answer()  # stop the button's spinner
    try:
        await say(update, context, "error")
    except TelegramError as failure:
        log.error("could not send the apology: %s", type(failure).__name__)


async def answer(
    update: Update, context: BotContext, question: str, channel: str, quote: bool = False
) -> None:
    """Throttle, search in a worker thread, and send the composed reply."""
    state = context.state
    user = update.effective_user
    if user is not None and not await _admitted(update, context, user.id):
        return
    region = state.memory.region(user.id) if user is not None else None
    retriever = state.retriever  # one snapshot for the whole reply, even across a /reload
    preferred = context.preference(update)
    reply = await asyncio.to_thread(ask, retriever, question, preferred, channel, region)
    state.stats.record_answer(reply, channel)
    if reply.choices:
        await send_unsure(update, context, reply, channel, quote)
    elif reply.abstained or not reply.hits:
        await send(update, context, compose_answer(reply, retriever), quote)
    elif channel in ("group", "mention"):
        markup = link_keyboard(context.bot.username, reply.hits[0].passage, reply.lang)
        await send(update, context, compose_group(reply, retriever), quote, markup)
    else:
        also = [h.passage for h in reply.hits[1:]]
        choices = answer_choices(retriever, reply.hits[0].passage, also, reply.lang)
        markup = choices_keyboard(retriever, choices, reply.lang)
        await send(update, context, compose_answer(reply, retriever), quote, markup)


async def send_unsure(
    update: Update, context: BotContext, reply: Answer, channel: str, quote: bool
) -> None:
    """ "Not sure": one line, and the candidates as buttons (in groups, private-chat links)."""
    choices = did_you_mean(reply)
    if channel in ("group", "mention"):
        markup = did_you_mean_links(context.bot.username, choices)
    else:
        markup = did_you_mean_keyboard(choices)
    await send(update, context, compose_answer(reply, context.state.retriever), quote, markup)


def command_argument(text: str) -> str:
    """What follows ``/command`` or ``/command@bot``, stripped."""
    match = _COMMAND_ARGUMENT.match(text)
    return match.group(1).strip() if match else ""


async def delete_messages(bot: Bot, chat_id: int, ids: list[int]) -> None:
    """Delete messages in batches; ones already gone are skipped by Telegram."""
    for start in range(0, len(ids), DELETE_BATCH):
        try:
            await bot.delete_messages(chat_id, ids[start : start + DELETE_BATCH])
        except TelegramError as error:
            log.warning("could not delete a batch of messages: %s", type(error).__name__)


async def _delete_later(bot: Bot, chat_id: int, message_id: int, delay: float) -> None:
    await asyncio.sleep(delay)
    try:
        await bot.delete_message(chat_id, message_id)
    except TelegramError as error:
        log.warning("could not delete the /forget note: %s", type(error).__name__)


async def _admitted(update: Update, context: BotContext, user_id: int) -> bool:
    verdict = context.state.questions.check(user_id)
    if verdict is Verdict.NOTIFY:
        log.info("throttled: notice sent")
        await say(update, context, "throttled")
    return verdict is Verdict.ALLOW


def _from_bot(message: Message) -> bool:
    return message.from_user is not None and message.from_user.is_bot
