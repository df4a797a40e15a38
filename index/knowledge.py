"""A validated snapshot of the knowledge base: catalog, indexed articles, passages, hash."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from index.about_bot import ABOUT_BOT_FILE, NO_ABOUT_BOT, AboutBot
from index.articles import article_paths
from index.cards import CardMeta, card_paths
from index.catalog import Catalog
from index.errors import InvalidKnowledgeError
from index.glossary import GLOSSARY_FILE, Glossary
from index.hotlines import HOTLINES_FILE, Hotline
from index.message_parts import NO_QUESTION_WORDS, QUESTION_WORDS_FILE, QuestionWords
from index.models import ArticleMeta, Passage, PassageMeta
from index.offtopic import NO_DANGER_WORDS, OFFTOPIC_FILE, DangerWords
from index.passages import split_article
from index.places import PLACES_FILE, Places
from index.refusal import NO_REFUSALS, REFUSALS_FILE, RefusalPolicy
from index.situations import NO_SITUATIONS, SITUATIONS_FILE, Situations
from index.sources import Read, recording
from index.spelling import NO_SPELLER, Speller, knowledge_speller
from index.store import FORMAT_VERSION
from index.validation import validate_knowledge

# Every file besides the articles that what is built depends on (the hash covers them all).
CATALOG_FILES = (
    "topics.yaml",
    "jurisdictions.yaml",
    OFFTOPIC_FILE,
    HOTLINES_FILE,
    PLACES_FILE,
    GLOSSARY_FILE,
    REFUSALS_FILE,
    SITUATIONS_FILE,
    QUESTION_WORDS_FILE,
    ABOUT_BOT_FILE,
)


class Key(NamedTuple):
    """One way people ask for a passage (its `asked_as` list): never shown, only searched."""

    passage_id: str
    text: str


def keys_of(articles: dict[str, ArticleMeta], passages: list[Passage]) -> list[Key]:
    """Every indexed passage's asked-as keys, in passage order."""
    out: list[Key] = []
    for p in passages:
        meta = articles[p.article_id].passages.get(p.anchor)
        if meta is not None and meta.asked_as:
            out += [Key(p.id, text) for text in meta.asked_as]
    return out


@dataclass(frozen=True)
class Knowledge:
    """What an index is built from. Only vetted articles, unless drafts were asked for."""

    catalog: Catalog
    articles: dict[str, ArticleMeta]
    passages: list[Passage]
    offtopic: list[str]  # questions not to answer (see index.offtopic)
    hotlines: list[Hotline]  # knowledge/hotlines.yaml, expanded into articles at load
    places: Places  # jurisdiction aliases and knowledge/places.yaml (see index.places)
    glossary: Glossary  # knowledge/glossary.yaml, applied to every question
    hash: str
    include_drafts: bool
    cards: tuple[CardMeta, ...] = ()  # "show this" cards (index.cards); vetted unless drafts
    keys: tuple[Key, ...] = ()  # asked-as keys of the indexed passages
    offtopic_subjects: tuple[str, ...] = ()  # the subject of each off-topic example
    danger_words: DangerWords = NO_DANGER_WORDS  # what a danger decline needs (index.offtopic)
    refusals: RefusalPolicy = NO_REFUSALS  # knowledge/refusals.yaml (see index.refusal)
    situations: Situations = NO_SITUATIONS  # knowledge/situations.yaml (see index.situations)
    about_bot: AboutBot = NO_ABOUT_BOT  # knowledge/about_bot.yaml (see index.about_bot)
    # knowledge/question_words.yaml: how a message's questions are found (index.message_parts)
    question_words: QuestionWords = NO_QUESTION_WORDS
    speller: Speller = NO_SPELLER  # corrects words unknown to this base (index.spelling)

    def speaks_for(self, passage: Passage, place: str) -> bool:
        """Whether a passage applies at `place`: where its own `jurisdictions:` say (else its
        article's), or a place above one of them. Search and urgent routing both ask this,
        so a New York City passage of a nationwide article never counts for California."""
        codes = self.articles[passage.article_id].jurisdictions_of(passage.anchor)
        return self.catalog.applies(list(codes), place)


def inherit_passages(articles: dict[str, ArticleMeta]) -> dict[str, ArticleMeta]:
    """Spanish articles with their original's per-passage fields (all but ``asked_as``)."""
    out = dict(articles)
    for article in articles.values():
        original = articles.get(article.translation_of or "")
        if original is None or not original.passages:
            continue
        merged = dict(article.passages)
        for anchor, meta in original.passages.items():
            own = merged.get(anchor)
            inherited = meta.model_dump(exclude={"asked_as"})
            if own is not None:
                inherited.update(own.model_dump(exclude_defaults=True))
            merged[anchor] = PassageMeta(**inherited)
        out[article.id] = article.model_copy(update={"passages": merged})
    return out


def knowledge_hash(
    knowledge_dir: Path, include_drafts: bool = False, read: Mapping[Path, Read] | None = None
) -> str:
    """Hash of every article and catalog file: cheap to compute, so staleness is checked often.

    ``read`` holds files already read by this load (index.sources.recording): those are hashed
    as they were validated, not read again.
    """
    digest = hashlib.sha256(f"format={FORMAT_VERSION};drafts={include_drafts}".encode())
    files = [knowledge_dir / name for name in CATALOG_FILES] + article_paths(knowledge_dir)
    files += card_paths(knowledge_dir)
    read = read or {}
    for path in files:
        digest.update(str(path.relative_to(knowledge_dir)).encode() + b"\x00")
        try:
            got = read[path] if path in read else path.read_bytes()
        except OSError as exc:
            got = exc
        # Unreadable files still change the hash; validation reports them.
        digest.update(repr(got).encode() if isinstance(got, OSError) else got)
        digest.update(b"\x00")
    return digest.hexdigest()


def load_knowledge(knowledge_dir: Path, include_drafts: bool = False) -> Knowledge:
    """Validate everything, then keep the indexable articles; any error raises with all problems.

    Validation reads, loads and splits every file once; this keeps what it produced and hashes
    the bytes it read.
    """
    with recording() as read:
        report = validate_knowledge(knowledge_dir)
    if report.errors or report.catalog is None:
        raise InvalidKnowledgeError(report.problems)
    chosen = [a for a in report.articles if include_drafts or a.meta.status == "vetted"]
    passages = [
        p for a in chosen for p in split_article(a, report.hotlines, report.sections[a.path])
    ]
    articles = inherit_passages({a.meta.id: a.meta for a in chosen})
    keys = tuple(keys_of(articles, passages))
    lang_of = {p.id: p.lang for p in passages}
    texts = [(p.lang, p.embedding_text()) for p in passages]
    asked = [(lang_of[k.passage_id], k.text) for k in keys]
    speller = knowledge_speller(texts, asked, report.glossary, report.places)
    return Knowledge(
        catalog=report.catalog,
        articles=articles,
        passages=passages,
        offtopic=report.offtopic,
        hotlines=report.hotlines,
        places=report.places,
        glossary=report.glossary,
        offtopic_subjects=tuple(report.offtopic_subjects),
        danger_words=report.danger_words,
        refusals=report.refusals,
        hash=knowledge_hash(knowledge_dir, include_drafts, read),
        include_drafts=include_drafts,
        cards=tuple(c.meta for c in report.cards if include_drafts or c.meta.status == "vetted"),
        keys=keys,
        speller=speller,
        situations=report.situations,
        about_bot=report.about_bot,
        question_words=report.question_words,
    )
