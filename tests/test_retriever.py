"""Retrieval with the real packaged model over the fixture knowledge base."""

from __future__ import annotations

import subprocess
import sys

import pytest

from index.retriever import Retriever


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("do I have to let the police in", "police-at-door#open-door"),
        ("cops are knocking, must I open up?", "police-at-door#open-door"),
        ("they say they have a warrant, what do I check on it", "police-at-door#say-warrant"),
        ("am I allowed to record officers doing their job", "filming-police#film-police"),
        ("can an officer erase the footage on my phone", "filming-police#police-delete-video-take"),
        ("should I disable face unlock before a march", "biometrics-off#turn-off-face-id"),
        (
            "how do I make my iphone require the passcode fast",
            "biometrics-off#quickly-lock-phone-needs",
        ),
    ],
)
def test_paraphrases_find_the_right_passage_first(
    retriever: Retriever, question: str, first: str
) -> None:
    answer = retriever.search(question)
    assert not answer.abstained
    assert answer.hits[0].passage.id == first
    assert 0.0 <= answer.hits[0].score <= 1.0


@pytest.mark.parametrize("question", ["what's the weather tomorrow", "best pizza in brooklyn", ""])
def test_off_topic_abstains_with_no_hits(retriever: Retriever, question: str) -> None:
    answer = retriever.search(question)
    assert answer.abstained and answer.reason == "low_confidence" and answer.hits == []


def test_spanish_question_gets_spanish_passage(retriever: Retriever) -> None:
    answer = retriever.search("¿tengo que dejar entrar a la policía a mi casa?")
    assert answer.lang == "es"
    assert answer.hits[0].passage.id == "police-at-door-es#open-door"


def test_language_setting_applies_when_the_guess_is_not_confident(retriever: Retriever) -> None:
    assert retriever.prepare("ok", "es")[1] == "es"
    assert retriever.prepare("ok", None)[1] == "en"
    assert retriever.prepare("¿tengo que abrir la puerta?", "en")[1] == "es"


def test_spanish_reply_maps_english_hit_to_translation(retriever: Retriever) -> None:
    question = "do I have to let the police in"
    vector = retriever.embedder.encode_queries([question])[0]
    answer = retriever.answer_with_vector(question, question, vector, 3, "es", None)
    assert answer.hits[0].article.id == "police-at-door-es"


def test_one_passage_per_article_first(retriever: Retriever) -> None:
    answer = retriever.search("police rights at home and recording them", k=2)
    assert len({h.article.id for h in answer.hits}) == len(answer.hits)


def test_lookups(retriever: Retriever) -> None:
    assert [p.id for p in retriever.passages_of("police-at-door")] == [
        "police-at-door#open-door",
        "police-at-door#say-warrant",
    ]
    es = retriever.article_for_topic("police-at-door", "es")
    assert es is not None and es.id == "police-at-door-es"
    en = retriever.article_for_topic("filming-police", "es")
    assert en is not None and en.id == "filming-police"  # no Spanish version: English


def test_importing_the_core_never_imports_telegram() -> None:
    code = (
        "import sys, index, index.cli, index.retriever, index.loading, index.store;"
        "assert 'telegram' not in sys.modules, 'telegram imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
