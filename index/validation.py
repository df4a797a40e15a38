"""Checks across the whole knowledge base, reported as `path:line: message`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from index.about_bot import NO_ABOUT_BOT, AboutBot, load_about_bot
from index.articles import Article, article_paths, parse_article
from index.cards import Card, card_paths, check_cards, check_duplicates, parse_card
from index.catalog import Catalog, load_catalog
from index.errors import InvalidKnowledgeError, Problem
from index.glossary import NO_GLOSSARY, Glossary, load_glossary
from index.hotlines import NEEDS, Hotline, directive_needs, load_hotlines
from index.message_parts import NO_QUESTION_WORDS, QuestionWords, load_question_words
from index.offtopic import NO_DANGER_WORDS, DangerWords, load_offtopic_file
from index.passages import ANCHOR, MAX_PASSAGE_CHARS, Section, anchors_in, sections_of
from index.places import NO_PLACES, Places, load_places
from index.refusal import NO_REFUSALS, REFUSALS_FILE, RefusalPolicy, load_refusals
from index.situations import NO_SITUATIONS, Situations, SituationsFile, load_situations

REVIEW_EVERY = timedelta(days=180)


@dataclass
class Report:
    """Everything that loaded, read and split once, and every problem found.

    ``catalog`` is None only when the catalog itself failed to load (then nothing else is read).
    """

    articles: list[Article] = field(default_factory=list)
    offtopic: list[str] = field(default_factory=list)
    offtopic_subjects: list[str] = field(default_factory=list)  # one per example
    danger_words: DangerWords = NO_DANGER_WORDS  # offtopic.yaml's, for the danger decline
    cards: list[Card] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    catalog: Catalog | None = None
    hotlines: list[Hotline] = field(default_factory=list)
    places: Places = NO_PLACES
    glossary: Glossary = NO_GLOSSARY
    refusals: RefusalPolicy = NO_REFUSALS
    situations: Situations = NO_SITUATIONS
    about_bot: AboutBot = NO_ABOUT_BOT
    question_words: QuestionWords = NO_QUESTION_WORDS
    sections: dict[Path, list[Section]] = field(default_factory=dict)  # per article file

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def is_due(article: Article, today: date) -> bool:
    return article.meta.reviewed_on + REVIEW_EVERY < today


def due_for_review(report: Report, today: date | None = None) -> list[Article]:
    """Articles not reviewed for more than 180 days, oldest first (the CLI and /due)."""
    day = today or date.today()
    return sorted((a for a in report.articles if is_due(a, day)), key=lambda a: a.meta.reviewed_on)


def _check_article(
    a: Article, catalog: Catalog, today: date, hotlines: list[Hotline], sections: list[Section]
) -> list[Problem]:
    m, path, line = a.meta, str(a.path), a.field_lines
    out: list[Problem] = []
    if a.path.stem != m.id:
        out.append(Problem(path, line.get("id", 1), f"id '{m.id}' must match the file name"))
    if a.path.parent.name != m.lang:
        out.append(
            Problem(path, line.get("lang", 1), f"lang '{m.lang}' but file is not in {m.lang}/")
        )
    if m.lang == "es" and not m.id.endswith("-es"):
        out.append(Problem(path, line.get("id", 1), "a Spanish article's id must end in '-es'"))
    out += [
        Problem(path, line.get("topics", 1), f"unknown topic '{t}' (see topics.yaml)")
        for t in m.topics
        if t not in catalog.topics
    ]
    out += [
        Problem(path, line.get("jurisdictions", 1), f"unknown jurisdiction '{j}'")
        for j in m.jurisdictions
        if j not in catalog.jurisdictions
    ]
    out += [
        Problem(
            path, line.get(f"passages.{anchor}.jurisdictions", 1), f"unknown jurisdiction '{j}'"
        )
        for anchor, meta in m.passages.items()
        for j in meta.jurisdictions or ()
        if j not in catalog.jurisdictions
    ]
    if m.reviewed_on > today:
        out.append(Problem(path, line.get("reviewed_on", 1), "reviewed_on is in the future"))
    elif is_due(a, today):
        msg = f"due for review: last reviewed {m.reviewed_on}, more than 180 days ago"
        out.append(Problem(path, line.get("reviewed_on", 1), msg, "warning"))
    out += _check_sections(a, hotlines, sections)
    out += _check_duplicate_sources(a)
    return out


def _check_duplicate_sources(a: Article) -> list[Problem]:
    """A warning for each source address cited twice in one article."""
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for i, source in enumerate(a.meta.sources):
        key = source.url.rstrip("/").lower()
        line = a.field_lines.get(f"sources.{i}.url", a.field_lines.get("sources", 1))
        if key in seen:
            msg = f"source address cited twice (also source {seen[key] + 1}): {source.url}"
            out.append(Problem(str(a.path), line, msg, "warning"))
        else:
            seen[key] = i
    return out


def _check_sections(
    a: Article, hotlines: list[Hotline] | None = None, sections: list[Section] | None = None
) -> list[Problem]:
    """Anchors present, well formed and unique; sections neither empty nor too long.

    Lengths are measured with `{{hotlines: ...}}` lines expanded, as people will read them.
    """
    path, out, seen = str(a.path), list[Problem](), set[str]()
    for offset, needs in directive_needs(a.body):
        for need in needs or [""]:
            if need not in NEEDS and need not in {h.id for h in hotlines or []}:
                msg = f"hotlines: unknown need or hotline id '{need}' (needs: {', '.join(NEEDS)})"
                out.append(Problem(path, a.body_line + offset, msg))
    if sections is None:
        sections = sections_of(a, hotlines if hotlines is not None else [])
    for s in sections:
        if not s.heading:
            continue
        if not s.text:
            out.append(Problem(path, s.line, f"section '{s.heading}' is empty"))
        elif len(s.text) > MAX_PASSAGE_CHARS:
            msg = f"section is {len(s.text)} characters; split it (at most {MAX_PASSAGE_CHARS})"
            out.append(Problem(path, s.line, msg))
        if not s.anchor:
            out.append(Problem(path, s.line, "heading has no anchor: end it with {#some-anchor}"))
        elif not ANCHOR.match(s.anchor):
            msg = f"anchor '{s.anchor}' must be lowercase letters, digits and single hyphens"
            out.append(Problem(path, s.line, msg))
        elif s.anchor in seen:
            out.append(Problem(path, s.line, f"duplicate anchor '{s.anchor}'"))
        seen.add(s.anchor)
    if not any(s.heading for s in sections):
        out.append(Problem(path, a.body_line, "body has no '## ' section"))
    for key in a.meta.passages:
        if key not in seen:
            line = a.field_lines.get(f"passages.{key}", 1)
            out.append(Problem(path, line, f"passages: '{key}' names no anchor in this article"))
    return out


# A YAML list item inside a key: spaces, a dash and a space after text ("...true?      - does").
JOINED_ITEM = re.compile(r"\S\s{2,}- \S")


def _check_keys(articles: list[Article], refusals: RefusalPolicy) -> list[Problem]:
    """Asked-as keys: no empty list or key, each names one passage in its language, and none
    is refused by the refusal policy (a question asked like it would be refused).

    A key listed twice, under one anchor, two anchors or two articles, would send a question
    to either passage, so every repeat is an error at its own line.
    """
    out: list[Problem] = []
    owner: dict[tuple[str, str], tuple[str, str]] = {}  # (lang, key) -> (article, anchor)
    for a in articles:
        for anchor, meta in a.meta.passages.items():
            where = f"passages.{anchor}.asked_as"
            if meta.asked_as is not None and not meta.asked_as:
                out.append(Problem(str(a.path), a.field_lines.get(where, 1), f"{where} is empty"))
            for i, key in enumerate(meta.asked_as or ()):
                line = a.field_lines.get(f"{where}.{i}", 1)
                if refusals.matches(key):
                    msg = f"asked-as key '{key}' is refused by {REFUSALS_FILE}; protect it"
                    out.append(Problem(str(a.path), line, msg + " or rephrase the pattern"))
                if JOINED_ITEM.search(key):
                    # two list items run together (a lost line break): two keys read as one
                    msg = f"asked-as key '{key[:60]}…' holds a '- ' list item; split the line"
                    out.append(Problem(str(a.path), line, msg))
                normal = " ".join(key.lower().split())
                here, first = (a.meta.id, anchor), owner.get((a.meta.lang, normal))
                if not normal:
                    msg = f"{where}: an empty key"
                elif first is None:
                    owner[(a.meta.lang, normal)] = here
                    continue
                elif first == here:
                    msg = f"key '{key}' is listed twice under '{anchor}'"
                elif first[0] == a.meta.id:
                    msg = f"key '{key}' repeats one of '{first[1]}'"
                else:
                    msg = f"key '{key}' is also a key of {first[0]}#{first[1]}"
                out.append(Problem(str(a.path), line, msg))
    return out


def _check_passage_sources(articles: list[Article]) -> list[Problem]:
    """A passage's `sources:` are addresses of its article's sources; a translation, which
    inherits them, lists them too (else its replies would fall back to every source)."""
    out: list[Problem] = []
    by_id = {a.meta.id: a for a in articles}
    for a in articles:
        urls = {s.url for s in a.meta.sources}
        for anchor, meta in a.meta.passages.items():
            line = a.field_lines.get(f"passages.{anchor}.sources", 1)
            for url in meta.sources or ():
                if url not in urls:
                    msg = f"passages.{anchor}: source '{url}' is not among the article's sources"
                    out.append(Problem(str(a.path), line, msg))
        original = by_id.get(a.meta.translation_of or "")
        if original is None:
            continue
        for anchor, meta in original.meta.passages.items():
            for url in meta.sources or ():
                if url not in urls:
                    msg = (
                        f"passages.{anchor}: source '{url}' of {original.meta.id} is not among "
                        "this translation's sources"
                    )
                    out.append(Problem(str(a.path), a.field_lines.get("sources", 1), msg))
    return out


def _check_situations(
    articles: list[Article], sections: dict[Path, list[Section]], loaded: SituationsFile
) -> list[Problem]:
    """Passages' `situations:` name situations of situations.yaml and are `kind: steps`, and
    their `who:` its groups; every situation has a steps passage; `numbers:` and `finding:`
    name passages that exist."""
    out: list[Problem] = []
    tagged: set[str] = set()
    for a in articles:
        for anchor, meta in a.meta.passages.items():
            line = a.field_lines.get(f"passages.{anchor}.situations", 1)
            for slug in meta.situations:
                if slug not in loaded.lines:
                    msg = f"passages.{anchor}: unknown situation '{slug}' (see situations.yaml)"
                    out.append(Problem(str(a.path), line, msg))
                tagged.add(slug)
            if meta.situations and meta.kind != "steps":
                msg = f"passages.{anchor}: situations are for 'kind: steps' passages only"
                out.append(Problem(str(a.path), line, msg))
            for group in meta.who or ():
                if group not in loaded.situations.groups:
                    at = a.field_lines.get(f"passages.{anchor}.who", 1)
                    msg = f"passages.{anchor}: unknown who '{group}' (see who: in situations.yaml)"
                    out.append(Problem(str(a.path), at, msg))
    where = str(loaded.path)
    for situation in loaded.situations.situations.values():
        if situation.id not in tagged:
            msg = f"situation '{situation.id}' has no passage tagged with it (kind: steps)"
            out.append(Problem(where, situation.line, msg))
    anchors = {
        (a.meta.id, s.anchor) for a in articles for s in sections.get(a.path, []) if s.anchor
    }
    for name, by_need in loaded.passages.items():
        for need, (pid, line) in by_need.items():
            article, _, anchor = pid.partition("#")
            if (article, anchor) not in anchors:
                out.append(Problem(where, line, f"{name}.{need}: passage '{pid}' not found"))
    return out


def _check_links(articles: list[Article], sections: dict[Path, list[Section]]) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, Article] = {}
    for a in articles:
        if a.meta.id in seen:
            first = seen[a.meta.id].path
            out.append(
                Problem(str(a.path), a.field_lines.get("id", 1), f"duplicate id (also {first})")
            )
        else:
            seen[a.meta.id] = a
    for a in articles:
        target = a.meta.translation_of
        if target is None:
            continue
        line = a.field_lines.get("translation_of", 1)
        if target not in seen:
            out.append(Problem(str(a.path), line, f"translation_of '{target}' points nowhere"))
        elif seen[target].meta.lang != "en":
            out.append(Problem(str(a.path), line, f"translation_of '{target}' is not English"))
        elif anchors_in(sections[a.path]) != anchors_in(sections[seen[target].path]):
            msg = f"anchors differ from the original '{target}' (same anchors, same order)"
            out.append(Problem(str(a.path), a.body_line, msg))
    return out


def validate_knowledge(
    knowledge_dir: Path, today: date | None = None, *, judge_keys: bool = False
) -> Report:
    """Parse and check every file once; the catalog itself must load first.

    ``judge_keys``: also check that the refusal policy refuses no asked-as key (about 2 s for
    ~5,000 keys): the `validate` command's lint for moderators and CI, not a cost for every
    process that loads the base.
    """
    today = today or date.today()
    try:
        catalog = load_catalog(knowledge_dir)
    except InvalidKnowledgeError as exc:
        return Report(problems=exc.problems)
    report = Report(catalog=catalog)
    report.hotlines, problems = load_hotlines(knowledge_dir, set(catalog.jurisdictions))
    report.problems += problems
    report.places, problems = load_places(knowledge_dir, catalog)
    report.problems += problems
    report.glossary, problems = load_glossary(knowledge_dir)
    report.problems += problems
    report.refusals, refusal_problems = load_refusals(knowledge_dir)
    report.problems += refusal_problems
    report.question_words, problems = load_question_words(knowledge_dir)
    report.problems += problems
    hotlines = report.hotlines
    paths = article_paths(knowledge_dir)
    if not paths:
        report.problems.append(Problem(str(knowledge_dir / "articles"), 1, "no articles found"))
    for path in paths:
        article, problems = parse_article(path)
        report.problems += problems
        if article is not None:
            sections = report.sections[path] = sections_of(article, hotlines)
            report.problems += _check_article(article, catalog, today, hotlines, sections)
            report.articles.append(article)
    report.problems += _check_links(report.articles, report.sections)
    report.problems += _check_passage_sources(report.articles)
    # Keys are judged only by a policy that loaded whole (its own problems come first).
    judge = report.refusals if judge_keys and not refusal_problems else NO_REFUSALS
    report.problems += _check_keys(report.articles, judge)
    situations, problems = load_situations(knowledge_dir)
    report.situations = situations.situations
    report.problems += problems + _check_situations(report.articles, report.sections, situations)
    report.about_bot, problems = load_about_bot(knowledge_dir)
    report.problems += problems
    examples, report.danger_words, problems = load_offtopic_file(knowledge_dir)
    report.offtopic = [e.text for e in examples]
    report.offtopic_subjects = [e.subject for e in examples]
    report.problems += problems
    _validate_cards(report, knowledge_dir, catalog, today)
    return report


def _validate_cards(report: Report, knowledge_dir: Path, catalog: Catalog, today: date) -> None:
    """ "Show this" cards (see index.cards), after the articles and hotlines they quote."""
    for path in card_paths(knowledge_dir):
        card, problems = parse_card(path)
        report.problems += problems
        if card is not None:
            report.cards.append(card)
    report.problems += check_duplicates(report.cards)
    report.problems += check_cards(report.cards, report.articles, catalog, today)
