"""Ask the core, and compose replies as ``Document``s: answers, fixed texts, hotlines.

Nothing here knows about Telegram; the bot and the terminal chat render the same documents.
``ask`` logs the channel, language, counts, top score and latency, never the question.
"""

from __future__ import annotations

import logging
import time

from bot.document import Document, Paragraph, Span, markdown_paragraphs, paragraph
from bot.texts import text
from index import Answer, ArticleMeta, Catalog, Lang, Passage, Retriever

HOTLINE_TOPIC = "legal-help-hotlines"
MAX_HITS = 3  # the core's list, in its order: the first passage, then what else to reach
log = logging.getLogger(__name__)


def ask(
    retriever: Retriever,
    question: str,
    preferred: Lang | None,
    channel: str,
    region: str | None = None,
) -> Answer:
    """Search ``question`` and log what happened (not what was asked); blocking.

    ``preferred`` is the person's language (their /language choice, else Telegram's), or
    None; the core decides the reply language and returns it as ``Answer.lang``. ``region``
    (a jurisdiction code chosen with /region) boosts passages that apply there.
    """
    started = time.perf_counter()
    answer = retriever.search(question, k=MAX_HITS, preferred=preferred, jurisdiction=region)
    elapsed_ms = (time.perf_counter() - started) * 1000
    log.info(
        "question %s: reason=%s channel=%s lang=%s hits=%d top=%.3f search_ms=%.0f",
        "abstained" if answer.abstained else "answered",
        answer.reason,
        channel,
        answer.lang,
        len(answer.hits),
        answer.hits[0].score if answer.hits else 0.0,
        elapsed_ms,
    )
    return answer


def fixed(key: str, lang: Lang, **values: str) -> Document:
    """A fixed text (``bot.texts``) as a document, ``{placeholders}`` filled from ``values``."""
    return tuple(markdown_paragraphs(text(key, lang, **values)))


def compose_answer(answer: Answer, catalog: Catalog) -> Document:
    """The reply in ``answer.lang``: the hits with sources and dates, or a kind abstention."""
    lang = answer.lang
    if answer.abstained or not answer.hits:
        return fixed("refused" if answer.reason == "refused" else "abstain", lang)
    parts: list[Paragraph] = []
    if answer.uncovered_place:
        parts.append(paragraph(text("other_place", lang, place=answer.uncovered_place)))
    for hit in answer.hits[:MAX_HITS]:
        body, about = hit_parts(hit.passage, hit.article, lang, catalog)
        label = elsewhere_label(hit.article, answer.place, lang, catalog)
        parts.extend(body[:1] + label + body[1:] + about)
    parts.append(disclaimer(lang))
    return tuple(parts)


def elsewhere_label(
    article: ArticleMeta, place: str | None, lang: Lang, catalog: Catalog
) -> Document:
    """A warning line when ``article`` does not speak for ``place`` (empty when it does)."""
    if place is None or catalog.applies(article.jurisdictions, place):
        return ()
    names = ", ".join(_place_name(code, lang, catalog) for code in article.jurisdictions)
    here = _place_name(place, lang, catalog)
    return (paragraph(text("elsewhere", lang, places=names, place=here)),)


def compose_passages(
    passages: list[Passage], article: ArticleMeta, lang: Lang, catalog: Catalog
) -> tuple[Document, Document]:
    """Consecutive passages of one article as (title and texts, where-when-sources-disclaimer)."""
    body: list[Paragraph] = [paragraph(Span(article.title, bold=True))]
    for passage in passages:
        if passage.heading and passage.heading != article.title:
            body.append(paragraph(Span(passage.heading, bold=True)))
        body.extend(markdown_paragraphs(passage.text))
    tail = (about_line(article, lang, catalog), sources_line(article, lang), disclaimer(lang))
    return tuple(body), tail


def hit_parts(
    passage: Passage, article: ArticleMeta, lang: Lang, catalog: Catalog
) -> tuple[Document, Document]:
    """A passage as (title and text, where-when-sources lines)."""
    title = [Span(article.title, bold=True)]
    if passage.heading and passage.heading != article.title:
        title.append(Span(f" · {passage.heading}"))
    body = (tuple(title), *markdown_paragraphs(passage.text))
    return body, (about_line(article, lang, catalog), sources_line(article, lang))


def about_line(article: ArticleMeta, lang: Lang, catalog: Catalog) -> Paragraph:
    """The "Applies to … · Reviewed on …" line of an article."""
    names = [_place_name(code, lang, catalog) for code in article.jurisdictions]
    places = text("applies_to", lang, places=", ".join(names))
    reviewed = text("reviewed", lang, date=article.reviewed_on.isoformat())
    return paragraph(f"{places} · {reviewed}")


def sources_line(article: ArticleMeta, lang: Lang) -> Paragraph:
    """The article's sources as links."""
    spans: list[str | Span] = [text("sources", lang)]
    for i, source in enumerate(article.sources):
        if i:
            spans.append(" · ")
        spans.append(Span(source.title, url=source.url))
    return paragraph(*spans)


def disclaimer(lang: Lang) -> Paragraph:
    """The closing "not legal advice" line with the way to legal help."""
    return paragraph(text("disclaimer", lang))


def compose_hotline(retriever: Retriever, lang: Lang, catalog: Catalog) -> Document:
    """The legal-help article from the knowledge base, every passage, with sources and date."""
    article = retriever.article_for_topic(HOTLINE_TOPIC, lang)
    passages = retriever.passages_of(article.id) if article is not None else []
    if article is None or not passages:
        return fixed("no_hotline", lang)
    parts: list[Paragraph] = [paragraph(Span(article.title, bold=True))]
    for passage in passages:
        if passage.heading and passage.heading != article.title:
            parts.append(paragraph(Span(passage.heading, bold=True)))
        parts.extend(markdown_paragraphs(passage.text))
    parts.extend([about_line(article, lang, catalog), sources_line(article, lang)])
    parts.append(disclaimer(lang))
    return tuple(parts)


def _place_name(code: str, lang: Lang, catalog: Catalog) -> str:
    known = catalog.jurisdictions.get(code)
    return known.name(lang) if known is not None else code
