"""Moderators' commands: /reload, /stats, /due (ids in MODERATOR_IDS), and their replies.

Anyone else gets exactly what an unknown command gets: the "unknown command" text in a
private chat, silence in a group.  ``reload_knowledge`` is blocking (it embeds changed
passages): it runs in a worker thread and the result is swapped in with one assignment, so
answering never stops and never mixes versions.  On invalid knowledge nothing is swapped and
the problems are reported.  Moderators read English.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from telegram import Update
from telegram.constants import ChatType

from bot.document import Document, Paragraph, Span, paragraph
from bot.handlers import unknown_command
from bot.sending import send
from bot.state import BotContext, Snapshot
from bot.stats import compose_stats
from index import (
    InvalidKnowledgeError,
    KyrError,
    PassageChanges,
    Problem,
    Retriever,
    due_for_review,
    reload_retriever,
    validate_knowledge,
)

log = logging.getLogger(__name__)
MAX_PROBLEMS = 20


async def reload(update: Update, context: BotContext) -> None:
    """/reload: rebuild from knowledge/ in a worker thread, swap atomically, report."""
    if not await _allowed(update, context):
        return
    state = context.state
    places = state.places
    async with state.reload_lock:  # one build at a time; answering goes on meanwhile
        current = state.retriever
        outcome = await asyncio.to_thread(
            reload_knowledge, current, places.knowledge_dir, places.index_dir
        )
        if outcome.retriever is not None:
            state.snapshot = await asyncio.to_thread(Snapshot.of, outcome.retriever)
    await send(update, context, compose_reload(outcome, state.retriever))


async def stats(update: Update, context: BotContext) -> None:
    """/stats: aggregate counters since start; no texts, no ids."""
    if await _allowed(update, context):
        state = context.state
        await send(update, context, compose_stats(state.stats, state.retriever.version))


async def due(update: Update, context: BotContext) -> None:
    """/due: articles due for review."""
    if await _allowed(update, context):
        document = await asyncio.to_thread(compose_due, context.state.places.knowledge_dir)
        await send(update, context, document)


async def _allowed(update: Update, context: BotContext) -> bool:
    """True for moderators; anyone else gets what an unknown command gets, and False."""
    user = update.effective_user
    if context.state.is_moderator(user.id if user is not None else None):
        return True
    log.info("moderator command refused")
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        await unknown_command(update, context)
    return False


@dataclass(frozen=True)
class ReloadOutcome:
    """A new retriever (None when refused), what its build changed, and how long it took."""

    retriever: Retriever | None
    seconds: float
    problems: tuple[str, ...] = ()
    changes: PassageChanges = field(default_factory=PassageChanges)


def reload_knowledge(current: Retriever, knowledge_dir: Path, index_dir: Path) -> ReloadOutcome:
    """Rebuild incrementally from ``knowledge_dir``; ``current`` is never modified."""
    started = time.perf_counter()
    try:
        fresh, changes = reload_retriever(current, knowledge_dir, index_dir)
    except InvalidKnowledgeError as error:
        seconds = time.perf_counter() - started
        errors = [p for p in error.problems if p.severity == "error"]
        log.warning("reload refused: %d knowledge errors", len(errors))
        return ReloadOutcome(None, seconds, tuple(_relative(p, knowledge_dir) for p in errors))
    except KyrError as error:
        seconds = time.perf_counter() - started
        log.warning("reload refused: %s", type(error).__name__)
        return ReloadOutcome(None, seconds, (str(error),))
    seconds = time.perf_counter() - started
    counts = len(changes.added), len(changes.changed), len(changes.removed)
    log.info("reloaded in %.2f s: +%d ~%d -%d passages", seconds, *counts)
    return ReloadOutcome(fresh, seconds, (), changes)


def compose_reload(outcome: ReloadOutcome, live: Retriever) -> Document:
    """The /reload reply: counts and duration, or the errors and that the old index stays."""
    if outcome.retriever is None:
        shown = outcome.problems[:MAX_PROBLEMS]
        more = len(outcome.problems) - len(shown)
        parts: list[Paragraph] = [
            paragraph(
                Span("Reload refused", bold=True),
                f" after {outcome.seconds:.2f} s: {len(outcome.problems)} error(s). "
                f"The old index stays live (version {live.version[:12]}).",
            ),
            paragraph("\n".join(f"• {problem}" for problem in shown)),
        ]
        if more:
            parts.append(paragraph(f"… and {more} more. Run: python -m index validate"))
        return tuple(parts)
    fresh, changes = outcome.retriever, outcome.changes
    articles = len(fresh.knowledge.articles)
    passages = len(fresh.knowledge.passages)
    return (
        paragraph(Span("Reloaded", bold=True), f" in {outcome.seconds:.2f} s."),
        paragraph(
            f"{articles} articles, {passages} passages: {len(changes.changed)} changed, "
            f"{len(changes.added)} added, {len(changes.removed)} removed. "
            f"Version {fresh.version[:12]}."
        ),
    )


def compose_due(knowledge_dir: Path, today: date | None = None) -> Document:
    """The /due reply: articles not reviewed for more than 180 days, oldest first (blocking)."""
    report = validate_knowledge(knowledge_dir, today)
    due = due_for_review(report, today)
    head = paragraph(
        Span("Due for review", bold=True), f": {len(due)} of {len(report.articles)} articles."
    )
    if not due:
        return (head,)
    lines = [f"• {a.meta.id} (reviewed {a.meta.reviewed_on.isoformat()})" for a in due]
    return (head, paragraph("\n".join(lines)))


def _relative(problem: Problem, knowledge_dir: Path) -> str:
    """``path:line: message`` with the path relative to the knowledge folder when inside it."""
    path = Path(problem.path)
    try:
        shown = str(path.relative_to(knowledge_dir))
    except ValueError:
        shown = problem.path
    return str(Problem(shown, problem.line, problem.message, problem.severity))
