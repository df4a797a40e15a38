"""Command line for moderators and scripts: validate, due, new, build, ask."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from index.errors import KyrError, Problem
from index.loading import DEFAULT_INDEX_DIR, DEFAULT_KNOWLEDGE_DIR

if TYPE_CHECKING:
    from index.retriever import Retriever

Command = Callable[[argparse.Namespace], int]


def _stale_calibration(knowledge_dir: Path) -> list[Problem]:
    """--strict: calibration.json must be fitted on this knowledge and today's dev questions."""
    from index.calibrate import stale_calibration
    from index.evaluation import EVAL_FILES

    if not any(path.exists() for path in EVAL_FILES):
        names = ", ".join(map(str, EVAL_FILES))
        print(f"note: no {names} here; calibration's questions not checked", file=sys.stderr)
    return stale_calibration(knowledge_dir, EVAL_FILES)


def _validate(args: argparse.Namespace) -> int:
    from index.validation import validate_knowledge

    report = validate_knowledge(args.path, judge_keys=True)
    stale = _stale_calibration(args.path) if args.strict and not report.errors else []
    for problem in report.problems + stale:
        print(problem)
    failing = report.errors + (report.warnings + stale if args.strict else [])
    print(
        f"{len(report.articles)} articles and {len(report.cards)} cards checked: "
        f"{len(report.errors)} errors, "
        f"{len(report.warnings)} warnings" + (", calibration out of date" if stale else ""),
        file=sys.stderr,
    )
    return 1 if failing else 0


def _due(args: argparse.Namespace) -> int:
    from index.validation import due_for_review, validate_knowledge

    report = validate_knowledge(args.knowledge)
    due = due_for_review(report)
    for a in due:
        print(f"{a.meta.reviewed_on}  {a.meta.id}  ({a.path})")
    print(f"{len(due)} of {len(report.articles)} articles due for review", file=sys.stderr)
    return 0


def _new(args: argparse.Namespace) -> int:
    from index.templates import write_draft

    path = write_draft(
        args.knowledge,
        args.title,
        lang=args.lang,
        translation_of=args.translation_of,
        topic=args.topic,
    )
    print(path)
    return 0


def _build(args: argparse.Namespace) -> int:
    from index.build import build_index
    from index.knowledge import load_knowledge
    from index.loading import encoder_dir
    from index.onnx_encoder import load_embedder

    knowledge = load_knowledge(args.knowledge, args.include_drafts)
    embedder = load_embedder(encoder_dir(args.index_dir))
    stats = build_index(knowledge, args.index_dir, embedder)
    print(
        f"built {stats.passages} passages from {len(knowledge.articles)} articles "
        f"({stats.embedded} embedded, {stats.reused} reused) in {stats.seconds:.2f}s"
    )
    from index.card_store import build_cards

    cards = build_cards(knowledge, args.index_dir)
    print(f"cards: {cards.rendered} rendered, {cards.reused} reused in {cards.seconds:.2f}s")
    return 0


def _cards(args: argparse.Namespace) -> int:
    from index.card_render import card_print_fonts
    from index.card_store import render_files
    from index.card_text import compose_all
    from index.knowledge import load_knowledge

    knowledge = load_knowledge(args.knowledge)
    texts = compose_all(knowledge.cards, knowledge.catalog, list(knowledge.hotlines))
    chosen = [t for t in texts if args.lang in (None, t.lang) and args.place in (None, t.place)]
    if not chosen:
        print("error: no card for that language and place", file=sys.stderr)
        return 1
    args.output.mkdir(parents=True, exist_ok=True)
    with card_print_fonts(chosen) as fonts:
        for card in chosen:
            for path in render_files(card, args.output, card.key, fonts):
                print(path)
    return 0


