"""Buttons: their callback data (``<action>:<argument>``, at most 64 bytes) and keyboard layouts.

Buttons that point at a passage carry a short reference: a hash of the passage's id *and*
text.  After a ``/reload`` a button whose passage was edited or removed no longer resolves,
so the bot can say kindly that the answer was updated instead of showing something else.
Only topics with an article in the live knowledge base get a button, so no button leads
nowhere.  The /language and /region keyboards live with their handlers in
``bot.preferences``.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.choices import Choice
from bot.texts import text
from index import ArticleMeta, Lang, Passage, Retriever, Topic

CALLBACK_LIMIT = 64  # bytes, Telegram's limit for callback_data
_REF_LENGTH = 10  # base64url characters: 60 bits, no collision among a few thousand passages
TOPIC_SLUG = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what a t.me/<bot>?start= link may carry
# Each urgent path opens the first topic of its list that the knowledge base has.  "Before a
# protest" opens phone-prep: its first passage is a checklist to do before leaving home.
URGENT_PATHS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("urgent_door", ("police-at-door",)),
    ("urgent_arrested", ("arrested-at-protest",)),
    ("urgent_before", ("phone-prep", "protest-rights-basics", "biometrics-off")),
)
Rows = list[list[InlineKeyboardButton | None]]
PASSAGE_LINK = "a_"  # /start a_<ref>: a passage, from a group answer's deep link
_CHOICE_ACTIONS = {"also": "a", "more": "m", "wrong": "w", "pick": "u"}


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
    PHOTO = "p"  # cover the faces of the photo the tapped message replies to
    CARD = "d"  # send a "show this" card as a photo (bot.cards)
    CARD_PDF = "f"  # send a card's print page as a document
    ALSO = "a"  # another passage of an answer's list, in the answer's shape
    PICK = "u"  # a "did you mean" candidate, in an answer's shape


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


def tapped(update: Update) -> tuple[CallbackQuery, str]:
    """The tapped button's query and its callback argument (the part after ``x:``)."""
    query = update.callback_query
    if query is None:
        raise RuntimeError("not a callback query")
    unpacked = unpack(query.data)
    return query, unpacked[1] if unpacked is not None else ""


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


def button(label: str, action: Action, argument: str = "") -> InlineKeyboardButton | None:
    """A callback button, or None when its data would not fit (e.g. a very long slug)."""
    data = pack(action, argument)
    return InlineKeyboardButton(label, callback_data=data) if data is not None else None


def keyboard(rows: Rows) -> InlineKeyboardMarkup:
    """A keyboard from rows, dropping missing buttons and empty rows."""
    kept = [[b for b in row if b is not None] for row in rows]
    return InlineKeyboardMarkup([row for row in kept if row])


def urgent_keyboard(retriever: Retriever, lang: Lang) -> InlineKeyboardMarkup:
    """/start: one tap to each urgent path, then all topics."""
    rows: Rows = []
    for key, slugs in URGENT_PATHS:
        slug = next((s for s in slugs if retriever.article_for_topic(s, lang) is not None), None)
        if slug is not None:
            rows.append([button(text(key, lang), Action.OPEN, slug)])
    rows.append([button(text("all_topics", lang), Action.CATEGORIES)])
    return keyboard(rows)


def available_topics(retriever: Retriever, letter: str, lang: Lang) -> list[Topic]:
    """The topics of a category that have an article, in catalog order."""
    catalog = retriever.knowledge.catalog
    return [
        topic
        for topic in catalog.topics_in(letter)
        if retriever.article_for_topic(topic.slug, lang) is not None
    ]


def categories_keyboard(retriever: Retriever, lang: Lang) -> InlineKeyboardMarkup:
    """/topics: one button per category that has at least one article."""
    catalog = retriever.knowledge.catalog
    rows: Rows = [
        [button(category.es if lang == "es" else category.en, Action.CATEGORY, letter)]
        for letter, category in catalog.categories.items()
        if available_topics(retriever, letter, lang)
    ]
    return keyboard(rows)


def topics_keyboard(retriever: Retriever, letter: str, lang: Lang) -> InlineKeyboardMarkup:
    """One category's topics, and a way back."""
    topics = available_topics(retriever, letter, lang)
    rows: Rows = [[button(topic.title(lang), Action.TOPIC, topic.slug)] for topic in topics]
    rows.append([button(text("back", lang), Action.CATEGORIES)])
    return keyboard(rows)


