"""What a person can reach from an answer, decided once for the bot's buttons and the terminal.

Under an answer: up to two "Also: …" choices (the other passages of the core's list), "More on
this" when the article goes on, and "Wrong or outdated?". Under an unsure reply ("Did you
mean…?"): the core's candidates, each labelled with its heading. The bot turns each into a
button (``bot.keyboards``); the terminal chat prints them as numbered lines to type.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from bot.texts import text
from index import Answer, Lang, Passage, Retriever

MAX_ALSO = 2  # "Also" rows under an answer
LABEL_LIMIT = 40  # characters of a button label; longer headings end in "…"
Kind = Literal["also", "more", "wrong", "pick"]


class Choice(NamedTuple):
    """One thing to reach from an answer: its kind, its label and the passage it names."""

    kind: Kind
    label: str
    passage: Passage


def heading_of(passage: Passage) -> str:
    """A passage's own heading, or its article's title when it has none (an introduction)."""
    return (
        passage.heading if passage.heading and passage.heading != passage.title else passage.title
    )


def also_label(passage: Passage, lang: Lang) -> str:
    """ "Also: <heading>", cut to LABEL_LIMIT characters."""
    return _cut(text("also", lang, heading=heading_of(passage)))


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1].rstrip() + "…"


def has_more(retriever: Retriever, passage: Passage) -> bool:
    """Whether the passage's article goes on after it."""
    return any(p.n > passage.n for p in retriever.passages_of(passage.article_id))


def answer_choices(
    retriever: Retriever, first: Passage, also: list[Passage], lang: Lang
) -> list[Choice]:
    """The choices under an answer showing ``first``, with ``also`` offered after it."""
    choices = [Choice("also", also_label(p, lang), p) for p in also[:MAX_ALSO]]
    if has_more(retriever, first):
        choices.append(Choice("more", text("more", lang), first))
    choices.append(Choice("wrong", text("wrong", lang), first))
    return choices


def did_you_mean(answer: Answer) -> list[Choice]:
    """An unsure reply's candidates, labelled with their headings (in the asker's language)."""
    return [Choice("pick", _cut(heading_of(h.passage)), h.passage) for h in answer.choices]
