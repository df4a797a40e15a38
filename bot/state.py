"""What the running bot holds in memory: the retriever, the catalog and the throttles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.throttle import Throttle
from index import Retriever
from index.catalog import Catalog

STATE_KEY = "kyr"


@dataclass
class BotState:
    """Kept in ``bot_data``; swapping ``retriever`` is one assignment, so it is atomic."""

    retriever: Retriever
    catalog: Catalog
    questions: Throttle
    inline_queries: Throttle


def state_of(bot_data: dict[Any, Any]) -> BotState:
    """The state ``post_init`` stored, or an error if start-up did not finish."""
    state = bot_data.get(STATE_KEY)
    if not isinstance(state, BotState):
        raise RuntimeError("bot state is not loaded; post_init has not run")
    return state
