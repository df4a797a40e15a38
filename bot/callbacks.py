"""Callback data of the bot's buttons: ``<action>:<argument>``, never over Telegram's 64 bytes.

Buttons that point at a passage carry a short reference: a hash of the passage's id *and*
text.  After a ``/reload`` a button whose passage was edited or removed no longer resolves,
so the bot can say kindly that the answer was updated instead of showing something else.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import re
from dataclasses import dataclass

from index import Passage, Retriever

CALLBACK_LIMIT = 64  # bytes, Telegram's limit for callback_data
_REF_LENGTH = 10  # base64url characters: 60 bits, no collision among a few thousand passages
TOPIC_SLUG = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what a t.me/<bot>?start= link may carry


class Action(enum.StrEnum):
    """What a button does; one letter keeps callback data short."""

    OPEN = "o"  # open a topic in a new message (urgent paths)
    CATEGORIES = "c"  # show the categories (edit in place)
    CATEGORY = "k"  # show one category's topics (edit in place)
    TOPIC = "t"  # show a topic's first passage (edit in place)
    MORE = "m"  # the next passages of an article
    RELATED = "r"  # other topics of the same category
    WRONG = "w"  # "wrong or outdated?" for one passage
    LANGUAGE = "l"  # set the reply language
    REGION = "g"  # set the jurisdiction
    CARD = "d"  # send a "show this" card as a photo (bot.cards)
    CARD_PDF = "p"  # send a card's print page as a document


def pack(action: Action, argument: str = "") -> str | None:
    """Callback data for a button, or None if it would not fit in 64 bytes."""
    data = f"{action.value}:{argument}"
    return data if len(data.encode()) <= CALLBACK_LIMIT else None


def unpack(data: str | None) -> tuple[Action, str] | None:
    """(action, argument) of callback data, or None if it is not the bot's."""
    if not data or len(data) < 2 or data[1] != ":":
        return None
    try:
        return Action(data[0]), data[2:]
    except ValueError:
        return None


def passage_ref(passage: Passage) -> str:
    """A short, stable reference to this exact version of a passage."""
    digest = hashlib.sha256(f"{passage.id}\x00{passage.text}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()[:_REF_LENGTH]


def is_topic_slug(text: str) -> bool:
    """Whether ``text`` is a well-formed deep-link payload (``A-Za-z0-9_-``, 1-64 chars)."""
    return TOPIC_SLUG.match(text) is not None


@dataclass(frozen=True)
class PassageRefs:
    """Passage references of one retriever snapshot, resolved back to passages."""

    by_ref: dict[str, Passage]

    @classmethod
    def of(cls, retriever: Retriever) -> PassageRefs:
        """Every indexed passage of ``retriever``, by reference."""
        passages = (p for a in retriever.knowledge.articles for p in retriever.passages_of(a))
        return cls({passage_ref(p): p for p in passages})

    def resolve(self, ref: str) -> Passage | None:
        """The passage a button points at, or None if it changed or is gone."""
        return self.by_ref.get(ref)
