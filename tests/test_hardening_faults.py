"""Bot API faults against the real ``python -m bot``: it waits, retries, polls on, never exits.

Issue 9, point 2.  Each fault is applied by the emulator *before* the request reaches the
core, so a failed ``sendMessage`` really was not sent and a failed ``getUpdates`` handed out
nothing.  Every question must then be answered exactly once, with no apology, and the bot
must still be running.  The bot also starts from a truncated index: it must rebuild it.
Run with ``-s`` to see the measured retry delays.
"""

from __future__ import annotations

import itertools
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bot_fixtures import TOKEN, RunningBot, start_bot_process, stop_bot_process
from botapi_emulator import BotApiEmulator, Fault
from hardening_corpus import truncate_vectors
from telegram_payloads import Person

from index import Retriever

pytestmark = pytest.mark.slow

QUESTION = "Can I film the police?"
ANSWER = "Can I film the police?"  # the heading the answer opens with
APOLOGY = "Sorry, something went wrong"
_PEOPLE = itertools.count(74_200_001)
DELAYS: dict[str, float] = {}  # fault -> measured seconds until the retry reached the server


@dataclass(frozen=True)
class Applied:
    at: float
    method: str
    kind: str


class FaultLog(BotApiEmulator):
    """The emulator, noting when each injected fault was applied."""

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.applied: list[Applied] = []

    def _take_fault(self, method: str) -> Fault | None:
        fault = super()._take_fault(method)
        if fault is not None:
            with self.core.cond:
                self.applied.append(Applied(time.monotonic(), method, fault.kind))
                self.core.cond.notify_all()
        return fault

    def wait_for_faults(self, count: int) -> Applied:
        self.core.wait_until(lambda: len(self.applied) >= count, timeout=60)
        return self.applied[count - 1]

    def next_call_after(self, method: str, at: float) -> float:
        with self.core.cond:
            return next(c.at for c in self.core.calls if c.method == method and c.at > at)


@pytest.fixture(scope="module")
def faulty_bot(
    bot_retriever: Retriever,
    bot_knowledge_dir: Path,
    bot_index_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RunningBot]:
    """The bot over a damaged copy of the index (it must rebuild), with a fault-noting API."""
    workdir = tmp_path_factory.mktemp("faulty-bot")
    index_dir = workdir / "damaged-index"  # not "index": the bot runs in workdir
    shutil.copytree(bot_index_dir, index_dir, ignore=shutil.ignore_patterns(".lock"))
    truncate_vectors(index_dir)
    with FaultLog(TOKEN) as api:
        running = start_bot_process(api, bot_knowledge_dir, index_dir, workdir)
        try:
            yield running
        finally:
            stop_bot_process(running)


def _person() -> Person:
    return Person(next(_PEOPLE), "Faultzq", "en", None)


def _answered(running: RunningBot, person: Person) -> None:
    running.api.wait_for_messages(
        person.id, until=lambda ms: any(ANSWER in m.text for m in ms), timeout=90
    )


def test_damaged_index_was_rebuilt_at_start_up(faulty_bot: RunningBot) -> None:
    assert "damaged" in faulty_bot.logs() and "rebuilding" in faulty_bot.logs()
    asker = _person()
    faulty_bot.api.send_text(asker, QUESTION)
    _answered(faulty_bot, asker)


@pytest.mark.parametrize(
    ("name", "fault", "at_least"),
    [
        ("getUpdates 429 retry_after=3", Fault("flood", "getUpdates", retry_after=3), 3.0),
        ("getUpdates 500", Fault("status", "getUpdates", status=500), 0.0),
        ("getUpdates 502", Fault("status", "getUpdates", status=502), 0.0),
        ("getUpdates malformed JSON", Fault("malformed", "getUpdates"), 0.0),
        ("getUpdates dropped at once", Fault("drop", "getUpdates"), 0.0),
        ("getUpdates dropped mid-poll (2 s)", Fault("delay", "getUpdates", delay=2.0), 2.0),
        ("getUpdates 500 three times", Fault("status", "getUpdates", count=3), 0.0),
    ],
)
def test_polling_survives_get_updates_faults(
    faulty_bot: RunningBot, name: str, fault: Fault, at_least: float
) -> None:
    api: FaultLog = faulty_bot.api
    before = len(api.applied)
    api.inject_fault(fault)
    first, second = _person(), _person()
    api.send_text(first, QUESTION)  # its poll returns at once; the next poll meets the fault
    applied = api.wait_for_faults(before + fault.count)
    api.send_text(second, QUESTION)  # asked while the bot is recovering
    _answered(faulty_bot, first)
    _answered(faulty_bot, second)
    first_hit = api.applied[before]
    DELAYS[name] = api.next_call_after("getUpdates", applied.at) - first_hit.at
    assert DELAYS[name] >= at_least
    assert faulty_bot.process.poll() is None


@pytest.mark.parametrize(
    ("name", "fault", "at_least"),
    [
        ("sendMessage 429 retry_after=2", Fault("flood", "sendMessage", retry_after=2), 2.0),
        ("sendMessage 500", Fault("status", "sendMessage", status=500), 1.0),
        ("sendMessage 502", Fault("status", "sendMessage", status=502), 1.0),
        ("sendMessage dropped", Fault("drop", "sendMessage"), 1.0),
        ("sendMessage timeout (6.5 s)", Fault("delay", "sendMessage", delay=6.5), 5.0),
        ("sendMessage 500 twice", Fault("status", "sendMessage", count=2), 3.0),
    ],
)
def test_replies_survive_send_faults(
    faulty_bot: RunningBot, name: str, fault: Fault, at_least: float
) -> None:
    api: FaultLog = faulty_bot.api
    before = len(api.applied)
    api.inject_fault(fault)
    asker = _person()
    api.send_text(asker, QUESTION)
    applied = api.wait_for_faults(before + fault.count)
    _answered(faulty_bot, asker)
    DELAYS[name] = api.next_call_after("sendMessage", applied.at) - api.applied[before].at
    assert DELAYS[name] >= at_least
    assert faulty_bot.process.poll() is None


def test_every_question_answered_exactly_once_and_the_bot_runs_on(faulty_bot: RunningBot) -> None:
    barrier = _person()  # answered last: earlier updates re-delivered would come before it
    faulty_bot.api.send_text(barrier, QUESTION)
    _answered(faulty_bot, barrier)
    outbox = faulty_bot.api.core.outbox
    askers = {m.chat_id for m in outbox if m.chat_id >= 74_200_001}
    for chat_id in askers:
        answers = [m for m in outbox if m.chat_id == chat_id and ANSWER in m.text]
        assert len(answers) == 1, f"chat {chat_id} got {len(answers)} answers"
    assert not [m for m in outbox if APOLOGY in m.text]
    assert faulty_bot.process.poll() is None
    print("\nretry delays (fault -> retry reached the server):")
    for name, seconds in DELAYS.items():
        print(f"  {name}: {seconds:.2f} s")
