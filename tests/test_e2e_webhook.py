"""End to end: webhook mode, with Telegram's secret-token header checked (403 otherwise)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bot_fixtures import TOKEN, RunningBot, start_bot_process, stop_bot_process
from telegram_payloads import Person

from index import Retriever

pytestmark = pytest.mark.slow

SECRET = "e2e-Webhook_secret-42"
JO = Person(75330001, "Jozq", "en", "jo_e2e")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def webhook_bot(
    bot_retriever: Retriever,
    bot_knowledge_dir: Path,
    bot_index_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RunningBot]:
    """The bot in webhook mode on a free local port, registered with the emulator."""
    from botapi_emulator import BotApiEmulator

    port = _free_port()
    workdir = tmp_path_factory.mktemp("bot-webhook")
    with BotApiEmulator(TOKEN) as api:
        running = start_bot_process(
            api,
            bot_knowledge_dir,
            bot_index_dir,
            workdir,
            WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram-updates",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1",
            PORT=str(port),
        )
        try:
            _wait_until_listening(port)
            yield running
        finally:
            stop_bot_process(running)


def _wait_until_listening(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("the webhook server did not start listening")


def test_webhook_was_registered_with_the_secret(webhook_bot: RunningBot) -> None:
    core = webhook_bot.api.core
    assert core.webhook_url.endswith("/telegram-updates") and core.webhook_secret == SECRET
    assert not any(c.method == "getUpdates" for c in core.calls), "no polling in webhook mode"


def test_webhook_accepts_the_right_secret(webhook_bot: RunningBot) -> None:
    api = webhook_bot.api
    mark = api.mark()
    update = api.payloads.text(JO, "Police are at my door. Must I open?")
    assert api.deliver(update, SECRET) == 200
    sent = api.wait_for_messages(
        JO.id, since=mark, until=lambda ms: any("/hotline" in m.text for m in ms)
    )
    assert sent[0].text.startswith("Do I have to open the door?")


@pytest.mark.parametrize("secret", ["wrong-secret", None, ""])
def test_webhook_refuses_a_wrong_or_missing_secret(
    webhook_bot: RunningBot, secret: str | None
) -> None:
    api = webhook_bot.api
    mark = api.mark()
    assert api.deliver(api.payloads.text(JO, "/help"), secret) == 403
    time.sleep(1)
    assert api.messages_to(JO.id, since=mark) == []
    assert SECRET not in webhook_bot.logs()
