"""Errors meant for people: the CLI prints them as one line, the bot as kind text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


class KyrError(Exception):
    """Base class of every error the core raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One finding about a knowledge file, reported as `path:line: message`."""

    path: str
    line: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class InvalidKnowledgeError(KyrError):
    """The knowledge base has errors; nothing was built or swapped."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        first = str(errors[0]) if errors else "unknown problem"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"invalid knowledge base: {first}{more}")


class IndexMismatchError(KyrError):
    """The index on disk was built for another model or format, or is damaged."""


class IndexMissingError(KyrError):
    """No index has been built yet in the index folder."""
