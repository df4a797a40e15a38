"""The keyword fusion's refit: a near tie on dev is no reason to move (index.calibrate)."""

from __future__ import annotations

from index.calibrate import steady_best
from index.confidence import Fusion

A = Fusion(weight=0.5, scale=6.0, fuzzy_weight=0.5)
B = Fusion(weight=0.75, scale=10.0, fuzzy_weight=0.25)
C = Fusion(weight=1.0, scale=3.0, fuzzy_weight=0.5)


def test_a_tie_within_one_questions_move_keeps_the_first_in_grid_order() -> None:
    # 600 questions: one moving from first to second place changes the MRR by 0.5 / 600.
    tried = [(0.8330, C), (0.83362133856979, A), (0.8336213385697917, B)]
    assert steady_best(tried, 600) == C  # within 0.00083 of the best, and first
    assert steady_best(tried[1:], 600) == A  # the 1e-16 difference does not decide
    assert steady_best(list(reversed(tried[1:])), 600) == B  # the order does


def test_a_real_gain_wins() -> None:
    tried = [(0.8300, C), (0.8400, A)]
    assert steady_best(tried, 600) == A
    assert steady_best([(0.81, C), (0.8336, A)], 100_000) == A  # a tiny tolerance on big sets
