"""Privacy audit: logs and files hold nothing about who asked what; /privacy matches the code.

Issue 9, point 5.  The real bot runs at the default log level and at DEBUG (the most verbose
level the README documents for production) with HOME and TMPDIR inside its work folder.
Every file it wrote or changed there (the index it rebuilt included) and its whole log are
searched for the question texts, user and chat ids, names, usernames and the token.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bot_fixtures import TOKEN, RunningBot, start_bot_process, stop_bot_process
from botapi_emulator import BotApiEmulator
from hardening_corpus import tree_snapshot
from telegram_payloads import Person, group_chat

from index import Retriever
from index.batching import CACHE_TTL_S

MODERATOR = Person(78_100_009, "Modzq", "en", "mod_priv")
PEOPLE = [
    Person(78_100_001, "Aliceqx", "en", "alice_priv"),
    Person(78_100_002, "Anaqx", "es", "ana_priv"),
    Person(78_100_003, "Bobqx", None, "bob_priv"),
]
GROUP = group_chat(-1007810077, "Privacy audit group zq")
QUESTIONS = [
    "My neighbour Ramona Quixley was arrested at the march, can I film the police?",
    "La policía está en mi puerta en la calle Zurbarán 12, ¿tengo que abrir?",
    "Can police make me unlock my phone with my face? my number is 555-8812-77",
]
GROUP_QUESTION = "Can I film the police at the Quixley plaza protest?"
INLINE_QUESTION = "can I record the police outside Zurbarán station"
FILMING = Path("articles/en/filming-police.md")


def _secrets() -> list[str]:
    found = [TOKEN, TOKEN.split(":")[1], GROUP_QUESTION, INLINE_QUESTION, *QUESTIONS]
    found += ["Ramona Quixley", "Zurbarán 12", "555-8812-77", str(GROUP["id"]), GROUP["title"]]
    for person in (*PEOPLE, MODERATOR):
        found += [str(person.id), person.first_name, person.username or ""]
    return [s for s in found if s]


def _converse(api: BotApiEmulator) -> None:
    """Questions in private, a group and inline; preferences, /forget, a photo, moderation."""
    for person, question in zip(PEOPLE, QUESTIONS, strict=True):
        mark = api.mark()
        api.send_text(person, question)
        api.wait_for_messages(person.id, since=mark, timeout=60)
    for text in (f"/ask@kyr_test_bot {GROUP_QUESTION}", f"@kyr_test_bot {GROUP_QUESTION}"):
        mark = api.mark()
        api.send_text(PEOPLE[0], text, GROUP)
        api.wait_for_messages(GROUP["id"], since=mark, timeout=60)
    query = api.send_inline_query(PEOPLE[1], INLINE_QUESTION)["inline_query"]
    api.wait_for_inline_answer(query["id"], timeout=60)
    for person, text in ((PEOPLE[0], "/language"), (PEOPLE[1], "/region"), (PEOPLE[2], "/help")):
        mark = api.mark()
        api.send_text(person, text)
        api.wait_for_messages(person.id, since=mark, timeout=60)
    mark = api.mark()
    api.push(api.payloads.photo(PEOPLE[2]))
    api.wait_for_messages(PEOPLE[2].id, since=mark, timeout=60)
    mark = api.mark()
    api.send_text(PEOPLE[0], "/forget")
    api.wait_for_messages(PEOPLE[0].id, since=mark, timeout=60)
    for text in ("/stats", "/reload"):
        mark = api.mark()
        api.send_text(MODERATOR, text)
        api.wait_for_messages(MODERATOR.id, since=mark, timeout=120)


@pytest.fixture(scope="module", params=["INFO", "DEBUG"])
def audited(
    request: pytest.FixtureRequest,
    bot_retriever: Retriever,
    bot_knowledge_dir: Path,
    bot_index_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[RunningBot, dict[str, bytes], dict[str, bytes]]]:
    """One conversation per log level: the bot, and its work folder before and after."""
    workdir = tmp_path_factory.mktemp(f"privacy-{request.param}")
    knowledge, index_dir = workdir / "knowledge", workdir / "kyr-index"
    shutil.copytree(bot_knowledge_dir, knowledge)
    shutil.copytree(bot_index_dir, index_dir, ignore=shutil.ignore_patterns(".lock"))
    for name in ("home", "tmp"):
        (workdir / name).mkdir()
    env = {
        "HOME": str(workdir / "home"),
        "TMPDIR": str(workdir / "tmp"),
        "MODERATOR_IDS": str(MODERATOR.id),
    }
    if request.param != "INFO":
        env["LOG_LEVEL"] = request.param
    with BotApiEmulator(TOKEN) as api:
        before = tree_snapshot(workdir)
        running = start_bot_process(api, knowledge, index_dir, workdir, **env)
        try:
            article = knowledge / FILMING  # so /reload builds and writes a new index version
            article.write_text(article.read_text().replace("Stand back,", "Step back,"))
            before[f"knowledge/{FILMING}"] = article.read_bytes()
            _converse(api)
        finally:
            stop_bot_process(running)
        yield running, before, tree_snapshot(workdir)


def _written(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, bytes]:
    return {p: data for p, data in after.items() if before.get(p) != data and p != "bot.log"}


@pytest.mark.slow
def test_logs_hold_no_texts_ids_names_or_token(
    audited: tuple[RunningBot, dict[str, bytes], dict[str, bytes]],
) -> None:
    running, _, _ = audited
    logs = running.logs()
    assert "question answered" in logs, "the bot does log events"
    assert "ready: knowledge version" in logs
    leaked = [secret for secret in _secrets() if secret in logs]
    assert leaked == [], f"logs leak {leaked}"


@pytest.mark.slow
def test_files_the_bot_wrote_hold_nothing_about_anyone(
    audited: tuple[RunningBot, dict[str, bytes], dict[str, bytes]],
) -> None:
    _, before, after = audited
    written = _written(before, after)
    assert any(p.startswith("kyr-index/") and p.endswith("passages.jsonl") for p in written), (
        "the reload wrote a new index version (so the audit saw the bot's own output)"
    )
    for path, data in written.items():
        leaked = [s for s in _secrets() if s.encode() in data]
        assert leaked == [], f"{path} holds {leaked}"
    outside = sorted(p for p in written if not p.startswith("kyr-index/"))
    assert outside == [], f"the bot wrote outside its index folder: {outside}"


# --- /privacy against the code --------------------------------------------------------------

STATE_FIELDS = {
    "snapshot",  # the knowledge base: nothing about anyone
    "questions",  # throttle: a count per person
    "inline_queries",  # throttle: a count per person
    "places",  # folders and moderator ids from the settings
    "memory",  # per person: language, place, recent message ids
    "stats",  # totals only
    "reload_lock",
    "background",  # pending self-deleting /forget notes
    "photos",  # ids of people whose photo is being covered (during the job), the detector
}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _fields(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_privacy_names_the_time_limits_the_code_uses() -> None:
    from bot.memory import DELETABLE_SECONDS, IDLE_SECONDS
    from bot.settings import Settings
    from bot.texts import text

    window = Settings.model_fields["throttle_window_seconds"].default
    english, spanish = text("privacy", "en"), text("privacy", "es")
    assert window == 60 and "last minute" in english and "último minuto" in spanish
    assert "lapses after a minute" in english and "caduca al cabo de un minuto" in spanish
    assert DELETABLE_SECONDS == 48 * 3600 and "48 hours" in english and "48 horas" in spanish
    assert IDLE_SECONDS == 24 * 3600 and "24 hours" in english and "24 horas" in spanish
    assert CACHE_TTL_S == 600 and "10 minutes" in english and "10 minutos" in spanish


def test_state_holds_only_what_privacy_lists() -> None:
    """A new field in the bot's state must be weighed against /privacy before it lands."""
    from bot.memory import Record
    from bot.state import BotState
    from bot.stats import Stats
    from bot.throttle import _Bucket

    assert _fields(BotState) == STATE_FIELDS
    assert _fields(Record) == {"seen", "lang", "region", "messages", "edits"}  # /privacy
    assert _fields(_Bucket) == {"started", "count", "notified"}
    assert _fields(Stats) == {"started", "outcomes", "channels", "topics", "wrong"}


