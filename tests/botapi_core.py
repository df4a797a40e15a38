"""The state and methods of the Bot API emulator, independent of HTTP.

``BotApiCore.call(method, params)`` behaves like ``https://api.telegram.org/bot<token>/<method>``:
it returns the ``result`` or raises ``ApiError`` with Telegram's status code and description.
The HTTP server (``botapi_emulator``) and the fast tests' recording request both use it, so
the same checks (HTML entities, 4096 UTF-16 units, unknown chats) apply at both depths.
All methods are thread-safe; test-side waits use one ``threading.Condition``.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from botapi_checks import (
    JSON,
    ApiError,
    bad_request,
    check_caption,
    check_commands,
    check_inline_results,
    parse_message_text,
)
from botapi_files import FileStore
from telegram_html import utf16_len

DELETE_WINDOW = 48 * 3600  # a bot may delete a private chat's incoming messages this long

_DEFAULT_UPDATES = {
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_join_request",
    "business_message",
}


@dataclass
class SentMessage:
    """A message the bot sent (or later edited), as the emulator stored it."""

    chat_id: int
    message_id: int
    text: str  # after entity parsing: what the user sees
    raw_text: str  # what the bot sent
    parse_mode: str | None
    entities: list[JSON]
    reply_to_message_id: int | None
    reply_markup: JSON | None
    link_preview_options: JSON | None
    date: int
    edited: bool = False
    deleted: bool = False
    media: JSON | None = None  # photo or document: {"type", "file_id", "uploaded", ...}
    data: bytes | None = None  # the bytes sent (uploaded, or behind a reused file_id)

    @property
    def document(self) -> JSON | None:
        """``message.document`` when this message carries one."""
        if self.media is None or self.media["type"] != "document":
            return None
        keys = ("file_id", "file_unique_id", "file_name", "mime_type", "file_size")
        return {k: self.media[k] for k in keys if k in self.media}

    def links(self) -> list[str]:
        """URLs of the message's ``text_link`` entities."""
        return [e["url"] for e in self.entities if e["type"] == "text_link"]


@dataclass
class InlineAnswer:
    """One ``answerInlineQuery`` call."""

    inline_query_id: str
    results: list[JSON]
    cache_time: int
    is_personal: bool
    next_offset: str | None
    button: JSON | None


@dataclass
class ApiCall:
    """A record of one method call, kept for assertions (e.g. setMyCommands)."""

    method: str
    params: JSON
    error: str | None = None
    at: float = field(default_factory=time.monotonic)


