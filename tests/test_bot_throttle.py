"""The per-user throttle: N per window, one notice, silence, then a fresh window."""

from __future__ import annotations

from bot.throttle import Throttle, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_one_notice_per_window_then_silence() -> None:
    clock = Clock()
    throttle = Throttle(limit=3, window=60, clock=clock)
    verdicts = [throttle.check(1) for _ in range(6)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.NOTIFY, Verdict.SILENT, Verdict.SILENT]
    assert throttle.check(2) is Verdict.ALLOW
    clock.now += 60
    assert throttle.check(1) is Verdict.ALLOW


def test_a_burst_of_1000_gets_exactly_one_notice() -> None:
    throttle = Throttle(limit=20, window=60, clock=Clock())
    verdicts = [throttle.check(7) for _ in range(1000)]
    assert verdicts.count(Verdict.ALLOW) == 20 and verdicts.count(Verdict.NOTIFY) == 1


def test_finished_windows_are_forgotten() -> None:
    clock = Clock()
    throttle = Throttle(limit=1, window=60, clock=clock)
    for user in range(100):
        throttle.check(user)
    assert len(throttle) == 100
    clock.now += 61
    throttle.check(1)
    assert len(throttle) == 1
