"""The terminal chat: the same retriever and replies as the bot, rendered as plain text."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.document import Document
from bot.rendering import render_plain
from bot.replies import ask, compose_answer, compose_hotline, fixed
from index import Catalog, KyrError, Lang, Retriever, load_cards, reply_language

log = logging.getLogger(__name__)
QUIT = {"quit", "exit", "/quit"}
PROMPT = "> "
CARD_FOLDER = Path("kyr-cards")


def run_terminal_chat(
    open_knowledge: Callable[[], Retriever],
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    index_dir: Path | None = None,
) -> int:
    """Chat until Ctrl-D or ``quit``; build the index first if it is missing or stale."""
    print("Loading the knowledge base (the first run builds the index)…", file=stdout, flush=True)
    try:
        retriever = open_knowledge()
    except KyrError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(render_plain(fixed("terminal_intro", "en")), file=stdout)
    while True:
        print(PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line or line.strip().lower() in QUIT:
            print(file=stdout)
            return 0
        if line.strip().lower() in ("/card", "/cards") and index_dir is not None:
            print(card_files(index_dir, reply_language(None)), file=stdout)
        elif line.strip():
            reply = _safe_reply(line.strip(), retriever, retriever.knowledge.catalog)
            print(render_plain(reply), file=stdout)
        print(file=stdout, flush=True)


def card_files(index_dir: Path, lang: Lang, folder: Path = CARD_FOLDER) -> str:
    """/card in the terminal: write the cards (PNG to show, PDF to print), list their paths."""
    from bot.cards import write_for_terminal

    try:
        paths = write_for_terminal(load_cards(index_dir), lang, folder)
    except (KyrError, OSError) as error:
        return f"error: {error}"
    if not paths:
        return "No cards are available right now."
    return "Cards written (PNG to show on your phone, PDF to print):\n" + "\n".join(
        str(p) for p in paths
    )


def _safe_reply(line: str, retriever: Retriever, catalog: Catalog) -> Document:
    """Like the bot's error handler: log the failure's type, apologise, keep chatting."""
    try:
        return reply_to(line, retriever, catalog)
    except Exception as error:
        log.error("reply failed: %s", type(error).__name__, exc_info=error)
        return fixed("error", "en")


def reply_to(line: str, retriever: Retriever, catalog: Catalog) -> Document:
    """The reply the bot would give in a private chat, for one typed line."""
    command = line.split()[0].lower() if line.startswith("/") else ""
    lang = reply_language(None)  # commands: no question, no preference
    if command in ("/start", "/help", "/privacy"):
        return fixed(command[1:], lang)
    if command == "/hotline":
        return compose_hotline(retriever, lang, catalog)
    if command:
        return fixed("unknown_command", lang)
    return compose_answer(ask(retriever, line, None, "terminal"), catalog)
