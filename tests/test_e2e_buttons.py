"""End to end, part 2: buttons, /region, /forget and moderators' /reload, over real HTTP.

``python -m bot`` runs as a subprocess against the local Bot API emulator, over a writable
copy of the bot's knowledge base (so /reload has something to change) and of its index (so
start-up does not rebuild it).
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bot_fixtures import TOKEN, RunningBot, start_bot_process, stop_bot_process
from botapi_core import SentMessage
from telegram_payloads import Person

from index import Retriever

pytestmark = pytest.mark.slow

MOD = Person(74220001, "Modzq", "en", "mod_e2e")
FAY = Person(74220002, "Fayzq", "en", "fay_e2e")
GIL = Person(74220003, "Gilzq", "en", "gil_e2e")
HAL = Person(74220004, "Halzq", "en", "hal_e2e")
IDA = Person(74220005, "Idazq", "en", "ida_e2e")
ASKERS = [Person(74220010 + i, f"Asker{i}zq", "en") for i in range(3)]
FACE_QUESTION = "Can police use face recognition on protesters?"
FILMING = Path("articles/en/filming-police.md")


@pytest.fixture(scope="module")
def writable_bot(
    bot_retriever: Retriever,
    bot_knowledge_dir: Path,
    bot_index_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RunningBot]:
    """One emulator and one bot (with a moderator) over copies it may change."""
    from botapi_emulator import BotApiEmulator

    workdir = tmp_path_factory.mktemp("bot-part2")
    # not "index": the bot runs in workdir, where that name would shadow the index package
    knowledge, index = workdir / "knowledge", workdir / "kyr-index"
    shutil.copytree(bot_knowledge_dir, knowledge)
    shutil.copytree(bot_index_dir, index)
    with BotApiEmulator(TOKEN) as api:
        running = start_bot_process(
            api,
            knowledge,
            index,
            workdir,
            LOG_LEVEL="DEBUG",
            MODERATOR_IDS=str(MOD.id),
            FORGET_NOTICE_SECONDS="1",
        )
        try:
            yield running
        finally:
            stop_bot_process(running)


def _knowledge(bot: RunningBot) -> Path:
    return bot.log_path.parent / "knowledge"


def _say(bot: RunningBot, person: Person, text: str, done: str = "") -> list[SentMessage]:
    """Send ``text``; wait for replies, until one contains ``done`` (any reply when empty)."""
    mark = bot.api.mark()
    bot.api.send_text(person, text)
    return bot.api.wait_for_messages(
        person.id, since=mark, until=lambda ms: any(done in m.text for m in ms), timeout=60
    )


def _has_hotline(messages: list[SentMessage]) -> bool:
    return any("/hotline" in m.text for m in messages)


def _button(message: SentMessage, label: str) -> str:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return str(next(b["callback_data"] for row in rows for b in row if b["text"] == label))


def _press(bot: RunningBot, person: Person, message: SentMessage, label: str) -> dict:  # type: ignore[type-arg]
    query_id = bot.api.press(person, message, _button(message, label))
    return bot.api.wait_for_callback_answer(query_id)


def test_urgent_path_from_start(writable_bot: RunningBot) -> None:
    welcome = _say(writable_bot, FAY, "/start")[0]
    mark = writable_bot.api.mark()
    answer = _press(writable_bot, FAY, welcome, "🚪 Police are at my door")
    assert "text" not in answer or not answer["text"]
    opened = writable_bot.api.wait_for_messages(FAY.id, since=mark)
    assert opened[0].text.startswith("Police at your door")
    assert "Reviewed on 2026-11-26" in opened[0].text and "Sources:" in opened[0].text


def test_more_on_this(writable_bot: RunningBot) -> None:
    first = _say(writable_bot, FAY, "/start arrested-at-protest", "/hotline")[-1]
    assert "When will I get a lawyer?" in first.text
    mark = writable_bot.api.mark()
    _press(writable_bot, FAY, first, "More on this")
    more = writable_bot.api.wait_for_messages(FAY.id, since=mark)
    assert "Will police keep my phone?" in more[0].text
    assert "When will I get a lawyer?" not in more[0].text


def _choose_region(bot: RunningBot, person: Person, place: str) -> None:
    prompt = _say(bot, person, "/region")[0]
    _press(bot, person, prompt, place)
    bot.api.core.wait_until(lambda: prompt.edited, 30)
    assert prompt.text == f"Rules for {place} now come first."


def test_region_eu_changes_which_passage_comes_first(writable_bot: RunningBot) -> None:
    _choose_region(writable_bot, GIL, "United States")
    us_first = _say(writable_bot, GIL, FACE_QUESTION, "/hotline")[0].text
    assert "Applies to: United States ·" in us_first
    _choose_region(writable_bot, GIL, "European Union")
    eu_first = _say(writable_bot, GIL, FACE_QUESTION, "/hotline")[0].text
    assert "Applies to: European Union ·" in eu_first


def test_forget_deletes_the_messages(writable_bot: RunningBot) -> None:
    api = writable_bot.api
    mark = api.mark()
    question = api.send_text(HAL, "Police are at my door. Must I open?")
    replies = api.wait_for_messages(HAL.id, since=mark, until=_has_hotline)
    mark = api.mark()
    command = api.send_text(HAL, "/forget")
    note = api.wait_for_messages(HAL.id, since=mark)[0]
    assert note.text.startswith(f"Deleted {len(replies) + 2} messages of this chat")
    expected = {(HAL.id, question["message"]["message_id"]), (HAL.id, note.message_id)}
    expected |= {(HAL.id, command["message"]["message_id"])}
    expected |= {(HAL.id, m.message_id) for m in replies}
    api.core.wait_until(lambda: expected <= api.core.deleted, 30)  # the note after ~1 s


def test_non_moderator_reload_is_refused(writable_bot: RunningBot) -> None:
    sent = _say(writable_bot, IDA, "/reload")
    assert sent[0].text.startswith("I don't know that command")


class Askers:
    """People asking questions one after another while something else happens."""

    def __init__(self, bot: RunningBot) -> None:
        self.bot = bot
        self.stop = threading.Event()
        self.answered = 0
        self.failures: list[str] = []
        self.threads = [threading.Thread(target=self._ask, args=(p,)) for p in ASKERS]

    def __enter__(self) -> Askers:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(90)

    def _ask(self, person: Person) -> None:
        while not self.stop.is_set():
            try:
                sent = _say(self.bot, person, "Police are at my door. Must I open?", "/hotline")
            except TimeoutError:
                self.failures.append("no reply")
                continue
            if not sent[0].text.startswith("Do I have to open the door?"):
                self.failures.append(sent[0].text[:80])
            self.answered += 1
            time.sleep(0.3)  # stay under the per-person throttle (20 a minute)


def test_reload_serves_new_text_while_questions_keep_being_answered(
    writable_bot: RunningBot,
) -> None:
    path = _knowledge(writable_bot) / FILMING
    original = path.read_text()
    try:
        path.write_text(original.replace("Yes.", "Yes, E2E-RELOAD-MARKER.", 1))
        with Askers(writable_bot) as askers:
            time.sleep(1)
            started = time.perf_counter()
            reply = _say(writable_bot, MOD, "/reload", "Reloaded")[0].text
            wall = time.perf_counter() - started
            time.sleep(1)
        reported = re.match(r"Reloaded in (\d+\.\d+) s\.", reply)
        assert reported, reply
        assert "1 changed, 0 added, 0 removed" in reply
        seconds = reported.group(1)
        print(f"\n/reload of one changed article: {seconds} s in the bot, {wall:.2f} s wall")
        assert askers.failures == [] and askers.answered >= 3
        answer = _say(writable_bot, FAY, "Can I film the police?", "/hotline")
        assert "E2E-RELOAD-MARKER" in answer[0].text
    finally:
        path.write_text(original)
        _say(writable_bot, MOD, "/reload", "Reloaded")


def test_malformed_file_on_reload_keeps_old_answers(writable_bot: RunningBot) -> None:
    broken = _knowledge(writable_bot) / "articles/en/broken.md"
    broken.write_text("---\nid: [broken\ntitle: x\n---\n\n## Heading\n\nText.\n")
    try:
        reply = _say(writable_bot, MOD, "/reload", "Reload")[0].text
        assert reply.startswith("Reload refused") and "articles/en/broken.md:" in reply
        assert "The old index stays live" in reply
        answer = _say(writable_bot, FAY, "Can I film the police?", "/hotline")
        assert answer[0].text.startswith("Can I film the police?")
    finally:
        broken.unlink()


def test_logs_hold_no_texts_or_ids(writable_bot: RunningBot) -> None:
    _say(writable_bot, IDA, "Police are at my door. Must I open?", "/hotline")
    logs = writable_bot.logs()
    people = [MOD, FAY, GIL, HAL, IDA, *ASKERS]
    secrets = [TOKEN, FACE_QUESTION, "Police are at my door. Must I open?"]
    secrets += [s for p in people for s in (str(p.id), p.first_name, p.username or "")]
    leaked = [s for s in secrets if s and s in logs]
    assert leaked == [], f"logs leak: {leaked[:5]}"
