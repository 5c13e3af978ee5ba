"""Calendar feeds: mint, rotate and revoke the secret URL, and render the open actions as iCal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import orjson
from icalendar import Alarm, Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from followup.errors import NotFound
from followup.http import etag_for
from followup.models import CalendarFeed, User
from followup.next_actions.cache import FactsCache
from followup.next_actions.service import open_actions
from followup.policy import Action, BusinessCalendar, calendar_for, iso_utc
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


#: Each action is a short event on the day to do it, not a bar across its whole window.
EVENT_LENGTH = timedelta(minutes=30)
#: A start later than this (local) moves to the next morning, unless the window closes first.
EVENING = time(18, 0)


@dataclass(frozen=True, slots=True)
class Slot:
    """When the feed shows one action: a short event on the day it should be done."""

    action: Action
    start: datetime
    end: datetime
    window: str


def slots(actions: list[Action], *, now: datetime, user: User) -> list[Slot]:
    """Each action's event, in the user's time zone and business calendar."""
    calendar = calendar_for(user.timezone, user.country)
    return [_slot(action, now=now, calendar=calendar) for action in actions]


def _slot(action: Action, *, now: datetime, calendar: BusinessCalendar) -> Slot:
    """Due or overdue: today; upcoming: the day it opens; at 09:00 local, or when the window
    opens if later. An evening start moves to the next morning while the window is still open."""
    opened = now >= action.earliest_at
    day = calendar.local_date(now) if opened else calendar.local_date(action.earliest_at)
    start = calendar.morning(day)
    if action.earliest_at > start:
        start = _quarter_hour_after(action.earliest_at)
    if calendar.local_time(start).time() >= EVENING:
        tomorrow = calendar.morning(calendar.local_date(start) + timedelta(days=1))
        if tomorrow < action.due_at:
            start = tomorrow
    return Slot(action, start, start + EVENT_LENGTH, _window(action, calendar))


def _quarter_hour_after(moment: datetime) -> datetime:
    spare = timedelta(minutes=moment.minute % 15, seconds=moment.second)
    rounded = moment.replace(microsecond=0) - spare
    return rounded if rounded == moment else rounded + timedelta(minutes=15)


def _window(action: Action, calendar: BusinessCalendar) -> str:
    def spoken(moment: datetime) -> str:
        local = calendar.local_time(moment)
        return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"

    opens, closes = spoken(action.earliest_at), spoken(action.due_at)
    return f"Window: from {opens} to {closes} ({calendar.timezone})."


def etag(shown: list[Slot]) -> str:
    """Over what the events say (not DTSTAMP, which is the fetch's time), so a calendar that
    polls an unchanged feed gets a 304."""
    signature = [
        (
            s.action.key,
            iso_utc(s.start),
            s.action.title,
            _description(s),
        )
        for s in shown
    ]
    return etag_for(orjson.dumps(signature))


def render(shown: list[Slot], *, now: datetime) -> Iterator[bytes]:
    """The iCalendar document, streamed: its header, CHUNK events at a time, its end."""
    header = _calendar().to_ical()
    end = b"END:VCALENDAR\r\n"
    yield header.removesuffix(end)
    for first in range(0, len(shown), CHUNK):
        yield b"".join(_event(s, now=now).to_ical() for s in shown[first : first + CHUNK])
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


def _description(slot: Slot) -> str:
    action = slot.action
    description = f"{action.why}\n\n{slot.window}"
    if action.draft is not None:
        description += f"\n\nDraft\nSubject: {action.draft.subject}\n\n{action.draft.body}"
    return description


def _event(slot: Slot, *, now: datetime) -> Event:
    action = slot.action
    event = Event()
    event.add("uid", uid_for(action))
    event.add("dtstamp", now)
    event.add("summary", action.title)
    event.add("description", _description(slot))
    event.add("dtstart", slot.start)
    event.add("dtend", slot.end)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not block time
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", action.title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
