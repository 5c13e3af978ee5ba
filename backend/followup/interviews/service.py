"""Interviews: when they happen, who took part and what each person discussed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from followup.errors import Invalid
from followup.interviews.schemas import InterviewerIn, InterviewIn, InterviewOut, InterviewPatch
from followup.models import Application, Contact, Interview, Interviewer
from followup.pagination import fetch_page
from followup.policy.vocabulary import DEFAULT_INTERVIEW_LENGTH
from followup.repository import Repo


def create(repo: Repo, *, data: InterviewIn) -> Interview:
    application = repo.get(Application, data.application_id)
    _check_people(repo, application.id, data.interviewers, data.arranged_by_id)
    round_ = data.round
    if round_ is None:
        round_ = next_round(
            repo.session.scalar(
                select(func.max(Interview.round)).where(Interview.application_id == application.id)
            )
        )
    interview = Interview(
        application_id=application.id,
        starts_at=data.starts_at,
        ends_at=data.ends_at or data.starts_at + DEFAULT_INTERVIEW_LENGTH,
        format=data.format,
        round=round_,
        arranged_by_id=data.arranged_by_id,
        decision_expected_on=data.decision_expected_on,
        notes=data.notes,
        interviewers=_interviewers(data.interviewers),
    )
    repo.add(interview)
    # An interview means the process has moved past the application stage.
    if application.status == "applied":
        application.status = "interviewing"
        repo.session.flush()
    return interview


def next_round(latest: int | None) -> int:
    """An interview given without a round is the next one of its application."""
    return (latest or 0) + 1


def update(repo: Repo, *, interview: Interview, data: InterviewPatch) -> Interview:
    changes = data.changes()
    changes.pop("interviewers", None)  # replaced as a whole below
    people = data.interviewers if "interviewers" in data.model_fields_set else None
    arranged_by = changes.get("arranged_by_id", interview.arranged_by_id)
    _check_people(repo, interview.application_id, people or [], arranged_by)
    starts_at = changes.get("starts_at", interview.starts_at)
    ends_at = changes.get("ends_at", interview.ends_at)
    if "starts_at" in changes and "ends_at" not in changes:
        ends_at = starts_at + (interview.ends_at - interview.starts_at)
    if ends_at <= starts_at:
        raise Invalid(
            "An interview must end after it starts.",
            errors=[{"loc": ["body", "ends_at"], "msg": "must be after starts_at"}],
        )
    for name, value in changes.items():
        setattr(interview, name, value)
    interview.ends_at = ends_at
    if people is not None:
        interview.interviewers = _interviewers(people)
    repo.session.flush()
    return interview


def delete(repo: Repo, *, interview: Interview) -> None:
    repo.delete(interview)


def page(
    repo: Repo, *, limit: int, cursor: str | None, key: str, application_id: int | None
) -> tuple[list[dict[str, Any]], str | None]:
    items, next_cursor = fetch_page(
        repo,
        Interview,
        InterviewOut.model_fields,
        equal={"application_id": application_id},
        limit=limit,
        cursor=cursor,
        key=key,
    )
    people: dict[int, list[dict[str, Any]]] = {item["id"]: [] for item in items}
    for row in repo.session.execute(
        select(
            Interviewer.interview_id,
            Interviewer.contact_id,
            Interviewer.topics,
            Interviewer.concerns,
            Interviewer.notes,
        )
        .where(Interviewer.interview_id.in_(people))
        .order_by(Interviewer.interview_id, Interviewer.position)
    ):
        people[row.interview_id].append(
            {
                "contact_id": row.contact_id,
                "topics": row.topics or [],
                "concerns": row.concerns,
                "notes": row.notes,
            }
        )
    for item in items:
        item["interviewers"] = people[item["id"]]
    return items, next_cursor


def interviews_of(repo: Repo, *, application_ids: Iterable[int]) -> Sequence[Interview]:
    return repo.session.scalars(
        repo.select(Interview)
        .where(Interview.application_id.in_(list(application_ids)))
        .options(selectinload(Interview.interviewers))
        .order_by(Interview.starts_at, Interview.id)
    ).all()


def _interviewers(people: Sequence[InterviewerIn]) -> list[Interviewer]:
    return [
        Interviewer(
            contact_id=person.contact_id,
            topics=[topic.strip() for topic in person.topics if topic.strip()],
            concerns=person.concerns,
            notes=person.notes,
            position=position,
        )
        for position, person in enumerate(people)
    ]


def _check_people(
    repo: Repo,
    application_id: int,
    people: Sequence[InterviewerIn],
    arranged_by_id: int | None,
) -> None:
    """Interviewers and the arranger must be contacts of the interview's own application."""
    wanted = {p.contact_id for p in people} | ({arranged_by_id} if arranged_by_id else set())
    known = set(
        repo.session.scalars(
            select(Contact.id).where(
                repo.owns(Contact),
                Contact.application_id == application_id,
                Contact.id.in_(wanted),
            )
        )
    )
    errors: list[dict[str, object]] = []
    seen: set[int] = set()
    for index, person in enumerate(people):
        if person.contact_id not in known:
            errors.append(
                {
                    "loc": ["body", "interviewers", index, "contact_id"],
                    "msg": "not a contact of this application",
                }
            )
        elif person.contact_id in seen:
            errors.append(
                {"loc": ["body", "interviewers", index, "contact_id"], "msg": "listed twice"}
            )
        seen.add(person.contact_id)
    if arranged_by_id is not None and arranged_by_id not in known:
        errors.append(
            {"loc": ["body", "arranged_by_id"], "msg": "not a contact of this application"}
        )
    if errors:
        raise Invalid("Only contacts of this application can take part.", errors=errors)
