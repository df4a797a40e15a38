"""Plain YAML knowledge files (cards): their data and the line of each key, for path:line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from index.articles import _key_lines, _Loader, _read_text
from index.errors import Problem


def yaml_lines(text: str) -> dict[str, int]:
    """Line (1-based) of each key of a plain YAML file, nested ones dotted: `hotlines.0.number`."""
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
