"""Measure what people get: the first passage shown, the passages offered, and abstention.

Two tables, over the same answers: the passage level (is the first passage shown a right
one? is a right one among the offered three?) and the article level kept for comparison.
An answer's hits are exactly what the bot shows, in order (see `Retriever.search`).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from index.message_parts import per_message
from index.models import Answer, Hit, Lang
from index.retriever import OFFERED, Retriever
from index.scoring import MODES, Mode

# Relative to the working directory: the installed package never points into tests/.
EVAL_FILES = (Path("tests/eval/questions.jsonl"), Path("tests/eval/real.jsonl"))
Kind = Literal["answerable", "out_of_scope", "harmful"]
SetName = Literal["written", "real"]
Branch = Literal["answer", "choice", "decline", "refusal"]
BRANCHES: tuple[Branch, ...] = ("answer", "choice", "decline", "refusal")


@dataclass(frozen=True)
class Question:
    id: str
    split: str
    lang: Lang
    kind: Kind
    question: str
    expect: tuple[str, ...]  # English article ids
    passages: tuple[str, ...] = ()  # English passage ids, `<article-id>#<anchor>`
    set: SetName = "written"


def _question(d: dict[str, Any]) -> Question:
    return Question(
        id=d["id"],
        split=d["split"],
        lang=d["lang"],
        kind=d["kind"],
        question=d["question"],
        expect=tuple(d["expect"]),
        passages=tuple(d.get("passages", ())),
        set=d.get("set", "written"),
    )


def load_questions(
    paths: Sequence[Path] = EVAL_FILES, split: str | None = None, which: str = "all"
) -> list[Question]:
    """The evaluation questions of `paths` (missing files skipped), filtered by split and set."""
    out: list[Question] = []
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(_question(json.loads(line)))
    return [q for q in out if split in (None, "all", q.split) and which in ("all", q.set)]


@dataclass(frozen=True)
class Expected:
    """What counts as right for one question, in the ids the asker is shown."""

    articles: frozenset[str]
    passages: frozenset[str]


def expected(retriever: Retriever, q: Question) -> Expected:
    """A Spanish question is answered by the Spanish version where one exists, else English."""
    articles = frozenset(retriever.in_language(a, q.lang) for a in q.expect)
    return Expected(articles, shown_passages(retriever, q.passages, q.lang))


def shown_passages(retriever: Retriever, ids: Iterable[str], lang: Lang) -> frozenset[str]:
    """English passage ids as the asker is shown them: the Spanish version where one exists."""
    out = set()
    for pid in ids:
        article, _, anchor = pid.partition("#")
        out.add(f"{retriever.in_language(article, lang)}#{anchor}")
    return frozenset(out)


def rank(ids: Sequence[str], right: frozenset[str]) -> int | None:
    """1-based rank of the first right id."""
    return next((i + 1 for i, x in enumerate(ids) if x in right), None)


@dataclass
class Tally:
    answerable: int = 0
    labelled: int = 0  # answerable questions with passage labels
    hit1: int = 0
    hit3: int = 0
    reciprocal: float = 0.0
    answer1: int = 0
    passage3: int = 0
    passage_rr: float = 0.0
    false_abstain: int = 0
    out_of_scope: int = 0
    correct_abstain: int = 0
    harmful: int = 0
    refused: int = 0
    branches: Counter[Branch] = field(default_factory=Counter)  # every question's branch
    choice_offered: int = 0  # answerable questions that got "did you mean" choices
    choice_right: int = 0  # ... whose choices include a right passage
    offtopic: int = 0  # out-of-scope questions (not harmful ones)
    offtopic_reached: int = 0  # ... that got an answer or choices
    offtopic_choice: int = 0  # ... that got choices

    def add(self, q: Question, answer: Answer, right: Expected) -> None:
        self.branches[branch(answer)] += 1
        if q.kind != "answerable":
            self.out_of_scope += 1
            self.correct_abstain += answer.abstained
            self.harmful += q.kind == "harmful"
            self.refused += q.kind == "harmful" and answer.reason == "refused"
            self.offtopic += q.kind == "out_of_scope"
            reached = not answer.abstained or bool(answer.choices)
            self.offtopic_reached += q.kind == "out_of_scope" and reached
            self.offtopic_choice += q.kind == "out_of_scope" and bool(answer.choices)
            return
        shown = answer.hits[:OFFERED]
        self.answerable += 1
        # A choice is an abstention: the person did not get an answer (issue 16).
        self.false_abstain += answer.abstained
        if answer.choices:
            self.choice_offered += 1
            self.choice_right += includes_right(answer.choices, right)
        r = rank([h.article.id for h in shown], right.articles)
        self.hit1 += r == 1
        self.hit3 += r is not None
        self.reciprocal += 1.0 / r if r else 0.0
        if right.passages:
            self.labelled += 1
            p = rank([h.passage.id for h in shown], right.passages)
            self.answer1 += p == 1
            self.passage3 += p is not None
            self.passage_rr += 1.0 / p if p else 0.0

    def metrics(self) -> dict[str, float | int | str]:
        a, o, lab = max(self.answerable, 1), max(self.out_of_scope, 1), self.labelled
        return {
            "answerable": self.answerable,
            "labelled": lab,
            "answer@1": rate(self.answer1, lab),
            "passage_hit@3": rate(self.passage3, lab),
            "passage_mrr": round(self.passage_rr / max(lab, 1), 3),
            "hit@1": round(self.hit1 / a, 3),
            "hit@3": round(self.hit3 / a, 3),
            "mrr": round(self.reciprocal / a, 3),
            "false_abstention": rate(self.false_abstain, self.answerable),
            "out_of_scope": self.out_of_scope,
            "correct_abstention": rate(self.correct_abstain, self.out_of_scope) if o else 0.0,
            "harmful_refused": round(self.refused / max(self.harmful, 1), 3),
            **self.branch_metrics(),
        }

    def branch_metrics(self) -> dict[str, float | int | str]:
        """How often each branch fires, and what "did you mean" gives (issue 16)."""
        n = max(sum(self.branches.values()), 1)
        shares: dict[str, float | int | str] = {b: round(self.branches[b] / n, 3) for b in BRANCHES}
        return {
            **shares,
            "false_abstentions": self.false_abstain,
            "fa_choice_right": self.choice_right,
            # of the false abstentions, how many became a choice that includes a right passage
            "fa_to_right_choice": f"{self.choice_right}/{self.false_abstain}",
            # of the choices given to answerable questions, how many include a right passage
            "choice_has_right": rate(self.choice_right, self.choice_offered),
            "offtopic": self.offtopic,
            "offtopic_reached": self.offtopic_reached,
            # out-of-scope questions that got an answer or a choice
            "oos_answer_or_choice": rate(self.offtopic_reached, self.offtopic),
            "oos_choice": rate(self.offtopic_choice, self.offtopic),  # the band's own part
        }


def branch(answer: Answer) -> Branch:
    """Which of the four replies a person got."""
    if answer.reason == "refused":
        return "refusal"
    if answer.choices:
        return "choice"
    return "decline" if answer.abstained else "answer"


def includes_right(hits: Sequence[Hit], right: Expected) -> bool:
    """Whether a right passage is among ``hits`` (the right article, for unlabelled questions)."""
    if right.passages:
        return rank([h.passage.id for h in hits], right.passages) is not None
    return rank([h.article.id for h in hits], right.articles) is not None


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score 95% interval: honest for small groups and rates near 0 or 1."""
    if n == 0:
        return (0.0, 0.0)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def rate(successes: int, n: int) -> float | str:
    """A rate; under 100 questions, with its Wilson interval ("0.700 [0.55-0.82]")."""
    if n == 0:
        return "-"
    value = round(successes / n, 3)
    if n >= 100:
        return value
    low, high = wilson(successes, n)
    return f"{value:.3f} [{low:.2f}-{high:.2f}]"


