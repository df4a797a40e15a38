"""The benchmark's synthetic knowledge base is a valid one.

`make bench` times a build of about 1,000 passages made of the base's own articles, copied with
small edits (benchmarks/bench.py). When passages named their own sources, the copies marked
those addresses like asked-as keys, validation rejected every copy, and the benchmark stopped
before printing a number; `make bench` is not part of `make test`, so this checks it here.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench import synthetic_knowledge
from index.knowledge import load_knowledge

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def test_the_benchmarks_synthetic_knowledge_loads(tmp_path: Path) -> None:
    base = len(load_knowledge(KNOWLEDGE).passages)
    synthetic_knowledge(KNOWLEDGE, tmp_path / "synthetic", base + 20)
    copied = load_knowledge(tmp_path / "synthetic")  # raises on any invalid copy
    assert len(copied.passages) >= base + 20
