"""Answer questions: hybrid scores with asked-as keys, one ordered list, calibrated abstention."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from threadpoolctl import threadpool_limits

from index.batching import EncodingBatcher
from index.confidence import Calibration
from index.embedding import Embedder, Vectors
from index.knowledge import Knowledge
from index.lexical import LexicalIndex
from index.message_parts import ReadMessage, per_message, question_parts, tells
from index.models import Answer, ArticleMeta, Hit, Lang, Passage
from index.offtopic import BOT, DANGER, GREETING, nearest_subject
from index.questions import ReadQuestion, read_question
from index.refusal import RefusalPolicy
from index.scoring import FamilyScores, Mode, QuestionSignals, family_scores, passage_scores
from index.store import StoredIndex
from index.urgent import UrgentRouter

log = logging.getLogger(__name__)

# What a person can reach: the passage shown first and the ones offered after it.
OFFERED = 3
# Another section of the first article is offered when it scores this close to the best.
SAME_ARTICLE_RATIO = 0.9
# Passages whose (normalized) vectors are at least this close say the same thing, like the
# New York mask law in two articles: only the first of them takes a place in the offered list.
NEAR_DUPLICATE = 0.92
# "Did you mean…?": how many candidates an unsure reply offers.
CHOICES = 3
# A story that ends in one question is searched with a vector between the whole message's and
# its question's, this far toward the question. On the real dev questions (a story, then
# "what are my rights?") 0.5 answered and declined more of them right than the whole message
# alone or the whole message followed by its question's best passage; 0.3 did no better.
STORY_QUESTION_WEIGHT = 0.5


class Retriever:
    """Search over one consistent snapshot: knowledge, vectors and passages never mix versions."""

    def __init__(
        self,
        knowledge: Knowledge,
        stored: StoredIndex,
        embedder: Embedder,
        *,
        mode: Mode = "hybrid",
        calibration: Calibration | None = None,
        refusals: RefusalPolicy | None = None,
        batcher: EncodingBatcher | None = None,
    ) -> None:
        # Searching is a few small matrix-vector products per question, while the encoder's
        # ONNX calls want both cores: OpenBLAS's second thread only spins against them (with
        # 8 concurrent askers, 74 questions/s with it, 142 without, measured 2026-12-04).
        threadpool_limits(1, user_api="blas")
        self.knowledge = knowledge
        self.embedder = embedder
        self.mode = mode
        self.calibration = calibration or Calibration.load()
        self.version = stored.version
        self._passages = stored.passages
        self._vectors = stored.vectors
        self._offtopic = stored.offtopic
        # Examples of violence against the asker ("danger") only route a decline: they share
        # words with the base's passages on police violence, and as gate examples they cost
        # 2.6 points of correct abstention on dev cross-validation (0.870 -> 0.844).
        subjects = knowledge.offtopic_subjects
        aligned = len(subjects) == len(self._offtopic)
        routing_only = [s == DANGER for s in subjects] if aligned else []
        self._gate_offtopic = np.delete(self._offtopic, np.flatnonzero(routing_only), axis=0)
        keys: dict[str, list[str]] = {}
        for key in knowledge.keys:
            keys.setdefault(key.passage_id, []).append(key.text)
        self._lexical = LexicalIndex(stored.passages, keys, knowledge.glossary.terms)
        self.refusals = refusals if refusals is not None else knowledge.refusals
        # Shared across reloads: one encoder thread per model, not one per index version.
        self.batcher = batcher or EncodingBatcher(
            embedder.encode_queries,
            workers=getattr(embedder, "parallel_calls", 1),
            encode_alone=getattr(embedder, "encode_alone", None),
        )
        self._by_article: dict[str, list[int]] = {}
        self._region_masks: dict[str, np.ndarray] = {}  # passages that apply, per place
        index_of = {p.id: i for i, p in enumerate(self._passages)}
        key_of = np.array([index_of[pid] for pid in stored.key_passages], dtype=np.int64)
        # Keys grouped by passage once, here, so a question's best key per passage is one
        # matrix product and one reduceat call (ufunc.at is an order of magnitude slower).
        order = np.argsort(key_of, kind="stable")
        self._keys = np.ascontiguousarray(stored.keys[order]) if len(key_of) else stored.keys
        grouped = key_of[order]
        self._key_starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
        self._key_owners = grouped[self._key_starts] if len(grouped) else grouped
        self._by_anchor: dict[tuple[str, str], int] = {}
        for i, p in enumerate(self._passages):
            self._by_article.setdefault(p.article_id, []).append(i)
            self._by_anchor[(p.article_id, p.anchor)] = i
        self._index_of = index_of
        # Where an unplaced question is taken to be asked (Fusion.home_boost); fixed per snapshot.
        self._home = knowledge.catalog.home
        # Passages of `placed_only` articles, which answer only questions placed where they apply.
        self._placed_only = np.array(
            [knowledge.articles[p.article_id].placed_only for p in self._passages], dtype=bool
        )
        articles_of = knowledge.articles
        self._steps = np.array(
            [articles_of[p.article_id].is_steps(p.anchor) for p in self._passages],
            dtype=np.float32,
        )
        # Each passage's English original (itself when English or untranslated).
        self._original = [
            self._by_anchor.get(
                (knowledge.articles[p.article_id].translation_of or "", p.anchor), i
            )
            for i, p in enumerate(self._passages)
        ]
        # Translations share a family, named by the English article's id.
        articles = knowledge.articles.values()
        self._spanish_of = {a.translation_of: a.id for a in articles if a.translation_of}
        self.urgent = UrgentRouter(
            knowledge, stored.passages, stored.vectors, index_of, self._original, self._shown
        )
        self._families = sorted({a.translation_of or a.id for a in articles})
        # Topic -> its English article, indexed once: the article named after the topic, else
        # the first (by id) that lists it.
        self._topic_article: dict[str, str] = {}
        for a in sorted(articles, key=lambda a: a.id):
            for slug in a.topics if a.lang == "en" else ():
                if a.id == slug or slug not in self._topic_article:
                    self._topic_article[slug] = a.id
        number = {name: i for i, name in enumerate(self._families)}
        self._family_of = np.array(
            [
                number[knowledge.articles[p.article_id].translation_of or p.article_id]
                for p in self._passages
            ],
            dtype=np.int64,
        )

    def with_mode(self, mode: Mode) -> Retriever:
        """The same snapshot searched another way (the evaluation's baselines)."""
        clone = object.__new__(Retriever)
        clone.__dict__.update(self.__dict__)
        clone.mode = mode
        return clone

    def with_calibration(self, calibration: Calibration) -> Retriever:
        """The same snapshot with another calibration (calibration and cross-validation)."""
        clone = self.with_mode(self.mode)
        clone.calibration = calibration
        return clone

    # -- lookups used by the front ends -------------------------------------------------

    def article(self, article_id: str) -> ArticleMeta | None:
        return self.knowledge.articles.get(article_id)

    def passages_of(self, article_id: str) -> list[Passage]:
        return [self._passages[i] for i in self._by_article.get(article_id, [])]

    def in_language(self, article_id: str, lang: Lang) -> str:
        """The id of the Spanish version of an English article for Spanish, where one exists."""
        return self._spanish_of.get(article_id, article_id) if lang == "es" else article_id

    def article_for_topic(self, slug: str, lang: Lang) -> ArticleMeta | None:
        """The article for a topic, in Spanish when asked and one exists, else English."""
        primary = self._topic_article.get(slug)
        return self.article(self.in_language(primary, lang)) if primary else None

    # -- search ------------------------------------------------------------------------

    def search(
        self,
        question: str,
        k: int = 3,
        preferred: Lang | None = None,
        jurisdiction: str | None = None,
    ) -> Answer:
        """What a person can reach for `question` (see `_pick`), or an abstention.

        ``preferred`` is the person's language, if they have one; ``Answer.lang`` is the
        language to reply in (index.language.reply_language). A message with several
        questions is answered part by part (see `answer_message`). Thread-safe; concurrent
        calls share one encoder call (see index.batching).
        """
        message = self.read_message(question, preferred)
        if not message.parts and not message.asked:
            qv = self.batcher.encode(message.whole.encoded)
            return self.answer_with_vector(
                question, message.whole.text, qv, k, message.whole.lang, jurisdiction
            )
        vectors = self.batcher.encode_many(message.encoder_texts())
        return self.answer_message(question, message, vectors, k, jurisdiction)

    def prepare(self, question: str, preferred: Lang | None) -> ReadQuestion:
        """The question's text, reply language and encoder input: see index.questions."""
        knowledge = self.knowledge
        return read_question(
            question, preferred, knowledge.places, knowledge.glossary, knowledge.speller
        )

    def read_message(self, question: str, preferred: Lang | None) -> ReadMessage:
        """The whole message as one question, and its parts when it holds several questions
        (index.message_parts); parts are read in the whole message's reply language. A
        message about something happening now also carries what it asks besides the
        situation (index.urgent), when it asks more than a word and is not already searched
        part by part (each part then finds its own answer)."""
        whole = self.prepare(question, preferred)
        texts = question_parts(whole.text, self.knowledge.question_words)
        parts = [ReadQuestion(t, whole.lang, self.prepare(t, whole.lang).encoded) for t in texts]
        rest = self.urgent.besides(whole.text) if len(parts) < 2 else ""
        asked = (
            ReadQuestion(rest, whole.lang, self.prepare(rest, whole.lang).encoded) if rest else None
        )
        story = len(parts) > 1 and tells(whole.text, self.knowledge.question_words)
        return ReadMessage(whole, parts, asked, story)

    def search_many(
        self,
        questions: Sequence[str],
        k: int = 3,
        preferred: Lang | None = None,
        jurisdiction: str | None = None,
    ) -> list[Answer]:
        """Several questions with one encoder call, the cost that dominates."""
        messages = [self.read_message(q, preferred) for q in questions]
        if not messages:
            return []
        vectors = self.batcher.encode_many([t for m in messages for t in m.encoder_texts()])
        return [
            self.answer_message(q, m, qv, k, jurisdiction)
            for q, m, qv in zip(questions, messages, per_message(messages, vectors), strict=True)
        ]

    def answer_message(
        self,
        question: str,
        message: ReadMessage,
        vectors: Vectors,
        k: int,
        jurisdiction: str | None,
    ) -> Answer:
        """A message's answer from its vectors (the whole message's first, then each part's,
        then what an urgent message asks besides its situation: `ReadMessage.encoder_texts`).

        A story that ends in one question is one search (`message_vector`). Otherwise the
        whole message decides whether to answer: the gate was calibrated on whole
        messages, and searching only the questions of long messages declined more of them
        wrongly. Parts only shape an accepted answer: each part is searched and gated as a
        single question is; a part the gate rejects is a follow-up, answered within the whole
        message's articles (`_follow_up`). Each answered part's best passage takes a place
        (`_order_parts`), then the whole message's best, the follow-ups' best, and the rest
        (`_combine`).
        """
        whole, lang = message.whole, message.whole.lang
        qv = message_vector(message, vectors)
        asked = message.asked_vector(vectors)
        answer = self.answer_with_vector(
            question, whole.text, qv, k, lang, jurisdiction, asked=asked
        )
        # A single question, or a story and its question (one search, read both ways).
        if len(message.parts) <= 1 or answer.abstained:
            return answer
        answered: list[Answer] = []
        followed: list[list[Hit]] = []
        for part, qv in zip(message.parts, message.part_vectors(vectors), strict=True):
            # A part that names no place is about the message's place ("... in London. Is
            # that legal, and can she find out if they stored her face?"), not the home one.
            part_answer = self.answer_with_vector(
                question, part.text, qv, k, lang, answer.place, part=True
            )
            if part_answer.hits:
                answered.append(part_answer)
            elif part_answer.decline_subject == BOT:
                continue  # "do you save my messages?" is no follow-up of the ICE steps
            elif follow := self._follow_up(part.text, qv, answer, k):
                followed.append(follow)
        if not answered and not followed:
            return answer
        ordered = [a.hits for a in self._order_parts(answered, answer.hits[0])]
        if answer.situation is not None or (
            message.story and self._whole_leads(answered, answer.hits[0])
        ):
            ordered.insert(0, answer.hits[:1])
        hits = self.urgent.sided(whole.text, self._combine(ordered, answer.hits, followed, k))
        log.info("answered %d of %d parts", len(answered) + len(followed), len(message.parts))
        update = {"hits": hits, "abstained": False, "reason": None, "decline_subject": None}
        return answer.model_copy(update=update)

    def _follow_up(self, text: str, qv: Vectors, whole: Answer, k: int) -> list[Hit]:
        """A part the gate rejects on its own ("and what can I do if they break the law?")
        asks about what the rest of the message is about: its best passages among the
        articles the whole message's answer offers, with their scores."""
        confidence: dict[int, float] = {}
        for hit in whole.hits:
            confidence.setdefault(int(self._family_of[self._index_of[hit.passage.id]]), hit.score)
        fused, _ = self._score(text, whole.lang, qv, whole.place)
        return self._pick(confidence, fused, whole.lang, k)

    def _order_parts(self, answers: list[Answer], whole_best: Hit) -> list[Answer]:
        """Answered parts in the order their best passages are offered.

        A part about something happening now (index.urgent) comes first; then the part whose
        best passage is also the whole message's best: the two searches agree on it. Then the
        best-scoring part (scores are calibrated probabilities, so parts compare).
        """

        def key(a: Answer) -> tuple[bool, bool, float]:
            return (a.situation is None, not _agrees(a, whole_best), -a.hits[0].score)

        return sorted(answers, key=key)

    @staticmethod
    def _whole_leads(parts: list[Answer], whole_best: Hit) -> bool:
        """Whether the whole message's best passage leads a story's questions rather than a
        part's: when no part's best is the same passage and the whole message is surer of its
        own. A question cut from a story ("me pueden obligar a desbloquear el cel?" after a
        trip through JFK) loses what the story says it is about; the whole message keeps it.
        Questions asked one after another with no story ("2 preguntas: ...") each name their
        own subject, so the parts' order stands."""
        if any(_agrees(a, whole_best) for a in parts):
            return False
        return whole_best.score > max((a.hits[0].score for a in parts), default=0.0)

    def _combine(
        self, parts: list[list[Hit]], whole: list[Hit], follow_ups: list[list[Hit]], k: int
    ) -> list[Hit]:
        """Each part's best, then the whole message's best, then the best of each follow-up
        (`_follow_up`: it answers within the whole message's articles, so it comes after
        them), then the rest: no repeats and no near-duplicates (`_near_duplicate`)."""
        rest = [h for hits in [*parts, *follow_ups] for h in hits[1:]]
        order = [*(h[0] for h in parts), *whole[:1], *(h[0] for h in follow_ups), *whole[1:], *rest]
        out: list[Hit] = []
        taken: list[int] = []
        for hit in order:
            index = self._index_of[hit.passage.id]
            if any(index == t or self._near_duplicate(index, t) for t in taken):
                continue
            out.append(hit)
            taken.append(index)
            if len(out) == k:
                break
        return out

    def answer_with_vector(
        self,
        question: str,
        text: str,
        qv: Vectors,
        k: int,
        lang: Lang,
        jurisdiction: str | None,
        part: bool = False,
        asked: Vectors | None = None,
    ) -> Answer:
        """Everything after the encoder; a message about something happening now then leads
        with its situation's steps, or with the answer to what else it asks (index.urgent;
        ``asked``: the vector of `ReadMessage.asked`). ``part``: `text` is one question of
        the message `question`, which has already passed the refusal check as typed."""
        answer = self._answer(question, text, qv, k, lang, jurisdiction, part)
        return self.urgent.route(answer, text, qv, k, asked)

    def _answer(
        self,
        question: str,
        text: str,
        qv: Vectors,
        k: int,
        lang: Lang,
        jurisdiction: str | None,
        part: bool = False,
    ) -> Answer:
        """Refusal, scores, abstention, picking passages."""
        place = self.knowledge.places.find(text)
        region = place.code or jurisdiction
        base = {
            "question": question,
            "lang": lang,
            "place": region,
            "uncovered_place": place.uncovered,
        }
        if not text or not self._passages:
            return Answer(hits=[], abstained=True, reason="low_confidence", **base)
        # Both as typed (once per message: a part is checked as read) and as read: spelling
        # correction can turn a harmful word into a harmless one ("airtag" into "airbag",
        # "echo" into "hecho"), and the glossary can turn slang into words the policy names.
        forms = (text,) if part else (question, text)
        if self.refuses(*forms):
            log.info("refused a request outside the bot's purpose")
            return Answer(hits=[], abstained=True, reason="refused", **base)
        if self.knowledge.about_bot.greets(question):
            return Answer(
                hits=[], abstained=True, reason="low_confidence", decline_subject=GREETING, **base
            )
        if any(self.knowledge.about_bot.asks(form) for form in forms):
            # Whether the bot is safe to talk to comes before anything else the message names
            # (an urgent message still leads with its steps: index.urgent).
            log.info("a question about the bot itself")
            return Answer(
                hits=[], abstained=True, reason="low_confidence", decline_subject=BOT, **base
            )
        fused, scores = self._score(text, lang, qv, region)
        gate = self.calibration.gate(self.mode)
        order = [int(f) for f in np.argsort(-scores.fused)]
        # Other articles join the answer only when they pass the gate themselves AND score
        # close to the best one: the gate's features are mostly about the question, so on an
        # in-scope question every family would pass it.
        floor = float(scores.fused[order[0]]) * self.calibration.fusion.extra_ratio
        confident = [
            f
            for f in order[: k * 2]
            if gate.probability(scores.features(f)) >= gate.threshold
            and (f == order[0] or scores.fused[f] >= floor)
        ]
        # Plainly off-topic: declined outright, not even "did you mean" (only hybrid search
        # weighs off-topic examples; the baselines' closeness to them is 0).
        plainly_offtopic = scores.signals.plainly_offtopic
        if plainly_offtopic or not confident or confident[0] != order[0]:
            choices = [] if plainly_offtopic else self.unsure_choices(scores, fused, order, lang)
            if choices:
                log.info("unsure: %d choices, top dense %.3f", len(choices), scores.dense[order[0]])
                return Answer(hits=[], abstained=True, reason="unsure", choices=choices, **base)
            log.info("abstained: top dense %.3f", float(scores.dense[order[0]]))
            subject = self.decline_subject(qv, *forms)
            return Answer(
                hits=[], abstained=True, reason="low_confidence", decline_subject=subject, **base
            )
        confidence = {f: gate.probability(scores.features(f)) for f in confident[:k]}
        hits = self._pick(confidence, fused, lang, k)
        return Answer(hits=hits, abstained=False, **base)

    # -- "did you mean…?" ---------------------------------------------------------------

    def unsure_choices(
        self, scores: FamilyScores, fused: np.ndarray, order: list[int], lang: Lang
    ) -> list[Hit]:
        """The best candidates when the gate is unsure, or [] when the decline is clear.

        Unsure: the best family's gate probability is below the threshold (the caller has
        declined to answer) but within the calibrated band (``Band.floor``), fitted on dev so
        that out-of-scope questions rarely reach it.
        """
        gate = self.calibration.gate(self.mode)
        if not self.calibration.band(self.mode).holds(gate.probability(scores.features(order[0]))):
            return []
        return self._candidates(scores, fused, order, lang)

    def candidates(self, text: str, qv: Vectors, lang: Lang) -> list[Hit]:
        """The choices an unsure reply would offer, whatever the gate says (calibration)."""
        fused, scores = self._score(text, lang, qv, self.knowledge.places.find(text).code)
        order = [int(f) for f in np.argsort(-scores.fused)]
        return self._candidates(scores, fused, order, lang)

    def _candidates(
        self, scores: FamilyScores, fused: np.ndarray, order: list[int], lang: Lang
    ) -> list[Hit]:
        """Up to CHOICES distinct passages of the best families, picked like an answer."""
        gate = self.calibration.gate(self.mode)
        families = {f: gate.probability(scores.features(f)) for f in order[:CHOICES]}
        return self._pick(families, fused, lang, CHOICES)

    def decline_subject(self, qv: Vectors, *forms: str) -> str | None:
        """The subject of the off-topic examples nearest the question (index.offtopic); danger
        only when one of the question's ``forms`` holds a danger word (none given: any may)."""
        subjects = self.knowledge.offtopic_subjects
        if not len(self._offtopic) or len(subjects) != len(self._offtopic):
            return None
        said = not forms or self.knowledge.danger_words.said_in(*forms)
        return nearest_subject(self._offtopic @ qv, subjects, said)

    def refuses(self, *texts: str) -> bool:
        """Whether the question (in any of the forms given) asks for something the bot will
        not help with."""
        return self.refusals.matches(*texts)

    def signals(self, text: str, qv: Vectors, lang: Lang) -> tuple[FamilyScores, list[str]]:
        """What the abstention gate sees for one question, and the family names (calibration)."""
        _, scores = self._score(text, lang, qv, self.knowledge.places.find(text).code)
        return scores, self._families

    def _score(
        self, text: str, lang: Lang, qv: Vectors, region: str | None
    ) -> tuple[np.ndarray, FamilyScores]:
        dense = np.clip(self._vectors @ qv, 0.0, 1.0).astype(np.float32)
        nearest = float(dense.max(initial=0.0))
        weight = self.calibration.fusion.key_weight
        if self.mode == "hybrid" and weight and len(self._keys):
            # A passage is as close as its best asked-as key, weighted (see Fusion.key_weight).
            scores = np.clip(self._keys @ qv, 0.0, 1.0)
            best = np.zeros_like(dense)
            best[self._key_owners] = np.maximum.reduceat(scores, self._key_starts)
            dense = dense + weight * np.maximum(best - dense, 0.0)
            nearest = max(nearest, float(best.max(initial=0.0)))
        # A question's English gloss lets it match English passages by keyword too.
        keywords = self.knowledge.glossary.keywords(text)
        none = np.zeros_like(dense)
        bm25 = self._lexical.scores(keywords, lang) if self.mode != "dense" else none
        grams = (
            self._lexical.fuzzy_scores(keywords)
            if self.mode == "hybrid" and self.calibration.fusion.fuzzy_weight
            else none
        )
        boost = np.zeros_like(dense)
        if region is not None:
            boost[self._applying(region)] = self.calibration.fusion.region_boost
        elif self._home is not None:  # no place named or set: most likely asked at home
            boost[self._applying(self._home)] = self.calibration.fusion.home_boost
        if self._placed_only.any():
            # Not placed where they apply: as if absent, for the gate and the order alike.
            elsewhere = self._placed_only & (
                ~self._applying(region) if region is not None else True
            )
            dense, bm25, grams = (np.where(elsewhere, 0.0, v) for v in (dense, bm25, grams))
        fusion = self.calibration.fusion
        fused = passage_scores(dense, bm25, grams, boost, self.mode, fusion)
        families = len(self._families)
        coverage = self._lexical.coverage(text, lang)
        probe = self.calibration.domain
        hybrid = self.mode == "hybrid"
        domain = probe.probability(qv) if probe is not None and hybrid else 0.0
        # Closeness to the nearest question the bot should not answer (knowledge/offtopic.yaml).
        gate = self._gate_offtopic
        offtopic = float((gate @ qv).max()) if hybrid and len(gate) else 0.0
        signals = QuestionSignals(
            spanish=lang == "es",
            coverage=coverage,
            offtopic=offtopic,
            domain=domain,
            nearest=nearest,
        )
        scores = family_scores(
            fused,
            dense,
            bm25,
            self._family_of,
            families=families,
            fusion=fusion,
            mode=self.mode,
            signals=signals,
        )
        if hybrid:
            # Which passages lead, not whether to answer: the gate sees the scores as they
            # were (lowered steps cost 0.026 correct abstention on dev cross-validation).
            fused = fused - fusion.steps_penalty * self._steps
        return fused, scores

    def ranked_passages(self, text: str, qv: Vectors, lang: Lang, depth: int = 10) -> list[str]:
        """The English ids of the `depth` best passages by fused score (calibration)."""
        fused, _ = self._score(text, lang, qv, self.knowledge.places.find(text).code)
        return [self._passages[self._original[int(i)]].id for i in np.argsort(-fused)[:depth]]

    def _applying(self, region: str) -> np.ndarray:
        """Which passages speak for `region`; fixed for this snapshot, so computed once."""
        mask = self._region_masks.get(region)
        if mask is None:
            applies = [self.knowledge.speaks_for(p, region) for p in self._passages]
            mask = self._region_masks[region] = np.array(applies, dtype=bool)
        return mask

    def _target(self, family: str, lang: Lang) -> str:
        """The article a family is shown from: the Spanish one for Spanish askers, if it exists."""
        return self._spanish_of.get(family, family) if lang == "es" else family

    def _pick(
        self, confidence: dict[int, float], fused: np.ndarray, lang: Lang, k: int
    ) -> list[Hit]:
        """The one list a person can reach: the best passage first, then the next best.

        Candidates come from the families that passed the gate, ranked by their own fused
        score and shown in the asker's language; another passage of the first article is
        offered only when it scores close to the best (SAME_ARTICLE_RATIO), so a second
        section never crowds out another article that answers as well. A hit's score is its
        family's calibrated probability of being in scope.
        """
        hits: list[Hit] = []
        shown: set[int] = set()
        top = float(fused[int(np.argmax(fused))])
        first_family = -1
        for i in np.argsort(-fused):
            family = int(self._family_of[i])
            if family not in confidence:
                continue
            if first_family < 0:
                first_family = family
            elif family == first_family and fused[i] < top * SAME_ARTICLE_RATIO:
                continue
            d = self._display(int(i), self._families[family], lang)
            if d in shown or any(self._near_duplicate(d, s) for s in shown):
                continue
            shown.add(d)
            hits.append(self._hit(d, confidence[family]))
            if len(hits) == k:
                break
        return hits

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two passages (by id) as `_near_duplicate` sees it (the evaluation)."""
        va = self._vectors[self._original[self._index_of[a]]]
        return float(va @ self._vectors[self._original[self._index_of[b]]])

    def _near_duplicate(self, a: int, b: int) -> bool:
        """Whether two passages say the same thing (the same law in two articles).

        Compared through their English originals: the English-only encoder puts a Spanish
        article's sections closer to each other than their content is.
        """
        va, vb = self._vectors[self._original[a]], self._vectors[self._original[b]]
        return float(va @ vb) >= NEAR_DUPLICATE

    def _shown(self, index: int, lang: Lang) -> int:
        """The same section in the asker's language, in its own article family."""
        family = self._passages[self._original[index]].article_id
        return self._display(index, family, lang)

    def _display(self, index: int, family: str, lang: Lang) -> int:
        """The same section in the article shown to the asker (Spanish where it exists)."""
        passage = self._passages[index]
        target = self._target(family, lang)
        return self._by_anchor.get((target, passage.anchor), index)

    def _hit(self, index: int, score: float) -> Hit:
        passage = self._passages[index]
        article = self.knowledge.articles[passage.article_id]
        return Hit(passage=passage, article=article, score=round(min(max(score, 0.0), 1.0), 4))


def _agrees(part: Answer, whole_best: Hit) -> bool:
    """Whether a part's best passage is the whole message's best: the two searches agree."""
    return part.hits[0].passage.id == whole_best.passage.id


def message_vector(message: ReadMessage, vectors: Vectors) -> Vectors:
    """The vector that decides whether a message is answered, from its `encoder_texts`
    vectors: the whole message's, or for a story that ends in one question the unit vector
    between the two (STORY_QUESTION_WEIGHT). The encoder reads only a long message's first
    128 word pieces, and the question alone loses what the story says it is about."""
    whole: Vectors = vectors[0]
    if len(message.parts) != 1:
        return whole
    mixed: Vectors = (1.0 - STORY_QUESTION_WEIGHT) * whole + STORY_QUESTION_WEIGHT * vectors[1]
    norm = float(np.linalg.norm(mixed))
    return (mixed / norm).astype(np.float32) if norm else whole
