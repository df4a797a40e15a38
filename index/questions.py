"""How a question is read before search, the same for users' questions and off-topic examples."""

from __future__ import annotations

from index.glossary import encoder_text
from index.language import detect_language, well_formed
from index.models import Lang
from index.places import without_uncovered_place


def read_question(question: str, lang: Lang | None) -> tuple[str, Lang, str]:
    """(stripped text, reply language, what the encoder sees).

    A confident guess from the text wins; else the caller's setting; else English. A place
    the knowledge base does not cover is left out of the encoder's input: it only pulled
    answers toward passages that name other places.
    """
    text = well_formed(question).strip()
    resolved: Lang = (detect_language(text) if text else None) or lang or "en"
    return text, resolved, encoder_text(without_uncovered_place(text), resolved) or "?"
