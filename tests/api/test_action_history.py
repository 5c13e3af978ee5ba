"""GET /next-actions?state=…: the history of done, snoozed and dismissed actions, and reopen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_next_actions import interview_with_two_people, thank_yous
from tests.conftest import Account, Clock

V1 = "/api/v1"


def history(api: TestClient, state: str, **params: Any) -> dict[str, Any]:
    response = api.get(f"{V1}/next-actions", params={"state": state, **params})
    assert response.status_code == 200, response.text
    return response.json()


def open_keys(api: TestClient) -> list[str]:
    return [a["key"] for a in api.get(f"{V1}/next-actions").json()["items"]]


def two_thank_you_keys(api: TestClient, clock: Clock) -> tuple[str, str]:
    interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    first, second = (a["key"] for a in thank_yous(api.get(f"{V1}/next-actions").json()["items"]))
    return first, second


def test_each_state_lists_its_actions_newest_first_with_when_and_what(
    api: TestClient, clock: Clock
) -> None:
    dana, lee = two_thank_you_keys(api, clock)
    assert api.post(f"{V1}/next-actions/{dana}/dismiss").status_code == 200
    clock.advance(minutes=5)
    assert api.post(f"{V1}/next-actions/{lee}/dismiss").status_code == 200

    dismissed = history(api, "dismissed")
    assert dismissed["state"] == "dismissed"
    assert [r["key"] for r in dismissed["items"]] == [lee, dana]
    newest = dismissed["items"][0]
    assert newest["title"] == "Thank Lee Park for the interview"
    assert newest["company"] == "Acme Analytics"
    assert newest["acted_at"] == clock.iso()
    assert newest["still_suggested"] is True
    assert (newest["until"], newest["touchpoint_id"]) == (None, None)
    assert history(api, "done")["items"] == []
    assert history(api, "snoozed")["items"] == []


def test_without_state_the_answer_stays_the_open_actions(api: TestClient, clock: Clock) -> None:
    dana, _ = two_thank_you_keys(api, clock)
    api.post(f"{V1}/next-actions/{dana}/dismiss")
    body = api.get(f"{V1}/next-actions").json()
    assert set(body) == {"as_of", "items", "next_cursor"}
    assert dana not in [a["key"] for a in body["items"]]
    assert all("status" in a for a in body["items"])


def test_a_dismissed_action_found_a_day_later_is_reopened(api: TestClient, clock: Clock) -> None:
    dana, _ = two_thank_you_keys(api, clock)
    api.post(f"{V1}/next-actions/{dana}/dismiss")
    clock.advance(hours=24)
    (record,) = history(api, "dismissed")["items"]
    assert record["key"] == dana
    assert api.post(f"{V1}/next-actions/{record['key']}/reopen").json()["state"] is None
    assert history(api, "dismissed")["items"] == []
    assert dana in open_keys(api)


def test_done_names_the_message_it_logged_and_reopen_removes_it(
    api: TestClient, clock: Clock
) -> None:
    dana, _ = two_thank_you_keys(api, clock)
    done = api.post(f"{V1}/next-actions/{dana}/done").json()
    (record,) = history(api, "done")["items"]
    assert record["touchpoint_id"] == done["touchpoint_id"]
    assert record["state"] == "done"
    api.post(f"{V1}/next-actions/{dana}/reopen")
    assert api.get(f"{V1}/touchpoints/{done['touchpoint_id']}").status_code == 404


def test_snoozed_lists_only_snoozes_still_hiding_an_action(api: TestClient, clock: Clock) -> None:
    dana, _ = two_thank_you_keys(api, clock)
    api.post(f"{V1}/next-actions/{dana}/snooze", json={"until": clock.iso(hours=3)})
    (record,) = history(api, "snoozed")["items"]
    assert record["until"] == clock.iso(hours=3)
    assert history(api, "snoozed", as_of=clock.iso(hours=3))["items"] == []


def test_an_action_the_data_no_longer_produces_is_listed_and_can_be_cleared(
    api: TestClient, clock: Clock
) -> None:
    data = interview_with_two_people(api, starts_at=clock.iso(hours=-4))
    dana = next(
        a["key"]
        for a in thank_yous(api.get(f"{V1}/next-actions").json()["items"])
        if a["contact_id"] == data["dana"]["id"]
    )
    api.post(f"{V1}/next-actions/{dana}/dismiss")
    assert api.delete(f"{V1}/contacts/{data['dana']['id']}").status_code == 204
    (record,) = history(api, "dismissed")["items"]
    assert record["still_suggested"] is False
    assert record["title"] == "A follow-up for Acme Analytics"
    assert api.post(f"{V1}/next-actions/{dana}/reopen").status_code == 200
    assert history(api, "dismissed")["items"] == []


def test_history_pages_and_filters_by_application(api: TestClient, clock: Clock) -> None:
    dana, lee = two_thank_you_keys(api, clock)
    for key in (dana, lee):
        api.post(f"{V1}/next-actions/{key}/dismiss")
        clock.advance(minutes=1)
    first = history(api, "dismissed", limit=1)
    assert [r["key"] for r in first["items"]] == [lee]
    second = history(api, "dismissed", limit=1, cursor=first["next_cursor"])
    assert [r["key"] for r in second["items"]] == [dana]
    assert second["next_cursor"] is None
    other = api.post(f"{V1}/applications", json={"company": "Globex", "role_title": "Analyst"})
    assert history(api, "dismissed", application_id=other.json()["id"])["items"] == []
    assert api.get(f"{V1}/next-actions", params={"state": "open"}).status_code == 422


def test_another_users_history_is_invisible(
    api: TestClient, clock: Clock, make_account: Callable[..., Account]
) -> None:
    dana, _ = two_thank_you_keys(api, clock)
    api.post(f"{V1}/next-actions/{dana}/dismiss")
    intruder = make_account("mallory@example.com").http
    assert intruder.get(f"{V1}/next-actions", params={"state": "dismissed"}).json()["items"] == []
