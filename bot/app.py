"""Wiring: build the python-telegram-bot Application from settings and a retriever factory."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from telegram import Bot, BotCommand
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import handlers
from bot.settings import Settings
from bot.state import STATE_KEY, BotState
from bot.texts import COMMANDS, Lang
from bot.throttle import Throttle
from index import Retriever
from index.catalog import load_catalog

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
ALLOWED_UPDATES = ["message", "inline_query", "callback_query"]
_COMMAND_LANGUAGES: tuple[tuple[Lang, str | None], ...] = (("en", None), ("es", "es"))
_NEW = filters.UpdateType.MESSAGE  # edited messages are ignored on purpose
_PRIVATE, _GROUPS = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
_NOT_TEXT = (
    filters.PHOTO
    | filters.Sticker.ALL
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.Document.ALL
    | filters.LOCATION
    | filters.CONTACT
    | filters.ANIMATION
    | filters.POLL
    | filters.VENUE
)


def build_application(
    settings: Settings,
    open_knowledge: Callable[[], Retriever],
    request: BaseRequest | None = None,
) -> App:
    """The Application, with handlers; the retriever loads in ``post_init``."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .rate_limiter(AIORateLimiter(max_retries=3))
        .concurrent_updates(settings.concurrent_updates)
        .post_init(_post_init(settings, open_knowledge))
    )
    if settings.telegram_api_base_url:
        builder = builder.base_url(settings.telegram_api_base_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app: App = builder.build()
    add_handlers(app)
    return app


def add_handlers(app: App) -> None:
    """Commands first, then questions, then everything the bot only acknowledges."""
    for name, callback in (
        ("start", handlers.start),
        ("help", handlers.help_command),
        ("hotline", handlers.hotline),
        ("privacy", handlers.privacy),
        ("ask", handlers.ask_command),
    ):
        app.add_handler(CommandHandler(name, callback, filters=_NEW))
    app.add_handler(
        MessageHandler(_NEW & _PRIVATE & filters.TEXT & ~filters.COMMAND, handlers.private_question)
    )
    app.add_handler(MessageHandler(_NEW & _PRIVATE & filters.COMMAND, handlers.unknown_command))
    app.add_handler(MessageHandler(_NEW & _PRIVATE & _NOT_TEXT, handlers.not_text))
    app.add_handler(
        MessageHandler(
            _NEW & _GROUPS & filters.TEXT & filters.Entity("mention") & ~filters.COMMAND,
            handlers.group_mention,
        )
    )
    app.add_handler(InlineQueryHandler(handlers.inline_query))
    app.add_error_handler(handlers.error_handler)


def _post_init(settings: Settings, open_knowledge: Callable[[], Retriever]) -> Any:
    async def post_init(app: App) -> None:
        """Load the index once (off the event loop) and register the command lists."""
        retriever = await asyncio.to_thread(open_knowledge)
        catalog = await asyncio.to_thread(load_catalog, settings.kyr_knowledge_dir)
        window = settings.throttle_window_seconds
        app.bot_data[STATE_KEY] = BotState(
            retriever=retriever,
            catalog=catalog,
            questions=Throttle(settings.throttle_max_questions, window),
            inline_queries=Throttle(settings.throttle_max_inline_queries, window),
        )
        await register_commands(app.bot)
        log.info("ready: knowledge version %s", retriever.version[:12])

    return post_init


async def register_commands(bot: Bot) -> None:
    """setMyCommands in English (the default) and Spanish."""
    for lang, language_code in _COMMAND_LANGUAGES:
        commands = [BotCommand(name, description) for name, description in COMMANDS[lang]]
        await bot.set_my_commands(commands, language_code=language_code)
