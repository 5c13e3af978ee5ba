"""The other scheduled work: the clean-up job, and `followup digest --as-of` for cron users."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from followup.config import Settings
from followup.models import IdempotencyKey, LoginSession
from followup.worker.cleanup import remove_expired
from followup.worker.runner import context_for
from followup.worker.schedule import JOBS
from tests.api.test_next_actions import AFTER_INTERVIEW, interview_with_two_people
from tests.conftest import Clock
from tests.mailbox import Mailbox, smtp_server
from tests.servers import ROOT, followup_cli

V1 = "/api/v1"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as box:
        yield box


def count(app: Any, model: type[Any]) -> int:
    with app.state.sessionmaker() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_every_job_is_registered_once() -> None:
    names = [job.name for job in JOBS]
    assert len(names) == len(set(names))
    assert {"morning digests", "clean-up"} <= set(names)


def test_clean_up_removes_expired_sessions_and_keys_only(
    app: Any, api: TestClient, settings: Settings, clock: Clock
) -> None:
    body = {"company": "Acme", "role_title": "Engineer"}
    assert api.post(f"{V1}/applications", json=body, headers={"Idempotency-Key": "k1"}).is_success
    context = context_for(settings, app.state.sessionmaker)
    remove_expired(context, clock.now)
    assert count(app, LoginSession) == 1
    assert count(app, IdempotencyKey) == 1
    clock.advance(days=2)  # the key (24 hours) has expired, the session (30 days) has not
    remove_expired(context, clock.now)
    assert count(app, IdempotencyKey) == 0
    assert count(app, LoginSession) == 1
    clock.advance(days=30)
    remove_expired(context, clock.now)
    assert count(app, LoginSession) == 0


def test_followup_digest_as_of_sends_what_is_due_then(
    api: TestClient, database_url: str, mailbox: Mailbox
) -> None:
    interview_with_two_people(api)
    environment = {
        **os.environ,
        "FOLLOWUP_DATABASE_URL": database_url,
        "FOLLOWUP_SMTP_URL": mailbox.url,
        "FOLLOWUP_SECRET_KEY": "c" * 40,
    }
    command = [followup_cli(), "digest", "--as-of", AFTER_INTERVIEW]
    for _ in range(2):
        subprocess.run(command, env=environment, cwd=ROOT, check=True, capture_output=True)
    assert len(mailbox.messages) == 1
    assert mailbox.messages[0]["Subject"] == "2 follow-ups today"
