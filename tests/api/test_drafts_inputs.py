"""What the drafts are fed through the API: topics, concerns, strengths, salutations, a reply's
decision date, something of value for a status check; and the dates decisions get."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_resources import create
from tests.conftest import Account, Clock

V1 = "/api/v1"
AFTER_INTERVIEW = "2026-11-02T14:00:00Z"  # the interview ends 11:00 UTC that Monday
A_WEEK_ON = "2026-11-10T15:00:00Z"


def acme(api: TestClient) -> dict[str, Any]:
    assert api.patch(f"{V1}/me", json={"name": "Sam Lee"}).status_code == 200
    app = create(
        api,
        "applications",
        company="Acme Analytics",
        role_title="Data Engineer",
        strength="five years of building data pipelines",
        motivation="its open-source work on data quality",
    )
    dana = create(
        api,
        "contacts",
        application_id=app["id"],
        name="Dana Reyes",
        email="dana@acme.example.com",
        role="hiring_manager",
        salutation="Dr. Reyes",
    )
    lee = create(
        api, "contacts", application_id=app["id"], name="Lee Park", email="lee@acme.example.com"
    )
    interview = create(
        api,
        "interviews",
        application_id=app["id"],
        starts_at="2026-11-02T10:00:00Z",
        format="onsite",
        notes="Went well.",
        interviewers=[
            {
                "contact_id": dana["id"],
                "topics": ["the billing migration", "  "],
                "concerns": "worried I have never carried a pager",
                "notes": "private: she looked tired",
            },
            {"contact_id": lee["id"], "topics": ["how the team runs on-call"]},
        ],
    )
    return {"app": app, "dana": dana, "lee": lee, "interview": interview}


def actions(api: TestClient, as_of: str) -> dict[str, dict[str, Any]]:
    response = api.get(f"{V1}/next-actions", params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return {a["key"]: a for a in response.json()["items"]}


def test_the_new_fields_round_trip(api: TestClient) -> None:
    data = acme(api)
    app, dana, interview = data["app"], data["dana"], data["interview"]
    assert (app["strength"], app["motivation"]) == (
        "five years of building data pipelines",
        "its open-source work on data quality",
    )
    assert (app["offered_on"], app["offer_deadline"]) == (None, None)
    assert dana["salutation"] == "Dr. Reyes"
    person = interview["interviewers"][0]
    assert person == {
        "contact_id": dana["id"],
        "topics": ["the billing migration"],  # the blank one is dropped
        "concerns": "worried I have never carried a pager",
        "notes": "private: she looked tired",
    }
    listed = api.get(f"{V1}/interviews").json()["items"][0]
    assert listed["interviewers"][0]["topics"] == ["the billing migration"]


def test_thank_yous_use_topics_and_salutations_and_keep_the_rest_private(api: TestClient) -> None:
    data = acme(api)
    items = actions(api, AFTER_INTERVIEW)
    dana = items[f"thank_you.i{data['interview']['id']}.c{data['dana']['id']}"]["draft"]["body"]
    lee = items[f"thank_you.i{data['interview']['id']}.c{data['lee']['id']}"]["draft"]["body"]
    assert dana.startswith("Dear Dr. Reyes,\n\n")
    assert lee.startswith("Dear Lee,\n\n")
    assert "the billing migration" in dana
    assert "five years of building data pipelines" in dana
    assert "[" not in dana  # nothing left to fill in
    assert "[" not in lee
    for private in ("pager", "tired"):
        assert private not in dana


def test_something_of_value_fills_the_status_check(api: TestClient) -> None:
    data = acme(api)
    (key,) = [k for k in actions(api, A_WEEK_ON) if k.startswith("status_check.")]
    before = actions(api, A_WEEK_ON)[key]
    assert "[a finding, an idea or a link about the billing migration]" in before["draft"]["body"]
    assert before["value_add"] is None
    finding = "- A write-up on **exactly-once** delivery: https://example.com/eo"
    response = api.put(f"{V1}/next-actions/{key}/input", json={"value_add": finding})
    assert response.status_code == 200, response.text
    assert response.json() == {
        "key": key,
        "application_id": data["app"]["id"],
        "value_add": finding,
    }
    after = actions(api, A_WEEK_ON)[key]
    assert after["value_add"] == finding
    assert (
        "I came across something you may find useful: A write-up on exactly-once delivery: "
        "https://example.com/eo\n\n" in after["draft"]["body"]
    )
    assert "[" not in after["draft"]["body"]
    removed = api.put(f"{V1}/next-actions/{key}/input", json={"value_add": None})
    assert removed.json()["value_add"] is None
    assert "[a finding" in actions(api, A_WEEK_ON)[key]["draft"]["body"]


def test_only_a_status_check_takes_something_of_value(
    api: TestClient, make_account: Callable[..., Account]
) -> None:
    data = acme(api)
    thanks = f"thank_you.i{data['interview']['id']}.c{data['lee']['id']}"
    refused = api.put(f"{V1}/next-actions/{thanks}/input", json={"value_add": "a link"})
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"][0]["loc"] == ["path", "key"]
    unknown = api.put(f"{V1}/next-actions/status_check.a999.n1.i1/input", json={"value_add": "x"})
    assert unknown.status_code == 404
    (key,) = [k for k in actions(api, A_WEEK_ON) if k.startswith("status_check.")]
    too_long = api.put(f"{V1}/next-actions/{key}/input", json={"value_add": "x" * 301})
    assert too_long.status_code == 422
    assert api.put(f"{V1}/next-actions/{key}/input", json={"other": 1}).status_code == 422
    intruder = make_account("mallory@example.com").http
    assert (
        intruder.put(f"{V1}/next-actions/{key}/input", json={"value_add": "x"}).status_code == 404
    )


def test_a_reply_may_say_when_they_will_decide_but_a_message_of_yours_may_not(
    api: TestClient,
) -> None:
    data = acme(api)
    base = {
        "application_id": data["app"]["id"],
        "contact_id": data["dana"]["id"],
        "channel": "email",
        "occurred_at": "2026-11-04T15:00:00Z",
        "decision_expected_on": "2026-11-20",
    }
    reply = create(api, "touchpoints", kind="reply", **base)
    assert (reply["direction"], reply["decision_expected_on"]) == ("inbound", "2026-11-20")
    items = actions(api, A_WEEK_ON)
    (check,) = [a for k, a in items.items() if k.startswith("status_check.")]
    assert check["key"].endswith(f".r{reply['id']}")
    assert check["earliest_at"] == "2026-11-24T09:00:00Z"  # 2 business days after 20 Nov
    refused = api.post(f"{V1}/touchpoints", json={**base, "kind": "status_check"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["body", "decision_expected_on"]
    turned = api.patch(f"{V1}/touchpoints/{reply['id']}", json={"direction": "outbound"})
    assert turned.status_code == 422


def test_a_new_decision_gets_todays_date_and_a_decided_application_keeps_one(
    api: TestClient,
) -> None:
    app = create(api, "applications", company="Acme", role_title="Engineer")
    url = f"{V1}/applications/{app['id']}"
    first = api.patch(url, json={"status": "rejected", "decided_on": "2026-10-01"}).json()
    assert first["decided_on"] == "2026-10-01"
    api.patch(url, json={"status": "interviewing"})
    again = api.patch(url, json={"status": "rejected"}).json()
    assert again["decided_on"] != "2026-10-01"  # today's decision, not last month's
    cleared = api.patch(url, json={"decided_on": None})
    assert cleared.status_code == 422
    assert cleared.json()["errors"][0]["loc"] == ["body", "decided_on"]
    assert api.get(url).json()["decided_on"] == again["decided_on"]  # nothing changed
    offer = api.patch(url, json={"status": "offer", "offer_deadline": "2026-12-04"}).json()
    assert offer["offered_on"] is not None
    assert offer["offer_deadline"] == "2026-12-04"


def test_rejected_then_hired_thanks_the_manager_again(api: TestClient) -> None:
    data = acme(api)
    url = f"{V1}/applications/{data['app']['id']}"
    api.patch(url, json={"status": "rejected", "decided_on": "2026-11-09"})
    key = f"post_decision.a{data['app']['id']}.c{data['dana']['id']}.rejected"
    assert key in actions(api, A_WEEK_ON)
    sent = api.post(f"{V1}/next-actions/{key}/done", json={"occurred_at": "2026-11-10T16:00:00Z"})
    assert sent.status_code == 200
    api.patch(url, json={"status": "hired", "decided_on": "2026-11-23"})
    items = actions(api, "2026-11-23T15:00:00Z")
    hired = items[f"post_decision.a{data['app']['id']}.c{data['dana']['id']}.hired"]
    assert "Thank you for choosing me" in hired["draft"]["body"]


def test_an_offer_asks_for_an_answer_without_borrowing_a_citation(api: TestClient) -> None:
    data = acme(api)
    offered = api.patch(
        f"{V1}/applications/{data['app']['id']}",
        json={"status": "offer", "offered_on": "2026-11-02", "offer_deadline": "2026-11-13"},
    )
    assert offered.status_code == 200, offered.text
    offer = actions(api, A_WEEK_ON)[f"offer.a{data['app']['id']}"]
    assert (offer["kind"], offer["sources"], offer["status"]) == ("answer_offer", [], "due")
    assert offer["due_at"] == "2026-11-13T09:00:00Z"
    assert offer["why"].startswith("The guides do not cover offers")
    assert "[Your answer:" in offer["draft"]["body"]
    # The summary names it among today's once the deadline is within a day.
    summary = api.get(f"{V1}/next-actions/summary", params={"as_of": "2026-11-12T15:00:00Z"})
    assert "answer the offer from Dana Reyes (Acme Analytics)" in summary.json()["text"]


def test_export_and_import_keep_what_the_drafts_are_built_from(
    api: TestClient, make_account: Callable[..., Account]
) -> None:
    data = acme(api)
    (key,) = [k for k in actions(api, A_WEEK_ON) if k.startswith("status_check.")]
    api.put(f"{V1}/next-actions/{key}/input", json={"value_add": "a case study on backfills"})
    exported = api.get(f"{V1}/export").json()
    assert exported["action_inputs"] == [
        {"key": key, "application_id": data["app"]["id"], "value_add": "a case study on backfills"}
    ]
    other = make_account("twin@example.com").http
    imported = other.post(f"{V1}/import", json=exported)
    assert imported.status_code == 201, imported.text
    assert imported.json()["action_inputs"] == 1
    mine = sorted((k.split(".")[0], str(a["draft"])) for k, a in actions(api, A_WEEK_ON).items())
    theirs = other.get(f"{V1}/next-actions", params={"as_of": A_WEEK_ON}).json()["items"]
    # The same words, signed with the other account's address.
    theirs_drafts = [str(a["draft"]).replace("twin@", "dana@") for a in theirs]
    assert mine == sorted(zip([a["key"].split(".")[0] for a in theirs], theirs_drafts, strict=True))
    assert any("a case study on backfills" in draft for _, draft in mine)


def test_backfilling_last_months_interview_asks_for_nothing_that_can_no_longer_be_done(
    api: TestClient, clock: Clock
) -> None:
    """Recording an interview a month later: no "write down your notes — 30 days overdue", no
    preparation, and a thank-you that is due now and worded to read well late."""
    app = create(api, "applications", company="Acme", role_title="Engineer", strength="SQL")
    dana = create(
        api, "contacts", application_id=app["id"], name="Dana Reyes", email="d@a.example.com"
    )
    interview = create(
        api,
        "interviews",
        application_id=app["id"],
        starts_at=clock.iso(days=-30),
        interviewers=[{"contact_id": dana["id"], "topics": ["the billing migration"]}],
    )
    items = api.get(f"{V1}/next-actions").json()["items"]
    kinds = {a["kind"] for a in items}
    assert not kinds & {"write_notes", "prepare_questions"}
    (thanks,) = [a for a in items if a["kind"] == "send_thank_you"]
    assert thanks["key"] == f"thank_you.i{interview['id']}.c{dana['id']}"
    assert thanks["status"] == "due"
    assert "after its window had closed" in thanks["why"]
    assert thanks["draft"]["body"].startswith("Dear Dana,\n\nI wanted to")
    (check,) = [a for a in items if a["kind"] == "send_status_check"]
    assert check["status"] == "upcoming"  # after the late note, not on top of it
    assert check["earliest_at"] > clock.iso(days=1)  # 2 business days after the entry


def test_the_new_inputs_answer_problems_for_bad_input(api: TestClient) -> None:
    data = acme(api)
    (key,) = [k for k in actions(api, A_WEEK_ON) if k.startswith("status_check.")]
    url = f"{V1}/next-actions/{key}/input"
    for content, kind, status in (
        (b'{"value_add": "a', "application/json", 400),
        (b"value_add=a", "application/x-www-form-urlencoded", 415),
    ):
        response = api.put(url, content=content, headers={"Content-Type": kind})
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/problem+json"
    person = {"contact_id": data["lee"]["id"]}
    for topics, where in (
        ([f"topic {n}" for n in range(11)], ["body", "interviewers", 0, "topics"]),
        (["x" * 201], ["body", "interviewers", 0, "topics", 0]),
        ([""], ["body", "interviewers", 0, "topics", 0]),
    ):
        response = api.patch(
            f"{V1}/interviews/{data['interview']['id']}",
            json={"interviewers": [{**person, "topics": topics}]},
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["loc"] == where
    long_salutation = api.patch(
        f"{V1}/contacts/{data['dana']['id']}", json={"salutation": "D" * 101}
    )
    assert long_salutation.status_code == 422
    assert api.get(f"{V1}/interviews/{data['interview']['id']}").json() == data["interview"]
