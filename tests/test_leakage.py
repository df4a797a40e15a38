"""Knowledge text that is an evaluation question, or nearly one (index.leakage)."""

from __future__ import annotations

from pathlib import Path

from index.cli import main
from index.leakage import evaluation_questions, find_leaks
from tests.fakes import HashingEmbedder

QUESTIONS = [
    {"id": "q1", "split": "test", "question": "Can cops search my car without a warrant?"},
    {"id": "q2", "split": "dev", "question": "what is facial recognition"},
]


def test_a_copy_is_found_whatever_its_case_and_punctuation() -> None:
    leaks = find_leaks(HashingEmbedder(), ["can cops search my car without a warrant"], QUESTIONS)
    assert [(leak.question_id, leak.similarity) for leak in leaks] == [("q1", 1.0)]


def test_a_near_copy_is_found_and_a_different_question_is_not() -> None:
    texts = ["can the cops search my car without a warrant", "how do i file a foil request"]
    leaks = find_leaks(HashingEmbedder(), texts, QUESTIONS, near=0.9)
    assert [leak.text for leak in leaks] == [texts[0]]
    assert leaks[0].split == "test" and 0.9 <= leaks[0].similarity < 1.0


def test_every_evaluation_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "a1", "split": "dev", "question": "x?"}\n\n')
    (tmp_path / "b.jsonl").write_text('{"id": "b1", "split": "test", "question": "y?", "k": 1}\n')
    assert [q["id"] for q in evaluation_questions(tmp_path)] == ["a1", "b1"]


def test_the_command_checks_new_keys_and_exits_1_on_a_leak(tmp_path: Path, capsys: object) -> None:
    (tmp_path / "eval.jsonl").write_text(
        '{"id": "t1", "split": "test", "question": "do i have to open the door for ice"}\n'
    )
    keys = tmp_path / "keys.txt"
    keys.write_text("Do I have to open the door for ICE?\nhow do i blur faces in a photo\n")
    args = ["leaks", "--texts", str(keys), "--eval-dir", str(tmp_path)]
    assert main(args) == 1
    keys.write_text("how do i blur faces in a photo\n")
    assert main(args) == 0
