"""Runtime settings, read once from the environment (prefix FOLLOWUP_)."""

from __future__ import annotations

import os
import secrets
import time
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./followup.db"


class Settings(BaseSettings):
    """Everything the service reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="FOLLOWUP_", env_file=".env", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    secret_key: str | None = Field(default=None, min_length=32)
    base_url: str | None = None
    cookie_secure: bool | None = None
    data_dir: Path = Path(".")
    session_days: int = Field(default=30, ge=1)
    db_threads: int = Field(default=4, ge=1, le=64)
    body_idle_seconds: float = Field(default=30.0, gt=0)
    headers_seconds: float = Field(default=10.0, gt=0)
    # Addresses (or networks) of reverse proxies whose X-Forwarded-For is believed; none by
    # default, so a client cannot pick the address the login limit counts it under.
    trusted_proxies: str = ""
    log_level: str = "info"
    # Reminders (worker/, digest/): where mail goes out, and whether a separate
    # `followup worker` runs the schedule ("external") or `followup serve` may ("auto").
    smtp_url: str | None = Field(default=None, pattern=r"^smtps?://")
    mail_from: str = "Followup <followup@localhost>"
    worker: Literal["auto", "external"] = "auto"
    # A digest claimed this long ago and neither sent nor failed belongs to a worker that died.
    digest_lease_seconds: int = Field(default=600, ge=1)
    # Webhook URLs may name private and loopback addresses (a receiver on the same network).
    webhooks_allow_private: bool = False
    # Set by `followup serve` for its one process when no worker is said to exist.
    schedule_in_process: bool = False
    # Fernet keys for mailbox passwords, comma-separated, newest first (mail/secrets.py).
    mail_keys: str = ""
    # Extra certificate authorities (a PEM file) to trust for IMAP, besides the system's.
    mail_ca_file: Path | None = None
    mail_sync_minutes: int = Field(default=15, ge=1)
    # Whether a mailbox may name a loopback or private-network host (a local bridge such as
    # Proton Mail Bridge, a company's own server). Off, a user cannot make the server probe
    # the network it sits in.
    mail_private_hosts: bool = False

    @field_validator("database_url")
    @classmethod
    def _psycopg3_for_postgres(cls, url: str) -> str:
        # A bare postgresql:// URL would make SQLAlchemy look for psycopg2, which we do not ship.
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            return "postgresql+psycopg://" + url.split("://", 1)[1]
        return url

    @field_validator("base_url")
    @classmethod
    def _no_trailing_slash(cls, url: str | None) -> str | None:
        return url.rstrip("/") if url else url

    @property
    def secure_cookies(self) -> bool:
        if self.cookie_secure is not None:
            return self.cookie_secure
        return bool(self.base_url and self.base_url.startswith("https://"))

    def public_base_url(self) -> str:
        """Where links in mail point: FOLLOWUP_BASE_URL, else this server's own address."""
        return self.base_url or f"http://{self.host}:{self.port}"

    def resolved_secret_key(self) -> str:
        """The configured key, else one generated once into the data directory and kept there.

        Two processes starting at once agree on one key: only one of them can create the file.
        """
        if self.secret_key:
            return self.secret_key
        key_file = self.data_dir / ".followup-secret-key"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            for _ in range(50):  # the creator may not have written it yet
                key = key_file.read_text().strip()
                if key:
                    return key
                time.sleep(0.02)
            raise RuntimeError(
                f"{key_file} is empty; delete it or set FOLLOWUP_SECRET_KEY"
            ) from None
        key = secrets.token_urlsafe(48)
        with os.fdopen(descriptor, "w") as file:
            file.write(key)
        return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
