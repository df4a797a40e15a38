"""Reply composition: declines, the first passage alone in a phone's shape, the terminal too."""

from __future__ import annotations

import pytest
from telegram_html import parse_html

from bot.choices import LABEL_LIMIT, also_label, answer_choices
from bot.document import Folded, plain
from bot.rendering import render_html, render_plain, visible_length
from bot.replies import compose_answer, compose_group, fixed
from bot.terminal import TerminalChat
from index import GREETING, Answer, Retriever
from index.models import PassageMeta, Source

FACES = "Can police use face recognition on me?"  # two passages of one article, one of another


@pytest.mark.parametrize(
    ("reason", "lang", "start"),
    [
        ("refused", "en", "I can't help with that"),
        ("refused", "es", "No puedo ayudar con eso"),
        ("low_confidence", "en", "I don't have a vetted answer"),
        ("low_confidence", "es", "No tengo una respuesta revisada"),
    ],
)
def test_abstentions_have_fixed_kind_texts(
    bot_retriever: Retriever, reason: str, lang: str, start: str
) -> None:
    answer = Answer(question="q", hits=[], abstained=True, reason=reason, lang=lang)  # type: ignore[arg-type]
    document = compose_answer(answer, bot_retriever)
    assert plain(document[0]).startswith(start) and "/hotline" in plain(document[-1])


@pytest.mark.parametrize(("lang", "start"), [("en", "Know your rights"), ("es", "Conozca sus")])
def test_a_greeting_is_greeted_with_what_the_bot_does(
    bot_retriever: Retriever, lang: str, start: str
) -> None:
    answer = Answer(
        question="hola",
        hits=[],
        abstained=True,
        reason="low_confidence",
        lang=lang,  # type: ignore[arg-type]
        decline_subject=GREETING,
    )
    document = compose_answer(answer, bot_retriever)
    assert plain(document[0]).startswith(start) and "/hotline" in plain(document[-1])


def test_the_first_message_holds_the_first_passage_alone(bot_retriever: Retriever) -> None:
    answer = bot_retriever.search(FACES, k=3, preferred="en")
    assert len(answer.hits) == 3
    document = compose_answer(answer, bot_retriever)
    first = answer.hits[0]
    assert plain(document[0]) == first.passage.heading
    assert all(h.passage.heading not in render_plain(document) for h in answer.hits[1:])
    folds = [p for p in document if isinstance(p, Folded)]
    assert len(folds) == 1 and plain(folds[0]).startswith(
        f"Sources: {first.article.sources[0].title}"
    )
    assert plain(document[-1]) == "General information, not legal advice · /hotline"
    (html,) = render_html(document)
    parsed = parse_html(html)
    assert [e["type"] for e in parsed.entities].count("expandable_blockquote") == 1


def test_the_rest_is_offered_as_choices(bot_retriever: Retriever) -> None:
    answer = bot_retriever.search(FACES, k=3, preferred="en")
    also = [h.passage for h in answer.hits[1:]]
    choices = answer_choices(bot_retriever, answer.hits[0].passage, also, "en")
    assert [c.kind for c in choices][:2] == ["also", "also"] and choices[-1].kind == "wrong"
    assert [c.passage for c in choices[:2]] == also
    assert all(c.label.startswith("Also: ") and len(c.label) <= LABEL_LIMIT for c in choices[:2])


def test_also_labels_are_cut_at_40_characters(bot_retriever: Retriever) -> None:
    passage = bot_retriever.search(FACES, k=3, preferred="en").hits[0].passage
    long = passage.model_copy(update={"heading": "What " * 20})
    assert len(also_label(long, "en")) == LABEL_LIMIT and also_label(long, "en").endswith("…")


def test_the_group_form_is_the_shortest(bot_retriever: Retriever) -> None:
    answer = bot_retriever.search(FACES, k=3, preferred="en")
    group = render_plain(compose_group(answer, bot_retriever))
    assert group.startswith(answer.hits[0].passage.heading)
    assert answer.hits[0].article.sources[0].url in group
    assert all(s.url not in group for s in answer.hits[0].article.sources[1:])
    assert visible_length(compose_group(answer, bot_retriever)) < visible_length(
        compose_answer(answer, bot_retriever)
    )


