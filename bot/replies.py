"""Ask the core, and compose replies as ``Document``s: answers, declines, fixed texts.

Nothing here knows about Telegram; the bot and the terminal chat render the same documents.
An answer's first message holds one passage in the shape a phone shows at a glance: its
heading and text, one line with where it applies and its review date, its sources folded
(one named before the fold), and one short closing line. ``ask`` logs the channel, language,
counts, top score and latency, never the question.
"""

from __future__ import annotations

import logging
import time

from bot.choices import heading_of
from bot.document import Document, Paragraph, Span, folded, markdown_paragraphs, paragraph
from bot.texts import text
from index import (
    BOT,
    DANGER,
    GREETING,
    LEGAL_SUBJECTS,
    Answer,
    ArticleMeta,
    Catalog,
    Lang,
    Passage,
    Retriever,
)

HOTLINE_TOPIC = "legal-help-hotlines"
OTHER_LEGAL_ANCHOR = "hotlines-other-legal"  # the vetted passage a legal decline points to
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
        "question %s: reason=%s channel=%s lang=%s hits=%d choices=%d top=%.3f search_ms=%.0f",
        "abstained" if answer.abstained else "answered",
        answer.reason,
        channel,
        answer.lang,
        len(answer.hits),
        len(answer.choices),
        answer.hits[0].score if answer.hits else 0.0,
        elapsed_ms,
    )
    return answer


def fixed(key: str, lang: Lang, **values: str) -> Document:
    """A fixed text (``bot.texts``) as a document, ``{placeholders}`` filled from ``values``."""
    return tuple(markdown_paragraphs(text(key, lang, **values)))


def compose_answer(answer: Answer, retriever: Retriever) -> Document:
    """The first message in ``answer.lang``: the first passage alone, or a kind decline."""
    lang = answer.lang
    if answer.abstained or not answer.hits:
        return compose_decline(answer, retriever)
    catalog = retriever.knowledge.catalog
    hit = answer.hits[0]
    places = hit.article.jurisdictions_of(hit.passage.anchor)
    note = place_note(answer, places, catalog)
    numbers = situation_numbers(answer, retriever)
    return (*note, *compose_passage(hit.passage, hit.article, lang, catalog, numbers))


def place_note(answer: Answer, places: list[str], catalog: Catalog) -> Document:
    """At most one line on where the first passage's rules hold. When they may not apply
    where the asker is, it says so, naming a place the base does not cover as typed ("Texas",
    not the United States it stands under). Otherwise, for such a place, it says that nothing
    vetted is about it in particular."""
    label = elsewhere_label(places, answer.place, answer.lang, catalog, answer.uncovered_place)
    if label or not answer.uncovered_place:
        return label
    return (paragraph(text("other_place", answer.lang, place=answer.uncovered_place)),)


# Numbers under urgent steps: the first for the situation (hotlines.yaml order, filtered by
# place), so the steps and the number fit a phone's first screen; the line points to /hotline
# for the rest.
SITUATION_NUMBERS = 1


def situation_numbers(answer: Answer, retriever: Retriever) -> Document:
    """For a message about something happening now, its situation's numbers on one line each
    (``Answer.hotlines``, chosen by index.urgent); none already in the passage shown."""
    if not answer.hotlines or not answer.hits:
        return ()
    shown = answer.hits[0].passage.text
    by_id = {h.id: h for h in retriever.knowledge.hotlines}
    listed = [by_id[i] for i in answer.hotlines if i in by_id and by_id[i].number not in shown]
    listed = listed[:SITUATION_NUMBERS]
    if not listed:
        return ()
    catalog = retriever.knowledge.catalog
    spans: list[str | Span] = [Span(text("situation_numbers", answer.lang), bold=True)]
    for hotline in listed:
        # Where a number is for, unless the asker named a place and it is listed there.
        where = ", ".join(place_name(c, answer.lang, catalog) for c in hotline.places)
        spans += [
            "\n",
            Span(f"☎ {hotline.number}", bold=True),
            f" · {hotline.short_name(answer.lang)}",
            f" ({where})" if answer.place is None else "",
        ]
    return (paragraph(*spans),)


def compose_passage(
    passage: Passage, article: ArticleMeta, lang: Lang, catalog: Catalog, numbers: Document = ()
) -> Document:
    """One passage as a phone shows it: heading, text, the numbers to call when the message
    is about something happening now, where-when, folded sources, closing."""
    return (
        *passage_body(passage),
        *numbers,
        about_line(article, passage.anchor, lang, catalog),
        sources_fold(article, lang, passage.anchor),
        disclaimer(lang),
    )


