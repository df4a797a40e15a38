"""The abstention gate's threshold: the cheapest on dev, and a near tie goes to the lower one
(index.calibrate.steady_threshold)."""

from __future__ import annotations

import numpy as np

from index.calibrate import steady_threshold


def _probabilities(near: int) -> tuple[np.ndarray, np.ndarray]:
    """100 answerable questions (one at 0.525) and 200 out-of-scope ones, ``near`` of them at
    0.525 and 10 at 0.515: at 0.53 one answer is missed; at 0.52 ``near`` out-of-scope
    questions are answered instead; at 0.51 ten more are."""
    answerable = [0.9] * 99 + [0.525]
    other = [0.1] * (190 - near) + [0.525] * near + [0.515] * 10
    p = np.array(answerable + other)
    y = np.array([1] * len(answerable) + [0] * len(other))
    return p, y


def test_a_near_tie_goes_to_the_lower_threshold() -> None:
    # Costs (miss cost 3): 0.53 -> 0.030, 0.52 -> 0.060, 0.51 -> 0.110. One question is one
    # missed answer (3 / 100 = 0.03, not one out-of-scope question's 1 / 200), and exactly one
    # question dearer is still a tie.
    p, y = _probabilities(near=12)
    assert steady_threshold(p, y, miss_cost=3.0) == 0.52


def test_a_real_difference_keeps_the_cheapest() -> None:
    # 0.52 -> 0.100 now: more than one question (0.03) dearer than 0.53 (0.030).
    p, y = _probabilities(near=20)
    assert steady_threshold(p, y, miss_cost=3.0) == 0.53


def test_the_threshold_in_use_stays_while_it_costs_at_most_two_questions_more() -> None:
    # Costs as above with near=20: 0.53 -> 0.030 (cheapest), 0.52 -> 0.100 (0.07: 2.3
    # questions dearer). 0.52 in use stays only while within two questions (0.06) of 0.53.
    p, y = _probabilities(near=12)  # 0.52 -> 0.060: one question dearer
    assert steady_threshold(p, y, miss_cost=3.0, incumbent=0.53) == 0.53  # the cheapest stays
    p, y = _probabilities(near=20)
    assert steady_threshold(p, y, miss_cost=3.0, incumbent=0.52) == 0.53  # 2.3 dearer: leaves
    p, y = _probabilities(near=16)  # 0.52 -> 0.080: 1.7 questions dearer
    assert steady_threshold(p, y, miss_cost=3.0, incumbent=0.52) == 0.52
