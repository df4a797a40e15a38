"""Measure urgent routing on `tests/eval/urgent.jsonl`: the first passage and no crossings.

Each message is labelled with its situation and the passage(s) right to lead it. "First
right": the first passage shown is one of them (in the asker's language). A crossing: the first
passage is for police when the situation is about immigration agents, or the other way round
(`UrgentRouter.sides`: a passage's own situations, else its article's).

Two kinds, tallied apart: a plain call for help ("police at my door what do i do"), whose right
lead is the situation's steps, and one that also asks one thing (`"asks": true`: "being
arrested right now do i get a phone call"), whose right lead is the passage answering it, or
the steps when their text answers it too. Rows are keyed "<split>" and "<split>/asks".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from index.models import Answer, Lang
from index.retriever import OFFERED, Retriever

URGENT_FILE = Path("tests/eval/urgent.jsonl")  # relative to the working directory


@dataclass(frozen=True)
class UrgentMessage:
    id: str
    split: str
    lang: Lang
    situation: str
    question: str
    passages: tuple[str, ...]  # English passage ids, `<article-id>#<anchor>`
    asks: bool = False  # also asks one specific question (see the module docstring)


def load_urgent(path: Path = URGENT_FILE, split: str | None = None) -> list[UrgentMessage]:
    """The labelled urgent messages of one split (every split for None or "all")."""
    out: list[UrgentMessage] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(
                UrgentMessage(
                    d["id"],
                    d["split"],
                    d["lang"],
                    d["situation"],
                    d["question"],
                    tuple(d["passages"]),
                    bool(d.get("asks", False)),
                )
            )
    return [m for m in out if split in (None, "all", m.split)]


@dataclass
class UrgentTally:
    messages: int = 0
    first_right: int = 0
    situation_right: int = 0
    crossings: int = 0

    def metrics(self) -> dict[str, float | int]:
        n = max(self.messages, 1)
        return {
            "messages": self.messages,
            "first_right": round(self.first_right / n, 3),
            "situation_right": round(self.situation_right / n, 3),
            "crossings": self.crossings,
        }


def judge(retriever: Retriever, m: UrgentMessage, answer: Answer) -> tuple[bool, bool, bool]:
    """(first passage right, situation read right, crossing) for one answered message."""
    right = set()
    for pid in m.passages:
        article, _, anchor = pid.partition("#")
        right.add(f"{retriever.in_language(article, m.lang)}#{anchor}")
    first = answer.hits[0].passage.id if answer.hits else None
    situation = retriever.knowledge.situations.situations.get(m.situation)
    sides = retriever.urgent.sides(first) if first else frozenset()
    crossing = situation is not None and bool(sides) and situation.who not in sides
    return first in right, answer.situation == m.situation, crossing


def evaluate_urgent(
    retriever: Retriever, messages: Sequence[UrgentMessage]
) -> dict[str, dict[str, float | int]]:
    """{split: metrics} for plain calls for help, {split/asks: metrics} for those that ask
    one thing, and "all" over both; each message encoded once."""
    tallies: dict[str, UrgentTally] = {}
    answers = retriever.search_many([m.question for m in messages], k=OFFERED)
    for m, answer in zip(messages, answers, strict=True):
        first, situation, crossing = judge(retriever, m, answer)
        for key in (f"{m.split}/asks" if m.asks else m.split, "all"):
            t = tallies.setdefault(key, UrgentTally())
            t.messages += 1
            t.first_right += first
            t.situation_right += situation
            t.crossings += crossing
    return {split: t.metrics() for split, t in sorted(tallies.items())}


def format_urgent(results: dict[str, dict[str, float | int]]) -> str:
    columns = ("messages", "first_right", "situation_right", "crossings")
    head = f"{'split':<9} " + " ".join(f"{c:>16}" for c in columns)
    rows = [head, "-" * len(head)]
    for split, m in results.items():
        rows.append(f"{split:<9} " + " ".join(f"{m[c]!s:>16}" for c in columns))
    return "\n".join(rows)
