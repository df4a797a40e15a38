"""The terminal chat: the same retriever and replies as the bot, rendered as plain text."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.asking import ask
from bot.document import Document
from bot.rendering import render_plain
from bot.replies import compose_answer, compose_hotline, fixed
from index import KyrError, Retriever, reply_language
from index.catalog import Catalog, load_catalog

log = logging.getLogger(__name__)
QUIT = {"quit", "exit", "/quit"}
PROMPT = "> "


def run_terminal_chat(
    open_knowledge: Callable[[], Retriever],
    knowledge_dir: Path,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    """Chat until Ctrl-D or ``quit``; build the index first if it is missing or stale."""
    print("Loading the knowledge base (the first run builds the index)…", file=stdout, flush=True)
    try:
        retriever = open_knowledge()
        catalog = load_catalog(knowledge_dir)
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
        if line.strip():
            print(render_plain(_safe_reply(line.strip(), retriever, catalog)), file=stdout)
            print(file=stdout, flush=True)


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
