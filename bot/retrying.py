"""Retry Bot API calls that failed on the way: 5xx answers, dropped connections, timeouts.

``AIORateLimiter`` already waits out a 429's ``retry_after`` and tries again; without this,
a reply that met a brief 500 or 502 from Telegram was lost (and the person got the "something
went wrong" apology instead of their answer).  Calls Telegram refused (``BadRequest``,
``Forbidden``) are never retried.  A timeout can hide a message that did arrive; for this bot
a rare duplicate answer is better than a lost one.  ``getUpdates`` never comes through here:
python-telegram-bot's polling loop retries it on its own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)


class RetryingRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` plus a few retries, with a doubling pause, on network errors."""

    def __init__(
        self,
        max_retries: int = 3,
        network_retries: int = 3,
        first_pause: float = 1.0,
        overall_max_rate: float = 30,
        group_max_rate: float = 20,
    ) -> None:
        super().__init__(
            overall_max_rate=overall_max_rate,
            group_max_rate=group_max_rate,
            max_retries=max_retries,
        )
        self.network_retries = network_retries
        self.first_pause = first_pause

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Send through the rate limiter; on a network error wait and send again."""
        pause = self.first_pause
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise  # Telegram read the request and refused it: sending again cannot help
            except NetworkError as error:
                if attempt == self.network_retries:
                    raise
                log.warning(
                    "%s failed in transit (%s); retry %d in %.1f s",
                    endpoint,
                    type(error).__name__,
                    attempt + 1,
                    pause,
                )
                await asyncio.sleep(pause)
                pause *= 2
        raise AssertionError("unreachable")  # the loop returns or raises
