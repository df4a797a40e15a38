"""The index on disk: versioned folders, a CURRENT pointer swapped atomically, a checked manifest.

Layout of the index folder:
    CURRENT              name of the live version folder (replaced with os.replace)
    v-<hash>/faiss.index normalised vectors in an exact IndexFlatIP (inner product = cosine)
    v-<hash>/passages.jsonl
    v-<hash>/offtopic.npy  vectors of the off-topic examples (knowledge/offtopic.yaml)
    v-<hash>/manifest.json
A build writes a new version folder and only then points CURRENT at it, so a failed build
leaves the previous index untouched, and a reader never sees half an index.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from index.embedding import Vectors
from index.errors import IndexMismatchError, IndexMissingError
from index.models import Passage

FORMAT_VERSION = 3  # 2: off-topic example vectors; 3: asked-as key vectors
DATA_FILES = ("faiss.index", "passages.jsonl", "offtopic.npy", "keys.npy")
KEEP_VERSIONS = 2


@dataclass(frozen=True)
class StoredIndex:
    """A loaded, checked index: passages and their vectors in the same order."""

    version: str
    manifest: dict[str, Any]
    passages: list[Passage]
    vectors: Vectors
    offtopic: Vectors  # one row per off-topic example
    keys: Vectors  # one row per asked-as key, encoded as a question
    key_passages: list[str]  # the passage id of each key row

    @property
    def knowledge_hash(self) -> str:
        return str(self.manifest["knowledge_hash"])


@dataclass(frozen=True)
class PassageChanges:
    """Passage ids added, changed (same id, other content) and removed since the last index."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildStats:
    passages: int
    embedded: int
    reused: int
    seconds: float
    keys: int = 0  # asked-as keys indexed
    keys_embedded: int = 0  # of which newly embedded (the rest reused by content hash)
    changes: PassageChanges = PassageChanges()


def passage_changes(
    previous: StoredIndex | None, passages: list[Passage], hashes: list[str]
) -> PassageChanges:
    """What a build changes, from the content hashes it already compares (no index: all new)."""
    before = {e["id"]: e["hash"] for e in previous.manifest["passages"]} if previous else {}
    after = {p.id: h for p, h in zip(passages, hashes, strict=True)}
    return PassageChanges(
        added=tuple(i for i in after if i not in before),
        changed=tuple(i for i in after if i in before and before[i] != after[i]),
        removed=tuple(i for i in before if i not in after),
    )


def passage_hash(passage: Passage, model_name: str) -> str:
    """Content hash: a passage is re-embedded only when what gets embedded changes."""
    data = f"{model_name}\x00{passage.embedding_text()}".encode()
    return hashlib.sha256(data).hexdigest()


def question_hash(question: str, model_name: str) -> str:
    """Content hash of a text encoded as a question (off-topic examples, asked-as keys)."""
    data = f"{model_name}\x00question\x00{question}".encode()
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index folder, across processes."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_version(
    folder: Path,
    passages: list[Passage],
    vectors: Vectors,
    offtopic: Vectors,
    keys: Vectors,
    manifest: dict[str, Any],
) -> None:
    import faiss

    index = faiss.IndexFlatIP(vectors.shape[1])
    if len(passages):
        index.add(vectors)
    faiss.write_index(index, str(folder / "faiss.index"))
    with open(folder / "passages.jsonl", "w", encoding="utf-8") as out:
        for p in passages:
            out.write(p.model_dump_json() + "\n")
    with open(folder / "offtopic.npy", "wb") as out:
        np.save(out, np.asarray(offtopic, dtype=np.float32), allow_pickle=False)
    with open(folder / "keys.npy", "wb") as out:
        np.save(out, np.asarray(keys, dtype=np.float32), allow_pickle=False)
    manifest["files"] = {name: _file_sha256(folder / name) for name in DATA_FILES}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _point_current(index_dir: Path, version: str) -> None:
    tmp = index_dir / f".CURRENT.{os.getpid()}"
    tmp.write_text(version, encoding="utf-8")
    os.replace(tmp, index_dir / "CURRENT")  # atomic on POSIX


def _prune(index_dir: Path, keep: str) -> None:
    versions = sorted(
        (p for p in index_dir.glob("v-*") if p.is_dir() and p.name != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in versions[KEEP_VERSIONS - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def write_index(
    index_dir: Path,
    passages: list[Passage],
    vectors: Vectors,
    *,
    model: str,
    dimension: int,
    knowledge_hash: str,
    hashes: list[str],
    offtopic: Vectors,
    offtopic_hashes: list[str],
    keys: Vectors,
    key_entries: list[dict[str, str]],
) -> str:
    """Write a new version folder and make it current; returns its name."""
    index_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "model": model,
        "dimension": dimension,
        "knowledge_hash": knowledge_hash,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "passages": [{"id": p.id, "hash": h} for p, h in zip(passages, hashes, strict=True)],
        "offtopic": offtopic_hashes,
        "keys": key_entries,  # [{"passage": id, "hash": content hash}] in keys.npy's order
    }
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=index_dir))
    try:
        _write_version(staging, passages, vectors, offtopic, keys, manifest)
        version = f"v-{knowledge_hash[:12]}-{_file_sha256(staging / 'faiss.index')[:8]}"
        final = index_dir / version
        if final.exists():
            shutil.rmtree(final)
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point_current(index_dir, version)
    _prune(index_dir, version)
    return version