def answer_json(answer: object, hotlines: Sequence[object] = ()) -> dict[str, object]:
    """The stable `ask --json` shape: fields may be added later, never renamed or removed.

    ``hotlines`` (the knowledge base's) resolve the ids of ``Answer.hotlines`` into numbers.
    An unsure reply ("Did you mean…?") has `reason: "unsure"`, no passages, and its
    candidates in `choices`, in the same shape as passages.
    """
    from index.hotlines import Hotline
    from index.models import Answer

    assert isinstance(answer, Answer)
    by_id = {h.id: h for h in hotlines if isinstance(h, Hotline)}
    return {
        "question": answer.question,
        "abstained": answer.abstained,
        "reason": answer.reason,
        "lang": answer.lang,
        "passages": [hit_json(h) for h in answer.hits],
        "choices": [hit_json(h) for h in answer.choices],
        # What a decline is about, which decides its reply: "bot" (what the bot is and keeps),
        # or the subject of the nearest off-topic examples ("housing": general legal help).
        "decline_subject": answer.decline_subject,
        # A message about something happening now (index.urgent) and the numbers to call.
        "situation": answer.situation,
        "hotlines": [
            {"id": i, "number": by_id[i].number, "name": by_id[i].name[answer.lang]}
            for i in answer.hotlines
            if i in by_id
        ],
    }


def hit_json(hit: object) -> dict[str, object]:
    """One passage of `ask --json`, as shown (a passage or a choice)."""
    from index.models import Hit

    assert isinstance(hit, Hit)
    return {
        "id": hit.passage.id,
        "article_id": hit.article.id,
        "title": hit.passage.title,
        "heading": hit.passage.heading,
        "text": hit.passage.text,
        "score": hit.score,
        "lang": hit.passage.lang,
        "jurisdictions": hit.article.jurisdictions,
        "sources": [
            {"title": s.title, "url": s.url} for s in hit.article.sources_of(hit.passage.anchor)
        ],
        "reviewed_on": hit.article.reviewed_on.isoformat(),
    }


