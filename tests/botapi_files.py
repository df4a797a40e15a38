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
from dataclasses import dataclass

from botapi_checks import JSON, ApiError, bad_request, check_text
from telegram_html import ParsedText, utf16_len

DOWNLOAD_LIMIT = 20 * 1024 * 1024  # getFile: "file is too big" above this
UPLOAD_LIMIT = 50 * 1024 * 1024  # sendDocument by multipart upload
CAPTION_LIMIT = 1024


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request, as the server received it."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class StoredFile:
    """A file Telegram holds: its ids, path for downloads, and bytes."""

    file_id: str
    unique_id: str
    path: str
    data: bytes


class FileStore:
    """Files by id and by download path, thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._numbers = itertools.count(1)

    def add(self, data: bytes, kind: str = "photos", extension: str = "jpg") -> StoredFile:
        """Store ``data``; a file id and download path are made up for it."""
        number = next(self._numbers)
        unique = hashlib.sha256(data).hexdigest()[:16]
        stored = StoredFile(
            f"AgAD{number}{unique}", unique, f"{kind}/file_{number}.{extension}", data
        )
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

    def upload(self, params: JSON) -> tuple[JSON, bytes, ParsedText]:
        """sendDocument's document and caption, checked; (document JSON, bytes, caption)."""
        document = params.get("document")
        if isinstance(document, str):
            with self._lock:
                stored = self._by_id.get(document)
            if stored is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            upload = Upload(stored.path.rsplit("/", 1)[-1], "application/octet-stream", stored.data)
        elif isinstance(document, Upload):
            upload = document
        else:
            raise bad_request("there is no document in the request")
        if not upload.data:
            raise bad_request("file must be non-empty")
        if len(upload.data) > UPLOAD_LIMIT:
            raise ApiError(413, "Request Entity Too Large")
        caption = _caption(params)
        stored = self.add(upload.data, "documents", upload.filename.rsplit(".", 1)[-1])
        sent = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_name": upload.filename,
            "mime_type": upload.content_type,
            "file_size": len(upload.data),
        }
        return sent, upload.data, caption


def _caption(params: JSON) -> ParsedText:
    caption = params.get("caption")
    if not caption:
        return ParsedText("", [])
    parsed = check_text(str(caption), params.get("parse_mode"))
    if utf16_len(parsed.text) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    return parsed


def _photo_size(stored: StoredFile, width: int, height: int, size: int) -> JSON:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.unique_id,
        "width": width,
        "height": height,
        "file_size": size,
    }
