"""Every input gives the same clean answer on both databases: NULs, lengths, dates, methods."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlalchemy import Enum, String

from followup.accounts.schemas import RegisterIn, TokenIn, UserPatch
from followup.applications.schemas import ApplicationIn
from followup.config import Settings
from followup.contacts.schemas import ContactIn
from followup.main import create_app
from followup.middleware import RequestContext
from followup.models import ApiToken, Application, Contact, Touchpoint, User
from followup.touchpoints.schemas import TouchpointIn
from tests.api.test_bad_input import assert_problem, snapshot
from tests.api.test_resources import seed

V1 = "/api/v1"
NUL = "bad\x00text"


@pytest.fixture
def seeded(api: TestClient) -> dict[str, Any]:
    return seed(api)


def _nul_writes(seeded: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    app_id, dana = seeded["application"]["id"], seeded["dana"]["id"]
    when = "2026-11-02T10:00:00Z"
    return [
        ("POST", "/applications", {"company": NUL, "role_title": "Dev"}),
        ("POST", "/applications", {"company": "Acme", "role_title": "Dev", "notes": NUL}),
        ("POST", "/applications", {"company": "Acme", "role_title": "Dev", "location": NUL}),
        ("PATCH", f"/applications/{app_id}", {"role_title": NUL}),
        ("POST", "/contacts", {"application_id": app_id, "name": NUL}),
        ("POST", "/contacts", {"application_id": app_id, "name": "Lee", "title": NUL}),
        ("PATCH", f"/contacts/{dana}", {"notes": NUL}),
        ("POST", "/interviews", {"application_id": app_id, "starts_at": when, "notes": NUL}),
        (
            "POST",
            "/touchpoints",
            {"application_id": app_id, "kind": "other", "occurred_at": when, "subject": NUL},
        ),
        (
            "POST",
            "/touchpoints",
            {"application_id": app_id, "kind": "other", "occurred_at": when, "body": NUL},
        ),
        ("PATCH", f"/touchpoints/{seeded['touchpoint']['id']}", {"subject": NUL}),
        ("PATCH", "/me", {"name": NUL}),
        ("PATCH", "/me", {"signature": NUL}),
        ("POST", "/tokens", {"name": NUL, "scopes": ["read"]}),
        ("POST", "/drafts/check", {"kind": "other", "subject": NUL, "body": "b"}),
    ]


def test_a_nul_in_any_text_field_is_a_422_and_changes_nothing(
    api: TestClient, seeded: dict[str, Any]
) -> None:
    before = snapshot(api)
    for method, path, body in _nul_writes(seeded):
        body_problem = assert_problem(api.request(method, f"{V1}{path}", json=body), 422)
        assert "NUL" in str(body_problem["errors"]), (method, path)
    assert snapshot(api) == before


def test_a_nul_in_done_and_in_an_import_is_a_422(api: TestClient, seeded: dict[str, Any]) -> None:
    items = api.get(f"{V1}/next-actions", params={"as_of": "2026-12-01T12:00:00Z"}).json()
    key = items["items"][0]["key"]
    assert_problem(api.post(f"{V1}/next-actions/{key}/done", json={"subject": NUL}), 422)
    document = {
        "format": "followup.export",
        "version": 1,
        "applications": [{"id": 1, "company": "Acme", "role_title": "Dev"}],
        "action_states": [
            {
                "key": "x.a1",
                "kind": "bad\x00kind",
                "application_id": 1,
                "state": "dismissed",
                "due_at": "2026-11-02T10:00:00Z",
                "acted_at": "2026-11-02T10:00:00Z",
            }
        ],
    }
    before = snapshot(api)
    assert_problem(api.post(f"{V1}/import", json=document), 422)
    assert snapshot(api) == before


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/applications", {"q": NUL}),
        ("/applications", {"cursor": NUL}),
        ("/next-actions", {"cursor": NUL}),
        ("/insights", {"from": NUL}),
        ("/export", {"format": NUL}),
    ],
)
def test_a_nul_in_a_query_parameter_is_a_422(
    api: TestClient, path: str, params: dict[str, str]
) -> None:
    assert_problem(api.get(f"{V1}{path}", params=params), 422)


def test_a_datetime_that_cannot_be_stored_is_a_422(api: TestClient) -> None:
    document = {
        "format": "followup.export",
        "version": 1,
        "applications": [{"id": 1, "company": "Acme", "role_title": "Dev"}],
        "action_states": [
            {
                "key": "x.a1",
                "kind": "move_on",
                "application_id": 1,
                "state": "snoozed",
                "until": "9999-12-31T23:59:59-23:59",
                "due_at": "2026-11-02T10:00:00Z",
                "acted_at": "2026-11-02T10:00:00Z",
            }
        ],
    }
    assert_problem(api.post(f"{V1}/import", json=document), 422)
    assert api.get(f"{V1}/applications").json()["items"] == []


@pytest.mark.parametrize(
    ("schema", "model"),
    [
        (ApplicationIn, Application),
        (ContactIn, Contact),
        (TouchpointIn, Touchpoint),
        (RegisterIn, User),
        (UserPatch, User),
        (TokenIn, ApiToken),
    ],
)
def test_every_text_field_is_as_long_as_its_column(
    schema: type[BaseModel], model: type[Any]
) -> None:
    """A value the API accepts always fits the database (PostgreSQL would refuse with a 500)."""
    properties = schema.model_json_schema()["properties"]
    checked = 0
    for name, column in model.__table__.c.items():
        if name not in properties or not isinstance(column.type, String):
            continue
        if isinstance(column.type, Enum) or column.type.length is None:
            continue  # a closed vocabulary, or unbounded text
        declared = properties[name]
        lengths = [declared.get("maxLength")] + [
            option.get("maxLength") for option in declared.get("anyOf", [])
        ]
        assert max(n for n in lengths if n) == column.type.length, f"{schema.__name__}.{name}"
        checked += 1
    assert checked


def test_a_lost_database_is_a_503_problem(tmp_path: Any) -> None:
    unreachable = f"sqlite:///{tmp_path / 'missing' / 'dir' / 'followup.db'}"
    app = create_app(Settings(database_url=unreachable, secret_key="k" * 40, data_dir=tmp_path))
    client = TestClient(app)
    response = client.get(f"{V1}/me", headers={"Authorization": "Bearer fut_x"})
    problem = assert_problem(response, 503)
    assert response.headers["retry-after"] == "5"
    assert "nothing was saved" in problem["detail"]
    assert_problem(client.get("/readyz"), 503)
    client.close()
    app.state.engine.dispose()


def test_a_wrong_method_names_every_allowed_one(api: TestClient, seeded: dict[str, Any]) -> None:
    response = api.put(f"{V1}/applications/{seeded['application']['id']}", json={})
    assert_problem(response, 405)
    assert response.headers["allow"] == "DELETE, GET, HEAD, PATCH"
    assert api.delete(f"{V1}/applications").headers["allow"] == "GET, HEAD, POST"


def test_head_answers_where_get_does(api: TestClient, seeded: dict[str, Any]) -> None:
    url = f"{V1}/applications/{seeded['application']['id']}"
    get, head = api.get(url), api.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == str(len(get.content))
    assert api.head(f"{V1}/next-actions").status_code == 200
    assert api.head("/healthz").status_code == 200


def test_an_unexpected_error_is_answered_without_closing_the_connection() -> None:
    """Starlette's last resort re-raises to the server, which drops a keep-alive connection."""

    async def broken(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("a bug")

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/x",
        "headers": [],
        "query_string": b"",
        "root_path": "",
        "scheme": "http",
        "server": ("test", 80),
    }
    asyncio.run(RequestContext(broken)(scope, receive, send))  # returns: nothing re-raised
    assert sent[0]["status"] == 500
    assert b"nothing was saved" in sent[1]["body"]


def test_docs_load_pinned_assets_under_a_strict_policy(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self' https://cdn.jsdelivr.net" in policy
    assert "unsafe-eval" not in policy
    assert page.text.count('integrity="sha384-') == 2
    assert "<script>" not in page.text  # no inline script: the start-up code is a file
    start = client.get("/docs/start.js")
    assert start.headers["content-type"].startswith("text/javascript")
    assert b"/openapi.json" in start.content


def test_the_openapi_documents_400_413_and_503(client: TestClient) -> None:
    operations = client.get("/openapi.json").json()["paths"]
    created = operations["/api/v1/applications"]["post"]["responses"]
    assert {"400", "413", "415", "422", "503"} <= set(created)
    assert "412" in operations["/api/v1/applications/{application_id}"]["patch"]["responses"]
    assert "403" not in operations["/api/v1/applications"]["get"]["responses"]


def test_one_unauthenticated_problem_is_the_same_on_every_list(client: TestClient) -> None:
    for collection in ("applications", "contacts", "interviews", "touchpoints", "tokens"):
        assert_problem(client.get(f"{V1}/{collection}"), 401)