def related_topics(retriever: Retriever, article: ArticleMeta, lang: Lang) -> list[Topic]:
    """Other topics of the category of the article's first topic."""
    topic = retriever.knowledge.catalog.topics.get(article.topics[0])
    if topic is None:
        return []
    others = available_topics(retriever, topic.category, lang)
    return [t for t in others if t.slug not in article.topics]


def related_keyboard(
    retriever: Retriever, article: ArticleMeta, lang: Lang
) -> InlineKeyboardMarkup:
    """Buttons to the related topics of an article."""
    topics = related_topics(retriever, article, lang)
    return keyboard([[button(t.title(lang), Action.TOPIC, t.slug)] for t in topics])


def answer_keyboard(
    retriever: Retriever, shown: list[Passage], lang: Lang, back: bool = False
) -> InlineKeyboardMarkup:
    """Under an answer: "More on this" (if more follows), "Related" (if any), "Wrong?".

    ``shown`` are the consecutive passages of one article the answer showed.
    """
    first, last = shown[0], shown[-1]
    following = [p for p in retriever.passages_of(last.article_id) if p.n > last.n]
    article = retriever.article(first.article_id)
    has_related = article is not None and bool(related_topics(retriever, article, lang))
    rows: Rows = [
        [
            button(text("more", lang), Action.MORE, passage_ref(last)) if following else None,
            button(text("related", lang), Action.RELATED, passage_ref(first))
            if has_related
            else None,
        ],
        [button(text("wrong", lang), Action.WRONG, passage_ref(first))],
        card_offers(retriever, shown, lang),
    ]
    if back:
        rows.append([button(text("back", lang), Action.CATEGORIES)])
    return keyboard(rows)


def card_offers(retriever: Retriever, shown: list[Passage], lang: Lang) -> list[Any]:
    """Buttons to the "show this" cards whose lines come from a shown passage."""
    from bot.cards import offer_buttons  # bot.cards imports this module

    return offer_buttons(retriever, shown, lang)


def choices_keyboard(
    retriever: Retriever, choices: list[Choice], lang: Lang
) -> InlineKeyboardMarkup:
    """Under an answer, at most four rows: the "Also" rows, "More on this" with the card,
    then "Wrong or outdated?" (``bot.choices`` decides what is offered)."""
    also = [c for c in choices if c.kind == "also"]
    more = [c for c in choices if c.kind == "more"]
    wrong = [c for c in choices if c.kind == "wrong"]
    first = wrong[0].passage if wrong else choices[0].passage
    rows: Rows = [[_choice_button(c)] for c in also]
    rows.append([*(_choice_button(c) for c in more), *card_offers(retriever, [first], lang)[:1]])
    rows.append([_choice_button(c) for c in wrong])
    return keyboard(rows)


def did_you_mean_keyboard(choices: list[Choice]) -> InlineKeyboardMarkup:
    """Under "not sure": one button per candidate, labelled with its heading."""
    return keyboard([[_choice_button(c)] for c in choices])


def did_you_mean_links(username: str | None, choices: list[Choice]) -> InlineKeyboardMarkup:
    """In a group: each candidate opens in a private chat, like a group answer's button."""
    if not username:
        return keyboard([])
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(c.label, url=_private_link(username, c.passage))] for c in choices]
    )


def _private_link(username: str, passage: Passage) -> str:
    return f"https://t.me/{username}?start={PASSAGE_LINK}{passage_ref(passage)}"


def _choice_button(choice: Choice) -> InlineKeyboardButton | None:
    action = Action(_CHOICE_ACTIONS[choice.kind])
    return button(choice.label, action, passage_ref(choice.passage))


def link_keyboard(username: str | None, passage: Passage, lang: Lang) -> InlineKeyboardMarkup:
    """A group answer's one button: continue with this passage in a private chat."""
    if not username:
        return keyboard([])
    url = _private_link(username, passage)
    return InlineKeyboardMarkup([[InlineKeyboardButton(text("continue_private", lang), url=url)]])


def more_keyboard(passage: Passage | None, lang: Lang) -> InlineKeyboardMarkup | None:
    """/hotline's one button: the rest of the legal-help article."""
    if passage is None:
        return None
    return keyboard([[button(text("hotline_more", lang), Action.MORE, passage_ref(passage))]])
