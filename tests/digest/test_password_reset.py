"""Forgot your password: a link by email (to a real SMTP server), or the operator's command."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from followup.config import Settings
from tests.conftest import Account, Clock
from tests.mailbox import Mailbox, smtp_server
from tests.servers import ROOT, followup_cli

V1 = "/api/v1"
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def mailbox(app: Any, settings: Settings) -> Iterator[Mailbox]:
    with smtp_server() as box:
        app.state.settings = settings.model_copy(
            update={
                "smtp_url": box.url,
                "base_url": "https://followup.example.org",
                "cookie_secure": False,  # the test client speaks plain HTTP
            }
        )
        yield box


def login(app: Any, email: str, password: str) -> int:
    with TestClient(app) as browser:
        return browser.post(
            f"{V1}/auth/login", json={"email": email, "password": password}
        ).status_code


def reset_token(mailbox: Mailbox) -> str:
    body = mailbox.messages[-1].get_body(("plain",))
    assert body is not None
    link = next(w for w in body.get_content().split() if "/reset-password?" in w)
    assert link.startswith("https://followup.example.org/reset-password?token=")
    return parse_qs(urlsplit(link).query)["token"][0]


def test_a_reset_by_email_sets_the_password_once_and_ends_the_sessions(
    app: Any, client: TestClient, user: Account, mailbox: Mailbox
) -> None:
    assert client.get(f"{V1}/auth/options").json() == {"password_reset_by_email": True}
    with TestClient(app, headers={"Sec-Fetch-Site": "same-origin"}) as browser:
        browser.post(f"{V1}/auth/login", json={"email": user.email, "password": user.password})
        assert browser.get(f"{V1}/me").status_code == 200
        answer = client.post(f"{V1}/auth/password-reset", json={"email": user.email.upper()})
        assert answer.status_code == 202
        assert mailbox.messages[0]["To"] == user.email
        token = reset_token(mailbox)
        body = {"token": token, "password": NEW_PASSWORD}
        assert client.post(f"{V1}/auth/password-reset/confirm", json=body).status_code == 204
        assert browser.get(f"{V1}/me").status_code == 401  # the old session has ended
    assert login(app, user.email, user.password) == 401
    assert login(app, user.email, NEW_PASSWORD) == 200
    again = client.post(f"{V1}/auth/password-reset/confirm", json=body)
    assert again.status_code == 422
    assert again.json()["errors"][0]["loc"] == ["body", "token"]


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    client: TestClient, user: Account, mailbox: Mailbox
) -> None:
    answer = client.post(f"{V1}/auth/password-reset", json={"email": "nobody@example.com"})
    assert answer.status_code == 202
    assert answer.content == b""
    assert mailbox.messages == []


def test_a_link_expires_after_an_hour(
    app: Any, client: TestClient, user: Account, mailbox: Mailbox, clock: Clock
) -> None:
    client.post(f"{V1}/auth/password-reset", json={"email": user.email})
    token = reset_token(mailbox)
    clock.advance(hours=1, seconds=1)
    body = {"token": token, "password": NEW_PASSWORD}
    assert client.post(f"{V1}/auth/password-reset/confirm", json=body).status_code == 422
    assert login(app, user.email, user.password) == 200


def test_without_smtp_the_login_page_is_told_to_ask_an_operator(
    client: TestClient, user: Account
) -> None:
    assert client.get(f"{V1}/auth/options").json() == {"password_reset_by_email": False}
    answer = client.post(f"{V1}/auth/password-reset", json={"email": user.email})
    assert answer.status_code == 202


def test_the_operators_command_sets_the_password(
    app: Any, user: Account, database_url: str
) -> None:
    environment = {**os.environ, "FOLLOWUP_DATABASE_URL": database_url}
    command = [followup_cli(), "reset-password", user.email, "--password", NEW_PASSWORD]
    done = subprocess.run(command, env=environment, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert login(app, user.email, NEW_PASSWORD) == 200
    assert user.http.get(f"{V1}/me").status_code == 200  # tokens are not sessions: they stay
    missing = [followup_cli(), "reset-password", "nobody@example.com", "--password", NEW_PASSWORD]
    refused = subprocess.run(missing, env=environment, cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode == 1
    assert "No account" in refused.stderr


def test_at_most_three_links_an_hour(
    client: TestClient, user: Account, mailbox: Mailbox, clock: Clock
) -> None:
    for _ in range(5):
        assert (
            client.post(f"{V1}/auth/password-reset", json={"email": user.email}).status_code == 202
        )
    assert len(mailbox.messages) == 3
    clock.advance(hours=1, seconds=1)
    client.post(f"{V1}/auth/password-reset", json={"email": user.email})
    assert len(mailbox.messages) == 4
