"""Telegram's HTML parse mode, re-implemented for the Bot API emulator and the fast tests.

Follows tdlib's ``parse_html`` (tag names, attribute syntax, error texts, UTF-16 offsets) with
one deliberate difference: a ``&`` that does not start one of the documented entities
(``&lt; &gt; &amp; &quot;`` or a numeric reference ending in ``;``) is rejected instead of
being kept as a literal.  The Bot API documentation requires every such ``&`` to be escaped;
being strict here makes sloppy escaping fail the tests rather than a user's message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MESSAGE_LIMIT = 4096

_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_SPACE = " \t\r\n\f"
_NAME_TOKEN = re.compile(r"[A-Za-z0-9_\-]+")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; ``str(error)`` is tdlib's wording."""


def utf16_len(text: str) -> int:
    """Length of ``text`` as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass
class _Open:
    tag: str
    argument: str
    offset: int  # UTF-16 offset in the parsed text
    byte_offset: int
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedText:
    """Plain text after entity parsing, with Bot API ``MessageEntity`` dicts."""

    text: str
    entities: list[dict[str, Any]]


class _Parser:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.stack: list[_Open] = []
        self.entities: list[dict[str, Any]] = []

    def byte_offset(self, pos: int) -> int:
        return len(self.src[:pos].encode("utf-8", "surrogatepass"))

    def emit(self, piece: str) -> None:
        self.out.append(piece)
        self.utf16 += utf16_len(piece)

    def run(self) -> ParsedText:
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char == "&":
                self.entity()
            elif char == "<":
                if src.startswith("</", self.pos):
                    self.end_tag()
                else:
                    self.start_tag()
            else:
                nxt = _next_special(src, self.pos)
                self.emit(src[self.pos : nxt])
                self.pos = nxt
        if self.stack:
            tag = self.stack[-1].tag
            raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{tag}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return ParsedText("".join(self.out), self.entities)

    def entity(self) -> None:
        match = _ENTITY.match(self.src, self.pos)
        if match is None or (match.group(3) is not None and match.group(3) not in _NAMED):
            raise EntityParseError(
                f"Unsupported HTML entity at byte offset {self.byte_offset(self.pos)}; "
                "escape '&' as &amp;"
            )
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            self.emit(_NAMED[name])
        else:
            code = int(decimal) if decimal is not None else int(hexadecimal, 16)
            if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise EntityParseError(
                    f"Invalid numeric HTML entity at byte offset {self.byte_offset(self.pos)}"
                )
            self.emit(chr(code))
        self.pos = match.end()

    def start_tag(self) -> None:
        src, begin = self.src, self.pos
        at = self.byte_offset(begin)
        i = begin + 1
        while i < len(src) and src[i] not in _SPACE and src[i] != ">":
            i += 1
        if i >= len(src):
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        tag = src[begin + 1 : i].lower()
        if tag not in _TAG_TYPES:
            raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {at}')
        attrs, i = _parse_attributes(src, i, tag, at)
        self.pos = i + 1
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        if tag == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise EntityParseError(f'Tag "tg-emoji" must have an emoji-id at byte offset {at}')
        if tag == "blockquote" and any(o.tag == "blockquote" for o in self.stack):
            # Telegram has no nested quotes: the whole message is refused.
            raise EntityParseError(f"Blockquote entities can't be nested at byte offset {at}")
        argument = attrs.get("href", "") if tag == "a" else ""
        self.stack.append(_Open(tag, argument, self.utf16, at, attrs))

    def end_tag(self) -> None:
        src, begin = self.src, self.pos
        at = self.byte_offset(begin)
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {at}")
        i = begin + 2
        while i < len(src) and src[i] not in _SPACE and src[i] != ">":
            i += 1
        name = src[begin + 2 : i].lower()
        while i < len(src) and src[i] in _SPACE:
            i += 1
        if i >= len(src) or src[i] != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {at}")
        opened = self.stack.pop()
        if name and name != opened.tag:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {at}, expected "</{opened.tag}>", '
                f'found "</{name}>"'
            )
        self.pos = i + 1
        self.close(opened)

    def close(self, opened: _Open) -> None:
        length = self.utf16 - opened.offset
        if length == 0:
            return
        entity: dict[str, Any] = {
            "type": _TAG_TYPES[opened.tag],
            "offset": opened.offset,
            "length": length,
        }
        if opened.tag == "a":
            entity["url"] = opened.argument or "".join(self.out)[-length:]
        elif opened.tag == "tg-emoji":
            entity["custom_emoji_id"] = opened.attrs["emoji-id"]
        elif opened.tag == "blockquote" and "expandable" in opened.attrs:
            entity["type"] = "expandable_blockquote"
        elif opened.tag == "pre" and "class" in opened.attrs:
            entity["language"] = opened.attrs["class"].removeprefix("language-")
        self.entities.append(entity)


def _next_special(src: str, pos: int) -> int:
    indexes = [i for i in (src.find("&", pos), src.find("<", pos)) if i != -1]
    return min(indexes) if indexes else len(src)


def _parse_attributes(src: str, i: int, tag: str, at: int) -> tuple[dict[str, str], int]:
    """Parse ``name=value`` pairs up to the closing ``>``; return them and the index of ``>``."""
    attrs: dict[str, str] = {}
    while True:
        while i < len(src) and src[i] in _SPACE:
            i += 1
        if i >= len(src):
            raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {at}')
        if src[i] == ">":
            return attrs, i
        name_start = i
        while i < len(src) and src[i] not in _SPACE and src[i] not in "=>":
            i += 1
        name = src[name_start:i].lower()
        if not name:
            raise EntityParseError(f'Empty attribute name in the tag "{tag}" at byte offset {at}')
        while i < len(src) and src[i] in _SPACE:
            i += 1
        if i < len(src) and src[i] == ">" and tag == "blockquote" and name == "expandable":
            attrs[name] = ""
            return attrs, i
        if i >= len(src) or src[i] != "=":
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {at}"
            )
        value, i = _parse_value(src, i + 1, tag, at)
        attrs[name] = value


def _parse_value(src: str, i: int, tag: str, at: int) -> tuple[str, int]:
    while i < len(src) and src[i] in _SPACE:
        i += 1
    if i >= len(src):
        raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {at}')
    if src[i] in "'\"":
        end = src.find(src[i], i + 1)
        if end == -1:
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        return _decode_value(src[i + 1 : end], at), end + 1
    match = _NAME_TOKEN.match(src, i)
    if match is None:
        raise EntityParseError(
            f'Expected quote in declaration of an attribute of the tag "{tag}" at byte offset {at}'
        )
    return match.group(0), match.end()


def _decode_value(raw: str, at: int) -> str:
    """Decode entities in a quoted attribute value, where ``<`` is an ordinary character."""
    parser = _Parser(raw)
    while parser.pos < len(raw):
        if raw[parser.pos] == "&":
            parser.entity()
        else:
            nxt = raw.find("&", parser.pos)
            nxt = len(raw) if nxt == -1 else nxt
            parser.emit(raw[parser.pos : nxt])
            parser.pos = nxt
    return "".join(parser.out)


def parse_html(text: str) -> ParsedText:
    """Parse Telegram HTML into plain text and entities, or raise ``EntityParseError``."""
    return _Parser(text).run()
