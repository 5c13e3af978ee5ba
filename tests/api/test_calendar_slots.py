"""The calendar feed: each action one short event on the day to do it, with its window; ETag."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.api.test_next_actions import interview_with_two_people
from tests.api.test_summary_and_feed import feed
from tests.conftest import Clock

V1 = "/api/v1"


def events(app: Any, url: str) -> dict[str, Any]:
    status, response = feed(app, url)
    assert status == 200
    return {
        str(e["UID"]).removesuffix("@followup"): e
        for e in Calendar.from_ical(response.content).walk("VEVENT")
    }


def thank_you_events(found: dict[str, Any]) -> list[Any]:
    return [e for key, e in found.items() if key.startswith("thank_you.")]


def start_and_end(event: Any) -> tuple[datetime, datetime]:
    return event.decoded("DTSTART"), event.decoded("DTEND")


def test_a_due_thank_you_is_a_half_hour_when_its_window_opens_today(
    app: Any, api: TestClient, clock: Clock
) -> None:
    api.patch(f"{V1}/me", json={"timezone": "Europe/Berlin"})
    # An afternoon in Berlin, on the present's own day when it can be, whatever --present says.
    berlin = clock.now.astimezone(ZoneInfo("Europe/Berlin"))
    afternoon = berlin.replace(hour=15, minute=0, second=0, microsecond=0)
    if afternoon < clock.now:  # the present is later in the day: tomorrow's afternoon
        afternoon = (berlin + timedelta(days=1)).replace(hour=15, minute=0, second=0, microsecond=0)
    clock.advance(afternoon - clock.now)
    ended = clock.now - timedelta(hours=2, minutes=50)
    interview_with_two_people(api, starts_at=(ended - timedelta(hours=1)).isoformat())
    url = api.post(f"{V1}/calendar-feed").json()["url"]
    for event in thank_you_events(events(app, url)):
        start, end = start_and_end(event)
        opened = ended + timedelta(hours=2)  # the thank-you opens 2 hours after the end
        assert start == opened + timedelta(minutes=(15 - opened.minute % 15) % 15)
        assert end - start == timedelta(minutes=30)
        description = str(event["DESCRIPTION"])
        assert "Window: from " in description
        assert "(Europe/Berlin)" in description


def test_an_overdue_action_sits_on_today_at_nine_local(
    app: Any, api: TestClient, clock: Clock
) -> None:
    api.patch(f"{V1}/me", json={"timezone": "Europe/Berlin"})
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    url = api.post(f"{V1}/calendar-feed").json()["url"]
    clock.advance(days=3)  # every thank-you is overdue now
    berlin = clock.now.astimezone(ZoneInfo("Europe/Berlin"))
    berlin_nine = berlin.replace(hour=9, minute=0, second=0, microsecond=0)
    for event in thank_you_events(events(app, url)):
        start, _ = start_and_end(event)
        assert start == berlin_nine


def test_an_evening_window_waits_for_the_next_morning(
    app: Any, api: TestClient, clock: Clock
) -> None:
    # In UTC, an interview that ends at 19:00 opens its thank-yous at 21:00.
    local_now = clock.now
    ends = local_now.replace(hour=19, minute=0, second=0, microsecond=0)
    if ends > local_now:
        ends -= timedelta(days=1)
    interview_with_two_people(api, starts_at=(ends - timedelta(hours=1)).isoformat())
    url = api.post(f"{V1}/calendar-feed").json()["url"]
    for event in thank_you_events(events(app, url)):
        start, _ = start_and_end(event)
        assert start.hour == 9
        assert start.date() == (ends + timedelta(days=1)).date()


def test_the_feed_has_an_etag_that_answers_304_while_nothing_changes(
    app: Any, api: TestClient, clock: Clock
) -> None:
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    url = api.post(f"{V1}/calendar-feed").json()["url"]
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    anonymous = TestClient(app)
    try:
        first = anonymous.get(path)
        etag = first.headers["etag"]
        clock.advance(minutes=5)  # DTSTAMP moves; what the events say does not
        assert anonymous.get(path, headers={"If-None-Match": etag}).status_code == 304
        key = next(iter(events(app, url)))
        api.post(f"{V1}/next-actions/{key}/dismiss")
        changed = anonymous.get(path, headers={"If-None-Match": etag})
        assert changed.status_code == 200
        assert changed.headers["etag"] != etag
    finally:
        anonymous.close()
