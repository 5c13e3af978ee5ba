"""Mailbox passwords at rest: encrypted with Fernet under keys from the settings, rotatable.

`FOLLOWUP_MAIL_KEYS` lists Fernet keys, newest first: the first encrypts, any of them decrypts,
and every sync re-encrypts under the newest, so a retired key can be dropped once every
mailbox has synced. Without it the key is derived from the secret key.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from followup.config import Settings


class PasswordUnreadable(Exception):
    """The stored password was encrypted under a key no longer configured."""


class PasswordBox:
    def __init__(self, keys: list[str]) -> None:
        self._fernet = MultiFernet([Fernet(key) for key in keys])

    @classmethod
    def from_settings(cls, settings: Settings) -> PasswordBox:
        keys = [key.strip() for key in settings.mail_keys.split(",") if key.strip()]
        if not keys:
            secret = settings.resolved_secret_key().encode()
            derived = hashlib.sha256(b"followup mailbox passwords\x00" + secret).digest()
            keys = [base64.urlsafe_b64encode(derived).decode()]
        return cls(keys)

    def seal(self, password: str) -> bytes:
        return self._fernet.encrypt(password.encode())

    def open(self, sealed: bytes) -> str:
        try:
            return self._fernet.decrypt(sealed).decode()
        except InvalidToken as exc:
            raise PasswordUnreadable from exc

    def reseal(self, sealed: bytes) -> bytes:
        """The same password under the newest key."""
        try:
            return self._fernet.rotate(sealed)
        except InvalidToken as exc:
            raise PasswordUnreadable from exc
