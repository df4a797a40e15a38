"""Micro-batching and caching of question encodings across threads.

Encoding dominates a search. When several people ask at once, their questions are encoded
in one call (one forward pass instead of several), sorted by length so padding stays small.
Worker threads own the encoder (one for torch, which spreads one call over both cores; one
per core for ONNX Runtime, whose single-threaded calls run side by side): a worker takes what
is pending, encodes it, and wakes each caller. When nothing else is being encoded, a call runs
on every core instead (`encode_alone`), which nearly halves a lone question's encoding time
with ONNX Runtime; a call that starts meanwhile still runs on its own core, so load gets
the side-by-side calls it is fastest with. A lone question never waits; under load, a
worker waits up to `window_s` for its share of the askers recently in flight at once, so
batches stay full instead of alternating between half-empty ones. A small cache answers
repeated questions instantly; it is keyed by a salted one-way hash (the salt is random per
process), never by the question's text, and entries expire after CACHE_TTL_S, so no question
text is held in memory for speed's sake.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from index.embedding import Vectors

EncodeFn = Callable[[list[str]], Vectors]
PEAK_MEMORY_S = 1.0  # how long a burst's size shapes the batches after it
CACHE_TTL_S = 600.0


@dataclass
class _Pending:
    text: str
    done: threading.Event = field(default_factory=threading.Event)
    vector: Vectors | None = None
    error: BaseException | None = None


@dataclass
class BatchStats:
    encoded: int = 0
    batches: int = 0
    cache_hits: int = 0


class EncodingBatcher:
    """Thread-safe `encode(text) -> vector` that batches concurrent callers."""

    def __init__(
        self,
        encode: EncodeFn,
        max_batch: int = 32,
        window_s: float = 0.003,
        cache_size: int = 2048,
        workers: int = 1,
        encode_alone: EncodeFn | None = None,
    ) -> None:
        self._encode = encode
        self._encode_alone = encode_alone or encode
        self._busy = 0  # encoder calls running now
        self._workers = max(workers, 1)
        self._max_batch = max_batch
        self._window_s = window_s
        self._changed = threading.Condition()
        self._pending: list[_Pending] = []
        self._inflight = 0
        self._peak = (1, 0.0)  # most callers in flight at once, and when that was seen
        self._threads: list[threading.Thread] = []
        self._cache: OrderedDict[bytes, tuple[float, Vectors]] = OrderedDict()
        self._salt = os.urandom(16)
        self._cache_size = cache_size
        self.stats = BatchStats()

    def encode(self, text: str) -> Vectors:
        """The vector for one text, batched with whatever else is being asked right now."""
        key = self._key(text)
        with self._changed:
            cached = self._cache.get(key)
            if cached is not None and time.monotonic() - cached[0] < CACHE_TTL_S:
                self._cache.move_to_end(key)
                self.stats.cache_hits += 1
                return cached[1]
            request = _Pending(text)
            self._pending.append(request)
            self._note_inflight(+1)
            self._start_worker()
            self._changed.notify()
        request.done.wait()
        with self._changed:
            self._note_inflight(-1)
        if request.error is not None:
            raise request.error
        assert request.vector is not None
        return request.vector

    def forget(self) -> None:
        """Drop the cache and the counters (benchmarks measure cold questions)."""
        with self._changed:
            self._cache.clear()
            self.stats = BatchStats()

    def _key(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), key=self._salt).digest()

    def encode_many(self, texts: list[str]) -> Vectors:
        """Vectors for a known list of texts (one caller), sorted by length for less padding."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with self._changed:
            alone = self._busy == 0 and not self._pending
            self._busy += 1
        try:
            encode = self._encode_alone if alone else self._encode
            vectors = encode([texts[i] for i in order])
        finally:
            with self._changed:
                self._busy -= 1
        out = np.empty_like(vectors)
        out[order] = vectors
        return out

    def _note_inflight(self, delta: int) -> None:
        self._inflight += delta
        now = time.monotonic()
        if self._inflight >= self._peak[0] or now - self._peak[1] > PEAK_MEMORY_S:
            self._peak = (max(self._inflight, 1), now)

    def _start_worker(self) -> None:
        while len(self._threads) < self._workers:
            name = f"kyr-encoder-{len(self._threads) + 1}"
            worker = threading.Thread(target=self._work, name=name, daemon=True)
            worker.start()
            self._threads.append(worker)

    def _next_batch(self) -> list[_Pending]:
        with self._changed:
            while not self._pending:
                self._changed.wait()
            deadline = time.monotonic() + self._window_s
            # Each worker waits for its share of the recent peak, so batches stay full.
            wanted = min(-(-self._peak[0] // self._workers), self._max_batch)
            while len(self._pending) < wanted and (left := deadline - time.monotonic()) > 0:
                self._changed.wait(left)
            batch = self._pending[: self._max_batch]
            del self._pending[: self._max_batch]
            return batch

    def _work(self) -> None:
        while True:
            self._run(self._next_batch())

    def _run(self, batch: list[_Pending]) -> None:
        try:
            vectors = self.encode_many([r.text for r in batch])
        except BaseException as exc:  # every waiting caller must hear about it
            for r in batch:
                r.error = exc
                r.done.set()
            return
        with self._changed:
            self.stats.encoded += len(batch)
            self.stats.batches += 1
            now = time.monotonic()
            for r, v in zip(batch, vectors, strict=True):
                self._cache[self._key(r.text)] = (now, v)
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        for r, v in zip(batch, vectors, strict=True):
            r.vector = v
            r.done.set()
