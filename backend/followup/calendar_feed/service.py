"""Calendar feeds: mint, rotate and revoke the secret URL, and render the open actions as iCal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from followup.errors import NotFound
from followup.models import CalendarFeed, User
from followup.next_actions.cache import FactsCache
from followup.next_actions.service import open_actions
from followup.policy import Action
from followup.repository import Repo
from followup.security import digest, new_secret

SECRET_PREFIX = "fuc"
PRODID = "-//Followup//Next actions//EN"


def create(repo: Repo, *, now: datetime) -> tuple[str, CalendarFeed]:
    """A new secret for the feed; an existing one is replaced and its old URL stops working."""
    revoke(repo)
    secret = new_secret(SECRET_PREFIX)
    feed = CalendarFeed(secret_hash=digest(secret), created_at=now)
    repo.add(feed)
    return secret, feed


def current(repo: Repo) -> CalendarFeed | None:
    return repo.session.scalars(repo.select(CalendarFeed)).one_or_none()


def revoke(repo: Repo) -> None:
    feed = current(repo)
    if feed is not None:
        repo.session.delete(feed)
        repo.session.flush()  # before a new feed is added: one feed per user


def owner(session: Session, *, secret: str) -> User:
    """The user whose feed this secret opens; NotFound for an unknown or revoked secret."""
    user = session.scalars(
        select(User)
        .join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.secret_hash == digest(secret))
    ).one_or_none()
    if user is None:
        raise NotFound("No calendar feed at this address; it may have been revoked.")
    return user


#: Events are written this many at a time, each batch a short turn in a worker thread.
CHUNK = 100


def feed_actions(session: Session, *, user: User, now: datetime, cache: FactsCache) -> list[Action]:
    """The actions the feed shows: those open now (snoozed ones are not)."""
    return open_actions(
        Repo(session=session, user_id=user.id), user, as_of=now, application_id=None, cache=cache
    )


def render(actions: list[Action], *, now: datetime) -> Iterator[bytes]:
    """The iCalendar document, streamed: its header, CHUNK events at a time, its end."""
    header = _calendar().to_ical()
    end = b"END:VCALENDAR\r\n"
    yield header.removesuffix(end)
    for start in range(0, len(actions), CHUNK):
        yield b"".join(_event(a, now=now).to_ical() for a in actions[start : start + CHUNK])
    yield end


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Followup")
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    # An X- property is written as text, so the duration is spelled out as RFC 5545 wants it.
    calendar.add("x-published-ttl", "PT1H")
    return calendar


def uid_for(action: Action) -> str:
    """Stable across refreshes: the key names the action's anchor (ids are global)."""
    return f"{action.key}@followup"


def _event(action: Action, *, now: datetime) -> Event:
    event = Event()
    event.add("uid", uid_for(action))
    event.add("dtstamp", now)
    event.add("summary", action.title)
    description = action.why
    if action.draft is not None:
        description += f"\n\nDraft\nSubject: {action.draft.subject}\n\n{action.draft.body}"
    event.add("description", description)
    event.add("dtstart", action.earliest_at)
    event.add("dtend", action.due_at)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not block time
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", action.title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
