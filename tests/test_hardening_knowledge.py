"""Broken knowledge never reaches the index, and a damaged index on disk is never loaded.

Issue 9, point 3: every malformed file is reported with its path and reason and a non-zero
exit; ``build`` refuses and leaves CURRENT (and every file of the index) as it was; a
corrupted or truncated index is refused with a clear message, or rebuilt, never loaded.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hardening_corpus import BROKEN, DAMAGE, tree_snapshot

from index.cli import main
from index.embedding import PackagedModelEmbedder
from index.errors import IndexMismatchError, IndexMissingError, InvalidKnowledgeError, KyrError
from index.loading import open_retriever
from index.store import current_version, load_index
from tests.conftest import FIXTURE_KNOWLEDGE

QUESTION = "Police are at my door. Do I have to open it?"


@pytest.fixture(scope="module")
def good_index(model: PackagedModelEmbedder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index built once from the clean fixture knowledge base (copied per test)."""
    index_dir = tmp_path_factory.mktemp("hardening-good-index")
    open_retriever(FIXTURE_KNOWLEDGE, index_dir, embedder=model)
    return index_dir


@pytest.fixture
def index_copy(good_index: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(good_index, target)
    return target


def _broken_corpus(knowledge: Path) -> dict[str, tuple[Path, str]]:
    return {kind: (writer(knowledge), reason) for kind, (writer, reason) in BROKEN.items()}


def test_validate_reports_every_broken_file_with_path_and_reason(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = _broken_corpus(knowledge_copy)
    assert main(["validate", str(knowledge_copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    for kind, (path, reason) in written.items():
        mine = [line for line in lines if line.startswith(f"{path}:")]
        assert any(reason in line for line in mine), f"{kind}: {reason!r} not in {mine}"
    # Each kind alone fails validation too: no problem hides behind another.
    for number, (kind, (writer, _)) in enumerate(BROKEN.items()):
        alone = knowledge_copy.parent / f"alone-{number}"
        shutil.copytree(FIXTURE_KNOWLEDGE, alone)
        path = writer(alone)
        assert main(["validate", str(alone)]) == 1, kind
        assert f"{path}:" in capsys.readouterr().out, kind


def test_python_m_index_validate_exits_non_zero(knowledge_copy: Path) -> None:
    written = _broken_corpus(knowledge_copy)
    done = subprocess.run(
        [sys.executable, "-m", "index", "validate", str(knowledge_copy)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    for path, reason in written.values():
        assert any(
            line.startswith(f"{path}:") and reason in line for line in done.stdout.splitlines()
        ), reason
    assert "Traceback" not in done.stderr


def test_build_refuses_and_leaves_the_index_untouched(
    knowledge_copy: Path, index_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_snapshot(index_copy)
    live = current_version(index_copy)
    _broken_corpus(knowledge_copy)
    code = main(["build", "--knowledge", str(knowledge_copy), "--index-dir", str(index_copy)])
    assert code == 1
    assert "error: invalid knowledge base" in capsys.readouterr().err
    assert current_version(index_copy) == live
    assert tree_snapshot(index_copy) == before


def test_open_retriever_refuses_broken_knowledge_without_touching_the_index(
    knowledge_copy: Path, index_copy: Path, model: PackagedModelEmbedder
) -> None:
    before = tree_snapshot(index_copy)
    _broken_corpus(knowledge_copy)
    with pytest.raises(InvalidKnowledgeError) as raised:
        open_retriever(knowledge_copy, index_copy, embedder=model)
    assert len(raised.value.problems) >= len(BROKEN)
    assert tree_snapshot(index_copy) == before


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_is_refused_never_loaded(
    index_copy: Path, model: PackagedModelEmbedder, damage: str
) -> None:
    DAMAGE[damage](index_copy)
    with pytest.raises((IndexMismatchError, IndexMissingError)) as raised:
        load_index(index_copy, model=model.name, dimension=model.dimension)
    assert str(index_copy) in str(raised.value)  # the message says where
    with pytest.raises(KyrError):
        open_retriever(FIXTURE_KNOWLEDGE, index_copy, embedder=model, build_if_needed=False)


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_is_rebuilt_at_start_up(
    index_copy: Path, model: PackagedModelEmbedder, damage: str
) -> None:
    DAMAGE[damage](index_copy)
    retriever = open_retriever(FIXTURE_KNOWLEDGE, index_copy, embedder=model)
    answer = retriever.search(QUESTION, k=3)
    assert not answer.abstained and answer.hits[0].article.id == "police-at-door"
    stored = load_index(index_copy, model=model.name, dimension=model.dimension)
    assert stored.version == retriever.version  # what is live on disk is what was loaded
