"""Mail from files: matched once, logged when certain, reviewed when not; bad input is skipped."""

from __future__ import annotations

import mailbox
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_resources import create
from tests.conftest import Account, Clock

V1 = "/api/v1"
EML = {"Content-Type": "message/rfc822"}
MBOX = {"Content-Type": "application/mbox"}


def message(
    *,
    sender: str,
    to: str,
    subject: str,
    body: str,
    at: Any,
    message_id: str,
    in_reply_to: str | None = None,
    calendar: str | None = None,
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(at)
    mail["Message-ID"] = message_id
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
        mail["References"] = in_reply_to
    mail.set_content(body)
    if calendar is not None:
        mail.add_attachment(
            calendar.encode(), maintype="text", subtype="calendar", params={"method": "REQUEST"}
        )
    return mail


def acme(api: TestClient) -> dict[str, Any]:
    api.patch(f"{V1}/me", json={"name": "Sam Lee"})
    application = create(api, "applications", company="Acme Analytics", role_title="Engineer")
    dana = create(
        api,
        "contacts",
        application_id=application["id"],
        name="Dana Reyes",
        email="dana@acme-analytics.com",
    )
    return {"application": application, "dana": dana}


def timeline(api: TestClient, application_id: int) -> list[dict[str, Any]]:
    entries = api.get(f"{V1}/applications/{application_id}/timeline").json()["items"]
    return [e["touchpoint"] for e in entries if e.get("touchpoint")]


def test_a_reply_from_a_contact_is_logged_once_without_its_quoted_history(
    api: TestClient, user: Account, clock: Clock
) -> None:
    data = acme(api)
    reply = message(
        sender="Dana Reyes <Dana@acme-analytics.com>",
        to=user.email,
        subject="Re: Thank you",
        body="Thanks Sam, great talking to you.\n\nOn Mon, Nov 2, 2026, Sam wrote:\n> Thank you",
        at=clock.now,
        message_id="<reply-1@acme-analytics.com>",
    )
    answer = api.post(f"{V1}/mail/import", content=reply.as_bytes(), headers=EML)
    assert answer.status_code == 200, answer.text
    assert answer.json() | {"problems": []} == {
        "fetched": 1, "logged": 1, "review": 0, "skipped": 0, "unrelated": 0,
        "already_seen": 0, "problems": [],
    }  # fmt: skip
    [logged] = timeline(api, data["application"]["id"])
    assert logged["source"] == "mail"
    assert logged["kind"] == "reply"
    assert logged["direction"] == "inbound"
    assert logged["contact_id"] == data["dana"]["id"]
    assert logged["body"] == "Thanks Sam, great talking to you."
    again = api.post(f"{V1}/mail/import", content=reply.as_bytes(), headers=EML).json()
    assert (again["logged"], again["already_seen"]) == (0, 1)
    assert len(timeline(api, data["application"]["id"])) == 1


def test_an_mbox_of_fifty_puts_the_unsure_ones_up_for_review_and_accepting_adds_the_contact(
    api: TestClient, user: Account, clock: Clock, tmp_path: Path
) -> None:
    data = acme(api)
    decided_on = clock.now.date() + timedelta(days=10)  # named without its year
    box = mailbox.mbox(tmp_path / "export.mbox")
    for n in range(47):
        box.add(
            message(
                sender=f"news{n}@shop.example.org",
                to=user.email,
                subject=f"Offer {n}% off",
                body="Buy now.",
                at=clock.now,
                message_id=f"<news-{n}@shop.example.org>",
            )
        )
    box.add(
        message(
            sender="Dana Reyes <dana@acme-analytics.com>",
            to=user.email,
            subject="Next steps",
            body=f"We will make a decision by {decided_on:%B} {decided_on.day} and let you know.",
            at=clock.now,
            message_id="<dana-1@acme-analytics.com>",
        )
    )
    box.add(
        message(
            sender="Kim Ode <kim@acme-analytics.com>",
            to=user.email,
            subject="Hello from Acme",
            body="I am on Dana's team.",
            at=clock.now,
            message_id="<kim-1@acme-analytics.com>",
        )
    )
    box.add(
        message(
            sender="Lou Fry <lou@partner.example.net>",
            to=user.email,
            subject="Re: Next steps",
            body="Adding myself to this thread.",
            at=clock.now,
            message_id="<lou-1@partner.example.net>",
            in_reply_to="<dana-1@acme-analytics.com>",
        )
    )
    box.close()
    body = (tmp_path / "export.mbox").read_bytes()
    answer = api.post(f"{V1}/mail/import", content=body, headers=MBOX).json()
    assert (answer["fetched"], answer["logged"], answer["unrelated"]) == (50, 1, 47)
    assert answer["review"] == 3  # the decision date, Kim (the domain), Lou (the thread)
    items = api.get(f"{V1}/mail/review").json()["items"]
    by_sender = {item["from_address"]: item for item in items}
    decided_by = decided_on.isoformat()
    assert by_sender["dana@acme-analytics.com"]["proposal"]["decision_expected_on"] == decided_by
    kim = by_sender["kim@acme-analytics.com"]
    assert kim["proposal"]["action"] == "log_and_add_contact"
    assert by_sender["lou@partner.example.net"]["reason"].startswith(
        "A reply in one of your threads"
    )
    assert api.get(f"{V1}/mail/review/count").json() == {"pending": 3}

    accepted = api.post(f"{V1}/mail/review/{kim['id']}/accept")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    contacts = api.get(f"{V1}/contacts").json()["items"]
    assert {c["email"] for c in contacts} == {"dana@acme-analytics.com", "kim@acme-analytics.com"}
    logged = timeline(api, data["application"]["id"])
    assert [t["subject"] for t in logged] == ["Next steps", "Hello from Acme"]
    assert api.post(f"{V1}/mail/review/{kim['id']}/accept").status_code == 409

    dana_item = by_sender["dana@acme-analytics.com"]
    assert api.post(f"{V1}/mail/review/{dana_item['id']}/accept").status_code == 200
    reply = next(
        t for t in timeline(api, data["application"]["id"]) if t["subject"] == "Next steps"
    )
    assert reply["decision_expected_on"] == decided_by
    lou = by_sender["lou@partner.example.net"]
    assert api.post(f"{V1}/mail/review/{lou['id']}/ignore").json()["status"] == "ignored"
    assert api.get(f"{V1}/mail/review/count").json() == {"pending": 0}


def test_a_rejection_is_logged_but_the_status_changes_only_on_accept(
    api: TestClient, user: Account, clock: Clock
) -> None:
    data = acme(api)
    rejection = message(
        sender="dana@acme-analytics.com",
        to=user.email,
        subject="Your application",
        body="Unfortunately we have decided to move forward with other candidates.",
        at=clock.now,
        message_id="<no-1@acme-analytics.com>",
    )
    answer = api.post(f"{V1}/mail/import", content=rejection.as_bytes(), headers=EML).json()
    assert (answer["logged"], answer["review"]) == (1, 1)
    application_url = f"{V1}/applications/{data['application']['id']}"
    assert api.get(application_url).json()["status"] == "applied"
    [item] = api.get(f"{V1}/mail/review").json()["items"]
    assert item["proposal"]["action"] == "mark_rejected"
    api.post(f"{V1}/mail/review/{item['id']}/accept")
    decided = api.get(application_url).json()
    assert (decided["status"], decided["decided_on"]) == ("rejected", clock.now.date().isoformat())


def test_an_invitation_proposes_the_interview_with_its_attendees(
    api: TestClient, user: Account, clock: Clock
) -> None:
    data = acme(api)
    calendar = "\r\n".join(
        [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Acme//EN", "METHOD:REQUEST",
            "BEGIN:VEVENT", "UID:interview-1@acme-analytics.com", "DTSTAMP:20261102T120000Z",
            "DTSTART:20261110T150000Z", "DTEND:20261110T160000Z", "SUMMARY:Onsite interview",
            "ORGANIZER;CN=Dana Reyes:mailto:dana@acme-analytics.com",
            "ATTENDEE;CN=Lee Park:mailto:lee@acme-analytics.com",
            f"ATTENDEE;CN=Sam Lee:mailto:{user.email}", "END:VEVENT", "END:VCALENDAR", "",
        ]
    )  # fmt: skip
    invite = message(
        sender="dana@acme-analytics.com",
        to=user.email,
        subject="Invitation: Onsite interview",
        body="See you then.",
        at=clock.now,
        message_id="<invite-1@acme-analytics.com>",
        calendar=calendar,
    )
    api.post(f"{V1}/mail/import", content=invite.as_bytes(), headers=EML)
    assert api.get(f"{V1}/interviews").json()["items"] == []
    [item] = api.get(f"{V1}/mail/review").json()["items"]
    assert item["proposal"]["action"] == "create_interview"
    assert {p["email"] for p in item["proposal"]["attendees"]} == {
        "dana@acme-analytics.com",
        "lee@acme-analytics.com",
    }
    assert api.post(f"{V1}/mail/review/{item['id']}/accept").status_code == 200
    [interview] = api.get(f"{V1}/interviews").json()["items"]
    assert interview["starts_at"] == "2026-11-10T15:00:00Z"
    assert interview["application_id"] == data["application"]["id"]
    assert len(interview["interviewers"]) == 2


def test_malformed_and_unknown_charset_messages_are_skipped_with_a_reason(
    api: TestClient, user: Account, clock: Clock, tmp_path: Path
) -> None:
    acme(api)
    good = message(
        sender="dana@acme-analytics.com",
        to=user.email,
        subject="Hi",
        body="Hello.",
        at=clock.now,
        message_id="<fine@acme-analytics.com>",
    ).as_bytes()
    no_sender = b"Subject: nothing\r\nMessage-ID: <x@y.z>\r\n\r\nbody\r\n"
    bad_charset = (
        b"From: dana@acme-analytics.com\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
        b"Message-ID: <cs@acme-analytics.com>\r\nContent-Type: text/plain; charset=x-no-such\r\n"
        b"\r\n\xff\xfe hello\r\n"
    )
    mbox = b"".join(
        b"From x@y Mon Nov  2 10:00:00 2026\n" + m + b"\n" for m in (no_sender, bad_charset, good)
    )
    answer = api.post(f"{V1}/mail/import", content=mbox, headers=MBOX).json()
    assert (answer["fetched"], answer["skipped"], answer["logged"]) == (3, 2, 1)
    reasons = {p["message_id"]: p["reason"] for p in answer["problems"]}
    assert reasons["<x@y.z>"] == "The message names no sender."
    assert "x-no-such" in reasons["<cs@acme-analytics.com>"]
    assert api.post(f"{V1}/mail/import", content=b"", headers=MBOX).status_code == 422
    assert (
        api.post(
            f"{V1}/mail/import", content=good, headers={"Content-Type": "text/plain"}
        ).status_code
        == 415
    )


def test_one_users_review_items_are_invisible_to_another(
    api: TestClient, user: Account, clock: Clock, make_account: Any
) -> None:
    acme(api)
    stranger = message(
        sender="kim@acme-analytics.com",
        to=user.email,
        subject="Hello",
        body="Hi.",
        at=clock.now,
        message_id="<kim@acme-analytics.com>",
    )
    api.post(f"{V1}/mail/import", content=stranger.as_bytes(), headers=EML)
    [item] = api.get(f"{V1}/mail/review").json()["items"]
    other = make_account("lee@example.com").http
    assert other.get(f"{V1}/mail/review").json()["items"] == []
    assert other.post(f"{V1}/mail/review/{item['id']}/accept").status_code == 404
    # The same message imported by another user is theirs to match (unrelated to them).
    again = other.post(f"{V1}/mail/import", content=stranger.as_bytes(), headers=EML).json()
    assert (again["already_seen"], again["unrelated"]) == (0, 1)


def test_a_mailbox_cannot_point_the_server_at_its_own_network(api: TestClient) -> None:
    """Unless FOLLOWUP_MAIL_PRIVATE_HOSTS allows it (a local bridge), nothing is connected to."""
    body = {"host": "127.0.0.1", "port": 993, "username": "sam", "password": "secret-pw"}
    mailbox = api.post(f"{V1}/mailboxes", json=body).json()
    assert mailbox["security"] == "tls"
    assert "password" not in mailbox
    answer = api.post(f"{V1}/mailboxes/{mailbox['id']}/test")
    assert answer.status_code == 502
    assert answer.json()["type"] == "/problems/mailbox-private-host"
