"""Micro-batching: concurrent callers share encoder calls and each gets its own vector."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from index.batching import EncodingBatcher
from index.embedding import Vectors
from tests.fakes import HashingEmbedder


class SlowCountingEncoder:
    """Records every batch it is given; slow enough that callers pile up."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder()
        self.batches: list[int] = []
        self.gate = threading.Event()

    def __call__(self, texts: list[str]) -> Vectors:
        self.gate.wait(timeout=5)
        self.batches.append(len(texts))
        return self.inner.encode_queries(texts)


def test_concurrent_callers_get_their_own_vectors_in_fewer_calls() -> None:
    encoder = SlowCountingEncoder()
    batcher = EncodingBatcher(encoder, window_s=0.05)
    texts = [f"question number {i} about police" for i in range(16)]
    results: dict[str, Vectors] = {}

    def ask(text: str) -> None:
        results[text] = batcher.encode(text)

    threads = [threading.Thread(target=ask, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    encoder.gate.set()
    for t in threads:
        t.join(timeout=10)
    expected = encoder.inner.encode_queries(texts)
    for i, text in enumerate(texts):
        assert np.allclose(results[text], expected[i])
    assert sum(encoder.batches) == 16
    assert len(encoder.batches) < 16


def test_repeated_question_is_a_cache_hit_and_text_is_not_kept() -> None:
    encoder = SlowCountingEncoder()
    encoder.gate.set()
    batcher = EncodingBatcher(encoder)
    first = batcher.encode("can police search my phone")
    again = batcher.encode("can police search my phone")
    assert np.allclose(first, again)
    assert batcher.stats.cache_hits == 1 and sum(encoder.batches) == 1
    assert all(isinstance(key, bytes) for key in batcher._cache)
    assert b"police" not in b"".join(batcher._cache)


def test_encoder_errors_reach_every_waiting_caller() -> None:
    def broken(texts: list[str]) -> Vectors:
        raise RuntimeError("encoder down")

    batcher = EncodingBatcher(broken)
    with pytest.raises(RuntimeError, match="encoder down"):
        batcher.encode("hello")


def test_encode_many_keeps_input_order() -> None:
    embedder = HashingEmbedder()
    batcher = EncodingBatcher(embedder.encode_queries)
    texts = ["a much longer question about warrants and doors", "short", "medium one here"]
    assert np.allclose(batcher.encode_many(texts), embedder.encode_queries(texts))


def test_parallel_workers_encode_side_by_side() -> None:
    """With two workers (ONNX Runtime), a second call starts while the first is running."""
    inner = HashingEmbedder()
    started = threading.Event()
    overlap = threading.Barrier(2, timeout=5)

    def encode(texts: list[str]) -> Vectors:
        started.set()
        overlap.wait()  # raises BrokenBarrierError unless a second call is in progress
        return inner.encode_queries(texts)

    batcher = EncodingBatcher(encode, window_s=0.0, workers=2)
    results: list[Vectors] = []

    def ask(text: str) -> None:
        results.append(batcher.encode(text))

    first = threading.Thread(target=ask, args=("first question",))
    first.start()
    assert started.wait(timeout=5)  # the first call is inside the encoder now
    second = threading.Thread(target=ask, args=("second question",))
    second.start()
    for t in (first, second):
        t.join(timeout=10)
    assert len(results) == 2 and batcher.stats.batches == 2


def test_a_lone_call_runs_on_every_core_and_a_concurrent_one_on_its_own() -> None:
    """ONNX Runtime: alone, a question is encoded by the all-core session (about twice as
    fast); a call that starts while another runs takes its own core."""
    inner = HashingEmbedder()
    calls: list[str] = []
    first_inside = threading.Event()
    release = threading.Event()

    def narrow(texts: list[str]) -> Vectors:
        calls.append("narrow")
        return inner.encode_queries(texts)

    def alone(texts: list[str]) -> Vectors:
        calls.append("alone")
        first_inside.set()
        release.wait(timeout=5)
        return inner.encode_queries(texts)

    batcher = EncodingBatcher(narrow, window_s=0.0, workers=2, encode_alone=alone)
    first = threading.Thread(target=batcher.encode, args=("first question",))
    first.start()
    assert first_inside.wait(timeout=5)
    second = batcher.encode("second question")  # the first is still being encoded
    release.set()
    first.join(timeout=10)
    assert calls == ["alone", "narrow"]
    assert np.allclose(second, inner.encode_queries(["second question"])[0])
    assert np.allclose(batcher.encode_many(["a", "bb"]), inner.encode_queries(["a", "bb"]))
    assert calls[-1] == "alone"  # nothing else in flight any more
