"""Logging set-up: events and numbers only, third-party request logs silenced, token redacted.

httpx logs every request URL at INFO, and Bot API URLs contain the token; python-telegram-bot
logs request parameters (message texts) at DEBUG.  Both are capped at WARNING whatever
LOG_LEVEL says, and any secret that still reaches a record is replaced by ``[redacted]``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

_NOISY = (
    "httpx",
    "httpcore",
    "telegram",
    "sentence_transformers",
    "transformers",
    "faiss",
    "bm25s",
    "asyncio",
    "PIL",  # logs EXIF tags (phone model, GPS) of photos at DEBUG
)


class RedactingFormatter(logging.Formatter):
    """A formatter that removes given secrets from the final line, traceback included."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self._secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        for secret in self._secrets:
            line = line.replace(secret, "[redacted]")
        return line


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """Log to stderr at ``level``; keep noisy libraries at WARNING."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_noisy_loggers(level)


def quiet_noisy_loggers(level: str) -> None:
    """Cap libraries that log URLs (with the token) or request parameters at WARNING."""
    for name in _NOISY:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
