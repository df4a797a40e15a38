"""How much of an answer a phone shows at first: the visible size of private answers.

The visible part of an answer's first message is everything outside its folded sources plus
the fold's first three lines as a phone lays them out, wrapped at 60 characters, wider than a
phone held upright (``bot.rendering.visible_length``), in UTF-16 units as Telegram counts; the
figures with the fold's first three text lines unwrapped are printed too. Over the answered
evaluation questions (``tests/eval/questions.jsonl``) it prints p50, p95, max, the share at
most 1,200, and where /hotline's first phone number starts.

    PYTHONPATH=. .venv/bin/python benchmarks/reply_sizes.py [--index DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from bot.hotline import compose_hotline
from bot.rendering import PHONE_COLUMNS, render_plain, visible_length
from bot.replies import compose_answer
from index import DEFAULT_INDEX_DIR, DEFAULT_KNOWLEDGE_DIR, Retriever, open_retriever
from index.evaluation import load_questions

QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "eval" / "questions.jsonl"
PHONE = re.compile(r"\d{3}-\d{3}-\d{4}")


def visible_sizes(retriever: Retriever, questions: list[str], columns: int) -> list[int]:
    """The visible size of each answered question's first message."""
    answers = retriever.search_many(questions, k=3)
    return [
        visible_length(compose_answer(a, retriever), columns)
        for a in answers
        if a.hits and not a.abstained
    ]


def percentile(values: list[int], share: float) -> int:
    """The nearest-rank percentile of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    """Print the visible-size figures; exit 1 when the targets are missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX_DIR)
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE_DIR)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    retriever = open_retriever(args.knowledge, args.index)
    questions = [q.question for q in load_questions([QUESTIONS])]
    sizes = visible_sizes(retriever, questions, PHONE_COLUMNS)
    unwrapped = visible_sizes(retriever, questions, 0)
    hotline = render_plain(compose_hotline(retriever, "en", retriever.knowledge.catalog))
    first_number = PHONE.search(hotline)
    figures = {
        "answers": len(sizes),
        "p50": percentile(sizes, 0.5),
        "p95": percentile(sizes, 0.95),
        "max": max(sizes),
        "share_within_1200": round(sum(s <= 1200 for s in sizes) / len(sizes), 3),
        "p95_fold_as_text_lines": percentile(unwrapped, 0.95),
        "max_fold_as_text_lines": max(unwrapped),
        "hotline_first_number_at": first_number.start() if first_number else None,
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            print(f"{name:>24}: {value}")
    met = figures["p95"] <= 1200 and figures["max"] <= 2000
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
