"""Reply composition: abstention and refusal texts, hit selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.document import plain
from bot.replies import compose_answer, pick_hits
from index import Answer, Retriever
from index.catalog import load_catalog


@pytest.mark.parametrize(
    ("reason", "lang", "start"),
    [
        ("refused", "en", "I can't help with that"),
        ("refused", "es", "No puedo ayudar con eso"),
        ("low_confidence", "en", "I don't have a vetted answer"),
        ("low_confidence", "es", "No tengo una respuesta revisada"),
    ],
)
def test_abstentions_have_fixed_kind_texts(
    bot_knowledge_dir: Path, reason: str, lang: str, start: str
) -> None:
    answer = Answer(question="q", hits=[], abstained=True, reason=reason, lang=lang)  # type: ignore[arg-type]
    document = compose_answer(answer, load_catalog(bot_knowledge_dir))
    assert plain(document[0]).startswith(start) and "/hotline" in plain(document[-1])


def test_one_passage_per_article_and_a_note_for_uncovered_places(
    bot_retriever: Retriever, bot_knowledge_dir: Path
) -> None:
    question = "Police are at my door, do I have to open it?"
    answer = bot_retriever.search(question, k=5, preferred="en")
    hits = pick_hits(answer)
    assert hits and len({h.article.id for h in hits}) == len(hits) <= 3
    texas = answer.model_copy(update={"uncovered_place": "Texas"})
    document = compose_answer(texas, load_catalog(bot_knowledge_dir))
    assert plain(document[0]).startswith("Note: I have nothing vetted for Texas")
