"""The morning email, sent to a real SMTP server: once a day, only when something is due."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from followup.config import Settings
from followup.digest.service import send_due_digests
from followup.worker.context import WorkerContext
from followup.worker.runner import context_for
from tests.api.test_next_actions import actions, interview_with_two_people
from tests.conftest import Clock
from tests.mailbox import Mailbox, smtp_server

V1 = "/api/v1"
BASE = "https://followup.example.org"


@pytest.fixture(autouse=True)
def monday_afternoon(clock: Clock) -> None:
    """The morning email depends on the weekday and the hour, so every test here starts on the
    first Monday at 14:00 UTC from the tests' present (the user's 08:00 default has passed in
    UTC, and 'tomorrow' is a Tuesday) — the present itself, by default."""
    now = clock.now
    monday = now.replace(hour=14, minute=0, second=0, microsecond=0)
    monday += timedelta(days=-monday.weekday() % 7)
    if monday < now:
        monday += timedelta(days=7)
    clock.advance(monday - now)


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as box:
        yield box


@pytest.fixture
def worker(app: Any, settings: Settings, mailbox: Mailbox) -> WorkerContext:
    """A worker's context on the tests' database, sending to the test SMTP server."""
    mail_settings = settings.model_copy(
        update={"smtp_url": mailbox.url, "base_url": BASE, "mail_from": "Followup <f@example.org>"}
    )
    app.state.settings = mail_settings
    return context_for(mail_settings, app.state.sessionmaker)


def parts(message: EmailMessage) -> tuple[str, str]:
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None
    assert html is not None
    return plain.get_content(), html.get_content()


def link(text: str, path: str) -> str:
    start = text.index(BASE + path)
    return text[start:].split()[0]


def test_one_email_a_day_listing_what_is_due_with_its_draft(
    api: TestClient, worker: WorkerContext, mailbox: Mailbox, clock: Clock
) -> None:
    # Two thank-yous due now (14:00 UTC, past the user's default 08:00 in UTC).
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    send_due_digests(worker, clock.now)
    send_due_digests(worker, clock.now)
    clock.advance(hours=2)
    send_due_digests(worker, clock.now)
    assert len(mailbox.messages) == 1
    email = mailbox.messages[0]
    assert email["To"] == "dana@example.com"
    assert email["Subject"] == "2 follow-ups today"
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email["List-Unsubscribe"].startswith(f"<{BASE}/digest/unsubscribe?t=")
    plain, html = parts(email)
    assert "Thank Dana Reyes for the interview" in plain
    assert "the billing migration to event sourcing" in plain  # her draft
    assert "Why: " in plain
    assert f"{BASE}/applications/" in plain
    assert plain.count(f"{BASE}/digest/snooze?t=") == 2
    assert "Thank Dana Reyes for the interview" in html
    assert "<blockquote>" in html
    state = api.get(f"{V1}/notifications").json()
    assert state["last_digest"]["status"] == "sent"
    assert state["last_digest"]["actions"] == 2


def test_no_email_when_nothing_is_due(
    api: TestClient, worker: WorkerContext, mailbox: Mailbox, clock: Clock
) -> None:
    applied = {"company": "Globex", "role_title": "Analyst", "applied_on": clock.iso()[:10]}
    assert api.post(f"{V1}/applications", json=applied).status_code == 201  # a check in 10 days
    send_due_digests(worker, clock.now)
    assert mailbox.messages == []
    assert api.get(f"{V1}/notifications").json()["last_digest"]["status"] == "nothing_due"


def test_sent_at_the_users_local_hour(
    api: TestClient, worker: WorkerContext, mailbox: Mailbox, clock: Clock
) -> None:
    """Tokyo is UTC+9: 14:00 UTC is 23:00 there, so an 08:00 digest waits for 23:00 UTC."""
    api.patch(f"{V1}/me", json={"timezone": "Asia/Tokyo"})
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    api.patch(f"{V1}/notifications", json={"digest_hour": 8})
    clock.advance(hours=8)  # 22:00 UTC, 07:00 in Tokyo the next day
    send_due_digests(worker, clock.now)
    assert mailbox.messages == []
    clock.advance(hours=1)  # 08:00 in Tokyo
    send_due_digests(worker, clock.now)
    assert len(mailbox.messages) == 1


def test_the_snooze_link_works_without_a_login(
    app: Any, api: TestClient, worker: WorkerContext, mailbox: Mailbox, clock: Clock
) -> None:
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    send_due_digests(worker, clock.now)
    plain, _ = parts(mailbox.messages[0])
    url = urlsplit(link(plain, "/digest/snooze?t="))
    path = f"{url.path}?{url.query}"
    with TestClient(app) as stranger:  # no cookie, no token
        page = stranger.get(path)
        assert page.status_code == 200
        assert '<form method="post">' in page.text
        assert len(actions(api, as_of=clock.iso())) == 3  # a scanner's GET changes nothing
        done = stranger.post(path)
        assert done.status_code == 200
        assert "Snoozed" in done.text
    open_now = actions(api, as_of=clock.iso())
    assert [a["kind"] for a in open_now].count("send_thank_you") == 1
    # A Monday's tomorrow is Tuesday: it comes back then, at the digest hour.
    assert (clock.now + timedelta(days=1)).strftime("Tuesday %d %B, 08:00") in done.text


def test_a_forged_or_altered_link_does_nothing(app: Any, api: TestClient) -> None:
    with TestClient(app) as stranger:
        for token in ("e30.abc", "not-a-token"):
            assert "Link not valid" in stranger.post(f"/digest/snooze?t={token}").text
            assert "Link not valid" in stranger.post(f"/digest/unsubscribe?t={token}").text
    assert api.get(f"{V1}/notifications").json()["digest_hour"] == 8


def test_one_click_unsubscribe_stops_the_next_one(
    app: Any, api: TestClient, worker: WorkerContext, mailbox: Mailbox, clock: Clock
) -> None:
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    send_due_digests(worker, clock.now)
    unsubscribe = mailbox.messages[0]["List-Unsubscribe"].strip("<>")
    with TestClient(app) as mail_client:  # RFC 8058: the mail client posts this form body
        url = urlsplit(unsubscribe)
        answer = mail_client.post(
            f"{url.path}?{url.query}",
            content=b"List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    assert answer.status_code == 200
    assert api.get(f"{V1}/notifications").json()["digest_hour"] is None
    clock.advance(days=1)
    send_due_digests(worker, clock.now)
    assert len(mailbox.messages) == 1


def test_a_refusing_server_is_retried_and_the_failure_shown(
    api: TestClient, worker: WorkerContext, mailbox: Mailbox, clock: Clock
) -> None:
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    mailbox.refuse = "451 4.3.0 try again later"
    send_due_digests(worker, clock.now)
    failed = api.get(f"{V1}/notifications").json()["last_digest"]
    assert failed["status"] == "failed"
    assert "try again later" in failed["error"]
    assert failed["retry_at"] == clock.iso(minutes=2)
    mailbox.refuse = None
    send_due_digests(worker, clock.now)  # not yet: the retry waits its turn
    assert mailbox.messages == []
    clock.advance(minutes=2)
    send_due_digests(worker, clock.now)
    assert len(mailbox.messages) == 1
    sent = api.get(f"{V1}/notifications").json()["last_digest"]
    assert sent["status"] == "sent"
    assert sent["attempts"] == 2
    assert sent["error"] is None


def test_a_claim_whose_worker_died_is_taken_over_after_the_lease(
    api: TestClient, worker: WorkerContext, mailbox: Mailbox, clock: Clock
) -> None:
    from followup.digest.service import claim, due_digests

    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    [(user_id, day)] = due_digests(worker, clock.now)
    assert claim(worker, user_id=user_id, local_date=day, now=clock.now)  # and then it died
    send_due_digests(worker, clock.now + timedelta(minutes=5))
    assert mailbox.messages == []
    send_due_digests(worker, clock.now + timedelta(minutes=11))
    assert len(mailbox.messages) == 1


def test_the_hour_is_chosen_or_turned_off(api: TestClient) -> None:
    state = api.get(f"{V1}/notifications")
    assert state.json() == {"digest_hour": 8, "email_configured": False, "last_digest": None}
    stale = state.headers["ETag"]
    assert api.patch(f"{V1}/notifications", json={"digest_hour": 7}).json()["digest_hour"] == 7
    assert api.patch(f"{V1}/notifications", json={"digest_hour": 24}).status_code == 422
    off = api.patch(f"{V1}/notifications", json={"digest_hour": None}, headers={"If-Match": stale})
    assert off.status_code == 412
    assert (
        api.patch(f"{V1}/notifications", json={"digest_hour": None}).json()["digest_hour"] is None
    )


def test_send_me_one_now(
    api: TestClient, worker: WorkerContext, mailbox: Mailbox, clock: Clock
) -> None:
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    sent = api.post(f"{V1}/notifications/test")
    assert sent.status_code == 200
    assert sent.json() == {"sent": True, "actions": 2}
    assert len(mailbox.messages) == 1
    assert api.get(f"{V1}/notifications").json()["last_digest"] is None  # not today's


def test_send_me_one_now_without_smtp_says_so(api: TestClient) -> None:
    answer = api.post(f"{V1}/notifications/test")
    assert answer.status_code == 503
    assert "FOLLOWUP_SMTP_URL" in answer.json()["detail"]


def test_sending_the_digest_leaves_the_users_cached_data_alone(
    app: Any, api: TestClient, worker: WorkerContext, clock: Clock
) -> None:
    """A digest row is bookkeeping: it does not bump data_version (caches stay warm)."""
    from followup.models import User

    interview_with_two_people(api, starts_at=clock.iso(hours=-4))

    def version() -> int:
        with app.state.sessionmaker() as session:
            return int(session.scalars(select(User.data_version)).one())

    before = version()
    send_due_digests(worker, clock.now)
    assert api.get(f"{V1}/notifications").json()["last_digest"]["status"] == "sent"
    assert version() == before


def test_the_local_hour_holds_across_a_daylight_saving_change(
    api: TestClient, worker: WorkerContext, mailbox: Mailbox, clock: Clock
) -> None:
    """Berlin moves from UTC+1 to UTC+2 on the last Sunday of March: 08:00 is 07:00 UTC on the
    Saturday, then 06:00 UTC on the Sunday (the next such change after the tests' present)."""
    api.patch(f"{V1}/me", json={"timezone": "Europe/Berlin"})
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))  # its thank-yous stay overdue
    start = clock.now
    year = start.year if start.month < 3 else start.year + 1
    sunday = max(date(year, 3, d) for d in range(25, 32) if date(year, 3, d).weekday() == 6)
    saturday = sunday - timedelta(days=1)
    for moment, emails in (
        (f"{saturday}T06:59:00+00:00", 0),
        (f"{saturday}T07:00:00+00:00", 1),
        (f"{sunday}T05:59:00+00:00", 1),
        (f"{sunday}T06:00:00+00:00", 2),
        (f"{sunday}T21:00:00+00:00", 2),
    ):
        clock.advance(datetime.fromisoformat(moment) - clock.now)
        send_due_digests(worker, clock.now)
        assert len(mailbox.messages) == emails, moment
    assert clock.now > start
