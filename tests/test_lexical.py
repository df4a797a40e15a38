"""Keyword scores: words, and character 4-grams that survive misspellings."""

from __future__ import annotations

import numpy as np

from index.lexical import LexicalIndex, char_grams
from index.models import Passage


def passage(n: int, heading: str, text: str) -> Passage:
    return Passage(
        id=f"a{n}#s",
        article_id=f"a{n}",
        anchor="s",
        n=0,
        title="T",
        heading=heading,
        text=text,
        lang="en",
    )


PASSAGES = [
    passage(1, "If police stop you on the street", "You may ask if you are free to go."),
    passage(2, "Filming police", "You can record officers in public places."),
    passage(3, "Phone passcodes", "Use a long passcode instead of your face."),
]


def test_char_grams_pad_word_edges_and_skip_function_words() -> None:
    assert char_grams("the cop") == [" cop", "cop "]


def test_misspelt_words_still_match_by_grams() -> None:
    index = LexicalIndex(PASSAGES)
    question = "polise stoped me in the streat"
    assert index.scores(question, "en").max() == 0.0  # no word matches as written
    grams = index.fuzzy_scores(question)
    assert int(np.argmax(grams)) == 0 and grams[0] > 0


def test_no_shared_grams_scores_zero() -> None:
    assert LexicalIndex(PASSAGES).fuzzy_scores("xyzzy qwv").max() == 0.0


def test_glossed_terms_count_as_understood_words() -> None:
    """ "fone" is not in any passage, but the glossary gives it words that are: a question
    using it is as well covered (a gate feature) as one saying "phone"."""
    plain = LexicalIndex(PASSAGES)
    glossed = LexicalIndex(PASSAGES, glossed=["fone", "the 12"])
    assert plain.coverage("police fone", "en") == 0.5
    assert glossed.coverage("police fone", "en") == 1.0
    assert glossed.coverage("police cake", "en") == 0.5
    assert glossed.scores("fone", "en").max() == 0.0  # coverage only: no passage holds it
