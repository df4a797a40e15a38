"""The keyword fusion's refit: what it ranks, and a near tie on dev is no reason to move
(index.calibrate)."""

from __future__ import annotations

import pytest

from index import calibrate
from index.calibrate import steady_best
from index.confidence import Fusion, Matrix
from index.evaluation import Question
from index.models import Lang
from index.retriever import Retriever
from index.typos import misspelt

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


def test_the_fit_ranks_each_answerable_question_as_written_and_misspelt_per_language(
    retriever: Retriever, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each language's questions, as written and misspelt, are ranked apart, and the fit
    weighs the languages the same whatever their sizes."""
    for grid in ("WEIGHTS", "SCALES", "FUZZY_WEIGHTS", "KEY_WEIGHTS"):  # one setting is enough
        monkeypatch.setattr(calibrate, grid, getattr(calibrate, grid)[:1])
    ranked: list[tuple[list[str], list[Lang], int]] = []

    def mrr(_: Retriever, questions: list[Question], langs: list[Lang], vectors: Matrix) -> float:
        ranked.append(([q.question for q in questions], langs, len(vectors)))
        return 1.0 if langs[0] == "en" else 0.0

    monkeypatch.setattr(calibrate, "_fusion_mrr", mrr)
    tried: list[tuple[float, Fusion]] = []

    counts: list[int] = []

    def keep(fits: list[tuple[float, Fusion]], questions: int, _: Fusion | None) -> Fusion:
        tried.extend(fits)
        counts.append(questions)
        return A

    monkeypatch.setattr(calibrate, "steady_best", keep)
    asked = [
        Question("q1", "dev", "en", "answerable", "can police open my phone with face id", ("x",)),
        Question("q2", "dev", "es", "answerable", "pueden entrar sin orden del juez", ("y",)),
        Question("q3", "dev", "en", "answerable", "do i have to show id to a cop", ("z",)),
    ]
    langs, vectors = calibrate._read(retriever, asked)
    calibrate._fit_fusion(retriever, asked, langs, vectors)
    assert [value for value, _ in tried] == [0.5]  # (1.0 + 0.0) / 2: two English, one Spanish
    assert counts == [4]  # one question's move in the smaller language: 2 questions x 2 langs
    typed = [q.question for q in misspelt(asked, calibrate.FIT_MISSPELL_SEED)]
    english, spanish = ranked
    assert english[0] == [asked[0].question, asked[2].question, typed[0], typed[2]]
    assert spanish[0] == [asked[1].question, typed[1]] and typed[1] != asked[1].question
    assert set(english[1]) == {"en"} and set(spanish[1]) == {"es"}
    assert (english[2], spanish[2]) == (4, 2)


def test_the_setting_in_use_stays_until_clearly_beaten() -> None:
    # 600 questions: one move is 0.5 / 600 = 0.00083; the incumbent stays within two moves.
    tried = [(0.8337, C), (0.8345, A), (0.8350, B)]
    assert steady_best(tried, 600) == A  # without one: the first within a move of the best
    assert steady_best(tried, 600, incumbent=C) == C  # 0.0013 behind: 1.6 moves
    assert steady_best([(0.8325, C), *tried[1:]], 600, incumbent=C) == A  # 3 moves: leaves
    at_two = 0.8350 - 2 * 0.5 / 600  # exactly two moves behind: still kept
    assert steady_best([(at_two, C), *tried[1:]], 600, incumbent=C) == C
    # The incumbent is matched by its grid point (boosts come from the code, not the file).
    other_boost = Fusion(weight=1.0, scale=3.0, fuzzy_weight=0.5, region_boost=0.1)
    assert steady_best(tried, 600, incumbent=other_boost) == C
    assert steady_best(tried, 600, incumbent=Fusion(weight=9.0)) == A  # off the grid
