"""Passwords and opaque secrets (session cookies, API tokens, feed URLs, signatures)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from pwdlib import PasswordHash

_password_hash = PasswordHash.recommended()  # argon2id with the library's current parameters
# Verifying against this when the account does not exist keeps login timing uniform.
_DUMMY_HASH = _password_hash.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _password_hash.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _password_hash.verify(password, _DUMMY_HASH)
        return False
    return _password_hash.verify(password, password_hash)


def new_secret(prefix: str) -> str:
    """A random credential; only its digest is ever stored."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def sign(payload: bytes, key: str) -> str:
    return hmac.new(key.encode(), payload, hashlib.sha256).hexdigest()[:32]


def signature_matches(payload: bytes, key: str, signature: str) -> bool:
    return hmac.compare_digest(sign(payload, key), signature)
