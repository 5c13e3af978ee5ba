"""Dates that cannot be true are refused in plain words; 'tomorrow' is the next business day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.api.test_next_actions import interview_with_two_people, thank_yous
from tests.conftest import Clock

V1 = "/api/v1"


def new_application(api: TestClient, **fields: str) -> dict[str, object]:
    response = api.post(
        f"{V1}/applications", json={"company": "Acme", "role_title": "Engineer", **fields}
    )
    return {**response.json(), "http_status": response.status_code}


def test_an_application_dated_years_ahead_is_refused_beside_its_field(
    api: TestClient, clock: Clock
) -> None:
    today = clock.now.date()
    refused = new_application(api, applied_on=(today + timedelta(days=1400)).isoformat())
    assert refused["http_status"] == 422
    assert refused["errors"] == [
        {"loc": ["body", "applied_on"], "msg": "cannot be later than tomorrow"}
    ]
    assert "applied_on cannot be later than tomorrow" in str(refused["detail"])
    # A day ahead is a date typed near midnight or on a journey: fine.
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert new_application(api, applied_on=tomorrow)["http_status"] == 201


def test_a_decision_before_the_application_is_refused(api: TestClient, clock: Clock) -> None:
    today = clock.now.date()
    refused = new_application(
        api,
        status="rejected",
        applied_on=today.isoformat(),
        decided_on=(today - timedelta(days=10)).isoformat(),
    )
    assert refused["http_status"] == 422
    assert refused["errors"] == [
        {"loc": ["body", "decided_on"], "msg": "cannot be before the date you applied"}
    ]
    app = new_application(api, applied_on=(today - timedelta(days=20)).isoformat())
    moved = api.patch(
        f"{V1}/applications/{app['id']}",
        json={"applied_on": (today + timedelta(days=30)).isoformat()},
    )
    assert moved.status_code == 422
    assert (
        api.get(f"{V1}/applications/{app['id']}").json()["applied_on"]
        == (today - timedelta(days=20)).isoformat()
    )


def test_other_changes_to_an_old_odd_application_still_save(api: TestClient, clock: Clock) -> None:
    today = clock.now.date()
    app = new_application(api, applied_on=today.isoformat())
    clock.advance(days=-40)  # seen from the past, the application is dated ahead
    renamed = api.patch(f"{V1}/applications/{app['id']}", json={"notes": "recruiter called"})
    assert renamed.status_code == 200, renamed.text


# 2026-11-02 is a Monday; the user lives in Berlin.
@pytest.mark.parametrize(
    ("present", "country", "expected"),
    [
        ("2026-11-02T14:00:00Z", "DE", "2026-11-03T08:00:00Z"),  # Monday → Tuesday 09:00 CET
        ("2026-11-06T14:00:00Z", "DE", "2026-11-09T08:00:00Z"),  # Friday → Monday
        ("2026-12-24T14:00:00Z", "DE", "2026-12-28T08:00:00Z"),  # Christmas in Germany
        ("2026-12-24T14:00:00Z", None, "2026-12-25T08:00:00Z"),  # no country: weekdays only
    ],
)
def test_snooze_to_the_next_business_day_of_the_users_calendar(
    api: TestClient, clock: Clock, present: str, country: str | None, expected: str
) -> None:
    api.patch(f"{V1}/me", json={"timezone": "Europe/Berlin", "country": country})
    interview_with_two_people(api, starts_at="2026-11-02T10:00:00Z")
    items = api.get(f"{V1}/next-actions", params={"as_of": "2026-11-02T14:00:00Z"}).json()
    key = thank_yous(items["items"])[0]["key"]
    # Weekends and holidays are fixed dates, so this test moves the present to one.
    clock.advance(datetime.fromisoformat(present) - clock.now)
    snoozed = api.post(f"{V1}/next-actions/{key}/snooze", json={"to": "next_business_day"})
    assert snoozed.status_code == 200, snoozed.text
    assert snoozed.json()["until"] == expected


def test_snooze_takes_a_moment_or_a_preset_not_both(api: TestClient, clock: Clock) -> None:
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    key = thank_yous(api.get(f"{V1}/next-actions").json()["items"])[0]["key"]
    both = {"until": clock.iso(days=1), "to": "next_business_day"}
    assert api.post(f"{V1}/next-actions/{key}/snooze", json=both).status_code == 422
    assert api.post(f"{V1}/next-actions/{key}/snooze", json={}).status_code == 422


def test_the_days_used_above_are_what_they_say() -> None:
    assert date(2026, 11, 2).weekday() == 0
    assert date(2026, 11, 6).weekday() == 4


def test_an_import_keeps_the_same_rules_and_imports_nothing_when_a_row_breaks_them(
    api: TestClient, clock: Clock
) -> None:
    today = clock.now.date()
    typo = (today + timedelta(days=1400)).isoformat()
    csv = f"company,role_title,applied_on\nFine Co,Analyst,{today}\n\nTypo Co,Analyst,{typo}\n"
    refused = api.post(f"{V1}/import", content=csv, headers={"Content-Type": "text/csv"})
    assert refused.status_code == 422
    # Line 4: the blank line is counted, as a spreadsheet shows it.
    assert refused.json()["errors"] == [
        {"row": 4, "field": "applied_on", "msg": "cannot be later than tomorrow"}
    ]
    document = api.get(f"{V1}/export").json()
    document["applications"] = [
        {
            "id": 1,
            "company": "Early Co",
            "role_title": "Analyst",
            "status": "rejected",
            "applied_on": today.isoformat(),
            "decided_on": (today - timedelta(days=30)).isoformat(),
        }
    ]
    refused = api.post(f"{V1}/import", json=document)
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "row": 1,
            "field": "applications.decided_on",
            "msg": "cannot be before the date you applied",
            "loc": ["applications", 0, "decided_on"],
        }
    ]
    assert api.get(f"{V1}/applications").json()["items"] == []


def test_moving_back_out_of_a_decision_or_an_offer_takes_its_date_with_it(
    api: TestClient, clock: Clock
) -> None:
    today = clock.now.date().isoformat()
    app = new_application(api, applied_on=today)
    path = f"{V1}/applications/{app['id']}"

    def moved(status: str) -> dict[str, object]:
        response = api.patch(path, json={"status": status})
        assert response.status_code == 200, response.text
        return response.json()

    assert moved("offer")["offered_on"] == today
    assert moved("rejected")["decided_on"] == today
    back = moved("offer")  # dragged back on the board: no longer decided
    assert (back["decided_on"], back["offered_on"]) == (None, today)
    assert moved("applied")["offered_on"] is None
    # A date given with the move is the user's, and stays.
    kept = api.patch(path, json={"status": "interviewing", "offered_on": today})
    assert kept.json()["offered_on"] == today
