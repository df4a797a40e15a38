"""Split an article's body into passages: one per `##` section, long sections at paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.articles import Article
from index.models import Passage

MAX_WORDS = 150
MIN_WORDS = 40
INTRO_MIN_WORDS = 20  # a short preamble ("As of ..., not legal advice") is not worth a passage
HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class Section:
    heading: str
    text: str
    line: int  # 1-based line of the heading in the file (or of the body for the intro)


def sections_of(article: Article) -> list[Section]:
    """The body's sections in order; text before the first `##` is the intro."""
    sections: list[Section] = []
    heading, start, buf = "", article.body_line, list[str]()
    for offset, line in enumerate(article.body.splitlines()):
        match = HEADING.match(line)
        if match:
            sections.append(Section(heading, "\n".join(buf).strip(), start))
            heading, start, buf = match.group(1).strip(), article.body_line + offset, []
        else:
            buf.append(line)
    sections.append(Section(heading, "\n".join(buf).strip(), start))
    return sections


def _words(text: str) -> int:
    return len(text.split())


def _chunks(text: str) -> list[str]:
    """Greedy paragraph packing to at most MAX_WORDS; a short tail joins the chunk before it."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    chunks: list[list[str]] = [[]]
    for para in paragraphs:
        current = chunks[-1]
        if current and _words(" ".join(current)) + _words(para) > MAX_WORDS:
            chunks.append([para])
        else:
            current.append(para)
    if len(chunks) > 1 and _words(" ".join(chunks[-1])) < MIN_WORDS:
        tail = chunks.pop()
        chunks[-1].extend(tail)
    return ["\n\n".join(c) for c in chunks if c]


def split_article(article: Article) -> list[Passage]:
    """Passages with stable ids `<article-id>#<n>`, each keeping the title and heading."""
    meta = article.meta
    passages: list[Passage] = []
    for section in sections_of(article):
        if not section.heading and _words(section.text) < INTRO_MIN_WORDS:
            continue
        heading = section.heading or meta.title
        for chunk in _chunks(section.text):
            n = len(passages)
            passages.append(
                Passage(
                    id=f"{meta.id}#{n}",
                    article_id=meta.id,
                    n=n,
                    title=meta.title,
                    heading=heading,
                    text=chunk,
                    lang=meta.lang,
                )
            )
    return passages
