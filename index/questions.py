"""How a question is read before search, the same for users' questions and off-topic examples."""

from __future__ import annotations

from typing import NamedTuple

from index.glossary import encoder_text
from index.language import reply_language, well_formed
from index.models import Lang
from index.places import without_uncovered_place


class ReadQuestion(NamedTuple):
    """A question as search sees it."""

    text: str  # stripped, lone surrogates replaced
    lang: Lang  # the reply language (see index.language.reply_language)
    encoded: str  # what the encoder sees


def read_question(question: str, preferred: Lang | None) -> ReadQuestion:
    """The question's text, reply language and encoder input.

    The reply language is a confident guess from the text, else the person's ``preferred``
    language, else English. A place the knowledge base does not cover is left out of the
    encoder's input: it only pulled answers toward passages that name other places.
    """
    text = well_formed(question).strip()
    lang = reply_language(preferred, text)
    return ReadQuestion(text, lang, encoder_text(without_uncovered_place(text), lang) or "?")
