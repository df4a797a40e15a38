"""Privacy audit: logs and files hold nothing about who asked what; /privacy matches the code.

Issue 9, point 5.  The real bot runs at the default log level and at DEBUG (the most verbose
level the README documents for production) with HOME and TMPDIR inside its work folder.
Every file it wrote or changed there (the index it rebuilt included) and its whole log are
searched for the question texts, user and chat ids, names, usernames and the token.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bot_fixtures import TOKEN, RunningBot, start_bot_process, stop_bot_process
from botapi_emulator import BotApiEmulator
from hardening_corpus import tree_snapshot
from telegram_payloads import JSON, Person, group_chat

from index import Retriever

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
