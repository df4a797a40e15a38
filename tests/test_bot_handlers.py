"""Fast bot tests: real ``Update`` payloads through ``Application.process_update``.

The bot is fully wired (handlers, AIORateLimiter, post_init) and talks to ``BotApiCore``
through a recording request, so every reply also passes Telegram's own checks.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from bot_fixtures import TOKEN, BotHarness
from telegram_html import MESSAGE_LIMIT, parse_html, utf16_len
from telegram_payloads import Person, group_chat

import bot.handlers
from bot.choices import also_label
from bot.logs import quiet_noisy_loggers
from index import Retriever
from index.cli import main as cli_main

ALICE = Person(1001, "Alice", "en", "alice_nyc")
ANA = Person(1002, "Ana", "es", "ana_bk")
GROUP = group_chat(-100777)


@pytest.fixture(autouse=True)
def _restore_log_levels() -> Iterator[None]:
    levels = {name: logging.getLogger(name).level for name in ("telegram", "httpx", "httpcore")}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def _texts(sent: list) -> str:  # type: ignore[type-arg]
    return "\n".join(m.text for m in sent)


@pytest.mark.parametrize(
    ("command", "person", "expected"),
    [
        ("/start", ALICE, "not a lawyer"),
        ("/start", ANA, "No soy abogado"),
        ("/help", ALICE, "/hotline"),
        ("/help", ANA, "Escriba su pregunta"),
        ("/privacy", ALICE, "not end-to-end encrypted"),
        ("/privacy", ANA, "no tienen cifrado de extremo a extremo"),
        ("/nonsense", ALICE, "I don't know that command"),
        ("/nonsense", ANA, "No conozco ese comando"),
    ],
)
async def test_fixed_commands_in_both_languages(
    harness: BotHarness, command: str, person: Person, expected: str
) -> None:
    sent = await harness.feed(harness.payloads.text(person, command))
    assert len(sent) == 1
    assert expected in sent[0].text
    assert sent[0].parse_mode == "HTML"
    assert sent[0].link_preview_options == {"is_disabled": True}


async def test_start_offers_three_example_questions(harness: BotHarness) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, "/start"))
    assert sent[0].text.count("\n• ") == 3


async def test_commands_are_registered_in_english_and_spanish(harness: BotHarness) -> None:
    english = harness.core.commands[("default", "")]
    spanish = harness.core.commands[("default", "es")]
    names = {"start", "help", "hotline", "privacy", "ask", "topics", "language", "region", "forget"}
    names.add("photo")
    assert {c["command"] for c in english} == names == {c["command"] for c in spanish}
    assert spanish[0]["description"] == "Qué hace este bot"


async def test_english_question_gets_passage_sources_date_and_disclaimer(
    harness: BotHarness,
) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, "Police are at my door. Must I open?"))
    assert len(sent) == 1  # the first passage alone; the rest is a tap away
    text = _texts(sent)
    assert text.startswith("Do I have to open the door?")
    assert "warrant signed by a judge" in text
    assert "Reviewed on 2026-11-26" in text and "United States" in text
    assert "https://www.aclu.org/know-your-rights/police-at-your-door" in sent[0].links()
    folds = [e for e in sent[0].entities if e["type"] == "expandable_blockquote"]
    assert len(folds) == 1  # the sources, folded
    assert text.rstrip().endswith("General information, not legal advice · /hotline")


async def test_spanish_question_is_answered_in_spanish(harness: BotHarness) -> None:
    sent = await harness.feed(
        harness.payloads.text(ALICE, "¿Tengo que abrir la puerta a la policía?")
    )
    text = _texts(sent)
    assert text.startswith("¿Tengo que abrir la puerta?")
    assert "Revisado el 2026-11-26" in text and "Fuentes:" in text
    assert "Información general, no asesoría legal" in text


async def test_language_code_decides_when_the_question_is_ambiguous(harness: BotHarness) -> None:
    sent = await harness.feed(harness.payloads.text(ANA, "Face ID"))
    assert "Fuentes:" in _texts(sent) or "No tengo una respuesta revisada" in _texts(sent)


@pytest.mark.parametrize(
    ("person", "expected"),
    [(ALICE, "I don't have a vetted answer"), (ANA, "No tengo una respuesta revisada")],
)
async def test_off_topic_question_abstains_kindly(
    harness: BotHarness, person: Person, expected: str
) -> None:
    question = (
        "Who won the football game last night?"
        if person is ALICE
        else "¿Quién ganó el partido de fútbol anoche?"
    )
    sent = await harness.feed(harness.payloads.text(person, question))
    assert len(sent) == 1 and expected in sent[0].text and "/hotline" in sent[0].text
    assert sent[0].links() == []


async def test_hotline_comes_from_the_knowledge_base_and_splits_at_4096(
    harness: BotHarness,
) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, "/hotline"))
    assert len(sent) >= 2
    assert all(utf16_len(m.text) <= MESSAGE_LIMIT for m in sent)
    assert utf16_len(sent[0].text) > MESSAGE_LIMIT - 600  # the long list fills the first message
    text = _texts(sent)
    assert "555-0100" in text and "📞 Riverdale" in text and "Reviewed on 2026-11-20" in text
    assert all(line.startswith("•") for line in text.splitlines() if "📞" in line)


async def test_hotline_in_spanish(harness: BotHarness) -> None:
    text = _texts(await harness.feed(harness.payloads.text(ANA, "/hotline")))
    assert "Línea Legal de Prueba" in text and "Revisado el 2026-11-20" in text


async def test_knowledge_and_markdown_characters_are_escaped(harness: BotHarness) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, "/hotline"))
    raw = sent[0].raw_text
    assert "time &amp; place" in raw and "&lt;before&gt;" in raw and "1 &lt; 2 &gt; 0" in raw
    assert "<b>Test Legal Hotline</b>" in raw
    assert "Keep *asterisks*, _underscores_ and `backticks` as they are." in sent[0].text
    sources = next(m for m in sent if "Sources:" in m.text)
    assert "Test source: hotlines & <jail support> list" in sources.text
    assert "https://example.org/hotlines?a=1&b=2" in sources.links()


async def test_group_ask_replies_to_the_asking_message(harness: BotHarness) -> None:
    update = harness.payloads.text(ALICE, "/ask Can I film the police?", chat=GROUP)
    sent = await harness.feed(update)
    assert sent[0].chat_id == GROUP["id"]
    assert sent[0].reply_to_message_id == update["message"]["message_id"]
    assert "Recording" in sent[0].text or "film" in sent[0].text.lower()


async def test_group_ask_with_bot_name(harness: BotHarness) -> None:
    update = harness.payloads.text(ALICE, "/ask@kyr_test_bot Can I film the police?", chat=GROUP)
    sent = await harness.feed(update)
    assert sent and "Sources:" in _texts(sent)


async def test_ask_addressed_to_another_bot_is_ignored(harness: BotHarness) -> None:
    update = harness.payloads.text(ALICE, "/ask@other_bot Can I film the police?", chat=GROUP)
    assert await harness.feed(update) == []


async def test_empty_ask_gets_a_usage_hint(harness: BotHarness) -> None:
    sent = await harness.feed(harness.payloads.text(ANA, "/ask", chat=GROUP))
    assert len(sent) == 1 and sent[0].text.startswith("Uso: /ask")


async def test_group_mention_is_answered_and_chatter_is_not(harness: BotHarness) -> None:
    chatter = harness.payloads.text(ALICE, "anyone bringing water tomorrow?", chat=GROUP)
    assert await harness.feed(chatter) == []
    other = harness.payloads.text(ALICE, "@someone_else can I film the police?", chat=GROUP)
    assert await harness.feed(other) == []
    mention = harness.payloads.text(ALICE, "@kyr_test_bot can I film the police?", chat=GROUP)
    sent = await harness.feed(mention)
    assert sent and sent[0].reply_to_message_id == mention["message"]["message_id"]


@pytest.mark.parametrize("kind", ["sticker", "voice", "document", "location"])
async def test_non_text_messages_get_a_friendly_reply(harness: BotHarness, kind: str) -> None:
    payload = getattr(harness.payloads, kind)(ANA)
    sent = await harness.feed(payload)
    assert len(sent) == 1 and "Solo puedo leer preguntas escritas" in sent[0].text


async def test_a_photo_gets_the_photo_safety_offer(harness: BotHarness) -> None:
    """Photos are offered face covering (tests/test_bot_photos.py covers the rest)."""
    payload = harness.payloads.photo(ANA)
    sent = await harness.feed(payload)
    assert len(sent) == 1 and "Puedo tapar cada cara" in sent[0].text
    assert sent[0].reply_to_message_id == payload["message"]["message_id"]


async def test_non_text_in_groups_is_ignored(harness: BotHarness) -> None:
    assert await harness.feed(harness.payloads.photo(ALICE, chat=GROUP)) == []


async def test_edited_commands_other_than_ask_are_ignored(harness: BotHarness) -> None:
    first = harness.payloads.text(ALICE, "hello")
    harness.core.remember(first)
    edited = harness.payloads.edited_text(ALICE, first["message"]["message_id"], "/start")
    assert await harness.feed(edited) == []


async def test_throttle_sends_one_notice_then_stays_silent(harness: BotHarness) -> None:
    # The harness allows 5 questions per window.
    replies = [
        await harness.feed(harness.payloads.text(ALICE, "Can I film the police?")) for _ in range(8)
    ]
    assert all(len(r) >= 1 and "Sources:" in _texts(r) for r in replies[:5])
    assert len(replies[5]) == 1 and "wait a minute" in replies[5][0].text
    assert replies[6] == [] and replies[7] == []
    other = await harness.feed(harness.payloads.text(ANA, "¿Puedo grabar a la policía?"))
    assert other, "someone else is not throttled"


async def test_inline_question_returns_passages(harness: BotHarness) -> None:
    update = harness.payloads.inline_query(ALICE, "can I film the police")
    assert await harness.feed(update) == []
    answer = harness.core.inline_answers[-1]
    assert 1 <= len(answer.results) <= 3 and answer.is_personal and answer.cache_time == 300
    first = answer.results[0]
    assert first["type"] == "article" and first["title"] == "Recording the police"
    assert first["description"] and "\n" not in first["description"]
    content = first["input_message_content"]
    parsed = parse_html(content["message_text"])
    assert "Reviewed on" in parsed.text and "not legal advice" in parsed.text
    assert any(e["type"] == "text_link" for e in parsed.entities)
    assert content["link_preview_options"] == {"is_disabled": True}


async def test_private_and_inline_show_the_cores_list_in_its_order(
    harness: BotHarness, bot_retriever: Retriever
) -> None:
    question = "Can police use face recognition on me?"
    hits = bot_retriever.search(question, k=3, preferred="en").hits
    assert len(hits) == 3 and len({h.article.id for h in hits}) == 2  # one article twice
    sent = await harness.feed(harness.payloads.text(ALICE, question))
    assert len(sent) == 1 and sent[0].text.startswith(hits[0].passage.heading)
    rows = (sent[0].reply_markup or {}).get("inline_keyboard", [])
    also = [b["text"] for row in rows for b in row if b["text"].startswith("Also: ")]
    assert also == [also_label(h.passage, "en") for h in hits[1:]]
    await harness.feed(harness.payloads.inline_query(ALICE, question))
    results = harness.core.inline_answers[-1].results
    assert [r["title"] for r in results] == [h.article.title for h in hits]
    assert len({r["id"] for r in results}) == 3


@pytest.mark.parametrize("query", ["", "a", "?? "])
async def test_short_inline_query_returns_the_essentials(harness: BotHarness, query: str) -> None:
    await harness.feed(harness.payloads.inline_query(ANA, query))
    titles = [r["title"] for r in harness.core.inline_answers[-1].results]
    # The essential topics the fixtures have; Spanish where a translation exists.
    assert titles == ["La policía en su puerta", "If you are arrested at a protest"]


async def test_inline_abstention_sends_legal_help(harness: BotHarness) -> None:
    await harness.feed(
        harness.payloads.inline_query(ALICE, "What is the weather in Paris tomorrow?")
    )
    results = harness.core.inline_answers[-1].results
    assert len(results) == 1 and results[0]["title"] == "No vetted answer: get legal help"
    message = parse_html(results[0]["input_message_content"]["message_text"]).text
    assert "555-0100" in message and utf16_len(message) <= MESSAGE_LIMIT


async def test_a_failing_handler_apologises_and_logs_no_content(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(bot.handlers, "ask", broken)
    quiet_noisy_loggers("DEBUG")  # as python -m bot does at its most verbose level
    question = "Can I film the police? my name is Alice"
    with caplog.at_level(logging.DEBUG):
        sent = await harness.feed(harness.payloads.text(ALICE, question))
    assert len(sent) == 1 and sent[0].text.startswith("Sorry, something went wrong")
    assert "RuntimeError" in caplog.text
    for secret in (question, "Alice", str(ALICE.id), "alice_nyc", TOKEN):
        assert secret not in caplog.text


async def test_answer_logs_carry_no_text_names_or_ids(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    question = "Police are at my door. Must I open?"
    quiet_noisy_loggers("DEBUG")
    with caplog.at_level(logging.DEBUG):
        sent = await harness.feed(harness.payloads.text(ALICE, question))
    assert "channel=private" in caplog.text
    for secret in (question, sent[0].text[:40], "Alice", str(ALICE.id), "alice_nyc", TOKEN):
        assert secret not in caplog.text


async def test_the_bot_shows_what_ask_json_lists(
    harness: BotHarness,
    bot_retriever: Retriever,
    bot_knowledge_dir: Path,
    bot_index_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One list: the first passage and the "Also" buttons are `ask --json`'s passages, in order."""
    question = "Can police use face recognition on me?"
    argv = ["ask", "--json", "--knowledge", str(bot_knowledge_dir)]
    assert cli_main([*argv, "--index-dir", str(bot_index_dir), "--lang", "en", question]) == 0
    listed = [p["id"] for p in json.loads(capsys.readouterr().out)["passages"]]
    by_id = {
        p.id: p for a in bot_retriever.knowledge.articles for p in bot_retriever.passages_of(a)
    }
    sent = await harness.feed(harness.payloads.text(ALICE, question))
    assert len(listed) >= 2 and sent[0].text.startswith(by_id[listed[0]].heading)
    rows = (sent[0].reply_markup or {}).get("inline_keyboard", [])
    also = [b["text"] for row in rows for b in row if b["text"].startswith("Also: ")]
    assert also == [also_label(by_id[i], "en") for i in listed[1:]]
