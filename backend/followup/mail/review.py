"""The review list: messages only probably related, and what accepting one does.

Nothing here runs without the user's accept: a status change or an interview made from a
misread message would change what the engine advises.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from followup.applications import service as applications
from followup.applications.schemas import ApplicationPatch
from followup.errors import Conflict, NotFound
from followup.interviews import service as interviews
from followup.interviews.schemas import InterviewIn
from followup.mail.matching import log_touchpoint
from followup.mail.schemas import ReviewItemOut
from followup.models import Application, Contact, MailMessage, Touchpoint
from followup.pagination import fetch_page
from followup.repository import Repo


def page(
    repo: Repo, *, limit: int, cursor: str | None, key: str, status: str
) -> tuple[list[dict[str, Any]], str | None]:
    rows, next_cursor = fetch_page(
        repo,
        MailMessage,
        (*ReviewItemOut.model_fields, "outcome"),
        equal={"outcome": status},
        limit=limit,
        cursor=cursor,
        key=key,
    )
    for row in rows:
        row["status"] = row.pop("outcome")
    return rows, next_cursor


def representation(row: MailMessage) -> ReviewItemOut:
    fields = {name: getattr(row, name) for name in ReviewItemOut.model_fields if name != "status"}
    return ReviewItemOut.model_validate({**fields, "status": row.outcome})


def pending_count(repo: Repo) -> int:
    return int(
        repo.session.scalar(
            select(func.count(MailMessage.id)).where(
                repo.owns(MailMessage), MailMessage.outcome == "review"
            )
        )
        or 0
    )


def item(repo: Repo, item_id: int) -> MailMessage:
    """A review item of the user's (a message with a proposal), else NotFound."""
    row = repo.get(MailMessage, item_id)
    if row.proposal is None:
        raise NotFound(f"No review item with id {item_id}.")
    return row


def ignore(repo: Repo, row: MailMessage) -> MailMessage:
    _still_open(row)
    repo.apply(row, {"outcome": "ignored"})
    return row


def accept(repo: Repo, row: MailMessage, *, timezone: str) -> MailMessage:
    """Do what the item proposes, then mark it accepted."""
    _still_open(row)
    proposal: dict[str, Any] = dict(row.proposal or {})
    application = repo.get(Application, int(proposal["application_id"]))
    sent_on = _local_day(row.sent_at, timezone)
    action = proposal["action"]
    if action == "log_and_add_contact":
        contact = _contact(repo, application.id, proposal.get("person") or {}, role="other")
        touchpoint = log_touchpoint(repo, mail_row=row, contact_id=contact.id)
        changes: dict[str, Any] = {"contact_id": contact.id, "touchpoint_id": touchpoint.id}
    elif action == "create_interview":
        _create_interview(repo, application.id, proposal)
        changes = {}
    elif action in ("mark_rejected", "mark_offer"):
        status, day_field = (
            ("rejected", "decided_on") if action == "mark_rejected" else ("offer", "offered_on")
        )
        patch = ApplicationPatch.model_validate({"status": status, day_field: sent_on})
        applications.update(repo, application=application, data=patch, today=sent_on)
        changes = {}
    else:
        changes = _note_decision_date(
            repo, row, date.fromisoformat(proposal["decision_expected_on"])
        )
    repo.apply(row, {**changes, "outcome": "accepted", "application_id": application.id})
    return row


def _still_open(row: MailMessage) -> None:
    if row.outcome != "review":
        raise Conflict(f"This item was already {row.outcome}.")


def _local_day(moment: datetime | None, timezone: str) -> date:
    assert moment is not None  # a message with a proposal was read, so it has its date
    return moment.astimezone(ZoneInfo(timezone)).date()


def _contact(repo: Repo, application_id: int, person: dict[str, Any], *, role: str) -> Contact:
    """The application's contact with this address, added when there is none."""
    email = str(person.get("email") or "").lower() or None
    if email is not None:
        found = repo.session.scalars(
            select(Contact).where(
                repo.owns(Contact),
                Contact.application_id == application_id,
                Contact.email == email,
            )
        ).first()
        if found is not None:
            return found
    name = str(person.get("name") or email or "Unknown")[:200]
    contact = Contact(application_id=application_id, name=name, email=email, role=role)
    repo.add(contact)
    return contact


def _create_interview(repo: Repo, application_id: int, proposal: dict[str, Any]) -> None:
    people = [
        _contact(repo, application_id, person, role="interviewer")
        for person in proposal.get("attendees") or []
    ]
    data = InterviewIn.model_validate(
        {
            "application_id": application_id,
            "starts_at": proposal["starts_at"],
            "ends_at": proposal.get("ends_at"),
            "interviewers": [{"contact_id": c.id} for c in dict.fromkeys(people)],
            "notes": proposal.get("summary"),
        }
    )
    interviews.create(repo, data=data)


def _note_decision_date(repo: Repo, row: MailMessage, day: date) -> dict[str, Any]:
    """The reply says when they will decide: the engine reads it from the reply's touchpoint."""
    touchpoint = repo.find(Touchpoint, row.touchpoint_id) if row.touchpoint_id else None
    if touchpoint is None:
        touchpoint = log_touchpoint(repo, mail_row=row)
    repo.apply(touchpoint, {"decision_expected_on": day})
    return {"touchpoint_id": touchpoint.id}
