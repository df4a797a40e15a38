"""Files in the Bot API emulator: getFile, downloads, sendDocument uploads, Telegram's limits.

Tests put real bytes in a ``FileStore`` (a photo's sizes, a document) and get back the JSON
Telegram attaches to a message.  ``getFile`` refuses files over the 20 MB a bot may download,
as Telegram does; an upload over 50 MB, an empty one, or a caption over 1024 characters once
parsed is refused with Telegram's own description.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from dataclasses import dataclass, field

from botapi_checks import JSON, Upload, bad_request, check_document, check_photo

DOWNLOAD_LIMIT = 20 * 1024 * 1024  # getFile: "file is too big" above this


@dataclass(frozen=True)
class StoredFile:
    """A file Telegram holds: its ids, path for downloads, and bytes."""

    file_id: str
    unique_id: str
    path: str
    data: bytes
    meta: JSON = field(default_factory=dict)  # what the bot sent it as: type, sizes, name


class FileStore:
    """Files by id and by download path, thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._numbers = itertools.count(1)

    def add(
        self, data: bytes, kind: str = "photos", extension: str = "jpg", meta: JSON | None = None
    ) -> StoredFile:
        """Store ``data``; a file id and download path are made up for it."""
        number = next(self._numbers)
        unique = hashlib.sha256(data).hexdigest()[:16]
        file_id = f"AgAD{number}{unique}"
        info = {
            **(meta or {}),
            "file_id": file_id,
            "file_unique_id": unique,
            "file_size": len(data),
        }
        stored = StoredFile(file_id, unique, f"{kind}/file_{number}.{extension}", data, info)
        with self._lock:
            self._by_id[stored.file_id] = stored
            self._by_path[stored.path] = stored
        return stored

    def photo_sizes(self, data: bytes, width: int, height: int) -> list[JSON]:
        """``message.photo``: a thumbnail and the full size (both these bytes)."""
        stored = self.add(data)
        return [
            _photo_size(stored, max(1, width // 10), max(1, height // 10), len(data) // 20),
            _photo_size(stored, width, height, len(data)),
        ]

    def document(self, data: bytes, file_name: str, mime_type: str) -> JSON:
        """``message.document`` for ``data``."""
        extension = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        stored = self.add(data, "documents", extension)
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(data),
        }

    def download(self, path: str) -> bytes | None:
        """The bytes served at ``/file/bot<token>/<path>``, or None (HTTP 404)."""
        with self._lock:
            stored = self._by_path.get(path)
        return stored.data if stored is not None else None

    def get_file(self, params: JSON) -> JSON:
        """getFile: the path to download from, or Telegram's refusal."""
        file_id = str(params.get("file_id") or "")
        with self._lock:
            stored = self._by_id.get(file_id)
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.data) > DOWNLOAD_LIMIT:
            raise bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.data),
            "file_path": stored.path,
        }

    def media(self, params: JSON, kind: str) -> tuple[JSON, bytes]:
        """sendPhoto's or sendDocument's file, checked as Telegram does: (media JSON, bytes).

        A string must be a file_id this server issued for the same kind of file (reuse, no
        upload); anything else must be a multipart upload within Telegram's limits.
        """
        value = params.get(kind)
        if isinstance(value, str):
            with self._lock:
                stored = self._by_id.get(value)
            if stored is None or stored.meta.get("type") != kind:
                raise bad_request("wrong file identifier/HTTP URL specified")
            return {**stored.meta, "uploaded": False}, stored.data
        if not isinstance(value, Upload):
            raise bad_request(f"there is no {kind} in the request")
        meta: JSON = {"type": kind, "file_name": value.filename, "mime_type": value.content_type}
        if kind == "photo":
            meta["width"], meta["height"] = check_photo(value)
        else:
            check_document(value)
        extension = value.filename.rsplit(".", 1)[-1] if "." in value.filename else "bin"
        stored = self.add(value.data, f"{kind}s", extension, meta)
        return {**stored.meta, "uploaded": True}, value.data


def _photo_size(stored: StoredFile, width: int, height: int, size: int) -> JSON:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.unique_id,
        "width": width,
        "height": height,
        "file_size": size,
    }
