"""The terminal chat: the same retriever and replies as the bot, rendered as plain text.

Under an answer or a "not sure", the choices the bot shows as buttons are numbered lines;
typing a number acts like the tap; /language and /region list theirs the same way, and hold
for this session only. /help here lists only what works here.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

from bot.choices import Choice, answer_choices, did_you_mean
from bot.document import Document, paragraph
from bot.hotline import compose_hotline
from bot.preferences import LANGUAGES, REGIONS
from bot.rendering import render_plain
from bot.replies import ask, compose_answer, compose_passage, compose_passages, fixed
from bot.texts import text
from index import KyrError, Lang, Passage, Retriever, load_cards, reply_language

log = logging.getLogger(__name__)
QUIT = {"quit", "exit", "/quit"}
PROMPT = "> "
CARD_FOLDER = Path("kyr-cards")
MORE_PASSAGES = 2


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
    chat = TerminalChat(retriever, index_dir)
    while True:
        print(PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line or line.strip().lower() in QUIT:
            print(file=stdout)
            return 0
        if line.strip().lower() in ("/card", "/cards") and index_dir is not None:
            print(card_files(index_dir, reply_language(None)), file=stdout)
        elif line.strip():
            print(render_plain(chat.safe_reply(line.strip())), file=stdout)
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


class TerminalChat:
    """One person's terminal conversation: the choices under the last answer."""

    def __init__(self, retriever: Retriever, index_dir: Path | None = None) -> None:
        self.retriever = retriever
        self.cards = index_dir is not None
        self.picks: list[Callable[[], Document]] = []  # what typing 1, 2, ... does now
        self.lang: Lang | None = None  # /language, for this session
        self.region: str | None = None  # /region, for this session

    def safe_reply(self, line: str) -> Document:
        """Like the bot's error handler: log the failure's type, apologise, keep chatting."""
        try:
            return self.reply(line)
        except Exception as error:
            log.error("reply failed: %s", type(error).__name__, exc_info=error)
            return fixed("error", "en")

    def reply(self, line: str) -> Document:
        """The reply the bot would give in a private chat, for one typed line."""
        if line.isdigit() and 1 <= int(line) <= len(self.picks):
            return self.picks[int(line) - 1]()
        command = line.split()[0].lower() if line.startswith("/") else ""
        lang = reply_language(self.lang)  # commands: no question, the chosen language
        catalog = self.retriever.knowledge.catalog
        if command == "/help":
            return fixed("terminal_help", lang)
        if command in ("/start", "/privacy"):
            return fixed(command[1:], lang)
        if command == "/hotline":
            return compose_hotline(self.retriever, lang, catalog)
        if command in ("/language", "/lang"):
            options = [(label, partial(self.set_language, code)) for code, label in LANGUAGES]
            return self.menu(fixed("language_prompt", lang), options, lang)
        if command == "/region":
            places = [catalog.jurisdictions[c] for c in REGIONS if c in catalog.jurisdictions]
            anywhere = (text("region_any", lang), partial(self.set_region, None))
            options = [(p.name(lang), partial(self.set_region, p.code)) for p in places]
            return self.menu(fixed("region_prompt", lang), [*options, anywhere], lang)
        if command == "/ask" and line.split(maxsplit=1)[1:]:
            line = line.split(maxsplit=1)[1]
        elif command:
            return fixed("unknown_command", lang)
        answer = ask(self.retriever, line, self.lang, "terminal", self.region)
        self.picks = []
        if answer.choices:
            unsure = compose_answer(answer, self.retriever)
            return unsure + self.numbered(did_you_mean(answer), answer.lang)
        if answer.abstained or not answer.hits:
            return compose_answer(answer, self.retriever)
        also = [h.passage for h in answer.hits[1:]]
        document = compose_answer(answer, self.retriever)
        return document + self.offer(answer.hits[0].passage, also, answer.lang)

    def set_language(self, lang: Lang) -> Document:
        self.lang, self.picks = lang, []
        return fixed("language_set", lang)

    def set_region(self, code: str | None) -> Document:
        self.region, self.picks = code, []
        lang = reply_language(self.lang)
        if code is None:
            return fixed("region_cleared", lang)
        place = self.retriever.knowledge.catalog.jurisdictions[code]
        return fixed("region_set", lang, place=place.name(lang))

    def menu(
        self,
        prompt: Document,
        options: Sequence[tuple[str, Callable[[], Document]]],
        lang: Lang,
        extra: str = "",
    ) -> Document:
        """A prompt and its options as numbered lines to type, remembered for the next line
        (what the bot shows as buttons)."""
        self.picks = [act for _, act in options]
        lines = [f"{i}. {label}" for i, (label, _) in enumerate(options, 1)]
        lines += [extra] if extra else []
        return (*prompt, paragraph(text("choices", lang) + "\n" + "\n".join(lines)))

    def choose(self, choice: Choice) -> Document:
        """What a tap on the button would send."""
        article = self.retriever.article(choice.passage.article_id)
        if article is None:
            return fixed("updated", "en")
        lang, catalog = article.lang, self.retriever.knowledge.catalog
        if choice.kind == "wrong":
            return fixed("wrong_thanks", lang)
        if choice.kind in ("also", "pick"):
            document = compose_passage(choice.passage, article, lang, catalog)
            return document + self.offer(choice.passage, [], lang)
        following = [p for p in self.retriever.passages_of(article.id) if p.n > choice.passage.n][
            :MORE_PASSAGES
        ]
        if not following:
            return fixed("no_more", lang)
        body, tail = compose_passages(following, article, lang, catalog)
        return body + tail + self.offer(following[-1], [], lang)

    def offer(self, first: Passage, also: list[Passage], lang: Lang) -> Document:
        """The numbered choices under a reply (remembered for the next line)."""
        choices = answer_choices(self.retriever, first, also, lang)
        card = text("card_choice", lang) if self.cards and _has_card(self.retriever, first) else ""
        return self.numbered(choices, lang, card)

    def numbered(self, choices: list[Choice], lang: Lang, extra: str = "") -> Document:
        """Choices as numbered lines to type."""
        return self.menu((), [(c.label, partial(self.choose, c)) for c in choices], lang, extra)


def _has_card(retriever: Retriever, passage: Passage) -> bool:
    from bot.cards import offered_cards

    return bool(offered_cards(retriever, [passage]))
