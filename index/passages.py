"""Split an article's body into passages: one per `##` section, each named by its anchor.

A heading carries its anchor, `## Do I have to let the police in? {#let-police}`, and the
passage id is `<article-id>#<anchor>`, so it survives inserting, removing or reordering
sections. The anchor is never shown to people. Text before the first heading is the
article's preamble (dates, where it applies, the disclaimer) and is never indexed: it
answers no question, and a person reading it first learns nothing they asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.articles import Article
from index.hotlines import Hotline, expand
from index.models import Passage

# A passage is shown whole on a phone's first screen; past this the validator says split it.
MAX_PASSAGE_CHARS = 1400
HEADING = re.compile(r"^##\s+(?P<heading>.+?)\s*(?:\{#(?P<anchor>[^}\s]*)\})?\s*$")
ANCHOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Section:
    heading: str  # "" for the preamble before the first heading
    anchor: str  # "" for the preamble, or a heading written without one
    text: str
    line: int  # 1-based line of the heading in the file (or of the body for the preamble)


def sections_of(article: Article, hotlines: list[Hotline] | None = None) -> list[Section]:
    """The body's sections in order; the first is the preamble (possibly empty).

    With `hotlines`, every `{{hotlines: ...}}` line is expanded into its list of numbers.
    """
    sections: list[Section] = []
    heading, anchor, start, buf = "", "", article.body_line, list[str]()
    for offset, line in enumerate(article.body.splitlines()):
        match = HEADING.match(line)
        if match:
            sections.append(Section(heading, anchor, _text(buf, article, hotlines), start))
            heading, anchor = match["heading"].strip(), match["anchor"] or ""
            start, buf = article.body_line + offset, []
        else:
            buf.append(line)
    sections.append(Section(heading, anchor, _text(buf, article, hotlines), start))
    return sections


def _text(lines: list[str], article: Article, hotlines: list[Hotline] | None) -> str:
    text = "\n".join(lines).strip()
    return expand(text, article.meta.lang, hotlines) if hotlines is not None else text


def anchors_in(sections: list[Section]) -> list[str]:
    """The anchors of already split sections, in order (headings without one are left out)."""
    return [s.anchor for s in sections if s.heading and s.anchor]


def split_article(
    article: Article,
    hotlines: list[Hotline] | None = None,
    sections: list[Section] | None = None,
) -> list[Passage]:
    """One passage per anchored section, with id `<article-id>#<anchor>`; hotlines expanded.

    ``sections`` are the article's sections as validation split them (hotlines expanded);
    without them the body is split here.
    """
    meta = article.meta
    passages: list[Passage] = []
    if sections is None:
        sections = sections_of(article, hotlines if hotlines is not None else [])
    for section in sections:
        if not section.heading or not section.anchor or not section.text:
            continue  # the preamble, or a section the validator reports
        passages.append(
            Passage(
                id=f"{meta.id}#{section.anchor}",
                article_id=meta.id,
                anchor=section.anchor,
                n=len(passages),
                title=meta.title,
                heading=section.heading,
                text=section.text,
                lang=meta.lang,
            )
        )
    return passages
