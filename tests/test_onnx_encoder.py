"""The ONNX encoder: the same vectors as the sentence-transformers model, or it is not used."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index import onnx_encoder
from index.embedding import PackagedModelEmbedder
from index.onnx_encoder import (
    ONNX_FILE,
    EncoderMismatchError,
    OnnxEmbedder,
    export_encoder,
    load_embedder,
)

TEXTS = [
    "do I have to let the police in",
    "¿La policía puede revisar mi celular?",
    "ok",
    "POLICE AT MY DOOR 😭😭 what do i do",
    " ".join(["what happens to my photos if police take my phone at a march"] * 30),
    "can cops use facial recognition on me",
]


@pytest.fixture(scope="module")
def exported(model: PackagedModelEmbedder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("encoder")
    export_encoder(folder, model)
    return folder


def test_vectors_match_the_reference_model(model: PackagedModelEmbedder, exported: Path) -> None:
    onnx = OnnxEmbedder(exported)
    assert onnx.name == model.name  # an index built by either serves the other
    got, want = onnx.encode_queries(TEXTS), model.encode_queries(TEXTS)
    assert got.shape == want.shape and float(np.abs(got - want).max()) < 1e-4
    # Length buckets reorder the work, never the answers.
    assert np.allclose(onnx.encode_queries(TEXTS[::-1]), got[::-1], atol=1e-6)


def test_damaged_export_is_refused(exported: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "encoder"
    damaged.mkdir()
    for name in (ONNX_FILE, onnx_encoder.META_FILE):
        (damaged / name).write_bytes((exported / name).read_bytes())
    (damaged / ONNX_FILE).write_bytes(b"not a model")
    with pytest.raises(EncoderMismatchError):
        OnnxEmbedder(damaged)


def test_export_for_another_model_is_refused(exported: Path, tmp_path: Path) -> None:
    stale = tmp_path / "encoder"
    stale.mkdir()
    (stale / ONNX_FILE).write_bytes((exported / ONNX_FILE).read_bytes())
    meta = (exported / onnx_encoder.META_FILE).read_text().replace("128 tokens", "256 tokens")
    (stale / onnx_encoder.META_FILE).write_text(meta)
    with pytest.raises(EncoderMismatchError, match="not sentence-transformers"):
        OnnxEmbedder(stale)


def test_missing_export_is_made_then_used(
    model: PackagedModelEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(onnx_encoder, "PackagedModelEmbedder", lambda threads: model)
    embedder = load_embedder(tmp_path / "encoder")
    assert isinstance(embedder, OnnxEmbedder)
    assert (tmp_path / "encoder" / ONNX_FILE).is_file()


def test_failed_export_leaves_the_reference_model_serving(
    model: PackagedModelEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(folder: Path, reference: PackagedModelEmbedder) -> None:
        raise RuntimeError("exporter crashed (simulated)")

    monkeypatch.setattr(onnx_encoder, "PackagedModelEmbedder", lambda threads: model)
    monkeypatch.setattr(onnx_encoder, "export_encoder", broken)
    assert load_embedder(tmp_path / "encoder") is model
