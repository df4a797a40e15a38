"""Hotline numbers as data: `knowledge/hotlines.yaml`, each number once, rendered into articles.

A line `{{hotlines: arrested}}` (or several needs, `{{hotlines: immigration, other-legal}}`)
alone in an article's section is replaced, wherever passages are split, by the Markdown list
of those numbers in the article's language, with who runs each, its hours and where and when
it was seen listed. So a number is changed in one place and every passage follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

import yaml

from index.catalog import Catalog
from index.errors import Problem
from index.models import SLUG, valid_source_url
from index.sources import read_text
from index.yamlfile import compose, safe_load

HOTLINES_FILE = "hotlines.yaml"
Need = Literal["arrested", "immigration", "other-legal", "complaints"]
NEEDS: tuple[str, ...] = get_args(Need)  # one list: the type and the validator agree
DIRECTIVE = re.compile(r"^[ \t]*\{\{\s*hotlines:\s*(?P<needs>[^}]*?)\s*\}\}[ \t]*$", re.MULTILINE)
NUMBER = re.compile(r"^[0-9][0-9 ()+-]{6,}[0-9]$")
FIELDS = {"id", "number", "name", "needs", "places", "hours", "seen_at", "seen_on"}
REQUIRED = FIELDS - {"hours"}


@dataclass(frozen=True)
class Hotline:
    """One phone number, who runs it, what it is for, and where it was last seen listed."""

    id: str
    number: str
    name: dict[str, str]
    needs: tuple[str, ...]
    places: tuple[str, ...]
    hours: dict[str, str] | None
    seen_at: str
    seen_on: date
    line: int  # 1-based line of the entry in hotlines.yaml

    def short_name(self, lang: str) -> str:
        """Who runs it: the name up to its first comma or colon (the rest says what for)."""
        name = self.name.get(lang) or self.name["en"]
        return re.split(r"[,:;]", name, maxsplit=1)[0].strip()

    def render(self, lang: str) -> str:
        """One Markdown list item in `lang` ("en" or "es")."""
        name = self.name.get(lang) or self.name["en"]
        hours = (self.hours.get(lang) or self.hours["en"]) if self.hours else ""
        host = urlsplit(self.seen_at).hostname or self.seen_at
        host = host.removeprefix("www.")
        seen = self.seen_on.isoformat()
        if lang == "es":
            tail = f"Publicado en {host}; confirmado allí el {seen}."
        else:
            tail = f"Listed on {host}; last confirmed there on {seen}."
        parts = [f"- {name}: {self.number}."]
        if hours:
            parts.append(hours.rstrip(".") + ".")
        parts.append(tail)
        return " ".join(parts)


def _lines(text: str) -> dict[str, int]:
    """Line of each entry and field: `0`, `0.number`, ... (1-based)."""
    out: dict[str, int] = {}
    root = compose(text)
    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        if key.value != "hotlines" or not isinstance(value, yaml.SequenceNode):
            continue
        for i, item in enumerate(value.value):
            out[str(i)] = item.start_mark.line + 1
            if isinstance(item, yaml.MappingNode):
                for k, _ in item.value:
                    out[f"{i}.{k.value}"] = k.start_mark.line + 1
    return out


def _lang_map(value: Any, required: bool) -> dict[str, str] | None:
    if value is None and not required:
        return None
    if not isinstance(value, dict) or not all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in ("en", "es")
    ):
        raise ValueError("must give both {en: ..., es: ...} as text")
    return {"en": value["en"].strip(), "es": value["es"].strip()}


def load_hotlines(
    knowledge_dir: Path, jurisdictions: set[str] | None = None
) -> tuple[list[Hotline], list[Problem]]:
    """Every valid hotline and every problem, as `path:line: message`; no file means none."""
    path = knowledge_dir / HOTLINES_FILE
    where = str(path)
    if not path.exists():
        return [], []
    try:
        text = read_text(path)
        data = safe_load(text)
        lines = _lines(text)
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(where, 1, f"cannot read file: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(where, mark.line + 1 if mark else 1, f"bad YAML: {exc}")]
    if not isinstance(data, dict) or not isinstance(data.get("hotlines"), list):
        return [], [Problem(where, 1, "must be a mapping with a 'hotlines:' list")]
    hotlines: list[Hotline] = []
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    for i, raw in enumerate(data["hotlines"]):
        line = lines.get(str(i), 1)

        def at(field: str, _i: int = i, _line: int = line) -> int:
            return lines.get(f"{_i}.{field}", _line)

        if not isinstance(raw, dict):
            problems.append(Problem(where, line, "each hotline must be a mapping of fields"))
            continue
        bad = len(problems)
        for field in sorted(set(raw) - FIELDS):
            problems.append(Problem(where, at(field), f"unknown field '{field}'"))
        for field in sorted(REQUIRED - set(raw)):
            problems.append(Problem(where, line, f"missing field '{field}'"))
        if len(problems) > bad:
            continue
        hid, number = str(raw["id"]), str(raw["number"]).strip()
        if not SLUG.match(hid):
            problems.append(Problem(where, at("id"), f"id '{hid}' must be a slug"))
        elif hid in seen_ids:
            problems.append(
                Problem(where, at("id"), f"duplicate id '{hid}' (also line {seen_ids[hid]})")
            )
        seen_ids.setdefault(hid, at("id"))
        if not NUMBER.match(number):
            problems.append(
                Problem(where, at("number"), f"number '{number}' is not a phone number")
            )
        digits = re.sub(r"\D", "", number).removeprefix("1")
        if digits in seen_numbers:
            first = seen_numbers[digits]
            msg = f"number {number} is listed twice (also line {first}): keep each number once"
            problems.append(Problem(where, at("number"), msg))
        seen_numbers.setdefault(digits, at("number"))
        try:
            name = _lang_map(raw["name"], required=True)
        except ValueError as exc:
            problems.append(Problem(where, at("name"), f"field 'name' {exc}"))
            name = None
        try:
            hours = _lang_map(raw.get("hours"), required=False)
        except ValueError as exc:
            problems.append(Problem(where, at("hours"), f"field 'hours' {exc}"))
            hours = None
        needs = raw["needs"] if isinstance(raw["needs"], list) else []
        if not needs:
            problems.append(Problem(where, at("needs"), f"needs must be a list from {list(NEEDS)}"))
        for need in needs:
            if need not in NEEDS:
                problems.append(
                    Problem(where, at("needs"), f"unknown need '{need}' (use {', '.join(NEEDS)})")
                )
        places = raw["places"] if isinstance(raw["places"], list) else []
        if not places:
            problems.append(Problem(where, at("places"), "places must be a list of place codes"))
        for place in places:
            if jurisdictions is not None and place not in jurisdictions:
                msg = f"unknown place code '{place}' (see jurisdictions.yaml)"
                problems.append(Problem(where, at("places"), msg))
        seen_at = str(raw["seen_at"])
        if not valid_source_url(seen_at):
            problems.append(
                Problem(
                    where, at("seen_at"), f"seen_at '{seen_at}' is not a usable http(s) address"
                )
            )
        seen_on = raw["seen_on"]
        if not isinstance(seen_on, date):
            problems.append(Problem(where, at("seen_on"), "seen_on must be a date (YYYY-MM-DD)"))
        elif seen_on > date.today():
            problems.append(Problem(where, at("seen_on"), "seen_on is in the future"))
        if len(problems) > bad or name is None:
            continue
        hotlines.append(
            Hotline(hid, number, name, tuple(needs), tuple(places), hours, seen_at, seen_on, line)
        )
    return hotlines, problems


def directive_needs(text: str) -> list[tuple[int, list[str]]]:
    """Each `{{hotlines: ...}}` line in `text`: its 0-based line offset and the needs named."""
    out = []
    for match in DIRECTIVE.finditer(text):
        offset = text.count("\n", 0, match.start())
        needs = [n.strip() for n in match["needs"].split(",") if n.strip()]
        out.append((offset, needs))
    return out


def render_list(needs: list[str], lang: str, hotlines: list[Hotline]) -> str:
    """The Markdown list of the hotlines serving any of `needs` (or named by id), in file order."""
    chosen = [h for h in hotlines if set(h.needs) & set(needs) or h.id in needs]
    return "\n".join(h.render(lang) for h in chosen)


def expand(text: str, lang: str, hotlines: list[Hotline]) -> str:
    """`text` with every `{{hotlines: ...}}` line replaced by its list."""
    return DIRECTIVE.sub(
        lambda m: render_list(
            [n.strip() for n in m["needs"].split(",") if n.strip()], lang, hotlines
        ),
        text,
    )


def hotlines_for(
    hotlines: list[Hotline], needs: list[str], place: str, catalog: Catalog
) -> list[Hotline]:
    """The numbers for any of ``needs`` listed for ``place`` or a place above it (cards)."""
    return [
        h for h in hotlines if set(h.needs) & set(needs) and catalog.applies(list(h.places), place)
    ]
