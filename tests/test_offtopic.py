"""Off-topic examples: validated with lines, embedded once, and seen by the abstention gate."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.build import build_index
from index.confidence import Calibration, Gate
from index.knowledge import load_knowledge
from index.loading import open_retriever
from index.offtopic import load_offtopic, nearest_subject
from index.store import load_index
from index.validation import validate_knowledge
from tests.fakes import HashingEmbedder

EXAMPLES = """# comment
en:
  - "how do i become a police officer"
  - "best pizza in queens"
es:
  - "receta de pozole rojo"
"""


def test_examples_load_in_order(knowledge_copy: Path) -> None:
    (knowledge_copy / "offtopic.yaml").write_text(EXAMPLES, encoding="utf-8")
    examples, problems = load_offtopic(knowledge_copy)
    assert problems == []
    assert examples == [
        "how do i become a police officer",
        "best pizza in queens",
        "receta de pozole rojo",
    ]


def test_file_is_optional(knowledge_copy: Path) -> None:
    assert load_offtopic(knowledge_copy) == ([], [])


def test_problems_are_reported_with_path_and_line(knowledge_copy: Path) -> None:
    path = knowledge_copy / "offtopic.yaml"
    path.write_text('en:\n  - "fine"\n  - ""\n  - [1, 2]\nfr:\n  - "bonjour"\n', encoding="utf-8")
    problems = validate_knowledge(knowledge_copy).errors
    assert [(p.path, p.line) for p in problems] == [(str(path), 3), (str(path), 4), (str(path), 5)]
    assert "unknown key 'fr'" in problems[2].message


def test_bad_yaml_is_reported_not_raised(knowledge_copy: Path) -> None:
    path = knowledge_copy / "offtopic.yaml"
    path.write_text('en:\n  - "fine"\n  - "unclosed\n', encoding="utf-8")
    (problem,) = validate_knowledge(knowledge_copy).errors
    assert problem.path == str(path) and problem.line > 1 and "bad YAML" in problem.message


def test_examples_are_embedded_once_and_reused(knowledge_copy: Path, tmp_path: Path) -> None:
    (knowledge_copy / "offtopic.yaml").write_text(EXAMPLES, encoding="utf-8")
    embedder = HashingEmbedder()
    build_index(load_knowledge(knowledge_copy), tmp_path / "idx", embedder)
    stored = load_index(tmp_path / "idx", model=embedder.name, dimension=embedder.dimension)
    assert stored.offtopic.shape == (3, embedder.dimension)
    assert embedder.queries_embedded == 3
    article = knowledge_copy / "articles" / "en" / "filming-police.md"
    article.write_text(article.read_text().replace("Stand back,", "Stay calm, stand back,"))
    build_index(load_knowledge(knowledge_copy), tmp_path / "idx", embedder)
    assert embedder.queries_embedded == 3  # only the edited passage was embedded again


def test_gate_sees_closeness_to_the_nearest_example(knowledge_copy: Path, tmp_path: Path) -> None:
    (knowledge_copy / "offtopic.yaml").write_text(EXAMPLES, encoding="utf-8")
    retriever = open_retriever(knowledge_copy, tmp_path / "idx", embedder=HashingEmbedder())
    retriever.calibration = Calibration()  # the shipped one is fit for the real model's vectors

    def offtopic(question: str) -> float:
        text, lang, encoded = retriever.prepare(question, None)
        vector = retriever.embedder.encode_queries([encoded])[0]
        return retriever.signals(text, vector, lang)[0].signals.offtopic

    assert np.isclose(offtopic("best pizza in queens"), 1.0)
    assert offtopic("can police search my phone") < 0.5


def test_danger_examples_route_a_decline_but_not_the_gate(
    knowledge_copy: Path, tmp_path: Path
) -> None:
    (knowledge_copy / "offtopic.yaml").write_text(
        'en:\n  other:\n    - "best pizza in queens"\n'
        '  danger:\n    - "my neighbour pulled a knife on me"\n',
        encoding="utf-8",
    )
    retriever = open_retriever(knowledge_copy, tmp_path / "idx", embedder=HashingEmbedder())
    retriever.calibration = Calibration()

    def read(question: str) -> tuple[float, str | None]:
        text, lang, encoded = retriever.prepare(question, None)
        vector = retriever.embedder.encode_queries([encoded])[0]
        closeness = retriever.signals(text, vector, lang)[0].signals.offtopic
        return closeness, retriever.decline_subject(vector)

    assert read("best pizza in queens") == (pytest.approx(1.0), "other")
    closeness, subject = read("my neighbour pulled a knife on me")
    assert subject == "danger" and closeness < 0.9


def test_examples_are_grouped_by_subject(knowledge_copy: Path) -> None:
    from index.offtopic import load_offtopic_examples

    (knowledge_copy / "offtopic.yaml").write_text(
        'en:\n  housing:\n    - "landlord kept my deposit"\n  other:\n    - "best pizza"\n'
        'es:\n  - "receta de pozole"\n',
        encoding="utf-8",
    )
    examples, problems = load_offtopic_examples(knowledge_copy)
    assert problems == []
    assert [(e.text, e.subject) for e in examples] == [
        ("landlord kept my deposit", "housing"),
        ("best pizza", "other"),
        ("receta de pozole", "other"),
    ]


def test_an_unknown_subject_is_reported_with_path_and_line(knowledge_copy: Path) -> None:
    path = knowledge_copy / "offtopic.yaml"
    path.write_text('en:\n  housing:\n    - "rent"\n  pets:\n    - "cat food"\n', encoding="utf-8")
    (problem,) = validate_knowledge(knowledge_copy).errors
    assert (problem.path, problem.line) == (str(path), 4)
    assert "unknown subject 'pets'" in problem.message


def test_the_real_examples_are_grouped(tmp_path: Path) -> None:
    from index.offtopic import LEGAL_SUBJECTS, load_offtopic_examples

    examples, problems = load_offtopic_examples(Path(__file__).parent.parent / "knowledge")
    assert problems == [] and len(examples) >= 450
    subjects = {e.subject for e in examples}
    assert subjects >= {"housing", "work", "family", "traffic", "immigration", "other"}
    assert sum(e.subject in LEGAL_SUBJECTS for e in examples) >= 30


def test_a_question_plainly_closer_to_an_example_than_to_any_passage_is_declined(
    knowledge_copy: Path, tmp_path: Path
) -> None:
    """Whatever the gate says: its words ("police", "video") cannot make it an answer."""
    example = "are you the police and do you save my video"
    (knowledge_copy / "offtopic.yaml").write_text(
        f'en:\n  bot:\n    - "{example}"\n', encoding="utf-8"
    )
    retriever = open_retriever(knowledge_copy, tmp_path / "idx", embedder=HashingEmbedder())
    # A gate that passes everything: only the off-topic margin can decline.
    retriever.calibration = Calibration(gates={"hybrid": Gate(weights=(0.0,) * 8, bias=5.0)})

    declined = retriever.search(example)
    assert declined.abstained and declined.reason == "low_confidence"
    assert declined.decline_subject == "bot" and declined.choices == []
    assert not retriever.search("Can police delete my video or take my phone?").abstained


def test_a_decline_takes_the_subject_its_nearest_examples_share() -> None:
    subjects = ["bot", "housing", "immigration", "immigration", "immigration", "bot"]
    closeness = np.array([0.685, 0.671, 0.66, 0.657, 0.64, 0.1])
    # the nearest is about the bot, but three of the five nearest are about immigration
    assert nearest_subject(closeness, subjects) == "immigration"
    # only the five nearest vote: ten housing examples further off do not
    far = ["housing", *["bot"] * 4, *["housing"] * 10]
    assert nearest_subject(np.array([0.9, *[0.5] * 4, *[0.45] * 10]), far) == "bot"
    # closeness is summed, not counted: one close example outweighs four distant ones
    assert nearest_subject(np.array([0.9, *[0.2] * 4]), ["danger", *["work"] * 4]) == "danger"
    # about the bot only when most of the five nearest are: that decline helps with no problem
    two_bots = ["bot", "bot", "housing", "immigration", "immigration"]
    assert nearest_subject(np.array([0.9, 0.8, 0.3, 0.3, 0.3]), two_bots) == "immigration"
    # a tie goes to the subject of the nearest example, wherever it is listed
    tie = ["housing", "housing", "work", "work"]
    assert nearest_subject(np.array([0.5, 0.5, 0.6, 0.4]), tie) == "work"
    assert nearest_subject(np.array([0.9]), ["danger"]) == "danger"


def test_a_danger_decline_needs_a_danger_word_in_the_question() -> None:
    near_danger = ["danger", "danger", "other", "danger", "family"]
    closeness = np.array([0.8, 0.7, 0.65, 0.6, 0.5])
    assert nearest_subject(closeness, near_danger) == "danger"
    # without a word of harm the next subject leads, whatever the neighbours
    assert nearest_subject(closeness, near_danger, danger_said=False) == "other"
    # and "other" when every neighbour is about danger
    assert nearest_subject(closeness, ["danger"] * 5, danger_said=False) == "other"


def test_danger_words_load_and_match_whole_words_in_any_language(knowledge_copy: Path) -> None:
    from index.offtopic import NO_DANGER_WORDS, load_offtopic_file

    path = knowledge_copy / "offtopic.yaml"
    path.write_text(
        EXAMPLES + "danger_words:\n  en: [hit me, threatening]\n  es: [me pega, amenaza]\n",
        encoding="utf-8",
    )
    examples, words, problems = load_offtopic_file(knowledge_copy)
    assert problems == [] and len(examples) == 3
    assert words.said_in("My boyfriend HIT ME again") and words.said_in("mi ex me amenaza")
    assert words.said_in("no pasa nada", "ÉL ME PEGA")  # any form; case folded
    assert not words.said_in("receta de pupusas", "a threateningly big sandwich")  # whole words
    assert NO_DANGER_WORDS.said_in("anything")  # no list: the neighbours decide alone


def test_danger_word_problems_are_reported_with_the_file(knowledge_copy: Path) -> None:
    from index.offtopic import load_offtopic_file

    path = knowledge_copy / "offtopic.yaml"
    path.write_text(EXAMPLES + "danger_words:\n  en: [hit, hit]\n  fr: [frapper]\n", "utf-8")
    _, _, problems = load_offtopic_file(knowledge_copy)
    assert [p.line for p in problems] and all(p.path == str(path) for p in problems)
    assert any("fr" in p.message for p in problems), problems
