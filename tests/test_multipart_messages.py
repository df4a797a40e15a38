"""Messages with several questions on the real knowledge base: the issue's "done when" bars."""

from __future__ import annotations

import pytest

from index.embedding import PackagedModelEmbedder
from index.loading import open_retriever
from index.part_coverage import evaluate_messages, load_messages
from index.retriever import Retriever
from tests.conftest import REPO


@pytest.fixture(scope="module")
def real_retriever(
    model: PackagedModelEmbedder, tmp_path_factory: pytest.TempPathFactory
) -> Retriever:
    return open_retriever(REPO / "knowledge", tmp_path_factory.mktemp("kb-index"), embedder=model)


@pytest.mark.slow
def test_every_part_within_the_offered_three_and_no_near_duplicates(
    real_retriever: Retriever,
) -> None:
    # All 40 labelled messages (dev and test): `python -m index eval --set multipart --split all`.
    messages = load_messages(REPO / "tests" / "eval" / "multipart.jsonl")
    assert len(messages) >= 30
    m = evaluate_messages(real_retriever, messages)["all"]
    assert float(str(m["all_parts_in_3"]).split()[0]) >= 0.90, m
    assert m["near_duplicate_replies"] == 0, m
