"""A small deterministic embedder for tests where the real model is beside the point."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from index.embedding import Vectors


class HashingEmbedder:
    """Bag of words hashed into 64 dimensions; counts what it embeds."""

    dimension = 64

    def __init__(
        self, name: str = "test-hashing-embedder", fail_on_documents: bool = False
    ) -> None:
        self.name = name
        self.fail_on_documents = fail_on_documents
        self.documents_embedded = 0
        self.queries_embedded = 0

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dimension, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            v[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v

    def encode_queries(self, texts: list[str]) -> Vectors:
        self.queries_embedded += len(texts)
        return np.stack([self._vector(t) for t in texts])

    def encode_documents(self, texts: list[str]) -> Vectors:
        if self.fail_on_documents:
            raise RuntimeError("embedding failed midway (simulated)")
        self.documents_embedded += len(texts)
        return np.stack([self._vector(t) for t in texts])
