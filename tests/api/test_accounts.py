"""Accounts, sessions, tokens and the rules around who may do what."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import PASSWORD, Account, Clock

PROBLEM = "application/problem+json"


def register(client: TestClient, email: str = "a@example.com", **extra: Any) -> Any:
    return client.post(
        "/api/v1/auth/register", json={"email": email, "password": PASSWORD, **extra}
    )


def test_register_login_me_and_logout_with_the_cookie(client: TestClient) -> None:
    created = register(client, "Sam@Example.com", name="Sam Lee", timezone="Europe/Berlin")
    assert created.status_code == 201
    assert created.json()["email"] == "sam@example.com"
    assert created.json()["timezone"] == "Europe/Berlin"
    assert created.json()["policy_profile"] == "balanced"
    assert "password" not in created.text

    login = client.post(
        "/api/v1/auth/login", json={"email": "sam@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200
    cookie = login.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie

    assert client.get("/api/v1/me").json()["name"] == "Sam Lee"
    out = client.post("/api/v1/auth/logout", headers={"Sec-Fetch-Site": "same-origin"})
    assert out.status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_duplicate_email_is_a_conflict(client: TestClient) -> None:
    assert register(client).status_code == 201
    again = register(client, "A@example.com")
    assert again.status_code == 409
    assert again.headers["content-type"] == PROBLEM


def test_registration_validates_every_field(client: TestClient) -> None:
    bad = client.post(
        "/api/v1/auth/register",
        json={"email": "nope", "password": "short", "timezone": "Mars/Olympus"},
    )
    assert bad.status_code == 422
    fields = {tuple(e["loc"]) for e in bad.json()["errors"]}
    assert fields == {("body", "email"), ("body", "password"), ("body", "timezone")}


def test_wrong_password_is_401_and_repeated_failures_are_throttled(client: TestClient) -> None:
    register(client)
    wrong = {"email": "a@example.com", "password": "wrong password"}
    statuses = [client.post("/api/v1/auth/login", json=wrong).status_code for _ in range(5)]
    assert statuses == [401] * 5
    throttled = client.post(
        "/api/v1/auth/login", json={"email": "a@example.com", "password": PASSWORD}
    )
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) > 0
    # Another account from the same client is not locked out by someone else's failures.
    register(client, "b@example.com")
    other = client.post("/api/v1/auth/login", json={"email": "b@example.com", "password": PASSWORD})
    assert other.status_code == 200


def test_the_throttle_forgets_failures_after_its_window(client: TestClient, clock: Clock) -> None:
    register(client)
    wrong = {"email": "a@example.com", "password": "wrong password"}
    right = {"email": "a@example.com", "password": PASSWORD}
    for _ in range(5):
        client.post("/api/v1/auth/login", json=wrong)
    clock.advance(minutes=14)
    assert client.post("/api/v1/auth/login", json=right).status_code == 429
    clock.advance(minutes=1, seconds=1)
    assert client.post("/api/v1/auth/login", json=right).status_code == 200


def test_a_login_session_ends_after_its_days(client: TestClient, clock: Clock) -> None:
    register(client)
    client.post("/api/v1/auth/login", json={"email": "a@example.com", "password": PASSWORD})
    clock.advance(days=29, hours=23)
    assert client.get("/api/v1/me").status_code == 200
    clock.advance(hours=1, seconds=1)
    assert client.get("/api/v1/me").status_code == 401


def test_no_or_bad_credentials_are_401(client: TestClient) -> None:
    assert client.get("/api/v1/applications").status_code == 401
    bad = client.get("/api/v1/applications", headers={"Authorization": "Bearer fut_nope"})
    assert bad.status_code == 401
    assert bad.headers["content-type"] == PROBLEM
    basic = client.get("/api/v1/applications", headers={"Authorization": "Basic abc"})
    assert basic.status_code == 401


def test_read_only_token_cannot_write(user: Account, app: Any) -> None:
    made = user.http.post("/api/v1/tokens", json={"name": "phone", "scopes": ["read"]})
    assert made.status_code == 201
    assert made.json()["scopes"] == ["read"]
    reader = TestClient(app, headers={"Authorization": f"Bearer {made.json()['token']}"})
    assert reader.get("/api/v1/applications").status_code == 200
    denied = reader.post("/api/v1/applications", json={"company": "Acme", "role_title": "Dev"})
    assert denied.status_code == 403
    assert user.http.get("/api/v1/applications").json()["items"] == []


def test_tokens_are_shown_once_listed_without_secret_and_revocable(user: Account, app: Any) -> None:
    made = user.http.post("/api/v1/tokens", json={"name": "laptop", "scopes": ["read", "write"]})
    secret = made.json()["token"]
    listed = user.http.get("/api/v1/tokens").json()["items"]
    first_page = user.http.get("/api/v1/tokens", params={"limit": 1}).json()
    assert len(first_page["items"]) == 1
    rest = user.http.get("/api/v1/tokens", params={"cursor": first_page["next_cursor"]}).json()
    assert [t["id"] for t in first_page["items"] + rest["items"]] == [t["id"] for t in listed]
    assert {t["name"] for t in listed} == {"tests", "laptop"}
    assert secret not in str(listed)
    assert all("token" not in t for t in listed)
    laptop = TestClient(app, headers={"Authorization": f"Bearer {secret}"})
    assert laptop.get("/api/v1/me").status_code == 200
    assert user.http.delete(f"/api/v1/tokens/{made.json()['id']}").status_code == 204
    assert laptop.get("/api/v1/me").status_code == 401


def test_token_scopes_are_validated(api: TestClient) -> None:
    for scopes in ([], ["write"], ["admin"]):
        assert api.post("/api/v1/tokens", json={"name": "x", "scopes": scopes}).status_code == 422


def test_cookie_writes_from_another_site_are_refused(client: TestClient) -> None:
    register(client)
    client.post("/api/v1/auth/login", json={"email": "a@example.com", "password": PASSWORD})
    body = {"company": "Acme", "role_title": "Dev"}
    cross = client.post("/api/v1/applications", json=body, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    evil = client.post("/api/v1/applications", json=body, headers={"Origin": "https://evil.test"})
    assert evil.status_code == 403
    assert client.post("/api/v1/applications", json=body).status_code == 403  # no origin at all
    own = client.post("/api/v1/applications", json=body, headers={"Origin": "http://testserver"})
    assert own.status_code == 201
    assert len(client.get("/api/v1/applications").json()["items"]) == 1


def test_profile_update_validates_and_persists(api: TestClient) -> None:
    changed = api.patch(
        "/api/v1/me",
        json={"country": "de", "policy_profile": "patient", "signature": "Dana\n+1 555"},
    )
    assert changed.status_code == 200
    assert changed.json()["country"] == "DE"
    assert api.patch("/api/v1/me", json={"policy_profile": "eager"}).status_code == 422
    assert api.patch("/api/v1/me", json={"country": "XX"}).status_code == 422
    assert api.patch("/api/v1/me", json={"timezone": None}).status_code == 422
    assert api.patch("/api/v1/me", json={"owner_id": 3}).status_code == 422
    me = api.get("/api/v1/me").json()
    assert (me["policy_profile"], me["country"], me["timezone"]) == ("patient", "DE", "UTC")


def test_policy_profiles_explain_the_timings_the_engine_uses(api: TestClient) -> None:
    profiles = {p["name"]: p for p in api.get("/api/v1/policy-profiles").json()["items"]}
    assert list(profiles)[0] == "balanced"
    assert set(profiles) == {"balanced", "prompt", "patient", "persistent"}
    assert profiles["prompt"]["thank_you_due_hours"] == 12
    assert profiles["patient"]["first_check_days"] == [10, 14]
    assert profiles["persistent"]["unanswered_before_move_on"] == 3
    assert all(p["description"] for p in profiles.values())


def test_another_site_cannot_log_a_browser_in(client: TestClient) -> None:
    register(client)
    body = {"email": "a@example.com", "password": PASSWORD}
    assert (
        client.post(
            "/api/v1/auth/login", json=body, headers={"Sec-Fetch-Site": "cross-site"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/api/v1/auth/login", json=body, headers={"Origin": "https://evil.test"}
        ).status_code
        == 403
    )
    assert (
        "set-cookie"
        not in client.post(
            "/api/v1/auth/login", json=body, headers={"Origin": "https://evil.test"}
        ).headers
    )
    assert client.post("/api/v1/auth/login", json=body).status_code == 200  # scripts send neither
