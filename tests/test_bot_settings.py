"""Settings from the environment, and logging that never shows the token."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from bot.logs import RedactingFormatter
from bot.settings import Settings


def test_settings_from_environment(
    monkeypatch: pytest.MonkeyPatch, no_env_bot_settings: None
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:abc")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    monkeypatch.setenv("KYR_INDEX_DIR", "/tmp/idx")
    monkeypatch.setenv("MODERATOR_IDS", "12, 34")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    monkeypatch.setenv("THROTTLE_MAX_QUESTIONS", "5")
    settings = Settings(_env_file=None)
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == "1:abc"
    assert "1:abc" not in repr(settings)
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.kyr_index_dir == Path("/tmp/idx")
    assert settings.moderator_ids == frozenset({12, 34})
    assert settings.log_level == "DEBUG" and settings.throttle_max_questions == 5


def test_blank_token_means_terminal_chat(
    monkeypatch: pytest.MonkeyPatch, no_env_bot_settings: None
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", " ")
    assert Settings(_env_file=None).telegram_bot_token is None


def test_env_example_lists_every_setting() -> None:
    example = (Path(__file__).parent.parent / ".env.example").read_text()
    for name in Settings.model_fields:
        assert f"{name.upper()}=" in example


def test_formatter_redacts_the_token_in_messages_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter("%(message)s", ["1:SECRET"]))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    try:
        raise ValueError("url http://x/bot1:SECRET/getMe")
    except ValueError:
        logger.exception("failed at bot1:SECRET")
    finally:
        logger.removeHandler(handler)
    assert "SECRET" not in stream.getvalue() and "[redacted]" in stream.getvalue()
