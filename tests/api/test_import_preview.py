"""POST /import?dry_run=true: what an import would create, repeat and replace, saving nothing."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.api.test_next_actions import interview_with_two_people
from tests.api.test_resources import create
from tests.api.test_transfer import listed
from tests.conftest import Account

V1 = "/api/v1"
CSV = {"Content-Type": "text/csv"}


def test_a_json_preview_counts_names_duplicates_and_the_time_zone_it_replaces(
    api: TestClient, make_account: Callable[..., Account]
) -> None:
    api.patch(f"{V1}/me", json={"timezone": "Europe/Berlin"})
    interview_with_two_people(api)
    document = api.get(f"{V1}/export").content
    other = make_account("second@example.com").http
    other.patch(f"{V1}/me", json={"timezone": "America/New_York"})
    create(other, "applications", company="  acme   ANALYTICS", role_title="data engineer")
    before = listed(other, "applications")

    response = other.post(
        f"{V1}/import",
        params={"dry_run": "true"},
        content=document,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    preview = response.json()
    assert (preview["applications"], preview["contacts"], preview["interviews"]) == (1, 2, 1)
    (duplicate,) = preview["duplicates"]
    assert (duplicate["row"], duplicate["company"], duplicate["existing_id"]) == (
        1,
        "Acme Analytics",
        before[0]["id"],
    )
    assert {"field": "timezone", "current": "America/New_York", "imported": "Europe/Berlin"} in (
        preview["settings_changes"]
    )
    assert listed(other, "applications") == before  # nothing was saved
    assert listed(other, "contacts") == []
    assert other.get(f"{V1}/me").json()["timezone"] == "America/New_York"


def test_a_csv_preview_numbers_duplicates_by_line_and_keeps_settings(api: TestClient) -> None:
    create(api, "applications", company="Globex", role_title="Analyst")
    body = "company,role_title\nInitech,Developer\nGlobex,analyst\n"
    response = api.post(f"{V1}/import?dry_run=true", content=body, headers=CSV)
    assert response.status_code == 200, response.text
    preview = response.json()
    assert preview["applications"] == 2
    assert [(d["row"], d["company"]) for d in preview["duplicates"]] == [(3, "Globex")]
    assert preview["settings_changes"] == []
    assert len(listed(api, "applications")) == 1
    imported = api.post(f"{V1}/import", content=body, headers=CSV)
    assert imported.status_code == 201
    assert len(listed(api, "applications")) == 3


def test_a_preview_refuses_a_bad_file_as_the_import_would(api: TestClient) -> None:
    body = "company,role_title\nInitech,\n"
    preview = api.post(f"{V1}/import?dry_run=true", content=body, headers=CSV)
    real = api.post(f"{V1}/import", content=body, headers=CSV)
    assert preview.status_code == real.status_code == 422
    assert preview.json()["errors"] == real.json()["errors"]