Tallies = dict[Mode, dict[str, Tally]]
Results = dict[str, dict[str, dict[str, float | int | str]]]


def new_tallies(modes: Iterable[Mode] = MODES) -> Tallies:
    return {m: {"en": Tally(), "es": Tally(), "all": Tally()} for m in modes}


def tally(retriever: Retriever, questions: list[Question], tallies: Tallies) -> None:
    """Answer every question with every mode in `tallies`, as `Retriever.search` does (a
    message with several questions part by part); everything is encoded in one call."""
    messages = [retriever.read_message(q.question, None) for q in questions]
    vectors = retriever.embedder.encode_queries([t for m in messages for t in m.encoder_texts()])
    for q, message, qv in zip(questions, messages, per_message(messages, vectors), strict=True):
        right = expected(retriever, q)
        for m, by_lang in tallies.items():
            searcher = retriever.with_mode(m)
            answer = searcher.answer_message(q.question, message, qv, OFFERED, None)
            by_lang[q.lang].add(q, answer, right)
            by_lang["all"].add(q, answer, right)


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


PASSAGE_COLUMNS = (
    "answer@1",
    "passage_hit@3",
    "passage_mrr",
    "correct_abstention",
    "false_abstention",
)
ARTICLE_COLUMNS = ("hit@1", "hit@3", "mrr", "correct_abstention", "harmful_refused")
BRANCH_COLUMNS = (
    *BRANCHES,
    "fa_to_right_choice",
    "choice_has_right",
    "oos_choice",
    "oos_answer_or_choice",
)


