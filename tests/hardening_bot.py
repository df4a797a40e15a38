"""A fully wired bot on its own event loop, for sync tests (hypothesis) and load tests.

``SyncBot`` builds the real Application (handlers, AIORateLimiter, post_init) over a
``RecordingRequest``, so every reply passes the Bot API emulator's checks (Telegram HTML,
4096 UTF-16 units).  It also adds an error handler that records what reached it: the
hardening tests assert that list stays empty, i.e. the bot's own error handler never fired.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from bot_fixtures import bot_settings
from botapi_core import BotApiCore, SentMessage
from recording_request import RecordingRequest
from telegram import Update
from telegram_html import MESSAGE_LIMIT, parse_html, utf16_len
from telegram_payloads import JSON, PayloadFactory

from bot.app import App, build_application
from bot.state import BotContext
from index import Retriever

T = TypeVar("T")


class SyncBot:
    """The Application on a private event loop; ``feed`` processes one update synchronously."""

    def __init__(
        self, retriever: Retriever, knowledge_dir: Path, index_dir: Path, **settings: Any
    ) -> None:
        self.loop = asyncio.new_event_loop()
        self.core = BotApiCore()
        self.payloads = PayloadFactory(message_ids=self.core.take_message_id)
        self.errors: list[BaseException] = []
        config = bot_settings(knowledge_dir, index_dir, **settings)
        self.app: App = build_application(
            config, lambda: retriever, request=RecordingRequest(self.core)
        )
        self.app.add_error_handler(self._record_error)
        self.run(self.app.initialize())
        assert self.app.post_init is not None
        self.run(self.app.post_init(self.app))

    async def _record_error(self, _: object, context: BotContext) -> None:
        if context.error is not None:
            self.errors.append(context.error)

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run ``coroutine`` on the bot's loop."""
        return self.loop.run_until_complete(coroutine)

    async def process(self, payload: JSON) -> None:
        """Hand one update to the Application, as polling or the webhook would."""
        self.core.remember(payload)
        await self.app.process_update(Update.de_json(payload, self.app.bot))

    def feed(self, payload: JSON) -> list[SentMessage]:
        """Process one update; the messages the bot sent (or edited) while handling it."""
        self.errors.clear()  # each update is judged on its own
        mark = len(self.core.outbox)
        self.run(self.process(payload))
        return self.core.outbox[mark:]

    def close(self) -> None:
        """Stop as the bot does (pending /forget notes cancelled), then close the loop."""
        if self.app.post_stop is not None:
            self.run(self.app.post_stop(self.app))
        self.run(asyncio.sleep(0))  # let the cancelled tasks finish
        self.run(self.app.shutdown())
        self.loop.close()


def assert_valid_telegram_html(sent: list[SentMessage]) -> None:
    """Each message parses as Telegram HTML and fits in one message once parsed."""
    for message in sent:
        assert message.parse_mode == "HTML"
        parsed = parse_html(message.raw_text)  # raises on unknown or unbalanced tags, bad &
        assert parsed.text == message.text
        assert 0 < utf16_len(parsed.text) <= MESSAGE_LIMIT
        assert parsed.text.strip()
