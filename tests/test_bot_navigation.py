"""Fast tests of part 2's buttons: urgent paths, deep links, /topics, and the answer buttons.

Real ``Update`` payloads (messages and callback queries) go through
``Application.process_update``; ``BotApiCore`` applies Telegram's checks to every send and
edit, and records callback answers.
"""

from __future__ import annotations

from typing import Any

import pytest
from bot_fixtures import MODERATOR_ID, BotHarness
from botapi_core import SentMessage
from telegram_payloads import Person, group_chat

ALICE = Person(2001, "Alice", "en")
ANA = Person(2002, "Ana", "es")
MOD = Person(MODERATOR_ID, "Mo", "en")
GROUP = group_chat(-100888)


def _labels(message: SentMessage) -> list[str]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


def _all_data(message: SentMessage) -> list[str]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row]


def _last_answer(harness: BotHarness) -> dict[str, Any]:
    return harness.core.callback_answers[-1]


async def _start(harness: BotHarness, person: Person) -> SentMessage:
    sent = await harness.feed(harness.payloads.text(person, "/start"))
    assert len(sent) == 1
    return sent[0]


async def test_start_shows_three_urgent_paths_and_all_topics(harness: BotHarness) -> None:
    welcome = await _start(harness, ALICE)
    assert _labels(welcome) == [
        "🚪 Police are at my door",
        "🚓 I was arrested",
        "📱 Before a protest",
        "📚 All topics",
    ]
    assert all(len(d.encode()) <= 64 for d in _all_data(welcome))
    spanish = await _start(harness, ANA)
    assert _labels(spanish)[:3] == [
        "🚪 La policía está en mi puerta",
        "🚓 Me arrestaron",
        "📱 Antes de una protesta",
    ]


@pytest.mark.parametrize(
    ("label", "title", "first_heading"),
    [
        ("🚪 Police are at my door", "Police at your door", "Do I have to open the door?"),
        ("🚓 I was arrested", "If you are arrested at a protest", "What should I do right now"),
        ("📱 Before a protest", "Getting your phone ready for a protest", "What should I do"),
    ],
)
async def test_urgent_path_opens_the_articles_first_passages(
    harness: BotHarness, label: str, title: str, first_heading: str
) -> None:
    welcome = await _start(harness, ALICE)
    sent = await harness.tap(ALICE, welcome, harness.button(welcome, label))
    assert len(sent) == 1, "one new message; the welcome stays"
    assert sent[0].text.startswith(title) and first_heading in sent[0].text
    assert "Sources:" in sent[0].text and "not legal advice" in sent[0].text
    assert _last_answer(harness).get("text") is None  # answered at once, silently
    assert "Wrong or outdated?" in _labels(sent[0])


async def test_spanish_urgent_path_opens_the_spanish_article(harness: BotHarness) -> None:
    welcome = await _start(harness, ANA)
    sent = await harness.tap(
        ANA, welcome, harness.button(welcome, "🚪 La policía está en mi puerta")
    )
    assert sent[0].text.startswith("La policía en su puerta")
    assert "¿Incorrecto o desactualizado?" in _labels(sent[0])


@pytest.mark.parametrize("slug", ["police-at-door", "police-at-door-es"])
async def test_deep_link_opens_the_topic(harness: BotHarness, slug: str) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, f"/start {slug}"))
    spanish = slug.endswith("-es")  # an article id works too; buttons follow its language
    expected = "La policía en su puerta" if spanish else "Police at your door"
    assert len(sent) == 1 and sent[0].text.startswith(expected)
    assert ("¿Incorrecto o desactualizado?" if spanish else "Wrong or outdated?") in _labels(
        sent[0]
    )


@pytest.mark.parametrize("payload", ["no-such-topic", "bad!slug", "x" * 65, "police-at-door%20"])
async def test_unknown_or_malformed_deep_link_gets_the_welcome(
    harness: BotHarness, payload: str
) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, f"/start {payload}"))
    assert len(sent) == 1
    assert sent[0].text.startswith("That link points to a topic I don't have")
    assert "not a lawyer" in sent[0].text and "🚪 Police are at my door" in _labels(sent[0])


