"""Legal help numbers (`knowledge/hotlines.yaml`) that cards print, chosen by need and place."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from index.articles import _Loader, _pydantic_problems, _read_text
from index.catalog import Catalog
from index.errors import Problem

HOTLINES_FILE = "hotlines.yaml"
Need = Literal["arrested", "immigration", "other-legal"]


class Bilingual(BaseModel):
    """A short text in English and Spanish."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str = Field(min_length=1, max_length=200)
    es: str = Field(min_length=1, max_length=200)

    def get(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


class Hotline(BaseModel):
    """One number, the needs it serves, the places it is for and where it was seen listed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    number: str = Field(pattern=r"^\+?[0-9][0-9 -]{5,20}[0-9]$")
    name: Bilingual
    needs: list[Need] = Field(min_length=1)
    places: list[str] = Field(min_length=1)
    hours: Bilingual | None = None
    seen_at: str = Field(pattern=r"^https?://\S+$")
    seen_on: date

    @field_validator("places")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("lists a place twice")
        return value


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hotlines: list[Hotline]


def yaml_lines(text: str) -> dict[str, int]:
    """Line (1-based) of each key of a plain YAML file, nested ones dotted: `hotlines.0.number`."""
    from index.articles import _key_lines

    return {key: line - 1 for key, line in _key_lines(text).items()}  # no '---' line here


def read_yaml_file(path: Path) -> tuple[Any, dict[str, int], list[Problem]]:
    """(data, key lines, problems) of a YAML knowledge file, dates kept as text for pydantic."""
    text, problem = _read_text(path)
    if problem is not None or text is None:
        return None, {}, [problem] if problem else []
    try:
        return yaml.load(text, Loader=_Loader), yaml_lines(text), []  # _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return None, {}, [Problem(str(path), line, f"bad YAML: {reason}")]


def load_hotlines(knowledge_dir: Path, catalog: Catalog) -> tuple[list[Hotline], list[Problem]]:
    """Every hotline and every problem; the file is optional (no numbers are printed then)."""
    path = knowledge_dir / HOTLINES_FILE
    if not path.is_file():
        return [], []
    data, lines, problems = read_yaml_file(path)
    if problems:
        return [], problems
    try:
        hotlines = _File.model_validate(data).hotlines
    except ValidationError as exc:
        return [], _pydantic_problems(exc, path, lines)
    seen: set[str] = set()
    for i, hotline in enumerate(hotlines):
        line = lines.get(f"hotlines.{i}", 1)
        if hotline.id in seen:
            problems.append(Problem(str(path), line, f"duplicate hotline id '{hotline.id}'"))
        seen.add(hotline.id)
        for place in hotline.places:
            if place not in catalog.jurisdictions:
                at = lines.get(f"hotlines.{i}.places", line)
                problems.append(Problem(str(path), at, f"unknown jurisdiction '{place}'"))
    return hotlines, problems


def hotlines_for(
    hotlines: list[Hotline], needs: list[str], place: str, catalog: Catalog
) -> list[Hotline]:
    """The numbers for any of ``needs`` that are listed for ``place`` or a place above it."""
    return [h for h in hotlines if set(h.needs) & set(needs) and catalog.applies(h.places, place)]
