"""The moderators' command line, called through main(argv)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from index.cli import main
from index.retriever import Retriever
from tests.conftest import FIXTURE_KNOWLEDGE


def test_validate_ok_and_failing(knowledge_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(knowledge_copy)]) == 0
    bad = knowledge_copy / "articles" / "en" / "bad.md"
    bad.write_text("---\nid: bad\n---\n\n## X\n\ntext\n")
    assert main(["validate", str(knowledge_copy)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:1: missing field 'title'" in out


def test_new_writes_a_draft_that_validates(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "new",
                "Kettling: can police box us in?",
                "--knowledge",
                str(knowledge_copy),
                "--topic",
                "protest-rights-basics",
            ]
        )
        == 0
    )
    path = Path(capsys.readouterr().out.strip())
    assert path.name == "kettling-can-police-box-us-in.md"
    assert "status: draft" in path.read_text()
    assert main(["validate", str(knowledge_copy)]) == 0
    assert main(["new", "Kettling: can police box us in?", "--knowledge", str(knowledge_copy)]) == 1


def test_due_lists_old_articles(knowledge_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = knowledge_copy / "articles" / "en" / "filming-police.md"
    article.write_text(
        article.read_text().replace("reviewed_on: 2026-11-26", "reviewed_on: 2020-01-01")
    )
    assert main(["due", "--knowledge", str(knowledge_copy)]) == 0
    assert "2020-01-01  filming-police" in capsys.readouterr().out
    assert main(["validate", str(knowledge_copy)]) == 0
    assert main(["validate", "--strict", str(knowledge_copy)]) == 1


def ask_json(index_dir: Path) -> list[str]:
    return ["ask", "--json", "--knowledge", str(FIXTURE_KNOWLEDGE), "--index-dir", str(index_dir)]


def test_ask_json_shape(
    retriever: Retriever, fixture_index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*ask_json(fixture_index_dir), "do I have to let the police in"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) >= {"question", "abstained", "reason", "passages"}
    assert payload["situation"] is None and payload["hotlines"] == []  # not about now
    first = payload["passages"][0]
    assert set(first) >= {
        "id",
        "article_id",
        "title",
        "heading",
        "text",
        "score",
        "lang",
        "jurisdictions",
        "sources",
        "reviewed_on",
    }
    assert first["id"] == "police-at-door#open-door"
    assert first["sources"][0]["url"].startswith("https://")
    assert first["reviewed_on"] == "2026-11-26"


def test_ask_reads_stdin_one_question_per_line(
    retriever: Retriever,
    fixture_index_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("can I film cops\n\nweather in paris tomorrow\n"))
    assert main(ask_json(fixture_index_dir)) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["abstained"] for line in lines] == [False, True]
    assert lines[0]["passages"][0]["article_id"] == "filming-police"
    assert lines[1]["passages"] == [] and lines[1]["reason"] == "low_confidence"


def test_errors_are_one_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--knowledge", str(tmp_path), "--index-dir", str(tmp_path / "i")]) == 1
    assert capsys.readouterr().err.startswith(f"{tmp_path}/topics.yaml:1: file is missing")


def test_strict_validate_fails_on_a_calibration_fitted_on_other_knowledge(
    knowledge_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # no evaluation files here: the questions are not checked
    assert main(["validate", str(knowledge_copy)]) == 0
    assert main(["validate", "--strict", str(knowledge_copy)]) == 1
    captured = capsys.readouterr()
    assert "calibration.json:1: fitted on another version of" in captured.out
    assert "calibration's questions not checked" in captured.err


def test_stale_calibration_compares_both_hashes(knowledge_copy: Path) -> None:
    from index.calibrate import questions_hash, stale_calibration
    from index.confidence import Calibration
    from index.evaluation import EVAL_FILES, load_questions
    from index.knowledge import knowledge_hash
    from tests.conftest import REPO

    files = [REPO / path for path in EVAL_FILES]
    fitted = Calibration(
        knowledge_hash=knowledge_hash(knowledge_copy),
        questions_hash=questions_hash(load_questions(files, "dev")),
    )
    assert stale_calibration(knowledge_copy, files, fitted) == []
    glossary = knowledge_copy / "glossary.yaml"
    glossary.write_text(glossary.read_text() + "  los tiras: police\n", encoding="utf-8")
    other = Calibration(knowledge_hash=fitted.knowledge_hash, questions_hash="old")
    found = [p.message for p in stale_calibration(knowledge_copy, files, other)]
    assert [m.split(" (")[1].split(")")[0] for m in found] == [
        "knowledge_hash differs",
        "questions_hash differs",
    ]
