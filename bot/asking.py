"""One question through the retriever, with metrics logged.

Blocking (the model encodes the question): the bot calls it through ``asyncio.to_thread``.
Logs carry the channel, language, counts, top score and latency, never the question.
"""

from __future__ import annotations

import logging
import time

from bot.replies import MAX_HITS
from index import Answer, Lang, Retriever

log = logging.getLogger(__name__)


def ask(
    retriever: Retriever,
    question: str,
    preferred: Lang | None,
    channel: str,
    region: str | None = None,
) -> Answer:
    """Search ``question`` and log what happened (not what was asked).

    ``preferred`` is the person's language (their /language choice, else Telegram's), or
    None; the core decides the reply language and returns it as ``Answer.lang``. ``region``
    (a jurisdiction code chosen with /region) boosts passages that apply there.
    """
    started = time.perf_counter()
    answer = retriever.search(question, k=MAX_HITS, preferred=preferred, jurisdiction=region)
    elapsed_ms = (time.perf_counter() - started) * 1000
    outcome = "abstained" if answer.abstained else "answered"
    top = answer.hits[0].score if answer.hits else 0.0
    log.info(
        "question %s: reason=%s channel=%s lang=%s hits=%d top=%.3f search_ms=%.0f",
        outcome,
        answer.reason,
        channel,
        answer.lang,
        len(answer.hits),
        top,
        elapsed_ms,
    )
    return answer
