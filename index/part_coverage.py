"""Measure messages with several questions: is every part within the offered three?

`tests/eval/multipart.jsonl` holds messages with two or three questions, each part labelled
with the passages that answer it. A message counts as covered when every part has a right
passage among what the person can reach (`Answer.hits[:OFFERED]`, the list the bot shows).
A reply offering two passages that say the same thing (cosine >= DUPLICATE_COSINE, the
issue's definition, however the retriever is tuned) is counted too.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from index.evaluation import rate, shown_passages
from index.models import Answer, Lang
from index.retriever import OFFERED, Retriever

# Relative to the working directory, like index.evaluation.EVAL_FILES.
MULTIPART_FILE = Path("tests/eval/multipart.jsonl")
DUPLICATE_COSINE = 0.92


@dataclass(frozen=True)
class Message:
    id: str
    split: str
    lang: Lang
    question: str
    parts: tuple[tuple[str, ...], ...]  # per part, the English passage ids that answer it


def load_messages(path: Path = MULTIPART_FILE, split: str | None = None) -> list[Message]:
    """The labelled multi-part messages of `path` in `split` (None or "all": every one)."""
    out: list[Message] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        parts = tuple(tuple(p) for p in d["parts"])
        out.append(Message(d["id"], d["split"], d["lang"], d["question"], parts))
    return [m for m in out if split in (None, "all", m.split)]


@dataclass
class Coverage:
    messages: int = 0
    covered: int = 0  # every part within the offered three
    parts: int = 0
    parts_covered: int = 0
    abstained: int = 0
    duplicates: int = 0  # replies offering two near-duplicates

    def add(self, retriever: Retriever, message: Message, answer: Answer) -> None:
        shown = [h.passage.id for h in answer.hits[:OFFERED]]
        found = [
            bool(shown_passages(retriever, p, message.lang) & set(shown)) for p in message.parts
        ]
        self.messages += 1
        self.covered += all(found)
        self.parts += len(found)
        self.parts_covered += sum(found)
        self.abstained += answer.abstained
        self.duplicates += any(
            retriever.similarity(a, b) >= DUPLICATE_COSINE
            for a, b in itertools.combinations(shown, 2)
        )

    def metrics(self) -> dict[str, float | int | str]:
        return {
            "messages": self.messages,
            "all_parts_in_3": rate(self.covered, self.messages),
            "parts_in_3": rate(self.parts_covered, self.parts),
            "abstained": self.abstained,
            "near_duplicate_replies": self.duplicates,
        }


def evaluate_messages(
    retriever: Retriever, messages: Sequence[Message]
) -> dict[str, dict[str, float | int | str]]:
    """{lang: metrics} with the answers `Retriever.search_many` gives (one encoder call)."""
    answers = retriever.search_many([m.question for m in messages], k=OFFERED)
    by_lang = {"en": Coverage(), "es": Coverage(), "all": Coverage()}
    for message, answer in zip(messages, answers, strict=True):
        by_lang[message.lang].add(retriever, message, answer)
        by_lang["all"].add(retriever, message, answer)
    return {lang: c.metrics() for lang, c in by_lang.items()}


def format_coverage(table: dict[str, dict[str, float | int | str]]) -> str:
    """One row per language."""
    columns = ("messages", "all_parts_in_3", "parts_in_3", "abstained", "near_duplicate_replies")
    width = max(len(c) for c in columns) + 2
    width = max(width, *(len(str(m[c])) + 1 for m in table.values() for c in columns))
    rows = [f"{'lang':<4} " + " ".join(f"{c:>{width}}" for c in columns)]
    rows.append("-" * len(rows[0]))
    for lang, m in table.items():
        rows.append(f"{lang:<4} " + " ".join(f"{m[c]!s:>{width}}" for c in columns))
    return "\n".join(rows)
