"""Export and import: a JSON round trip keeps the next actions; CSV with BOM, quotes, formulas."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from followup.transfer.schemas import ExportOut
from tests.api.test_next_actions import actions, interview_with_two_people, thank_yous
from tests.api.test_resources import create
from tests.conftest import Account

V1 = "/api/v1"
AS_OF = ["2026-11-02T14:00:00Z", "2026-11-10T12:00:00Z", "2026-12-15T12:00:00Z"]
CSV = {"Content-Type": "text/csv"}


def listed(api: TestClient, collection: str) -> list[dict[str, Any]]:
    return api.get(f"{V1}/{collection}", params={"limit": 200}).json()["items"]


def remap_key(key: str, ids: dict[str, dict[str, int]]) -> str:
    sections = {"a": "applications", "c": "contacts", "i": "interviews", "r": "touchpoints"}

    def swap(match: re.Match[str]) -> str:
        return f"{match[1]}{ids[sections[match[1]]][match[2]]}"

    return re.sub(r"(?<=\.)([acir])(\d+)(?=\.|$)", swap, key)


def comparable(items: list[dict[str, Any]], ids: dict[str, dict[str, int]] | None) -> list[Any]:
    out = []
    for a in items:
        a = dict(a)
        if ids is not None:
            a["key"] = remap_key(a["key"], ids)
            for field, section in (
                ("application_id", "applications"),
                ("contact_id", "contacts"),
                ("interview_id", "interviews"),
            ):
                if a[field] is not None:
                    a[field] = ids[section][str(a[field])]
        out.append(a)
    return out


def test_json_round_trip_gives_the_same_next_actions(
    api: TestClient, make_account: Callable[..., Account]
) -> None:
    api.patch(
        f"{V1}/me", json={"timezone": "America/New_York", "country": "US", "signature": "Sam"}
    )
    data = interview_with_two_people(api)
    app_id = data["application"]["id"]
    create(
        api,
        "touchpoints",
        application_id=app_id,
        kind="reply",
        occurred_at="2026-11-05T10:00:00Z",
        contact_id=data["dana"]["id"],
    )
    key = thank_yous(actions(api))[0]["key"]
    assert (
        api.post(
            f"{V1}/next-actions/{key}/done", json={"occurred_at": "2026-11-02T15:00:00Z"}
        ).status_code
        == 200
    )
    other_key = thank_yous(actions(api))[0]["key"]
    api.post(f"{V1}/next-actions/{other_key}/snooze", json={"until": "2099-01-01T09:00:00Z"})
    create(
        api,
        "applications",
        company="Globex",
        role_title="SRE",
        status="rejected",
        decided_on="2026-11-20",
    )

    exported = api.get(f"{V1}/export")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    document = exported.json()
    assert (document["format"], document["version"]) == ("followup.export", 1)
    assert document["settings"]["timezone"] == "America/New_York"
    assert len(document["action_states"]) == 2

    fresh = make_account("new@example.com").http
    imported = fresh.post(
        f"{V1}/import", content=exported.content, headers={"Content-Type": "application/json"}
    )
    assert imported.status_code == 201, imported.text
    report = imported.json()
    assert report["applications"] == 2
    assert report["contacts"] == 2
    assert report["action_states"] == 2
    ids = report["ids"]
    assert fresh.get(f"{V1}/me").json()["country"] == "US"
    for as_of in AS_OF:
        before = actions(api, as_of=as_of)
        after = actions(fresh, as_of=as_of)
        assert comparable(after, None) == comparable(before, ids), as_of
        assert after or as_of == AS_OF[-1]
    # Another export of the copy says the same, ids aside.
    again = fresh.get(f"{V1}/export").json()

    def strip(rows):
        return [{k: v for k, v in r.items() if not k.endswith(("id", "_at"))} for r in rows]  # noqa: E731

    for section in ("applications", "contacts", "touchpoints"):
        assert strip(again[section]) == strip(document[section])


def test_json_import_is_all_or_nothing(api: TestClient) -> None:
    document = {
        "format": "followup.export",
        "version": 1,
        "applications": [{"id": 1, "company": "Acme", "role_title": "Dev"}],
        "contacts": [
            {"id": 5, "application_id": 1, "name": "Dana"},
            {"id": 6, "application_id": 2, "name": "Lee"},
        ],
    }
    response = api.post(f"{V1}/import", json=document)
    assert response.status_code == 422
    assert response.json()["errors"][0]["row"] == 2
    assert response.json()["errors"][0]["field"] == "contacts.application_id"
    assert listed(api, "applications") == []
    bad = api.post(f"{V1}/import", json={**document, "contacts": [], "applications": [{"id": 1}]})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {
        "applications.company",
        "applications.role_title",
    }
    assert (
        api.post(
            f"{V1}/import", content=b"{not json", headers={"Content-Type": "application/json"}
        ).status_code
        == 400
    )
    assert api.post(f"{V1}/import", json={"format": "other", "version": 1}).status_code == 422


def test_csv_export_has_bom_defused_formulas_and_quoted_commas(api: TestClient) -> None:
    create(
        api,
        "applications",
        company='=HYPERLINK("http://evil")',
        role_title="Dev, Backend",
        notes="-2+3",
        location="@home",
    )
    response = api.get(f"{V1}/export", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["company"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["role_title"] == "Dev, Backend"
    assert (rows[0]["notes"], rows[0]["location"]) == ("'-2+3", "'@home")
    assert b'"Dev, Backend"' in response.content


def test_csv_export_defuses_a_formula_behind_a_tab_a_return_or_a_space(api: TestClient) -> None:
    """Spreadsheets trim these and then run what follows."""
    for lead in ("\t", "\r", " "):
        create(api, "applications", company="Acme", role_title="Dev", notes=f"{lead}=1+1")
    rows = list(
        csv.DictReader(io.StringIO(api.get(f"{V1}/export?format=csv").content.decode("utf-8-sig")))
    )
    assert [row["notes"] for row in rows] == ["'\t=1+1", "'\r=1+1", "' =1+1"]


def test_csv_export_imports_back_unchanged(
    api: TestClient, make_account: Callable[..., Account]
) -> None:
    create(
        api,
        "applications",
        company="=SUM(A1)",
        role_title='Dev, "Backend"',
        applied_on="2026-11-02",
        notes="line one\nline two",
        location="\t=cmd",
    )
    exported = api.get(f"{V1}/export", params={"format": "csv"}).content
    fresh = make_account("new@example.com").http
    response = fresh.post(f"{V1}/import", content=exported, headers=CSV)
    assert response.status_code == 201, response.text
    [copy] = listed(fresh, "applications")
    [original] = listed(api, "applications")
    for field in ("company", "role_title", "applied_on", "notes", "location", "status"):
        assert copy[field] == original[field]


def test_csv_import_with_bom_and_quoted_commas(api: TestClient) -> None:
    body = (
        "\ufeffcompany,role_title,status,applied_on,notes,id,created_at\r\n"
        'Acme,"Engineer, Data",interviewing,2026-11-02,"said ""soon""",99,2020-01-01\r\n'
        "\r\n"
        "Globex,SRE,rejected,,,,\r\n"
    ).encode()
    response = api.post(f"{V1}/import", content=body, headers=CSV)
    assert response.status_code == 201, response.text
    assert response.json()["applications"] == 2
    rows = {a["company"]: a for a in listed(api, "applications")}
    assert rows["Acme"]["role_title"] == "Engineer, Data"
    assert rows["Acme"]["notes"] == 'said "soon"'
    assert rows["Acme"]["id"] != 99
    assert rows["Globex"]["decided_on"] is not None  # set to today, as the API does


