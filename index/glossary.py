"""A glossary of this domain's Spanish and slang words, to help the English-only encoder.

The packaged encoder was trained on English. For every question, whatever its detected
language, the English words of the legal, protest and slang terms it contains are appended
before encoding and to its keywords, so it lands near the right passages in either language:
people mix languages ("mi tio got stopped por la migra"), and a guess of the language cannot
say which words to gloss. The terms are knowledge (`knowledge/glossary.yaml`, each under a
tag); this module folds, validates and matches them, multi-word terms first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from index.errors import Problem
from index.lexical import fold
from index.yamlfile import compose_file, line_of, mapping_items, text_of

GLOSSARY_FILE = "glossary.yaml"
_WORD = re.compile(r"[^\W_]+")
TAGS = ("legal", "family", "slang", "everyday")

# The encoder reads a message's first 128 word pieces (index.embedding.MAX_TOKENS): about 60
# words of Spanish or of English with slang. Past that, a gloss appended at the end is cut off.
GLOSS_FIRST_WORDS = 60


class Glossary:
    """Folded Spanish terms -> English words, each term under one of TAGS."""

    def __init__(self, terms: Mapping[str, str], tags: Mapping[str, str] | None = None) -> None:
        self.terms = dict(terms)
        self.tags = dict(tags or {})
        keys = sorted(self.terms, key=len, reverse=True)
        self._pattern = (
            re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b") if keys else None
        )

    def gloss(self, text: str) -> str:
        """English words for the glossary terms in a text, in order, without repeats.

        Words the text already has are left out: English questions share terms such as
        "legal" or "video" with Spanish, and repeating them would only shift their vectors.
        """
        if self._pattern is None:
            return ""
        folded = fold(text)
        have = set(_WORD.findall(folded))
        seen: list[str] = []
        for match in self._pattern.finditer(folded):
            for english in self.terms[match.group(1)].split():
                if fold(english) not in have and english not in seen:
                    seen.append(english)
        return " ".join(seen)

    def encoder_text(self, text: str) -> str:
        """What the English encoder sees: the question with its English gloss appended, or
        put first in a long message, whose end the encoder never reads (MAX_TOKENS)."""
        english = self.gloss(text)
        if not english:
            return text
        if len(text.split()) > GLOSS_FIRST_WORDS:
            return f"({english}) {text}"
        return f"{text} ({english})"

    def keywords(self, text: str) -> str:
        """What keyword search sees: the question and its English gloss."""
        english = self.gloss(text)
        return f"{text} {english}" if english else text


NO_GLOSSARY = Glossary({})


def load_glossary(knowledge_dir: Path) -> tuple[Glossary, list[Problem]]:
    """`glossary.yaml` (optional): tag -> {term: English words}; problems as path:line."""
    path = knowledge_dir / GLOSSARY_FILE
    where = str(path)
    root, problems = compose_file(path)
    top, shape = mapping_items(root, where, f"a mapping of tags ({', '.join(TAGS)}) to terms")
    problems += shape
    terms: dict[str, str] = {}
    tags: dict[str, str] = {}
    lines: dict[str, int] = {}
    for tag_node, entries_node in top:
        tag = str(tag_node.value)
        if tag not in TAGS:
            msg = f"unknown tag '{tag}' (use {', '.join(TAGS)})"
            problems.append(Problem(where, line_of(tag_node), msg))
            continue
        entries, shape = mapping_items(entries_node, where, f"'{tag}': a mapping of terms")
        problems += shape
        for key, value in entries:
            term, english, line = fold(text_of(key) or ""), text_of(value), line_of(key)
            if not term or english is None:
                msg = "each entry must map a term to its English words"
                problems.append(Problem(where, line, msg))
            elif term in terms:
                msg = f"duplicate term '{term}' (also line {lines[term]}, {tags[term]})"
                problems.append(Problem(where, line, msg))
            else:
                terms[term], tags[term], lines[term] = english, tag, line
    return Glossary(terms, tags), problems
