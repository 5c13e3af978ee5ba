"""Passwords, opaque secrets (session cookies, API tokens, feed URLs) and login throttling."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

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


class LoginThrottle:
    """Counts failed logins per (account, client) in a sliding window, in this process.

    A process-local window is enough for one server; several workers each keep their own,
    which at worst multiplies the allowance by the number of workers.
    """

    def __init__(
        self,
        *,
        max_failures: int = 5,
        window_seconds: int = 900,
        # Wall-clock seconds rather than monotonic ones, so a frozen test clock freezes it too.
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, account: str, client: str) -> int:
        """Seconds until another attempt is allowed; 0 when it is allowed now."""
        with self._lock:
            failures = self._recent(account, client)
            if len(failures) < self.max_failures:
                return 0
            return max(1, int(failures[0] + self.window_seconds - self._clock()) + 1)

    def record_failure(self, account: str, client: str) -> None:
        with self._lock:
            self._recent(account, client).append(self._clock())

    def reset(self, account: str, client: str) -> None:
        with self._lock:
            self._failures.pop((account, client), None)

    def _recent(self, account: str, client: str) -> deque[float]:
        failures = self._failures.setdefault((account, client), deque())
        horizon = self._clock() - self.window_seconds
        while failures and failures[0] <= horizon:
            failures.popleft()
        return failures
