"""Rendering: escaping, Telegram's UTF-16 length, splitting at paragraph boundaries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram_html import MESSAGE_LIMIT, EntityParseError, parse_html

from bot.document import Folded, Span, folded, markdown_paragraphs, paragraph, plain
from bot.rendering import (
    render_html,
    render_html_single,
    render_plain,
    split_document,
    utf16_len,
    visible_length,
)


def test_every_special_character_is_escaped() -> None:
    document = (paragraph("a < b > c & d \"q\" 'x' *s* _u_ `c` [l](u) <b>x</b>"),)
    (html,) = render_html(document)
    assert "<b>" not in html.replace("&lt;b&gt;", "")
    assert parse_html(html).text == plain(document[0])


def test_bold_and_links_become_tags_with_escaped_attributes() -> None:
    document = (
        paragraph(Span("Q&A", bold=True), " ", Span("src <1>", url='https://x.org/?a=1&b="2"')),
    )
    (html,) = render_html(document)
    assert html == (
        '<b>Q&amp;A</b> <a href="https://x.org/?a=1&amp;b=&quot;2&quot;">src &lt;1&gt;</a>'
    )
    parsed = parse_html(html)
    assert parsed.entities[1]["url"] == 'https://x.org/?a=1&b="2"'


def test_markdown_paragraphs_bullets_and_bold() -> None:
    paragraphs = markdown_paragraphs("One **two** three.\n\n- first\n- **second**\n\n\n")
    assert [plain(p) for p in paragraphs] == ["One two three.", "• first\n• second"]
    assert paragraphs[0][1] == Span("two", bold=True)


def test_emoji_count_two_units_and_splitting_respects_4096() -> None:
    emoji_paragraph = paragraph("😀" * 1500)  # 3000 UTF-16 units, 1500 characters
    document = (emoji_paragraph, emoji_paragraph)
    messages = render_html(document)
    assert len(messages) == 2  # two paragraphs of 3000 units do not fit in one message
    assert all(utf16_len(parse_html(m).text) <= MESSAGE_LIMIT for m in messages)


def test_split_happens_at_paragraph_boundaries_when_possible() -> None:
    document = tuple(paragraph(f"Paragraph {i}: " + "word " * 150) for i in range(12))
    chunks = split_document(document)
    assert len(chunks) > 1
    assert [p for chunk in chunks for p in chunk] == list(document)


def test_a_paragraph_longer_than_a_message_is_cut_at_line_breaks() -> None:
    lines = "\n".join(f"• 📞 line {i} " + "x" * 80 for i in range(80))
    chunks = split_document((paragraph(lines),))
    assert len(chunks) >= 2
    for chunk in chunks:
        text = "\n\n".join(plain(p) for p in chunk)
        assert utf16_len(text) <= MESSAGE_LIMIT
        assert all(line.startswith("• 📞 line") for line in text.splitlines() if line)


def test_single_message_keeps_the_tail_and_marks_the_cut() -> None:
    body = tuple(paragraph("😀 " * 700) for _ in range(4))
    tail = (paragraph("Sources: x"), paragraph("not legal advice"))
    html = render_html_single(body, tail)
    text = parse_html(html).text
    assert utf16_len(text) <= MESSAGE_LIMIT
    assert text.endswith("…\n\nSources: x\n\nnot legal advice")


def test_plain_rendering_shows_link_targets() -> None:
    document = (paragraph(Span("ACLU", url="https://aclu.org")), paragraph(Span("x", bold=True)))
    assert render_plain(document) == "ACLU (https://aclu.org)\n\nx"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.text(min_size=1, max_size=700), st.booleans()), min_size=1, max_size=4
        ),
        min_size=1,
        max_size=12,
    )
)
def test_any_text_renders_to_valid_messages_within_the_limit(
    raw: list[list[tuple[str, bool]]],
) -> None:
    document = tuple(tuple(Span(text, bold) for text, bold in par) for par in raw)
    for html in render_html(document):
        parsed = parse_html(html)  # raises on anything Telegram would reject
        assert utf16_len(parsed.text) <= MESSAGE_LIMIT


def test_a_folded_paragraph_is_one_expandable_quote() -> None:
    document = (
        paragraph("Heading"),
        folded("Sources: ", Span("A & B", url="https://example.org/a?x=1&y=2"), "\nC\nD\nE"),
    )
    (html,) = render_html(document)
    assert html.count("<blockquote expandable>") == 1 and html.endswith("</blockquote>")
    parsed = parse_html(html)
    (quote,) = [e for e in parsed.entities if e["type"] == "expandable_blockquote"]
    assert parsed.text[quote["offset"] :] == "Sources: A & B\nC\nD\nE"
    assert render_plain(document).endswith(
        "Sources: A & B (https://example.org/a?x=1&y=2)\nC\nD\nE"
    )
    assert visible_length(document) == len("Heading\n\nSources: A & B\nC\nD")
    assert isinstance(folded("x"), Folded)


def test_a_long_folded_paragraph_stays_folded_when_split() -> None:
    long = folded("\n".join(f"source number {i}" for i in range(600)))
    pages = render_html((long,))
    assert len(pages) > 1
    assert all(p.startswith("<blockquote expandable>") for p in pages)
    assert all(len(parse_html(p).text) <= 4096 for p in pages)
    assert isinstance(long, Folded)


@pytest.mark.parametrize(
    "html",
    [
        "<blockquote>a<blockquote>b</blockquote></blockquote>",
        "<blockquote expandable>a<blockquote expandable>b</blockquote></blockquote>",
        "<blockquote>a <b>b <blockquote expandable>c</blockquote></b></blockquote>",
    ],
)
def test_the_emulator_refuses_nested_quotes_as_telegram_does(html: str) -> None:
    with pytest.raises(EntityParseError, match="nested"):
        parse_html(html)
