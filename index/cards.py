""" "Show this" cards (`knowledge/cards/<id>.yaml`): the words to say, read and checked.

Every line names the vetted passage it comes from (`<article-id>#<anchor>`); its English
words must be in that passage and its Spanish words in the translation's passage with the
same anchor. The only shortening allowed is taking whole sentences: a line is one or more
complete sentences (or a complete quotation, or a complete list item) copied word for word,
see ``is_quoted_from``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from index.articles import Article, _pydantic_problems
from index.catalog import Catalog
from index.errors import Problem
from index.hotlines import Need
from index.models import SLUG, Status
from index.passages import sections_of
from index.yaml_files import read_yaml_file

CARDS_DIR = "cards"
REVIEW_EVERY = timedelta(days=180)
Situation = Literal[
    "police-at-door", "immigration-at-door", "stopped-on-street", "arrested", "at-protest"
]
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_STARTS = ('"', "(", ".", "?", "!", ":", ";", "-", "•")  # what may come right before a line
_ENDS = (".", "?", "!")


class Bilingual(BaseModel):
    """A short text in English and Spanish."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str = Field(min_length=1, max_length=200)
    es: str = Field(min_length=1, max_length=200)

    def get(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


class CardLine(BaseModel):
    """One line of a card, in both languages, with the passage it is copied from."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source: str = Field(alias="from", pattern=r"^[a-z0-9-]+#[a-z0-9-]+$")
    en: str = Field(min_length=2, max_length=160)
    es: str = Field(min_length=2, max_length=160)
    places: list[str] = Field(default_factory=list)  # only on cards for these places

    def text(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


class CardMeta(BaseModel):
    """A card file. Unknown fields are errors, like an article's front matter."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SLUG.pattern)
    situation: Situation
    place: str
    title: Bilingual
    say: list[CardLine] = Field(min_length=1, max_length=5)
    do: list[CardLine] = Field(min_length=2, max_length=5)
    hotlines: list[Need] = Field(default_factory=list)
    reviewed_on: date
    status: Status

    def lines(self, part: Literal["say", "do"], place: str, catalog: Catalog) -> list[CardLine]:
        """The lines of ``part`` printed on the card for ``place``."""
        lines = self.say if part == "say" else self.do
        return [line for line in lines if not line.places or catalog.applies(line.places, place)]


@dataclass(frozen=True)
class Card:
    meta: CardMeta
    path: Path
    field_lines: dict[str, int]


def card_paths(knowledge_dir: Path) -> list[Path]:
    """Every card file, sorted so builds are reproducible."""
    folder = knowledge_dir / CARDS_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def parse_card(path: Path) -> tuple[Card | None, list[Problem]]:
    """One card file, or no card and every problem found in it."""
    data, lines, problems = read_yaml_file(path)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(str(path), 1, "a card must be a mapping of fields")]
    try:
        meta = CardMeta.model_validate(data)
    except ValidationError as exc:
        return None, _pydantic_problems(exc, path, lines)
    return Card(meta, path, lines), []


def normalise(text: str) -> str:
    """Text as compared: typographic quotes made straight, no Markdown bold, single spaces."""
    return " ".join(text.translate(_QUOTES).replace("**", "").split())


def is_quoted_from(line: str, passage: str) -> bool:
    """Whether ``line`` is whole sentences of ``passage``, word for word (see module doc)."""
    needle, hay = normalise(line), normalise(passage)
    if not needle or needle[-1] not in _ENDS:
        return False
    start = hay.find(needle)
    while start != -1:
        before = hay[:start].rstrip()
        after = hay[start + len(needle) :]
        if (not before or before.endswith(_STARTS)) and (not after or after[0] in " \"')"):
            return True
        start = hay.find(needle, start + 1)
    return False


def check_cards(
    cards: list[Card], articles: list[Article], catalog: Catalog, today: date
) -> list[Problem]:
    """Ids, places, dates, and that every line is copied from the vetted passage it names."""
    texts = _passage_texts(articles)
    problems: list[Problem] = []
    for card in cards:
        m, where, lines = card.meta, str(card.path), card.field_lines
        if card.path.stem != m.id:
            problems.append(Problem(where, lines.get("id", 1), "id must match the file name"))
        if m.place not in catalog.jurisdictions:
            problems.append(Problem(where, lines.get("place", 1), f"unknown place '{m.place}'"))
        if m.reviewed_on > today:
            problems.append(Problem(where, lines.get("reviewed_on", 1), "date is in the future"))
        elif m.reviewed_on + REVIEW_EVERY < today:
            msg = f"due for review: last reviewed {m.reviewed_on}, more than 180 days ago"
            problems.append(Problem(where, lines.get("reviewed_on", 1), msg, "warning"))
        for part in ("say", "do"):
            for i, line in enumerate(getattr(m, part)):
                at = lines.get(f"{part}.{i}", 1)
                problems += _check_line(line, texts, catalog, where, at)
    return problems


def _check_line(
    line: CardLine, texts: dict[str, str], catalog: Catalog, where: str, at: int
) -> list[Problem]:
    article_id, anchor = line.source.split("#", 1)
    known = catalog.jurisdictions
    out = [Problem(where, at, f"unknown place '{p}'") for p in line.places if p not in known]
    for lang in ("en", "es"):
        key = f"{article_id}#{anchor}" if lang == "en" else f"{article_id}#{anchor} (es)"
        text, words = texts.get(key), line.text(lang)
        if text is None:
            out.append(Problem(where, at, f"'{key}' is not a vetted passage ({lang})"))
        elif not is_quoted_from(words, text):
            msg = f"{lang} line is not whole sentences of {key}: {words!r}"
            out.append(Problem(where, at, msg))
    return out


def _passage_texts(articles: list[Article]) -> dict[str, str]:
    """Text of every anchored section of every vetted article, by passage id.

    A translation's sections are keyed by the English id: ``<english-id>#<anchor> (es)``.
    """
    texts: dict[str, str] = {}
    for a in articles:
        if a.meta.status != "vetted":
            continue
        key = a.meta.translation_of or a.meta.id
        suffix = f" ({a.meta.lang})" if a.meta.lang != "en" else ""
        for s in sections_of(a):
            if s.heading and s.anchor:
                texts[f"{key}#{s.anchor}{suffix}"] = s.text
    return texts


def check_duplicates(cards: list[Card]) -> list[Problem]:
    """Two cards with the same id."""
    seen: dict[str, Path] = {}
    out: list[Problem] = []
    for card in cards:
        if card.meta.id in seen:
            msg = f"duplicate card id (also {seen[card.meta.id]})"
            out.append(Problem(str(card.path), card.field_lines.get("id", 1), msg))
        seen.setdefault(card.meta.id, card.path)
    return out
