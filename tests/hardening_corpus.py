"""Broken knowledge files and damaged index folders, for the hardening tests.

``BROKEN`` writes one malformed file per kind into a knowledge folder and says which
reason ``validate`` must give for it; ``DAMAGE`` spoils a built index folder in one way each.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from index.store import current_version

GOOD = """---
id: {id}
title: "Sample"
lang: {lang}
jurisdictions: [US]
topics: [{topic}]
summary: "A sample."
sources:
  - title: "Example"
    url: "https://www.aclu.org/know-your-rights"
    accessed: 2026-11-01
reviewed_by: kyr-editors
reviewed_on: 2026-11-01
status: vetted
---

## A heading

Some words here for the body of the section.
"""


def good(article_id: str, lang: str = "en", topic: str = "police-at-door") -> str:
    """A valid article's text (the id must match the file name)."""
    return GOOD.format(id=article_id, lang=lang, topic=topic)


def _write(knowledge: Path, name: str, data: str | bytes, lang: str = "en") -> Path:
    path = knowledge / "articles" / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def bad_yaml(k: Path) -> Path:
    return _write(k, "bad-yaml.md", good("bad-yaml").replace('"Sample"', "Sample: [oops"))


def wrong_types(k: Path) -> Path:
    text = good("wrong-types").replace("topics: [police-at-door]", "topics: 7")
    return _write(k, "wrong-types.md", text.replace("2026-11-01\nstatus", "soon\nstatus"))


def duplicate_id(k: Path) -> Path:
    _write(k, "dup-one.md", good("dup-one"))
    return _write(k, "dup-two.md", good("dup-one"))


def unknown_topic(k: Path) -> Path:
    return _write(k, "unknown-topic.md", good("unknown-topic", topic="no-such-topic"))


def empty_file(k: Path) -> Path:
    return _write(k, "empty.md", b"")


def binary_junk(k: Path) -> Path:
    return _write(k, "junk.md", bytes(range(256)) * 40)


def nul_bytes(k: Path) -> Path:
    return _write(k, "nul.md", good("nul").replace("Some words", "Some\x00words"))


def huge_file(k: Path) -> Path:
    body = ("All work and no play. " * 48 + "\n") * 10_000  # about 10 MB
    return _write(k, "huge.md", good("huge") + body)


def symlink_loop(k: Path) -> Path:
    path = k / "articles" / "en" / "loop.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(path.name, path)  # points at itself
    return path


def invalid_utf8(k: Path) -> Path:
    data = good("bad-utf8").encode().replace(b"Some words", b"Some \xff\xfe words")
    return _write(k, "bad-utf8.md", data)


# kind -> (writer, a reason validate must give for the file it returns)
BROKEN: dict[str, tuple[Callable[[Path], Path], str]] = {
    "bad YAML": (bad_yaml, "bad YAML in front matter"),
    "wrong types": (wrong_types, "field 'topics'"),
    "duplicate id": (duplicate_id, "duplicate id"),
    "unknown topic": (unknown_topic, "unknown topic 'no-such-topic'"),
    "empty file": (empty_file, "must start with a '---' front matter block"),
    "binary junk": (binary_junk, "not valid UTF-8 text"),
    "NUL bytes": (nul_bytes, "binary data"),
    "10 MB file": (huge_file, "file is larger than"),
    "symlink loop": (symlink_loop, "cannot read file"),
    "invalid UTF-8": (invalid_utf8, "not valid UTF-8 text"),
}


def live_folder(index_dir: Path) -> Path:
    """The version folder CURRENT points at."""
    version = current_version(index_dir)
    assert version is not None, f"no CURRENT in {index_dir}"
    return index_dir / version


def truncate_vectors(index_dir: Path) -> None:
    path = live_folder(index_dir) / "faiss.index"
    path.write_bytes(path.read_bytes()[:100])


def flip_passage_byte(index_dir: Path) -> None:
    path = live_folder(index_dir) / "passages.jsonl"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def drop_passages(index_dir: Path) -> None:
    (live_folder(index_dir) / "passages.jsonl").unlink()


def garbage_manifest(index_dir: Path) -> None:
    (live_folder(index_dir) / "manifest.json").write_text('{"format": 1, "mod', encoding="utf-8")


def list_manifest(index_dir: Path) -> None:
    (live_folder(index_dir) / "manifest.json").write_text("[1, 2, 3]", encoding="utf-8")


def unchecked_truncation(index_dir: Path) -> None:
    """Truncate the vectors *and* drop the checksums from the manifest."""
    folder = live_folder(index_dir)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    truncate_vectors(index_dir)


def dangling_current(index_dir: Path) -> None:
    (index_dir / "CURRENT").write_text("v-does-not-exist", encoding="utf-8")


def wrong_dimension(index_dir: Path) -> None:
    folder = live_folder(index_dir)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["dimension"] = 3
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated vectors": truncate_vectors,
    "flipped byte in passages": flip_passage_byte,
    "passages file missing": drop_passages,
    "garbage manifest": garbage_manifest,
    "manifest is not an object": list_manifest,
    "truncated vectors, checksums removed": unchecked_truncation,
    "CURRENT points nowhere": dangling_current,
    "manifest for another dimension": wrong_dimension,
}


def tree_snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> content), to compare before and after."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }
