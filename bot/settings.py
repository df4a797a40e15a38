"""All configuration, from the environment (and an optional ``.env`` file), read once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from index import DEFAULT_INDEX_DIR, DEFAULT_KNOWLEDGE_DIR

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token


class Settings(BaseSettings):
    """Every setting the bot and the terminal chat use; see ``.env.example``."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = None
    kyr_index_dir: Path = DEFAULT_INDEX_DIR
    kyr_knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    throttle_max_questions: int = Field(default=20, ge=1)
    throttle_window_seconds: float = Field(default=60.0, gt=0)
    throttle_max_inline_queries: int = Field(default=60, ge=1)
    concurrent_updates: int = Field(default=8, ge=1)
    moderator_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    forget_notice_seconds: float = Field(default=60.0, gt=0)
    # A chat (e.g. a private channel) the cards are uploaded to at start-up, so inline mode
    # can offer them by file_id at once; unset: cards are offered inline after a first send.
    card_cache_chat_id: int | None = None
    # Webhook mode (instead of long polling) when WEBHOOK_URL is set.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = Field(default=8443, ge=1, le=65535)

    @field_validator("webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _blank_webhook_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET.match(value.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("WEBHOOK_URL is set but WEBHOOK_SECRET is not")
        return self

    @property
    def webhook_path(self) -> str:
        """The path part of WEBHOOK_URL, where the webhook server listens."""
        return urlsplit(self.webhook_url or "").path.strip("/")

    @field_validator(
        "telegram_bot_token", "telegram_api_base_url", "card_cache_chat_id", mode="before"
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("moderator_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        return value
