"""Questions about the bot itself (`knowledge/about_bot.yaml`): validated, and answered first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.about_bot import NO_ABOUT_BOT, load_about_bot
from index.cli import answer_json
from index.confidence import Calibration
from index.loading import open_retriever
from index.offtopic import BOT, GREETING
from index.validation import validate_knowledge
from tests.fakes import HashingEmbedder

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO / "tests" / "eval"

ABOUT = """phrases:
  en: [what i tell you, are you a cop, do you save my]
  es: [lo que te escribo, eres policia]
examples:
  - "do you save my messages? could the police get what I tell you?"
  - "¿Eres policía?"
not:
  - "do you have to show id to the police"
greetings:
  en: [hi, hello, hi there, thanks]
  es: [hola, gracias]
"""


def test_phrases_find_questions_to_the_bot_and_not_everyones_you(knowledge_copy: Path) -> None:
    (knowledge_copy / "about_bot.yaml").write_text(ABOUT, encoding="utf-8")
    about, problems = load_about_bot(knowledge_copy)
    assert problems == []
    assert about.asks("R U sure? are you a COP")  # case and whole words
    assert about.asks("la migra puede ver lo que te escribo?")
    assert not about.asks("can police make you unlock your phone")
    assert not about.asks("are you a copywriter")  # whole words only
    assert not about.asks("si eres policia, tienes que decirlo?")  # a condition about anyone


def test_the_file_is_optional(knowledge_copy: Path) -> None:
    assert load_about_bot(knowledge_copy) == (NO_ABOUT_BOT, [])
    assert not NO_ABOUT_BOT.asks("are you a cop")


def test_examples_the_phrases_miss_or_catch_wrongly_are_reported_with_lines(
    knowledge_copy: Path,
) -> None:
    broken = ABOUT.replace('- "¿Eres policía?"', '- "who runs you"').replace(
        "do you have to show id to the police", "are you a cop or not"
    )
    (knowledge_copy / "about_bot.yaml").write_text(broken + "later: []\n", encoding="utf-8")
    report = validate_knowledge(knowledge_copy)
    where = str(knowledge_copy / "about_bot.yaml")
    found = {(p.path, p.line): p.message for p in report.problems if p.path == where}
    assert "examples: 'who runs you' is not found" in found[(where, 6)]
    assert "not: 'are you a cop or not' is found" in found[(where, 8)]
    assert "unknown key 'later'" in found[(where, 12)]


@pytest.mark.parametrize("reading", ["asks", "greets"])
def test_no_answerable_evaluation_question_is_taken_for_one_about_the_bot(reading: str) -> None:
    """Neither the phrases nor the greetings may swallow rights questions: every evaluation
    set is checked."""
    about, problems = load_about_bot(REPO / "knowledge")
    assert problems == []
    caught = []
    for path in sorted(EVAL.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = row.get("question") or row.get("message") or ""
            if row.get("kind") != "out_of_scope" and getattr(about, reading)(text):
                caught.append((path.name, row.get("id")))
    assert caught == []


def test_a_message_asking_about_the_bot_gets_what_it_keeps_whatever_else_it_names(
    knowledge_copy: Path, tmp_path: Path
) -> None:
    (knowledge_copy / "about_bot.yaml").write_text(ABOUT, encoding="utf-8")
    retriever = open_retriever(knowledge_copy, tmp_path / "idx", embedder=HashingEmbedder())
    retriever.calibration = Calibration()  # the shipped one is fit for the real model's vectors
    answer = retriever.search("do you save my messages? can police record me at a protest?")
    assert answer.abstained and answer.hits == [] and answer.decline_subject == BOT
    assert answer_json(answer)["decline_subject"] == BOT  # ask --json says what the bot replies
    assert retriever.search("do you have to show id to the police").decline_subject != BOT
    assert not about_bot_asks(knowledge_copy, "if you are a cop do you have to say so")


def about_bot_asks(knowledge: Path, text: str) -> bool:
    about, _ = load_about_bot(knowledge)
    return about.asks(text)


def test_a_message_that_only_greets_is_greeted_back(knowledge_copy: Path, tmp_path: Path) -> None:
    (knowledge_copy / "about_bot.yaml").write_text(ABOUT, encoding="utf-8")
    retriever = open_retriever(knowledge_copy, tmp_path / "idx", embedder=HashingEmbedder())
    retriever.calibration = Calibration()
    for greeting in ("hola", "Hi there!! 👋", "gracias 🙏"):
        answer = retriever.search(greeting)
        assert answer.abstained and answer.hits == [] and answer.decline_subject == GREETING
    # a greeting with a question is the question; "ok" alone is no greeting
    assert not load_about_bot(REPO / "knowledge")[0].greets("ok")
    assert retriever.search("hola, can police record me at a protest?").decline_subject != GREETING
