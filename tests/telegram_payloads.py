"""Bot API ``Update`` payloads as Telegram sends them, for the emulator and the fast tests.

Every builder returns a plain JSON-ready dict (dates in seconds, ``from`` keys, entities with
UTF-16 offsets), so the same payload can be fed to ``Update.de_json`` or served by
``getUpdates``.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram_html import utf16_len

JSON = dict[str, Any]


@dataclass(frozen=True)
class Person:
    """A Telegram user as the bot sees them."""

    id: int
    first_name: str = "Alex"
    language_code: str | None = "en"
    username: str | None = None

    def to_json(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data

    def private_chat(self) -> JSON:
        return {"id": self.id, "type": "private", "first_name": self.first_name}


def group_chat(chat_id: int = -100123, title: str = "Protest legal support") -> JSON:
    """A supergroup chat object (negative id, as Telegram uses)."""
    return {"id": chat_id, "type": "supergroup", "title": title}


def command_entities(text: str) -> list[JSON]:
    """The ``bot_command`` and ``mention`` entities Telegram attaches to ``text``."""
    entities: list[JSON] = []
    offset = 0
    for word in text.split(" "):
        if word.startswith("/") and offset == 0 and len(word) > 1:
            entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(word)})
        elif word.startswith("@") and len(word) > 1:
            entities.append({"type": "mention", "offset": offset, "length": utf16_len(word)})
        offset += utf16_len(word) + 1
    return entities


class PayloadFactory:
    """Builds updates with increasing ``update_id`` and per-chat ``message_id``."""

    def __init__(
        self, first_update_id: int = 1000, message_ids: Callable[[int], int] | None = None
    ) -> None:
        self._update_ids = itertools.count(first_update_id)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._query_ids = itertools.count(5000)
        self._shared_ids = message_ids

    def next_message_id(self, chat_id: int) -> int:
        """The next message id in ``chat_id`` (Telegram numbers messages per chat).

        With ``message_ids`` (e.g. ``BotApiCore.take_message_id``) the numbering is shared
        with the bot's own messages, as in Telegram, so no two messages of a chat share an id.
        """
        if self._shared_ids is not None:
            return self._shared_ids(chat_id)
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def message(self, person: Person, chat: JSON | None = None, **content: Any) -> JSON:
        """A ``message`` update from ``person`` in ``chat`` (their private chat by default)."""
        chat = chat or person.private_chat()
        message: JSON = {
            "message_id": self.next_message_id(chat["id"]),
            "from": person.to_json(),
            "chat": chat,
            "date": int(time.time()),
            **content,
        }
        return {"update_id": next(self._update_ids), "message": message}

    def text(self, person: Person, text: str, chat: JSON | None = None) -> JSON:
        """A text message; commands and mentions get their entities."""
        entities = command_entities(text)
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        return self.message(person, chat, **content)

    def photo(self, person: Person, chat: JSON | None = None) -> JSON:
        sizes = [
            {
                "file_id": f"AgAC{w}",
                "file_unique_id": f"u{w}",
                "width": w,
                "height": w,
                "file_size": w * 40,
            }
            for w in (90, 320, 800)
        ]
        return self.message(person, chat, photo=sizes)

    def sticker(self, person: Person, chat: JSON | None = None) -> JSON:
        sticker = {
            "file_id": "CAAC1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return self.message(person, chat, sticker=sticker)

    def voice(self, person: Person, chat: JSON | None = None) -> JSON:
        voice = {
            "file_id": "AwAC1",
            "file_unique_id": "v1",
            "duration": 3,
            "mime_type": "audio/ogg",
        }
        return self.message(person, chat, voice=voice)

    def document(self, person: Person, chat: JSON | None = None) -> JSON:
        document = {
            "file_id": "BQAC1",
            "file_unique_id": "d1",
            "file_name": "notes.pdf",
            "mime_type": "application/pdf",
        }
        return self.message(person, chat, document=document)

    def location(self, person: Person, chat: JSON | None = None) -> JSON:
        return self.message(person, chat, location={"latitude": 40.71, "longitude": -74.0})

    def inline_query(self, person: Person, query: str, offset: str = "") -> JSON:
        """An ``inline_query`` update (``@bot query`` typed in any chat)."""
        inline = {
            "id": str(next(self._query_ids)),
            "from": person.to_json(),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        return {"update_id": next(self._update_ids), "inline_query": inline}

    def callback_query(self, person: Person, message: JSON, data: str) -> JSON:
        """A ``callback_query`` update for a button under ``message`` (a Message dict)."""
        callback = {
            "id": str(next(self._query_ids)),
            "from": person.to_json(),
            "message": message,
            "chat_instance": "ci-1",
            "data": data,
        }
        return {"update_id": next(self._update_ids), "callback_query": callback}

    def edited_text(self, person: Person, message_id: int, text: str) -> JSON:
        """An ``edited_message`` update changing an earlier private message."""
        message: JSON = {
            "message_id": message_id,
            "from": person.to_json(),
            "chat": person.private_chat(),
            "date": int(time.time()) - 5,
            "edit_date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):  # Telegram marks a command, edited or not
            length = len(text.split()[0].encode("utf-16-le")) // 2
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"update_id": next(self._update_ids), "edited_message": message}
