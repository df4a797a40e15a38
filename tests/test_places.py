"""Places named in questions: boosts for covered ones, a warning for the rest."""

from __future__ import annotations

import pytest

from index.places import find_place, without_uncovered_place


@pytest.mark.parametrize(
    ("question", "code", "uncovered"),
    [
        ("police at my door in Brooklyn", "NYC", None),
        ("is it legal in new york state", "US-NY", None),
        ("EU rules on face recognition", "EU", None),
        ("masks at protests in London", "UK", None),
        ("can cops search my phone in texas", "US", "Texas"),
        ("¿qué pasa en Alemania?", "EU", "Alemania"),
        ("derechos en México", None, "Mexico"),
        ("police at the door", None, None),
    ],
)
def test_find_place(question: str, code: str | None, uncovered: str | None) -> None:
    place = find_place(question)
    assert (place.code, place.uncovered) == (code, uncovered)


def test_uncovered_place_is_left_out_of_the_encoder_text() -> None:
    assert (
        without_uncovered_place("can cops search my phone in texas") == "can cops search my phone"
    )
    assert (
        without_uncovered_place("police at my door in Brooklyn") == "police at my door in Brooklyn"
    )
