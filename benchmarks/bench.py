"""`make bench`: speed and memory of the serving path against the bare model.

Every number is measured in this run, on this machine; nothing is a timed test.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from index.articles import parse_article
from index.build import build_index
from index.embedding import MODEL_PACKAGE, Embedder, PackagedModelEmbedder
from index.evaluation import load_questions
from index.knowledge import load_knowledge
from index.loading import open_retriever, reload_retriever
from index.passages import split_article
from index.retriever import Retriever

CONCURRENT_ASKERS = 8
# Long messages (stories, several questions) are searched part by part: timed on their own.
LONG_WORDS = 80
SUBPROCESS_RUNS = 3

# Peak RSS is read from VmHWM: ru_maxrss survives exec on Linux and would report the parent's.
PEAK_RSS = (
    "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024"
)

BARE_PROCESS = f"""
import os, json
os.environ["HF_HUB_OFFLINE"] = "1"
import {MODEL_PACKAGE.replace("-", "_")} as pkg
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(str(pkg.get_model_path()), device="cpu", local_files_only=True)
model.encode(["do I have to let the police in"])
print(json.dumps({{"rss_mb": {PEAK_RSS}}}))
"""

SERVING_PROCESS = f"""
import json, sys
from pathlib import Path
from index.loading import open_retriever
retriever = open_retriever(Path(sys.argv[1]), Path(sys.argv[2]))
retriever.search("do I have to let the police in")
print(json.dumps({{"rss_mb": {PEAK_RSS}}}))
"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _time_each(fn: Callable[[str], object], questions: list[str]) -> list[float]:
    out = []
    for q in questions:
        start = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _long_messages(
    retriever: Retriever, bare: Callable[[str], object], questions: list[str]
) -> dict[str, float]:
    """Messages of LONG_WORDS words or more: the search against the bare encoder, same text."""
    long = [q for q in questions if len(q.split()) >= LONG_WORDS]
    if not long:
        return {"messages": 0}
    bare_ms = _time_each(bare, long)
    search_ms = []
    for q in long:
        retriever.batcher.forget()  # cold, as above
        search_ms += _time_each(retriever.search, [q])
    ratios = [s / b for s, b in zip(search_ms, bare_ms, strict=True)]
    parts = [len(retriever.read_message(q, None).parts) for q in long]
    return {
        "messages": len(long),
        "with_parts": sum(n > 0 for n in parts),
        "mean_parts": round(statistics.mean(parts), 2),
        "bare_ms_p50": round(_percentile(bare_ms, 0.5), 2),
        "search_ms_p50": round(_percentile(search_ms, 0.5), 2),
        "search_ms_p95": round(_percentile(search_ms, 0.95), 2),
        "p50_over_bare_p50": round(_percentile(search_ms, 0.5) / _percentile(bare_ms, 0.5), 3),
        "per_message_ratio_p50": round(_percentile(ratios, 0.5), 3),
    }


def _throughput(retriever: Retriever, questions: list[str]) -> dict[str, float]:
    """8 threads asking all-distinct questions through the shared micro-batching encoder."""
    retriever.batcher.forget()
    chunks = [questions[i::CONCURRENT_ASKERS] for i in range(CONCURRENT_ASKERS)]

    def ask_all(chunk: list[str]) -> None:
        for q in chunk:
            retriever.search(q)

    threads = [threading.Thread(target=ask_all, args=(c,)) for c in chunks]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    stats = retriever.batcher.stats
    encoded, calls, hits = stats.encoded, stats.batches, stats.cache_hits
    repeat_start = time.perf_counter()
    for q in questions[:100]:
        retriever.search(q)  # now cached: reported apart, never counted above
    cached_ms = (time.perf_counter() - repeat_start) * 1000 / min(len(questions), 100)
    # The ceiling: the serving encoder alone on batches of 8, as many calls at once as it runs.
    texts = [retriever.prepare(q, None)[2] for q in questions]
    batches = [texts[i : i + CONCURRENT_ASKERS] for i in range(0, len(texts), CONCURRENT_ASKERS)]
    workers = getattr(retriever.embedder, "parallel_calls", 1)
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(retriever.embedder.encode_queries, batches))
    ceiling = len(texts) / (time.perf_counter() - start)
    return {
        "questions": len(questions),
        "questions_per_s": round(len(questions) / seconds, 1),
        "encoder_alone_batches_of_8_per_s": round(ceiling, 1),
        "encoder_calls_at_once": workers,
        "mean_batch": round(encoded / max(calls, 1), 2),
        "cache_hits_during_run": hits,
        "cached_question_ms": round(cached_ms, 3),
    }


