"""Idempotency-Key on creating POSTs: replay, mismatch, failures, expiry, concurrency."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from tests.api.test_next_actions import AFTER_INTERVIEW, interview_with_two_people, thank_yous
from tests.conftest import Account, Clock

V1 = "/api/v1"
BODY = {"company": "Acme Analytics", "role_title": "Data Engineer"}


def post(api: TestClient, path: str, key: str, **kwargs: Any) -> Any:
    return api.post(f"{V1}/{path}", headers={"Idempotency-Key": key}, **kwargs)


def count(api: TestClient, collection: str) -> int:
    return len(api.get(f"{V1}/{collection}", params={"limit": 200}).json()["items"])


def test_same_key_same_body_replays_the_first_answer(api: TestClient) -> None:
    first = post(api, "applications", "k-1", json=BODY)
    again = post(api, "applications", "k-1", json=BODY)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert count(api, "applications") == 1


def test_every_creating_post_replays(api: TestClient) -> None:
    app = post(api, "applications", "a", json=BODY).json()
    contact = {"application_id": app["id"], "name": "Dana Reyes"}
    interview = {"application_id": app["id"], "starts_at": "2026-11-02T10:00:00Z"}
    for collection, body in (("contacts", contact), ("interviews", interview)):
        first = post(api, collection, f"{collection}-1", json=body)
        assert post(api, collection, f"{collection}-2", json=body).status_code == 201  # new key
        assert post(api, collection, f"{collection}-1", json=body).json() == first.json()
        assert count(api, collection) == 2
    touchpoint = {
        "application_id": app["id"],
        "kind": "reply",
        "occurred_at": "2026-11-03T10:00:00Z",
    }
    first = post(api, "touchpoints", "t", json=touchpoint)
    assert post(api, "touchpoints", "t", json=touchpoint).json() == first.json()
    assert count(api, "touchpoints") == 1


def test_keys_are_scoped_per_path_and_body(api: TestClient) -> None:
    post(api, "applications", "k", json=BODY)
    other_body = post(api, "applications", "k", json={**BODY, "company": "Globex"})
    assert other_body.status_code == 422
    assert other_body.headers["content-type"] == "application/problem+json"
    assert other_body.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    app_id = api.get(f"{V1}/applications").json()["items"][0]["id"]
    other_path = post(api, "contacts", "k", json={"application_id": app_id, "name": "Dana"})
    assert other_path.status_code == 422
    assert count(api, "applications") == 1
    assert count(api, "contacts") == 0


def test_keys_are_per_user(api: TestClient, make_account: Callable[..., Account]) -> None:
    mine = post(api, "applications", "shared", json=BODY)
    other = make_account("lee@example.com").http
    theirs = post(other, "applications", "shared", json=BODY)
    assert theirs.status_code == 201
    assert theirs.json()["id"] != mine.json()["id"]
    assert "idempotent-replayed" not in theirs.headers


def test_a_failed_request_frees_its_key(api: TestClient) -> None:
    bad = post(api, "contacts", "retry-me", json={"application_id": 999999, "name": "Dana"})
    assert bad.status_code == 404
    app = post(api, "applications", "x", json=BODY).json()
    fixed = post(api, "contacts", "retry-me", json={"application_id": app["id"], "name": "Dana"})
    assert fixed.status_code == 201
    invalid = post(api, "applications", "v", json={"company": "Acme"})
    assert invalid.status_code == 422
    assert post(api, "applications", "v", json=BODY).status_code == 201


def test_keys_expire_after_24_hours(api: TestClient, clock: Clock) -> None:
    first = post(api, "applications", "old", json=BODY)
    assert first.status_code == 201
    clock.advance(hours=23, minutes=59)
    assert post(api, "applications", "old", json={**BODY, "company": "Globex"}).status_code == 422
    clock.advance(minutes=2)
    reused = post(api, "applications", "old", json={**BODY, "company": "Globex"})
    assert reused.status_code == 201
    assert reused.json()["company"] == "Globex"


def test_next_action_writes_replay(api: TestClient) -> None:
    interview_with_two_people(api)
    key = thank_yous(
        api.get(f"{V1}/next-actions", params={"as_of": AFTER_INTERVIEW}).json()["items"]
    )[0]["key"]
    body = {"occurred_at": AFTER_INTERVIEW}
    first = post(api, f"next-actions/{key}/done", "done-1", json=body)
    assert first.status_code == 200
    assert post(api, f"next-actions/{key}/done", "done-1", json=body).json() == first.json()
    assert count(api, "touchpoints") == 1
    reopened = post(api, f"next-actions/{key}/reopen", "reopen-1")
    assert reopened.status_code == 200
    assert post(api, f"next-actions/{key}/reopen", "reopen-1").json() == reopened.json()
    assert count(api, "touchpoints") == 0


def test_tokens_and_calendar_feed_ignore_the_header(api: TestClient) -> None:
    body = {"name": "phone", "scopes": ["read"]}
    one = post(api, "tokens", "tok", json=body)
    two = post(api, "tokens", "tok", json=body)
    assert one.status_code == two.status_code == 201
    assert one.json()["token"] != two.json()["token"]
    feed_one = post(api, "calendar-feed", "feed")
    feed_two = post(api, "calendar-feed", "feed")
    assert feed_one.json()["url"] != feed_two.json()["url"]


def test_concurrent_requests_with_one_key_make_one_row(
    app: Any, user: Account, database_url: str
) -> None:
    """Threads that really overlap (each client call runs its own event loop)."""
    threads = 6
    barrier = threading.Barrier(threads)
    results: list[tuple[int, dict[str, Any], bool]] = []
    lock = threading.Lock()

    def attempt() -> None:
        client = TestClient(app, headers={"Authorization": f"Bearer {user.token}"})
        barrier.wait()
        response = post(client, "applications", "race", json=BODY)
        with lock:
            replayed = response.headers.get("idempotent-replayed") == "true"
            results.append((response.status_code, response.json(), replayed))
        client.close()

    workers = [threading.Thread(target=attempt) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    # The caller's write lock serialises them: the first acts, the others wait and replay it.
    assert [status for status, _, _ in results] == [201] * threads, results
    assert len({body["id"] for _, body, _ in results}) == 1
    assert sorted(replayed for _, _, replayed in results) == [False] + [True] * (threads - 1)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM applications")).scalar_one()
    engine.dispose()
    assert rows == 1


@pytest.mark.parametrize("header", ["", "x" * 256])
def test_a_malformed_key_is_a_422(api: TestClient, header: str) -> None:
    assert post(api, "applications", header, json=BODY).status_code == 422
    assert count(api, "applications") == 0


def test_the_same_json_with_keys_in_another_order_is_the_same_call(api: TestClient) -> None:
    """Phone shortcuts rebuild their dictionary on retry; the order of its keys may change."""
    first = api.post(
        f"{V1}/applications",
        content=b'{"company": "Initech", "role_title": "Analyst"}',
        headers={"Idempotency-Key": "reordered", "Content-Type": "application/json"},
    )
    again = api.post(
        f"{V1}/applications",
        content=b'{ "role_title":"Analyst", "company":"Initech"}',
        headers={"Idempotency-Key": "reordered", "Content-Type": "application/json; charset=utf-8"},
    )
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert count(api, "applications") == 1
