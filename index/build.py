"""Build the index from the knowledge base: atomic, incremental, one build at a time."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from index.embedding import Embedder
from index.errors import IndexMismatchError, IndexMissingError
from index.knowledge import Knowledge
from index.store import (
    BuildStats,
    StoredIndex,
    build_lock,
    embed_incrementally,
    load_index,
    write_index,
)

log = logging.getLogger(__name__)


def _previous(index_dir: Path, embedder: Embedder) -> StoredIndex | None:
    try:
        return load_index(index_dir, model=embedder.name, dimension=embedder.dimension)
    except (IndexMissingError, IndexMismatchError):
        return None  # nothing reusable: embed everything


def build_index(knowledge: Knowledge, index_dir: Path, embedder: Embedder) -> BuildStats:
    """Embed what changed since the live index and swap the new one in; the old stays on failure."""
    started = time.perf_counter()
    with build_lock(index_dir):
        previous = _previous(index_dir, embedder)
        vectors, hashes, embedded = embed_incrementally(knowledge.passages, embedder, previous)
        write_index(
            index_dir,
            knowledge.passages,
            vectors,
            model=embedder.name,
            dimension=embedder.dimension,
            knowledge_hash=knowledge.hash,
            hashes=hashes,
        )
    stats = BuildStats(
        passages=len(knowledge.passages),
        embedded=embedded,
        reused=len(knowledge.passages) - embedded,
        seconds=time.perf_counter() - started,
    )
    log.info(
        "index built: %d passages, %d embedded, %d reused", stats.passages, embedded, stats.reused
    )
    return stats
