"""One question through the retriever, with the reply language chosen and metrics logged.

Blocking (the model encodes the question): the bot calls it through ``asyncio.to_thread``.
Logs carry the channel, language, counts, top score and latency, never the question.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from bot.replies import choose_language
from bot.texts import Lang
from index import Answer, Retriever

log = logging.getLogger(__name__)
SEARCH_K = 5


@dataclass(frozen=True)
class Asked:
    """A question's answer and the language to reply in."""

    answer: Answer
    lang: Lang


def ask(
    retriever: Retriever,
    question: str,
    language_code: str | None,
    channel: str,
    region: str | None = None,
) -> Asked:
    """Search ``question`` in the reply language and log what happened (not what was asked).

    ``region`` (a jurisdiction code chosen with /region) boosts passages that apply there.
    """
    started = time.perf_counter()
    lang = choose_language(question, language_code)
    answer = retriever.search(question, k=SEARCH_K, lang=lang, jurisdiction=region)
    elapsed_ms = (time.perf_counter() - started) * 1000
    outcome = "abstained" if answer.abstained else "answered"
    top = answer.hits[0].score if answer.hits else 0.0
    log.info(
        "question %s: reason=%s channel=%s lang=%s hits=%d top=%.3f search_ms=%.0f",
        outcome,
        answer.reason,
        channel,
        lang,
        len(answer.hits),
        top,
        elapsed_ms,
    )
    return Asked(answer, lang)
