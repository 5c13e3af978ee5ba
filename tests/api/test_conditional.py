"""ETags on the four resources: If-None-Match is a 304, a stale If-Match a 412 (no change)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_resources import seed

V1 = "/api/v1"
RESOURCES = {
    "applications": ("application", {"notes": "changed"}),
    "contacts": ("dana", {"title": "Staff Engineer"}),
    "interviews": ("interview", {"notes": "changed"}),
    "touchpoints": ("touchpoint", {"subject": "changed"}),
}


@pytest.fixture
def seeded(api: TestClient) -> dict[str, Any]:
    return seed(api)


@pytest.mark.parametrize("collection", list(RESOURCES))
def test_if_none_match_gives_304_until_it_changes(
    api: TestClient, seeded: dict[str, Any], collection: str
) -> None:
    name, change = RESOURCES[collection]
    url = f"{V1}/{collection}/{seeded[name]['id']}"
    first = api.get(url)
    etag = first.headers["etag"]
    assert etag.startswith('"')
    assert not etag.startswith("W/")
    unchanged = api.get(url, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["etag"] == etag
    assert api.get(url, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    patched = api.patch(url, json=change)
    assert patched.headers["etag"] != etag
    changed = api.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] == patched.headers["etag"]


@pytest.mark.parametrize("collection", list(RESOURCES))
def test_a_stale_if_match_is_412_and_changes_nothing(
    api: TestClient, seeded: dict[str, Any], collection: str
) -> None:
    name, change = RESOURCES[collection]
    url = f"{V1}/{collection}/{seeded[name]['id']}"
    stale = api.get(url).headers["etag"]
    current = api.patch(url, json=change, headers={"If-Match": stale})
    assert current.status_code == 200
    before = api.get(url).json()
    refused = api.patch(url, json=change, headers={"If-Match": stale})
    assert refused.status_code == 412
    assert refused.headers["content-type"] == "application/problem+json"
    assert api.get(url).json() == before
    assert api.delete(url, headers={"If-Match": stale}).status_code == 412
    assert api.get(url).status_code == 200
    assert api.delete(url, headers={"If-Match": current.headers["etag"]}).status_code == 204
    assert api.get(url).status_code == 404


def test_if_match_star_and_unconditional_writes(api: TestClient, seeded: dict[str, Any]) -> None:
    url = f"{V1}/applications/{seeded['application']['id']}"
    assert api.patch(url, json={"notes": "a"}, headers={"If-Match": "*"}).status_code == 200
    assert api.patch(url, json={"notes": "b"}).status_code == 200  # no header: no check


def test_created_resources_carry_the_etag_a_read_gives(
    api: TestClient, seeded: dict[str, Any]
) -> None:
    created = api.post(f"{V1}/applications", json={"company": "Globex", "role_title": "SRE"})
    read = api.get(f"{V1}/applications/{created.json()['id']}")
    assert created.headers["etag"] == read.headers["etag"]


def test_me_has_an_etag_and_a_stale_if_match_changes_nothing(api: TestClient) -> None:
    first = api.get(f"{V1}/me")
    etag = first.headers["etag"]
    assert api.get(f"{V1}/me", headers={"If-None-Match": etag}).status_code == 304
    renamed = api.patch(f"{V1}/me", json={"name": "Sam Lee"}, headers={"If-Match": etag})
    assert renamed.status_code == 200
    assert renamed.headers["etag"] != etag
    stale = api.patch(f"{V1}/me", json={"name": "Someone Else"}, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert api.get(f"{V1}/me").json()["name"] == "Sam Lee"
    current = api.get(f"{V1}/me").headers["etag"]
    assert (
        api.patch(f"{V1}/me", json={"name": "Sam"}, headers={"If-Match": current}).status_code
        == 200
    )
