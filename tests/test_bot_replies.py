"""Reply composition: abstention and refusal texts, the core's hits shown as they come."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.document import plain
from bot.replies import compose_answer
from bot.terminal import reply_to
from index import Answer, Retriever
from index.catalog import load_catalog

FACES = "Can police use face recognition on me?"  # two passages of one article, one of another


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


def test_the_reply_shows_the_cores_list_in_its_order(
    bot_retriever: Retriever, bot_knowledge_dir: Path
) -> None:
    answer = bot_retriever.search(FACES, k=3, preferred="en")
    assert len(answer.hits) == 3 and len({h.article.id for h in answer.hits}) == 2
    expected = [f"{h.article.title} · {h.passage.heading}" for h in answer.hits]
    document = compose_answer(answer, load_catalog(bot_knowledge_dir))
    assert [plain(p) for p in document if plain(p) in expected] == expected


def test_the_terminal_shows_what_the_bot_shows(
    bot_retriever: Retriever, bot_knowledge_dir: Path
) -> None:
    catalog = load_catalog(bot_knowledge_dir)
    answer = bot_retriever.search(FACES, k=3)
    assert reply_to(FACES, bot_retriever, catalog) == compose_answer(answer, catalog)


def test_a_note_for_uncovered_places(bot_retriever: Retriever, bot_knowledge_dir: Path) -> None:
    answer = bot_retriever.search("Police are at my door, do I have to open it?", preferred="en")
    texas = answer.model_copy(update={"uncovered_place": "Texas"})
    document = compose_answer(texas, load_catalog(bot_knowledge_dir))
    assert plain(document[0]).startswith("Note: I have nothing vetted for Texas")