def _print_answer(payload: dict[str, object], as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return
    if payload["reason"] == "unsure":
        out.write("(not sure; did you mean:)\n")
        choices: list[dict[str, object]] = payload["choices"]  # type: ignore[assignment]
        for i, c in enumerate(choices, 1):
            out.write(f"  {i}. [{c['score']:.2f}] {c['id']} — {c['heading']}\n")
        out.write("\n")
        return
    if payload["abstained"]:
        out.write(f"(no vetted answer: {payload['reason']})\n\n")
        return
    if payload.get("situation"):
        numbers = ", ".join(h["number"] for h in payload["hotlines"])  # type: ignore[attr-defined]
        out.write(f"situation: {payload['situation']}; call: {numbers or '-'}\n")
    for p in payload["passages"]:  # type: ignore[attr-defined]
        out.write(f"[{p['score']:.2f}] {p['id']} — {p['title']}: {p['heading']}\n{p['text']}\n")
        out.write(f"  reviewed {p['reviewed_on']}; sources: ")
        out.write(", ".join(s["url"] for s in p["sources"]) + "\n\n")


def _ask(args: argparse.Namespace) -> int:
    from index.loading import open_retriever

    retriever = open_retriever(args.knowledge, args.index_dir, include_drafts=args.include_drafts)
    questions = [args.question] if args.question else (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        if not question.strip():
            continue
        answer = retriever.search(
            question, k=args.k, preferred=args.lang, jurisdiction=args.jurisdiction
        )
        payload = answer_json(answer, retriever.knowledge.hotlines)
        _print_answer(payload, args.json, sys.stdout)
        sys.stdout.flush()
    return 0


def _eval(args: argparse.Namespace) -> int:
    from dataclasses import replace
    from functools import partial

    from index.calibrate import cross_validate
    from index.evaluation import evaluate, format_report, load_questions
    from index.loading import open_retriever
    from index.spelling import NO_SPELLER
    from index.typos import misspelt

    retriever = open_retriever(args.knowledge, args.index_dir)
    if args.no_spelling:  # the baseline: questions read as typed
        retriever.knowledge = replace(retriever.knowledge, speller=NO_SPELLER)
    if args.set == "refusal":
        return _eval_refusal(retriever, args)
    if args.set == "urgent":
        return _eval_urgent(retriever, args)
    if args.set == "multipart":
        return _eval_messages(retriever, args)
    split = "dev" if args.folds else args.split
    questions = load_questions(args.questions, split, args.set)
    asked = None if args.misspell is None else partial(misspelt, seed=args.misspell)
    if args.folds:
        split = f"dev, {args.folds}-fold cross-validation"
        results = cross_validate(retriever, questions, args.folds, asked)
    else:
        results = evaluate(retriever, asked(questions) if asked else questions)
    where = f"set: {args.set}, split: {split} ({len(questions)} questions)"
    if args.misspell is not None:
        where += f"; misspelt with seed {args.misspell} (two words, one edit each)"
    if args.no_spelling:
        where += "; no spelling correction"
    if args.json:
        payload = {"set": args.set, "split": split, "questions": len(questions)}
        payload |= {"misspell": args.misspell, "spelling": not args.no_spelling}
        print(json.dumps({**payload, "results": results}))
    else:
        print(f"{where}\n{format_report(results)}")
    return 0


def _print_set(args: argparse.Namespace, name: str, size: str, results: Any, table: str) -> int:
    """One evaluation set's results: JSON with --json, else a heading and the table."""
    if args.json:
        print(json.dumps({"set": name, "split": args.split, "results": results}))
    else:
        print(f"set: {name}, split: {args.split} ({size})")
        print(table)
    return 0


def _eval_refusal(retriever: Retriever, args: argparse.Namespace) -> int:
    """Over-refusal of benign questions, refusal and decline of harmful ones (refusal.jsonl)."""
    from dataclasses import asdict

    from index.evaluation import format_refusal, load_refusal_rows, refusal_rates

    rows = load_refusal_rows(split=args.split)
    rates = refusal_rates(retriever, rows)
    table = [{"split": s, "lang": g, "kind": k, **asdict(t)} for (s, g, k), t in rates.items()]
    return _print_set(args, "refusal", f"{len(rows)} questions", table, format_refusal(rates))


def _eval_urgent(retriever: Retriever, args: argparse.Namespace) -> int:
    """`eval --set urgent`: urgent routing per split (index.urgent_eval)."""
    from index.urgent_eval import URGENT_FILE, evaluate_urgent, format_urgent, load_urgent

    messages = load_urgent(args.questions[0] if args.questions else URGENT_FILE, args.split)
    results = evaluate_urgent(retriever, messages)
    return _print_set(args, "urgent", f"{len(messages)} messages", results, format_urgent(results))


def _eval_messages(retriever: Retriever, args: argparse.Namespace) -> int:
    """`eval --set multipart`: every part of a multi-part message within the offered three."""
    from index.part_coverage import evaluate_messages, format_coverage, load_messages

    if args.folds:
        print("error: --set multipart is never calibrated on: use --split", file=sys.stderr)
        return 2
    messages = load_messages(split=args.split)
    table = evaluate_messages(retriever, messages)
    return _print_set(args, "multipart", f"{len(messages)} messages", table, format_coverage(table))


def _calibrate(args: argparse.Namespace) -> int:
    from index.calibrate import calibrate
    from index.confidence import CALIBRATION_FILE
    from index.evaluation import load_questions
    from index.loading import open_retriever

    retriever = open_retriever(args.knowledge, args.index_dir)
    dev = load_questions(args.questions, "dev")
    # The setting in use is kept unless clearly beaten (index.calibrate.steady_best).
    calibration = calibrate(retriever, dev, incumbent=retriever.calibration)
    calibration.save(CALIBRATION_FILE)
    print(f"wrote {CALIBRATION_FILE}: {calibration}")
    return 0


def _leaks(args: argparse.Namespace) -> int:
    """`leaks`: knowledge text, or the lines of a file, that is nearly an evaluation question."""
    from index.embedding import PackagedModelEmbedder
    from index.knowledge import load_knowledge
    from index.leakage import evaluation_questions, find_leaks, format_leaks, knowledge_texts

    if args.texts:
        lines = args.texts.read_text(encoding="utf-8").splitlines()
        texts = [line.strip() for line in lines if line.strip()]
    else:
        texts = knowledge_texts(load_knowledge(args.knowledge))
    questions = evaluation_questions(args.eval_dir)
    leaks = find_leaks(PackagedModelEmbedder(), texts, questions, args.near)
    if leaks:
        print(format_leaks(leaks))
    print(
        f"{len(leaks)} of {len(texts)} texts at cosine {args.near} or more to one of "
        f"{len(questions)} evaluation questions"
    )
    return 1 if leaks else 0


def _parser() -> argparse.ArgumentParser:
    from index.evaluation import EVAL_FILES
    from index.leakage import EVAL_DIR, NEAR

    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func: Command, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help)
        p.set_defaults(func=func)
        p.add_argument(
            "--knowledge", type=Path, default=DEFAULT_KNOWLEDGE_DIR, help="knowledge folder"
        )
        return p

    def index_dir(p: argparse.ArgumentParser) -> None:
        p.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR)

    def questions(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--questions",
            type=Path,
            action="append",
            help=f"evaluation file (repeatable; default: {', '.join(map(str, EVAL_FILES))})",
        )

    p = add("validate", _validate, "check every knowledge file; exit 1 on any error")
    p.add_argument("path", nargs="?", type=Path, default=None, help="knowledge folder")
    p.add_argument(
        "--strict",
        action="store_true",
        help="warnings (e.g. due for review) fail too, and a calibration fitted on other "
        "knowledge or other dev questions",
    )

    add("due", _due, "list articles due for review (older than 180 days)")

    p = add("new", _new, "write a ready-to-edit draft article")
    p.add_argument("title")
    p.add_argument("--lang", choices=["en", "es"], default="en")
    p.add_argument("--translation-of", default=None, help="the English article's id")
    p.add_argument("--topic", default=None, help="topic slug from topics.yaml")

    p = add("build", _build, "build the index")
    index_dir(p)
    p.add_argument("--include-drafts", action="store_true", help="index drafts too (preview)")

    p = add("ask", _ask, "ask questions")
    index_dir(p)
    p.add_argument("--include-drafts", action="store_true", help="index drafts too (preview)")
    p.add_argument("question", nargs="?", help="one question; without it, one per line on stdin")
    p.add_argument("-k", type=int, default=3, help="passages per answer (default 3)")
    p.add_argument("--json", action="store_true", help="one JSON object per question")
    p.add_argument("--lang", choices=["en", "es"], default=None)
    p.add_argument("--jurisdiction", default=None, help="boost this place, e.g. NYC, EU, UK")
    p = add("cards", _cards, "write every card as PNG (phone) and PDF (print) to a folder")
    p.add_argument("--lang", choices=["en", "es"], default=None, help="one language only")
    p.add_argument("--place", choices=["NYC", "US"], default=None, help="one place only")
    p.add_argument("-o", "--output", type=Path, required=True, help="folder to write to")

    p = add("eval", _eval, "passage- and article-level quality against BM25-only and dense-only")
    index_dir(p)
    questions(p)
    p.add_argument(
        "--set",
        choices=["real", "written", "all", "refusal", "urgent", "multipart"],
        default="all",
        help="refusal: tests/eval/refusal.jsonl, refused and declined per split and language;"
        " urgent: urgent routing on tests/eval/urgent.jsonl (first passage, crossings);"
        " multipart: messages with several questions (tests/eval/multipart.jsonl)",
    )
    p.add_argument("--split", choices=["dev", "test", "all"], default="test")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--folds",
        type=int,
        default=0,
        help="K-fold cross-validation on dev: calibrate on K-1 folds, answer the last",
    )
    p.add_argument(
        "--misspell",
        type=int,
        default=None,
        metavar="SEED",
        help="ask each question with two words misspelt (one edit each; the same for a seed); "
        "with --folds, calibration still sees the questions as written",
    )
    p.add_argument(
        "--no-spelling",
        action="store_true",
        help="read questions as typed, without spelling correction (the baseline)",
    )

    p = add("leaks", _leaks, "knowledge text nearly equal to an evaluation question; exit 1 if any")
    p.add_argument("--texts", type=Path, default=None, help="check these lines (new keys) instead")
    p.add_argument("--near", type=float, default=NEAR, help=f"cosine that counts (default {NEAR})")
    p.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="evaluation files")

    p = add("calibrate", _calibrate, "fit fusion and abstention on the dev split of every set")
    index_dir(p)
    questions(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; user-facing errors become one line on stderr and exit code 1."""
    from index.evaluation import EVAL_FILES

    args = _parser().parse_args(argv)
    if args.command == "validate" and args.path is None:
        args.path = args.knowledge
    if getattr(args, "questions", False) is None:
        args.questions = None if getattr(args, "set", "") == "urgent" else list(EVAL_FILES)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr)
    try:
        return int(args.func(args))
    except KyrError as exc:
        for problem in getattr(exc, "problems", []):
            print(problem, file=sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
