"""Typed records shared by the core: article front matter, passages, hits, answers."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Lang = Literal["en", "es"]
Status = Literal["draft", "vetted"]
AbstainReason = Literal["low_confidence", "unsure", "refused"]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HTTP_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
# Left over from a site template or a mail merge, e.g. `%5Bfield_short_title-raw%5D` or `{{url}}`:
# brackets and braces, raw or percent-encoded, never belong in an address we cite.
TEMPLATE_LEFTOVER = re.compile(r"%5B|%5D|%7B|%7D|[\[\]{}]", re.IGNORECASE)


def url_problem(value: str) -> str | None:
    """Why `value` cannot be cited as a source address, or None when it can."""
    if not HTTP_URL.match(value):
        return "must be an http(s) address"
    if TEMPLATE_LEFTOVER.search(value):
        return "looks like a template leftover (brackets or braces in the address)"
    return None


def valid_source_url(value: str) -> bool:
    return url_problem(value) is None


class Source(BaseModel):
    """A public page an article's facts were checked against."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    url: str
    accessed: date

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        problem = url_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value


class PassageMeta(BaseModel):
    """Per-passage data, keyed by anchor in the front matter's `passages:` map.

    A Spanish article inherits every field from its English original except `asked_as`.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    asked_as: list[str] | None = None  # ways people ask for this passage; never shown
    kind: Literal["steps", "info"] | None = None  # "steps": what to do right now
    situations: list[str] = Field(default_factory=list)  # slugs from situations.yaml
    jurisdictions: list[str] | None = None  # overrides the article's, for this passage
    # Who the passage speaks to (`who:` groups of situations.yaml), instead of the side its
    # article's steps give it: "do I have to tell police my status?" is for both.
    who: list[str] | None = None
    # The addresses of the article's sources that back this passage, most direct first: a
    # reply shows these instead of every source of the article (the first one a reader sees
    # should support what they read, and a long article's list overflows a message).
    sources: list[str] | None = None


class ArticleMeta(BaseModel):
    """An article's front matter. Unknown fields are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str = Field(min_length=1)
    lang: Lang
    translation_of: str | None = None
    jurisdictions: list[str] = Field(min_length=1)
    topics: list[str] = Field(min_length=1)
    summary: str = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    reviewed_by: str = Field(min_length=1)
    reviewed_on: date
    status: Status
    passages: dict[str, PassageMeta] = Field(default_factory=dict)
    # Answers only questions placed where it applies (a place named in the message, or set
    # with /region): custody rules of England and Wales, read by a New Yorker who named no
    # place, would tell them silence can count against them (it cannot, at home).
    placed_only: bool = False

    def jurisdictions_of(self, anchor: str) -> list[str]:
        """Where one passage applies: its own `jurisdictions:` if set, else the article's."""
        meta = self.passages.get(anchor)
        return meta.jurisdictions if meta is not None and meta.jurisdictions else self.jurisdictions

    def sources_of(self, *anchors: str) -> list[Source]:
        """What backs these passages: the sources their `sources:` name, in that order (each
        once); every source of the article when one of them names none. A long article's
        whole list no longer fits one Telegram message (immigrants-risks cites 47)."""
        named = [m.sources if (m := self.passages.get(a)) else None for a in anchors]
        if not named or any(not urls for urls in named):
            return list(self.sources)
        by_url = {s.url: s for s in self.sources}  # `validate` holds every named one there
        return [by_url[u] for u in dict.fromkeys(u for urls in named for u in urls or ())]

    def is_steps(self, anchor: str) -> bool:
        """Whether a passage is the article's steps for what to do right now (`kind: steps`)."""
        meta = self.passages.get(anchor)
        return meta is not None and meta.kind == "steps"

    @field_validator("id", "translation_of")
    @classmethod
    def _slug(cls, value: str | None) -> str | None:
        if value is not None and not SLUG.match(value):
            raise ValueError("must be a slug: lowercase letters, digits and single hyphens")
        return value

    @field_validator("summary")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value.strip():
            raise ValueError("must be one line")
        return value.strip()


class Passage(BaseModel):
    """One retrievable piece of an article: a `##` section, named by its anchor."""

    model_config = ConfigDict(frozen=True)

    id: str  # <article-id>#<anchor>
    article_id: str
    anchor: str
    n: int  # position in the article
    title: str
    heading: str
    text: str
    lang: Lang

    def embedding_text(self) -> str:
        """What gets embedded: title and heading too, so a passage reads on its own."""
        return f"{self.title}. {self.heading}. {self.text}"


class Hit(BaseModel):
    """A passage chosen for a question, with its article and a score in [0, 1]."""

    model_config = ConfigDict(frozen=True)

    passage: Passage
    article: ArticleMeta
    score: float = Field(ge=0.0, le=1.0)


class Answer(BaseModel):
    """The core's reply to one question: hits, or an abstention with its reason.

    An "unsure" abstention has no hits but ``choices``: the best candidates, for the person
    to pick from ("Did you mean…?"; see ``Retriever.unsure_choices``).
    """

    model_config = ConfigDict(frozen=True)

    question: str
    hits: list[Hit]
    abstained: bool
    reason: AbstainReason | None = None
    lang: Lang = "en"
    place: str | None = None
    uncovered_place: str | None = None
    # A low-confidence decline: the subject of the nearest off-topic examples (index.offtopic)
    decline_subject: str | None = None
    choices: list[Hit] = Field(default_factory=list)
    # A message about something happening now (index.urgent): its situation, from
    # knowledge/situations.yaml, and the ids of the hotlines.yaml numbers the reply carries.
    situation: str | None = None
    hotlines: list[str] = Field(default_factory=list)
