"""Inline mode results: passages ready to send into any chat, one message each."""

from __future__ import annotations

import hashlib

from telegram import InlineQueryResultArticle, InputTextMessageContent
from telegram.constants import ParseMode

from bot.document import Document, markdown_paragraphs, plain
from bot.hotline import compose_hotline
from bot.rendering import render_html_single
from bot.replies import MAX_HITS, compose_passage, situation_numbers
from bot.sending import NO_PREVIEW
from bot.texts import text
from index import Answer, ArticleMeta, Catalog, Lang, Passage, Retriever

# Shown for an empty or very short query: police at the door, arrested, phone, before a protest.
ESSENTIAL_TOPICS = (
    "police-at-door",
    "arrested-at-protest",
    "phone-search-arrest",
    "protest-rights-basics",
)
MIN_QUERY_LETTERS = 3


def is_short(query: str) -> bool:
    """Too short to search: show the essentials instead."""
    return sum(ch.isalpha() for ch in query) < MIN_QUERY_LETTERS


def passage_result(
    passage: Passage, article: ArticleMeta, lang: Lang, catalog: Catalog, numbers: Document = ()
) -> InlineQueryResultArticle:
    """A result that sends the passage as an answer shows it: text, the numbers to call when
    the question is about something happening now, where-when, folded sources."""
    document = compose_passage(passage, article, lang, catalog, numbers)
    return InlineQueryResultArticle(
        id=_result_id(passage.id),
        title=article.title,
        description=_first_line(passage.text),
        input_message_content=_content(render_html_single(document[:-3], document[-3:])),
    )


def answer_results(answer: Answer, retriever: Retriever) -> list[InlineQueryResultArticle]:
    """A result for each hit the bot shows (the core's list, in its order), or for each
    choice when it is not sure. The first carries the situation's number when the question is
    about something happening now, as the bot's own reply does: it may be sent into a group
    where someone is in that situation."""
    catalog = retriever.knowledge.catalog
    first = situation_numbers(answer, retriever)
    shown = answer.hits or answer.choices
    return [
        passage_result(h.passage, h.article, answer.lang, catalog, first if i == 0 else ())
        for i, h in enumerate(shown[:MAX_HITS])
    ]


def essential_results(
    retriever: Retriever, lang: Lang, catalog: Catalog
) -> list[InlineQueryResultArticle]:
    """The first passage of each essential topic the knowledge base has."""
    results: list[InlineQueryResultArticle] = []
    for slug in ESSENTIAL_TOPICS:
        article = retriever.article_for_topic(slug, lang)
        passages = retriever.passages_of(article.id) if article is not None else []
        if article is not None and passages:
            results.append(passage_result(passages[0], article, lang, catalog))
    return results


def abstain_result(retriever: Retriever, lang: Lang, catalog: Catalog) -> InlineQueryResultArticle:
    """The one result for a question without a vetted answer: it sends the legal-help text."""
    document = compose_hotline(retriever, lang, catalog)
    return InlineQueryResultArticle(
        id=_result_id(f"legal-help-{lang}"),
        title=text("inline_abstain_title", lang),
        description=text("inline_abstain_description", lang),
        input_message_content=_content(render_html_single(document[:-1], document[-1:])),
    )


def _content(message: str) -> InputTextMessageContent:
    return InputTextMessageContent(
        message, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
    )


def _first_line(markdown: str) -> str:
    paragraphs = markdown_paragraphs(markdown)
    line = plain(paragraphs[0]).splitlines()[0] if paragraphs else ""
    return line if len(line) <= 100 else line[:99].rstrip() + "…"


def _result_id(key: str) -> str:
    """Telegram allows 1-64 bytes; passage ids can be longer, so hash them."""
    return hashlib.sha256(key.encode()).hexdigest()[:32]
