"""Reading knowledge files, so a load hashes exactly the bytes it validated.

Every loader reads through `read_text`; inside `recording()`, each file's raw bytes are kept,
and `index.knowledge.knowledge_hash` hashes those instead of reading the files again. One read
per file per load, and no window in which a moderator's edit lands between validating a file
and hashing it (the hash would then name content that was never validated).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

# What a read gave: the bytes, or the error (a missing or unreadable file changes the hash too).
Read = bytes | OSError

_recorded: ContextVar[dict[Path, Read] | None] = ContextVar("recorded", default=None)


@contextmanager
def recording() -> Iterator[dict[Path, Read]]:
    """Keep what every file read in this context gave (this thread or task only)."""
    files: dict[Path, Read] = {}
    token = _recorded.set(files)
    try:
        yield files
    finally:
        _recorded.reset(token)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, kept when recording; raises OSError as ``Path.read_bytes`` does."""
    files = _recorded.get()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        if files is not None:
            files[path] = exc
        raise
    if files is not None:
        files[path] = raw
    return raw


def read_text(path: Path) -> str:
    """The file as UTF-8 text; raises OSError or UnicodeDecodeError as ``Path.read_text``."""
    return read_bytes(path).decode("utf-8")