def test_bad_csv_rows_change_nothing_and_name_their_lines(api: TestClient) -> None:
    body = (
        b"company,role_title,status,applied_on\n"
        b"Acme,Dev,applied,2026-11-02\n"
        b'"Multi\nline",Dev,applied,\n'
        b"Globex,,applied,\n"
        b"Initech,Dev,sleeping,11/02/2026\n"
    )
    response = api.post(f"{V1}/import", content=body, headers=CSV)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [
        (5, "role_title"),
        (6, "status"),
        (6, "applied_on"),
    ]
    assert all(e["msg"] for e in errors)
    assert listed(api, "applications") == []


def test_csv_header_problems(api: TestClient) -> None:
    missing = api.post(f"{V1}/import", content=b"company,notes\nAcme,x\n", headers=CSV)
    assert missing.status_code == 422
    assert missing.json()["errors"] == [
        {"row": 1, "field": "role_title", "msg": "required column is missing"}
    ]
    unknown = api.post(f"{V1}/import", content=b"company,role_title,salary\nA,B,1\n", headers=CSV)
    assert unknown.json()["errors"][0]["field"] == "salary"
    assert api.post(f"{V1}/import", content=b"company,role_title\n", headers=CSV).status_code == 422


def test_empty_and_oversized_files(api: TestClient) -> None:
    empty = api.post(f"{V1}/import", content=b"", headers=CSV)
    assert empty.status_code == 422
    assert empty.headers["content-type"] == "application/problem+json"
    assert api.post(f"{V1}/import", content=b"\xef\xbb\xbf\r\n", headers=CSV).status_code == 422
    row = b"Acme,Engineer,applied,2026-11-02," + b"x" * 100 + b"\n"
    big = b"company,role_title,status,applied_on,notes\n" + row * (6_000_000 // len(row) + 1)
    assert len(big) > 6_000_000
    response = api.post(f"{V1}/import", content=big, headers=CSV)
    assert response.status_code == 413
    assert listed(api, "applications") == []
    assert (
        api.post(f"{V1}/import", content=b"a", headers={"Content-Type": "text/plain"}).status_code
        == 415
    )


def test_import_honours_idempotency_keys(api: TestClient) -> None:
    body = b"company,role_title\nAcme,Dev\n"
    headers = {**CSV, "Idempotency-Key": "import-1"}
    first = api.post(f"{V1}/import", content=body, headers=headers)
    again = api.post(f"{V1}/import", content=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert len(listed(api, "applications")) == 1


def test_a_large_export_streams_the_documented_shape(api: TestClient) -> None:
    """More rows than one chunk: the streamed JSON still reads back as one ExportOut."""
    application = create(api, "applications", company="Acme", role_title="Engineer")
    rows = [{"company": f"Company {n}", "role_title": "Engineer"} for n in range(450)]
    body = "company,role_title\n" + "".join(f"{r['company']},{r['role_title']}\n" for r in rows)
    imported = api.post(f"{V1}/import", content=body.encode(), headers={"Content-Type": "text/csv"})
    assert imported.status_code == 201, imported.text
    dana = create(api, "contacts", application_id=application["id"], name="Dana Reyes")
    create(
        api,
        "interviews",
        application_id=application["id"],
        starts_at="2026-11-02T10:00:00Z",
        interviewers=[{"contact_id": dana["id"], "notes": "billing"}],
    )
    response = api.get(f"{V1}/export")
    assert response.status_code == 200
    document = ExportOut.model_validate_json(response.content)
    assert len(document.applications) == 451
    assert [a.id for a in document.applications] == sorted(a.id for a in document.applications)
    assert document.interviews[0].interviewers[0].contact_id == dana["id"]
    assert document.settings.timezone == "UTC"
    csv_rows = list(
        csv.DictReader(io.StringIO(api.get(f"{V1}/export?format=csv").content.decode("utf-8-sig")))
    )
    assert len(csv_rows) == 451
