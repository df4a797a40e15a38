"""Open a ready-to-search retriever: validate, build when stale, load and check the index."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

from index.batching import EncodingBatcher
from index.build import build_index
from index.card_store import build_cards
from index.embedding import Embedder
from index.errors import IndexMismatchError, IndexMissingError
from index.knowledge import Knowledge, load_knowledge
from index.onnx_encoder import load_embedder
from index.refusal import RefusalPolicy
from index.retriever import Retriever
from index.store import BuildStats, PassageChanges, load_index, read_manifest

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE_DIR = REPO / "knowledge"
DEFAULT_INDEX_DIR = REPO / ".kyr-index"


def encoder_dir(index_dir: Path) -> Path:
    """Where the exported encoder lives: beside the index versions, never pruned with them."""
    return index_dir / "encoder"


class Reloaded(NamedTuple):
    """A fresh retriever and which passages its build added, changed and removed."""

    retriever: Retriever
    changes: PassageChanges


def open_retriever(
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR,
    index_dir: Path = DEFAULT_INDEX_DIR,
    *,
    include_drafts: bool = False,
    build_if_needed: bool = True,
    embedder: Embedder | None = None,
    refusals: RefusalPolicy | None = None,
    batcher: EncodingBatcher | None = None,
) -> Retriever:
    """A retriever over the current knowledge base, building the index first if it is stale.

    Raises InvalidKnowledgeError when the knowledge files have errors (nothing is swapped),
    and IndexMismatchError/IndexMissingError when the index cannot be used and may not be built.
    """
    knowledge = load_knowledge(knowledge_dir, include_drafts)
    embedder = embedder or load_embedder(encoder_dir(index_dir))
    return _open(knowledge, index_dir, embedder, build_if_needed, refusals, batcher).retriever


def _open(
    knowledge: Knowledge,
    index_dir: Path,
    embedder: Embedder,
    build_if_needed: bool,
    refusals: RefusalPolicy | None,
    batcher: EncodingBatcher | None,
) -> Reloaded:
    """The retriever over ``knowledge``, building first when stale; changes are the build's."""
    built: BuildStats | None = None
    manifest = read_manifest(index_dir)
    stale = manifest is None or manifest.get("knowledge_hash") != knowledge.hash
    if stale and build_if_needed:
        log.info("index missing or out of date: building")
        built = build_index(knowledge, index_dir, embedder)
    try:
        stored = load_index(index_dir, model=embedder.name, dimension=embedder.dimension)
    except IndexMismatchError:
        if not build_if_needed:
            raise
        log.warning("index on disk is damaged or for another model: rebuilding it")
        built = build_index(knowledge, index_dir, embedder)
        stored = load_index(index_dir, model=embedder.name, dimension=embedder.dimension)
    if stored.knowledge_hash != knowledge.hash:
        raise IndexMissingError(f"index in {index_dir} is out of date; run: python -m index build")
    if build_if_needed:
        build_cards(knowledge, index_dir)  # renders only the cards whose content changed
    retriever = Retriever(knowledge, stored, embedder, refusals=refusals, batcher=batcher)
    return Reloaded(retriever, built.changes if built is not None else PassageChanges())


def reload_retriever(current: Retriever, knowledge_dir: Path, index_dir: Path) -> Reloaded:
    """A fresh retriever over the edited knowledge base, and what its build changed.

    The loaded model and encoder thread are reused, while the refusal policy is the edited
    base's own (`knowledge/refusals.yaml` is knowledge); the changes are empty
    when the index was already up to date. Incremental: only changed passages are embedded.
    Every knowledge file is read, the catalog loaded and each article split once. On invalid
    knowledge it raises InvalidKnowledgeError and `current` stays untouched, so callers keep
    serving it.
    """
    knowledge = load_knowledge(knowledge_dir, current.knowledge.include_drafts)
    return _open(knowledge, index_dir, current.embedder, True, None, current.batcher)
