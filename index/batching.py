"""Micro-batching and caching of question encodings across threads.

Encoding dominates a search. When several people ask at once, their questions are encoded
in one call (one forward pass instead of several), sorted by length so padding stays small.
The first caller to arrive leads: it encodes everything pending and hands each caller its
vector; whoever arrives meanwhile joins the next batch, so a lone question never waits.
A small LRU cache answers repeated questions instantly.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from index.embedding import Vectors

EncodeFn = Callable[[list[str]], Vectors]


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
        self, encode: EncodeFn, max_batch: int = 32, window_s: float = 0.0, cache_size: int = 2048
    ) -> None:
        self._encode = encode
        self._max_batch = max_batch
        self._window_s = window_s
        self._lock = threading.Lock()
        self._pending: list[_Pending] = []
        self._leading = False
        self._cache: OrderedDict[str, Vectors] = OrderedDict()
        self._cache_size = cache_size
        self.stats = BatchStats()

    def encode(self, text: str) -> Vectors:
        """The vector for one text, batched with whatever else is being asked right now."""
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                self.stats.cache_hits += 1
                return cached
            request = _Pending(text)
            self._pending.append(request)
            lead = not self._leading
            self._leading = self._leading or lead
        if lead:
            self._lead()
        request.done.wait()
        if request.error is not None:
            raise request.error
        assert request.vector is not None
        return request.vector

    def encode_many(self, texts: list[str]) -> Vectors:
        """Vectors for a known list of texts (one caller), sorted by length for less padding."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = self._encode([texts[i] for i in order])
        out = np.empty_like(vectors)
        out[order] = vectors
        return out

    def _lead(self) -> None:
        if self._window_s:
            time.sleep(self._window_s)  # optional: trade a little latency for fuller batches
        while True:
            with self._lock:
                batch = self._pending[: self._max_batch]
                del self._pending[: self._max_batch]
                if not batch:
                    self._leading = False
                    return
            self._run(batch)

    def _run(self, batch: list[_Pending]) -> None:
        try:
            vectors = self.encode_many([r.text for r in batch])
        except BaseException as exc:  # every waiting caller must hear about it
            for r in batch:
                r.error = exc
                r.done.set()
            return
        with self._lock:
            self.stats.encoded += len(batch)
            self.stats.batches += 1
            for r, v in zip(batch, vectors, strict=True):
                self._cache[r.text] = v
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        for r, v in zip(batch, vectors, strict=True):
            r.vector = v
            r.done.set()
