"""Getting around fast: /start with urgent paths and deep links, /topics, and their buttons.

/topics edits one message in place (categories → topics → the article's first passage);
urgent paths and deep links send the topic's first passages as a new message.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.callbacks import is_topic_slug
from bot.document import Document
from bot.keyboards import (
    answer_keyboard,
    available_topics,
    categories_keyboard,
    topics_keyboard,
    urgent_keyboard,
)
from bot.replies import compose_passages, fixed
from bot.sending import Context, edit, lang_of, say_updated, send, tapped
from bot.state import state_of
from index import ArticleMeta, Lang, Passage, Retriever

log = logging.getLogger(__name__)
URGENT_PASSAGES = 2  # someone in a hurry gets the checklist and the next answer at once


async def start(update: Update, context: Context) -> None:
    """/start: the welcome and urgent-path buttons; ``/start <topic>`` opens that topic."""
    state = state_of(context.bot_data)
    retriever, lang = state.retriever, lang_of(state, update)
    payload = context.args[0] if context.args else ""
    intro: Document = ()
    if payload:
        if await open_topic(update, context, payload, "link"):
            return
        intro = fixed("unknown_topic", lang)
    welcome = intro + fixed("start", lang) + fixed("start_buttons", lang)
    await send(update, context, welcome, markup=urgent_keyboard(retriever, lang))


async def topics(update: Update, context: Context) -> None:
    """/topics: the categories, as buttons."""
    state = state_of(context.bot_data)
    lang = lang_of(state, update)
    markup = categories_keyboard(state.retriever, lang)
    await send(update, context, fixed("topics_intro", lang), markup=markup)


async def open_button(update: Update, context: Context) -> None:
    """An urgent-path button: the topic's first passages in a new message."""
    query, slug = tapped(update)
    state = state_of(context.bot_data)
    if find_article(state.retriever, slug, lang_of(state, update)) is None:
        await say_updated(query, lang_of(state, update))
        return
    await query.answer()
    await open_topic(update, context, slug, "urgent")


async def categories_button(update: Update, context: Context) -> None:
    """Back to the list of categories, in place."""
    query, _ = tapped(update)
    state = state_of(context.bot_data)
    lang = lang_of(state, update)
    await query.answer()
    markup = categories_keyboard(state.retriever, lang)
    await edit(query, fixed("topics_intro", lang), markup=markup)


async def category_button(update: Update, context: Context) -> None:
    """One category's topics, in place."""
    query, letter = tapped(update)
    state = state_of(context.bot_data)
    retriever, lang = state.retriever, lang_of(state, update)
    category = retriever.knowledge.catalog.categories.get(letter)
    if category is None or not available_topics(retriever, letter, lang):
        await say_updated(query, lang)
        return
    await query.answer()
    heading = fixed("category_intro", lang, category=category.es if lang == "es" else category.en)
    await edit(query, heading, markup=topics_keyboard(retriever, letter, lang))


async def topic_button(update: Update, context: Context) -> None:
    """A topic from /topics or "Related": the article's first passage, in place."""
    query, slug = tapped(update)
    state = state_of(context.bot_data)
    retriever, lang = state.retriever, lang_of(state, update)
    article = find_article(retriever, slug, lang)
    passages = retriever.passages_of(article.id) if article is not None else []
    if article is None or not passages:
        await say_updated(query, lang)
        return
    await query.answer()
    shown = opening(passages)
    body, tail = compose_passages(shown, article, article.lang, retriever.knowledge.catalog)
    markup = answer_keyboard(retriever, shown, article.lang, back=True)
    await edit(query, body, tail, markup)
    state.stats.record_open(_topic_of(retriever, slug, article), "topics")


async def open_topic(update: Update, context: Context, slug: str, channel: str) -> bool:
    """Send a topic's first passages with the answer buttons; False if there is no such topic."""
    state = state_of(context.bot_data)
    retriever = state.retriever
    article = find_article(retriever, slug, lang_of(state, update)) if is_topic_slug(slug) else None
    passages = retriever.passages_of(article.id) if article is not None else []
    if article is None or not passages:
        log.info("unknown topic requested via %s", channel)
        return False
    shown = passages[:URGENT_PASSAGES]
    body, tail = compose_passages(shown, article, article.lang, retriever.knowledge.catalog)
    markup = answer_keyboard(retriever, shown, article.lang)
    await send(update, context, body + tail, markup=markup)
    state.stats.record_open(_topic_of(retriever, slug, article), channel)
    return True


def find_article(retriever: Retriever, slug: str, lang: Lang) -> ArticleMeta | None:
    """The article for a topic slug (in ``lang`` when translated), or for an article id."""
    return retriever.article_for_topic(slug, lang) or retriever.article(slug)


def opening(passages: list[Passage]) -> list[Passage]:
    """An article's first passage, plus the next when the first is only an introduction."""
    first = passages[0]
    is_intro = not first.heading or first.heading == first.title
    return passages[:2] if is_intro and len(passages) > 1 else passages[:1]


def _topic_of(retriever: Retriever, slug: str, article: ArticleMeta) -> str:
    return slug if slug in retriever.knowledge.catalog.topics else article.topics[0]


async def unknown_button(update: Update, context: Context) -> None:
    """A button the bot no longer has (e.g. from an older version): say so kindly."""
    query, _ = tapped(update)
    await say_updated(query, lang_of(state_of(context.bot_data), update))
