"""Wiring: build the python-telegram-bot Application from settings and a retriever factory."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from telegram import Bot, BotCommand
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import cards, handlers, moderators, photo_handlers, preferences, sending, topics
from bot.keyboards import Action
from bot.retrying import RetryingRateLimiter
from bot.settings import Settings
from bot.state import CONTEXT_TYPES, STATE_KEY, BotState, Places, Snapshot
from bot.texts import COMMANDS
from bot.throttle import Throttle
from index import Lang, Retriever

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
ALLOWED_UPDATES = ["message", "edited_message", "inline_query", "callback_query"]
_COMMAND_LANGUAGES: tuple[tuple[Lang, str | None], ...] = (("en", None), ("es", "es"))
_NEW = filters.UpdateType.MESSAGE
# An edited question is answered again (once); in groups only an edited /ask is.
_EDITED = filters.UpdateType.EDITED_MESSAGE
_ANSWERS_EDITS = {"ask"}
_PRIVATE, _GROUPS = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
# Photos and image files get the photo-safety offer; the rest gets "I read text".
_PHOTOS = filters.PHOTO | filters.Document.IMAGE | filters.Document.FileExtension("heic")
_NOT_TEXT = (
    filters.Sticker.ALL
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
_COMMANDS = (
    ("start", topics.start),
    ("help", handlers.help_command),
    ("hotline", handlers.hotline),
    ("privacy", handlers.privacy),
    ("ask", handlers.ask_command),
    ("topics", topics.topics),
    ("language", preferences.language),
    ("region", preferences.region),
    ("forget", handlers.forget),
    ("photo", photo_handlers.photo_command),
    ("reload", moderators.reload),
    ("stats", moderators.stats),
    ("due", moderators.due),
    ("card", cards.card),
)
_BUTTONS = (
    (Action.OPEN, topics.open_button),
    (Action.CATEGORIES, topics.categories_button),
    (Action.CATEGORY, topics.category_button),
    (Action.TOPIC, topics.topic_button),
    (Action.MORE, topics.more_button),
    (Action.RELATED, topics.related_button),
    (Action.WRONG, topics.wrong_button),
    (Action.ALSO, topics.also_button),
    (Action.PICK, topics.pick_button),
    (Action.LANGUAGE, preferences.language_button),
    (Action.REGION, preferences.region_button),
    (Action.PHOTO, photo_handlers.cover_button),
    (Action.CARD, cards.card_button),
    (Action.CARD_PDF, cards.pdf_button),
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
        .context_types(CONTEXT_TYPES)
        .rate_limiter(RetryingRateLimiter(max_retries=3))
        .concurrent_updates(settings.concurrent_updates)
        .post_init(_post_init(settings, open_knowledge))
        .post_stop(_post_stop)
    )
    if settings.telegram_api_base_url:
        builder = builder.base_url(settings.telegram_api_base_url)
        builder = builder.base_file_url(file_base_url(settings.telegram_api_base_url))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app: App = builder.build()
    add_handlers(app)
    return app


def file_base_url(base_url: str) -> str:
    """Where files are downloaded from: Telegram's (and the local Bot API server's) layout
    puts ``/file/bot<token>/<path>`` beside ``/bot<token>/<method>``."""
    root, bot = base_url.rstrip("/").rsplit("/", 1)
    return f"{root}/file/{bot}"


def add_handlers(app: App) -> None:
    """Commands first, then buttons, then questions, then what the bot only acknowledges."""
    # Before everything: note private-chat message ids for /forget (memory only).
    app.add_handler(MessageHandler(_NEW & _PRIVATE, sending.note_incoming), group=-1)
    for name, callback in _COMMANDS:
        updates = _NEW | _EDITED if name in _ANSWERS_EDITS else _NEW
        app.add_handler(CommandHandler(name, callback, filters=updates))
    for action, callback in _BUTTONS:
        app.add_handler(CallbackQueryHandler(callback, pattern=f"^{action.value}:"))
    app.add_handler(CallbackQueryHandler(handlers.unknown_button))
    app.add_handler(
        MessageHandler(_NEW & _PRIVATE & filters.TEXT & ~filters.COMMAND, handlers.private_question)
    )
    app.add_handler(
        MessageHandler(
            _EDITED & _PRIVATE & filters.TEXT & ~filters.COMMAND, handlers.edited_question
        )
    )
    app.add_handler(MessageHandler(_NEW & _PRIVATE & filters.COMMAND, handlers.unknown_command))
    app.add_handler(MessageHandler(_NEW & _PRIVATE & _PHOTOS, photo_handlers.offer))
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
        snapshot = await asyncio.to_thread(Snapshot.of, retriever)
        window = settings.throttle_window_seconds
        app.bot_data[STATE_KEY] = BotState(
            snapshot=snapshot,
            questions=Throttle(settings.throttle_max_questions, window),
            inline_queries=Throttle(settings.throttle_max_inline_queries, window),
            places=Places(
                settings.kyr_knowledge_dir,
                settings.kyr_index_dir,
                settings.moderator_ids,
                settings.forget_notice_seconds,
            ),
        )
        await register_commands(app.bot)
        await cards.warm_cache(app.bot, app.bot_data, settings.card_cache_chat_id)
        log.info("ready: knowledge version %s", retriever.version[:12])

    return post_init


async def _post_stop(app: App) -> None:
    """Cancel pending background tasks (a /forget note still waiting to delete itself)."""
    state = app.bot_data.get(STATE_KEY)
    if isinstance(state, BotState):
        state.cancel_background()


def run(app: App, settings: Settings) -> None:
    """Serve updates: a webhook server when WEBHOOK_URL is set, else long polling."""
    if settings.webhook_url and settings.webhook_secret is not None:
        log.info("webhook mode on port %d", settings.port)
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=ALLOWED_UPDATES,
        )
    else:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)


async def register_commands(bot: Bot) -> None:
    """setMyCommands in English (the default) and Spanish."""
    for lang, language_code in _COMMAND_LANGUAGES:
        commands = [BotCommand(name, description) for name, description in COMMANDS[lang]]
        await bot.set_my_commands(commands, language_code=language_code)
