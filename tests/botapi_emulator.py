"""A local Telegram Bot API emulator over real HTTP, for end-to-end tests of the bot.

Serves ``http://127.0.0.1:<port>/bot<token>/<method>`` with python-telegram-bot's request
shapes (form, multipart or JSON bodies, query strings) and Telegram's answers, from
``BotApiCore``.  It runs its own event loop in a thread, so sync tests, async tests and
scripts can all drive it::

    with BotApiEmulator(token) as api:
        env["TELEGRAM_API_BASE_URL"] = api.base_url
        ...start the bot...
        update = api.send_text(alice, "police at my door")
        replies = api.wait_for_messages(alice.id, since=mark)

Buttons are pressed with ``press`` (a ``callback_query`` update); in webhook mode ``deliver``
POSTs an update to the bot's webhook with or without the right secret-token header.

Faults (HTTP 429 with ``retry_after``, 5xx, delays, dropped connections, malformed JSON) are
queued with ``inject_fault``; each is applied *before* the request reaches the core, so a
failed ``sendMessage`` really was not sent.
"""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from aiohttp import web
from botapi_checks import JSON, ApiError, Upload, decode_params
from botapi_core import BotApiCore, InlineAnswer, SentMessage
from telegram_payloads import PayloadFactory, Person

FaultKind = Literal["flood", "status", "delay", "drop", "malformed"]


@dataclass
class Fault:
    """One injected failure for the next ``count`` calls of ``method`` (any method if None)."""

    kind: FaultKind
    method: str | None = None
    count: int = 1
    status: int = 500
    retry_after: int = 1
    delay: float = 0.0


