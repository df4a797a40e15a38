"""Read knowledge files: front matter (validated, with line numbers) and Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from index.errors import Problem
from index.models import ArticleMeta
from index.sources import read_bytes
from index.yamlfile import SafeLoader, compose

MAX_FILE_BYTES = 1_000_000  # a real article is a few KB; anything this big is a mistake
FENCE = "---"


# (SafeLoader is libyaml's or the pure-Python one, picked at import: mypy sees a variable)
class _Loader(SafeLoader):  # type: ignore[valid-type,misc]
    """Safe YAML that leaves dates as text, so pydantic reports a bad date with its field."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Article:
    """A parsed knowledge file: its metadata, its body and where the body starts."""

    meta: ArticleMeta
    body: str
    path: Path
    body_line: int  # 1-based line number of the body's first line
    field_lines: dict[str, int]


def article_paths(knowledge_dir: Path) -> list[Path]:
    """Every article file: `articles/<lang>/*.md`, sorted so builds are reproducible."""
    root = knowledge_dir / "articles"
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*/*.md"))


def _read_text(path: Path) -> tuple[str | None, Problem | None]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, Problem(str(path), 1, f"file is larger than {MAX_FILE_BYTES} bytes")
        raw = read_bytes(path)
    except OSError as exc:  # symlink loops, permissions, vanished files
        return None, Problem(str(path), 1, f"cannot read file: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(str(path), line, "not valid UTF-8 text")
    if "\x00" in text:
        return None, Problem(str(path), 1, "binary data (NUL byte) in a text file")
    return text.lstrip("\ufeff"), None


def _split_front_matter(text: str, path: Path) -> tuple[str, str, int] | Problem:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return Problem(str(path), 1, "file must start with a '---' front matter block")
    for i in range(1, len(lines)):
        if lines[i].strip() == FENCE:
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return Problem(str(path), 1, "front matter is not closed with '---'")


def _key_lines(front: str) -> dict[str, int]:
    """Line (1-based, in the file) of each front matter key, nested ones dotted: `sources.0.url`."""
    lines: dict[str, int] = {}

    def walk(node: yaml.Node, prefix: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = f"{prefix}{key.value}"
                lines[name] = key.start_mark.line + 2  # +1 for 1-based, +1 for the opening ---
                walk(value, name + ".")
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[f"{prefix}{i}"] = item.start_mark.line + 2
                walk(item, f"{prefix}{i}.")

    root = compose(front)
    if root is not None:
        walk(root, "")
    return lines


def _pydantic_problems(exc: ValidationError, path: Path, lines: dict[str, int]) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = err["loc"]
        where = ".".join(str(p) for p in loc)
        line = lines.get(where, lines.get(str(loc[0]) if loc else "", 1))
        if err["type"] == "missing":
            problems.append(Problem(str(path), 1, f"missing field '{where}'"))
        elif err["type"] == "extra_forbidden":
            problems.append(Problem(str(path), line, f"unknown field '{where}'"))
        else:
            problems.append(Problem(str(path), line, f"field '{where}': {err['msg']}"))
    return problems


def parse_article(path: Path) -> tuple[Article | None, list[Problem]]:
    """Parse one file; on failure return no article and every problem found in it."""
    text, problem = _read_text(path)
    if problem is not None or text is None:
        return None, [problem] if problem else []
    split = _split_front_matter(text, path)
    if isinstance(split, Problem):
        return None, [split]
    front, body, body_line = split
    try:
        data: Any = yaml.load(front, Loader=_Loader)  # _Loader is a SafeLoader
        lines = _key_lines(front)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(str(path), line, f"bad YAML in front matter: {reason}")]
    if not isinstance(data, dict):
        return None, [Problem(str(path), 2, "front matter must be a mapping of fields")]
    try:
        meta = ArticleMeta.model_validate(data)
    except ValidationError as exc:
        return None, _pydantic_problems(exc, path, lines)
    return Article(meta, body, path, body_line, lines), []
