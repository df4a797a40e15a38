"""Answer questions from the index: score passages, pick one per article, or abstain."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.embedding import Embedder, Vectors
from index.knowledge import Knowledge
from index.language import detect_language
from index.models import Answer, ArticleMeta, Hit, Lang, Passage
from index.store import StoredIndex

log = logging.getLogger(__name__)

# Cosine similarity below which a passage is too weak to show (first value, from the seed
# knowledge base: on-topic questions scored 0.45-0.8, off-topic ones under 0.3).
DEFAULT_THRESHOLD = 0.40


@dataclass(frozen=True)
class Scored:
    passage_index: int
    score: float


class Retriever:
    """Search over one consistent snapshot: knowledge, vectors and passages never mix versions."""

    def __init__(
        self,
        knowledge: Knowledge,
        stored: StoredIndex,
        embedder: Embedder,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.knowledge = knowledge
        self.embedder = embedder
        self.threshold = threshold
        self.version = stored.version
        self._passages = stored.passages
        self._vectors = stored.vectors
        self._by_article: dict[str, list[int]] = {}
        for i, p in enumerate(self._passages):
            self._by_article.setdefault(p.article_id, []).append(i)
        # Translations share a family: the English article's id.
        self._family = {a.id: a.translation_of or a.id for a in knowledge.articles.values()}
        self._spanish_of = {
            a.translation_of: a.id for a in knowledge.articles.values() if a.translation_of
        }

    # -- lookups used by the front ends -------------------------------------------------

    def article(self, article_id: str) -> ArticleMeta | None:
        return self.knowledge.articles.get(article_id)

    def passages_of(self, article_id: str) -> list[Passage]:
        return [self._passages[i] for i in self._by_article.get(article_id, [])]

    def article_for_topic(self, slug: str, lang: Lang) -> ArticleMeta | None:
        """The article for a topic, in Spanish when asked and one exists, else English."""
        english = [
            a for a in self.knowledge.articles.values() if a.lang == "en" and slug in a.topics
        ]
        if not english:
            return None
        primary = next((a for a in english if a.id == slug), english[0])
        if lang == "es" and primary.id in self._spanish_of:
            return self.knowledge.articles[self._spanish_of[primary.id]]
        return primary

    # -- search ------------------------------------------------------------------------

    def search(
        self,
        question: str,
        k: int = 3,
        lang: Lang | None = None,
        jurisdiction: str | None = None,
    ) -> Answer:
        """The best passages for `question` (at most one per article first), or an abstention."""
        return self.search_many([question], k=k, lang=lang, jurisdiction=jurisdiction)[0]

    def search_many(
        self,
        questions: Sequence[str],
        k: int = 3,
        lang: Lang | None = None,
        jurisdiction: str | None = None,
    ) -> list[Answer]:
        """Search several questions with one encoder call (the cost that dominates)."""
        texts = [q.strip() for q in questions]
        vectors = self.embedder.encode_queries([t or "?" for t in texts])
        return [
            self._answer(q, t, vectors[i], k, lang or detect_language(t) or "en")
            for i, (q, t) in enumerate(zip(questions, texts, strict=True))
        ]

    def _answer(self, question: str, text: str, qv: Vectors, k: int, lang: Lang) -> Answer:
        if not text or not self._passages:
            return Answer(
                question=question, hits=[], abstained=True, reason="low_confidence", lang=lang
            )
        scores = np.clip(self._vectors @ qv, 0.0, 1.0)
        ranked = [Scored(int(i), float(scores[i])) for i in np.argsort(-scores)]
        chosen = self._pick(ranked, k, lang)
        if not chosen:
            log.info("abstained: top score %.3f", ranked[0].score if ranked else 0.0)
            return Answer(
                question=question, hits=[], abstained=True, reason="low_confidence", lang=lang
            )
        hits = [self._hit(s) for s in chosen]
        return Answer(question=question, hits=hits, abstained=False, lang=lang)

    def _target(self, family: str, lang: Lang) -> str:
        """The article a family is shown from: the Spanish one for Spanish askers, if it exists."""
        if lang == "es" and family in self._spanish_of:
            return self._spanish_of[family]
        return family

    def _pick(self, ranked: list[Scored], k: int, lang: Lang) -> list[Scored]:
        """One passage per article family, in the asker's language; repeats only to fill k.

        A family's score is its best passage in either language (the evidence); what is shown
        is that family's best passage in the asker's language.
        """
        strong = [s for s in ranked if s.score >= self.threshold]
        chosen: list[Scored] = []
        for s in strong:
            family = self._family[self._passages[s.passage_index].article_id]
            target = self._target(family, lang)
            if any(self._passages[c.passage_index].article_id == target for c in chosen):
                continue
            members = set(self._by_article.get(target, []))
            shown = next((r for r in ranked if r.passage_index in members), s)
            chosen.append(Scored(shown.passage_index, s.score))
            if len(chosen) == k:
                return chosen
        shown_ids = {c.passage_index for c in chosen}
        for s in strong:
            if len(chosen) == k:
                break
            article_id = self._passages[s.passage_index].article_id
            if (
                article_id == self._target(self._family[article_id], lang)
                and s.passage_index not in shown_ids
            ):
                shown_ids.add(s.passage_index)
                chosen.append(s)
        return chosen

    def _hit(self, s: Scored) -> Hit:
        passage = self._passages[s.passage_index]
        article = self.knowledge.articles[passage.article_id]
        return Hit(passage=passage, article=article, score=round(s.score, 4))
