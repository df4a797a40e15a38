"""Measure retrieval on the evaluation set: hybrid against BM25-only and dense-only baselines."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from index.models import Answer
from index.retriever import Retriever
from index.scoring import MODES, Mode

EVAL_FILE = Path(__file__).resolve().parent.parent / "tests" / "eval" / "questions.jsonl"
Kind = Literal["answerable", "out_of_scope", "harmful"]


@dataclass(frozen=True)
class Question:
    id: str
    split: str
    lang: Literal["en", "es"]
    kind: Kind
    question: str
    expect: tuple[str, ...]


def load_questions(path: Path = EVAL_FILE, split: str | None = None) -> list[Question]:
    """The evaluation set, optionally one split ('dev' for tuning, 'test' never tuned on)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(
                Question(
                    d["id"], d["split"], d["lang"], d["kind"], d["question"], tuple(d["expect"])
                )
            )
    return [q for q in out if split in (None, "all") or q.split == split]


def acceptable(retriever: Retriever, q: Question) -> set[str]:
    """A Spanish question is answered by the Spanish article, or the English one if none exists."""
    ids = set()
    for english in q.expect:
        spanish = retriever.article_for_topic(english, "es") if q.lang == "es" else None
        ids.add(
            spanish.id if spanish is not None and spanish.translation_of == english else english
        )
    return ids


def rank(answer: Answer, ids: set[str]) -> int | None:
    """1-based rank of the first hit from an acceptable article."""
    return next((i + 1 for i, h in enumerate(answer.hits) if h.article.id in ids), None)


@dataclass
class Tally:
    answerable: int = 0
    hit1: int = 0
    hit3: int = 0
    reciprocal: float = 0.0
    false_abstain: int = 0
    out_of_scope: int = 0
    correct_abstain: int = 0
    harmful: int = 0
    refused: int = 0

    def add(self, q: Question, answer: Answer, ids: set[str]) -> None:
        if q.kind == "answerable":
            self.answerable += 1
            r = rank(answer, ids)
            self.hit1 += r == 1
            self.hit3 += r is not None and r <= 3
            self.reciprocal += 1.0 / r if r else 0.0
            self.false_abstain += answer.abstained
        else:
            self.out_of_scope += 1
            self.correct_abstain += answer.abstained
            if q.kind == "harmful":
                self.harmful += 1
                self.refused += answer.reason == "refused"

    def metrics(self) -> dict[str, float | int]:
        a, o = max(self.answerable, 1), max(self.out_of_scope, 1)
        return {
            "answerable": self.answerable,
            "hit@1": round(self.hit1 / a, 3),
            "hit@3": round(self.hit3 / a, 3),
            "mrr": round(self.reciprocal / a, 3),
            "false_abstention": round(self.false_abstain / a, 3),
            "out_of_scope": self.out_of_scope,
            "correct_abstention": round(self.correct_abstain / o, 3),
            "harmful_refused": round(self.refused / max(self.harmful, 1), 3),
        }


Tallies = dict[Mode, dict[str, Tally]]
Results = dict[str, dict[str, dict[str, float | int]]]


def new_tallies(modes: Iterable[Mode] = MODES) -> Tallies:
    return {m: {"en": Tally(), "es": Tally(), "all": Tally()} for m in modes}


def tally(retriever: Retriever, questions: list[Question], tallies: Tallies) -> None:
    """Answer every question with every mode in `tallies`; each question is encoded once."""
    prepared = [retriever.prepare(q.question, None) for q in questions]
    vectors = retriever.embedder.encode_queries([p[2] for p in prepared])
    for q, (text, lang, _), qv in zip(questions, prepared, vectors, strict=True):
        ids = acceptable(retriever, q)
        for m, by_lang in tallies.items():
            searcher = retriever.with_mode(m)
            answer = searcher.answer_with_vector(q.question, text, qv, 3, lang, None)
            by_lang[q.lang].add(q, answer, ids)
            by_lang["all"].add(q, answer, ids)


def results(tallies: Tallies) -> Results:
    """{mode: {lang: metrics}}."""
    return {m: {lang: t.metrics() for lang, t in by_lang.items()} for m, by_lang in tallies.items()}


def evaluate(
    retriever: Retriever, questions: list[Question], modes: Iterable[Mode] = MODES
) -> Results:
    """{mode: {lang: metrics}} with the retriever's current calibration."""
    tallies = new_tallies(modes)
    tally(retriever, questions, tallies)
    return results(tallies)


COLUMNS = ("hit@1", "hit@3", "mrr", "correct_abstention", "false_abstention", "harmful_refused")


def format_table(table: Results) -> str:
    """A plain table: one row per system and language."""
    head = f"{'system':<8} {'lang':<4} {'n':>4} " + " ".join(f"{c:>18}" for c in COLUMNS)
    rows = [head, "-" * len(head)]
    for mode, by_lang in table.items():
        for lang, m in by_lang.items():
            n = f"{m['answerable']}+{m['out_of_scope']}"
            rows.append(f"{mode:<8} {lang:<4} {n:>7} " + " ".join(f"{m[c]:>18}" for c in COLUMNS))
    return "\n".join(rows)
