"""Leakage: knowledge text (asked-as keys, off-topic examples, glossary terms) that is an
evaluation question, or nearly one.

Numbers on questions the knowledge already holds flatter; keys are written from the passages,
never from the evaluation sets, and this check finds the ones that coincide anyway (the same
plain question written twice). `make test` fails when a test question is among the knowledge
at cosine 0.95 (`tests/test_knowledge_base.py`); before measuring anything on new keys, a
maintainer checks them against every question, dev and test, at a stricter 0.9:
`python -m index leaks --texts new_keys.txt`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.embedding import Embedder
from index.knowledge import Knowledge

# Every evaluation file: each line has "id", "split" and "question".
EVAL_DIR = Path("tests/eval")
NEAR = 0.9


@dataclass(frozen=True)
class Leak:
    text: str
    question: str
    question_id: str
    split: str
    similarity: float


def knowledge_texts(knowledge: Knowledge) -> list[str]:
    """What the index reads besides the passages: keys, off-topic examples, glossary terms."""
    keys = [key.text for key in knowledge.keys]
    texts = keys + list(knowledge.offtopic) + list(knowledge.glossary.terms)
    return list(dict.fromkeys(texts))


def evaluation_questions(folder: Path = EVAL_DIR) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append({k: str(row[k]) for k in ("id", "split", "question")})
    return rows


def _normal(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())


def find_leaks(
    embedder: Embedder,
    texts: Sequence[str],
    questions: Sequence[dict[str, str]],
    near: float = NEAR,
) -> list[Leak]:
    """Each text equal to a question (ignoring case and punctuation) or at cosine ``near`` or
    more to one, with its nearest question; the most similar first."""
    if not texts or not questions:
        return []
    asked = [q["question"] for q in questions]
    similarity = (
        np.asarray(embedder.encode_queries(list(texts)))
        @ np.asarray(embedder.encode_queries(asked)).T
    )
    exact = {_normal(q): i for i, q in enumerate(asked)}
    leaks: list[Leak] = []
    for t, text in enumerate(texts):
        normal = _normal(text)
        if normal in exact:
            j, score = exact[normal], 1.0
        else:
            j = int(similarity[t].argmax())
            score = float(similarity[t, j])
        if score >= near:
            q = questions[j]
            leaks.append(Leak(text, q["question"], q["id"], q["split"], round(score, 3)))
    return sorted(leaks, key=lambda leak: -leak.similarity)


def format_leaks(leaks: Iterable[Leak]) -> str:
    return "\n".join(
        f"{leak.similarity:.3f}  {leak.text!r}  ~  {leak.question_id} ({leak.split}): "
        f"{leak.question[:100]!r}"
        for leak in leaks
    )
