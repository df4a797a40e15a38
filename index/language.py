"""Guess whether a question is English or Spanish, only when the guess is confident."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from index.models import Lang

MIN_CONFIDENCE = 0.75


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    # Low-accuracy mode: a few MB and microseconds; accurate enough when only two languages compete.
    return (
        LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.SPANISH)
        .with_low_accuracy_mode()
        .build()
    )


def well_formed(text: str) -> str:
    """``text`` with lone surrogates (legal in JSON, refused by the Rust tokenizers) as U+FFFD."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def detect_language(text: str) -> Lang | None:
    """'en' or 'es' when confident, else None (the caller falls back to the user's setting)."""
    text = well_formed(text)
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3:
        return None
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return None
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return None
    return "es" if best.language.name == "SPANISH" else "en"
