"""Render a ``Document`` as Telegram HTML messages (escaped, split at 4096) or as plain text.

Telegram counts a message's length in UTF-16 code units of the text *after* entity parsing,
so an emoji counts 2 and ``&amp;`` counts 1.  Every span is escaped here and only ``<b>``,
``<a href>`` and (for a ``Folded`` paragraph) one level of ``<blockquote expandable>`` are
produced, so a "can't parse entities" error cannot happen.
"""

from __future__ import annotations

import html
import textwrap

from bot.document import Document, Folded, Paragraph, Span, plain

MESSAGE_LIMIT = 4096
_SEPARATOR = "\n\n"
_ELLIPSIS = Span("…")
_MIN_PIECE = 400  # below this, start a new message rather than cut a paragraph
FOLD_LINES = 3  # lines of an expandable block quote a phone shows before "show more"
PHONE_COLUMNS = 60  # characters a line holds, generously (a phone upright shows about 40)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def render_plain(document: Document) -> str:
    """Plain text for the terminal: links as ``title (url)``."""
    return _SEPARATOR.join(
        "".join(f"{s.text} ({s.url})" if s.url else s.text for s in p) for p in document
    )


def visible_length(document: Document, columns: int = PHONE_COLUMNS) -> int:
    """What a phone shows before any tap: everything outside folds, and a fold's first lines.

    Telegram shows the first three lines of a collapsed quote *as laid out*, so a fold's
    lines are wrapped at ``columns`` first (60 is wider than a phone held upright, so this
    over-counts). ``columns=0`` counts its first three text lines instead, unwrapped.
    """
    shown = [fold_preview(p, columns) if isinstance(p, Folded) else plain(p) for p in document]
    return utf16_len(_SEPARATOR.join(shown))


def fold_preview(paragraph: Paragraph, columns: int = PHONE_COLUMNS) -> str:
    """The first FOLD_LINES lines of a folded paragraph, wrapped at ``columns`` (0: unwrapped)."""
    lines: list[str] = []
    for line in plain(paragraph).split("\n"):
        lines += (textwrap.wrap(line, columns) or [""]) if columns else [line]
    return "\n".join(lines[:FOLD_LINES])


def render_html(document: Document, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Telegram HTML messages, each at most ``limit`` UTF-16 units once parsed."""
    return [_html(chunk) for chunk in split_document(document, limit)]


def render_html_single(body: Document, tail: Document, limit: int = MESSAGE_LIMIT) -> str:
    """One message: all of ``tail`` and as much of ``body`` as fits, ending in ``…`` if cut."""
    budget = limit - _length(tail) - len(_SEPARATOR)
    if _length(body) <= budget:
        return _html(body + tail)
    room = budget - len(_SEPARATOR) - utf16_len(_ELLIPSIS.text)
    kept: list[Paragraph] = []
    for whole in body:
        if _length((*kept, whole)) > room:
            if not kept:
                kept = _split_paragraph(whole, room)[:1]
            break
        kept.append(whole)
    return _html((*kept, (_ELLIPSIS,), *tail))


def split_document(document: Document, limit: int = MESSAGE_LIMIT) -> list[Document]:
    """Pack paragraphs into chunks of at most ``limit``; cut only paragraphs too long to fit.

    An oversized paragraph first fills what is left of the current chunk, so a long list
    does not leave a nearly empty message before it.
    """
    chunks: list[list[Paragraph]] = [[]]
    size = 0
    for whole in document:
        rest: Paragraph | None = whole
        while rest:
            room = limit - size - (len(_SEPARATOR) if chunks[-1] else 0)
            length = utf16_len(plain(rest))
            if length <= room:
                chunks[-1].append(rest)
                size += length + (len(_SEPARATOR) if len(chunks[-1]) > 1 else 0)
                break
            if length > limit and room >= min(_MIN_PIECE, limit):
                pieces = _split_paragraph(rest, room)
                if not pieces:
                    break
                chunks[-1].append(pieces[0])
                rest = _join(pieces[1:])
            chunks.append([])
            size = 0
    return [tuple(chunk) for chunk in chunks if chunk]


def _join(pieces: list[Paragraph]) -> Paragraph | None:
    spans = tuple(span for piece in pieces for span in piece)
    if not spans:
        return None
    return Folded(spans) if isinstance(pieces[0], Folded) else spans


def _length(document: Document) -> int:
    return utf16_len(_SEPARATOR.join(plain(p) for p in document))


def _split_paragraph(paragraph: Paragraph, limit: int) -> list[Paragraph]:
    """Cut a paragraph longer than ``limit`` at line breaks, else spaces, else anywhere."""
    text = plain(paragraph)
    pieces: list[Paragraph] = []
    start = 0
    while utf16_len(text[start:]) > limit:
        end = _cut(text, start, limit)
        pieces.append(_slice(paragraph, start, end))
        start = end
    pieces.append(_slice(paragraph, start, len(text)))
    return [p for p in pieces if plain(p).strip()]


def _cut(text: str, start: int, limit: int) -> int:
    """The end of the longest prefix of ``text[start:]`` within ``limit``, at a good break."""
    end, used = start, 0
    while end < len(text) and used + utf16_len(text[end]) <= limit:
        used += utf16_len(text[end])
        end += 1
    for breaker in ("\n", " "):
        at = text.rfind(breaker, start, end)
        if at > start + (end - start) // 2:
            return at + 1
    return max(end, start + 1)


def _slice(paragraph: Paragraph, start: int, end: int) -> Paragraph:
    """The spans covering characters ``start:end`` of the paragraph's plain text."""
    spans: list[Span] = []
    offset = 0
    for span in paragraph:
        lo, hi = max(start, offset), min(end, offset + len(span.text))
        if lo < hi:
            spans.append(Span(span.text[lo - offset : hi - offset], span.bold, span.url))
        offset += len(span.text)
    return Folded(spans) if isinstance(paragraph, Folded) else tuple(spans)


def _html(document: Document) -> str:
    return _SEPARATOR.join(_paragraph_html(p) for p in document)


def _paragraph_html(paragraph: Paragraph) -> str:
    inner = "".join(_span_html(s) for s in paragraph)
    return (
        f"<blockquote expandable>{inner}</blockquote>" if isinstance(paragraph, Folded) else inner
    )


def _span_html(span: Span) -> str:
    text = html.escape(span.text, quote=False)
    if span.url:
        text = f'<a href="{html.escape(span.url, quote=True)}">{text}</a>'
    if span.bold:
        text = f"<b>{text}</b>"
    return text
