"""POST /drafts/check through the API: context from the user's data, isolation, validation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_resources import create
from tests.conftest import Account, Clock

V1 = "/api/v1"


@pytest.fixture
def acme(api: TestClient, clock: Clock) -> dict[str, Any]:
    """An interview that ended five hours ago, with two interviewers."""
    assert api.patch(f"{V1}/me", json={"name": "Ana Silva"}).status_code == 200
    app = create(
        api,
        "applications",
        company="Acme Analytics",
        role_title="Data Engineer",
        strength="five years of building data pipelines",
    )
    create(api, "applications", company="Globex", role_title="Analyst")
    dana = create(
        api, "contacts", application_id=app["id"], name="Dana Reyes", email="d@a.example.com"
    )
    lee = create(
        api, "contacts", application_id=app["id"], name="Lee Park", email="l@a.example.com"
    )
    interview = create(
        api,
        "interviews",
        application_id=app["id"],
        starts_at=clock.iso(hours=-6),
        format="video",
        interviewers=[
            {
                "contact_id": dana["id"],
                "topics": ["the billing migration"],
                "notes": "she leaned in on costs",
            },
            {"contact_id": lee["id"], "topics": ["team rituals and on-call"]},
        ],
    )
    items = api.get(f"{V1}/next-actions").json()["items"]
    drafts = {
        a["contact_id"]: a["draft"]
        for a in items
        if a["kind"] == "send_thank_you" and a["interview_id"] == interview["id"]
    }
    return {"app": app, "dana": dana, "lee": lee, "interview": interview, "drafts": drafts}


def check(api: TestClient, **body: Any) -> list[dict[str, Any]]:
    response = api.post(f"{V1}/drafts/check", json=body)
    assert response.status_code == 200, response.text
    issues: list[dict[str, Any]] = response.json()["issues"]
    return issues


def test_the_engines_drafts_pass_clean(api: TestClient, acme: dict[str, Any]) -> None:
    for person in ("dana", "lee"):
        contact_id = acme[person]["id"]
        draft = acme["drafts"][contact_id]
        issues = check(
            api,
            kind="thank_you",
            contact_id=contact_id,
            interview_id=acme["interview"]["id"],
            subject=draft["subject"],
            body=draft["body"],
        )
        assert issues == [], issues


def test_a_draft_with_a_placeholder_left_is_an_error(api: TestClient, acme: dict[str, Any]) -> None:
    """Found in a walkthrough: status checks with "[one new finding …]" logged as sent."""
    body = "Dear Dana,\n\nI wanted to share [a finding, an idea or a link] with you.\n\nBest,\nAna"
    issues = check(
        api, kind="status_check", contact_id=acme["dana"]["id"], subject="[Your name]", body=body
    )
    placeholders = [i for i in issues if i["code"] == "unfilled_placeholder"]
    assert [(i["field"], i["severity"]) for i in placeholders] == [
        ("subject", "error"),
        ("body", "error"),
    ]
    start, end = placeholders[1]["span"]
    assert body[start:end] == "[a finding, an idea or a link]"
    assert placeholders[0]["sources"][0]["quote"] == "Proofread your note."
    link = "Dear Dana,\n\nHere is [the article](https://example.com/a).\n\nBest,\nAna"
    issues = check(api, kind="other", contact_id=acme["dana"]["id"], subject="A link", body=link)
    assert "unfilled_placeholder" not in [i["code"] for i in issues]


def test_a_copy_of_lees_draft_for_dana_is_flagged(api: TestClient, acme: dict[str, Any]) -> None:
    lee_draft = acme["drafts"][acme["lee"]["id"]]
    copied = lee_draft["body"].replace("Lee", "Dana")
    issues = check(
        api,
        kind="thank_you",
        contact_id=acme["dana"]["id"],  # the interview is found from Dana's latest
        subject=lee_draft["subject"],
        body=copied,
    )
    assert [i["code"] for i in issues] == ["generic_copy"]
    issue = issues[0]
    assert issue["severity"] == "error"
    assert issue["span"] == [0, len(copied)]
    assert issue["sources"][0]["guide"].endswith(".txt")
    assert "Lee Park" in issue["message"]


def test_a_copy_of_a_sent_thank_you_is_flagged(
    api: TestClient, acme: dict[str, Any], clock: Clock
) -> None:
    sent = "Dear Lee,\n\nThank you for meeting me today. I really enjoyed our talk."
    create(
        api,
        "touchpoints",
        application_id=acme["app"]["id"],
        contact_id=acme["lee"]["id"],
        interview_id=acme["interview"]["id"],
        kind="thank_you",
        channel="email",
        occurred_at=clock.iso(hours=-1),
        body=sent,
    )
    issues = check(
        api,
        kind="thank_you",
        contact_id=acme["dana"]["id"],
        subject="Thank you",
        body=sent.replace("Lee", "Dana"),
    )
    assert [i["code"] for i in issues] == ["generic_copy"]


def test_opener_and_other_company(api: TestClient, acme: dict[str, Any]) -> None:
    body = "Hi Dana,\n\nI haven't heard back yet. I would still love to join Globex."
    issues = check(api, kind="status_check", contact_id=acme["dana"]["id"], subject="", body=body)
    # Subject first, then by position in the body (too_soon spans the whole body).
    assert [i["code"] for i in issues] == [
        "no_subject",
        "too_soon",
        "forbidden_opener",
        "wrong_company",
    ]
    spans = {i["code"]: i["span"] for i in issues}
    start, end = spans["wrong_company"]
    assert body[start:end] == "Globex"
    assert body[slice(*spans["forbidden_opener"])] == "I haven't heard back yet."


def test_status_check_too_soon_then_fine(
    api: TestClient, acme: dict[str, Any], clock: Clock
) -> None:
    body = "Dear Dana,\n\nSince we met I have looked further into the billing migration."
    request = {
        "kind": "status_check",
        "contact_id": acme["dana"]["id"],
        "subject": "Following up",
        "body": body,
    }
    assert [i["code"] for i in check(api, **request)] == ["too_soon"]
    # Fine once the engine's own status check opens (about a week later, on a business day).
    items = api.get(f"{V1}/next-actions").json()["items"]
    opens = next(a["earliest_at"] for a in items if a["kind"] == "send_status_check")
    clock.advance(datetime.fromisoformat(opens) - clock.now)
    assert check(api, **request) == []


def test_repeat_of_the_thank_you(api: TestClient, acme: dict[str, Any], clock: Clock) -> None:
    thank_you = acme["drafts"][acme["dana"]["id"]]["body"]
    create(
        api,
        "touchpoints",
        application_id=acme["app"]["id"],
        contact_id=acme["dana"]["id"],
        interview_id=acme["interview"]["id"],
        kind="thank_you",
        occurred_at=clock.iso(hours=-1),
        body=thank_you,
    )
    issues = check(
        api,
        kind="status_check",
        contact_id=acme["dana"]["id"],
        subject="Following up",
        body=thank_you,
    )
    assert "repeat_of_thank_you" in [i["code"] for i in issues]


def test_another_users_ids_are_404(
    api: TestClient, acme: dict[str, Any], make_account: Callable[..., Account]
) -> None:
    other = make_account("lee@example.com").http
    for field in ("contact_id", "interview_id", "application_id"):
        key = {"contact_id": "dana", "interview_id": "interview", "application_id": "app"}[field]
        response = other.post(
            f"{V1}/drafts/check",
            json={"kind": "thank_you", field: acme[key]["id"], "subject": "s", "body": "b"},
        )
        assert response.status_code == 404, response.text
        assert response.headers["content-type"] == "application/problem+json"


def test_another_users_companies_are_never_used(
    api: TestClient, make_account: Callable[..., Account]
) -> None:
    other = make_account("lee@example.com").http
    create(other, "applications", company="Globex", role_title="Analyst")
    app = create(api, "applications", company="Acme", role_title="Engineer")
    issues = check(
        api, kind="thank_you", application_id=app["id"], subject="Hi", body="I like Globex."
    )
    assert "wrong_company" not in [i["code"] for i in issues]


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "reply", "subject": "s", "body": "b"},
        {"kind": "thank_you", "body": "b"},
        {"kind": "thank_you", "subject": "s", "body": "b", "unknown": 1},
        {"kind": "thank_you", "subject": "s", "body": "b", "contact_id": 0},
        {"kind": "thank_you", "subject": "s", "body": "x" * 20_001},
    ],
)
def test_bad_requests_are_422(api: TestClient, body: dict[str, Any]) -> None:
    response = api.post(f"{V1}/drafts/check", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["errors"]


def test_ids_of_different_applications_are_422(api: TestClient, acme: dict[str, Any]) -> None:
    globex = create(api, "applications", company="Initech", role_title="Dev")
    response = api.post(
        f"{V1}/drafts/check",
        json={
            "kind": "thank_you",
            "contact_id": acme["dana"]["id"],
            "application_id": globex["id"],
            "subject": "s",
            "body": "b",
        },
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["loc"] == ["body", "application_id"]