async def test_topics_navigate_in_place(harness: BotHarness) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, "/topics"))
    menu, count = sent[0], len(harness.core.outbox)
    assert menu.text.startswith("Topics") and "Police at your door" in _labels(menu)
    assert "Filming police" in _labels(menu) and "Accuracy and bias" not in _labels(menu)
    assert await harness.tap(ALICE, menu, harness.button(menu, "Police at your door")) == []
    assert menu.edited and menu.text.startswith("Police at your door: choose a topic")
    assert _labels(menu) == ["Police at your door", "« All subjects"]
    assert await harness.tap(ALICE, menu, harness.button(menu, "Police at your door")) == []
    assert menu.text.startswith("Police at your door\n\nDo I have to open the door?")
    assert "Reviewed on" in menu.text and "not legal advice" in menu.text
    assert _labels(menu)[-2:] == ["Wrong or outdated?", "« All subjects"]
    assert await harness.tap(ALICE, menu, harness.button(menu, "« All subjects")) == []
    assert menu.text.startswith("Topics") and len(harness.core.outbox) == count


async def test_more_on_this_sends_the_next_passages(harness: BotHarness) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, "/start arrested-at-protest"))
    assert "When will I get a lawyer?" in sent[0].text  # first two passages
    more = await harness.tap(ALICE, sent[0], harness.button(sent[0], "More on this"))
    assert len(more) == 1 and "Will police keep my phone?" in more[0].text
    assert "What should I do right now" not in more[0].text
    assert "More on this" not in _labels(more[0])  # nothing follows the last passage


async def test_related_lists_topics_of_the_same_category(harness: BotHarness) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, "/start phone-prep"))
    related = await harness.tap(ALICE, sent[0], harness.button(sent[0], "Related"))
    assert len(related) == 1 and related[0].text.startswith("Related topics")
    assert _labels(related[0]) == ["Turning off Face ID and fingerprint unlock"]
    tapped = harness.button(related[0], "Turning off Face ID and fingerprint unlock")
    assert await harness.tap(ALICE, related[0], tapped) == []
    assert related[0].text.startswith("Turning off Face ID and fingerprint unlock")


async def test_answers_carry_the_buttons_and_related_is_left_out_when_empty(
    harness: BotHarness,
) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, "Can I film the police?"))
    assert _labels(sent[-1]) == ["More on this", "Wrong or outdated?"]  # filming: alone in H
    assert all(m.reply_markup is None for m in sent[:-1])


async def test_group_answers_carry_the_buttons_too(harness: BotHarness) -> None:
    update = harness.payloads.text(ALICE, "/ask Police are at my door, must I open?", chat=GROUP)
    sent = await harness.feed(update)
    assert _labels(sent[-1]) == ["More in a private chat"]  # a deep link, not callbacks


async def test_wrong_or_outdated_counts_anonymously_and_thanks(harness: BotHarness) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, "Can I film the police?"))
    assert await harness.tap(ALICE, sent[-1], harness.button(sent[-1], "Wrong or outdated?")) == []
    assert _last_answer(harness)["text"].startswith("Thank you. Moderators will review")
    stats = await harness.feed(harness.payloads.text(MOD, "/stats"))
    text = stats[0].text
    assert "filming-police#film-police: 1" in text
    assert str(ALICE.id) not in text and "film the police" not in text


async def test_stale_or_unknown_buttons_say_the_answer_was_updated(harness: BotHarness) -> None:
    sent = await harness.feed(harness.payloads.text(ALICE, "Can I film the police?"))
    last = sent[-1]
    for data in ("m:AAAAAAAAAA", "w:gone", "t:no-such-topic", "k:Z", "g:MARS", "l:fr", "zz"):
        payload = harness.payloads.callback_query(ALICE, harness.core.message_json(last), data)
        assert await harness.feed(payload) == []
        answer = _last_answer(harness)
        assert answer["text"].startswith("This answer was updated since") and answer["show_alert"]


async def test_every_generated_button_fits_in_64_bytes(harness: BotHarness) -> None:
    await harness.feed(harness.payloads.text(ALICE, "/topics"))
    await harness.feed(harness.payloads.text(ALICE, "/region"))
    await harness.feed(harness.payloads.text(ALICE, "Police are at my door"))
    for message in harness.core.outbox:
        assert all(len(data.encode()) <= 64 for data in _all_data(message))


async def test_a_failing_button_answers_the_tap_and_apologises(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.topics

    def broken(*_: object) -> None:
        raise RuntimeError("simulated failure")

    welcome = await _start(harness, ALICE)
    monkeypatch.setattr(bot.topics, "compose_passages", broken)
    answers = len(harness.core.callback_answers)
    sent = await harness.tap(ALICE, welcome, harness.button(welcome, "🚓 I was arrested"))
    assert len(harness.core.callback_answers) == answers + 1
    assert len(sent) == 1 and sent[0].text.startswith("Sorry, something went wrong")
