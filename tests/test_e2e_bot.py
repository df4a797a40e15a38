"""End to end: ``python -m bot`` as a subprocess against the local Bot API emulator over HTTP."""

from __future__ import annotations

import pytest
from bot_fixtures import TOKEN, RunningBot
from botapi_core import SentMessage
from telegram_html import MESSAGE_LIMIT, parse_html, utf16_len
from telegram_payloads import Person, group_chat

pytestmark = pytest.mark.slow

# Distinctive ids and names, so finding one in the logs cannot be a coincidence.
ALICE = Person(73110001, "Alicezq", "en", "alice_e2e")
ANA = Person(73110002, "Anazq", "es", "ana_e2e")
BOB = Person(73110003, "Bobzq", "en", "bob_e2e")
CARLA = Person(73110004, "Carlazq", "en", "carla_e2e")
DAN = Person(73110005, "Danzq", "en", "dan_e2e")
EVA = Person(73110006, "Evazq", "es", "eva_e2e")
GROUP = group_chat(-1007311555, "Legal support e2e")
QUESTIONS: list[str] = []


def _ask(bot: RunningBot, person: Person, text: str, chat: dict | None = None) -> list[SentMessage]:  # type: ignore[type-arg]
    """Send ``text`` and wait for the reply that ends with the way to legal help."""
    QUESTIONS.append(text)
    mark = bot.api.mark()
    bot.api.send_text(person, text, chat)
    chat_id = chat["id"] if chat else person.id
    return bot.api.wait_for_messages(
        chat_id, since=mark, until=lambda ms: any("/hotline" in m.text for m in ms), timeout=60
    )


def test_commands_were_registered_in_both_languages(running_bot: RunningBot) -> None:
    commands = running_bot.api.core.commands
    assert {c["command"] for c in commands[("default", "")]} >= {"start", "help", "hotline"}
    assert commands[("default", "es")][0]["description"] == "Qué hace este bot"


def test_private_question_is_answered_with_source_and_date(running_bot: RunningBot) -> None:
    sent = _ask(running_bot, ALICE, "The police are knocking at my door. Do I have to open it?")
    text = "\n".join(m.text for m in sent)
    assert text.startswith("Do I have to open the door?")
    assert "Reviewed on 2026-11-26" in text
    assert "https://www.aclu.org/know-your-rights/police-at-your-door" in sent[0].links()
    assert "General information, not legal advice" in text
    assert all(utf16_len(m.text) <= MESSAGE_LIMIT for m in sent)


def test_spanish_question_is_answered_in_spanish(running_bot: RunningBot) -> None:
    sent = _ask(running_bot, ALICE, "La policía está en mi puerta, ¿tengo que abrir?")
    text = "\n".join(m.text for m in sent)
    assert text.startswith("¿Tengo que abrir la puerta?")
    assert "Revisado el 2026-11-26" in text and "no asesoría legal" in text


def test_off_topic_question_is_abstained(running_bot: RunningBot) -> None:
    sent = _ask(running_bot, BOB, "Who won the football game last night?")
    assert len(sent) == 1
    assert sent[0].text.startswith("I don't have a vetted answer for that")
    assert sent[0].links() == []


def test_group_ask_replies_to_the_asking_message(running_bot: RunningBot) -> None:
    mark = running_bot.api.mark()
    update = running_bot.api.send_text(CARLA, "/ask@kyr_test_bot Can I film the police?", GROUP)
    QUESTIONS.append("Can I film the police?")
    sent = running_bot.api.wait_for_messages(
        GROUP["id"], since=mark, until=lambda ms: any("not legal advice" in m.text for m in ms)
    )
    assert sent[0].reply_to_message_id == update["message"]["message_id"]
    assert sent[0].text.startswith("Can I film the police?")  # the shortest form
    (link,) = [b for row in sent[0].reply_markup["inline_keyboard"] for b in row]  # type: ignore[index]
    assert link["url"].startswith("https://t.me/kyr_test_bot?start=a_")
    mark = running_bot.api.mark()
    running_bot.api.send_text(CARLA, "is anyone bringing water?", GROUP)
    running_bot.api.send_text(CARLA, "/ask", GROUP)
    usage = running_bot.api.wait_for_messages(GROUP["id"], since=mark)
    assert [m.text.split(":")[0] for m in usage] == ["Usage"]  # the chatter got no reply


def test_inline_query_returns_passages(running_bot: RunningBot) -> None:
    QUESTIONS.append("can I record the police")
    query = running_bot.api.send_inline_query(DAN, "can I record the police")["inline_query"]
    answer = running_bot.api.wait_for_inline_answer(query["id"])
    assert 1 <= len(answer.results) <= 3
    first = answer.results[0]
    assert first["title"] == "Recording the police"
    message = parse_html(first["input_message_content"]["message_text"])
    assert "Reviewed on" in message.text and "not legal advice" in message.text


def test_photo_gets_the_photo_safety_offer(running_bot: RunningBot) -> None:
    mark = running_bot.api.mark()
    running_bot.api.push(running_bot.api.payloads.photo(EVA))
    sent = running_bot.api.wait_for_messages(EVA.id, since=mark)
    assert sent[0].text.startswith("Puedo tapar cada cara de esta foto")


def test_logs_contain_no_texts_ids_names_or_token(running_bot: RunningBot) -> None:
    _ask(running_bot, EVA, "¿Me pueden obligar a desbloquear mi teléfono con la cara?")
    _ask(running_bot, ALICE, "/hotline")
    logs = running_bot.logs()
    assert "question answered" in logs or "question abstained" in logs  # it does log events
    secrets = [TOKEN, TOKEN.split(":")[1], *QUESTIONS]
    for person in (ALICE, ANA, BOB, CARLA, DAN, EVA):
        secrets += [str(person.id), person.first_name, person.username or ""]
    secrets.append(str(GROUP["id"]))
    for message in running_bot.api.core.outbox:
        secrets += [line for line in message.text.splitlines() if len(line) > 25]
    leaked = [s for s in secrets if s and s in logs]
    assert leaked == [], f"logs leak: {leaked[:5]}"
