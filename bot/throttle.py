"""Per-user flood control: N questions per window, one notice, then silence until it ends.

Buckets live in memory only and are dropped once their window is over.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass


class Verdict(enum.Enum):
    """What to do with one more question from someone."""

    ALLOW = "allow"
    NOTIFY = "notify"  # over the limit: say so once
    SILENT = "silent"  # still over the limit: say nothing


@dataclass
class _Bucket:
    started: float
    count: int = 0
    notified: bool = False


class Throttle:
    """Fixed-window counter per key (a user id, never stored anywhere but here)."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}
        self._last_sweep = clock()

    def check(self, key: int) -> Verdict:
        """Count one question from ``key`` and say whether to answer it."""
        now = self._clock()
        self._sweep(now)
        bucket = self._buckets.get(key)
        if bucket is None or now - bucket.started >= self.window:
            bucket = self._buckets[key] = _Bucket(started=now)
        bucket.count += 1
        if bucket.count <= self.limit:
            return Verdict.ALLOW
        if bucket.notified:
            return Verdict.SILENT
        bucket.notified = True
        return Verdict.NOTIFY

    def __len__(self) -> int:
        """How many people are being tracked right now."""
        return len(self._buckets)

    def _sweep(self, now: float) -> None:
        """Forget finished windows, at most once per window."""
        if now - self._last_sweep < self.window:
            return
        self._last_sweep = now
        expired = [k for k, b in self._buckets.items() if now - b.started >= self.window]
        for key in expired:
            del self._buckets[key]
