"""Moderators' commands: /reload, /stats, /due (ids in MODERATOR_IDS).

Anyone else gets exactly what an unknown command gets: the "unknown command" text in a
private chat, silence in a group.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.constants import ChatType

from bot.handlers import unknown_command
from bot.reloading import compose_due, compose_reload, reload_knowledge
from bot.sending import Context, send
from bot.state import BotState, Snapshot, state_of
from bot.stats import compose_stats

log = logging.getLogger(__name__)


async def reload(update: Update, context: Context) -> None:
    """/reload: rebuild from knowledge/ in a worker thread, swap atomically, report."""
    state = state_of(context.bot_data)
    if not await _allowed(update, context, state):
        return
    places = state.places
    async with state.reload_lock:  # one build at a time; answering goes on meanwhile
        current = state.retriever
        outcome = await asyncio.to_thread(
            reload_knowledge, current, places.knowledge_dir, places.index_dir
        )
        if outcome.retriever is not None:
            state.snapshot = await asyncio.to_thread(Snapshot.of, outcome.retriever)
    await send(update, context, compose_reload(outcome, state.retriever))


async def stats(update: Update, context: Context) -> None:
    """/stats: aggregate counters since start; no texts, no ids."""
    state = state_of(context.bot_data)
    if await _allowed(update, context, state):
        await send(update, context, compose_stats(state.stats, state.retriever.version))


async def due(update: Update, context: Context) -> None:
    """/due: articles due for review."""
    state = state_of(context.bot_data)
    if await _allowed(update, context, state):
        document = await asyncio.to_thread(compose_due, state.places.knowledge_dir)
        await send(update, context, document)


async def _allowed(update: Update, context: Context, state: BotState) -> bool:
    """True for moderators; anyone else gets what an unknown command gets, and False."""
    user = update.effective_user
    if state.is_moderator(user.id if user is not None else None):
        return True
    log.info("moderator command refused")
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        await unknown_command(update, context)
    return False
