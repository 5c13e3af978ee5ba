"""Touchpoints: every message the user sent and every reply received."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from followup.errors import Invalid
from followup.models import Application, Contact, Interview, Touchpoint
from followup.pagination import fetch_page
from followup.policy.vocabulary import default_direction
from followup.repository import Repo
from followup.touchpoints.schemas import TouchpointIn, TouchpointOut, TouchpointPatch


def create(repo: Repo, *, data: TouchpointIn) -> Touchpoint:
    application = repo.get(Application, data.application_id)
    check_links(repo, application.id, contact_id=data.contact_id, interview_id=data.interview_id)
    fields = data.model_dump()
    fields["direction"] = data.direction or default_direction(data.kind)
    _decision_date_only_in_replies(fields["direction"], fields["decision_expected_on"])
    touchpoint = Touchpoint(**fields)
    repo.add(touchpoint)
    return touchpoint


def _decision_date_only_in_replies(direction: str, decision_expected_on: object) -> None:
    """Only the employer can say when they will decide: an inbound touchpoint, not yours."""
    if decision_expected_on is not None and direction != "inbound":
        raise Invalid(
            "Only a reply (an inbound touchpoint) can say when they will decide.",
            errors=[{"loc": ["body", "decision_expected_on"], "msg": "only for inbound"}],
        )


def update(repo: Repo, *, touchpoint: Touchpoint, data: TouchpointPatch) -> Touchpoint:
    changes = data.changes()
    check_links(
        repo,
        touchpoint.application_id,
        contact_id=changes.get("contact_id", touchpoint.contact_id),
        interview_id=changes.get("interview_id", touchpoint.interview_id),
    )
    _decision_date_only_in_replies(
        changes.get("direction", touchpoint.direction),
        changes.get("decision_expected_on", touchpoint.decision_expected_on),
    )
    repo.apply(touchpoint, changes)
    return touchpoint


def delete(repo: Repo, *, touchpoint: Touchpoint) -> None:
    repo.delete(touchpoint)


def page(
    repo: Repo,
    *,
    limit: int,
    cursor: str | None,
    key: str,
    application_id: int | None,
    contact_id: int | None,
    kind: str | None,
    direction: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    return fetch_page(
        repo,
        Touchpoint,
        TouchpointOut.model_fields,
        equal={
            "application_id": application_id,
            "contact_id": contact_id,
            "kind": kind,
            "direction": direction,
        },
        limit=limit,
        cursor=cursor,
        key=key,
    )


def check_links(
    repo: Repo, application_id: int, *, contact_id: int | None, interview_id: int | None
) -> None:
    """A touchpoint may only name a person and an interview of its own application."""
    errors = []
    for field, model, value in (
        ("contact_id", Contact, contact_id),
        ("interview_id", Interview, interview_id),
    ):
        if value is None:
            continue
        found = repo.session.scalar(
            select(model.id).where(
                repo.owns(model), model.id == value, model.application_id == application_id
            )
        )
        if found is None:
            errors.append({"loc": ["body", field], "msg": "not part of this application"})
    if errors:
        raise Invalid("A touchpoint can only refer to its own application.", errors=errors)
