"""Finding the questions in a message (index.message_parts), with the real word lists."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.embedding import Vectors
from index.message_parts import (
    NO_QUESTION_WORDS,
    QuestionWords,
    ReadMessage,
    load_question_words,
    per_message,
    question_parts,
    tells,
)
from index.models import Answer, Hit
from index.questions import ReadQuestion
from index.retriever import Retriever
from tests.conftest import REPO


@pytest.fixture(scope="module")
def words() -> QuestionWords:
    loaded, problems = load_question_words(REPO / "knowledge")
    assert problems == []
    return loaded


def test_one_question_is_the_whole_message(words: QuestionWords) -> None:
    assert question_parts("do i have to open the door for the police?", words) == []
    assert question_parts("ICE is outside, do I have to open the door?", words) == []
    assert question_parts("police rights at home", words) == []


def test_two_questions_joined_by_and_are_split(words: QuestionWords) -> None:
    message = "can i bring a sign with a slogan to the rally and does a drone count as filming"
    assert question_parts(message, words) == [
        "can i bring a sign with a slogan to the rally",
        "does a drone count as filming",
    ]


def test_a_lead_in_that_counts_the_questions_and_their_numbers_are_left_out(
    words: QuestionWords,
) -> None:
    message = "dos preguntas: 1) me toman las huellas si me arrestan? 2) cuánto es la fianza?"
    assert question_parts(message, words) == [
        "me toman las huellas si me arrestan?",
        "cuánto es la fianza?",
    ]
    message = "2 things - can cops take my phone at a march? and (b) can i film them?"
    assert question_parts(message, words) == [
        "can cops take my phone at a march?",
        "can i film them?",
    ]
    # A lead-in about something else is part of the question ("ICE" is not a count word).
    assert question_parts("ICE: can they come in? and do i have to talk?", words) == [
        "ICE: can they come in?",
        "do i have to talk?",
    ]
    assert question_parts("two questions: can police take my phone?", NO_QUESTION_WORDS) == []
    # Only numbers and `count_leads` words before the count word: who asked stays.
    assert question_parts(
        "ICE asked questions: do i have to answer them? and can they search me?", words
    ) == [
        "ICE asked questions: do i have to answer them?",
        "can they search me?",
    ]
    # A lead-in on a line of its own, and capital letters before the questions.
    assert question_parts(
        "Two questions\nA) can they take my phone?\nB) can i film them?", words
    ) == [
        "can they take my phone?",
        "can i film them?",
    ]


def test_a_short_joined_question_that_points_back_gets_the_first_one_s_words(
    words: QuestionWords,
) -> None:
    message = "can customs agents search my laptop at the airport and can they keep it"
    assert question_parts(message, words) == [
        "can customs agents search my laptop at the airport",
        "can customs agents search my laptop at the airport can they keep it",
    ]
    spanish = "pueden los agentes de ICE entrar a mi trabajo y tengo que hablar con ellos"
    assert question_parts(spanish, words)[1] == (
        "pueden los agentes de ICE entrar a mi trabajo tengo que hablar con ellos"
    )
    # A joined question that names its own subject stays as it is.
    named = "can police take my phone at a protest and can a school suspend my son for walking out"
    assert question_parts(named, words)[1] == "can a school suspend my son for walking out"


def test_and_inside_one_question_does_not_split(words: QuestionWords) -> None:
    # "and" followed by a noun joins two things asked about, not two questions.
    assert question_parts("can police search my bag and my jacket at a march", words) == []
    assert question_parts("what are my rights if police and ICE come together", words) == []


def test_question_marks_and_spanish_openers_split(words: QuestionWords) -> None:
    message = "¿Puedo llevar una pancarta? ¿Y tengo que llevar mi identificación?"
    assert question_parts(message, words) == [
        "¿Puedo llevar una pancarta?",
        "¿tengo que llevar mi identificación?",
    ]
    message = "me pueden pedir papeles en la calle? y a quien le aviso si me llevan"
    assert question_parts(message, words) == [
        "me pueden pedir papeles en la calle?",
        "a quien le aviso si me llevan",
    ]


def test_story_then_question_keeps_the_question_and_a_little_context(
    words: QuestionWords,
) -> None:
    message = (
        "We marched from the park to city hall on Sunday. It was calm until the end. "
        "Then officers on a roof filmed everyone in the crowd with a big camera. "
        "Can they identify us from that?"
    )
    # A short question gets the sentence before it, which says what "that" is.
    assert question_parts(message, words) == [
        "Then officers on a roof filmed everyone in the crowd with a big camera. "
        "Can they identify us from that?"
    ]
    long_question = (
        "I was at the rally yesterday. Nothing happened to me. "
        "Can the police use face recognition on the videos they took at the rally?"
    )
    assert question_parts(long_question, words) == [
        "Can the police use face recognition on the videos they took at the rally?"
    ]


def test_a_statement_starting_like_spanish_pronouns_is_not_a_question(
    words: QuestionWords,
) -> None:
    message = "Tengo 17 años. Me detuvieron en la marcha. ¿Tienen que llamar a mis padres?"
    assert question_parts(message, words) == [
        "Me detuvieron en la marcha. ¿Tienen que llamar a mis padres?"
    ]


def test_at_most_three_parts(words: QuestionWords) -> None:
    message = "can i film? can i wear a mask? can i bring water? can i bring my dog?"
    assert len(question_parts(message, words)) == 3


def test_without_word_lists_only_question_marks_count() -> None:
    assert question_parts("can i film? can i wear a mask?", NO_QUESTION_WORDS) == [
        "can i film?",
        "can i wear a mask?",
    ]


def test_a_pronoun_after_and_starts_a_question_only_with_a_question_word_next(
    words: QuestionWords,
) -> None:
    """ "y me pueden revisar" asks again; "y me empieza a revisar" goes on with the story."""
    story = "que hago si me para la policia en la calle y me empieza a revisar la mochila"
    assert question_parts(story, words) == []
    two = "tengo que abrir la puerta y me pueden arrestar si no abro?"
    assert question_parts(two, words) == [
        "tengo que abrir la puerta",
        "me pueden arrestar si no abro?",
    ]


def test_problems_name_the_line(tmp_path: Path) -> None:
    (tmp_path / "question_words.yaml").write_text(
        "starts:\n  en: [can, can]\n  fr: [est]\nasks:\n  en: [how]\njoins:\n  es: [y o]\n",
        encoding="utf-8",
    )
    _, problems = load_question_words(tmp_path)
    path = tmp_path / "question_words.yaml"
    assert [str(p) for p in problems] == [
        f"{path}:2: duplicate word 'can' in starts",
        f"{path}:3: unknown language 'fr' (use en, es)",
        f"{path}:4: unknown list 'asks' (use starts, after_joins, pronouns, refers, joins, leads, "
        "counts, count_leads)",
        f"{path}:7: each entry must be one word",
    ]


def test_several_questions_get_a_passage_each_from_one_encoder_call(
    retriever: Retriever, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    encode_many = retriever.batcher.encode_many

    def counting(texts: list[str]) -> Vectors:
        calls.append(len(texts))
        return encode_many(texts)

    monkeypatch.setattr(retriever.batcher, "encode_many", counting)
    answer = retriever.search("do I have to open the door for the police? can I film the police?")
    assert calls == [3]  # the whole message and its two parts
    ids = [h.passage.id for h in answer.hits]
    assert "police-at-door#open-door" in ids[:2] and "filming-police#film-police" in ids[:2]


def test_a_part_the_gate_rejects_adds_nothing(retriever: Retriever) -> None:
    alone = retriever.search("do I have to open the door for the police?")
    both = retriever.search(
        "do I have to open the door for the police? what is the best pizza in brooklyn?"
    )
    assert retriever.search("what is the best pizza in brooklyn?").abstained
    assert not both.abstained and both.hits[0].passage.id == alone.hits[0].passage.id


def test_parts_never_offer_near_duplicates(
    retriever: Retriever, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With a low threshold every passage is a near-duplicate of the first: one place only.
    monkeypatch.setattr("index.retriever.NEAR_DUPLICATE", -1.0)
    answer = retriever.search("do I have to open the door for the police? can I film the police?")
    assert len(answer.hits) == 1


def test_a_story_is_told_around_questions(words: QuestionWords) -> None:
    story = "My cousin went to his check-in this morning. How do we find him? Can we get a lawyer?"
    assert tells(story, words)
    assert not tells("2 preguntas: 1) tengo que abrir? 2) pueden entrar sin orden?", words)
    assert not tells("can i film the police? and can they take my phone?", words)


def test_a_story_s_own_best_passage_leads_when_no_part_finds_it(
    retriever: Retriever, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When `_whole_leads` holds, the passage the whole message finds on its own leads; it
    is asked only of a story, never of questions asked one after another."""
    told = (
        "The police came to my building this morning. "
        "Do I have to open the door for the police? Can I film the police?"
    )
    with monkeypatch.context() as patch:
        patch.setattr("index.retriever.question_parts", lambda text, words: [])
        alone = retriever.search(told).hits[0].passage.id
    asked: list[int] = []

    def leads(parts: list[Answer], whole_best: Hit) -> bool:
        asked.append(len(parts))
        return True

    monkeypatch.setattr(Retriever, "_whole_leads", staticmethod(leads))
    assert retriever.search(told).hits[0].passage.id == alone
    assert asked == [2]
    asked.clear()
    retriever.search("Do I have to open the door for the police? Can I film the police?")
    assert asked == []


