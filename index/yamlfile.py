"""Small YAML knowledge files read as node trees, so every problem can name its line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from index.errors import Problem
from index.sources import read_text

# libyaml's C parser when PyYAML has it (its wheels do): every reload parses the whole
# knowledge base, and the pure-Python parser was two thirds of a one-article reload.
# Same nodes, marks (lines) and errors; the pure-Python one where libyaml is missing.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML text (its nodes carry their lines)."""
    return yaml.compose(text, Loader=SafeLoader)


def safe_load(text: str) -> object:
    """The plain data of a YAML text (mappings, lists, strings, numbers, dates)."""
    return yaml.load(text, Loader=SafeLoader)


def compose_file(path: Path) -> tuple[yaml.Node | None, list[Problem]]:
    """The file's node tree, or a problem; a missing or empty file is None (no entries)."""
    where = str(path)
    try:
        text = read_text(path)
    except FileNotFoundError:
        return None, []
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(where, 1, f"cannot read file: {exc}")]
    try:
        return compose(text), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(where, mark.line + 1 if mark else 1, f"bad YAML: {exc}")]


def line_of(node: yaml.Node) -> int:
    """1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


def mapping_items(
    node: yaml.Node | None, where: str, what: str
) -> tuple[list[tuple[yaml.Node, yaml.Node]], list[Problem]]:
    """The (key, value) pairs of a mapping node, or a problem saying it must be ``what``."""
    if node is None:
        return [], []
    if not isinstance(node, yaml.MappingNode):
        return [], [Problem(where, line_of(node), f"must be {what}")]
    return list(node.value), []


def known_keys(
    node: yaml.Node | None, where: str, keys: Sequence[str]
) -> tuple[dict[str, yaml.Node], list[Problem]]:
    """A file's top-level mapping as name -> value node, for the names in ``keys``; any other
    key, or a file that is not a mapping, is a problem at its line."""
    top, problems = mapping_items(node, where, f"a mapping of {', '.join(keys)}")
    nodes: dict[str, yaml.Node] = {}
    for key, value in top:
        if key.value not in keys:
            msg = f"unknown key '{key.value}' (use {', '.join(keys)})"
            problems.append(Problem(where, line_of(key), msg))
        else:
            nodes[str(key.value)] = value
    return nodes, problems


def texts_with_lines(
    node: yaml.Node, what: str, where: str, problems: list[Problem]
) -> list[tuple[str, int]]:
    """A list of non-empty strings with their lines (example questions); a bad shape or entry
    is added to ``problems``."""
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(where, line_of(node), f"'{what}' must be a list of strings"))
        return []
    out: list[tuple[str, int]] = []
    for item in node.value:
        text = text_of(item)
        if text is None:
            problems.append(Problem(where, line_of(item), f"each '{what}' entry must be text"))
        else:
            out.append((text, line_of(item)))
    return out


def text_of(node: yaml.Node) -> str | None:
    """A scalar's text, stripped; None for anything else or an empty string."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        return None
    return str(node.value).strip() or None
