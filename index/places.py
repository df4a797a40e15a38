"""Places named in a question: a jurisdiction code to boost, or a place the base does not cover.

The names are knowledge: each jurisdiction's `aliases` in `knowledge/jurisdictions.yaml`
(covered places) and `knowledge/places.yaml` (places no article covers, under the nearest code
that still says something true there). This module only matches them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import yaml

from index.catalog import GLOBAL, Catalog
from index.errors import Problem
from index.lexical import fold, shouted
from index.yamlfile import compose_file, line_of, mapping_items, text_of

PLACES_FILE = "places.yaml"


@dataclass(frozen=True)
class PlaceMention:
    code: str | None  # jurisdiction to boost
    uncovered: str | None  # the name as typed, when the base does not cover that place


def _pattern(names: Mapping[str, str]) -> re.Pattern[str] | None:
    """Longest names first, so "new york state" beats "new york"; None when there are none."""
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w])")


class Places:
    """Folded place names -> codes: covered ones to boost, uncovered ones to warn about."""

    def __init__(self, covered: Mapping[str, str], uncovered: Mapping[str, str]) -> None:
        self.covered = dict(covered)
        self.uncovered = dict(uncovered)
        self._covered = _pattern(self.covered)
        self._uncovered = _pattern(self.uncovered)

    def find(self, question: str) -> PlaceMention:
        """The first place named in the question; uncovered places win (a warning matters more)."""
        text = fold(question)
        if self._uncovered is not None and (match := self._uncovered.search(text)):
            name = match.group(1)
            code = self.uncovered[name]
            # Under GLOBAL (Mexico) no code: the asker's /region or the home still decides
            # which steps and numbers an urgent message gets ("...soy de México").
            return PlaceMention(
                code=None if code == GLOBAL else code, uncovered=_as_typed(question, match)
            )
        if self._covered is not None and (match := self._covered.search(text)):
            return PlaceMention(code=self.covered[match.group(1)], uncovered=None)
        return PlaceMention(code=None, uncovered=None)

    def without_uncovered(self, question: str) -> str:
        """The question without a place the base does not cover, for the encoder.

        Such a name cannot match any article, but it pulls the encoder toward passages that
        name other places; the place itself is handled by the reply's note, not the topic match.
        """
        place = self.find(question)
        if place.uncovered is None:
            return question
        pattern = r"\b(?:in|en|of|de|from|desde)?\s*" + re.escape(place.uncovered) + r"(?!\w)"
        stripped = re.sub(pattern, " ", question, flags=re.IGNORECASE)
        return re.sub(r"\s+(?=[?!.,;:])", "", " ".join(stripped.split())) or question


def _as_typed(question: str, match: re.Match[str]) -> str:
    """The place's name as the asker typed it ("México", not "Mexico"), found by folding the
    question one character at a time: a character may fold into several ("…" into "...") or
    into none (a separate accent mark). Typed in lowercase, or in a shouted message, it is
    titled ("mexico", "TORONTO"); capitals otherwise stay ("CDMX")."""
    ends = list(accumulate(len(fold(ch)) for ch in question))
    typed = question[bisect_right(ends, match.start(1)) : bisect_right(ends, match.end(1) - 1) + 1]
    if fold(typed) != match.group(1):  # not found as typed: the folded name
        typed = match.group(1)
    return typed.title() if typed == typed.lower() or shouted(question) else typed


NO_PLACES = Places({}, {})


def _covered(catalog: Catalog, where: str) -> tuple[dict[str, str], dict[str, int], list[Problem]]:
    """Every jurisdiction's folded aliases, their lines, and duplicates or double claims."""
    covered: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for code, jurisdiction in catalog.jurisdictions.items():
        for alias in jurisdiction.aliases:
            name = fold(alias.name).strip()
            if not name:
                problems.append(Problem(where, alias.line, f"{code}: an alias must be a name"))
            elif name not in covered:
                covered[name], lines[name] = code, alias.line
            elif covered[name] == code:
                msg = f"duplicate alias '{name}' of {code} (also line {lines[name]})"
                problems.append(Problem(where, alias.line, msg))
            else:
                msg = f"alias '{name}' claimed by {covered[name]} (line {lines[name]}) and {code}"
                problems.append(Problem(where, alias.line, msg))
    return covered, lines, problems


def _uncovered_names(
    node: yaml.Node, code: str, where: str
) -> tuple[list[tuple[str, int]], list[Problem]]:
    """The folded names listed under one code, each with its line."""
    if not isinstance(node, yaml.SequenceNode):
        return [], [Problem(where, line_of(node), f"'{code}' must be a list of place names")]
    names: list[tuple[str, int]] = []
    problems: list[Problem] = []
    for item in node.value:
        text = text_of(item)
        if text is None or not fold(text).strip():
            problems.append(Problem(where, line_of(item), "each place must be a non-empty name"))
        else:
            names.append((fold(text).strip(), line_of(item)))
    return names, problems


def _uncovered(
    entries: list[tuple[yaml.Node, yaml.Node]],
    catalog: Catalog,
    covered: dict[str, str],
    alias_lines: dict[str, int],
    where: str,
) -> tuple[dict[str, str], list[Problem]]:
    """The `uncovered:` mapping: folded name -> nearest code, and its problems."""
    uncovered: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for code_node, names_node in entries:
        code = str(code_node.value)
        if code not in catalog.jurisdictions:
            msg = f"unknown jurisdiction code '{code}' (see jurisdictions.yaml)"
            problems.append(Problem(where, line_of(code_node), msg))
            continue
        names, found = _uncovered_names(names_node, code, where)
        problems += found
        for name, line in names:
            if name in covered:
                at = f"jurisdictions.yaml:{alias_lines[name]}"
                msg = f"'{name}' is an alias of {covered[name]} ({at}), so it is covered"
                problems.append(Problem(where, line, msg))
            elif name in uncovered:
                msg = f"duplicate place '{name}' (also line {lines[name]})"
                problems.append(Problem(where, line, msg))
            else:
                uncovered[name], lines[name] = code, line
    return uncovered, problems


def load_places(knowledge_dir: Path, catalog: Catalog) -> tuple[Places, list[Problem]]:
    """Aliases from the catalog and `places.yaml` (optional), with every problem as path:line."""
    covered, alias_lines, problems = _covered(catalog, str(knowledge_dir / "jurisdictions.yaml"))
    where = str(knowledge_dir / PLACES_FILE)
    root, read_problems = compose_file(knowledge_dir / PLACES_FILE)
    top, shape = mapping_items(root, where, "a mapping with an 'uncovered:' mapping")
    problems += read_problems + shape
    uncovered: dict[str, str] = {}
    for key, value in top:
        if key.value != "uncovered":
            problems.append(Problem(where, line_of(key), f"unknown key '{key.value}'"))
            continue
        entries, shape = mapping_items(value, where, "a mapping of codes to lists of places")
        found, more = _uncovered(entries, catalog, covered, alias_lines, where)
        uncovered.update(found)
        problems += shape + more
    return Places(covered, uncovered), problems
