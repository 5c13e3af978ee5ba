"""What holds in one process holds in four: requests raced at `followup serve --workers 4`.

Each race is run ten times on each database. The server runs on the real clock, so the data
is dated in the past (an interview in 2020 still has its thank-you open, just overdue).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.live.conftest import LiveUser, race

pytestmark = [pytest.mark.live, pytest.mark.xdist_group("four-workers")]
ROUNDS = 10
LONG_AGO = "2020-01-06T10:00:00Z"


@pytest.mark.parametrize(
    ("collection", "field"), [("applications", "notes"), ("contacts", "title")]
)
def test_of_ten_patches_with_one_if_match_exactly_one_wins(
    four_workers: str, collection: str, field: str
) -> None:
    user = LiveUser(four_workers)
    application = user.create("applications", company="Acme", role_title="Engineer")
    target = (
        application
        if collection == "applications"
        else user.create("contacts", application_id=application["id"], name="Dana Reyes")
    )
    url = f"/{collection}/{target['id']}"
    for round_ in range(ROUNDS):
        with user.client() as http:
            etag = http.get(url).headers["etag"]

        def patch(http: httpx.Client, index: int, etag: str = etag, round_: int = round_) -> Any:
            return http.patch(url, json={field: f"r{round_}-{index}"}, headers={"If-Match": etag})

        answers = race(10, patch, user)
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [200] + [412] * 9, f"round {round_}: {statuses}"
        winner = next(a for a in answers if a.status_code == 200).json()[field]
        with user.client() as http:
            assert http.get(url).json()[field] == winner


def test_of_ten_deletes_with_one_if_match_exactly_one_deletes(four_workers: str) -> None:
    user = LiveUser(four_workers)
    for round_ in range(ROUNDS):
        application = user.create("applications", company=f"Acme {round_}", role_title="Dev")
        url = f"/applications/{application['id']}"
        with user.client() as http:
            etag = http.get(url).headers["etag"]

        def delete(http: httpx.Client, _: int, url: str = url, etag: str = etag) -> int:
            return http.delete(url, headers={"If-Match": etag}).status_code

        statuses = sorted(race(10, delete, user))
        assert statuses.count(204) == 1, f"round {round_}: {statuses}"
        assert set(statuses) <= {204, 404, 412}, statuses


def _thank_you_key(user: LiveUser) -> tuple[int, str]:
    application = user.create("applications", company="Acme", role_title="Engineer")
    dana = user.create(
        "contacts", application_id=application["id"], name="Dana Reyes", email="d@example.com"
    )
    user.create(
        "interviews",
        application_id=application["id"],
        starts_at=LONG_AGO,
        interviewers=[{"contact_id": dana["id"]}],
    )
    with user.client() as http:
        items = http.get("/next-actions", params={"application_id": application["id"]}).json()
    key = next(a["key"] for a in items["items"] if a["kind"] == "send_thank_you")
    return application["id"], key


def test_done_raced_logs_one_message_and_reopen_removes_it(four_workers: str) -> None:
    user = LiveUser(four_workers)
    for round_ in range(ROUNDS):
        application_id, key = _thank_you_key(user)

        def done(http: httpx.Client, _: int, key: str = key) -> Any:
            return http.post(f"/next-actions/{key}/done")

        answers = race(4, done, user)
        assert [a.status_code for a in answers] == [200] * 4, f"round {round_}"
        states = {a.json()["touchpoint_id"] for a in answers}
        with user.client() as http:
            logged = http.get("/touchpoints", params={"application_id": application_id}).json()
            assert [t["id"] for t in logged["items"]] == list(states), f"round {round_}"
            assert http.post(f"/next-actions/{key}/reopen").status_code == 200
            after = http.get("/touchpoints", params={"application_id": application_id}).json()
            assert after["items"] == []


def test_interviews_created_at_once_get_distinct_rounds(four_workers: str) -> None:
    user = LiveUser(four_workers)
    for round_ in range(ROUNDS):
        application = user.create("applications", company=f"Acme {round_}", role_title="Dev")
        body = {"application_id": application["id"], "starts_at": LONG_AGO}

        def create(http: httpx.Client, _: int, body: dict[str, Any] = body) -> Any:
            return http.post("/interviews", json=body)

        answers = race(12, create, user)
        assert [a.status_code for a in answers] == [201] * 12
        assert sorted(a.json()["round"] for a in answers) == list(range(1, 13)), f"round {round_}"


def test_one_idempotency_key_raced_creates_one_application(four_workers: str) -> None:
    user = LiveUser(four_workers)
    for round_ in range(ROUNDS):
        body = {"company": f"Initech {round_}", "role_title": "Analyst"}
        key = f"same-{round_}"

        def create(http: httpx.Client, _: int, body: dict[str, Any] = body, key: str = key) -> Any:
            return http.post("/applications", json=body, headers={"Idempotency-Key": key})

        answers = race(8, create, user)
        assert [a.status_code for a in answers] == [201] * 8
        assert len({a.json()["id"] for a in answers}) == 1
        replayed = [a.headers.get("idempotent-replayed") == "true" for a in answers]
        assert sorted(replayed) == [False] + [True] * 7
    with user.client() as http:
        assert len(http.get("/applications", params={"limit": 200}).json()["items"]) == ROUNDS


def test_the_login_limit_holds_across_workers(four_workers: str) -> None:
    user = LiveUser(four_workers)
    wrong = {"email": user.email, "password": "not the password"}
    statuses = sorted(
        race(20, lambda http, _: http.post("/auth/login", json=wrong).status_code, user)
    )
    assert statuses == [401] * 5 + [429] * 15


def test_a_forged_forwarded_for_does_not_reset_the_limit(four_workers: str) -> None:
    user = LiveUser(four_workers)
    wrong = {"email": user.email, "password": "not the password"}
    with httpx.Client(base_url=f"{four_workers}/api/v1", timeout=30) as http:
        statuses = [
            http.post(
                "/auth/login", json=wrong, headers={"X-Forwarded-For": f"203.0.113.{n}"}
            ).status_code
            for n in range(40)
        ]
    assert statuses == [401] * 5 + [429] * 35
