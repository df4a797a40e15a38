"""Phrase lists of the knowledge files: validated, folded and compiled into whole-word patterns.

Situations (`knowledge/situations.yaml`) and questions about the bot itself
(`knowledge/about_bot.yaml`) are lists of phrases people type, in English and Spanish, matched
in every message whatever its language (people mix them), ignoring case and accents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

from index.errors import Problem
from index.lexical import fold
from index.yamlfile import line_of, mapping_items, text_of

LANGS = ("en", "es")


# In situations.yaml, `#` in a phrase stands for a number, in digits or in words: "hace # anos"
# is "hace 3 años", "hace dos años", "hace unos años"; people count time both ways. Longer
# alternatives come first ("a couple of" before "a couple" before "a") so that each is taken
# whole.
NUMBER = "#"
_NUMBER_WORDS = (
    r"\d+|a few|a couple of|a couple|several|a|an|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|un par de|unos|unas|varios|varias|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|"
    r"nueve|diez"
)


def phrase_pattern(phrases: Sequence[str], numbers: bool = False) -> re.Pattern[str] | None:
    """Whole-word alternatives, longest first; None when there are none. With ``numbers``, a
    `#` in a phrase matches a number (situations.yaml); elsewhere it is a plain character."""
    if not phrases:
        return None
    ordered = sorted(set(phrases), key=len, reverse=True)
    escaped = (re.escape(p) for p in ordered)
    if numbers:
        escaped = (e.replace(re.escape(NUMBER), f"(?:{_NUMBER_WORDS})") for e in escaped)
    alternatives = "|".join(escaped)
    return re.compile(r"(?<![\w])(?:" + alternatives + r")(?![\w])")


def normal(text: str) -> str:
    """Folded (lowercase, no accents) with typographic apostrophes made plain."""
    return fold(text).replace("\u2019", "'").replace("\u2018", "'")


def contains(rx: re.Pattern[str] | None, text: str) -> bool:
    """Whether the (normalised) text holds one of the pattern's phrases."""
    return rx is not None and rx.search(text) is not None


def phrase_list(node: yaml.Node, where: str, name: str) -> tuple[list[str], list[Problem]]:
    """`{en: [...], es: [...]}` -> folded phrases; a repeat within the list is an error."""
    entries, problems = mapping_items(node, where, f"'{name}': a mapping with en: and es: lists")
    out: list[str] = []
    seen: dict[str, int] = {}
    langs: set[str] = set()
    for key, value in entries:
        lang = str(key.value)
        if lang not in LANGS:
            problems.append(Problem(where, line_of(key), f"'{name}': unknown language '{lang}'"))
            continue
        langs.add(lang)
        if not isinstance(value, yaml.SequenceNode):
            msg = f"'{name}.{lang}' must be a list of phrases"
            problems.append(Problem(where, line_of(value), msg))
            continue
        for item in value.value:
            text = text_of(item)
            phrase = normal(text).strip() if text else ""
            if not phrase:
                msg = f"'{name}.{lang}': each phrase must be non-empty text"
                problems.append(Problem(where, line_of(item), msg))
            elif phrase in seen:
                msg = f"'{name}': duplicate phrase '{phrase}' (also line {seen[phrase]})"
                problems.append(Problem(where, line_of(item), msg))
            else:
                seen[phrase] = line_of(item)
                out.append(phrase)
    for lang in LANGS:
        if isinstance(node, yaml.MappingNode) and lang not in langs:
            problems.append(Problem(where, line_of(node), f"'{name}': missing {lang}: phrases"))
    return out, problems
