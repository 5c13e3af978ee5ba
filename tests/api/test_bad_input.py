"""Bad input gets a clear problem-details error and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_resources import create, seed
from tests.conftest import Account

V1 = "/api/v1"
PROBLEM = "application/problem+json"


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    assert "Traceback" not in response.text
    return body


def snapshot(api: TestClient) -> dict[str, Any]:
    return {
        c: api.get(f"{V1}/{c}", params={"limit": 200}).json()["items"]
        for c in ("applications", "contacts", "interviews", "touchpoints")
    }


@pytest.fixture
def seeded(api: TestClient) -> dict[str, Any]:
    return seed(api)


def test_truncated_json_is_400(api: TestClient, seeded: dict[str, Any]) -> None:
    before = snapshot(api)
    response = api.post(
        f"{V1}/applications",
        content=b'{"company": "Ac',
        headers={"Content-Type": "application/json"},
    )
    assert_problem(response, 400)
    assert snapshot(api) == before


def test_wrong_content_type_is_415(api: TestClient, seeded: dict[str, Any]) -> None:
    before = snapshot(api)
    response = api.post(
        f"{V1}/applications",
        content=b"company=Acme&role_title=Dev",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert_problem(response, 415)
    assert snapshot(api) == before


def test_body_over_one_megabyte_is_413(api: TestClient, seeded: dict[str, Any]) -> None:
    before = snapshot(api)
    notes = "x" * 1_100_000
    response = api.post(
        f"{V1}/applications", json={"company": "A", "role_title": "B", "notes": notes}
    )
    assert_problem(response, 413)
    assert snapshot(api) == before


BAD_BODIES: list[tuple[str, str, dict[str, Any], tuple[Any, ...]]] = [
    (
        "unknown field",
        "applications",
        {"company": "A", "role_title": "B", "owner_id": 2},
        ("body", "owner_id"),
    ),
    (
        "naive datetime",
        "interviews",
        {"application_id": 0, "starts_at": "2026-12-01T10:00:00"},
        ("body", "starts_at"),
    ),
    (
        "invalid date",
        "applications",
        {"company": "A", "role_title": "B", "applied_on": "2026-02-30"},
        ("body", "applied_on"),
    ),
    (
        "script url",
        "applications",
        {"company": "A", "role_title": "B", "job_url": "javascript:alert(1)"},
        ("body", "job_url"),
    ),
    (
        "bad enum",
        "applications",
        {"company": "A", "role_title": "B", "status": "ghosted"},
        ("body", "status"),
    ),
    (
        "over-long string",
        "applications",
        {"company": "A" * 201, "role_title": "B"},
        ("body", "company"),
    ),
    (
        "NUL character",
        "applications",
        {"company": "Ac\u0000me", "role_title": "B"},
        ("body", "company"),
    ),
    ("blank required", "applications", {"company": "   ", "role_title": "B"}, ("body", "company")),
    ("missing required", "contacts", {"application_id": 0}, ("body", "name")),
    (
        "bad email",
        "contacts",
        {"application_id": 0, "name": "X", "email": "not-an-email"},
        ("body", "email"),
    ),
    (
        "bad kind",
        "touchpoints",
        {"application_id": 0, "kind": "gift", "occurred_at": "2026-12-01T10:00:00Z"},
        ("body", "kind"),
    ),
]


@pytest.mark.parametrize(
    ("case", "collection", "body", "loc"), BAD_BODIES, ids=[c[0] for c in BAD_BODIES]
)
def test_invalid_fields_are_422_naming_the_field(
    api: TestClient,
    seeded: dict[str, Any],
    case: str,
    collection: str,
    body: dict[str, Any],
    loc: tuple[Any, ...],
) -> None:
    if body.get("application_id") == 0:
        body = {**body, "application_id": seeded["application"]["id"]}
    before = snapshot(api)
    problem = assert_problem(api.post(f"{V1}/{collection}", json=body), 422)
    assert loc in {tuple(e["loc"]) for e in problem["errors"]}, problem
    for error in problem["errors"]:  # words a person can act on, not validator internals
        assert not error["msg"].startswith("Value error")
        assert "^" not in error["msg"]
    assert snapshot(api) == before


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 10000},
        {"cursor": "forged.cursor"},
        {"cursor": "eyJhZnRlciI6IDF9.0000"},
    ],
)
def test_bad_paging_is_422(api: TestClient, params: dict[str, Any]) -> None:
    assert_problem(api.get(f"{V1}/applications", params=params), 422)


def test_non_numeric_and_out_of_range_ids_are_422(api: TestClient) -> None:
    assert_problem(api.get(f"{V1}/applications/abc"), 422)
    assert_problem(api.get(f"{V1}/applications/99999999999999"), 422)
    assert_problem(api.get(f"{V1}/applications/999"), 404)


def test_interviewers_must_be_contacts_of_the_same_application(
    api: TestClient, seeded: dict[str, Any], make_account: Callable[..., Account]
) -> None:
    other_app = create(api, "applications", company="Globex", role_title="Dev")
    stranger = create(api, "contacts", application_id=other_app["id"], name="Stranger")
    other_user = make_account("eve@example.com")
    evil_app = create(other_user.http, "applications", company="Evil", role_title="X")
    evil_contact = create(other_user.http, "contacts", application_id=evil_app["id"], name="Eve")
    before = snapshot(api)
    for contact_id in (stranger["id"], evil_contact["id"]):
        body = {
            "application_id": seeded["application"]["id"],
            "starts_at": "2026-12-05T10:00:00Z",
            "interviewers": [{"contact_id": contact_id}],
        }
        problem = assert_problem(api.post(f"{V1}/interviews", json=body), 422)
        assert problem["errors"][0]["loc"] == ["body", "interviewers", 0, "contact_id"]
    assert snapshot(api) == before


def test_unknown_route_and_wrong_method_are_problems(api: TestClient) -> None:
    assert_problem(api.get(f"{V1}/nothing-here"), 404)
    assert_problem(api.post(f"{V1}/nothing-here", json={}), 404)
    assert_problem(api.put(f"{V1}/applications", json={}), 405)
    assert_problem(api.post("/healthz"), 405)


def test_failed_write_in_the_middle_leaves_nothing_behind(
    api: TestClient, seeded: dict[str, Any]
) -> None:
    """A request that fails after it started writing is rolled back whole."""
    before = snapshot(api)
    body = {
        "application_id": seeded["application"]["id"],
        "starts_at": "2026-12-05T10:00:00Z",
        "interviewers": [
            {"contact_id": seeded["dana"]["id"]},
            {"contact_id": seeded["dana"]["id"]},
        ],
    }
    assert_problem(api.post(f"{V1}/interviews", json=body), 422)
    assert snapshot(api) == before


def test_another_users_ids_are_404_for_read_and_write(
    api: TestClient, seeded: dict[str, Any], make_account: Callable[..., Account]
) -> None:
    intruder = make_account("mallory@example.com").http
    before = snapshot(api)
    targets = {
        "applications": seeded["application"]["id"],
        "contacts": seeded["dana"]["id"],
        "interviews": seeded["interview"]["id"],
        "touchpoints": seeded["touchpoint"]["id"],
    }
    for collection, id_ in targets.items():
        assert_problem(intruder.get(f"{V1}/{collection}/{id_}"), 404)
        assert_problem(
            intruder.patch(
                f"{V1}/{collection}/{id_}",
                json={"notes": "mine"}
                if collection in ("applications", "contacts", "interviews")
                else {"subject": "x"},
            ),
            404,
        )
        assert_problem(intruder.delete(f"{V1}/{collection}/{id_}"), 404)
        assert intruder.get(f"{V1}/{collection}").json()["items"] == []
    assert_problem(intruder.get(f"{V1}/applications/{targets['applications']}/timeline"), 404)
    app_id = targets["applications"]
    assert_problem(
        intruder.post(f"{V1}/contacts", json={"application_id": app_id, "name": "X"}), 404
    )
    assert_problem(
        intruder.post(
            f"{V1}/interviews", json={"application_id": app_id, "starts_at": "2026-12-05T10:00:00Z"}
        ),
        404,
    )
    assert_problem(
        intruder.post(
            f"{V1}/touchpoints",
            json={"application_id": app_id, "kind": "other", "occurred_at": "2026-12-05T10:00:00Z"},
        ),
        404,
    )
    token_id = api.get(f"{V1}/tokens").json()["items"][0]["id"]
    assert_problem(intruder.delete(f"{V1}/tokens/{token_id}"), 404)
    assert snapshot(api) == before
    assert api.get(f"{V1}/me").status_code == 200
