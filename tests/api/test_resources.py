"""CRUD on applications, contacts, interviews and touchpoints; pagination; the timeline."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Clock

V1 = "/api/v1"


def create(api: TestClient, collection: str, **body: Any) -> dict[str, Any]:
    response = api.post(f"{V1}/{collection}", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def seed(api: TestClient) -> dict[str, Any]:
    app = create(api, "applications", company="Acme Analytics", role_title="Data Engineer")
    dana = create(
        api, "contacts", application_id=app["id"], name="Dana Reyes", email="dana@acme.example.com"
    )
    lee = create(api, "contacts", application_id=app["id"], name="Lee Park", role="hiring_manager")
    interview = create(
        api,
        "interviews",
        application_id=app["id"],
        starts_at="2026-12-01T10:00:00-05:00",
        format="video",
        interviewers=[
            {"contact_id": dana["id"], "notes": "billing migration"},
            {"contact_id": lee["id"], "notes": "team rituals"},
        ],
    )
    touchpoint = create(
        api,
        "touchpoints",
        application_id=app["id"],
        contact_id=dana["id"],
        interview_id=interview["id"],
        kind="thank_you",
        channel="email",
        occurred_at="2026-12-01T20:00:00+00:00",
    )
    return {
        "application": app,
        "dana": dana,
        "lee": lee,
        "interview": interview,
        "touchpoint": touchpoint,
    }


def test_application_crud_and_defaults(api: TestClient) -> None:
    app = create(
        api, "applications", company="Acme", role_title="Engineer", applied_on="2026-11-02"
    )
    assert (app["status"], app["workplace"], app["decided_on"]) == ("applied", "tech", None)
    assert app["created_at"].endswith("Z")
    read = api.get(f"{V1}/applications/{app['id']}")
    assert read.json() == app
    assert read.headers["etag"].startswith('"')
    patched = api.patch(f"{V1}/applications/{app['id']}", json={"status": "rejected"})
    assert patched.status_code == 200
    assert patched.json()["decided_on"] is not None  # set to today when decided
    explicit = api.patch(
        f"{V1}/applications/{app['id']}", json={"status": "hired", "decided_on": "2026-11-20"}
    )
    assert explicit.json()["decided_on"] == "2026-11-20"
    assert api.delete(f"{V1}/applications/{app['id']}").status_code == 204
    assert api.get(f"{V1}/applications/{app['id']}").status_code == 404


def test_interview_defaults_and_status_moves_to_interviewing(api: TestClient) -> None:
    data = seed(api)
    interview = data["interview"]
    assert interview["ends_at"] == "2026-12-01T16:00:00Z"  # 60 minutes, answered in UTC
    assert interview["round"] == 1
    assert [i["notes"] for i in interview["interviewers"]] == ["billing migration", "team rituals"]
    second = create(
        api,
        "interviews",
        application_id=data["application"]["id"],
        starts_at="2026-12-08T10:00:00Z",
    )
    assert second["round"] == 2
    app = api.get(f"{V1}/applications/{data['application']['id']}").json()
    assert app["status"] == "interviewing"


def test_interview_patch_replaces_interviewers_and_keeps_length(api: TestClient) -> None:
    data = seed(api)
    url = f"{V1}/interviews/{data['interview']['id']}"
    patched = api.patch(
        url,
        json={
            "starts_at": "2026-12-02T09:00:00Z",
            "interviewers": [{"contact_id": data["lee"]["id"], "notes": "roadmap"}],
        },
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["ends_at"] == "2026-12-02T10:00:00Z"
    assert patched.json()["interviewers"] == [
        {"contact_id": data["lee"]["id"], "topics": [], "concerns": None, "notes": "roadmap"}
    ]
    backwards = api.patch(url, json={"ends_at": "2026-12-02T08:00:00Z"})
    assert backwards.status_code == 422
    assert api.get(url).json()["ends_at"] == "2026-12-02T10:00:00Z"


def test_deleting_an_application_removes_everything_under_it(api: TestClient) -> None:
    data = seed(api)
    assert api.delete(f"{V1}/applications/{data['application']['id']}").status_code == 204
    for collection, key in (
        ("contacts", "dana"),
        ("interviews", "interview"),
        ("touchpoints", "touchpoint"),
    ):
        assert api.get(f"{V1}/{collection}/{data[key]['id']}").status_code == 404
        assert api.get(f"{V1}/{collection}").json()["items"] == []


def test_timeline_is_in_time_order(api: TestClient) -> None:
    data = seed(api)
    app_id = data["application"]["id"]
    create(
        api, "touchpoints", application_id=app_id, kind="reply", occurred_at="2026-12-03T12:00:00Z"
    )
    create(
        api, "touchpoints", application_id=app_id, kind="other", occurred_at="2026-11-20T12:00:00Z"
    )
    items = api.get(f"{V1}/applications/{app_id}/timeline").json()["items"]
    assert [i["type"] for i in items] == ["touchpoint", "interview", "touchpoint", "touchpoint"]
    assert [i["at"] for i in items] == sorted(i["at"] for i in items)
    assert items[-1]["touchpoint"]["direction"] == "inbound"


@pytest.mark.parametrize("collection", ["applications", "contacts", "interviews", "touchpoints"])
def test_pagination_walks_every_page_once(api: TestClient, collection: str) -> None:
    app = create(api, "applications", company="Seed", role_title="Seed")
    contact = create(api, "contacts", application_id=app["id"], name="Person")
    made = set() if collection != "applications" else {app["id"]}
    if collection == "contacts":
        made.add(contact["id"])
    for n in range(7):
        if collection == "applications":
            made.add(create(api, "applications", company=f"C{n}", role_title="R")["id"])
        elif collection == "contacts":
            made.add(create(api, "contacts", application_id=app["id"], name=f"P{n}")["id"])
        elif collection == "interviews":
            made.add(
                create(
                    api,
                    "interviews",
                    application_id=app["id"],
                    starts_at=f"2026-12-0{n + 1}T09:00:00Z",
                )["id"]
            )
        else:
            made.add(
                create(
                    api,
                    "touchpoints",
                    application_id=app["id"],
                    kind="other",
                    occurred_at=f"2026-12-0{n + 1}T09:00:00Z",
                )["id"]
            )
    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = api.get(f"{V1}/{collection}", params=params).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(made)


def test_list_filters(api: TestClient) -> None:
    data = seed(api)
    create(api, "applications", company="Globex", role_title="Analyst", status="offer")
    by_status = api.get(f"{V1}/applications", params={"status": "offer"}).json()["items"]
    assert [a["company"] for a in by_status] == ["Globex"]
    by_text = api.get(f"{V1}/applications", params={"q": "data eng"}).json()["items"]
    assert [a["company"] for a in by_text] == ["Acme Analytics"]
    managers = api.get(f"{V1}/contacts", params={"role": "hiring_manager"}).json()["items"]
    assert [c["name"] for c in managers] == ["Lee Park"]
    mine = api.get(f"{V1}/touchpoints", params={"contact_id": data["dana"]["id"]}).json()["items"]
    assert len(mine) == 1


def test_data_survives_a_restart(settings: Any) -> None:
    from followup.main import create_app

    first = create_app(settings)
    with TestClient(first, headers={"Sec-Fetch-Site": "same-origin"}) as c:
        c.post(f"{V1}/auth/register", json={"email": "r@example.com", "password": "long enough"})
        c.post(f"{V1}/auth/login", json={"email": "r@example.com", "password": "long enough"})
        create(c, "applications", company="Persist", role_title="Kept")
        token = c.post(f"{V1}/tokens", json={"name": "t", "scopes": ["read"]}).json()["token"]
    first.state.engine.dispose()
    second = create_app(settings)
    with TestClient(second, headers={"Authorization": f"Bearer {token}"}) as c:
        assert [a["company"] for a in c.get(f"{V1}/applications").json()["items"]] == ["Persist"]
    second.state.engine.dispose()


def test_list_items_are_exactly_the_single_resources(api: TestClient) -> None:
    """Lists are serialised on their own fast path; they must say what single reads say."""
    seed(api)
    for collection in ("applications", "contacts", "interviews", "touchpoints"):
        items = api.get(f"{V1}/{collection}").json()["items"]
        assert items
        for item in items:
            assert api.get(f"{V1}/{collection}/{item['id']}").json() == item


def test_ids_are_never_reused_after_a_delete(api: TestClient, clock: Clock) -> None:
    """Action keys name ids: a new interview must not inherit a deleted one's done state."""
    app = create(api, "applications", company="Acme", role_title="Engineer")
    # Dismissing acts at the present, when the prepare action exists only before the interview.
    first = create(api, "interviews", application_id=app["id"], starts_at=clock.iso(days=1))
    key = f"prepare.i{first['id']}"
    assert api.post(f"{V1}/next-actions/{key}/dismiss").status_code == 200
    assert api.delete(f"{V1}/interviews/{first['id']}").status_code == 204
    second = create(api, "interviews", application_id=app["id"], starts_at=clock.iso(days=2))
    assert second["id"] > first["id"]
    keys = [a["key"] for a in api.get(f"{V1}/next-actions").json()["items"]]
    assert f"prepare.i{second['id']}" in keys


def test_dates_far_outside_any_job_search_are_422_not_500(api: TestClient) -> None:
    app = create(api, "applications", company="Acme", role_title="Engineer")
    for starts_at in ("9999-12-31T23:30:00Z", "0001-01-01T00:00:00+05:00"):
        response = api.post(
            f"{V1}/interviews", json={"application_id": app["id"], "starts_at": starts_at}
        )
        assert response.status_code == 422, response.text
    assert (
        api.get(f"{V1}/next-actions", params={"as_of": "9999-12-31T23:59:59-05:00"}).status_code
        == 422
    )
    assert (
        api.patch(f"{V1}/applications/{app['id']}", json={"applied_on": "9999-12-31"}).status_code
        == 422
    )
    assert api.get(f"{V1}/insights", params={"to": "9999-12-31"}).status_code == 422
    assert api.get(f"{V1}/interviews").json()["items"] == []
