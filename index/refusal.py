"""Requests to harm or expose people are refused on purpose, even in on-topic words.

Scores alone cannot catch them: "find the home address of the officer in this photo" sounds
like a face-recognition question. The policy (`refusals.yaml`) is written as patterns over the
folded question: `always` (acts harmful however asked), and `intent` + `acts` (the asker means
to do a harmful act). Its `categories` list example requests the patterns must catch; a test
checks every one, so the policy and its patterns cannot drift apart.

Protecting yourself is never refused. `protect` patterns name self-protective phrases
("disable face id", "hide my face", "find the officer's badge number", "is it a crime to
lie"); each is blanked out before `intent` and `acts` are checked, so the trigger words inside
it ("disable", "hide", "lie") cannot make a question harmful, while the rest of the question is
judged as usual ("find the badge number, then find his home address" is still refused). Its
`protected` examples are tested never to be refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from index.lexical import fold

POLICY_FILE = Path(__file__).with_name("refusals.yaml")


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


@dataclass(frozen=True)
class RefusalPolicy:
    """The written policy: example requests, and the patterns that refuse."""

    examples: list[str] = field(default_factory=list)
    always: list[re.Pattern[str]] = field(default_factory=list)
    intent: list[re.Pattern[str]] = field(default_factory=list)
    acts: list[re.Pattern[str]] = field(default_factory=list)
    protect: list[re.Pattern[str]] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path = POLICY_FILE) -> RefusalPolicy:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        examples = [example for category in data["categories"] for example in category["examples"]]
        return cls(
            examples,
            _compile(data["always"]),
            _compile(data["intent"]),
            _compile(data["acts"]),
            _compile(data.get("protect", [])),
            list(data.get("protected", [])),
        )

    def unprotected(self, folded: str) -> str:
        """The folded question with its self-protective phrases blanked out."""
        for pattern in self.protect:
            folded = pattern.sub(" _ ", folded)
        return folded

    def matches(self, text: str) -> bool:
        """Whether the question asks for help with a harmful act."""
        folded = fold(text)
        if any(p.search(folded) for p in self.always):
            return True
        rest = self.unprotected(folded)
        return any(p.search(rest) for p in self.intent) and any(p.search(rest) for p in self.acts)