def _run_process(code: str, *args: str) -> tuple[float, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    return seconds, float(json.loads(done.stdout.strip().splitlines()[-1])["rss_mb"])


def _cold_start(knowledge_dir: Path, index_dir: Path) -> dict[str, float]:
    bare = [_run_process(BARE_PROCESS) for _ in range(SUBPROCESS_RUNS)]
    serving = [
        _run_process(SERVING_PROCESS, str(knowledge_dir), str(index_dir))
        for _ in range(SUBPROCESS_RUNS)
    ]
    bare_s = statistics.median(s for s, _ in bare)
    serving_s = statistics.median(s for s, _ in serving)
    bare_rss, serving_rss = max(r for _, r in bare), max(r for _, r in serving)
    return {
        "bare_process_s": round(bare_s, 2),
        "serving_first_answer_s": round(serving_s, 2),
        "ratio": round(serving_s / bare_s, 3),
        "bare_peak_rss_mb": round(bare_rss, 1),
        "serving_peak_rss_mb": round(serving_rss, 1),
        "rss_over_bare_mb": round(serving_rss - bare_rss, 1),
    }


def _cli(knowledge_dir: Path, index_dir: Path, questions: list[str]) -> dict[str, float]:
    """`python -m index ask`: cold start for one question, then 100 questions through stdin."""
    base = [sys.executable, "-m", "index", "ask", "--json", "--knowledge", str(knowledge_dir)]
    base += ["--index-dir", str(index_dir)]
    start = time.perf_counter()
    subprocess.run([*base, questions[0]], capture_output=True, check=True)
    cold = time.perf_counter() - start
    hundred = questions[:100]
    proc = subprocess.Popen(base, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("\n".join(hundred) + "\n")
    proc.stdin.close()
    stamps = [time.perf_counter() for _ in proc.stdout]  # one JSON line per question
    proc.wait()
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(stamps)]
    return {
        "ask_cold_one_question_s": round(cold, 2),
        "ask_stdin_questions": len(stamps),
        "ask_stdin_median_ms": round(statistics.median(gaps), 2),
    }


def synthetic_knowledge(source: Path, target: Path, passages_wanted: int) -> None:
    """The base's own articles, copied with small edits until there are enough passages."""
    shutil.copytree(source, target)
    count = len(load_knowledge(target).passages)
    originals = sorted((source / "articles" / "en").glob("*.md"))
    copy = 0
    while count < passages_wanted:
        copy += 1
        path = originals[copy % len(originals)]
        text = path.read_text(encoding="utf-8")
        new_id = f"{path.stem}-copy{copy}"
        text = text.replace(f"id: {path.stem}\n", f"id: {new_id}\n", 1)
        head, _, body = text.partition("\n---\n")  # the body's text changes, not a key's
        text = f"{head}\n---\n{body.replace('. ', f'. Copy {copy}: ', 1)}"
        text = _marked_keys(text, copy)
        (target / "articles" / "en" / f"{new_id}.md").write_text(text, encoding="utf-8")
        article, _ = parse_article(target / "articles" / "en" / f"{new_id}.md")
        count += len(split_article(article)) if article is not None else 0


KEY_LINE = re.compile(r"^(      - )([\"']?)(.*?)\2$")


def _marked_keys(text: str, copy: int) -> str:
    """Asked-as keys stay (their cost is part of a build) but must be unique across articles,
    so each gets the copy's mark; a passage's `sources:` list, indented alike, must still name
    its article's addresses. A quoted key ("[TX] ...") gets the mark inside its quotes, or the
    YAML breaks."""
    out: list[str] = []
    in_keys = False
    for line in text.split("\n"):
        if line.startswith("    ") and not line.startswith("      "):
            in_keys = line.strip() == "asked_as:"
        elif in_keys and (match := KEY_LINE.match(line)):
            line = f"{match[1]}{match[2]}{match[3]} (copy {copy}){match[2]}"
        out.append(line)
    return "\n".join(out)


def _builds(knowledge_dir: Path, embedder: Embedder) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        knowledge = load_knowledge(knowledge_dir)
        full = build_index(knowledge, root / "kb-index", embedder)
        synthetic_knowledge(knowledge_dir, root / "synthetic", 1000)
        synthetic = build_index(load_knowledge(root / "synthetic"), root / "syn-index", embedder)
        shutil.copytree(knowledge_dir, root / "edited")
        current = open_retriever(root / "edited", root / "kb-index", embedder=embedder)
        article = sorted((root / "edited" / "articles" / "en").glob("*.md"))[0]
        article.write_text(
            article.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8"
        )
        start = time.perf_counter()
        reload_retriever(current, root / "edited", root / "kb-index")
        incremental = time.perf_counter() - start
    return {
        "kb_passages": full.passages,
        "kb_build_s": round(full.seconds, 2),
        "synthetic_passages": synthetic.passages,
        "synthetic_build_s": round(synthetic.seconds, 2),
        "incremental_reload_s": round(incremental, 3),
    }


def measure(knowledge_dir: Path, index_dir: Path) -> dict[str, Any]:
    """Run every measurement once, in the order of the issue's list."""
    questions = list(dict.fromkeys(q.question for q in load_questions(split="all")))
    bare_model = PackagedModelEmbedder()  # the floor: sentence-transformers' own encode call
    retriever = open_retriever(knowledge_dir, index_dir)  # the serving path, as the bot runs it
    embedder = retriever.embedder
    for q in questions[:20]:
        bare_model.encode_bare(q)  # warm-up: first calls allocate
        retriever.search(q + " warm")
    bare_ms = _time_each(bare_model.encode_bare, questions)
    bare, bare_p95 = statistics.median(bare_ms), _percentile(bare_ms, 0.95)
    search_ms = []
    for q in questions:
        retriever.batcher.forget()  # every question is a cold one: no cache hit
        search_ms += _time_each(retriever.search, [q])
    p50, p95 = _percentile(search_ms, 0.5), _percentile(search_ms, 0.95)
    long = _long_messages(retriever, bare_model.encode_bare, questions)
    return {
        "questions": len(questions),
        "serving_encoder": type(embedder).__name__,
        "bare_encode_ms_median": round(bare, 2),
        "bare_encode_ms_p95": round(bare_p95, 2),
        "search_ms_p50": round(p50, 2),
        "search_ms_p95": round(p95, 2),
        "search_p50_over_bare": round(p50 / bare, 3),
        "search_p95_over_bare": round(p95 / bare, 3),
        "search_p95_over_bare_p95": round(p95 / bare_p95, 3),
        "long_messages": long,
        "throughput": _throughput(retriever, questions),
        "cold_start": _cold_start(knowledge_dir, index_dir),
        "cli": _cli(knowledge_dir, index_dir, questions),
        "builds": _builds(knowledge_dir, embedder),
    }


def format_report(r: dict[str, Any]) -> str:
    t, c, b, cli = r["throughput"], r["cold_start"], r["builds"], r["cli"]
    long = r["long_messages"]
    rows = [
        (
            "1 bare encoder, one question p50 / p95",
            f"{r['bare_encode_ms_median']} / {r['bare_encode_ms_p95']} ms",
            "the floor",
        ),
        (
            "2 Retriever.search warm p50 / p95",
            f"{r['search_ms_p50']} / {r['search_ms_p95']} ms",
            f"{r['search_p50_over_bare']}x bare p50; p95: {r['search_p95_over_bare_p95']}x bare "
            f"p95, {r['search_p95_over_bare']}x bare p50 (target <= 1.3x); "
            f"encoder: {r['serving_encoder']}",
        ),
        (
            f"2 messages of {LONG_WORDS}+ words p50 / p95",
            f"{long.get('search_ms_p50', '-')} / {long.get('search_ms_p95', '-')} ms",
            f"{long['messages']} messages, {long.get('with_parts', 0)} in parts "
            f"(mean {long.get('mean_parts', 0)}); bare encoder on the same text p50 "
            f"{long.get('bare_ms_p50', '-')} ms; per message p50 "
            f"{long.get('per_message_ratio_p50', '-')}x bare (target <= 3x)",
        ),
        (
            "3 throughput, 8 concurrent askers",
            f"{t['questions_per_s']} q/s",
            f"batch {t['mean_batch']}; cache hits {t['cache_hits_during_run']}; serving encoder "
            f"alone, batches of 8, {t['encoder_calls_at_once']} at once: "
            f"{t['encoder_alone_batches_of_8_per_s']} q/s; a cached repeat "
            f"{t['cached_question_ms']} ms (target >= 250 q/s)",
        ),
        (
            "4 cold start to first answer",
            f"{c['serving_first_answer_s']} s",
            f"bare process {c['bare_process_s']} s; {c['ratio']}x (target <= 1.25x)",
        ),
        (
            "5 peak RSS",
            f"{c['serving_peak_rss_mb']} MB",
            f"bare {c['bare_peak_rss_mb']} MB; {c['rss_over_bare_mb']:+} MB (target <= +150 MB)",
        ),
        (
            "6 build: knowledge base",
            f"{b['kb_build_s']} s",
            f"{b['kb_passages']} passages, model loaded",
        ),
        (
            "6 build: synthetic base",
            f"{b['synthetic_build_s']} s",
            f"{b['synthetic_passages']} passages (target <= 20 s)",
        ),
        (
            "6 incremental reload, one article",
            f"{b['incremental_reload_s']} s",
            "model loaded (target <= 1 s)",
        ),
        ("7 ask: cold start, one question", f"{cli['ask_cold_one_question_s']} s", "process start"),
        (
            "7 ask: 100 questions via stdin",
            f"{cli['ask_stdin_median_ms']} ms",
            f"median per question over {cli['ask_stdin_questions']}, model loaded once",
        ),
    ]
    width = max(len(a) for a, _, _ in rows)
    return "\n".join(f"{a:<{width}}  {v:>16}  {n}" for a, v, n in rows)


def run_bench(knowledge_dir: Path, index_dir: Path, as_json: bool = False) -> int:
    result = measure(knowledge_dir, index_dir)
    print(json.dumps(result) if as_json else format_report(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Kept out of the installed package: a tool for this repository, run by `make bench`."""
    import argparse

    from index.loading import DEFAULT_INDEX_DIR, DEFAULT_KNOWLEDGE_DIR

    parser = argparse.ArgumentParser(prog="benchmarks/bench.py", description=__doc__)
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE_DIR)
    parser.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    return run_bench(args.knowledge, args.index_dir, as_json=args.json)


if __name__ == "__main__":
    sys.exit(main())
