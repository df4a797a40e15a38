"""Fast tests of /language, /region, the "other place" notes, /forget and per-person memory."""

from __future__ import annotations

import asyncio

import pytest
from bot_fixtures import BotHarness
from botapi_core import SentMessage
from telegram_payloads import Person, group_chat

from bot.memory import DELETABLE_SECONDS, Memory

BEA = Person(3001, "Bea", "en")
CRUZ = Person(3002, "Cruz", "es")
QUESTION = "Can police use face recognition on protesters?"


def _labels(message: SentMessage) -> list[str]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


async def _tap(
    harness: BotHarness, person: Person, message: SentMessage, label: str
) -> list[SentMessage]:
    return await harness.tap(person, message, harness.button(message, label))


async def _choose(harness: BotHarness, person: Person, command: str, label: str) -> SentMessage:
    prompt = (await harness.feed(harness.payloads.text(person, command)))[0]
    assert await harness.tap(person, prompt, harness.button(prompt, label)) == []
    assert harness.core.callback_answers[-1].get("text") is None
    return prompt


async def test_language_button_steers_fixed_texts_and_answers(harness: BotHarness) -> None:
    prompt = await _choose(harness, BEA, "/language", "Español")
    assert prompt.edited and prompt.text == "Desde ahora responderé en español."
    help_text = (await harness.feed(harness.payloads.text(BEA, "/help")))[0].text
    assert help_text.startswith("Escriba su pregunta")
    welcome = (await harness.feed(harness.payloads.text(BEA, "/start")))[0]
    assert "🚪 La policía está en mi puerta" in _labels(welcome)
    # Topics open in the chosen language (questions: a confidently detected language wins).
    opened = await harness.feed(harness.payloads.text(BEA, "/start police-at-door"))
    assert opened[0].text.startswith("La policía en su puerta")
    await _choose(harness, BEA, "/language", "English")
    assert (await harness.feed(harness.payloads.text(BEA, "/help")))[0].text.startswith("Write")


async def test_region_prompt_lists_the_places(harness: BotHarness) -> None:
    prompt = (await harness.feed(harness.payloads.text(CRUZ, "/region")))[0]
    assert _labels(prompt) == [
        "Ciudad de Nueva York",
        "Estado de Nueva York",
        "Estados Unidos",
        "Unión Europea",
        "Reino Unido",
        "Cualquier lugar",
    ]


@pytest.mark.parametrize("place", ["United States", "European Union"])
async def test_region_decides_which_passage_comes_first(harness: BotHarness, place: str) -> None:
    prompt = await _choose(harness, BEA, "/region", place)
    assert prompt.text == f"Rules for {place} now come first."
    answer = await harness.feed(harness.payloads.text(BEA, QUESTION))
    assert f"Applies to: {place} ·" in answer[0].text


async def test_hits_for_another_place_are_labelled(harness: BotHarness) -> None:
    await _choose(harness, BEA, "/region", "European Union")
    sent = await harness.feed(harness.payloads.text(BEA, QUESTION))
    assert "Applies to: European Union" in sent[0].text and "⚠️" not in sent[0].text
    also = [label for label in _labels(sent[0]) if label.startswith("Also: ")]
    opened = [m for label in also for m in await _tap(harness, BEA, sent[0], label)]
    label = "⚠️ These rules are for United States and may not apply in European Union."
    assert len(opened) == len(also) and any(m.text.startswith(label) for m in opened)
    await _choose(harness, BEA, "/region", "Anywhere")
    text = "\n".join(m.text for m in await harness.feed(harness.payloads.text(BEA, QUESTION)))
    assert "⚠️" not in text


async def test_a_place_the_knowledge_base_does_not_cover_is_named(harness: BotHarness) -> None:
    sent = await harness.feed(
        harness.payloads.text(BEA, "Can police use face recognition on protesters in Texas?")
    )
    text = "\n".join(m.text for m in sent)
    assert text.startswith("Note: I have nothing vetted for Texas itself.")


async def test_forget_deletes_the_chats_messages_and_then_its_note(harness: BotHarness) -> None:
    asked = harness.payloads.text(BEA, "Police are at my door. Must I open?")
    replies = await harness.feed(asked)
    await _choose(harness, BEA, "/language", "Español")
    forget = harness.payloads.text(BEA, "/forget")
    confirmation = await harness.feed(forget)
    chat = BEA.id
    expected = {(chat, asked["message"]["message_id"]), (chat, forget["message"]["message_id"])}
    expected |= {(chat, m.message_id) for m in replies}
    assert expected <= harness.core.deleted
    assert len(confirmation) == 1 and confirmation[0].text.startswith("Borré")
    await asyncio.sleep(0.5)  # the harness sets the note's lifetime to 0.2 s
    assert confirmation[0].deleted
    help_text = (await harness.feed(harness.payloads.text(BEA, "/help")))[0].text
    assert help_text.startswith("Write your question"), "the language choice was forgotten"


async def test_forget_in_a_group_points_to_the_private_chat(harness: BotHarness) -> None:
    group = group_chat(-100999)
    sent = await harness.feed(harness.payloads.text(BEA, "/forget", chat=group))
    assert sent[0].text.startswith("Use /forget in a private chat")
    assert harness.core.deleted == set()


async def test_privacy_mentions_forget_and_what_is_kept(harness: BotHarness) -> None:
    text = (await harness.feed(harness.payloads.text(BEA, "/privacy")))[0].text
    assert "/forget" in text and "24 hours" in text and "48 hours" in text


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_memory_forgets_people_after_a_day_idle() -> None:
    clock = FakeClock()
    memory = Memory(clock=clock)
    memory.set_lang(1, "es")
    memory.set_region(2, "EU")
    clock.now += 23 * 3600
    assert memory.lang(1) == "es"
    memory.touch(1)  # activity renews the record
    clock.now += 2 * 3600
    assert memory.lang(1) == "es" and memory.region(2) is None
    clock.now += 25 * 3600
    memory.touch(3)  # sweeps
    assert len(memory) == 1


def test_memory_keeps_only_deletable_message_ids() -> None:
    clock = FakeClock()
    memory = Memory(idle=1e9, clock=clock)
    memory.note_message(1, 10)
    clock.now += DELETABLE_SECONDS - 1
    memory.note_message(1, 11)
    clock.now += 2
    assert memory.deletable_messages(1) == [11]
    memory.forget(1)
    assert memory.deletable_messages(1) == [] and len(memory) == 0
