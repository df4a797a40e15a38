"""Settings from the environment, and logging that never shows the token."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.__main__ import main as bot_main
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


def test_webhook_settings(monkeypatch: pytest.MonkeyPatch, no_env_bot_settings: None) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://kyr.example.org/telegram-updates")
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret_-token")
    monkeypatch.setenv("PORT", "5000")
    settings = Settings(_env_file=None)
    assert settings.webhook_path == "telegram-updates" and settings.port == 5000
    assert settings.webhook_listen == "0.0.0.0"
    assert "s3cret" not in repr(settings)


@pytest.mark.parametrize("secret", [None, "", "has spaces", "x" * 257, "semi;colon"])
def test_webhook_needs_a_valid_secret(
    monkeypatch: pytest.MonkeyPatch, no_env_bot_settings: None, secret: str | None
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://kyr.example.org/hook")
    if secret is not None:
        monkeypatch.setenv("WEBHOOK_SECRET", secret)
    with pytest.raises(ValidationError):
        Settings(_env_file=None)


def test_bad_settings_exit_with_one_line_and_no_secrets(
    monkeypatch: pytest.MonkeyPatch,
    no_env_bot_settings: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:TOKEN-not-in-errors")
    monkeypatch.setenv("WEBHOOK_URL", "https://kyr.example.org/hook")
    monkeypatch.setenv("WEBHOOK_SECRET", "bad secret with spaces")
    assert bot_main() == 2
    error = capsys.readouterr().err
    assert error.startswith("bad settings: ") and error.count("\n") == 1
    assert "TOKEN-not-in-errors" not in error and "bad secret with spaces" not in error
