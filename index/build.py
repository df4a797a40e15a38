"""Build the index from the knowledge base: atomic, incremental, one build at a time."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from index.embedding import Embedder
from index.errors import IndexMismatchError, IndexMissingError
from index.knowledge import Knowledge
from index.questions import read_question
from index.store import (
    BuildStats,
    StoredIndex,
    build_lock,
    embed_reusing,
    load_index,
    passage_changes,
    passage_hash,
    question_hash,
    reusable_vectors,
    write_index,
)

log = logging.getLogger(__name__)


def _previous(index_dir: Path, embedder: Embedder) -> StoredIndex | None:
    try:
        return load_index(index_dir, model=embedder.name, dimension=embedder.dimension)
    except (IndexMissingError, IndexMismatchError):
        return None  # nothing reusable: embed everything


def build_index(knowledge: Knowledge, index_dir: Path, embedder: Embedder) -> BuildStats:
    """Embed what changed since the live index and swap the new one in; the old stays on failure.

    The stats say which passages were added, changed and removed against that live index.
    """
    started = time.perf_counter()
    with build_lock(index_dir):
        previous = _previous(index_dir, embedder)
        reusable = reusable_vectors(previous)
        passages = knowledge.passages
        hashes = [passage_hash(p, embedder.name) for p in passages]
        changes = passage_changes(previous, passages, hashes)
        vectors, embedded = embed_reusing(
            [p.embedding_text() for p in passages],
            hashes,
            embedder.encode_documents,
            embedder.dimension,
            reusable,
        )
        # Encoded exactly as a user's question would be (language guess, spelling, gloss).
        questions = [
            read_question(q, None, knowledge.places, knowledge.glossary, knowledge.speller).encoded
            for q in knowledge.offtopic
        ]
        offtopic_hashes = [question_hash(q, embedder.name) for q in questions]
        offtopic, _ = embed_reusing(
            questions,
            offtopic_hashes,
            embedder.encode_queries,
            embedder.dimension,
            reusable,
        )
        # Keys are questions too: encoded as a person's question would be.
        key_texts = [
            read_question(
                k.text, None, knowledge.places, knowledge.glossary, knowledge.speller
            ).encoded
            for k in knowledge.keys
        ]
        key_hashes = [question_hash(t, embedder.name) for t in key_texts]
        keys, keys_embedded = embed_reusing(
            key_texts, key_hashes, embedder.encode_queries, embedder.dimension, reusable
        )
        write_index(
            index_dir,
            passages,
            vectors,
            model=embedder.name,
            dimension=embedder.dimension,
            knowledge_hash=knowledge.hash,
            hashes=hashes,
            offtopic=offtopic,
            offtopic_hashes=offtopic_hashes,
            keys=keys,
            key_entries=[
                {"passage": k.passage_id, "hash": h}
                for k, h in zip(knowledge.keys, key_hashes, strict=True)
            ],
        )
    stats = BuildStats(
        passages=len(knowledge.passages),
        embedded=embedded,
        reused=len(knowledge.passages) - embedded,
        seconds=time.perf_counter() - started,
        keys=len(knowledge.keys),
        keys_embedded=keys_embedded,
        changes=changes,
    )
    log.info(
        "index built: %d passages, %d embedded, %d reused; +%d ~%d -%d; %d keys, %d embedded",
        stats.passages,
        embedded,
        stats.reused,
        len(changes.added),
        len(changes.changed),
        len(changes.removed),
        len(knowledge.keys),
        keys_embedded,
    )
    return stats