def current_version(index_dir: Path) -> str | None:
    try:
        return (index_dir / "CURRENT").read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The live manifest, or None when there is no readable index."""
    version = current_version(index_dir)
    if version is None:
        return None
    try:
        data = json.loads((index_dir / version / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _check_manifest(manifest: dict[str, Any], model: str, dimension: int, where: Path) -> None:
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexMismatchError(
            f"index at {where} has format {manifest.get('format')}, this program reads "
            f"{FORMAT_VERSION}; rebuild it with: python -m index build"
        )
    if manifest.get("model") != model or manifest.get("dimension") != dimension:
        raise IndexMismatchError(
            f"index at {where} was built with {manifest.get('model')} "
            f"({manifest.get('dimension')} dims), not {model} ({dimension} dims); "
            "rebuild it with: python -m index build"
        )


def _check_files(manifest: dict[str, Any], folder: Path) -> None:
    """Every data file must be listed with a checksum and match it (no checksum, no load)."""
    files = manifest.get("files")
    if not isinstance(files, dict) or set(files) != set(DATA_FILES):
        raise IndexMismatchError(
            f"index at {folder} lists no checksums for its files; "
            "rebuild it with: python -m index build"
        )
    for name, digest in files.items():
        if not (folder / name).is_file() or _file_sha256(folder / name) != digest:
            raise IndexMismatchError(f"index file {folder / name} is damaged (checksum mismatch)")


def load_index(index_dir: Path, *, model: str, dimension: int) -> StoredIndex:
    """Load the live index, refusing one built for another model/format or failing its checksums."""
    import faiss

    version = current_version(index_dir)
    if version is None:
        raise IndexMissingError(f"no index in {index_dir}; build it with: python -m index build")
    folder = index_dir / version
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexMismatchError(f"index at {folder} has an unreadable manifest: {exc}") from None
    if not isinstance(manifest, dict):
        raise IndexMismatchError(f"index at {folder} has a manifest that is not a JSON object")
    _check_manifest(manifest, model, dimension, folder)
    _check_files(manifest, folder)
    index = faiss.read_index(str(folder / "faiss.index"))
    with open(folder / "passages.jsonl", encoding="utf-8") as lines:
        passages = [Passage.model_validate_json(line) for line in lines if line.strip()]
    if index.ntotal != len(passages) or len(passages) != len(manifest.get("passages", [])):
        raise IndexMismatchError(
            f"index at {folder} is inconsistent: vector and passage counts differ"
        )
    vectors = (
        index.reconstruct_n(0, index.ntotal)
        if index.ntotal
        else np.zeros((0, dimension), np.float32)
    )
    offtopic = np.load(folder / "offtopic.npy", allow_pickle=False)
    if offtopic.shape != (len(manifest.get("offtopic", [])), dimension):
        raise IndexMismatchError(f"index at {folder} is inconsistent: off-topic vectors differ")
    keys = np.load(folder / "keys.npy", allow_pickle=False)
    entries = manifest.get("keys", [])
    known = {p.id for p in passages}
    if keys.shape != (len(entries), dimension) or any(e["passage"] not in known for e in entries):
        raise IndexMismatchError(f"index at {folder} is inconsistent: key vectors differ")
    return StoredIndex(
        version,
        manifest,
        passages,
        np.asarray(vectors, dtype=np.float32),
        np.asarray(offtopic, dtype=np.float32),
        np.asarray(keys, dtype=np.float32),
        [e["passage"] for e in entries],
    )


def reusable_vectors(previous: StoredIndex | None) -> dict[str, np.ndarray]:
    """Every vector of the previous index by content hash (passages and off-topic examples)."""
    if previous is None:
        return {}
    reusable = {
        entry["hash"]: vector
        for entry, vector in zip(previous.manifest["passages"], previous.vectors, strict=True)
    }
    reusable.update(zip(previous.manifest["offtopic"], previous.offtopic, strict=True))
    keys = [e["hash"] for e in previous.manifest["keys"]]
    reusable.update(zip(keys, previous.keys, strict=True))
    return reusable


def embed_reusing(
    texts: list[str],
    hashes: list[str],
    encode: Callable[[list[str]], Vectors],
    dimension: int,
    reusable: dict[str, np.ndarray],
) -> tuple[Vectors, int]:
    """Vectors for `texts`, encoding only those whose hash has no reusable vector."""
    vectors = np.zeros((len(texts), dimension), dtype=np.float32)
    todo = [i for i, h in enumerate(hashes) if h not in reusable]
    for i, h in enumerate(hashes):
        if h in reusable:
            vectors[i] = reusable[h]
    if todo:
        vectors[todo] = encode([texts[i] for i in todo])
    return vectors, len(todo)
