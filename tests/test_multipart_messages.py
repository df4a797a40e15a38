"""Messages with several questions on the real knowledge base: the issue's "done when" bars.

All 40 labelled messages (dev and test): `python -m index eval --set multipart --split all`.
"""

from __future__ import annotations

import pytest

from index.embedding import PackagedModelEmbedder
from index.loading import open_retriever
from index.part_coverage import evaluate_messages, load_messages
from index.retriever import Retriever
from tests.conftest import REPO


@pytest.fixture(scope="module")
def coverage(
    model: PackagedModelEmbedder, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, float | int | str]:
    retriever: Retriever = open_retriever(
        REPO / "knowledge", tmp_path_factory.mktemp("kb-index"), embedder=model
    )
    messages = load_messages(REPO / "tests" / "eval" / "multipart.jsonl")
    assert len(messages) >= 30
    return evaluate_messages(retriever, messages)["all"]


@pytest.mark.slow
def test_no_reply_offers_two_near_duplicates(coverage: dict[str, float | int | str]) -> None:
    assert coverage["near_duplicate_replies"] == 0, coverage


# Issue 16's bar is 0.90 of messages with every part within the offered three. Measured
# 2026-12-04 (night): dev 1.0 (20 of 20), test 0.90 (18 of 20), 0.95 in all (38 of 40).
# 2026-12-07 (fusion fitted on misspelt copies too, a Border Patrol checkpoint passage, short
# joined questions that point back take their first question's words): dev 0.95 (19 of
# 20), test 0.85 (17 of 20), 0.90 in all (36 of 40), a regression of two reported; the floor
# is the bar.
ALL_PARTS_FLOOR = 0.90


@pytest.mark.slow
def test_every_part_within_the_offered_three_does_not_fall(
    coverage: dict[str, float | int | str],
) -> None:
    assert float(str(coverage["all_parts_in_3"]).split()[0]) >= ALL_PARTS_FLOOR, coverage
