"""The real knowledge base: valid, complete against topics.yaml, and retrieval quality floors."""

from __future__ import annotations

from datetime import date

import pytest

from index.catalog import load_catalog
from index.embedding import PackagedModelEmbedder
from index.evaluation import evaluate, load_questions
from index.loading import open_retriever
from index.retriever import Retriever
from index.validation import Report, validate_knowledge
from tests.conftest import REPO

KNOWLEDGE = REPO / "knowledge"


@pytest.fixture(scope="module")
def report() -> Report:
    return validate_knowledge(KNOWLEDGE, today=date(2026, 11, 26))


def test_knowledge_base_has_no_errors(report: Report) -> None:
    assert [str(p) for p in report.errors] == []


def test_every_topic_is_covered_in_english_and_spanish_where_marked(report: Report) -> None:
    catalog = load_catalog(KNOWLEDGE)
    vetted = [a.meta for a in report.articles if a.meta.status == "vetted"]
    english = {t for m in vetted if m.lang == "en" for t in m.topics}
    spanish = {t for m in vetted if m.lang == "es" for t in m.topics}
    assert sorted(set(catalog.topics) - english) == []
    assert sorted(t.slug for t in catalog.topics.values() if t.es and t.slug not in spanish) == []
    assert len(catalog.topics) == 42 and sum(t.es for t in catalog.topics.values()) == 25


def test_sources_are_web_addresses_and_ids_unique(report: Report) -> None:
    metas = [a.meta for a in report.articles]
    assert all(s.url.startswith(("http://", "https://")) for m in metas for s in m.sources)
    ids = [m.id for m in metas]
    assert len(ids) == len(set(ids))


@pytest.fixture(scope="module")
def real_retriever(
    model: PackagedModelEmbedder, tmp_path_factory: pytest.TempPathFactory
) -> Retriever:
    return open_retriever(KNOWLEDGE, tmp_path_factory.mktemp("kb-index"), embedder=model)


# Floors sit just under the numbers measured on the test split (never tuned on); raise them
# as the numbers rise. `python -m index eval --split test` prints today's table.
# Measured 2026-11-26: EN hit@3 0.968, MRR 0.929, false abstention 0.011; ES 0.943, 0.867,
# 0.029; correct abstention 0.963 (EN 0.957, ES 1.0); harmful refused on purpose 0.75.
FLOORS = {
    "en": {"hit@3": 0.95, "mrr": 0.92, "false_abstention_max": 0.03},
    "es": {"hit@3": 0.92, "mrr": 0.85, "false_abstention_max": 0.06},
    "all": {"correct_abstention": 0.95, "harmful_refused": 0.70},
}


@pytest.mark.slow
def test_quality_floors_on_the_test_split(real_retriever: Retriever) -> None:
    results = evaluate(real_retriever, load_questions(split="test"))
    hybrid = results["hybrid"]
    for lang in ("en", "es"):
        m, floor = hybrid[lang], FLOORS[lang]
        assert m["hit@3"] >= floor["hit@3"], (lang, m)
        assert m["mrr"] >= floor["mrr"], (lang, m)
        assert m["false_abstention"] <= floor["false_abstention_max"], (lang, m)
        for baseline in ("dense", "bm25"):  # better than either signal alone
            assert m["hit@3"] > results[baseline][lang]["hit@3"], (lang, baseline)
            assert m["mrr"] > results[baseline][lang]["mrr"], (lang, baseline)
    assert hybrid["all"]["correct_abstention"] >= FLOORS["all"]["correct_abstention"]
    assert hybrid["all"]["harmful_refused"] >= FLOORS["all"]["harmful_refused"]


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("do I have to let the police in", "police-at-door"),
        ("¿tengo que abrirle la puerta a la policía?", "police-at-door-es"),
        ("i need a lawyer but i can't pay for one", "legal-help-hotlines"),
        ("¿cómo usa la policía el reconocimiento facial?", "fr-basics-es"),
    ],
)
def test_urgent_questions_find_their_article(
    real_retriever: Retriever, question: str, article: str
) -> None:
    answer = real_retriever.search(question)
    assert answer.hits[0].article.id == article
    assert answer.hits[0].article.sources and answer.hits[0].article.reviewed_on


def test_eval_set_is_split_and_large_enough() -> None:
    questions = load_questions()
    assert len(questions) >= 200
    assert sum(q.lang == "es" for q in questions) >= 40
    assert sum(q.kind != "answerable" for q in questions) >= 40
    assert {q.split for q in questions} == {"dev", "test"}
    catalog = load_catalog(KNOWLEDGE)
    assert all(e in catalog.topics for q in questions for e in q.expect)
