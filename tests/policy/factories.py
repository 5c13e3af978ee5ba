"""Small builders for policy facts, so scenario rows stay short and readable."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from followup.policy import (
    ApplicationFacts,
    ContactFacts,
    Facts,
    InterviewerFacts,
    InterviewFacts,
    TouchpointFacts,
    UserFacts,
)

NY_USER = UserFacts(
    "Ana Silva", "ana@example.com", "Ana Silva\n+1 555 0199", "America/New_York", "US"
)
LA_USER = replace(NY_USER, timezone="America/Los_Angeles")

DANA = ContactFacts(
    1, "Dana Reyes", "Engineering Manager", "dana@example.com", None, "hiring_manager"
)
SAM = ContactFacts(
    2, "Sam Okafor", "Staff Engineer", "sam@example.com", "+1 555 0100", "interviewer"
)
LEE = ContactFacts(3, "Lee Chen", "Recruiter", "lee@example.com", None, "recruiter")
KIM = ContactFacts(4, "Kim Park", "Director", "kim@example.com", None, "supervisor")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# Round 1: Monday 2026-11-16, 14:00-15:00 in New York (19:00-20:00 UTC), by video.
ROUND1 = InterviewFacts(
    id=10,
    starts_at=utc(2026, 11, 16, 19),
    ends_at=utc(2026, 11, 16, 20),
    format="video",
    round=1,
    arranged_by_id=3,
    interviewers=(
        InterviewerFacts(
            1,
            notes="Private: she leaned in hard on cloud costs",
            topics=("the billing migration",),
            concerns="whether I have carried a pager before",
        ),
        InterviewerFacts(2, topics=("Kafka consumer lag in the ingestion pipeline",)),
    ),
    notes="went well",
)
# Round 2: Monday 2026-11-23, 14:00-15:00 New York, on site, Sam and Kim.
ROUND2 = InterviewFacts(
    id=11,
    starts_at=utc(2026, 11, 23, 19),
    ends_at=utc(2026, 11, 23, 20),
    format="onsite",
    round=2,
    arranged_by_id=3,
    interviewers=(
        InterviewerFacts(2, topics=("the system design whiteboard",)),
        InterviewerFacts(4),
    ),
    notes="long day",
)


def app(**changes: Any) -> ApplicationFacts:
    base = ApplicationFacts(
        id=1,
        company="Acme Analytics",
        role_title="Data Engineer",
        status="interviewing",
        applied_on=date(2026, 10, 20),
        workplace="tech",
        contacts=(DANA, SAM, LEE, KIM),
        interviews=(ROUND1,),
    )
    return replace(base, **changes)


def touch(
    tid: int,
    kind: str,
    at: datetime,
    *,
    contact: int | None = 1,
    interview: int | None = None,
    direction: str = "outbound",
    channel: str = "email",
) -> TouchpointFacts:
    return TouchpointFacts(tid, contact, interview, kind, channel, direction, at)


AFTER_THANKS_AT = utc(2026, 11, 17, 15)


def thanked_all(at: datetime | None = None) -> tuple[TouchpointFacts, ...]:
    """Thank-yous (without interview) to Dana, Sam and Lee, Tuesday 2026-11-17 10:00 NY."""
    when = at or AFTER_THANKS_AT
    return tuple(touch(100 + c, "thank_you", when, contact=c) for c in (1, 2, 3))


def facts(*apps: ApplicationFacts, user: UserFacts = NY_USER, states: Any = None) -> Facts:
    return Facts(user, tuple(apps), states or {})


def days(n: float) -> timedelta:
    return timedelta(days=n)


#: Thank-yous on 17 Nov, then status checks on Monday 23 and Monday 30 November (10:00 NY).
CHECKS_TWO = (
    *thanked_all(),
    touch(200, "status_check", utc(2026, 11, 23, 15)),
    touch(201, "status_check", utc(2026, 11, 30, 15)),
)
