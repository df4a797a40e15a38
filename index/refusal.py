"""Requests to harm or expose people are refused on purpose, even in on-topic words.

Scores alone cannot catch them: "find the home address of the officer in this photo" sounds
like a face-recognition question. The policy (`refusals.yaml`) has two parts:
  patterns  regular expressions naming the harmful act itself; a match refuses outright;
  examples  plain requests the bot will not help with; with the dev split's harmful questions,
            they train the calibrated harm probe (see index.calibrate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from index.lexical import fold

POLICY_FILE = Path(__file__).with_name("refusals.yaml")


@dataclass(frozen=True)
class RefusalPolicy:
    """The written policy: example requests, and patterns that refuse on sight."""

    examples: list[str] = field(default_factory=list)
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path = POLICY_FILE) -> RefusalPolicy:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        examples = [example for category in data["categories"] for example in category["examples"]]
        return cls(examples, [re.compile(p) for p in data.get("patterns", [])])

    def matches(self, text: str) -> bool:
        """Whether a pattern names a harmful act in the question."""
        folded = fold(text)
        return any(p.search(folded) for p in self.patterns)
