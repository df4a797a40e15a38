"""Topics: /start with urgent paths and deep links, /topics, and the buttons under answers.

/topics edits one message in place (categories → topics → the article's first passage);
urgent paths and deep links send the topic's first passages as a new message.  Under every
answer, "More on this", "Related" and "Wrong or outdated?" name a passage by a reference to
its exact text (``bot.keyboards``); when a /reload changed or removed that passage, the
person is told kindly to ask again.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

from telegram import CallbackQuery, Update

from bot.choices import answer_choices
from bot.document import Document
from bot.keyboards import (
    PASSAGE_LINK,
    answer_keyboard,
    available_topics,
    categories_keyboard,
    choices_keyboard,
    is_topic_slug,
    related_keyboard,
    related_topics,
    tapped,
    topics_keyboard,
    urgent_keyboard,
)
from bot.replies import compose_passage, compose_passages, elsewhere_label, fixed
from bot.sending import edit, say, say_updated, send
from bot.state import BotContext
from bot.texts import text
from index import ArticleMeta, Lang, Passage, Retriever

log = logging.getLogger(__name__)
URGENT_PASSAGES = 2  # someone in a hurry gets the checklist and the next answer at once
MORE_PASSAGES = 2


async def start(update: Update, context: BotContext) -> None:
    """/start: the welcome and urgent-path buttons; ``/start <topic>`` opens that topic."""
    retriever, lang = context.state.retriever, context.lang(update)
    payload = context.args[0] if context.args else ""
    intro: Document = ()
    if payload:
        if payload.startswith(PASSAGE_LINK) and await open_passage(update, context, payload):
            return
        if await open_topic(update, context, payload, "link"):
            return
        intro = fixed("unknown_topic", lang)
    welcome = intro + fixed("start", lang) + fixed("start_buttons", lang)
    await send(update, context, welcome, markup=urgent_keyboard(retriever, lang))


async def topics(update: Update, context: BotContext) -> None:
    """/topics: the categories, as buttons."""
    retriever = context.state.retriever
    await say(update, context, "topics_intro", lambda lang: categories_keyboard(retriever, lang))


async def open_button(update: Update, context: BotContext) -> None:
    """An urgent-path button: the topic's first passages in a new message."""
    query, slug = tapped(update)
    if find_article(context.state.retriever, slug, context.lang(update)) is None:
        await say_updated(query, context.lang(update))
        return
    await query.answer()
    await open_topic(update, context, slug, "urgent")


async def categories_button(update: Update, context: BotContext) -> None:
    """Back to the list of categories, in place."""
    query, _ = tapped(update)
    lang = context.lang(update)
    await query.answer()
    markup = categories_keyboard(context.state.retriever, lang)
    await edit(query, fixed("topics_intro", lang), markup=markup)


async def category_button(update: Update, context: BotContext) -> None:
    """One category's topics, in place."""
    query, letter = tapped(update)
    retriever, lang = context.state.retriever, context.lang(update)
    category = retriever.knowledge.catalog.categories.get(letter)
    if category is None or not available_topics(retriever, letter, lang):
        await say_updated(query, lang)
        return
    await query.answer()
    heading = fixed("category_intro", lang, category=category.es if lang == "es" else category.en)
    await edit(query, heading, markup=topics_keyboard(retriever, letter, lang))


async def topic_button(update: Update, context: BotContext) -> None:
    """A topic from /topics or "Related": the article's first passage, in place."""
    query, slug = tapped(update)
    state = context.state
    retriever, lang = state.retriever, context.lang(update)
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


async def open_topic(update: Update, context: BotContext, slug: str, channel: str) -> bool:
    """Send a topic's first passages with the answer buttons; False if there is no such topic."""
    state = context.state
    retriever, lang = state.retriever, context.lang(update)
    article = find_article(retriever, slug, lang) if is_topic_slug(slug) else None
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


