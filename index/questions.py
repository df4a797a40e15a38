"""How a question is read before search, the same for users' questions and off-topic examples."""

from __future__ import annotations

from typing import NamedTuple

from index.glossary import Glossary
from index.language import reply_language, well_formed
from index.models import Lang
from index.places import Places
from index.spelling import NO_SPELLER, Speller


class ReadQuestion(NamedTuple):
    """A question as search sees it."""

    text: str  # stripped, lone surrogates replaced, misspelt words corrected
    lang: Lang  # the reply language (see index.language.reply_language)
    encoded: str  # what the encoder sees


def read_question(
    question: str,
    preferred: Lang | None,
    places: Places,
    glossary: Glossary,
    speller: Speller = NO_SPELLER,
) -> ReadQuestion:
    """The question's text, reply language and encoder input.

    The reply language is a confident guess from the text as typed, else the person's
    ``preferred`` language, else English. Words unknown to the knowledge base and to that
    language's dictionary are corrected toward the base's own words (index.spelling), before
    places, keywords and glossary terms are looked for. A place the knowledge base does not
    cover is left out of the encoder's input: it only pulled answers toward passages that name
    other places. Every question, whatever its language, gets the English words of its
    glossary terms.
    """
    typed = well_formed(question).strip()
    lang = reply_language(preferred, typed)
    text = speller.correct(typed, lang)
    encoded = glossary.encoder_text(places.without_uncovered(text))
    return ReadQuestion(text, lang, encoded or "?")