def test_what_memory_holds_expires() -> None:
    from bot.memory import DELETABLE_SECONDS, IDLE_SECONDS, Memory
    from bot.throttle import Throttle

    clock = FakeClock()
    memory, throttle = Memory(clock=clock), Throttle(20, 60.0, clock=clock)
    memory.set_lang(1, "es")
    memory.set_region(1, "NYC")
    memory.note_message(1, 10)
    throttle.check(1)
    clock.now += 61
    throttle.check(2)  # any later question sweeps finished windows
    assert len(throttle) == 1, "person 1's count lapsed after a minute"
    for hour in range(49):  # person 1 stays active for two days
        clock.now += 3600
        memory.note_message(1, 100 + hour)
    held = [message_id for _, message_id in memory.touch(1).messages]
    assert 10 not in held and 100 not in held, "ids older than 48 hours are not kept"
    assert memory.deletable_messages(1)[0] == 100 + 49 - int(DELETABLE_SECONDS // 3600)
    clock.now += IDLE_SECONDS
    assert memory.lang(1) is None and memory.region(1) is None
    memory.touch(2)  # the next activity sweeps idle people
    assert len(memory) == 1


async def _questions_then_forget(bot: object) -> None:
    from hardening_bot import SyncBot

    assert isinstance(bot, SyncBot)
    for person, question in zip(PEOPLE, QUESTIONS, strict=True):
        await bot.process(bot.payloads.text(person, question))
        await bot.process(bot.payloads.text(person, "/language"))
    await bot.process(bot.payloads.inline_query(PEOPLE[1], INLINE_QUESTION))
    await bot.process(bot.payloads.text(PEOPLE[0], f"/ask {GROUP_QUESTION}", GROUP))
    await bot.process(bot.payloads.text(MODERATOR, "/stats"))
    await bot.process(bot.payloads.text(PEOPLE[2], "/forget"))


def _walk(value: object, path: str, seen: set[int]) -> Iterator[tuple[str, object]]:
    """Every scalar reachable from ``value`` with its path (dict keys included)."""
    if isinstance(value, str | int | float | bool) or value is None:
        yield path, value
        return
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(key, f"{path}.<key>", seen)
            yield from _walk(item, f"{path}[]", seen)
    elif isinstance(value, list | tuple | set | frozenset) or type(value).__name__ == "deque":
        for item in value:  # type: ignore[attr-defined]
            yield from _walk(item, f"{path}[]", seen)
    elif hasattr(value, "__dict__") and type(value).__module__.startswith("bot."):
        for name, item in vars(value).items():
            yield from _walk(item, f"{path}.{name}", seen)


def test_live_state_holds_no_text_and_ids_only_where_privacy_says(
    bot_retriever: Retriever, bot_knowledge_dir: Path, bot_index_dir: Path
) -> None:
    from hardening_bot import SyncBot

    from bot.state import state_of

    bot = SyncBot(
        bot_retriever,
        bot_knowledge_dir,
        bot_index_dir,
        moderator_ids=frozenset({MODERATOR.id}),
        forget_notice_seconds=0.01,
    )
    try:
        bot.run(_questions_then_forget(bot))
        state = state_of(bot.app.bot_data)
        assert all(not data for data in bot.app.user_data.values())
        assert all(not data for data in bot.app.chat_data.values())
        assert bot.app.persistence is None and bot.app.bot.callback_data_cache is None
        seen: set[int] = set()
        held = [
            found
            for name, value in vars(state).items()
            if name != "snapshot"
            for found in _walk(value, name, seen)
        ]
    finally:
        bot.close()
    texts = [*QUESTIONS, GROUP_QUESTION, INLINE_QUESTION, "Quixley", "Zurbarán", "555-8812"]
    assert [p for p, v in held if isinstance(v, str) and any(t in v for t in texts)] == []
    ids = {person.id for person in PEOPLE}
    where = {p for p, v in held if isinstance(v, int) and v in ids}
    assert where == {
        "memory._records.<key>",
        "questions._buckets.<key>",
        "inline_queries._buckets.<key>",
    }, where
    assert PEOPLE[2].id not in state.memory._records, "/forget dropped the person"
    assert not {p for p, v in held if isinstance(v, int) and v == GROUP["id"]}
