"""A tiny document model shared by every renderer: paragraphs of styled spans.

Replies are composed once as a ``Document`` and rendered as Telegram HTML or as plain text,
so escaping and splitting live in one place (``bot.rendering``) and never in the texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_HEADING = re.compile(r"^#{1,6}\s+")


@dataclass(frozen=True)
class Span:
    """A run of text: plain, bold, or a link."""

    text: str
    bold: bool = False
    url: str | None = None


Paragraph = tuple[Span, ...]
Document = tuple[Paragraph, ...]


class Folded(tuple[Span, ...]):
    """A paragraph shown folded: Telegram's expandable block quote (its first lines show).

    The terminal prints it as ordinary lines. Quotes never nest: a paragraph is folded or not.
    """

    __slots__ = ()


def folded(*parts: str | Span) -> Folded:
    """A folded paragraph from strings (plain) and spans, dropping empty pieces."""
    return Folded(paragraph(*parts))


def plain(paragraph: Paragraph) -> str:
    """The text a reader sees, without styling."""
    return "".join(span.text for span in paragraph)


def paragraph(*parts: str | Span) -> Paragraph:
    """A paragraph from strings (plain) and spans, dropping empty pieces."""
    spans = (part if isinstance(part, Span) else Span(part) for part in parts)
    return tuple(span for span in spans if span.text)


def inline_markdown(text: str) -> Paragraph:
    """Spans for one paragraph of knowledge-base Markdown: only ``**bold**`` is styled."""
    spans: list[Span] = []
    position = 0
    for match in _BOLD.finditer(text):
        spans.append(Span(text[position : match.start()]))
        spans.append(Span(match.group(1), bold=True))
        position = match.end()
    spans.append(Span(text[position:]))
    return tuple(span for span in spans if span.text)


def markdown_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of knowledge-base Markdown (blank-line separated, ``- `` bullets as ``•``)."""
    paragraphs: list[Paragraph] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [_line(line) for line in block.strip().splitlines() if line.strip()]
        if lines:
            paragraphs.append(inline_markdown("\n".join(lines)))
    return [p for p in paragraphs if plain(p).strip()]


def _line(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith(("- ", "* ")):
        return "• " + stripped[2:]
    if _HEADING.match(stripped):
        return "**" + _HEADING.sub("", stripped) + "**"
    return stripped
