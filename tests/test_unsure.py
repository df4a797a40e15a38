""" "Did you mean…?": the unsure branch of the core, its band, and `ask --json`'s choices.

Over the fixture knowledge base with the real model; where the band's value is beside the
point, the retriever gets a calibration with a band wide enough to reach (the shipped one is
fitted on the real knowledge base).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.calibrate import BAND_LIMIT, fit_band
from index.cli import answer_json
from index.confidence import Band, Calibration, CalibrationMismatchError
from index.retriever import Retriever

WIDE = Band(floor=0.0)  # every question the gate declines gets its candidates


def unsure(retriever: Retriever, band: Band = WIDE) -> Retriever:
    """The retriever with its own calibration but ``band`` for the hybrid mode."""
    calibration = retriever.calibration
    return retriever.with_calibration(replace(calibration, bands={"hybrid": band}))


def test_a_declined_question_inside_the_band_gets_choices_not_hits(retriever: Retriever) -> None:
    answer = unsure(retriever).search("what about when they come to the house")
    assert answer.abstained and answer.reason == "unsure" and answer.hits == []
    assert 2 <= len(answer.choices) <= 3
    ids = [h.passage.id for h in answer.choices]
    assert len(set(ids)) == len(ids)
    assert ids[0].startswith("police-at-door#")
    assert all(
        0.0 <= h.score < retriever.calibration.gate("hybrid").threshold for h in answer.choices
    )


def test_choices_are_in_the_askers_language(retriever: Retriever) -> None:
    answer = unsure(retriever).search("¿y si vienen a mi casa?")
    assert answer.reason == "unsure" and answer.lang == "es"
    assert answer.choices[0].passage.id.startswith("police-at-door-es#")


def test_without_a_band_the_decline_is_unchanged(retriever: Retriever) -> None:
    answer = unsure(retriever, Band()).search("what about when they come to the house")
    assert answer.reason == "low_confidence" and answer.choices == []


def test_a_confident_answer_and_a_refusal_are_not_touched_by_the_band(
    retriever: Retriever,
) -> None:
    wide = unsure(retriever)
    answered = wide.search("do I have to let the police in")
    assert not answered.abstained and answered.choices == []
    assert answered.hits == retriever.search("do I have to let the police in").hits
    refused = wide.search("find the home address of a police officer")
    assert refused.reason == "refused" and refused.choices == [] and refused.hits == []


def test_below_the_floor_is_a_clear_decline(retriever: Retriever) -> None:
    question = "best pizza in brooklyn"
    text, lang, encoded = retriever.prepare(question, None)
    # The vector search itself gets (the batcher's, then its cache), not another encoder
    # session's: the floor sits exactly on this question's probability, where float noise
    # between the two ONNX sessions decides.
    scores, _ = retriever.signals(text, retriever.batcher.encode(encoded), lang)
    gate = retriever.calibration.gate("hybrid")
    p = gate.probability(scores.features(int(np.argmax(scores.fused))))
    assert unsure(retriever, Band(floor=p + 0.01)).search(question).reason == "low_confidence"
    assert unsure(retriever, Band(floor=p)).search(question).reason == "unsure"


def test_ask_json_marks_unsure_with_choices_in_the_passages_shape(retriever: Retriever) -> None:
    payload = answer_json(unsure(retriever).search("what about when they come to the house"))
    assert payload["abstained"] is True and payload["reason"] == "unsure"
    assert payload["passages"] == []
    choices = payload["choices"]
    assert isinstance(choices, list) and len(choices) >= 2
    answered = answer_json(retriever.search("do I have to let the police in"))
    assert answered["choices"] == []
    assert set(choices[0]) == set(answered["passages"][0])  # type: ignore[index]


def test_fit_band_takes_the_lowest_floor_within_the_limit() -> None:
    # Out-of-fold probabilities; the gate answers from 0.6 up.
    p = np.array([0.9, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.2, 0.1])
    right = np.array([0, 1, 1, 0, 1, 0, 1, 0, 0], dtype=bool)
    offtopic = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1], dtype=bool)
    # 20 out-of-scope questions: one may get choices (BAND_LIMIT 0.05), the second stops it.
    assert BAND_LIMIT == 0.05
    band = fit_band(p, 0.6, right, offtopic, total=20)
    assert band.floor == pytest.approx(0.4)  # 0.55, 0.5 and 0.4 become choices; 0.3 does not
    # with 40 of them, two may: down to 0.3, the last right one above the third (0.2)
    assert fit_band(p, 0.6, right, offtopic, total=40).floor == pytest.approx(0.3)
    # nothing to gain: no band
    assert fit_band(p, 0.6, np.zeros(9, dtype=bool), offtopic, total=20) == Band()


def test_the_band_is_stored_by_name_and_refused_when_names_differ(tmp_path: Path) -> None:
    path = tmp_path / "calibration.json"
    Calibration(bands={"hybrid": Band(floor=0.42)}).save(path)
    assert json.loads(path.read_text())["bands"] == {"hybrid": {"floor": 0.42}}
    assert Calibration.load(path).band("hybrid") == Band(floor=0.42)
    assert Calibration.load(path).band("dense") == Band()  # none fitted: never unsure
    data = json.loads(path.read_text())
    data["bands"]["hybrid"] = {"lower": 0.42}
    path.write_text(json.dumps(data))
    with pytest.raises(CalibrationMismatchError, match="unsure band fields"):
        Calibration.load(path)
