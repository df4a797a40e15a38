"""``python -m bot``: the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the terminal chat.

The bot long-polls, or serves a webhook when WEBHOOK_URL is set (see docs/bot-operations.md).
"""

from __future__ import annotations

import logging
import sys

from pydantic import ValidationError

from bot.app import build_application, run
from bot.logs import configure_logging
from bot.settings import Settings
from bot.terminal import run_terminal_chat
from index import KyrError, Retriever, open_retriever

log = logging.getLogger("bot")


def main() -> int:
    """Read settings, then run the bot (long polling) or the terminal chat."""
    try:
        settings = Settings()
    except ValidationError as error:  # only the messages: input values may hold secrets
        print("bad settings: " + "; ".join(e["msg"] for e in error.errors()), file=sys.stderr)
        return 2
    token = settings.telegram_bot_token

    def open_knowledge() -> Retriever:
        return open_retriever(settings.kyr_knowledge_dir, settings.kyr_index_dir)

    if token is None:
        configure_logging("DEBUG" if settings.log_level == "DEBUG" else "WARNING")
        return run_terminal_chat(open_knowledge, index_dir=settings.kyr_index_dir)
    secrets = [token.get_secret_value()]
    if settings.webhook_secret is not None:
        secrets.append(settings.webhook_secret.get_secret_value())
    configure_logging(settings.log_level, secrets=secrets)
    app = build_application(settings, open_knowledge)
    try:
        run(app, settings)
    except KyrError as error:
        log.error("cannot start: %s", error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