class BotApiCore:
    """Holds chats, queued updates and the bot's outbox; implements Bot API methods."""

    def __init__(self, bot_id: int = 7000001, username: str = "kyr_test_bot") -> None:
        self.bot_user: JSON = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Know Your Rights",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.cond = threading.Condition()
        self.updates: list[JSON] = []
        self.chats: dict[int, JSON] = {}
        self.messages: dict[tuple[int, int], JSON] = {}  # user messages, by (chat, id)
        self.outbox: list[SentMessage] = []
        self.inline_answers: list[InlineAnswer] = []
        self.callback_answers: list[JSON] = []
        self.deleted: set[tuple[int, int]] = set()  # (chat id, message id), user's or bot's
        self.calls: list[ApiCall] = []
        self.files = FileStore()
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.allowed_updates: set[str] = set(_DEFAULT_UPDATES)
        self.closed = False
        self._poll_generation = 0
        self._next_message_id: dict[int, int] = {}
        self._queries: set[str] = set()
        self._methods: dict[str, Callable[[JSON], Any]] = {
            "getMe": lambda _: self.bot_user,
            "logOut": lambda _: True,
            "close": lambda _: True,
            "getUpdates": self.get_updates,
            "deleteWebhook": self.delete_webhook,
            "setWebhook": self.set_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "sendMessage": self.send_message,
            "sendPhoto": self.send_photo,
            "sendDocument": self.send_document,
            "getFile": self.files.get_file,
            "editMessageText": self.edit_message_text,
            "deleteMessage": self.delete_message,
            "deleteMessages": self.delete_messages,
            "sendChatAction": self.send_chat_action,
            "answerCallbackQuery": self.answer_callback_query,
            "answerInlineQuery": self.answer_inline_query,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "setMyDescription": lambda _: True,
            "setMyShortDescription": lambda _: True,
        }

    # --- the Bot API -------------------------------------------------------------------

    def call(self, method: str, params: JSON) -> Any:
        """Run ``method`` like Telegram: return its result or raise ``ApiError``."""
        handler = self._methods.get(method) or self._methods.get(_canonical(method, self._methods))
        if handler is None:
            raise ApiError(404, "Not Found")
        record = ApiCall(method, params)
        try:
            return handler(params)
        except ApiError as error:
            record.error = error.description
            raise
        finally:
            with self.cond:
                self.calls.append(record)
                self.cond.notify_all()

    def get_updates(self, params: JSON) -> list[JSON]:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        timeout = max(0, min(int(params.get("timeout", 0)), 50))
        limit = max(1, min(int(params.get("limit", 100)), 100))
        deadline = time.monotonic() + timeout
        with self.cond:
            if isinstance(params.get("allowed_updates"), list):
                self.allowed_updates = set(params["allowed_updates"]) or set(_DEFAULT_UPDATES)
            self._poll_generation += 1
            generation = self._poll_generation
            self.cond.notify_all()
            while True:
                self._confirm(params.get("offset"))
                ready = [u for u in self.updates if self._allowed(u)][:limit]
                if ready or self.closed:
                    return ready
                if generation != self._poll_generation:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; make "
                        "sure that only one bot instance is running",
                    )
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                self.cond.wait(remaining)

    def _confirm(self, offset: int | None) -> None:
        """Forget updates below ``offset``, as Telegram does once they are confirmed."""
        if offset is None:
            return
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def _allowed(self, update: JSON) -> bool:
        return any(kind in self.allowed_updates for kind in update if kind != "update_id")

    def delete_webhook(self, params: JSON) -> bool:
        with self.cond:
            self.webhook_url = ""
            if params.get("drop_pending_updates"):
                self.updates.clear()
        return True

    def set_webhook(self, params: JSON) -> bool:
        secret = params.get("secret_token")
        if secret is not None and not re.match(r"^[A-Za-z0-9_-]{1,256}$", str(secret)):
            raise bad_request("secret token contains unallowed characters")
        with self.cond:
            self.webhook_url = str(params.get("url", ""))
            self.webhook_secret = str(secret) if secret is not None else None
            self.cond.notify_all()
        return True

    def get_webhook_info(self, _: JSON) -> JSON:
        with self.cond:
            return {
                "url": self.webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self.updates),
            }

    def send_message(self, params: JSON) -> JSON:
        chat = self._chat(params)
        parsed = parse_message_text(params)
        reply_to = self._reply_target(chat["id"], params)
        with self.cond:
            message_id = self._take_message_id(chat["id"])
            sent = SentMessage(
                chat_id=chat["id"],
                message_id=message_id,
                text=parsed.text,
                raw_text=params["text"],
                parse_mode=params.get("parse_mode"),
                entities=parsed.entities,
                reply_to_message_id=reply_to["message_id"] if reply_to else None,
                reply_markup=params.get("reply_markup"),
                link_preview_options=params.get("link_preview_options"),
                date=int(time.time()),
            )
            self.outbox.append(sent)
            self.cond.notify_all()
        return self._message_json(sent, chat, reply_to)

    def send_photo(self, params: JSON) -> JSON:
        """sendPhoto: a multipart upload (checked like Telegram) or a known file_id string."""
        return self._send_media(params, *self.files.media(params, "photo"))

    def send_document(self, params: JSON) -> JSON:
        """sendDocument: a multipart upload (at most 50 MB) or a known file_id string."""
        return self._send_media(params, *self.files.media(params, "document"))

    def _send_media(self, params: JSON, media: JSON, data: bytes) -> JSON:
        chat = self._chat(params)
        parsed = check_caption(params)
        reply_to = self._reply_target(chat["id"], params)
        with self.cond:
            sent = SentMessage(
                chat_id=chat["id"],
                message_id=self._take_message_id(chat["id"]),
                text=parsed.text if parsed else "",
                raw_text=str(params.get("caption") or ""),
                parse_mode=params.get("parse_mode"),
                entities=parsed.entities if parsed else [],
                reply_to_message_id=reply_to["message_id"] if reply_to else None,
                reply_markup=params.get("reply_markup"),
                link_preview_options=None,
                date=int(time.time()),
                media=media,
                data=data,
            )
            self.outbox.append(sent)
            self.cond.notify_all()
        return self._message_json(sent, chat, reply_to)

    def edit_message_text(self, params: JSON) -> JSON | bool:
        parsed = parse_message_text(params)
        if "inline_message_id" in params:
            return True
        chat = self._chat(params)
        with self.cond:
            sent = self._find_sent(chat["id"], params.get("message_id"))
            if sent is None:
                raise bad_request("message to edit not found")
            markup = params.get("reply_markup")
            if (
                sent.text == parsed.text
                and sent.entities == parsed.entities
                and (sent.reply_markup == markup)
            ):
                raise bad_request(
                    "message is not modified: specified new message content and "
                    "reply markup are exactly the same as a current content and "
                    "reply markup of the message"
                )
            sent.text, sent.raw_text, sent.entities = parsed.text, params["text"], parsed.entities
            sent.reply_markup, sent.edited = markup, True
            self.cond.notify_all()
        body = self._message_json(sent, chat, None)
        body["edit_date"] = int(time.time())
        return body

    def delete_message(self, params: JSON) -> bool:
        chat = self._chat(params)
        with self.cond:
            key = (chat["id"], int(params.get("message_id", 0)))
            sent = self._find_sent(*key)
            incoming = self.messages.get(key)
            if sent is not None:
                sent.deleted = True
            elif incoming is None:
                raise bad_request("message to delete not found")
            elif time.time() - int(incoming.get("date", 0)) >= DELETE_WINDOW:
                raise bad_request("message can't be deleted")
            else:
                del self.messages[key]
            self.deleted.add(key)
            self.cond.notify_all()
        return True

    def delete_messages(self, params: JSON) -> bool:
        """deleteMessages: 1-100 ids; ones that cannot be found are skipped, as Telegram does."""
        chat = self._chat(params)
        ids = params.get("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must be an array of 1-100 message identifiers")
        with self.cond:
            for message_id in ids:
                key = (chat["id"], int(message_id))
                sent = self._find_sent(*key)
                if sent is not None:
                    sent.deleted = True
                if self.messages.pop(key, None) is not None or sent is not None:
                    self.deleted.add(key)
            self.cond.notify_all()
        return True

    def send_chat_action(self, params: JSON) -> bool:
        self._chat(params)
        if not params.get("action"):
            raise bad_request("action is empty")
        return True

    def answer_callback_query(self, params: JSON) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        text = str(params.get("text") or "")
        if utf16_len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        with self.cond:
            if query_id not in self._queries:
                raise bad_request(
                    "query is too old and response timeout expired or query ID is invalid"
                )
            self._queries.discard(query_id)
            self.callback_answers.append(params)
            self.cond.notify_all()
        return True

    def answer_inline_query(self, params: JSON) -> bool:
        query_id = str(params.get("inline_query_id", ""))
        results = params.get("results")
        if not isinstance(results, list):
            raise bad_request("results must be an array")
        check_inline_results(results)
        with self.cond:
            if query_id not in self._queries:
                raise bad_request(
                    "query is too old and response timeout expired or query ID is invalid"
                )
            self._queries.discard(query_id)
            self.inline_answers.append(
                InlineAnswer(
                    query_id,
                    results,
                    int(params.get("cache_time", 300)),
                    bool(params.get("is_personal", False)),
                    params.get("next_offset"),
                    params.get("button"),
                )
            )
            self.cond.notify_all()
        return True

    def set_my_commands(self, params: JSON) -> bool:
        commands = check_commands(params.get("commands"))
        with self.cond:
            self.commands[_commands_key(params)] = commands
        return True

    def get_my_commands(self, params: JSON) -> list[JSON]:
        with self.cond:
            return list(self.commands.get(_commands_key(params), []))

    def delete_my_commands(self, params: JSON) -> bool:
        with self.cond:
            self.commands.pop(_commands_key(params), None)
        return True

    # --- helpers ------------------------------------------------------------------------

    def _chat(self, params: JSON) -> JSON:
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise bad_request("chat_id is empty")
        with self.cond:
            chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _reply_target(self, chat_id: int, params: JSON) -> JSON | None:
        reply = params.get("reply_parameters") or {}
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None:
            return None
        with self.cond:
            target = self.messages.get((chat_id, int(message_id)))
        if target is None and not reply.get("allow_sending_without_reply"):
            raise bad_request("message to be replied not found")
        return target

    def _find_sent(self, chat_id: int, message_id: Any) -> SentMessage | None:
        for sent in self.outbox:
            if sent.chat_id == chat_id and sent.message_id == message_id and not sent.deleted:
                return sent
        return None

    def take_message_id(self, chat_id: int) -> int:
        """The next message id in ``chat_id``, shared by the bot's and the users' messages."""
        with self.cond:
            return self._take_message_id(chat_id)

    def _take_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _message_json(self, sent: SentMessage, chat: JSON, reply_to: JSON | None) -> JSON:
        body: JSON = {
            "message_id": sent.message_id,
            "from": self.bot_user,
            "chat": chat,
            "date": sent.date,
        }
        if sent.media is None:
            body["text"] = sent.text
        else:
            body.update(_media_json(sent))
        if sent.entities and sent.media is None:
            body["entities"] = sent.entities
        if reply_to is not None:
            body["reply_to_message"] = reply_to
        if sent.reply_markup:
            body["reply_markup"] = sent.reply_markup
        if sent.link_preview_options:
            body["link_preview_options"] = sent.link_preview_options
        return body

    # --- the tests' side -------------------------------------------------------------------

    def message_json(self, sent: SentMessage) -> JSON:
        """A sent message as Telegram would include it in a ``callback_query``.

        Like Telegram, the message it replies to comes along while that message exists.
        """
        with self.cond:
            chat = self.chats[sent.chat_id]
            reply_to = None
            if sent.reply_to_message_id is not None:
                reply_to = self.messages.get((sent.chat_id, sent.reply_to_message_id))
            return self._message_json(sent, chat, reply_to)

    def push_update(self, update: JSON) -> None:
        """Queue an update for ``getUpdates`` and remember its chat, message and query."""
        with self.cond:
            self.remember(update)
            self.updates.append(update)
            self.cond.notify_all()

    def remember(self, update: JSON) -> None:
        """Register the chat, message or query id an update carries (no queueing)."""
        with self.cond:
            message = update.get("message") or update.get("edited_message")
            if message is not None:
                chat_id = message["chat"]["id"]
                self.chats[chat_id] = message["chat"]
                self.messages[(chat_id, message["message_id"])] = message
                self._next_message_id[chat_id] = max(
                    self._next_message_id.get(chat_id, 1), message["message_id"] + 1
                )
            for kind in ("inline_query", "callback_query"):
                if kind in update:
                    self._queries.add(update[kind]["id"])

    def wait_until(self, predicate: Callable[[], bool], timeout: float) -> None:
        """Block until ``predicate()`` holds (checked under the lock) or raise ``TimeoutError``."""
        with self.cond:
            if not self.cond.wait_for(predicate, timeout):
                raise TimeoutError(f"condition not met within {timeout} s")

    def close(self) -> None:
        """Wake every waiting long poll so the server can stop promptly."""
        with self.cond:
            self.closed = True
            self.cond.notify_all()


def _media_json(sent: SentMessage) -> JSON:
    """A photo or document message's fields, as Telegram returns them."""
    media = sent.media or {}
    file_id = str(media["file_id"])
    unique = str(media.get("file_unique_id", file_id[-16:]))
    common = {"file_id": file_id, "file_unique_id": unique, "file_size": media["file_size"]}
    body: JSON = {}
    if media["type"] == "photo":
        width, height = int(media["width"]), int(media["height"])
        small = max(width, height)
        thumb = {**common, "file_id": file_id + "-s", "width": width * 90 // small}
        thumb["height"] = height * 90 // small
        body["photo"] = [thumb, {**common, "width": width, "height": height}]
    else:
        body["document"] = sent.document
    if sent.text:
        body["caption"] = sent.text
        if sent.entities:
            body["caption_entities"] = sent.entities
    return body


def _canonical(method: str, methods: dict[str, Any]) -> str:
    """Telegram method names are case-insensitive."""
    return next((name for name in methods if name.lower() == method.lower()), method)


def _commands_key(params: JSON) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return (str(scope.get("type", "default")), str(params.get("language_code") or ""))
