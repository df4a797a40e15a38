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
    # Costs (miss cost 3): 0.53 -> 0.030, 0.52 -> 0.035, 0.51 -> 0.085; one question 0.03.
    p, y = _probabilities(near=7)
    assert steady_threshold(p, y, miss_cost=3.0) == 0.52


def test_a_real_difference_keeps_the_cheapest() -> None:
    # 0.52 -> 0.100 now: more than one question dearer than 0.53.
    p, y = _probabilities(near=20)
    assert steady_threshold(p, y, miss_cost=3.0) == 0.53


def test_the_step_down_never_crosses_a_dearer_step() -> None:
    # Answerable: two at 0.515, one at 0.525; out of scope: 20 at 0.525. Costs: 0.53 -> 0.09,
    # 0.52 -> 0.16, and from 0.51 down to 0.11 a plateau at 0.10, within one question (0.03)
    # of the best but only across 0.52: the threshold stays at 0.53.
    answerable = [0.9] * 97 + [0.515, 0.515, 0.525]
    other = [0.1] * 180 + [0.525] * 20
    p = np.array(answerable + other)
    y = np.array([1] * len(answerable) + [0] * len(other))
    assert steady_threshold(p, y, miss_cost=3.0) == 0.53