def format_table(table: Results, columns: Sequence[str], count: str = "answerable") -> str:
    """A plain table: one row per system and language."""
    width = max(
        18, *(len(str(m[c])) + 1 for b in table.values() for m in b.values() for c in columns)
    )
    head = f"{'system':<8} {'lang':<4} {'n':>8} " + " ".join(f"{c:>{width}}" for c in columns)
    rows = [head, "-" * len(head)]
    for mode, by_lang in table.items():
        for lang, m in by_lang.items():
            n = f"{m[count]}+{m['out_of_scope']}"
            cells = " ".join(f"{m[c]!s:>{width}}" for c in columns)
            rows.append(f"{mode:<8} {lang:<4} {n:>8} {cells}")
    return "\n".join(rows)


def format_report(table: Results) -> str:
    """The passage-level table first (what people read), then the article-level one, then
    how often each reply fires and what "did you mean" gives."""
    return (
        "passage level (n = labelled answerable + out of scope):\n"
        + format_table(table, PASSAGE_COLUMNS, "labelled")
        + "\n\narticle level (n = answerable + out of scope):\n"
        + format_table(table, ARTICLE_COLUMNS)
        + "\n\nbranches (share of all questions); false abstentions that became a choice "
        "including a right passage; choices to answerable questions that include one; "
        "out-of-scope questions given choices, and answered or given choices:\n"
        + format_table(table, BRANCH_COLUMNS)
    )


# The refusal set: benign self-protection questions full of trigger words, and harmful requests.
REFUSAL_FILE = Path("tests/eval/refusal.jsonl")


@dataclass
class RefusalTally:
    """For one split, language and kind: how many were refused on purpose, how many declined."""

    questions: int = 0
    refused: int = 0  # reason "refused": the written policy matched
    declined: int = 0  # refused or abstained: no passage shown

    def cell(self, count: int) -> str:
        return f"{count}/{self.questions} ({count / max(self.questions, 1):.3f})"


def load_refusal_rows(path: Path = REFUSAL_FILE, split: str = "all") -> list[dict[str, str]]:
    """The refusal set's rows (id, split, lang, kind, question) of one split, or all."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if split in ("all", r["split"])]


def refusal_rates(
    retriever: Retriever, rows: Sequence[dict[str, str]]
) -> dict[tuple[str, str, str], RefusalTally]:
    """{(split, lang or "all", kind): tally}, each question encoded once."""
    answers = retriever.search_many([r["question"] for r in rows], k=OFFERED)
    out: dict[tuple[str, str, str], RefusalTally] = {}
    for row, answer in zip(rows, answers, strict=True):
        for lang in (row["lang"], "all"):
            t = out.setdefault((row["split"], lang, row["kind"]), RefusalTally())
            t.questions += 1
            t.refused += answer.reason == "refused"
            t.declined += answer.abstained
    return dict(sorted(out.items()))


def format_refusal(rates: dict[tuple[str, str, str], RefusalTally]) -> str:
    """Benign: refused is over-refusal. Harmful: refused on purpose, declined = no passage."""
    head = f"{'split':<6} {'lang':<4} {'kind':<8} {'refused':>16} {'declined':>16}"
    rows = [head, "-" * len(head)]
    for (split, lang, kind), t in rates.items():
        rows.append(
            f"{split:<6} {lang:<4} {kind:<8} {t.cell(t.refused):>16} {t.cell(t.declined):>16}"
        )
    return "\n".join(rows)
