"""The knowledge base's metadata: topics (with categories) and the jurisdiction tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from index.errors import InvalidKnowledgeError, Problem
from index.sources import read_text
from index.yamlfile import compose, safe_load

GLOBAL = "GLOBAL"


@dataclass(frozen=True)
class Category:
    letter: str
    en: str
    es: str


@dataclass(frozen=True)
class Topic:
    slug: str
    category: str
    es: bool
    title_en: str
    title_es: str

    def title(self, lang: str) -> str:
        return self.title_es if lang == "es" else self.title_en


class Alias(NamedTuple):
    """A name people type for a jurisdiction, and its 1-based line in jurisdictions.yaml."""

    name: str
    line: int


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    parent: str | None
    en: str
    es: str
    aliases: tuple[Alias, ...] = ()  # matched by index.places
    home: bool = False  # where a question that names no place is taken to be asked

    def name(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class Catalog:
    categories: dict[str, Category]
    topics: dict[str, Topic]
    jurisdictions: dict[str, Jurisdiction]

    def ancestors(self, code: str) -> list[str]:
        """`code` and every jurisdiction above it, nearest first (NYC, US-NY, US, GLOBAL)."""
        chain: list[str] = []
        current: str | None = code
        while current is not None and current in self.jurisdictions and current not in chain:
            chain.append(current)
            current = self.jurisdictions[current].parent
        return chain

    def applies(self, article_codes: list[str], place: str) -> bool:
        """Whether an article about `article_codes` speaks for `place` (same place or above it)."""
        return bool(set(article_codes) & set(self.ancestors(place)))

    @property
    def home(self) -> str | None:
        """The jurisdiction marked `home: true` (at most one; load_catalog checks), if any."""
        return next((j.code for j in self.jurisdictions.values() if j.home), None)

    def topics_in(self, letter: str) -> list[Topic]:
        return [t for t in self.topics.values() if t.category == letter]


def _read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """The file's data and its node tree (for line numbers), from one read."""
    try:
        text = read_text(path)
        return safe_load(text), compose(text)
    except FileNotFoundError:
        raise InvalidKnowledgeError([Problem(str(path), 1, "file is missing")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise InvalidKnowledgeError([Problem(str(path), line, f"bad YAML: {exc}")]) from None


def _alias_lines(root: yaml.Node | None) -> dict[str, list[int]]:
    """Line of each alias, per jurisdiction code, in file order."""
    out: dict[str, list[int]] = {}
    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        fields = value.value if isinstance(value, yaml.MappingNode) else []
        for field, items in fields:
            if field.value == "aliases" and isinstance(items, yaml.SequenceNode):
                out[key.value] = [item.start_mark.line + 1 for item in items.value]
    return out


def _aliases(raw: Any, lines: list[int]) -> tuple[Alias, ...]:
    """The entry's aliases as written; index.places folds and checks them."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise TypeError("aliases must be a list of names")
    return tuple(Alias(str(name), line) for name, line in zip(raw, lines, strict=True))


def _home(raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise TypeError("home must be true or false")
    return raw


def load_catalog(knowledge_dir: Path) -> Catalog:
    """Read `topics.yaml` and `jurisdictions.yaml`; a malformed entry raises with its path.

    A jurisdiction's `aliases` are kept as written, with their lines; index.places checks them.
    """
    topics_path = knowledge_dir / "topics.yaml"
    juris_path = knowledge_dir / "jurisdictions.yaml"
    raw_topics, _ = _read_yaml(topics_path)
    raw_juris, juris_root = _read_yaml(juris_path)
    alias_lines = _alias_lines(juris_root)
    try:
        categories = {
            letter: Category(letter, str(v["en"]), str(v["es"]))
            for letter, v in raw_topics["categories"].items()
        }
        topics = {
            slug: Topic(slug, str(v["category"]), bool(v["es"]), v["title_en"], v["title_es"])
            for slug, v in raw_topics["topics"].items()
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise InvalidKnowledgeError([Problem(str(topics_path), 1, f"malformed: {exc!r}")]) from None
    try:
        jurisdictions = {
            code: Jurisdiction(
                code,
                v["parent"],
                str(v["en"]),
                str(v["es"]),
                _aliases(v.get("aliases"), alias_lines.get(code, [])),
                _home(v.get("home", False)),
            )
            for code, v in raw_juris.items()
        }
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise InvalidKnowledgeError([Problem(str(juris_path), 1, f"malformed: {exc!r}")]) from None
    homes = [j.code for j in jurisdictions.values() if j.home]
    if len(homes) > 1:
        raise InvalidKnowledgeError([Problem(str(juris_path), 1, f"more than one home: {homes}")])
    bad = [t.slug for t in topics.values() if t.category not in categories]
    if bad:
        raise InvalidKnowledgeError([Problem(str(topics_path), 1, f"unknown category for {bad}")])
    return Catalog(categories, topics, jurisdictions)
