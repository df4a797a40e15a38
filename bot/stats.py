"""Anonymous counters for moderators' /stats: outcomes, channels, topics, "wrong" reports.

Only aggregate numbers since start: no question text, no user or chat id, no time of day.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from bot.document import Document, Paragraph, Span, paragraph
from index import Answer

_TOP = 15  # lines per table; the rest are summed up


@dataclass
class Stats:
    """Counters since the bot started (in memory; a restart resets them)."""

    started: float = field(default_factory=time.monotonic)
    outcomes: Counter[str] = field(default_factory=Counter)
    channels: Counter[str] = field(default_factory=Counter)
    topics: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)

    def record_answer(self, answer: Answer, channel: str) -> None:
        """Count one question: answered, unsure, abstained or refused; its channel and topic."""
        outcome = "answered" if not answer.abstained else (answer.reason or "abstained")
        self.outcomes["abstained" if outcome == "low_confidence" else outcome] += 1
        self.channels[channel] += 1
        if answer.hits and answer.hits[0].article.topics:
            self.topics[answer.hits[0].article.topics[0]] += 1

    def record_open(self, topic: str, channel: str) -> None:
        """Count a topic opened by a button or a deep link."""
        self.channels[channel] += 1
        self.topics[topic] += 1

    def record_wrong(self, passage_id: str) -> None:
        """Count one "wrong or outdated?" tap on a passage."""
        self.wrong[passage_id] += 1


def compose_stats(stats: Stats, version: str, now: float | None = None) -> Document:
    """The /stats reply (moderators read English)."""
    hours = ((now if now is not None else time.monotonic()) - stats.started) / 3600
    o = stats.outcomes
    parts: list[Paragraph] = [
        paragraph(Span("Since start", bold=True), f" ({hours:.1f} h ago)"),
        paragraph(
            f"Questions: {o['answered']} answered, {o['unsure']} unsure (choices offered), "
            f"{o['abstained']} abstained, {o['refused']} refused"
        ),
        _table("By channel", stats.channels),
        _table("By topic", stats.topics),
        _table("Wrong or outdated, per passage", stats.wrong),
        paragraph(f"Knowledge version {version[:12]}"),
    ]
    return tuple(parts)


def _table(title: str, counter: Counter[str]) -> Paragraph:
    if not counter:
        return paragraph(Span(title, bold=True), ": none")
    lines = [f"• {name}: {count}" for name, count in counter.most_common(_TOP)]
    rest = sum(counter.values()) - sum(count for _, count in counter.most_common(_TOP))
    if rest:
        lines.append(f"• others: {rest}")
    return paragraph(Span(title, bold=True), "\n" + "\n".join(lines))
