"""Inline keyboards: urgent paths, topics, the buttons under answers, preferences.

Only topics with an article in the live knowledge base get a button, so no button leads
nowhere.  Callback data comes from ``bot.callbacks`` and always fits in 64 bytes.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Action, pack, passage_ref
from bot.texts import Lang, text
from index import ArticleMeta, Passage, Retriever
from index.catalog import Catalog, Topic

# Each urgent path opens the first topic of its list that the knowledge base has.  "Before a
# protest" opens phone-prep: its first passage is a checklist to do before leaving home.
URGENT_PATHS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("urgent_door", ("police-at-door",)),
    ("urgent_arrested", ("arrested-at-protest",)),
    ("urgent_before", ("phone-prep", "protest-rights-basics", "biometrics-off")),
)
REGIONS = ("NYC", "US-NY", "US", "EU", "UK")
LANGUAGES: tuple[tuple[Lang, str], ...] = (("en", "English"), ("es", "Español"))
Rows = list[list[InlineKeyboardButton]]


def button(label: str, action: Action, argument: str = "") -> InlineKeyboardButton | None:
    """A callback button, or None when its data would not fit (e.g. a very long slug)."""
    data = pack(action, argument)
    return InlineKeyboardButton(label, callback_data=data) if data is not None else None


def keyboard(rows: list[list[InlineKeyboardButton | None]]) -> InlineKeyboardMarkup:
    """A keyboard from rows, dropping missing buttons and empty rows."""
    kept = [[b for b in row if b is not None] for row in rows]
    return InlineKeyboardMarkup([row for row in kept if row])


def urgent_keyboard(retriever: Retriever, lang: Lang) -> InlineKeyboardMarkup:
    """/start: one tap to each urgent path, then all topics."""
    rows: list[list[InlineKeyboardButton | None]] = []
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
    rows: list[list[InlineKeyboardButton | None]] = [
        [button(category.es if lang == "es" else category.en, Action.CATEGORY, letter)]
        for letter, category in catalog.categories.items()
        if available_topics(retriever, letter, lang)
    ]
    return keyboard(rows)


def topics_keyboard(retriever: Retriever, letter: str, lang: Lang) -> InlineKeyboardMarkup:
    """One category's topics, and a way back."""
    topics = available_topics(retriever, letter, lang)
    rows: list[list[InlineKeyboardButton | None]] = [
        [button(topic.title(lang), Action.TOPIC, topic.slug)] for topic in topics
    ]
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
    rows: list[list[InlineKeyboardButton | None]] = [
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


def language_keyboard() -> InlineKeyboardMarkup:
    """/language: English or Spanish."""
    return keyboard([[button(label, Action.LANGUAGE, code) for code, label in LANGUAGES]])


def region_keyboard(catalog: Catalog, lang: Lang) -> InlineKeyboardMarkup:
    """/region: the places the knowledge base covers best, and "anywhere"."""
    rows: list[list[InlineKeyboardButton | None]] = [
        [button(catalog.jurisdictions[code].name(lang), Action.REGION, code)]
        for code in REGIONS
        if code in catalog.jurisdictions
    ]
    rows.append([button(text("region_any", lang), Action.REGION, "-")])
    return keyboard(rows)
