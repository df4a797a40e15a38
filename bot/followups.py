"""The buttons under every answer: "More on this", "Related", "Wrong or outdated?".

Each names a passage by a reference to its exact text (``bot.callbacks``); when a /reload
changed or removed that passage, the person is told kindly to ask again.
"""

from __future__ import annotations

from telegram import CallbackQuery, Update

from bot.keyboards import answer_keyboard, related_keyboard, related_topics
from bot.replies import compose_passages, fixed
from bot.sending import Context, lang_of, say_updated, send, tapped
from bot.state import BotState, state_of
from bot.texts import text
from index import ArticleMeta, Passage, Retriever

MORE_PASSAGES = 2


async def more_button(update: Update, context: Context) -> None:
    """The next passages of the article, in a new message with its own buttons."""
    state = state_of(context.bot_data)
    found = await _resolve(update, state)
    if found is None:
        return
    query, passage, article, retriever = found
    following = [p for p in retriever.passages_of(article.id) if p.n > passage.n]
    if not following:
        await query.answer(text("no_more", article.lang))
        return
    await query.answer()
    shown = following[:MORE_PASSAGES]
    body, tail = compose_passages(shown, article, article.lang, retriever.knowledge.catalog)
    await send(update, context, body + tail, markup=answer_keyboard(retriever, shown, article.lang))


async def related_button(update: Update, context: Context) -> None:
    """Other topics of the same category, as buttons (each opens in place)."""
    state = state_of(context.bot_data)
    found = await _resolve(update, state)
    if found is None:
        return
    query, _, article, retriever = found
    if not related_topics(retriever, article, article.lang):
        await query.answer(text("no_related", article.lang))
        return
    await query.answer()
    markup = related_keyboard(retriever, article, article.lang)
    await send(update, context, fixed("related_intro", article.lang), markup=markup)


async def wrong_button(update: Update, context: Context) -> None:
    """Count one anonymous "wrong or outdated" report for the passage; say thank you."""
    state = state_of(context.bot_data)
    found = await _resolve(update, state)
    if found is None:
        return
    query, passage, article, _ = found
    state.stats.record_wrong(passage.id)
    await query.answer(text("wrong_thanks", article.lang), show_alert=True)


async def _resolve(
    update: Update, state: BotState
) -> tuple[CallbackQuery, Passage, ArticleMeta, Retriever] | None:
    """The tapped button's passage, its article and the snapshot's retriever, or say so."""
    query, ref = tapped(update)
    snapshot = state.snapshot
    passage = snapshot.refs.resolve(ref)
    article = snapshot.retriever.article(passage.article_id) if passage is not None else None
    if passage is None or article is None:
        await say_updated(query, lang_of(state, update))
        return None
    return query, passage, article, snapshot.retriever
