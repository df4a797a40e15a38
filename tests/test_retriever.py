"""Retrieval with the real packaged model over the fixture knowledge base."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.embedding import PackagedModelEmbedder
from index.loading import open_retriever
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


def _with_key(knowledge: Path, article: str, anchor: str, key: str) -> None:
    path = knowledge / "articles" / "en" / f"{article}.md"
    text = path.read_text(encoding="utf-8")
    entry = f"passages:\n  {anchor}:\n    asked_as:\n      - {key}\n"
    path.write_text(text.replace("status: vetted\n", f"status: vetted\n{entry}", 1), "utf-8")


def test_an_asked_as_key_leads_its_question_to_its_passage(
    model: PackagedModelEmbedder, knowledge_copy: Path, tmp_path: Path
) -> None:
    """The words of a key need not be in the passage: the key alone routes the question."""
    question = "what happens to the clip on my camera roll if an officer grabs it"
    target = "biometrics-off#quickly-lock-phone-needs"  # deliberately not the obvious passage
    before = open_retriever(knowledge_copy, tmp_path / "before", embedder=model).search(question)
    assert not before.hits or before.hits[0].passage.id != target
    _with_key(knowledge_copy, "biometrics-off", "quickly-lock-phone-needs", question)
    after = open_retriever(knowledge_copy, tmp_path / "after", embedder=model).search(question)
    assert after.hits and after.hits[0].passage.id == target


def test_a_rebuild_embeds_only_keys_that_changed(
    model: PackagedModelEmbedder, knowledge_copy: Path, tmp_path: Path
) -> None:
    from index.build import build_index
    from index.knowledge import load_knowledge

    _with_key(knowledge_copy, "police-at-door", "open-door", "cops knocking do i open up")
    first = build_index(load_knowledge(knowledge_copy), tmp_path, model)
    again = build_index(load_knowledge(knowledge_copy), tmp_path, model)
    assert (first.keys, first.keys_embedded, again.keys_embedded) == (1, 1, 0)
