"""The shortcut summary and the calendar feed, parsed back with icalendar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.api.test_next_actions import AFTER_INTERVIEW, actions, interview_with_two_people
from tests.conftest import Account, Clock

V1 = "/api/v1"


def summary(api: TestClient, as_of: str = AFTER_INTERVIEW) -> dict[str, Any]:
    response = api.get(f"{V1}/next-actions/summary", params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return response.json()


def test_summary_names_person_and_company_of_each_due_message(api: TestClient) -> None:
    interview_with_two_people(api)
    result = summary(api)
    items = actions(api)
    assert result["due"] == sum(a["status"] == "due" for a in items)
    assert result["overdue"] == sum(a["status"] == "overdue" for a in items)
    assert result["upcoming"] == sum(a["status"] == "upcoming" for a in items)
    assert result["due"] >= 2
    text = result["text"]
    # Only what is overdue or due within a day counts as today's.
    within_a_day = "2026-11-03T14:00:00Z"
    today = [a for a in items if a["status"] != "upcoming" and a["due_at"] <= within_a_day]
    assert text.startswith(f"{len(today)} follow-ups today: ")
    assert text.endswith(f" {len(items) - len(today)} more coming up later.")
    assert "thank Dana Reyes (Acme Analytics)" in text
    assert "thank Lee Park (Acme Analytics)" in text
    assert [i["key"] for i in result["items"]] == [
        a["key"] for a in items if a["status"] != "upcoming"
    ]


def test_summary_marks_overdue_and_says_when_nothing_is_due(
    api: TestClient, make_account: Callable[..., Account]
) -> None:
    interview_with_two_people(api)
    late = summary(api, "2026-11-20T12:00:00Z")
    if late["overdue"]:
        assert "overdue" in late["text"]
    empty = summary(make_account("lee@example.com").http)
    assert empty == {
        "due": 0,
        "overdue": 0,
        "upcoming": 0,
        "text": "Nothing to follow up on right now.",
        "items": [],
    }


def test_summary_has_an_etag(api: TestClient) -> None:
    interview_with_two_people(api)
    first = api.get(f"{V1}/next-actions/summary", params={"as_of": AFTER_INTERVIEW})
    again = api.get(
        f"{V1}/next-actions/summary",
        params={"as_of": AFTER_INTERVIEW},
        headers={"If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304


def feed(app: Any, url: str) -> tuple[int, Any]:
    path = url.split("://", 1)[1].split("/", 1)[1]
    anonymous = TestClient(app)  # not entered: that would run the app's shutdown
    try:
        response = anonymous.get("/" + path)
    finally:
        anonymous.close()
    return response.status_code, response


def test_feed_serves_one_event_per_open_action(app: Any, api: TestClient, clock: Clock) -> None:
    data = interview_with_two_people(api)
    created = api.post(f"{V1}/calendar-feed")
    assert created.status_code == 201
    url = created.json()["url"]
    assert url.startswith("http://testserver/calendar/")
    assert url.endswith(".ics")
    status, response = feed(app, url)
    assert status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    # Refresh hints in the forms calendar apps read (Outlook reads X-PUBLISHED-TTL).
    assert "X-PUBLISHED-TTL:PT1H" in response.text.replace("\r\n ", "")
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    expected = actions(api, as_of=clock.iso())
    assert set(events) == {f"{a['key']}@followup" for a in expected}
    for action in expected:
        event = events[f"{action['key']}@followup"]
        assert str(event["SUMMARY"]) == action["title"]
        # One short event inside the window (tests/api/test_calendar_slots.py says when).
        start = event.decoded("DTSTART")
        assert datetime.fromisoformat(action["earliest_at"]) <= start
        assert start < datetime.fromisoformat(action["due_at"])
        assert event.decoded("DTEND") - start == timedelta(minutes=30)
        assert action["why"] in str(event["DESCRIPTION"])
        if action["draft"]:
            assert action["draft"]["body"] in str(event["DESCRIPTION"])
        assert len(event.walk("VALARM")) == 1
    # Snoozing one takes it out of the feed.
    key = expected[0]["key"]
    snoozed = api.post(f"{V1}/next-actions/{key}/snooze", json={"until": clock.iso(days=30)})
    assert snoozed.status_code == 200
    _, response = feed(app, url)
    uids = {str(e["UID"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert f"{key}@followup" not in uids
    assert len(uids) == len(expected) - 1
    assert data["application"]["company"] == "Acme Analytics"


def test_revoked_and_rotated_feeds_404(app: Any, api: TestClient) -> None:
    first = api.post(f"{V1}/calendar-feed").json()["url"]
    second = api.post(f"{V1}/calendar-feed").json()["url"]
    assert first != second
    assert feed(app, first)[0] == 404
    assert feed(app, second)[0] == 200
    assert api.get(f"{V1}/calendar-feed").json()["active"] is True
    assert api.delete(f"{V1}/calendar-feed").status_code == 204
    status, response = feed(app, second)
    assert status == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert api.get(f"{V1}/calendar-feed").json() == {"active": False, "created_at": None}
    assert feed(app, "http://x/calendar/fuc_made-up.ics")[0] == 404


def test_another_users_feed_never_shows_your_data(
    app: Any, api: TestClient, make_account: Callable[..., Account]
) -> None:
    interview_with_two_people(api)
    other = make_account("lee@example.com").http
    url = other.post(f"{V1}/calendar-feed").json()["url"]
    status, response = feed(app, url)
    assert status == 200
    assert Calendar.from_ical(response.content).walk("VEVENT") == []
    assert b"Acme" not in response.content
    assert b"Dana" not in response.content


def test_feed_url_uses_the_configured_base(app: Any, api: TestClient) -> None:
    app.state.settings.base_url = "https://followup.example.org"
    try:
        url = api.post(f"{V1}/calendar-feed").json()["url"]
    finally:
        app.state.settings.base_url = None
    assert url.startswith("https://followup.example.org/calendar/")


def test_the_feed_secret_never_reaches_the_logs(
    app: Any, api: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Found in review: the request log wrote the feed URL, which is the credential."""
    interview_with_two_people(api)
    url = api.post(f"{V1}/calendar-feed").json()["url"]
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    with caplog.at_level(logging.INFO, logger="followup.requests"):
        status, _ = feed(app, url)
    assert status == 200
    paths = [getattr(r, "fields", {}).get("path", "") for r in caplog.records]
    assert "/calendar/[secret].ics" in paths
    assert all(secret not in p for p in paths)


def test_a_check_open_now_but_due_in_days_is_not_counted_as_today(api: TestClient) -> None:
    interview_with_two_people(api)
    (check,) = [a for a in actions(api) if a["kind"] == "send_status_check"]
    opened = datetime.fromisoformat(check["earliest_at"]).replace(hour=15).isoformat()
    items = actions(api, opened)
    (open_check,) = [a for a in items if a["kind"] == "send_status_check"]
    assert open_check["status"] == "due"
    assert datetime.fromisoformat(open_check["due_at"]) > datetime.fromisoformat(opened)
    result = summary(api, opened)
    today = len(items) - 1
    assert result["text"].startswith(f"{today} follow-up")
    assert "check in with" not in result["text"]
    assert result["text"].endswith(" 1 more coming up later.")
