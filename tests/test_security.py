"""Passwords, secrets and settings that guard them."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from followup.config import Settings
from followup.security import digest, hash_password, new_secret, verify_password


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


def _key_in_a_new_process(data_dir: str) -> str:
    return Settings(data_dir=Path(data_dir), secret_key=None).resolved_secret_key()


def test_processes_starting_at_once_agree_on_one_generated_key(tmp_path: Path) -> None:
    """Several workers may start together; only one of them creates the key file."""
    with ProcessPoolExecutor(max_workers=6) as pool:
        keys = list(pool.map(_key_in_a_new_process, [str(tmp_path)] * 12))
    assert len(set(keys)) == 1
    assert (tmp_path / ".followup-secret-key").read_text() == keys[0]
