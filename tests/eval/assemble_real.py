"""Assemble tests/eval/real.jsonl from the collected parts in tests/eval/real/.

Each part holds real questions as their askers wrote them, with the address where each was
found. The split is decided by the source thread, never by the question, so two questions
from one thread never straddle dev and test: a thread goes to test when the first hex digit
of its SHA-1 is even (about half). Rerun after adding a part:

    .venv/bin/python tests/eval/assemble_real.py
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ("id", "set", "split", "lang", "kind", "question", "expect", "passages", "url", "thread")


def split_of(thread: str) -> str:
    return "test" if int(hashlib.sha1(thread.encode()).hexdigest()[0], 16) % 2 == 0 else "dev"


def main() -> None:
    rows, seen = [], set()
    for part in sorted((HERE / "real").glob("*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            key = " ".join(d["question"].lower().split())
            if key in seen:  # the same post can be filed under two LearnedHands categories
                continue
            seen.add(key)
            d["set"] = "real"
            d["split"] = split_of(d["thread"])
            rows.append({k: d[k] for k in FIELDS} | {k: v for k, v in d.items() if k not in FIELDS})
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids across parts"
    out = HERE / "real.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    print(f"{out}: {len(rows)} questions")


if __name__ == "__main__":
    main()
