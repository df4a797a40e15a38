"""The reply language: a confident guess from the question, else the person's preference.

``reply_language`` is the one place this rule is written; the retriever, the bot and the
terminal chat all reach it through ``Retriever.search`` or call it directly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from index.models import Lang

MIN_CONFIDENCE = 0.75
SURE = 0.9  # below this, function words outvote the detector ("orden de cateo??": 0.8 English)

# When the statistical detector is unsure (short or mixed messages such as "hola" or
# "va a llover mañana en queens?"), function words settle it. Only words that are
# not also common English words, and vice versa.
_SPANISH = """
    el la los las un una unos unas del al de que qué y o pero porque por para con en mi mis tu
    tus su sus te se le les lo nos yo tú él ella ellos usted ustedes es son está están estoy
    soy fue era hay puedo puede pueden tengo tiene tienen debo debe quiero hacer hago dice dijo
    si sí cómo como cuándo cuando dónde donde cuánto cuánta qué quién muy más también ya aquí
    allá eso esto este esta pa pal hola gracias ayuda policía poli
    q xq pq tb tmb porfa ntp
"""
SPANISH_WORDS = frozenset(_SPANISH.split())
_ENGLISH = """
    the an and or but because of for with without in on at to from my your his her their our i
    you he she they we it is are was were be been am do does did can could should would will
    have has had what when where how who why which this that these those there here if not just
    about please thanks hello hi help police cop cops
    u ur shld plz pls rn tmrw tmr idk im gonna wanna thru
"""
ENGLISH_WORDS = frozenset(_ENGLISH.split())
# Letters and marks that English text almost never has.
SPANISH_MARKS = re.compile(r"[ñ¿¡áéíóú]", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
URL = re.compile(r"\S+://\S+|www\.\S+")  # a link says nothing of its sender's language


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


def _votes(text: str) -> tuple[int, int]:
    """Spanish and English function words in a text (a Spanish mark counts twice)."""
    words = [w.lower() for w in WORD.findall(text)]
    spanish = sum(w in SPANISH_WORDS for w in words) + 2 * bool(SPANISH_MARKS.search(text))
    return spanish, sum(w in ENGLISH_WORDS for w in words)


def _by_words(text: str) -> Lang | None:
    """The language with more of its own function words."""
    spanish, english = _votes(text)
    if spanish == english:
        return None
    return "es" if spanish > english else "en"


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
    guess: Lang = "es" if best.language.name == "SPANISH" else "en"
    spanish, english = _votes(text)
    if spanish == english == 0 and len(WORD.findall(URL.sub(" ", text))) <= 3:
        # A few words with no function word of either language ("asdkjh qwe zzz", a bare
        # link, "face id"): the detector is often sure of Spanish for letters that are in
        # no language, so the person's own language decides.
        return None
    if best.value >= SURE:
        # The detector reads letter sequences, and texting shorthand can look Spanish to it
        # with full confidence ("shld i turn off face id b4 the protest tmrw"): two function
        # words of the other language and none of its own outvote it.
        mine, theirs = (spanish, english) if guess == "es" else (english, spanish)
        if mine == 0 and theirs >= 2:
            return "en" if guess == "es" else "es"
        return guess
    return _by_words(text) or (guess if best.value >= MIN_CONFIDENCE else None)


def reply_language(preferred: Lang | None, text: str = "") -> Lang:
    """A confident guess from ``text``, else the person's preferred language, else English."""
    detected = detect_language(text) if text.strip() else None
    return detected or preferred or "en"


def language_of_tag(tag: str | None) -> Lang | None:
    """'en' or 'es' for a language tag such as ``es-MX`` (Telegram's), None for any other."""
    code = (tag or "").lower()
    return "es" if code.startswith("es") else "en" if code.startswith("en") else None
