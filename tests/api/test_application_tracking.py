"""What people track about a job: salary range, source, tags, CV version; filters; export."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.api.test_resources import create
from tests.api.test_transfer import listed
from tests.conftest import Account

V1 = "/api/v1"
CSV = {"Content-Type": "text/csv"}


def companies(api: TestClient, **params: str) -> list[str]:
    response = api.get(f"{V1}/applications", params=params)
    assert response.status_code == 200, response.text
    return [a["company"] for a in response.json()["items"]]


def test_the_fields_are_kept_and_tidied(api: TestClient) -> None:
    app = create(
        api,
        "applications",
        company="Acme",
        role_title="Engineer",
        salary_min=60000,
        salary_max=75000,
        salary_currency="EUR",
        source="LinkedIn",
        tags=["remote", "  data   platform ", "Remote"],
        cv_version="cv-2026-data.pdf",
    )
    assert (app["salary_min"], app["salary_max"], app["salary_currency"]) == (60000, 75000, "EUR")
    assert app["tags"] == ["remote", "data platform"]
    assert (app["source"], app["cv_version"]) == ("LinkedIn", "cv-2026-data.pdf")
    changed = api.patch(f"{V1}/applications/{app['id']}", json={"tags": ["dream job"]})
    assert changed.json()["tags"] == ["dream job"]
    assert api.patch(f"{V1}/applications/{app['id']}", json={"tags": None}).json()["tags"] is None


def test_an_upside_down_range_or_a_bad_currency_is_refused(api: TestClient) -> None:
    body = {"company": "Acme", "role_title": "Engineer", "salary_min": 9, "salary_max": 5}
    refused = api.post(f"{V1}/applications", json=body)
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"loc": ["body", "salary_max"], "msg": "cannot be less than salary_min"}
    ]
    app = create(api, "applications", company="Acme", role_title="Engineer", salary_min=50)
    assert api.patch(f"{V1}/applications/{app['id']}", json={"salary_max": 10}).status_code == 422
    for bad in (
        {"salary_currency": "euro"},
        {"salary_min": -1},
        {"tags": [""]},
        {"tags": ["x" * 41]},
    ):
        assert api.patch(f"{V1}/applications/{app['id']}", json=bad).status_code == 422, bad


def test_lists_filter_by_tag_and_source(api: TestClient) -> None:
    create(api, "applications", company="Acme", role_title="A", tags=["remote", "50%_off"])
    create(
        api, "applications", company="Globex", role_title="B", tags=["remotely"], source="LinkedIn"
    )
    create(api, "applications", company="Initech", role_title="C", source="linkedin ")
    create(api, "applications", company="Umbrella", role_title="D", tags=["Zürich"])
    assert companies(api, tag="remote") == ["Acme"]  # a whole tag, not a part of one
    assert companies(api, tag="REMOTE") == ["Acme"]
    assert companies(api, tag="50%_off") == ["Acme"]
    assert companies(api, tag="%") == []
    assert companies(api, tag="Zürich") == ["Umbrella"]
    assert companies(api, source="LinkedIn") == ["Globex"]
    assert companies(api, tag="remotely", source="linkedin") == ["Globex"]


def test_export_and_import_carry_them(
    api: TestClient, make_account: Callable[..., Account]
) -> None:
    create(
        api,
        "applications",
        company="Acme",
        role_title="Engineer",
        salary_min=1,
        salary_max=2,
        salary_currency="USD",
        source="a referral",
        tags=["remote", "fintech"],
        cv_version="v3",
    )
    fields = ("salary_min", "salary_max", "salary_currency", "source", "tags", "cv_version")
    (original,) = listed(api, "applications")
    other = make_account("second@example.com").http
    document = api.get(f"{V1}/export").content
    assert (
        other.post(
            f"{V1}/import", content=document, headers={"Content-Type": "application/json"}
        ).status_code
        == 201
    )
    spreadsheet = api.get(f"{V1}/export", params={"format": "csv"}).content
    assert "remote; fintech" in spreadsheet.decode("utf-8-sig")
    assert other.post(f"{V1}/import", content=spreadsheet, headers=CSV).status_code == 201
    copies = listed(other, "applications")
    assert len(copies) == 2
    for copy in copies:
        assert {f: copy[f] for f in fields} == {f: original[f] for f in fields}
