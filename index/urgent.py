"""Urgent routing: what leads an answer to a message about something happening now.

index.situations reads the message; this decides what the person is shown. A message about
a situation leads with its "right now" steps (the passages tagged `kind: steps` with that
situation; the one closest to the message when several are), or with the numbers passage when
it asks who to call, in the asker's language, even when the gate alone would have abstained;
the rest of the offered list follows. The answer names the situation and the hotline ids for
its needs, so every front end can print the numbers. The steps' score is their cosine with the
message (the gate's probability does not exist when the gate declined). Separately, a
passage for the other side (police or immigration) never leads a message naming one of them.

A message that also asks one thing ("being arrested right now do i get a phone call") is led
by the passage answering it, with the steps second, when that passage is among the search's
own best and is clearly closer than the steps to what the message asks besides the situation
(`Situations.besides`, encoded with the message): by ASKED_MARGIN in cosine. The steps sum a
whole situation up, so they often answer the question too ("do i have to open the door");
then the margin is not met and they lead. A passage that leads this way keeps its own score
(the gate's probability).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from index.embedding import Vectors
from index.knowledge import Knowledge
from index.models import Answer, Hit, Lang, Passage
from index.offtopic import LEGAL_SUBJECTS
from index.phrases import normal
from index.situations import Reading, Situation

# How much closer (cosine) than the steps the answering passage must be to what an urgent
# message asks besides its situation. Picked on the dev half of tests/eval/urgent.jsonl
# (`eval --set urgent --split dev`): plain calls for help reach at most 0.07; 0.10 answers one
# more dev message that asks than 0.12 and 0.15, and 0.12 keeps room above the plain calls.
ASKED_MARGIN = 0.12

# What the gate left unanswered: a decline, or "did you mean".
UNANSWERED = ("low_confidence", "unsure")


class UrgentRouter:
    """Situation -> passages, fixed for one snapshot of the knowledge and its vectors."""

    def __init__(
        self,
        knowledge: Knowledge,
        passages: Sequence[Passage],
        vectors: Vectors,
        index_of: Mapping[str, int],
        original: Sequence[int],
        in_language: Callable[[int, Lang], int],
    ):
        """The retriever's own maps: ``index_of``, each passage's position by id; ``original``,
        each passage's English original by position (itself when English); ``in_language``,
        the same section in the asker's language (Spanish where it exists)."""
        self.knowledge = knowledge
        self.situations = knowledge.situations
        self._passages = passages
        self._vectors = vectors
        self._index_of = index_of
        articles = knowledge.articles
        self._steps: dict[str, list[int]] = {}  # situation -> its steps passages, in English
        tagged: dict[int, set[str]] = {}  # passage -> who its own situations are about
        family: dict[str, set[str]] = {}  # English article id -> who its tagged passages are about
        for i, p in enumerate(passages):
            meta = articles[p.article_id].passages.get(p.anchor)
            if meta is None or meta.kind != "steps" or not meta.situations:
                continue
            found = [self.situations.situations.get(s) for s in meta.situations]
            tagged[i] = {s.who for s in found if s is not None}
            family.setdefault(articles[p.article_id].translation_of or p.article_id, set()).update(
                tagged[i]
            )
            if p.lang == "en":
                for slug in meta.situations:
                    self._steps.setdefault(slug, []).append(i)
        # Every "right now" passage, tagged with situations or not: never "the answer to what
        # else the message asks", which is one specific passage.
        self._any_steps = frozenset(
            i for i, p in enumerate(passages) if articles[p.article_id].is_steps(p.anchor)
        )
        # Who a passage is for: what its `who:` says, else its own tags, else its article's (a
        # police warrant article's other sections are about police too). A passage for every
        # side's situations (the hotlines article) is for anyone: an FBI visit must still reach
        # its number.
        every = frozenset(s.who for s in self.situations.situations.values())
        sides = {i: self._side(p, tagged.get(i), family) for i, p in enumerate(passages)}
        self._sides = {i: frozenset() if s >= every else s for i, s in sides.items()}
        # Only a group with situations of its own has another side to be kept from: police
        # advice is safe for federal agents (FBI), who carry judges' warrants like police.
        self._sided = every
        # need -> position of its passage, for asking who to call and where someone is held
        self._numbers = _positions(self.situations.numbers, index_of)
        self._finding = _positions(self.situations.finding, index_of)
        self._original = original
        self._in_language = in_language

    def besides(self, text: str) -> str:
        """What a message about something happening now asks besides the situation (empty
        for any other message, for one asking who to call, whose numbers lead, for a word or
        less, and when what is left asks nothing: no question mark in the message and no
        question word of knowledge/question_words.yaml `starts:` left). "la migra está
        tocando ahorita, qué hago, mis hijos están aquí" tells who is home; the steps answer
        it, not the passage on children."""
        reading = self.situations.read(text) if self.situations else None
        if reading is None or reading.situation is None or reading.calls:
            return ""
        rest = self.situations.besides(text, reading.situation)
        words = rest.split()
        asks = (
            "?" in text or "¿" in text or not self.knowledge.question_words.starts.isdisjoint(words)
        )
        if len(words) < 2 or not asks:
            return ""
        return rest

    def route(
        self, answer: Answer, text: str, qv: Vectors, k: int, asked: Vectors | None = None
    ) -> Answer:
        """``answer`` led by the situation's steps when the message is about one, or by the
        answer to what else it asks (``asked``: the vector of `besides`; see the module)."""
        if answer.reason == "refused" or not self.situations:
            return answer
        reading = self.situations.read(text)
        if reading.situation is None:
            # A story that mentions "a phone number" is not asking for one.
            if reading.calls and not reading.story and answer.reason in UNANSWERED:
                called = self._numbers_for(answer, reading, qv, k)
                if called is not None:
                    return called
            return self._guard(answer, reading.who)
        lead = self._lead(reading, reading.situation, qv, answer.place)
        if lead is None:
            return self._guard(answer, reading.who)
        first = self._lead_hit(lead, answer.lang, qv)
        rest = [h for h in answer.hits if h.passage.id != first.passage.id]
        ordered = self._crossings_last(rest, reading.who)
        answering = None
        if asked is not None:  # never for a call for numbers (`besides`)
            # The situation's side, not only who is named: "they arrested me" is police.
            answering = self._answering(ordered, lead, asked, reading.situation.who)
        if answering is not None:
            ordered = [first, *(h for h in ordered if h is not answering)]
            first = answering
        return answer.model_copy(
            update={
                "hits": [first, *ordered][:k],
                "abstained": False,
                "reason": None,
                "decline_subject": None,
                "choices": [],  # led by the steps: no longer "did you mean"
                "situation": reading.situation.id,
                "hotlines": self.hotlines(reading.situation, answer.place),
            }
        )

    def _numbers_for(self, answer: Answer, reading: Reading, qv: Vectors, k: int) -> Answer | None:
        """A message that asks who to call, for a number or for a lawyer, about no situation
        ("how do i get a lawyer", "what's the hotline"), which the gate would decline or ask
        about: led by the numbers of the situations it could be about (those for who it
        names; an unnamed one's when it names nobody: an arrest is by police), the first
        such need with a numbers passage, or its finding passage when the message asks where
        someone is held ("which precinct is my brother at"). A decline with numbers of its
        own stays when the message says what it is about: general legal help for a legal
        problem off the bot's subjects ("a lawyer for my divorce"), the emergency number for
        violence (index.offtopic). A bare call ("i need a lawyer asap") names no problem, so
        its nearest off-topic examples say nothing about it."""
        if answer.decline_subject in LEGAL_SUBJECTS and not reading.bare:
            return None
        about = self.situations.about(reading.who)
        need = next((n for s in about for n in s.needs if n in self._numbers), None)
        if need is None:
            return None
        lead = self._finding.get(need) if reading.finds else None
        first = self._lead_hit(self._numbers[need] if lead is None else lead, answer.lang, qv)
        rest = [h for h in answer.choices if h.passage.id != first.passage.id]
        return answer.model_copy(
            update={
                "hits": [first, *self._crossings_last(rest, reading.who)][:k],
                "abstained": False,
                "reason": None,
                "decline_subject": None,
                "choices": [],
                "hotlines": self._need_hotlines((need,), answer.place),
            }
        )

    def _lead_hit(self, lead: int, lang: Lang, qv: Vectors) -> Hit:
        """The passage at ``lead`` (English) as shown in ``lang``, scored by its cosine with
        the message (the gate's probability does not exist when the gate declined)."""
        passage = self._passages[self._in_language(lead, lang)]
        score = float(np.clip(self._vectors[lead] @ qv, 0.0, 1.0))
        return Hit(
            passage=passage,
            article=self.knowledge.articles[passage.article_id],
            score=round(score, 4),
        )

    def _answering(self, hits: list[Hit], lead: int, asked: Vectors, who: str | None) -> Hit | None:
        """The search's best passage that is not steps and not for the other side, when it
        is ASKED_MARGIN closer than the steps (``lead``) to what the message asks besides
        the situation; compared in English, as the steps are."""
        for hit in hits:
            index = self._index_of[hit.passage.id]
            if index in self._any_steps or self._crosses(hit, who):
                continue
            english = self._vectors[self._original[index]]
            gain = float(english @ asked) - float(self._vectors[lead] @ asked)
            return hit if gain >= ASKED_MARGIN else None
        return None

    def hotlines(self, situation: Situation, place: str | None) -> list[str]:
        """Ids of the numbers for the situation's needs that are listed for the asker's place
        (every one when the place is unknown: the base's numbers are its home city's)."""
        return self._need_hotlines(situation.needs, place)

    def _need_hotlines(self, needs: Sequence[str], place: str | None) -> list[str]:
        catalog = self.knowledge.catalog
        return [
            h.id
            for h in self.knowledge.hotlines
            if set(h.needs) & set(needs)
            and (place is None or catalog.applies(list(h.places), place))
        ]

    def _lead(
        self, reading: Reading, situation: Situation, qv: Vectors, place: str | None
    ) -> int | None:
        """The finding passage when the message asks where someone taken is held (when the
        situation's needs have one), the numbers passage when it asks who to call, else the
        closest steps of those that speak for the asker's place (`_speaks_for`)."""
        for asked, table in ((reading.finds, self._finding), (reading.calls, self._numbers)):
            found = next((table[n] for n in situation.needs if n in table), None)
            if asked and found is not None:
                return found
        steps = self._steps.get(situation.id, [])
        if not steps:
            return None
        # A London arrest gets England's steps, and a New York one never does: the closest
        # steps alone put the UK's "no comment" first for "theyre putting cuffs on me rn".
        steps = [i for i in steps if self._speaks_for(i, place)] or steps
        return steps[int(np.argmax(self._vectors[steps] @ qv))]

    def _speaks_for(self, index: int, place: str | None) -> bool:
        """Whether a passage applies where the asker is: the place the message names or the
        asker set, else the base's home (jurisdictions.yaml `home: true`)."""
        where = place or self.knowledge.catalog.home
        if where is None:
            return True
        return self.knowledge.speaks_for(self._passages[index], where)

    def _side(
        self, passage: Passage, tags: set[str] | None, family: Mapping[str, set[str]]
    ) -> frozenset[str]:
        """Who one passage is for, before "every side" becomes "anyone" (see __init__)."""
        article = self.knowledge.articles[passage.article_id]
        meta = article.passages.get(passage.anchor)
        if meta is not None and meta.who is not None:
            return frozenset(meta.who)
        return frozenset(tags or family.get(article.translation_of or passage.article_id, set()))

    def _crosses(self, hit: Hit, who: str | None) -> bool:
        """Whether a hit's passage is tagged only for situations about someone else than ``who``."""
        if who not in self._sided:
            return False
        sides = self.sides(hit.passage.id)
        return bool(sides) and who not in sides

    def sides(self, passage_id: str) -> frozenset[str]:
        """Who a passage is for (`who:` groups of situations.yaml); empty when for anyone."""
        return self._sides.get(self._index_of.get(passage_id, -1), frozenset())

    def _crossings_last(self, hits: list[Hit], who: str | None) -> list[Hit]:
        return [h for h in hits if not self._crosses(h, who)] + [
            h for h in hits if self._crosses(h, who)
        ]

    def sided(self, message: str, hits: list[Hit]) -> list[Hit]:
        """A whole message's passages, gathered from its questions, with those for the other
        side than the one the message names last. Each question is routed on its own words,
        and "¿es verdad?" names nobody, while the story before it names ICE."""
        return self._crossings_last(hits, self.situations.named(normal(message)))

    def _guard(self, answer: Answer, who: str | None) -> Answer:
        """No passage for the other side leads: it moves behind the others, or goes."""
        if not answer.hits or not self._crosses(answer.hits[0], who):
            return answer
        hits = self._crossings_last(answer.hits, who)
        if self._crosses(hits[0], who):
            return answer.model_copy(
                update={"hits": [], "abstained": True, "reason": "low_confidence"}
            )
        return answer.model_copy(update={"hits": hits})


def _positions(by_need: Mapping[str, str], index_of: Mapping[str, int]) -> dict[str, int]:
    """need -> the position of its passage, for the passages the index holds."""
    return {need: index_of[pid] for need, pid in by_need.items() if pid in index_of}
