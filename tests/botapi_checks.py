"""Telegram's checks on method parameters, shared by the emulator core and its tests.

Form bodies carry every value as a string (python-telegram-bot JSON-encodes non-strings);
``decode_params`` turns them back into what Telegram would read.  The other functions raise
``ApiError`` with Telegram's own descriptions.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from typing import Any

from PIL import Image
from telegram_html import MESSAGE_LIMIT, EntityParseError, ParsedText, parse_html, utf16_len

JSON = dict[str, Any]

# Parameters that arrive JSON-encoded in form bodies (python-telegram-bot sends every
# non-string value as a JSON string) and need decoding before use.
_JSON_PARAMS = {
    "reply_markup",
    "entities",
    "caption_entities",
    "link_preview_options",
    "reply_parameters",
    "results",
    "commands",
    "scope",
    "allowed_updates",
    "button",
    "media",
    "message_ids",
}
_INT_PARAMS = {
    "offset",
    "limit",
    "timeout",
    "message_id",
    "cache_time",
    "user_id",
    "message_thread_id",
    "from_chat_id",
    "reply_to_message_id",
}
_BOOL_PARAMS = {
    "disable_notification",
    "protect_content",
    "drop_pending_updates",
    "is_personal",
    "show_alert",
    "disable_web_page_preview",
    "allow_sending_without_reply",
}
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
PHOTO_LIMIT = 10 * 1024 * 1024  # bytes, an uploaded photo
DOCUMENT_LIMIT = 50 * 1024 * 1024  # bytes, an uploaded document
CAPTION_LIMIT = 1024  # characters (UTF-16 units) after entity parsing


@dataclass(frozen=True)
class Upload:
    """A file sent as a multipart part (what Telegram receives for a new upload)."""

    filename: str
    content_type: str
    data: bytes


def check_photo(upload: Upload) -> tuple[int, int]:
    """sendPhoto's rules for an upload: at most 10 MB, width + height at most 10000, ratio at
    most 20; returns (width, height)."""
    if len(upload.data) > PHOTO_LIMIT:
        raise bad_request("PHOTO_SAVE_FILE_INVALID")  # Telegram's answer to a photo over 10 MB
    try:
        with Image.open(io.BytesIO(upload.data)) as image:
            width, height = image.size
    except (OSError, ValueError) as error:
        raise bad_request("IMAGE_PROCESS_FAILED") from error
    if width + height > 10000 or max(width, height) > 20 * min(width, height):
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    return width, height


def check_document(upload: Upload) -> None:
    """sendDocument's rule for an upload: at most 50 MB, not empty."""
    if not upload.data:
        raise bad_request("file must be non-empty")
    if len(upload.data) > DOCUMENT_LIMIT:
        raise ApiError(413, "Request Entity Too Large")


def check_caption(params: JSON) -> ParsedText | None:
    caption = params.get("caption")
    if caption is None:
        return None
    parsed = check_text(str(caption), params.get("parse_mode")) if str(caption) else None
    if parsed is not None and utf16_len(parsed.text) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    return parsed


class ApiError(Exception):
    """A Bot API error response: ``{"ok": false, "error_code": ..., "description": ...}``."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def decode_params(raw: dict[str, Any]) -> JSON:
    """Turn form values (all strings) into the types Telegram would read them as."""
    params: JSON = {}
    for name, value in raw.items():
        if isinstance(value, str) and name in _JSON_PARAMS:
            try:
                value = json.loads(value)
            except json.JSONDecodeError as error:
                raise bad_request(f"can't parse {name} JSON object") from error
        elif isinstance(value, str) and name in _INT_PARAMS:
            value = _to_int(name, value)
        elif isinstance(value, str) and name in _BOOL_PARAMS:
            value = value.lower() in ("true", "1")
        elif name == "chat_id" and isinstance(value, str) and value.lstrip("-").isdigit():
            value = int(value)
        params[name] = value
    return params


def _to_int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError as error:
        raise bad_request(f"invalid {name} specified") from error


def parse_message_text(params: JSON) -> ParsedText:
    text = params.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request("message text is empty")
    return check_text(text, params.get("parse_mode"))


def check_text(text: str, parse_mode: str | None) -> ParsedText:
    """Parse ``text`` in ``parse_mode`` and apply Telegram's emptiness and length checks."""
    if parse_mode is not None and parse_mode.lower() == "html":
        try:
            parsed = parse_html(text)
        except EntityParseError as error:
            raise bad_request(f"can't parse entities: {error}") from error
    elif parse_mode:
        raise bad_request(f"unsupported parse_mode {parse_mode!r} in this emulator")
    else:
        parsed = ParsedText(text, [])
    if not parsed.text.strip():
        raise bad_request("message text is empty")
    if utf16_len(parsed.text) > MESSAGE_LIMIT:
        raise bad_request("message is too long")
    return parsed


def check_inline_results(results: list[JSON]) -> None:
    if len(results) > 50:
        raise bad_request("RESULTS_TOO_MUCH")
    ids = [str(r.get("id", "")) for r in results]
    if len(set(ids)) != len(ids):
        raise bad_request("RESULT_ID_DUPLICATE")
    for result in results:
        if not 1 <= len(str(result.get("id", "")).encode()) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result.get("type") == "article":
            if not result.get("title"):
                raise bad_request("RESULT_TITLE_EMPTY")
            content = result.get("input_message_content") or {}
            if not content.get("message_text", "").strip():
                raise bad_request("MESSAGE_EMPTY")
            check_text(content["message_text"], content.get("parse_mode"))


def check_commands(commands: Any) -> list[JSON]:
    """setMyCommands' rules: at most 100, names ``[a-z0-9_]{1,32}``, descriptions 1-256."""
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an array of at most 100 BotCommand")
    for command in commands:
        if not _COMMAND_NAME.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return commands
