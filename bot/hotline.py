"""/hotline: the numbers first, grouped by need, from ``knowledge/hotlines.yaml``.

Each number shows who runs it, its hours where known and the date it was seen listed (a link
to the page it was seen on). The rest of the legal-help article is one tap away ("More legal
help"). Without hotline data the whole legal-help article is shown, as before.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.document import Document, Paragraph, Span, markdown_paragraphs, paragraph
from bot.replies import HOTLINE_TOPIC, about_line, disclaimer, fixed, sources_fold
from bot.texts import text
from index import NEEDS, Catalog, Hotline, Lang, Passage, Retriever


def compose_hotline(retriever: Retriever, lang: Lang, catalog: Catalog) -> Document:
    """The hotline numbers by need; the legal-help article when there are none."""
    hotlines = retriever.knowledge.hotlines
    if not hotlines:
        return compose_hotline_article(retriever, lang, catalog)
    parts: list[Paragraph] = [*fixed("hotline_title", lang)]
    for need in NEEDS:
        listed = [h for h in hotlines if need in h.needs]
        if listed:
            lines = [Span(text(f"need_{need}", lang), bold=True)]
            for hotline in listed:
                lines += [Span("\n"), *hotline_line(hotline, lang)]
            parts.append(tuple(lines))
    parts.append(paragraph(text("not_advice", lang)))
    return tuple(parts)


def hotline_line(hotline: Hotline, lang: Lang) -> tuple[Span, ...]:
    """ "☎ number · who runs it · hours · listed <date>" (the date links to where)."""
    name = hotline.name.get(lang) or hotline.name["en"]
    hours = (hotline.hours.get(lang) or hotline.hours["en"]) if hotline.hours else ""
    seen = text("hotline_seen", lang, date=hotline.seen_on.isoformat())
    host = (urlsplit(hotline.seen_at).hostname or "").removeprefix("www.")
    spans = [Span(f"☎ {hotline.number}", bold=True), Span(f" · {name}")]
    if hours:
        spans.append(Span(f" · {hours}"))
    spans += [Span(" · "), Span(f"{seen} ({host})" if host else seen, url=hotline.seen_at)]
    return tuple(spans)


def hotline_more(retriever: Retriever, lang: Lang) -> Passage | None:
    """The passage "More legal help" continues after: the last one listing numbers by need."""
    article = retriever.article_for_topic(HOTLINE_TOPIC, lang)
    if article is None or not retriever.knowledge.hotlines:
        return None
    passages = retriever.passages_of(article.id)
    listing = [p for p in passages if p.anchor.startswith("hotlines-")]
    return listing[-1] if listing else (passages[0] if passages else None)


def compose_hotline_article(retriever: Retriever, lang: Lang, catalog: Catalog) -> Document:
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
    fold = sources_fold(article, lang, *(p.anchor for p in passages))
    parts.extend([about_line(article, passages[0].anchor, lang, catalog), fold])
    parts.append(disclaimer(lang))
    return tuple(parts)
