"""Login throttling and secrets, with an injected clock (no waiting on the wall clock)."""

from __future__ import annotations

from pathlib import Path

from followup.config import Settings
from followup.security import LoginThrottle, digest, hash_password, new_secret, verify_password


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_counts_failures_per_account_and_client_and_forgets_them() -> None:
    clock = FakeClock()
    throttle = LoginThrottle(max_failures=3, window_seconds=60, clock=clock)
    for _ in range(3):
        assert throttle.retry_after("a@x.com", "1.2.3.4") == 0
        throttle.record_failure("a@x.com", "1.2.3.4")
    assert throttle.retry_after("a@x.com", "1.2.3.4") == 61
    assert throttle.retry_after("a@x.com", "5.6.7.8") == 0  # another client
    assert throttle.retry_after("b@x.com", "1.2.3.4") == 0  # another account
    clock.now += 30
    assert 0 < throttle.retry_after("a@x.com", "1.2.3.4") <= 31
    clock.now += 31
    assert throttle.retry_after("a@x.com", "1.2.3.4") == 0


def test_a_successful_login_resets_the_count() -> None:
    throttle = LoginThrottle(max_failures=2, window_seconds=60, clock=FakeClock())
    throttle.record_failure("a", "c")
    throttle.reset("a", "c")
    throttle.record_failure("a", "c")
    assert throttle.retry_after("a", "c") == 0


def test_passwords_are_argon2_hashed_and_verified() -> None:
    hashed = hash_password("correct horse")
    assert hashed.startswith("$argon2id$")
    assert verify_password("correct horse", hashed)
    assert not verify_password("wrong horse", hashed)
    assert not verify_password("anything", None)


def test_secrets_are_random_and_stored_only_as_digests() -> None:
    first, second = new_secret("fut"), new_secret("fut")
    assert first != second
    assert first.startswith("fut_")
    assert len(digest(first)) == 64
    assert digest(first) != first


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, secret_key=None)
    key = settings.resolved_secret_key()
    assert len(key) >= 32
    assert Settings(data_dir=tmp_path).resolved_secret_key() == key
    assert (tmp_path / ".followup-secret-key").stat().st_mode & 0o077 == 0


def test_postgres_urls_use_psycopg3() -> None:
    assert (
        Settings(database_url="postgresql://u@h/db").database_url == "postgresql+psycopg://u@h/db"
    )
    assert Settings(database_url="postgres://u@h/db").database_url == "postgresql+psycopg://u@h/db"
