"""Telegram handlers, one per command or kind of update; replies are composed in bot.replies.

Nothing here logs message text, names or ids: only events, counts and exception types.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re

from telegram import Message, MessageEntity, Update
from telegram.error import TelegramError

from bot import cards
from bot.asking import ask
from bot.inline import abstain_result, answer_results, essential_results, is_short
from bot.keyboards import answer_keyboard
from bot.replies import choose_language, compose_answer, compose_hotline, fixed, pick_hits
from bot.sending import Context, lang_of, send
from bot.state import BotState, state_of
from bot.texts import Lang
from bot.throttle import Verdict

log = logging.getLogger(__name__)
INLINE_CACHE_SECONDS = 300
_COMMAND_ARGUMENT = re.compile(r"/\S*\s?(.*)", re.DOTALL)


async def help_command(update: Update, context: Context) -> None:
    """/help: how to ask, and the other commands."""
    await send(update, context, fixed("help", _user_lang(update, context)))


async def privacy(update: Update, context: Context) -> None:
    """/privacy: exactly what is kept, and what Telegram keeps."""
    await send(update, context, fixed("privacy", _user_lang(update, context)))


async def hotline(update: Update, context: Context) -> None:
    """/hotline: the legal-help article from the knowledge base."""
    state = state_of(context.bot_data)
    retriever = state.retriever
    lang = _user_lang(update, context)
    await send(update, context, compose_hotline(retriever, lang, retriever.knowledge.catalog))


async def ask_command(update: Update, context: Context) -> None:
    """/ask <question>: answer in a group, as a reply to the asking message."""
    message = update.effective_message
    if message is None:
        return
    question = command_argument(message.text or "")
    replied = message.reply_to_message
    if not question and replied is not None and replied.text and not _from_bot(replied):
        question = replied.text  # "/ask" sent in reply to someone's question
    if not question:
        await send(update, context, fixed("ask_usage", _user_lang(update, context)), quote=True)
        return
    private = message.chat.type == "private"
    await answer(update, context, question, "private" if private else "group", quote=not private)


async def private_question(update: Update, context: Context) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is not None and message.text:
        await answer(update, context, message.text, channel="private")


async def group_mention(update: Update, context: Context) -> None:
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
        await send(update, context, fixed("ask_usage", _user_lang(update, context)), quote=True)
        return
    await answer(update, context, question.strip(), channel="mention", quote=True)


async def not_text(update: Update, context: Context) -> None:
    """Photos, stickers, voice notes, files, locations: say the bot reads text."""
    await send(update, context, fixed("not_text", _user_lang(update, context)))


async def unknown_command(update: Update, context: Context) -> None:
    """A command the bot does not have (private chats only)."""
    await send(update, context, fixed("unknown_command", _user_lang(update, context)))


async def inline_query(update: Update, context: Context) -> None:
    """``@bot question`` typed in any chat: up to five passages, or the essentials."""
    query = update.inline_query
    if query is None:
        return
    state = state_of(context.bot_data)
    if state.inline_queries.check(query.from_user.id) is not Verdict.ALLOW:
        return  # typing fast produces many queries; over the limit, stay quiet
    question = query.query.strip()
    user_id = query.from_user.id
    if question.lower() in ("card", "cards", "tarjeta", "tarjetas"):
        lang = state.lang_for(user_id, query.from_user.language_code)
        photos = cards.inline_results(context.bot_data, lang)
        await query.answer(photos, cache_time=INLINE_CACHE_SECONDS, is_personal=True)
        return
    code = state.memory.lang(user_id) or query.from_user.language_code
    retriever = state.retriever
    catalog = retriever.knowledge.catalog
    if is_short(question):
        results = essential_results(retriever, choose_language("", code), catalog)
    else:
        region = state.memory.region(user_id)
        asked = await asyncio.to_thread(ask, retriever, question, code, "inline", region)
        state.stats.record_answer(asked.answer, "inline")
        lang, hits = asked.lang, asked.answer.hits
        results = (
            answer_results(hits, lang, catalog)
            if hits
            else [abstain_result(retriever, lang, catalog)]
        )
    await query.answer(results, cache_time=INLINE_CACHE_SECONDS, is_personal=True)


async def error_handler(update: object, context: Context) -> None:
    """Log the exception type and traceback (never the update); apologise to the user."""
    error = context.error
    log.error("handler failed: %s", type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):  # already answered: fine
            await update.callback_query.answer()  # stop the button's spinner
    try:
        await send(update, context, fixed("error", _user_lang(update, context)))
    except TelegramError as failure:
        log.error("could not send the apology: %s", type(failure).__name__)


async def answer(
    update: Update, context: Context, question: str, channel: str, quote: bool = False
) -> None:
    """Throttle, search in a worker thread, and send the composed reply."""
    state = state_of(context.bot_data)
    user = update.effective_user
    if user is not None and not await _admitted(update, context, state, user.id):
        return
    code = region = None
    if user is not None:
        code = state.memory.lang(user.id) or user.language_code
        region = state.memory.region(user.id)
    retriever = state.retriever  # one snapshot for the whole reply, even across a /reload
    asked = await asyncio.to_thread(ask, retriever, question, code, channel, region)
    state.stats.record_answer(asked.answer, channel)
    document = compose_answer(asked.answer, asked.lang, retriever.knowledge.catalog)
    hits = pick_hits(asked.answer) if not asked.answer.abstained else []
    markup = answer_keyboard(retriever, [hits[0].passage], asked.lang) if hits else None
    await send(update, context, document, quote, markup)


def command_argument(text: str) -> str:
    """What follows ``/command`` or ``/command@bot``, stripped."""
    match = _COMMAND_ARGUMENT.match(text)
    return match.group(1).strip() if match else ""


async def _admitted(update: Update, context: Context, state: BotState, user_id: int) -> bool:
    verdict = state.questions.check(user_id)
    if verdict is Verdict.NOTIFY:
        log.info("throttled: notice sent")
        await send(update, context, fixed("throttled", _user_lang(update, context)))
    return verdict is Verdict.ALLOW


def _user_lang(update: Update, context: Context) -> Lang:
    return lang_of(state_of(context.bot_data), update)


def _from_bot(message: Message) -> bool:
    return message.from_user is not None and message.from_user.is_bot
