"""What spelling correction costs: building the speller, and correcting one question.

Over every evaluation question, as written and misspelt (index.typos, seed 7), it prints the
time to build the speller from the knowledge base (once per index load) and the per-question
time of `Speller.correct` (each the best of 5 runs, so a busy machine's pauses drop out):
p50, p95 and max, in microseconds. The encoder call it sits beside takes about 10 ms.

    PYTHONPATH=. .venv/bin/python benchmarks/spelling.py
"""

from __future__ import annotations

import time
from pathlib import Path

from index.evaluation import load_questions
from index.knowledge import load_knowledge
from index.language import reply_language
from index.spelling import LANGS, general_lexicon, knowledge_speller
from index.typos import misspelt

REPO = Path(__file__).resolve().parent.parent
RUNS = 5


def main() -> None:
    knowledge = load_knowledge(REPO / "knowledge")
    for lang in LANGS:  # loaded once per process, whatever the index
        general_lexicon(lang)
    lang_of = {p.id: p.lang for p in knowledge.passages}
    passages = [(p.lang, p.embedding_text()) for p in knowledge.passages]
    keys = [(lang_of[k.passage_id], k.text) for k in knowledge.keys]
    started = time.perf_counter()
    speller = knowledge_speller(passages, keys, knowledge.glossary, knowledge.places)
    print(f"speller built in {time.perf_counter() - started:.2f} s")
    questions = load_questions(
        [REPO / "tests/eval/questions.jsonl", REPO / "tests/eval/real.jsonl"]
    )
    for name, asked in (("as written", questions), ("misspelt", misspelt(questions, 7))):
        times = []
        for q in asked:
            lang = reply_language(None, q.question)
            best = float("inf")
            for _ in range(RUNS):
                start = time.perf_counter()
                speller.correct(q.question, lang)
                best = min(best, time.perf_counter() - start)
            times.append(best * 1e6)
        times.sort()
        p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95)]
        print(
            f"{name}: {len(times)} questions, p50 {p50:.0f} us, p95 {p95:.0f} us, "
            f"max {times[-1]:.0f} us"
        )


if __name__ == "__main__":
    main()
