"""Turns one user's rows into the policy engine's immutable facts, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select

from followup.models import (
    ActionInput,
    ActionState,
    Application,
    Contact,
    Interview,
    Interviewer,
    Touchpoint,
    User,
)
from followup.policy import (
    ActionInput as InputFacts,
)
from followup.policy import (
    ActionState as StateFacts,
)
from followup.policy import (
    ApplicationFacts,
    ContactFacts,
    Facts,
    InterviewerFacts,
    InterviewFacts,
    TouchpointFacts,
    UserFacts,
)
from followup.policy.vocabulary import FINISHED_STATUSES
from followup.repository import Repo


def load_facts(repo: Repo, user: User) -> Facts:
    """Everything the engine needs about the user's open applications: eight queries, any size.

    Withdrawn and closed applications call for nothing more, so they are not loaded at all
    (only their company names, for the drafts).
    """
    session = repo.session
    applications = session.scalars(
        repo.select(Application)
        .where(Application.status.not_in(FINISHED_STATUSES))
        .order_by(Application.id)
    ).all()
    ids = [a.id for a in applications]
    contacts = _by_application(
        session.scalars(repo.select(Contact).where(Contact.application_id.in_(ids))).all()
    )
    interview_rows = session.scalars(
        repo.select(Interview)
        .where(Interview.application_id.in_(ids))
        .order_by(Interview.starts_at, Interview.id)
    ).all()
    people = _people(repo, ids)
    interviews = _by_application(interview_rows)
    # Columns, not ORM objects: a heavy user's thousands of messages (and their bodies, which
    # the engine never reads) cost several times more as entities (measured by bench/scale.py).
    touchpoints = _by_application(
        session.execute(
            repo.select(Touchpoint)
            .with_only_columns(*_TOUCHPOINT_FACTS)
            .where(Touchpoint.application_id.in_(ids))
            .order_by(Touchpoint.occurred_at, Touchpoint.id)
        ).all()
    )
    states = session.scalars(repo.select(ActionState)).all()
    inputs = session.scalars(repo.select(ActionInput)).all()
    zone = ZoneInfo(user.timezone)
    return Facts(
        user=_user(user),
        applications=tuple(
            ApplicationFacts(
                id=a.id,
                company=a.company,
                role_title=a.role_title,
                status=a.status,
                applied_on=a.applied_on,
                workplace=a.workplace,
                decision_expected_on=a.decision_expected_on,
                decided_on=a.decided_on,
                contacts=tuple(_contact(c) for c in contacts[a.id]),
                interviews=tuple(_interview(i, people[i.id]) for i in interviews[a.id]),
                touchpoints=tuple(_touchpoint(t) for t in touchpoints[a.id]),
                **_drafted_from(a, zone),
            )
            for a in applications
        ),
        action_states={s.key: StateFacts(s.key, s.state, s.until) for s in states},  # type: ignore[arg-type]
        action_inputs={i.key: InputFacts(i.key, i.value_add) for i in inputs},
        companies=_finished_companies(repo),
    )


def _user(user: User) -> UserFacts:
    return UserFacts(
        # No name is no name: drafts sign "[Your name]", never the address's local part.
        name=user.name or "",
        email=user.email,
        signature=user.signature,
        timezone=user.timezone,
        country=user.country,
    )


def _drafted_from(a: Application, zone: ZoneInfo) -> dict[str, Any]:
    """The application's fields that drafts and the offer and application checks read."""
    return {
        "strength": a.strength,
        "motivation": a.motivation,
        "offered_on": a.offered_on,
        "offer_deadline": a.offer_deadline,
        # The day it was entered, in the user's zone: an undated application's check counts
        # from it.
        "recorded_on": a.created_at.astimezone(zone).date(),
    }


def _people(repo: Repo, application_ids: list[int]) -> defaultdict[int, list[InterviewerFacts]]:
    """Each interview's people, in their order, with what the user wrote about each."""
    people: defaultdict[int, list[InterviewerFacts]] = defaultdict(list)
    for row in repo.session.execute(
        select(
            Interviewer.interview_id,
            Interviewer.contact_id,
            Interviewer.notes,
            Interviewer.topics,
            Interviewer.concerns,
        )
        .join(Interview, Interview.id == Interviewer.interview_id)
        .where(repo.owns(Interview), Interview.application_id.in_(application_ids))
        .order_by(Interviewer.interview_id, Interviewer.position)
    ):
        people[row.interview_id].append(
            InterviewerFacts(row.contact_id, row.notes, tuple(row.topics or ()), row.concerns)
        )
    return people


def _finished_companies(repo: Repo) -> tuple[str, ...]:
    """Finished applications are not evaluated, but a topic naming one is still a mix-up."""
    return tuple(
        repo.session.scalars(
            repo.select(Application)
            .with_only_columns(Application.company)
            .where(Application.status.in_(FINISHED_STATUSES))
            .distinct()
        ).all()
    )


_TOUCHPOINT_FACTS = (
    Touchpoint.id,
    Touchpoint.application_id,
    Touchpoint.contact_id,
    Touchpoint.interview_id,
    Touchpoint.kind,
    Touchpoint.channel,
    Touchpoint.direction,
    Touchpoint.occurred_at,
    Touchpoint.decision_expected_on,
)
Grouped = TypeVar("Grouped")


def _by_application(rows: Sequence[Grouped]) -> defaultdict[int, list[Grouped]]:
    """Rows (ORM objects or column rows: each has an `application_id`) by application."""
    grouped: defaultdict[int, list[Grouped]] = defaultdict(list)
    for row in rows:
        grouped[row.application_id].append(row)  # type: ignore[attr-defined]
    return grouped


def _contact(c: Contact) -> ContactFacts:
    return ContactFacts(
        id=c.id,
        name=c.name,
        title=c.title,
        email=c.email,
        phone=c.phone,
        role=c.role,
        preferred_channel=c.preferred_channel,
        salutation=c.salutation,
    )


def _interview(i: Interview, people: list[InterviewerFacts]) -> InterviewFacts:
    return InterviewFacts(
        id=i.id,
        starts_at=i.starts_at,
        ends_at=i.ends_at,
        format=i.format,
        round=i.round,
        arranged_by_id=i.arranged_by_id,
        interviewers=tuple(people),
        decision_expected_on=i.decision_expected_on,
        notes=i.notes,
        recorded_at=i.created_at,
    )


def _touchpoint(t: Any) -> TouchpointFacts:  # a row of _TOUCHPOINT_FACTS
    return TouchpointFacts(
        id=t.id,
        contact_id=t.contact_id,
        interview_id=t.interview_id,
        kind=t.kind,
        channel=t.channel,
        direction=t.direction,
        occurred_at=t.occurred_at,
        decision_expected_on=t.decision_expected_on,
    )