def test_the_terminal_shows_what_the_bot_shows_and_numbers_the_choices(
    bot_retriever: Retriever,
) -> None:
    answer = bot_retriever.search(FACES, k=3)
    chat = TerminalChat(bot_retriever)
    shown = chat.reply(FACES)
    assert shown[:-1] == compose_answer(answer, bot_retriever)
    lines = plain(shown[-1]).splitlines()
    assert lines[1].startswith("1. Also: ") and lines[-1].endswith("Wrong or outdated?")
    second = answer.hits[1]
    tapped = render_plain(chat.reply("1"))
    assert tapped.startswith(second.passage.heading) and "Sources: " in tapped


def test_terminal_language_and_region_hold_for_the_session(bot_retriever: Retriever) -> None:
    """/language and /region list their options as numbered lines, like the bot's buttons;
    the choice steers the next replies (nothing is stored)."""
    chat = TerminalChat(bot_retriever)
    menu = render_plain(chat.reply("/language"))
    assert "1. English" in menu and "2. Español" in menu
    assert render_plain(chat.reply("2")) == render_plain(fixed("language_set", "es"))
    assert chat.lang == "es"
    assert render_plain(chat.reply("/help")) == render_plain(fixed("terminal_help", "es"))
    places = render_plain(chat.reply("/region")).splitlines()
    numbered = [line for line in places if line[:1].isdigit()]
    assert numbered[-1].endswith("Cualquier lugar")
    first = numbered[0].split(". ", 1)[1]
    assert first in render_plain(chat.reply("1")) and chat.region is not None
    chat.reply("/region")
    assert render_plain(chat.reply(str(len(numbered)))) == render_plain(
        fixed("region_cleared", "es")
    )
    assert chat.region is None


def test_terminal_help_lists_only_what_works_there(bot_retriever: Retriever) -> None:
    chat = TerminalChat(bot_retriever)
    listed = [w.rstrip(":") for w in render_plain(chat.reply("/help")).split() if w[0] == "/"]
    assert listed and "/topics" not in listed
    for command in listed:
        if command == "/card":
            continue  # written to files by the chat loop (tests/test_e2e_terminal.py)
        reply = render_plain(chat.reply(f"{command} what is a warrant"))
        assert "I don't know that command" not in reply, command


def test_a_note_for_uncovered_places(bot_retriever: Retriever) -> None:
    answer = bot_retriever.search("Police are at my door, do I have to open it?", preferred="en")
    texas = answer.model_copy(update={"uncovered_place": "Texas"})
    document = compose_answer(texas, bot_retriever)
    assert plain(document[0]).startswith("Note: I have nothing vetted for Texas")


def test_one_line_says_rules_may_not_apply_in_the_uncovered_place_as_named(
    bot_retriever: Retriever,
) -> None:
    """Madrid stands under the EU code: the warning names Madrid, and says it once."""
    answer = bot_retriever.search("Police are at my door, do I have to open it?", preferred="en")
    madrid = answer.model_copy(update={"uncovered_place": "Madrid", "place": "EU"})
    document = compose_answer(madrid, bot_retriever)
    assert plain(document[0]).endswith("may not apply in Madrid.")
    assert not any("nothing vetted" in plain(p) for p in document)


def test_a_passage_shows_the_sources_that_back_it(bot_retriever: Retriever) -> None:
    """A passage whose `sources:` name some of its article's sources shows those alone; one
    that names none shows every source of its article, in their order."""
    answer = bot_retriever.search(FACES, k=3, preferred="en")
    hit = answer.hits[0]
    backing = Source(
        title="Backing source", url="https://example.org/backing", accessed="2026-12-06"
    )
    article = hit.article.model_copy(
        update={
            "sources": [*hit.article.sources, backing],
            "passages": {hit.passage.anchor: PassageMeta(sources=[backing.url])},
        }
    )
    named = answer.model_copy(update={"hits": [hit.model_copy(update={"article": article})]})
    (fold,) = [p for p in compose_answer(named, bot_retriever) if isinstance(p, Folded)]
    assert plain(fold) == "Sources: Backing source"
    assert plain(compose_group(named, bot_retriever)[-1]).startswith("Sources: Backing source")
    unnamed = article.model_copy(update={"passages": {}})
    plain_answer = answer.model_copy(update={"hits": [hit.model_copy(update={"article": unnamed})]})
    (fold,) = [p for p in compose_answer(plain_answer, bot_retriever) if isinstance(p, Folded)]
    assert plain(fold).split("\n")[-1] == "Backing source"
    assert plain(fold).startswith(f"Sources: {hit.article.sources[0].title}")
