"""Fixtures for the bot tests (loaded from conftest through ``pytest_plugins``).

The bot's knowledge base is the shared fixture knowledge base plus a fictional legal-help
article (``tests/fixtures/bot``), which ``/hotline`` and the abstention texts need.  One index
is built per session and shared by the fast tests, the end-to-end tests and the terminal test.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from botapi_core import BotApiCore, SentMessage
from recording_request import RecordingRequest
from telegram import Update
from telegram_payloads import PayloadFactory, Person

from bot.app import App, build_application
from bot.settings import Settings
from index import Retriever, open_retriever

TESTS = Path(__file__).resolve().parent
FIXTURE_KNOWLEDGE = TESTS / "fixtures" / "knowledge"
BOT_ARTICLES = TESTS / "fixtures" / "bot" / "articles"
TOKEN = "123456:TEST-token-never-logged-Zq9"
MODERATOR_ID = 4242


@pytest.fixture(scope="session")
def bot_knowledge_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture knowledge base plus the fictional hotline articles."""
    target = tmp_path_factory.mktemp("bot-knowledge") / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, target)
    for article in BOT_ARTICLES.glob("*/*.md"):
        destination = target / "articles" / article.parent.name / article.name
        if not destination.exists():
            shutil.copy(article, destination)
    return target


@pytest.fixture(scope="session")
def bot_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bot-index")


@pytest.fixture(scope="session")
def bot_retriever(model: Any, bot_knowledge_dir: Path, bot_index_dir: Path) -> Retriever:
    """A real index over the bot's knowledge base, built once per session."""
    return open_retriever(bot_knowledge_dir, bot_index_dir, embedder=model)


def bot_settings(knowledge_dir: Path, index_dir: Path, **overrides: Any) -> Settings:
    """Settings for a test bot, independent of the developer's environment and .env."""
    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "telegram_api_base_url": None,
        "kyr_knowledge_dir": knowledge_dir,
        "kyr_index_dir": index_dir,
        **overrides,
    }
    return Settings(_env_file=None, **values)


_BOT_ENV_PREFIXES = ("TELEGRAM_", "KYR_", "THROTTLE_", "WEBHOOK_", "MODERATOR_", "FORGET_")
_BOT_ENV_NAMES = ("LOG_LEVEL", "PORT", "CONCURRENT_UPDATES")


def is_bot_setting(name: str) -> bool:
    """Whether an environment variable is one of the bot's settings."""
    return name.startswith(_BOT_ENV_PREFIXES) or name in _BOT_ENV_NAMES


def subprocess_env(**values: str) -> dict[str, str]:
    """The environment for ``python -m bot`` run by a test: no inherited bot settings."""
    keep = {k: v for k, v in os.environ.items() if not is_bot_setting(k)}
    # This checkout's code, even when the venv's editable install points at another one.
    keep["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS.parent), keep.get("PYTHONPATH")]))
    keep.update({"PYTHONUNBUFFERED": "1", "LOG_LEVEL": "INFO", **values})
    return keep


@dataclass
class BotHarness:
    """Feeds real ``Update`` payloads to ``Application.process_update`` and shows what it sent."""

    app: App
    core: BotApiCore
    payloads: PayloadFactory

    async def feed(self, payload: dict[str, Any]) -> list[SentMessage]:
        """Process one update; return the messages the bot sent while handling it."""
        self.core.remember(payload)
        mark = len(self.core.outbox)
        await self.app.process_update(Update.de_json(payload, self.app.bot))
        return self.core.outbox[mark:]

    async def tap(self, person: Person, message: SentMessage, data: str) -> list[SentMessage]:
        """``person`` taps the button with ``data`` under ``message``; return new messages."""
        buttons = [
            b for row in (message.reply_markup or {}).get("inline_keyboard", []) for b in row
        ]
        assert data in [b.get("callback_data") for b in buttons], f"no button {data!r}"
        return await self.feed(
            self.payloads.callback_query(person, self.core.message_json(message), data)
        )

    def button(self, message: SentMessage, label: str) -> str:
        """The callback data of the button labelled ``label`` (exactly) under ``message``."""
        rows = (message.reply_markup or {}).get("inline_keyboard", [])
        found = [b["callback_data"] for row in rows for b in row if b["text"] == label]
        assert found, f"no button {label!r} in {[b['text'] for row in rows for b in row]}"
        return str(found[0])


@pytest.fixture
async def harness(
    bot_retriever: Retriever, bot_knowledge_dir: Path, bot_index_dir: Path
) -> AsyncIterator[BotHarness]:
    """A fully wired bot (handlers, rate limiter, post_init) over a recording request."""
    settings = bot_settings(
        bot_knowledge_dir,
        bot_index_dir,
        throttle_max_questions=5,
        moderator_ids=frozenset({MODERATOR_ID}),
        forget_notice_seconds=0.2,
    )
    async with running_harness(settings, bot_retriever) as running:
        yield running


@contextlib.asynccontextmanager
async def running_harness(settings: Settings, retriever: Retriever) -> AsyncIterator[BotHarness]:
    """The application initialised over a recording request, shut down afterwards."""
    core = BotApiCore()
    app = build_application(settings, lambda: retriever, request=RecordingRequest(core))
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    try:
        yield BotHarness(app, core, PayloadFactory(message_ids=core.take_message_id))
    finally:
        await app.shutdown()


@pytest.fixture
def no_env_bot_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hide any TELEGRAM_*/KYR_* variables of the developer's shell from Settings()."""
    for name in list(os.environ):
        if is_bot_setting(name):
            monkeypatch.delenv(name)
    yield


@dataclass
class RunningBot:
    """``python -m bot`` as a subprocess, talking to a local Bot API emulator."""

    api: Any  # BotApiEmulator
    process: subprocess.Popen[bytes]
    log_path: Path

    def logs(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_bot_process(
    api: Any, knowledge_dir: Path, index_dir: Path, workdir: Path, **env: str
) -> RunningBot:
    """Start the bot against ``api`` and wait until it polls (or set its webhook)."""
    log_path = workdir / "bot.log"
    environment = subprocess_env(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        KYR_KNOWLEDGE_DIR=str(knowledge_dir),
        KYR_INDEX_DIR=str(index_dir),
        **env,
    )
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=workdir,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    running = RunningBot(api, process, log_path)
    try:
        if "WEBHOOK_URL" in env:
            api.wait_until_webhook(timeout=180)
        else:
            api.wait_until_polling(timeout=180)
    except TimeoutError:
        stop_bot_process(running)
        raise AssertionError(f"the bot did not start:\n{running.logs()[-3000:]}") from None
    return running


def stop_bot_process(running: RunningBot) -> None:
    """SIGTERM (python-telegram-bot stops cleanly), then kill if it hangs."""
    if running.process.poll() is None:
        running.process.terminate()
        try:
            running.process.wait(20)
        except subprocess.TimeoutExpired:
            running.process.kill()
            running.process.wait(5)


@pytest.fixture(scope="module")
def running_bot(
    bot_retriever: Retriever,
    bot_knowledge_dir: Path,
    bot_index_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RunningBot]:
    """One emulator and one bot process per test module (the model loads once per process).

    ``bot_retriever`` is requested so the session index exists and the bot only loads it.
    """
    from botapi_emulator import BotApiEmulator

    workdir = tmp_path_factory.mktemp("bot-run")
    with BotApiEmulator(TOKEN) as api:
        running = start_bot_process(
            api, bot_knowledge_dir, bot_index_dir, workdir, LOG_LEVEL="DEBUG"
        )
        try:
            yield running
        finally:
            stop_bot_process(running)