def test_whole_leads_only_when_no_part_agrees_and_it_is_surer(retriever: Retriever) -> None:
    answer = retriever.search("do I have to open the door for the police? can I film the police?")
    first, second = answer.hits[0], answer.hits[1]
    part = answer.model_copy(update={"hits": [first.model_copy(update={"score": 0.7})]})
    surer = second.model_copy(update={"score": 0.8})
    assert Retriever._whole_leads([part], surer)
    assert not Retriever._whole_leads([part], second.model_copy(update={"score": 0.6}))
    agreeing = first.model_copy(update={"score": 0.9})
    assert not Retriever._whole_leads([part], agreeing)


def test_a_very_short_follow_up_stays_with_its_question(words: QuestionWords) -> None:
    assert question_parts("do police fly drones over marches in new york? which ones", words) == []


def test_one_encoder_call_splits_back_into_each_message_s_rows() -> None:
    """Rows are whole, parts, then what an urgent message asks besides its situation; each
    message gets its own, whatever the others hold."""

    def read(text: str) -> ReadQuestion:
        return ReadQuestion(text, "en", text)

    messages = [
        ReadMessage(read("a"), []),
        ReadMessage(read("b"), [read("b1"), read("b2")]),
        ReadMessage(read("c"), [], read("c asked")),
        ReadMessage(read("d"), [read("d1")], read("d asked")),
    ]
    texts = [t for m in messages for t in m.encoder_texts()]
    assert texts == ["a", "b", "b1", "b2", "c", "c asked", "d", "d1", "d asked"]
    rows = np.arange(len(texts), dtype=np.float32)[:, None]
    per = per_message(messages, rows)
    assert [len(v) for v in per] == [1, 3, 2, 3]
    b, c, d = per[1], per[2], per[3]
    assert messages[1].part_vectors(b)[:, 0].tolist() == [2, 3]
    assert messages[1].asked_vector(b) is None
    assert messages[2].part_vectors(c).shape[0] == 0
    assert messages[2].asked_vector(c) is not None and float(messages[2].asked_vector(c)[0]) == 5
    assert messages[3].part_vectors(d)[:, 0].tolist() == [7]
    assert float(messages[3].asked_vector(d)[0]) == 8
