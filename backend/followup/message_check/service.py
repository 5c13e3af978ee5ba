"""Loads what the message check needs to know about a draft, then runs the pure checks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row

from followup.errors import Invalid
from followup.message_check.schemas import DraftCheckIn, DraftCheckOut, IssueOut
from followup.models import Application, Contact, Interview, Interviewer, Touchpoint, User
from followup.next_actions.cache import FactsCache
from followup.next_actions.schemas import SourceOut
from followup.policy import Action, calendar_for, get_profile
from followup.policy.message_check import DraftContext, DraftText, Peer
from followup.policy.message_check import check as run_checks
from followup.repository import Repo


def check(
    repo: Repo, user: User, *, data: DraftCheckIn, now: datetime, cache: FactsCache
) -> DraftCheckOut:
    """The findings for a draft; ids that are not the user's are a 404, mismatched ones a 422."""
    contact = repo.get(Contact, data.contact_id) if data.contact_id is not None else None
    interview = repo.get(Interview, data.interview_id) if data.interview_id is not None else None
    application = (
        repo.get(Application, data.application_id) if data.application_id is not None else None
    )
    application_id = _one_application(contact, interview, application)
    if interview is None and contact is not None:
        interview = _latest_interview_of(repo, contact.id, now)
    context = _context(repo, user, data, now, cache, application_id, contact, interview)
    issues = run_checks(DraftText(data.kind, data.subject, data.body, data.channel), context)
    return DraftCheckOut(
        issues=[
            IssueOut(
                code=i.code,
                severity=i.severity,
                message=i.message,
                field=i.field,
                span=i.span,
                sources=[SourceOut(**s.to_dict()) for s in i.sources],
            )
            for i in issues
        ]
    )


def _one_application(
    contact: Contact | None, interview: Interview | None, application: Application | None
) -> int | None:
    found = {
        name: row.application_id if not isinstance(row, Application) else row.id
        for name, row in (
            ("contact_id", contact),
            ("interview_id", interview),
            ("application_id", application),
        )
        if row is not None
    }
    if len(set(found.values())) > 1:
        raise Invalid(
            "The contact, interview and application must belong to the same application.",
            errors=[
                {"loc": ["body", name], "msg": "belongs to another application"}
                for name in list(found)[1:]
            ],
        )
    return next(iter(found.values()), None)


def _latest_interview_of(repo: Repo, contact_id: int, now: datetime) -> Interview | None:
    """The person's latest interview that has begun (the one a note would follow)."""
    return repo.session.scalars(
        repo.select(Interview)
        .join(Interviewer, Interviewer.interview_id == Interview.id)
        .where(Interviewer.contact_id == contact_id, Interview.starts_at <= now)
        .order_by(Interview.starts_at.desc(), Interview.id.desc())
        .limit(1)
    ).first()


def _context(
    repo: Repo,
    user: User,
    data: DraftCheckIn,
    now: datetime,
    cache: FactsCache,
    application_id: int | None,
    contact: Contact | None,
    interview: Interview | None,
) -> DraftContext:
    """A bounded number of queries, whatever the size of the user's data."""
    calendar = calendar_for(user.timezone, user.country)
    gap = get_profile(user.policy_profile).gap_business_days
    if application_id is None:
        return DraftContext(now=now, calendar=calendar, gap_business_days=gap)
    application = repo.get(Application, application_id)
    people = _people_at(repo, interview)
    person_id = contact.id if contact is not None else None
    messages = _messages_sent(repo, application_id, now)
    thanks = [m for m in messages if m.kind == "thank_you" and m.body]
    peers = [
        Peer(people[m.contact_id][0], m.body, "sent")
        for m in thanks
        if interview is not None
        and m.contact_id in people
        and m.contact_id != person_id
        and m.interview_id in (interview.id, None)
    ]
    own_thanks = [m.body for m in thanks if person_id is None or m.contact_id == person_id]
    actions = [a for a in cache.evaluated(repo, user, now) if a.application_id == application_id]
    own_drafts, drafted_peers = _engine_thank_yous(actions, interview, people, person_id)
    check_opens = [a.earliest_at for a in actions if a.kind == "send_status_check"]
    names = [name for name, _ in people.values()]
    if contact is not None:
        names.append(contact.name)
    return DraftContext(
        now=now,
        person_name=contact.name if contact is not None else None,
        person_notes=people.get(person_id, (None, None))[1] if person_id is not None else None,
        names=tuple(dict.fromkeys(names)),
        peers=tuple(peers + drafted_peers),
        own_drafts=tuple(own_drafts),
        company=application.company,
        other_companies=_other_companies(repo, application_id),
        thank_you_sent=own_thanks[-1] if own_thanks else None,
        last_outbound_at=messages[-1].occurred_at if messages else None,
        check_opens_at=min(check_opens) if check_opens else None,
        calendar=calendar,
        gap_business_days=gap,
    )


def _other_companies(repo: Repo, application_id: int) -> tuple[str, ...]:
    return tuple(
        repo.session.scalars(
            repo.select(Application)
            .with_only_columns(Application.company)
            .where(Application.id != application_id)
            .distinct()
        )
    )


def _people_at(repo: Repo, interview: Interview | None) -> dict[int, tuple[str, str | None]]:
    """Who took part in the interview, with what the user wrote about each: their topics and
    private notes (words from either make a note personal; neither is shown back)."""
    if interview is None:
        return {}
    return {
        contact_id: (name, "\n".join([*(topics or []), notes or ""]).strip() or None)
        for contact_id, name, topics, notes in repo.session.execute(
            repo.select(Contact)
            .with_only_columns(Contact.id, Contact.name, Interviewer.topics, Interviewer.notes)
            .select_from(Contact)
            .join(Interviewer, Interviewer.contact_id == Contact.id)
            .where(Interviewer.interview_id == interview.id)
        )
    }


def _messages_sent(repo: Repo, application_id: int, now: datetime) -> list[Row[Any]]:
    """The application's outbound messages up to now, oldest first."""
    return list(
        repo.session.execute(
            repo.select(Touchpoint)
            .with_only_columns(
                Touchpoint.contact_id,
                Touchpoint.interview_id,
                Touchpoint.kind,
                Touchpoint.occurred_at,
                Touchpoint.body,
            )
            .where(
                Touchpoint.application_id == application_id,
                Touchpoint.direction == "outbound",
                Touchpoint.occurred_at <= now,
            )
            .order_by(Touchpoint.occurred_at, Touchpoint.id)
        )
    )


def _engine_thank_yous(
    actions: list[Action],
    interview: Interview | None,
    people: dict[int, tuple[str, str | None]],
    person_id: int | None,
) -> tuple[list[str], list[Peer]]:
    """The engine's thank-you drafts for this interview: the person's own, and the others'."""
    own: list[str] = []
    peers: list[Peer] = []
    if interview is None:
        return own, peers
    for action in actions:
        if action.kind != "send_thank_you" or action.interview_id != interview.id:
            continue
        if action.draft is None or action.contact_id not in people:
            continue
        if action.contact_id == person_id:
            own.append(action.draft.body)
        else:
            peers.append(Peer(people[action.contact_id][0], action.draft.body, "drafted"))
    return own, peers
