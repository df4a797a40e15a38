"""``python -m bot``: the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the terminal chat."""

from __future__ import annotations

import logging
import sys

from bot.app import ALLOWED_UPDATES, build_application
from bot.logs import configure_logging
from bot.settings import Settings
from bot.terminal import run_terminal_chat
from index import KyrError, Retriever, open_retriever

log = logging.getLogger("bot")


def main() -> int:
    """Read settings, then run the bot (long polling) or the terminal chat."""
    settings = Settings()
    token = settings.telegram_bot_token

    def open_knowledge() -> Retriever:
        return open_retriever(settings.kyr_knowledge_dir, settings.kyr_index_dir)

    if token is None:
        configure_logging("DEBUG" if settings.log_level == "DEBUG" else "WARNING")
        return run_terminal_chat(open_knowledge, settings.kyr_knowledge_dir)
    configure_logging(settings.log_level, secrets=[token.get_secret_value()])
    app = build_application(settings, open_knowledge)
    try:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
    except KyrError as error:
        log.error("cannot start: %s", error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
