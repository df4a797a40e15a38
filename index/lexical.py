"""BM25 over passages (bm25s), with accent folding and English/Spanish stemming.

Keyword matching catches what a small English-only encoder misses: Spanish questions,
misspelt names, form numbers ("I-200"), and rare words ("Clearview", "FOIL"). A second
BM25 over character 4-grams of words still matches misspelt words ("polise stoped me").
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from index.models import Lang, Passage

WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Function words of both languages: they carry no topic and would let chatter match anything.
_FUNCTION_WORDS = """
a an and are as at be been but by can could did do does doing for from had has have having
he her him his how i if in into is it its just me my no not of on or our out she so than
that the their them then there these they this those to too up us was we were what when
where which who why will with would you your yours im ive dont cant am get got any some all
also about should may might must al como con cual cuando de del desde donde el ella ellos en
entre era es esa ese eso esta este esto estoy fue ha hay la las le les lo los mas me mi mis
muy ni no nos o para pero por que se si sin sobre su sus te tengo tiene ti tu tus un una uno
unos y ya yo usted ustedes puedo puede pueden
"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())


def fold(text: str) -> str:
    """Lowercase and strip accents, so 'policía' and 'policia' are one word."""
    lowered = text.lower()
    if lowered.isascii():  # most questions: nothing to decompose (a tenth of the cost)
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def shouted(text: str) -> bool:
    """Whether a message is shouted (more than half its letters capitals): then no word is a
    name or an acronym for being in capitals."""
    return sum(c.isupper() for c in text) * 2 > sum(c.isalpha() for c in text)


@lru_cache(maxsize=2)
def stemmer(lang: Lang) -> Any:
    import Stemmer

    return Stemmer.Stemmer("spanish" if lang == "es" else "english")


def tokenize(text: str, lang: Lang) -> list[str]:
    """Folded, stemmed content words."""
    words = [w for w in WORD.findall(fold(text)) if w not in STOPWORDS]
    return list(stemmer(lang).stemWords(words))


GRAM = 4


def char_grams(text: str) -> list[str]:
    """Character 4-grams of each folded content word, padded so word edges count."""
    grams: list[str] = []
    for word in WORD.findall(fold(text)):
        if word in STOPWORDS:
            continue
        padded = f" {word} "
        grams += [padded[i : i + GRAM] for i in range(max(len(padded) - GRAM + 1, 1))]
    return grams


def _bm25(corpus: list[list[str]]) -> Any:
    import bm25s

    # bm25s sets its own logger to DEBUG on import and logs every index build.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    index = bm25s.BM25()
    if corpus:
        index.index(corpus, show_progress=False)
    return index


class LexicalIndex:
    """BM25 scores of a question against every passage, in index order."""

    def __init__(
        self,
        passages: list[Passage],
        keys: dict[str, list[str]] | None = None,
        glossed: Iterable[str] = (),
    ) -> None:
        """`keys`: each passage's asked-as keys by passage id, searched as part of it.
        `glossed`: terms the glossary gives English words for ("fone", "the 12"): a question
        using them is as well understood as one using the base's own words (`coverage`)."""
        self._size = len(passages)
        extra = keys or {}
        texts = [" ".join([p.embedding_text(), *extra.get(p.id, [])]) for p in passages]
        corpus = [tokenize(t, p.lang) or ["\x00"] for t, p in zip(texts, passages, strict=True)]
        langs: tuple[Lang, ...] = ("en", "es")
        known = {t for term in glossed for lang in langs for t in tokenize(term, lang)}
        self._vocabulary = frozenset(token for tokens in corpus for token in tokens) | known
        self._bm25: Any = _bm25(corpus)
        grams = [char_grams(t) or ["\x00"] for t in texts]
        self._grams = frozenset(gram for passage in grams for gram in passage)
        self._fuzzy: Any = _bm25(grams)

    def coverage(self, question: str, lang: Lang) -> float:
        """Share of the question's content words that the knowledge base uses at all."""
        tokens = set(tokenize(question, lang))
        return len(tokens & self._vocabulary) / len(tokens) if tokens else 0.0

    def scores(self, question: str, lang: Lang) -> npt.NDArray[np.float32]:
        # Stem with both stemmers: the guess of the question's language may be wrong.
        tokens = sorted(set(tokenize(question, lang)) | set(tokenize(question, "en")))
        if not self._size or not tokens:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def fuzzy_scores(self, question: str) -> npt.NDArray[np.float32]:
        """BM25 over character 4-grams: partial credit for misspelt or inflected words."""
        grams = sorted(set(char_grams(question)) & self._grams)
        if not self._size or not grams:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._fuzzy.get_scores(grams), dtype=np.float32)
