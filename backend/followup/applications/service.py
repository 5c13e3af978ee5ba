"""Applications: the job processes a user is in, and everything that happened in each."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, or_

from followup.applications.schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationPatch,
    Timeline,
    TimelineEntry,
)
from followup.errors import Invalid
from followup.interviews.schemas import InterviewOut
from followup.interviews.service import interviews_of
from followup.models import Application, Touchpoint
from followup.pagination import fetch_page
from followup.policy.vocabulary import DECIDED_STATUSES
from followup.repository import Repo
from followup.touchpoints.schemas import TouchpointOut


def create(repo: Repo, *, data: ApplicationIn, today: date) -> Application:
    application = Application(**data.model_dump())
    if "decided_on" not in data.model_fields_set:
        application.decided_on = decision_date(data.status, None, today=today)
    if "offered_on" not in data.model_fields_set:
        application.offered_on = offer_date(data.status, None, today=today)
    _require_decision_date(application)
    require_sane_values(application, today=today, given=data.model_fields_set)
    repo.add(application)
    return application


def update(
    repo: Repo, *, application: Application, data: ApplicationPatch, today: date
) -> Application:
    changes = data.changes()
    status_changed = "status" in changes and changes["status"] != application.status
    for name, value in changes.items():
        setattr(application, name, value)
    # Moving into a decision (or an offer) dates it today unless the request gives a date, even
    # over an earlier one: rejected, interviewing again, then rejected anew is a decision made
    # today, not one whose thank-you is overdue on arrival.
    if status_changed and "decided_on" not in changes and application.status in DECIDED_STATUSES:
        application.decided_on = today
    if status_changed and "offered_on" not in changes and application.status == "offer":
        application.offered_on = today
    # Moving back out of a decision (or before an offer) takes its date with it: a card dragged
    # back to Offer is no longer decided, and Insights must not count it so.
    if (
        status_changed
        and "decided_on" not in changes
        and application.status not in DECIDED_STATUSES
    ):
        application.decided_on = None
    if status_changed and "offered_on" not in changes and application.status in UNOFFERED:
        application.offered_on = None
    _require_decision_date(application)
    require_sane_values(application, today=today, given=changes.keys())
    repo.session.flush()
    return application


def decision_date(status: str, decided_on: date | None, *, today: date) -> date | None:
    """A decision gets today's date unless the user gave one."""
    if status in DECIDED_STATUSES and decided_on is None:
        return today
    return decided_on


def offer_date(status: str, offered_on: date | None, *, today: date) -> date | None:
    """An offer is dated today unless the user gave its date (the answer is timed from it)."""
    if status == "offer" and offered_on is None:
        return today
    return offered_on


def _require_decision_date(application: Application) -> None:
    """The thanks after a decision are timed from its date: a decided application keeps one."""
    if application.status in DECIDED_STATUSES and application.decided_on is None:
        raise Invalid(
            "A hired or rejected application needs its decision date: the thank-yous after "
            "the decision are timed from it.",
            errors=[{"loc": ["body", "decided_on"], "msg": "required while hired or rejected"}],
        )


#: The stages before any offer: an application moved back to one has no offer date.
UNOFFERED = frozenset({"applied", "interviewing"})

#: How far ahead of the user's today an application may be dated: a day, for a date typed
#: on a journey or near midnight; anything later is a typo (2030 for 2026).
APPLIED_TOLERANCE = timedelta(days=1)


def require_sane_values(
    application: Application | ApplicationIn, *, today: date, given: Iterable[str]
) -> None:
    """Dates that cannot be true, and a pay range upside down, are refused where they are
    given, in plain words."""
    given = set(given)
    errors: list[dict[str, Any]] = []
    low, high = application.salary_min, application.salary_max
    if low is not None and high is not None and low > high and given & {"salary_min", "salary_max"}:
        errors.append(_field_error("salary_max", "cannot be less than salary_min"))
    applied = application.applied_on
    latest = today + APPLIED_TOLERANCE
    if "applied_on" in given and applied is not None and applied > latest:
        errors.append(_field_error("applied_on", "cannot be later than tomorrow"))
    if "offered_on" in given and application.offered_on and application.offered_on > latest:
        errors.append(_field_error("offered_on", "cannot be later than tomorrow"))
    for name in ("decided_on", "offered_on"):
        value = getattr(application, name)
        if (
            applied is not None
            and value is not None
            and value < applied
            and (name in given or "applied_on" in given)
        ):
            errors.append(_field_error(name, "cannot be before the date you applied"))
    if errors:
        named = "; ".join(f"{e['loc'][-1]} {e['msg']}" for e in errors)
        raise Invalid(f"These values cannot be right: {named}.", errors=errors)


def _field_error(name: str, message: str) -> dict[str, Any]:
    return {"loc": ["body", name], "msg": message}


def delete(repo: Repo, *, application: Application) -> None:
    """Removes the application with its contacts, interviews and touchpoints (database cascade)."""
    repo.delete(application)


def page(
    repo: Repo,
    *,
    limit: int,
    cursor: str | None,
    key: str,
    status: str | None,
    q: str | None,
    tag: str | None = None,
    source: str | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    where: list[ColumnElement[bool]] = []
    if q:
        pattern = f"%{q.strip()}%"
        where.append(or_(Application.company.ilike(pattern), Application.role_title.ilike(pattern)))
    if tag:
        where.append(_has_tag(tag))
    if source:
        where.append(func.lower(Application.source) == " ".join(source.split()).lower())
    return fetch_page(
        repo,
        Application,
        ApplicationOut.model_fields,
        equal={"status": status},
        filters=where,
        limit=limit,
        cursor=cursor,
        key=key,
    )


def _has_tag(tag: str) -> ColumnElement[bool]:
    """The list holds this label: its JSON text contains the label as one quoted element.

    Both databases keep the list as the JSON text SQLAlchemy wrote, so one LIKE serves both.
    """
    element = json.dumps(" ".join(tag.split()))
    escaped = element.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return cast(Application.tags, String).ilike(f"%{escaped}%", escape="\\")


def timeline(repo: Repo, *, application: Application) -> Timeline:
    """Interviews and touchpoints of one application, oldest first."""
    entries = [
        TimelineEntry(type="interview", at=i.starts_at, interview=InterviewOut.model_validate(i))
        for i in interviews_of(repo, application_ids=[application.id])
    ]
    touchpoints = repo.session.scalars(
        repo.select(Touchpoint).where(Touchpoint.application_id == application.id)
    ).all()
    entries += [
        TimelineEntry(
            type="touchpoint", at=t.occurred_at, touchpoint=TouchpointOut.model_validate(t)
        )
        for t in touchpoints
    ]
    entries.sort(key=lambda e: (e.at, e.type, (e.interview or e.touchpoint).id))  # type: ignore[union-attr]
    return Timeline(application_id=application.id, items=entries)
