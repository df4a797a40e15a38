"""The packaged model served through ONNX Runtime: the same weights, a fraction of the overhead.

sentence-transformers loads all-MiniLM-L6-v2 from its package and stays the reference: once,
the transformer with its mean pooling and normalisation is exported from it to ONNX, together
with the vectors torch gives for a few probe sentences. Every later process loads only ONNX
Runtime and the tokenizer (no torch), checks the probes against torch's vectors, and encodes
about three times faster for a single question (measured by `make bench`) in a
third of the memory. If anything about the export is missing, stale or off, the
sentence-transformers model serves instead (see `load_embedder`).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from index.embedding import (
    MAX_TOKENS,
    Embedder,
    PackagedModelEmbedder,
    Vectors,
    model_name,
    model_path,
)

log = logging.getLogger(__name__)

ONNX_FILE = "encoder.onnx"
META_FILE = "encoder.json"
TOLERANCE = 1e-4  # largest difference allowed between ONNX and torch on a probe coordinate
# Short, Spanish, and long enough to be cut at MAX_TOKENS: the cases that could drift.
PROBES = (
    "do I have to let the police in",
    "¿La policía puede revisar mi celular sin una orden?",
    " ".join(["Can police use face recognition on photos from a protest?"] * 20),
)
# Encode together only texts whose lengths differ by at most this many word pieces, and at
# most MAX_BATCH at once: in ONNX Runtime padding and huge batches cost more than more calls.
BUCKET_SPREAD = 8
MAX_BATCH = 16


class EncoderMismatchError(RuntimeError):
    """The exported encoder is missing, stale, or disagrees with the reference model."""


def export_encoder(folder: Path, reference: PackagedModelEmbedder) -> None:
    """Write `encoder.onnx` and `encoder.json` (probe vectors from torch) into `folder`."""
    import torch

    class Pooled(torch.nn.Module):
        """Transformer, mean pooling over real tokens, L2 normalisation: one graph."""

        def __init__(self, transformer: Any) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, ids: Any, mask: Any) -> Any:
            hidden = self.transformer(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1)

    graph = Pooled(reference.transformer()).eval()
    sample = torch.ones((2, 8), dtype=torch.int64)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=folder))
    try:
        with warnings.catch_warnings():
            # The tracer warns about graph details the probe check below covers.
            warnings.simplefilter("ignore")
            torch.onnx.export(
                graph,
                (sample, sample),
                str(staging / ONNX_FILE),
                input_names=["ids", "mask"],
                output_names=["vectors"],
                dynamic_axes={
                    "ids": {0: "n", 1: "len"},
                    "mask": {0: "n", 1: "len"},
                    "vectors": {0: "n"},
                },
                opset_version=17,
                dynamo=False,
            )
        meta = {
            "model": reference.name,
            "probes": list(PROBES),
            "vectors": reference.encode_queries(list(PROBES)).tolist(),
        }
        (staging / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        # The model file first: a reader that finds the new meta also finds the new model.
        os.replace(staging / ONNX_FILE, folder / ONNX_FILE)
        os.replace(staging / META_FILE, folder / META_FILE)
    finally:
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()


class OnnxEmbedder:
    """The exported model in ONNX Runtime; vectors match the reference model's (checked)."""

    dimension = 384

    def __init__(self, folder: Path, threads: int = 2) -> None:
        # No telemetry, ever: honoured by newer ONNX Runtime releases (the pinned ones send none).
        os.environ["ORT_TELEMETRY_DISABLED"] = "1"
        # Under load, questions run on one core each, two calls side by side: single-threaded
        # runs waste nothing on synchronisation (285 vs 240 questions/s with 8 askers on 2
        # cores). A question encoded alone, and passages (builds), run on every core, in a
        # second session made on first use (`encode_alone`).
        self.parallel_calls = threads
        self._wide: Any = None
        self._wide_lock = threading.Lock()
        import onnxruntime
        from tokenizers import Tokenizer

        onnxruntime.disable_telemetry_events()

        self.name = model_name()
        try:
            meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EncoderMismatchError(f"no usable {META_FILE} in {folder}: {exc}") from None
        if meta.get("model") != self.name:
            raise EncoderMismatchError(f"{folder} holds {meta.get('model')}, not {self.name}")
        self._file = folder / ONNX_FILE
        self._narrow = self._session(1)
        self._tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        expected = np.asarray(meta["vectors"], dtype=np.float32)
        # Both sessions, so the first lone question does not pay for making the second one.
        for got in (self.encode_queries(meta["probes"]), self.encode_alone(meta["probes"])):
            if got.shape != expected.shape or float(np.abs(got - expected).max()) > TOLERANCE:
                raise EncoderMismatchError(f"{self._file} disagrees with the reference model")

    def _session(self, cores: int) -> Any:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = cores
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # warnings about unused initialisers are noise here
        try:
            return onnxruntime.InferenceSession(
                str(self._file), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # a damaged file is one more reason to export again
            raise EncoderMismatchError(f"cannot load {self._file}: {exc}") from None

    def _run(self, session: Any, pieces: list[list[int]]) -> Vectors:
        width = max(len(p) for p in pieces)
        ids = np.zeros((len(pieces), width), dtype=np.int64)
        mask = np.zeros((len(pieces), width), dtype=np.int64)
        for row, p in enumerate(pieces):
            ids[row, : len(p)] = p
            mask[row, : len(p)] = 1
        (vectors,) = session.run(None, {"ids": ids, "mask": mask})
        return np.asarray(vectors, dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> Vectors:
        return self._encode(self._narrow, texts)

    def encode_documents(self, texts: list[str]) -> Vectors:
        return self.encode_alone(texts)

    def encode_alone(self, texts: list[str]) -> Vectors:
        """One call on every core: for builds, and for a question when no other is being
        encoded (index.batching); 3.0 against 5.5 ms for a single question on 2 cores."""
        with self._wide_lock:
            if self._wide is None:
                self._wide = self._session(self.parallel_calls)
        return self._encode(self._wide, texts)

    def _encode(self, session: Any, texts: list[str]) -> Vectors:
        """Vectors in input order; texts of similar length share one call (little padding)."""
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        pieces = [e.ids for e in self._tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: len(pieces[i]))
        bucket: list[int] = []
        for i in order:
            spread = len(pieces[i]) - len(pieces[bucket[0]]) if bucket else 0
            if spread > BUCKET_SPREAD or len(bucket) == MAX_BATCH:
                out[bucket] = self._run(session, [pieces[j] for j in bucket])
                bucket = []
            bucket.append(i)
        if bucket:
            out[bucket] = self._run(session, [pieces[j] for j in bucket])
        return out


def load_embedder(folder: Path, threads: int = 2) -> Embedder:
    """The ONNX encoder from `folder`, exporting it first if needed; else sentence-transformers.

    Both give the same vectors (checked), so an index built by either serves the other.
    """
    try:
        return OnnxEmbedder(folder, threads)
    except (EncoderMismatchError, ImportError) as exc:
        log.info("exporting the encoder to ONNX (%s)", exc)
    reference = PackagedModelEmbedder(threads)
    try:
        export_encoder(folder, reference)
        return OnnxEmbedder(folder, threads)
    except Exception as exc:  # any failure here leaves the reference model serving
        log.warning("ONNX encoder unavailable, serving with sentence-transformers: %s", exc)
        return reference