async def open_passage(update: Update, context: BotContext, payload: str) -> bool:
    """``/start a_<ref>`` from a group answer: that passage in the private shape."""
    snapshot = context.state.snapshot
    passage = snapshot.refs.resolve(payload.removeprefix(PASSAGE_LINK))
    article = snapshot.retriever.article(passage.article_id) if passage is not None else None
    if passage is None or article is None:
        return False
    await send_passage(update, context, passage, article, snapshot.retriever)
    return True


async def also_button(update: Update, context: BotContext) -> None:
    """ "Also: …": that passage in a new message, in the answer's shape."""
    if (tap := await _tapped_passage(update, context)) is None:
        return
    await tap.query.answer()
    await send_passage(update, context, tap.passage, tap.article, tap.retriever)


async def pick_button(update: Update, context: BotContext) -> None:
    """A "did you mean" candidate: that passage in a new message, in an answer's shape."""
    if (tap := await _tapped_passage(update, context)) is None:
        return
    await tap.query.answer()
    await send_passage(update, context, tap.passage, tap.article, tap.retriever)
    context.state.stats.record_open(tap.article.topics[0], "choice")


async def send_passage(
    update: Update,
    context: BotContext,
    passage: Passage,
    article: ArticleMeta,
    retriever: Retriever,
) -> None:
    """One passage as an answer's first message (labelled if it is for elsewhere), with choices."""
    lang, catalog = article.lang, retriever.knowledge.catalog
    user = update.effective_user
    region = context.state.memory.region(user.id) if user is not None else None
    places = article.jurisdictions_of(passage.anchor)
    label = elsewhere_label(places, region, lang, catalog)
    document = label + compose_passage(passage, article, lang, catalog)
    markup = choices_keyboard(retriever, answer_choices(retriever, passage, [], lang), lang)
    await send(update, context, document, markup=markup)


async def more_button(update: Update, context: BotContext) -> None:
    """The next passages of the article, in a new message with its own buttons."""
    if (tap := await _tapped_passage(update, context)) is None:
        return
    retriever, article = tap.retriever, tap.article
    following = [p for p in retriever.passages_of(article.id) if p.n > tap.passage.n]
    if not following:
        await tap.query.answer(text("no_more", article.lang))
        return
    await tap.query.answer()
    shown = following[:MORE_PASSAGES]
    body, tail = compose_passages(shown, article, article.lang, retriever.knowledge.catalog)
    await send(update, context, body + tail, markup=answer_keyboard(retriever, shown, article.lang))


async def related_button(update: Update, context: BotContext) -> None:
    """Other topics of the same category, as buttons (each opens in place)."""
    if (tap := await _tapped_passage(update, context)) is None:
        return
    lang = tap.article.lang
    if not related_topics(tap.retriever, tap.article, lang):
        await tap.query.answer(text("no_related", lang))
        return
    await tap.query.answer()
    markup = related_keyboard(tap.retriever, tap.article, lang)
    await send(update, context, fixed("related_intro", lang), markup=markup)


async def wrong_button(update: Update, context: BotContext) -> None:
    """Count one anonymous "wrong or outdated" report for the passage; say thank you."""
    if (tap := await _tapped_passage(update, context)) is None:
        return
    context.state.stats.record_wrong(tap.passage.id)
    await tap.query.answer(text("wrong_thanks", tap.article.lang), show_alert=True)


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


class TappedPassage(NamedTuple):
    """The button's query, the passage it names, its article, and the snapshot's retriever."""

    query: CallbackQuery
    passage: Passage
    article: ArticleMeta
    retriever: Retriever


async def _tapped_passage(update: Update, context: BotContext) -> TappedPassage | None:
    """What an answer's button points at, or None after telling the person it was updated."""
    query, ref = tapped(update)
    snapshot = context.state.snapshot  # one version for the whole reply
    passage = snapshot.refs.resolve(ref)
    article = snapshot.retriever.article(passage.article_id) if passage is not None else None
    if passage is None or article is None:
        await say_updated(query, context.lang(update))
        return None
    return TappedPassage(query, passage, article, snapshot.retriever)