class BotApiEmulator:
    """The HTTP front of ``BotApiCore`` plus helpers tests use to talk as users."""

    def __init__(self, token: str, username: str = "kyr_test_bot") -> None:
        self.token = token
        self.core = BotApiCore(username=username)
        self.payloads = PayloadFactory(message_ids=self.core.take_message_id)
        self.port = 0
        self._faults: list[Fault] = []
        self._faults_lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._executor = ThreadPoolExecutor(max_workers=16, thread_name_prefix="botapi")

    # --- lifecycle ----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """Value for python-telegram-bot's ``base_url`` (it appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> BotApiEmulator:
        """Bind a free port on 127.0.0.1 and serve from a background thread."""
        started = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(started,), daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("Bot API emulator did not start")
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self.core.close()
        loop, runner = self._loop, self._runner
        if loop is not None and runner is not None:
            asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(10)
        self._executor.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> BotApiEmulator:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _serve(self, started: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]
        started.set()
        loop.run_forever()
        loop.close()

    # --- HTTP ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").to_json(), status=401)
        method = request.match_info["method"]
        fault = self._take_fault(method)
        if fault is not None:
            return await self._apply_fault(fault, request)
        try:
            params = decode_params(await _read_params(request))
            loop = asyncio.get_running_loop()
            result = await loop.run_in_executor(self._executor, self.core.call, method, params)
        except ApiError as error:
            return web.json_response(error.to_json(), status=error.code)
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.StreamResponse:
        """A file's bytes, as ``api.telegram.org/file/bot<token>/<file_path>`` serves them."""
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").to_json(), status=401)
        data = self.core.files.download(request.match_info["path"])
        if data is None:
            return web.json_response(ApiError(404, "Not Found").to_json(), status=404)
        return web.Response(body=data, content_type="application/octet-stream")

    def inject_fault(self, fault: Fault) -> None:
        """Queue ``fault``; faults apply in the order they were injected."""
        with self._faults_lock:
            self._faults.append(fault)

    def _take_fault(self, method: str) -> Fault | None:
        with self._faults_lock:
            for fault in self._faults:
                if fault.method is None or fault.method.lower() == method.lower():
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    async def _apply_fault(self, fault: Fault, request: web.Request) -> web.StreamResponse:
        if fault.kind == "flood":
            error = ApiError(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                {"retry_after": fault.retry_after},
            )
            return web.json_response(error.to_json(), status=429)
        if fault.kind == "status":
            if fault.status == 502:
                return web.Response(
                    status=502, text="<html>502 Bad Gateway</html>", content_type="text/html"
                )
            error = ApiError(fault.status, "Internal Server Error")
            return web.json_response(error.to_json(), status=fault.status)
        if fault.kind == "malformed":
            return web.Response(
                status=200, text='{"ok": true, "result": [', content_type="application/json"
            )
        await asyncio.sleep(fault.delay)
        if request.transport is not None:
            request.transport.close()  # "delay" and "drop": the client sees no answer
        return web.Response(status=504)

    # --- acting as users -----------------------------------------------------------------

    def push(self, update: JSON) -> JSON:
        """Queue a prepared update for the bot's next ``getUpdates``."""
        self.core.push_update(update)
        return update

    def send_text(self, person: Person, text: str, chat: JSON | None = None) -> JSON:
        """``person`` writes ``text`` in ``chat`` (their private chat by default)."""
        return self.push(self.payloads.text(person, text, chat))

    def send_inline_query(self, person: Person, query: str) -> JSON:
        """``person`` types ``@bot query`` somewhere."""
        return self.push(self.payloads.inline_query(person, query))

    def press(self, person: Person, message: SentMessage, data: str) -> str:
        """``person`` taps the button with callback ``data`` under ``message``; the query id."""
        rows = (message.reply_markup or {}).get("inline_keyboard", [])
        assert data in [b.get("callback_data") for row in rows for b in row], data
        update = self.payloads.callback_query(person, self.core.message_json(message), data)
        self.push(update)
        return str(update["callback_query"]["id"])

    def deliver(self, update: JSON, secret: str | None) -> int:
        """POST ``update`` to the bot's webhook as Telegram does; the HTTP status it answered.

        ``secret`` goes in ``X-Telegram-Bot-Api-Secret-Token`` (no header when None).
        """
        self.core.remember(update)
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        request = urllib.request.Request(
            self.core.webhook_url, json.dumps(update).encode(), headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    # --- observing the bot ----------------------------------------------------------------

    def mark(self) -> int:
        """A position in the outbox; pass it as ``since`` to see only later messages."""
        with self.core.cond:
            return len(self.core.outbox)

    def messages_to(self, chat_id: int, since: int = 0) -> list[SentMessage]:
        """Messages the bot sent to ``chat_id`` after ``since`` (edits included in place)."""
        with self.core.cond:
            return [m for m in self.core.outbox[since:] if m.chat_id == chat_id]

    def wait_for_messages(
        self,
        chat_id: int,
        since: int = 0,
        until: Callable[[list[SentMessage]], bool] | None = None,
        timeout: float = 30.0,
    ) -> list[SentMessage]:
        """Wait until the messages to ``chat_id`` satisfy ``until`` (default: at least one)."""
        done = until or bool
        self.core.wait_until(lambda: done(self.messages_to(chat_id, since)), timeout)
        return self.messages_to(chat_id, since)

    def wait_for_inline_answer(self, query_id: str, timeout: float = 30.0) -> InlineAnswer:
        """Wait for the bot's ``answerInlineQuery`` to ``query_id``."""

        def answered() -> InlineAnswer | None:
            answers = self.core.inline_answers
            return next((a for a in answers if a.inline_query_id == query_id), None)

        self.core.wait_until(lambda: answered() is not None, timeout)
        answer = answered()
        assert answer is not None
        return answer

    def wait_for_callback_answer(self, query_id: str, timeout: float = 30.0) -> JSON:
        """Wait for the bot's ``answerCallbackQuery`` to ``query_id``."""

        def answered() -> JSON | None:
            answers = self.core.callback_answers
            return next((a for a in answers if a.get("callback_query_id") == query_id), None)

        self.core.wait_until(lambda: answered() is not None, timeout)
        answer = answered()
        assert answer is not None
        return answer

    def wait_until_webhook(self, timeout: float = 60.0) -> None:
        """Wait until the bot has set its webhook."""
        self.core.wait_until(lambda: bool(self.core.webhook_url), timeout)

    def wait_for_call(self, method: str, timeout: float = 30.0) -> Any:
        """Wait until the bot has called ``method`` at least once; return the first call."""
        self.core.wait_until(lambda: any(c.method == method for c in self.core.calls), timeout)
        return next(c for c in self.core.calls if c.method == method)

    def wait_until_polling(self, timeout: float = 60.0) -> None:
        """Wait until the bot has started a ``getUpdates`` long poll."""
        self.core.wait_until(lambda: self.core._poll_generation > 0, timeout)


async def _read_params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.method == "GET" or not request.can_read_body:
        return params
    if request.content_type == "application/json":
        body = await request.read()
        try:
            data = json.loads(body) if body else {}
        except json.JSONDecodeError as error:
            raise ApiError(400, "Bad Request: can't parse JSON object") from error
        params.update(data)
    else:
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, str):
                params[name] = value
            else:  # a file part: keep its bytes, as Telegram does
                data = value.file.read()
                params[name] = Upload(value.filename, value.content_type, data)
    return params
