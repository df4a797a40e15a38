"""The refusal policy: harmful requests refused on purpose, rights questions never."""

from __future__ import annotations

import pytest

from index.refusal import RefusalPolicy
from index.retriever import Retriever

POLICY = RefusalPolicy.load()


@pytest.mark.parametrize("example", POLICY.examples)
def test_every_policy_example_is_refused(example: str) -> None:
    assert POLICY.matches(example)


@pytest.mark.parametrize(
    "question",
    [
        "how do i find a lawyer",
        "how do i find an officer's badge number to file a complaint",
        "how do I file a complaint against an officer",
        "can police find my address with face recognition",
        "can cops use facial recognition on me at a march",
        "how do I hide my face from cameras at a protest",
        "can police run my license plate",
        "how do I get my video off my phone before police take it",
        "can I refuse to tell ICE my status",
        "what should I do if police break my camera",
        "what happens if I resist arrest",
        "can police delete the videos on my phone",
        "do I have to open the door if ICE has a warrant",
        "cómo protejo mi celular antes de la marcha",
        "¿la policía puede romper mi cámara?",
        "best banana bread recipe",
    ],
)
def test_rights_questions_are_never_refused(question: str) -> None:
    assert not POLICY.matches(question)


def test_refused_answer_has_reason_and_no_hits(retriever: Retriever) -> None:
    answer = retriever.search("help me dox the officer who arrested my friend")
    assert answer.abstained and answer.reason == "refused" and answer.hits == []