def compose_group(answer: Answer, retriever: Retriever) -> Document:
    """The shortest form, for groups: heading, passage, the situation's number when the
    message is about something happening now (someone in the group may be in it), one source."""
    hit = answer.hits[0]
    numbers = situation_numbers(answer, retriever)
    return (
        *passage_body(hit.passage),
        *numbers,
        one_source(hit.article, answer.lang, hit.passage.anchor),
    )


def compose_decline(answer: Answer, retriever: Retriever) -> Document:
    """A refusal, "not sure" (over its choices), an everyday legal question pointed to general
    legal help, or "no answer"."""
    lang = answer.lang
    if answer.reason == "refused":
        return fixed("refused", lang)
    if answer.reason == "unsure":
        return fixed("unsure", lang)  # one line; the choices come as buttons or numbers
    if answer.decline_subject == GREETING:
        return fixed("start", lang)  # "hola": what the bot does and how to ask
    if answer.decline_subject == BOT:
        # "are you a cop?", "do you save what I type?": what the bot is and what it keeps.
        return (*fixed("about_bot", lang), *fixed("privacy", lang))
    if answer.decline_subject in LEGAL_SUBJECTS:
        # Someone hurt or threatened hears first where to call for help right now.
        opening = "abstain_danger" if answer.decline_subject == DANGER else "abstain_legal"
        found = legal_help(retriever, lang)
        if found is None:
            return fixed(opening, lang)
        passage, article = found
        catalog = retriever.knowledge.catalog
        return (
            *fixed(opening, lang),
            *markdown_paragraphs(passage.text),
            about_line(article, passage.anchor, lang, catalog),
            sources_fold(article, lang, passage.anchor),
            paragraph(text("not_advice", lang)),
        )
    return fixed("abstain", lang)


def legal_help(retriever: Retriever, lang: Lang) -> tuple[Passage, ArticleMeta] | None:
    """The vetted passage on general legal help (the other-legal hotlines), if the base has it."""
    article = retriever.article_for_topic(HOTLINE_TOPIC, lang)
    if article is None:
        return None
    found = [p for p in retriever.passages_of(article.id) if p.anchor == OTHER_LEGAL_ANCHOR]
    return (found[0], article) if found else None


def elsewhere_label(
    places: list[str], place: str | None, lang: Lang, catalog: Catalog, named: str | None = None
) -> Document:
    """A warning line when ``places`` do not cover ``place`` (empty when they do); ``named``:
    the place as the asker typed it, when it only stands under ``place``."""
    if place is None or catalog.applies(places, place):
        return ()
    names = ", ".join(place_name(code, lang, catalog) for code in places)
    here = named or place_name(place, lang, catalog)
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
    about = about_line(article, passages[0].anchor, lang, catalog)
    fold = sources_fold(article, lang, *(p.anchor for p in passages))
    return tuple(body), (about, fold, disclaimer(lang))


def passage_body(passage: Passage) -> Document:
    """A passage under its heading (bold)."""
    heading = paragraph(Span(heading_of(passage), bold=True))
    return (heading, *markdown_paragraphs(passage.text))


def about_line(article: ArticleMeta, anchor: str, lang: Lang, catalog: Catalog) -> Paragraph:
    """The "Applies to … · Reviewed on …" line of one passage of an article."""
    names = [place_name(code, lang, catalog) for code in article.jurisdictions_of(anchor)]
    places = text("applies_to", lang, places=", ".join(names))
    reviewed = text("reviewed", lang, date=article.reviewed_on.isoformat())
    return paragraph(f"{places} · {reviewed}")


def sources_fold(article: ArticleMeta, lang: Lang, *anchors: str) -> Paragraph:
    """What backs the passages shown (`ArticleMeta.sources_of`: their own sources, else the
    article's) as links, folded: the first on the "Sources:" line, one a line."""
    spans: list[str | Span] = [text("sources", lang)]
    for i, source in enumerate(article.sources_of(*anchors)):
        if i:
            spans.append("\n")
        spans.append(Span(source.title, url=source.url))
    return folded(*spans)


def one_source(article: ArticleMeta, lang: Lang, anchor: str) -> Paragraph:
    """The first source backing the passage, with the "not legal advice" note."""
    source = article.sources_of(anchor)[0]
    return paragraph(
        text("sources", lang), Span(source.title, url=source.url), " · ", text("not_advice", lang)
    )


def disclaimer(lang: Lang) -> Paragraph:
    """The closing "not legal advice" line with the way to legal help."""
    return paragraph(text("disclaimer", lang))


def place_name(code: str, lang: Lang, catalog: Catalog) -> str:
    """A jurisdiction's name in ``lang`` (its code when the catalog does not know it)."""
    known = catalog.jurisdictions.get(code)
    return known.name(lang) if known is not None else code
