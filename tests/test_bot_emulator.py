"""The Bot API emulator itself: Telegram's checks and python-telegram-bot's request shapes."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator

import pytest
import telegram
from botapi_checks import check_text, decode_params
from botapi_core import BotApiCore
from botapi_emulator import BotApiEmulator, Fault
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter
from telegram_html import EntityParseError, parse_html, utf16_len
from telegram_payloads import Person, group_chat

TOKEN = "42:EMULATOR"
ALICE = Person(1001)


@pytest.fixture
def api() -> Iterator[BotApiEmulator]:
    with BotApiEmulator(TOKEN) as emulator:
        yield emulator


@pytest.fixture
async def bot(api: BotApiEmulator) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(TOKEN, base_url=api.base_url) as client:
        yield client


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<b>bold</b> &amp; <i>it</i>", "bold & it"),
        ('<a href="https://x.org/?a=1&amp;b=2">link</a>', "link"),
        ("&lt;tag&gt; &quot;q&quot; &#128512; &#x1F600;", '<tag> "q" 😀 😀'),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        (
            '<pre><code class="language-python">x</code></pre>'
            "<blockquote expandable>q</blockquote>",
            "xq",
        ),
    ],
)
def test_valid_html_is_parsed_like_telegram(html: str, text: str) -> None:
    assert parse_html(html).text == text


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("é <p>", 'Unsupported start tag "p" at byte offset 3'),
        ("</b>", "Unexpected end tag at byte offset 0"),
        ("a & b", "Unsupported HTML entity at byte offset 2"),
        ("&nbsp;", "Unsupported HTML entity at byte offset 0"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
    ],
)
def test_invalid_html_is_rejected_with_telegrams_reason(html: str, reason: str) -> None:
    with pytest.raises(EntityParseError, match=reason.replace("(", r"\(")):
        parse_html(html)


def test_entity_offsets_count_utf16_units() -> None:
    parsed = parse_html("😀 <b>x</b>")
    assert parsed.entities == [{"type": "bold", "offset": 3, "length": 1}]
    assert utf16_len("😀a") == 3


def test_length_is_counted_after_entity_parsing() -> None:
    assert check_text("&amp;" * 4096, "HTML").text == "&" * 4096
    check_text("😀" * 2048, None)
    with pytest.raises(Exception, match="message is too long"):
        check_text("😀" * 2048 + "a", None)


def test_form_values_are_decoded_like_telegram_does() -> None:
    params = decode_params({"chat_id": "-100", "text": "123", "reply_markup": '{"a": 1}'})
    assert params == {"chat_id": -100, "text": "123", "reply_markup": {"a": 1}}


async def test_get_me_and_send_message_over_http(api: BotApiEmulator, bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.username == "kyr_test_bot" and me.supports_inline_queries
    update = api.send_text(ALICE, "hi")
    message = await bot.send_message(
        ALICE.id,
        "<b>hi</b> 😀",
        parse_mode=ParseMode.HTML,
        reply_parameters=telegram.ReplyParameters(update["message"]["message_id"]),
    )
    assert message.text == "hi 😀" and message.reply_to_message is not None
    assert message.date.year >= 2024  # seconds, not milliseconds
    assert api.messages_to(ALICE.id)[0].entities == [{"type": "bold", "offset": 0, "length": 2}]


async def test_telegram_errors_reach_the_client(api: BotApiEmulator, bot: telegram.Bot) -> None:
    api.send_text(ALICE, "hi")
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(ALICE.id, "<x>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(ALICE.id, "a" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(ALICE.id, " ")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(999, "x")
    assert api.messages_to(ALICE.id) == []


async def test_wrong_token_is_unauthorized(api: BotApiEmulator) -> None:
    with pytest.raises(InvalidToken):
        async with telegram.Bot("42:WRONG", base_url=api.base_url) as stranger:
            await stranger.get_me()


async def test_long_polling_honours_offset_timeout_and_allowed_updates(
    api: BotApiEmulator, bot: telegram.Bot
) -> None:
    assert await bot.get_updates(timeout=0) == ()
    first = api.send_text(ALICE, "one")
    api.send_inline_query(ALICE, "door")
    updates = await bot.get_updates(timeout=1, allowed_updates=["message"])
    assert [u.update_id for u in updates] == [first["update_id"]]
    again = await bot.get_updates(offset=first["update_id"] + 1, allowed_updates=[])
    assert len(again) == 1 and again[0].inline_query is not None
    waiting = asyncio.create_task(bot.get_updates(offset=again[0].update_id + 1, timeout=5))
    await asyncio.sleep(0.2)
    late = api.send_text(ALICE, "late")
    delivered = await asyncio.wait_for(waiting, 4)
    assert [u.update_id for u in delivered] == [late["update_id"]]


def test_a_second_poller_ends_the_first_with_conflict(api: BotApiEmulator) -> None:
    # python-telegram-bot serialises its own getUpdates calls, so use the core from two threads.
    outcome: list[str] = []

    def poll() -> None:
        try:
            api.core.call("getUpdates", {"timeout": 5})
            outcome.append("returned")
        except Exception as error:
            outcome.append(str(error))

    first = threading.Thread(target=poll)
    first.start()
    api.wait_until_polling()
    api.core.call("getUpdates", {"timeout": 0})
    first.join(5)
    assert outcome and outcome[0].startswith("409 Conflict: terminated by other getUpdates")


async def test_commands_inline_answers_and_callbacks(
    api: BotApiEmulator, bot: telegram.Bot
) -> None:
    await bot.set_my_commands([("start", "Start")], language_code="es")
    assert [c.command for c in await bot.get_my_commands(language_code="es")] == ["start"]
    with pytest.raises(BadRequest):
        await bot.set_my_commands([("Bad-Name", "x")])
    query = api.send_inline_query(ALICE, "door")["inline_query"]
    result = telegram.InlineQueryResultArticle(
        "r1", "Title", telegram.InputTextMessageContent("<b>x</b>", parse_mode=ParseMode.HTML)
    )
    await bot.answer_inline_query(query["id"], [result], cache_time=30)
    assert api.wait_for_inline_answer(query["id"]).results[0]["title"] == "Title"
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_inline_query(query["id"], [result])


async def test_edit_and_delete(api: BotApiEmulator, bot: telegram.Bot) -> None:
    api.send_text(ALICE, "hi", chat=group_chat())
    sent = await bot.send_message(-100123, "one")
    await bot.edit_message_text("two", chat_id=-100123, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("two", chat_id=-100123, message_id=sent.message_id)
    assert await bot.delete_message(-100123, sent.message_id)
    with pytest.raises(BadRequest, match="not found"):
        await bot.delete_message(-100123, sent.message_id)
    assert await bot.send_chat_action(-100123, "typing")


async def test_injected_faults_happen_before_the_request_is_accepted(
    api: BotApiEmulator, bot: telegram.Bot
) -> None:
    api.send_text(ALICE, "hi")
    api.inject_fault(Fault("flood", "sendMessage", retry_after=3))
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(ALICE.id, "x")
    assert flood.value.retry_after == 3
    api.inject_fault(Fault("status", "sendMessage", status=502))
    with pytest.raises(NetworkError):
        await bot.send_message(ALICE.id, "x")
    api.inject_fault(Fault("drop", "sendMessage"))
    with pytest.raises(NetworkError):
        await bot.send_message(ALICE.id, "x")
    assert api.messages_to(ALICE.id) == []
    await bot.send_message(ALICE.id, "x")
    assert len(api.messages_to(ALICE.id)) == 1


def test_core_can_be_used_without_http() -> None:
    core = BotApiCore()
    core.remember(
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "text": "x",
                "chat": {"id": 5, "type": "private"},
            },
        }
    )
    assert core.call("sendMessage", {"chat_id": 5, "text": "ok"})["message_id"] == 2
