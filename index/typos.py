"""Reproducible misspellings of evaluation questions, to measure how typos hurt retrieval.

Each question gets one edit (insert, delete, substitute or swap two adjacent letters) in each
of two of its content words of 4+ letters, drawn from a generator seeded by the seed and the
question's id: the same seed misspells a question the same way, whatever else is evaluated.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Iterable
from dataclasses import replace

from index.evaluation import Question
from index.lexical import STOPWORDS, fold

WORDS_PER_QUESTION = 2
CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
EDITS = ("insert", "delete", "substitute", "swap")


def misspell_word(word: str, rng: random.Random) -> str:
    """`word` with one edit that changes it."""
    while True:
        edit = rng.choice(EDITS)
        i = rng.randrange(len(word))
        letter = rng.choice(string.ascii_lowercase)
        if word.isupper():  # a typo in a shouted word is shouted too
            letter = letter.upper()
        if edit == "insert":
            out = word[:i] + letter + word[i:]
        elif edit == "delete":
            out = word[:i] + word[i + 1 :]
        elif edit == "substitute":
            out = word[:i] + letter + word[i + 1 :]
        else:
            i = min(i, len(word) - 2)
            out = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if out.lower() != word.lower():
            return out


def misspell(text: str, rng: random.Random) -> str:
    """`text` with one edit in each of two content words (fewer when it has fewer)."""
    words = [m for m in CONTENT_WORD.finditer(text) if fold(m.group()) not in STOPWORDS]
    chosen = sorted(rng.sample(words, min(WORDS_PER_QUESTION, len(words))), key=lambda m: m.start())
    out, last = [], 0
    for match in chosen:
        out += [text[last : match.start()], misspell_word(match.group(), rng)]
        last = match.end()
    return "".join(out) + text[last:]


def misspelt(questions: Iterable[Question], seed: int) -> list[Question]:
    """The questions, each misspelt the same way for the same seed."""
    return [
        replace(q, question=misspell(q.question, random.Random(f"{seed}:{q.id}")))
        for q in questions
    ]
