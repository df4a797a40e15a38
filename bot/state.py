"""What the running bot holds in memory, and the typed context every handler gets it through.

``BotContext`` (python-telegram-bot's ``ContextTypes``, as in its ``contexttypesbot.py``
example) gives each handler ``context.state`` and ``context.lang(update)``.  Nothing here is
ever written to disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.keyboards import PassageRefs
from bot.memory import Memory
from bot.photo_desk import PhotoDesk
from bot.stats import Stats
from bot.throttle import Throttle
from index import Catalog, Lang, Retriever, language_of_tag, reply_language

STATE_KEY = "kyr"


@dataclass(frozen=True)
class Snapshot:
    """A retriever and the button references of its passages: swapped together, in one step."""

    retriever: Retriever
    refs: PassageRefs

    @classmethod
    def of(cls, retriever: Retriever) -> Snapshot:
        """Index the passages of ``retriever`` for buttons (blocking, cheap: hashes only)."""
        return cls(retriever, PassageRefs.of(retriever))


@dataclass(frozen=True)
class Places:
    """Where knowledge lives, who may reload it, and how long the /forget note stays."""

    knowledge_dir: Path
    index_dir: Path
    moderator_ids: frozenset[int] = frozenset()
    forget_notice_seconds: float = 60.0


@dataclass
class BotState:
    """Kept in ``bot_data``; a reload replaces ``snapshot`` with one assignment (atomic)."""

    snapshot: Snapshot
    questions: Throttle
    inline_queries: Throttle
    places: Places
    memory: Memory = field(default_factory=Memory)
    stats: Stats = field(default_factory=Stats)
    reload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    background: set[asyncio.Task[None]] = field(default_factory=set)
    photos: PhotoDesk = field(default_factory=PhotoDesk)  # photo jobs in progress, detector

    @property
    def retriever(self) -> Retriever:
        """The live retriever; take it once per update so one answer uses one version."""
        return self.snapshot.retriever

    @property
    def catalog(self) -> Catalog:
        """Topics, categories and jurisdictions of the live knowledge base."""
        return self.snapshot.retriever.knowledge.catalog

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Run ``coroutine`` in the background (e.g. a delayed delete); cancelled at stop."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self.background.add(task)
        task.add_done_callback(self.background.discard)

    def cancel_background(self) -> None:
        """Cancel pending background tasks (the bot is stopping)."""
        for task in list(self.background):
            task.cancel()

    def is_moderator(self, user_id: int | None) -> bool:
        """Whether ``user_id`` is listed in MODERATOR_IDS."""
        return user_id is not None and user_id in self.places.moderator_ids


def state_of(bot_data: dict[Any, Any]) -> BotState:
    """The state ``post_init`` stored, or an error if start-up did not finish."""
    state = bot_data.get(STATE_KEY)
    if not isinstance(state, BotState):
        raise RuntimeError("bot state is not loaded; post_init has not run")
    return state


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The context of every handler: the bot's state and the person's language."""

    @property
    def state(self) -> BotState:
        """The state ``post_init`` stored."""
        return state_of(self.bot_data)

    def preference(self, update: object) -> Lang | None:
        """The sender's /language choice, else their Telegram language if the bot speaks it."""
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            return None
        return self.state.memory.lang(user.id) or language_of_tag(user.language_code)

    def lang(self, update: object) -> Lang:
        """The language of a reply that answers no question (commands, buttons, notices)."""
        return reply_language(self.preference(update))


CONTEXT_TYPES = ContextTypes(context=BotContext)
