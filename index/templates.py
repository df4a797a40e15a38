"""Ready-to-edit draft articles for `python -m index new`."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from index.errors import KyrError

DRAFT = """---
id: {id}
title: "{title}"
lang: {lang}
{translation}jurisdictions: [US]
topics: [{topic}]
summary: "One plain sentence: what this article answers."
sources:
  - title: "Publisher: page title"
    url: "https://example.org/replace-with-the-real-page"
    accessed: {today}
reviewed_by: your-handle
reviewed_on: {today}
status: draft
passages:
  right-now:
    kind: steps  # what to do right now: leads urgent messages, ranked after specific answers
    asked_as:
      - "how people ask for the first section, in their words"
      - "a short form, slang (cops, la migra) or a common misspelling"
      - "someone else's case: my son, my roommate, mi tio"
      - "an urgent one: they are at my door right now"
  why:
    asked_as:
      - "how people ask for the second section"
      - "why does this matter, asked another way"
      - "a longer message that tells a story, then asks"
      - "a Spanish or Spanglish form where people use one"
---

As of {month}. Where this applies. General information, not legal advice.

## {first} {{#right-now}}

Action steps first: short sentences, 40-150 words a section.
The {{#anchor}} after each heading names the passage (`<id>#<anchor>`):
keep it when the words of the heading change.

## {second} {{#why}}

Then the why. End the last section with where to get legal help (/hotline).
"""


def slugify(title: str) -> str:
    """'Police at my door?' -> 'police-at-my-door'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")


def write_draft(
    knowledge_dir: Path,
    title: str,
    lang: str = "en",
    translation_of: str | None = None,
    topic: str | None = None,
) -> Path:
    """Write a draft with the full front matter; refuses to overwrite an existing article."""
    slug = slugify(title)
    if not slug:
        raise KyrError("the title needs at least one letter or digit")
    article_id = f"{slug}-es" if lang == "es" and not slug.endswith("-es") else slug
    path = knowledge_dir / "articles" / lang / f"{article_id}.md"
    if path.exists():
        raise KyrError(f"{path} already exists")
    today = date.today()
    spanish = lang == "es"
    text = DRAFT.format(
        id=article_id,
        title=title.replace('"', "'"),
        lang=lang,
        translation=f"translation_of: {translation_of}\n" if translation_of else "",
        topic=topic or translation_of or "replace-with-a-topic-slug",
        today=today.isoformat(),
        month=today.strftime("%B %Y"),
        first="¿Qué hago ahora?" if spanish else "What should I do right now?",
        second="¿Por qué?" if spanish else "Why?",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
