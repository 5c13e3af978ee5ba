"""GET /insights on hand-built data with answers worked out by hand, on both databases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_resources import create
from tests.conftest import Account, Clock

V1 = "/api/v1"


class Days:
    """The hand-built histories are dated in days before the tests' present (users in UTC)."""

    def __init__(self, clock: Clock) -> None:
        self.today = clock.now.date()

    def day(self, offset: int) -> str:
        """The date `offset` days from today (negative: in the past), as YYYY-MM-DD."""
        return (self.today + timedelta(days=offset)).isoformat()

    def at(self, offset: int, hh_mm: str) -> str:
        """That day at a UTC time of day, as the API takes datetimes."""
        day = self.today + timedelta(days=offset)
        return datetime.combine(day, time.fromisoformat(hh_mm)).isoformat() + "Z"


@pytest.fixture
def days(clock: Clock) -> Days:
    return Days(clock)


def insights(api: TestClient, **params: str) -> dict[str, Any]:
    response = api.get(f"{V1}/insights", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def message(api: TestClient, app: dict[str, Any], kind: str, when: str, **extra: Any) -> None:
    direction = "inbound" if kind == "reply" else "outbound"
    create(
        api,
        "touchpoints",
        application_id=app["id"],
        kind=kind,
        direction=direction,
        occurred_at=when,
        **extra,
    )


def history(api: TestClient, days: Days) -> dict[str, dict[str, Any]]:
    """Three months, four applications (see the expected figures in the tests)."""
    acme = create(
        api,
        "applications",
        company="Acme",
        role_title="Engineer",
        applied_on=days.day(-86),
        status="hired",
        decided_on=days.day(-56),
    )
    create(api, "interviews", application_id=acme["id"], starts_at=days.at(-79, "15:00"))
    message(api, acme, "thank_you", days.at(-79, "20:00"), channel="email")  # same day
    message(api, acme, "reply", days.at(-77, "10:00"))  # answers it
    message(api, acme, "status_check", days.at(-71, "10:00"), channel="email")  # 8 days
    message(api, acme, "reply", days.at(-65, "09:00"))  # answers it

    globex = create(
        api,
        "applications",
        company="Globex",
        role_title="Analyst",
        applied_on=days.day(-59),
        status="rejected",
        decided_on=days.day(-29),
    )
    create(api, "interviews", application_id=globex["id"], starts_at=days.at(-50, "14:00"))
    message(api, globex, "thank_you", days.at(-48, "12:00"), channel="card")  # 2 days
    message(api, globex, "status_check", days.at(-40, "12:00"), channel="email")  # 10 days
    message(api, globex, "reply", days.at(-22, "12:00"))  # 18 days later: answers neither

    initech = create(
        api, "applications", company="Initech", role_title="Developer", applied_on=days.day(-31)
    )
    create(api, "interviews", application_id=initech["id"], starts_at=days.at(-12, "15:00"))
    message(api, initech, "thank_you", days.at(-11, "09:00"), channel="linkedin")  # 1 day

    umbrella = create(
        api, "applications", company="Umbrella", role_title="Chemist", applied_on=days.day(-17)
    )
    return {"acme": acme, "globex": globex, "initech": initech, "umbrella": umbrella}


def rate(answered: int, sent: int, value: float | None, **key: str) -> dict[str, Any]:
    return {**key, "answered": answered, "sent": sent, "rate": value}


def test_zero_data_gives_zeros_and_nulls(api: TestClient) -> None:
    body = insights(api)
    assert (body["from"], body["to"], body["timezone"]) == (None, None, "UTC")
    rates = body["response_rates"]
    assert rates["overall"] == rate(0, 0, None)
    assert rates["by_kind"] == rates["by_channel"] == []
    assert [b["bucket"] for b in rates["by_delay"]] == [
        "same_day",
        "1_day",
        "2_3_days",
        "4_7_days",
        "8_14_days",
        "later",
    ]
    assert all(b["sent"] == 0 and b["rate"] is None for b in rates["by_delay"])
    assert body["timing"] == {
        "interview_to_first_reply": {"median_days": None, "count": 0},
        "application_to_decision": {"median_days": None, "count": 0},
    }
    outcomes = body["outcomes"]
    assert outcomes["applications"] == outcomes["interviewed"] == 0
    assert set(outcomes["by_status"].values()) == {0}
    assert outcomes["offer_rate"] == {"numerator": 0, "denominator": 0, "rate": None}
    assert body["follow_ups"] == []
    assert body["pipeline"] == {"waiting": 0, "median_days_waiting": None, "items": []}


def test_one_data_point(api: TestClient, days: Days) -> None:
    app = create(
        api, "applications", company="Acme", role_title="Engineer", applied_on=days.day(-2)
    )
    create(api, "interviews", application_id=app["id"], starts_at=days.at(-2, "14:00"))
    message(api, app, "thank_you", days.at(-2, "18:00"), channel="email")
    body = insights(api)
    rates = body["response_rates"]
    assert rates["overall"] == rate(0, 1, 0.0)
    assert rates["by_kind"] == [rate(0, 1, 0.0, key="thank_you")]
    assert rates["by_delay"][0] == rate(0, 1, 0.0, bucket="same_day", label="same day")
    assert body["outcomes"]["interviewed"] == 1
    assert body["outcomes"]["hire_rate"] == {"numerator": 0, "denominator": 1, "rate": 0.0}
    assert body["pipeline"]["items"] == [
        {
            "application_id": app["id"],
            "company": "Acme",
            "role_title": "Engineer",
            "status": "interviewing",
            "waiting_since": days.day(-2),
            "days_waiting": 2,
        }
    ]


def test_a_few_months_of_history(api: TestClient, days: Days) -> None:
    apps = history(api, days)
    body = insights(api)
    rates = body["response_rates"]
    assert rates["window_days"] == 14
    assert rates["overall"] == rate(2, 5, 0.4)
    assert rates["by_kind"] == [
        rate(1, 3, 0.333, key="thank_you"),
        rate(1, 2, 0.5, key="status_check"),
    ]
    assert rates["by_channel"] == [
        rate(2, 3, 0.667, key="email"),
        rate(0, 1, 0.0, key="card"),
        rate(0, 1, 0.0, key="linkedin"),
    ]
    assert [(b["bucket"], b["answered"], b["sent"], b["rate"]) for b in rates["by_delay"]] == [
        ("same_day", 1, 1, 1.0),
        ("1_day", 0, 1, 0.0),
        ("2_3_days", 0, 1, 0.0),
        ("4_7_days", 0, 0, None),
        ("8_14_days", 1, 2, 0.5),
        ("later", 0, 0, None),
    ]
    assert body["timing"] == {
        "interview_to_first_reply": {"median_days": 15.0, "count": 2},  # 2 and 28 days
        "application_to_decision": {"median_days": 30.0, "count": 2},
    }
    outcomes = body["outcomes"]
    assert outcomes["applications"] == 4
    assert {k: v for k, v in outcomes["by_status"].items() if v} == {
        "applied": 1,
        "interviewing": 1,
        "hired": 1,
        "rejected": 1,
    }
    assert outcomes["interviewed"] == 3
    assert outcomes["offer_rate"] == {"numerator": 1, "denominator": 3, "rate": 0.333}
    assert outcomes["hire_rate"] == {"numerator": 1, "denominator": 3, "rate": 0.333}
    pipeline = body["pipeline"]
    assert [(i["company"], i["waiting_since"], i["days_waiting"]) for i in pipeline["items"]] == [
        ("Umbrella", days.day(-17), 17),
        ("Initech", days.day(-11), 11),
    ]
    assert (pipeline["waiting"], pipeline["median_days_waiting"]) == (2, 14.0)
    assert apps["initech"]["id"] == pipeline["items"][1]["application_id"]


def test_each_measure_is_filtered_on_its_own_date(api: TestClient, days: Days) -> None:
    history(api, days)
    body = insights(api, **{"from": days.day(-59), "to": days.day(-32)})
    assert (body["from"], body["to"]) == (days.day(-59), days.day(-32))
    # Globex's two messages were sent in February; the March reply came too late for both.
    assert body["response_rates"]["overall"] == rate(0, 2, 0.0)
    assert body["timing"] == {
        "interview_to_first_reply": {"median_days": 28.0, "count": 1},
        "application_to_decision": {"median_days": 30.0, "count": 1},
    }
    assert body["outcomes"]["applications"] == 1
    assert body["outcomes"]["by_status"]["rejected"] == 1
    # The pipeline is about now, whatever the period.
    assert body["pipeline"]["waiting"] == 2


def test_follow_ups_on_time_late_and_not_at_all(api: TestClient, clock: Clock, days: Days) -> None:
    history(api, days)
    open_now = api.get(f"{V1}/next-actions").json()["items"]
    overdue = [a for a in open_now if a["status"] == "overdue"]
    assert overdue, "the history leaves overdue actions"
    late, dismissed = overdue[0], overdue[-1]
    assert late["key"] != dismissed["key"]
    done = api.post(
        f"{V1}/next-actions/{late['key']}/done", json={"occurred_at": clock.iso(hours=-2)}
    )
    assert done.status_code == 200, done.text
    assert api.post(f"{V1}/next-actions/{dismissed['key']}/dismiss").status_code == 200
    expected: Counter[tuple[str, str]] = Counter()
    expected[(late["kind"], "late")] += 1
    for action in overdue[1:]:
        expected[(action["kind"], "not_at_all")] += 1  # dismissed, or still open and overdue
    body = insights(api)
    got: Counter[tuple[str, str]] = Counter()
    for row in body["follow_ups"]:
        for field in ("on_time", "late", "not_at_all"):
            got[(row["kind"], field)] += row[field]
    assert +got == +expected


def test_a_thank_you_done_within_its_window_is_on_time(api: TestClient, clock: Clock) -> None:
    app = create(api, "applications", company="Acme", role_title="Engineer")
    dana = create(
        api, "contacts", application_id=app["id"], name="Dana Reyes", email="d@a.example.com"
    )
    create(
        api,
        "interviews",
        application_id=app["id"],
        starts_at=clock.iso(hours=-4),
        interviewers=[{"contact_id": dana["id"], "notes": "billing"}],
    )
    items = api.get(f"{V1}/next-actions").json()["items"]
    thank = next(a for a in items if a["kind"] == "send_thank_you")
    response = api.post(
        f"{V1}/next-actions/{thank['key']}/done", json={"occurred_at": clock.iso(hours=-1)}
    )
    assert response.status_code == 200, response.text
    rows = {r["kind"]: r for r in insights(api)["follow_ups"]}
    assert rows["send_thank_you"] == {
        "kind": "send_thank_you",
        "on_time": 1,
        "late": 0,
        "not_at_all": 0,
    }


def test_another_users_data_is_never_counted(
    api: TestClient, make_account: Callable[..., Account], days: Days
) -> None:
    other = make_account("lee@example.com")
    history(other.http, days)
    body = insights(api)
    assert body["response_rates"]["overall"]["sent"] == 0
    assert body["outcomes"]["applications"] == 0
    assert body["pipeline"]["waiting"] == 0
    assert insights(other.http)["outcomes"]["applications"] == 4


def test_dates_in_the_users_time_zone(make_account: Callable[..., Account], days: Days) -> None:
    account = make_account("tokyo@example.com", timezone="Asia/Tokyo")
    app = create(account.http, "applications", company="Acme", role_title="Engineer")
    # 23:30 UTC on 31 January is already 1 February in Tokyo.
    message(account.http, app, "thank_you", days.at(-60, "23:30"), channel="email")
    january = insights(account.http, **{"from": days.day(-90), "to": days.day(-60)})
    february = insights(account.http, **{"from": days.day(-59), "to": days.day(-59)})
    assert january["response_rates"]["overall"]["sent"] == 0
    assert february["response_rates"]["overall"]["sent"] == 1
    assert february["timezone"] == "Asia/Tokyo"


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-13-01"},
        {"to": "yesterday"},
        {"from": "2026-03-02", "to": "2026-03-01"},
    ],
)
def test_bad_dates_are_422(api: TestClient, params: dict[str, str]) -> None:
    response = api.get(f"{V1}/insights", params=params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"]
