"""The terminal chat: ``python -m bot`` without a token, driven through stdin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bot_fixtures import subprocess_env

from index import Retriever

pytestmark = pytest.mark.slow


def _chat(
    stdin: str, knowledge_dir: Path, index_dir: Path, workdir: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=workdir,
        env=subprocess_env(KYR_KNOWLEDGE_DIR=str(knowledge_dir), KYR_INDEX_DIR=str(index_dir)),
    )


def test_terminal_chat_builds_the_index_and_answers(
    bot_knowledge_dir: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "fresh-index"  # missing: the chat must build it first
    done = _chat(
        "Police are at my door. Do I have to open it?\n\n/hotline\n"
        "who won the football game last night\nquit\nthis line is never read\n",
        bot_knowledge_dir,
        index_dir,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert index_dir.is_dir() and any(index_dir.iterdir())
    assert "Do I have to open the door?" in out and "warrant signed by a judge" in out
    assert "(https://www.aclu.org/know-your-rights/police-at-your-door)" in out
    assert "Reviewed on 2026-11-26" in out and "General information, not legal advice" in out
    assert "555-0100" in out  # /hotline, from the knowledge base
    assert "I don't have a vetted answer" in out
    assert "<b>" not in out and "&amp;" not in out  # plain text, not HTML
    assert "this line is never read" not in out


def test_terminal_chat_ends_on_ctrl_d_and_answers_spanish(
    bot_retriever: Retriever, bot_knowledge_dir: Path, bot_index_dir: Path, tmp_path: Path
) -> None:
    done = _chat(
        "¿Tengo que abrir la puerta a la policía?\n", bot_knowledge_dir, bot_index_dir, tmp_path
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "¿Tengo que abrir la puerta?" in done.stdout and "Revisado el" in done.stdout


def test_terminal_chat_reports_broken_knowledge_in_one_line(tmp_path: Path) -> None:
    done = _chat("quit\n", tmp_path / "no-such-knowledge", tmp_path / "index", tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error:")
