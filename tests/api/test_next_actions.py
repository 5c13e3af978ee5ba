"""/next-actions through the API: as_of, done, snooze, dismiss, reopen and isolation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_resources import create
from tests.conftest import Account, Clock

V1 = "/api/v1"
# The interview ends 2026-11-02 11:00 UTC (a Monday); tests look at it through as_of.
AFTER_INTERVIEW = "2026-11-02T14:00:00Z"


def interview_with_two_people(
    api: TestClient, starts_at: str = "2026-11-02T10:00:00Z"
) -> dict[str, Any]:
    api.patch(f"{V1}/me", json={"name": "Sam Lee"})
    app = create(api, "applications", company="Acme Analytics", role_title="Data Engineer")
    dana = create(
        api, "contacts", application_id=app["id"], name="Dana Reyes", email="dana@acme.example.com"
    )
    lee = create(
        api, "contacts", application_id=app["id"], name="Lee Park", email="lee@acme.example.com"
    )
    interview = create(
        api,
        "interviews",
        application_id=app["id"],
        starts_at=starts_at,
        interviewers=[
            {"contact_id": dana["id"], "topics": ["the billing migration to event sourcing"]},
            {
                "contact_id": lee["id"],
                "topics": ["how the team runs on-call"],
                "concerns": "whether I have carried a pager",
                "notes": "private: seemed tired",
            },
        ],
        notes="Went well.",
    )
    return {"application": app, "dana": dana, "lee": lee, "interview": interview}


def actions(api: TestClient, as_of: str = AFTER_INTERVIEW, **params: Any) -> list[dict[str, Any]]:
    response = api.get(f"{V1}/next-actions", params={"as_of": as_of, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def thank_yous(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for a in items if a["kind"] == "send_thank_you"]


def test_a_thank_you_per_interviewer_with_their_own_topic(api: TestClient) -> None:
    data = interview_with_two_people(api)
    items = actions(api)
    thanks = thank_yous(items)
    assert {a["contact_id"] for a in thanks} == {data["dana"]["id"], data["lee"]["id"]}
    for action in thanks:
        assert action["channel"] == "email"
        assert action["status"] == "due"
        assert action["earliest_at"] == "2026-11-02T13:00:00Z"  # 2 hours after the end
        assert action["due_at"] == "2026-11-03T11:00:00Z"  # 24 hours after the end
        assert action["why"]
        assert action["sources"]
        assert all(len(s["quote"]) >= 20 for s in action["sources"])
    by_person = {a["contact_id"]: a["draft"]["body"] for a in thanks}
    assert "billing migration" in by_person[data["dana"]["id"]]
    assert "on-call" in by_person[data["lee"]["id"]]
    assert "pager" not in by_person[data["lee"]["id"]]  # concerns shape, never quoted
    assert "tired" not in by_person[data["lee"]["id"]]  # private notes stay private
    assert [(a["due_at"], a["key"]) for a in items] == sorted(
        (a["due_at"], a["key"]) for a in items
    )


def test_as_of_before_the_interview_ends_proposes_no_thank_you(api: TestClient) -> None:
    interview_with_two_people(api)
    before = actions(api, as_of="2026-11-01T10:00:00Z")
    assert thank_yous(before) == []
    assert [a["kind"] for a in before] == ["prepare_questions"]


def test_done_logs_the_touchpoint_and_reopen_removes_it(api: TestClient) -> None:
    data = interview_with_two_people(api)
    key = thank_yous(actions(api))[0]["key"]
    done = api.post(f"{V1}/next-actions/{key}/done", json={"occurred_at": AFTER_INTERVIEW})
    assert done.status_code == 200, done.text
    assert done.json()["state"] == "done"
    touchpoint = api.get(f"{V1}/touchpoints/{done.json()['touchpoint_id']}").json()
    assert (touchpoint["kind"], touchpoint["direction"], touchpoint["channel"]) == (
        "thank_you",
        "outbound",
        "email",
    )
    assert touchpoint["interview_id"] == data["interview"]["id"]
    assert touchpoint["body"]  # the draft was logged as what was sent
    assert key not in [a["key"] for a in actions(api)]
    timeline = api.get(f"{V1}/applications/{data['application']['id']}/timeline").json()["items"]
    assert any(
        e["type"] == "touchpoint" and e["touchpoint"]["kind"] == "thank_you" for e in timeline
    )
    # A retried done logs nothing twice.
    again = api.post(f"{V1}/next-actions/{key}/done")
    assert again.json()["touchpoint_id"] == done.json()["touchpoint_id"]
    assert len(api.get(f"{V1}/touchpoints").json()["items"]) == 1

    reopened = api.post(f"{V1}/next-actions/{key}/reopen")
    assert reopened.status_code == 200
    assert reopened.json()["state"] is None
    assert api.get(f"{V1}/touchpoints").json()["items"] == []
    assert key in [a["key"] for a in actions(api)]


def test_snooze_hides_until_then_reappears(api: TestClient) -> None:
    interview_with_two_people(api)
    key = thank_yous(actions(api))[0]["key"]
    snoozed = api.post(
        f"{V1}/next-actions/{key}/snooze", json={"until": "2099-01-01T09:00:00+01:00"}
    )
    assert snoozed.status_code == 200
    assert snoozed.json()["until"] == "2099-01-01T08:00:00Z"
    assert key not in [a["key"] for a in actions(api)]
    later = actions(api, as_of="2099-01-01T08:00:00Z")
    assert key in [a["key"] for a in later]
    past = api.post(f"{V1}/next-actions/{key}/snooze", json={"until": "2020-01-01T00:00:00Z"})
    assert past.status_code == 422
    naive = api.post(f"{V1}/next-actions/{key}/snooze", json={"until": "2099-01-01T09:00:00"})
    assert naive.status_code == 422


def test_dismiss_hides_at_any_as_of(api: TestClient) -> None:
    interview_with_two_people(api)
    key = thank_yous(actions(api))[0]["key"]
    assert api.post(f"{V1}/next-actions/{key}/dismiss").json()["state"] == "dismissed"
    for as_of in (AFTER_INTERVIEW, "2026-11-03T12:00:00Z", "2027-01-01T00:00:00Z"):
        assert key not in [a["key"] for a in actions(api, as_of=as_of)]


def test_move_on_done_closes_the_application_and_reopen_restores_it(
    api: TestClient, clock: Clock
) -> None:
    # `done` acts at the present, so the story is told in days before it.
    data = interview_with_two_people(api, starts_at=clock.iso(days=-45))
    app_id = data["application"]["id"]
    for contact in ("dana", "lee"):
        create(
            api,
            "touchpoints",
            application_id=app_id,
            contact_id=data[contact]["id"],
            interview_id=data["interview"]["id"],
            kind="thank_you",
            channel="email",
            occurred_at=clock.iso(days=-45, hours=5),
        )
    for days_ago in (35, 27):
        create(
            api,
            "touchpoints",
            application_id=app_id,
            contact_id=data["dana"]["id"],
            kind="status_check",
            channel="email",
            occurred_at=clock.iso(days=-days_ago),
        )
    move_on = [a for a in actions(api, as_of=clock.iso()) if a["kind"] == "move_on"]
    assert len(move_on) == 1
    done = api.post(f"{V1}/next-actions/{move_on[0]['key']}/done")
    assert done.status_code == 200, done.text
    assert api.get(f"{V1}/applications/{app_id}").json()["status"] == "closed"
    assert api.post(f"{V1}/next-actions/{move_on[0]['key']}/reopen").status_code == 200
    assert api.get(f"{V1}/applications/{app_id}").json()["status"] == "interviewing"


def test_etag_gives_304_while_nothing_changes(api: TestClient) -> None:
    interview_with_two_people(api)
    first = api.get(f"{V1}/next-actions", params={"as_of": "2026-11-02T14:00:00Z"})
    etag = first.headers["etag"]
    same = api.get(
        f"{V1}/next-actions",
        params={"as_of": "2026-11-02T14:05:00Z"},
        headers={"If-None-Match": etag},
    )
    assert same.status_code == 304
    weak = api.get(
        f"{V1}/next-actions",
        params={"as_of": "2026-11-02T14:05:00Z"},
        headers={"If-None-Match": f"W/{etag}"},
    )
    assert weak.status_code == 304  # compared weakly, as for every other ETag (RFC 9110)
    key = thank_yous(first.json()["items"])[0]["key"]
    api.post(f"{V1}/next-actions/{key}/dismiss")
    changed = api.get(
        f"{V1}/next-actions",
        params={"as_of": "2026-11-02T14:05:00Z"},
        headers={"If-None-Match": etag},
    )
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag


def test_filter_by_application_and_unknown_keys(api: TestClient) -> None:
    data = interview_with_two_people(api)
    other = create(api, "applications", company="Globex", role_title="Analyst")
    # No interview yet: a check on the application, beyond the guides and citing none.
    (check,) = actions(api, application_id=other["id"])
    assert (check["kind"], check["sources"]) == ("send_status_check", [])
    assert check["why"].startswith("Beyond the guides")
    assert len(actions(api, application_id=data["application"]["id"])) >= 2
    assert api.get(f"{V1}/next-actions", params={"application_id": 999}).status_code == 404
    assert api.post(f"{V1}/next-actions/thank_you.i999.c1/done").status_code == 404
    assert api.post(f"{V1}/next-actions/bad key!/done").status_code in (404, 422)
    assert api.get(f"{V1}/next-actions", params={"as_of": "2026-11-02T14:00:00"}).status_code == 422


def test_another_users_actions_are_invisible_and_untouchable(
    api: TestClient, make_account: Callable[..., Account]
) -> None:
    interview_with_two_people(api)
    key = thank_yous(actions(api))[0]["key"]
    intruder = make_account("mallory@example.com").http
    assert (
        intruder.get(f"{V1}/next-actions", params={"as_of": AFTER_INTERVIEW}).json()["items"] == []
    )
    for verb in ("done", "dismiss", "reopen"):
        assert intruder.post(f"{V1}/next-actions/{key}/{verb}").status_code == 404
    assert (
        intruder.post(
            f"{V1}/next-actions/{key}/snooze", json={"until": "2099-01-01T00:00:00Z"}
        ).status_code
        == 404
    )
    assert key in [a["key"] for a in actions(api)]


def test_profile_change_changes_timings(api: TestClient) -> None:
    interview_with_two_people(api)
    api.patch(f"{V1}/me", json={"policy_profile": "prompt"})
    thanks = thank_yous(actions(api))
    assert {a["due_at"] for a in thanks} == {"2026-11-02T23:00:00Z"}  # 12 hours after the end


def test_every_rule_is_visible_through_the_api_with_as_of(api: TestClient) -> None:
    """One application walked through time: each kind of action shows up when the guides say."""
    app = create(api, "applications", company="Initech", role_title="Analyst")
    recruiter = create(
        api, "contacts", application_id=app["id"], name="Rita Ross", role="recruiter"
    )
    manager = create(
        api, "contacts", application_id=app["id"], name="Max Bolt", role="hiring_manager"
    )
    interview = create(
        api,
        "interviews",
        application_id=app["id"],
        starts_at="2026-11-09T15:00:00Z",  # a Monday
        format="video",
        arranged_by_id=recruiter["id"],
        interviewers=[{"contact_id": manager["id"], "notes": "quarterly forecasting"}],
    )

    def kinds(as_of: str) -> set[str]:
        return {a["kind"] for a in actions(api, as_of=as_of)}

    assert kinds("2026-11-07T12:00:00Z") == {"prepare_questions"}
    after = kinds("2026-11-09T18:00:00Z")
    # No notes yet, two people to thank (the manager and the recruiter who arranged the video
    # call), neither with an email address.
    assert {"write_notes", "send_thank_you", "collect_contact"} <= after
    thank_yous_to = {
        a["contact_id"]
        for a in actions(api, as_of="2026-11-09T18:00:00Z")
        if a["kind"] == "send_thank_you"
    }
    assert thank_yous_to == {manager["id"], recruiter["id"]}
    for person in (manager, recruiter):
        create(
            api,
            "touchpoints",
            application_id=app["id"],
            contact_id=person["id"],
            interview_id=interview["id"],
            kind="thank_you",
            channel="email",
            occurred_at="2026-11-09T20:00:00Z",
        )
    assert "send_status_check" in kinds("2026-11-17T12:00:00Z")
    api.patch(
        f"{V1}/applications/{app['id']}", json={"status": "rejected", "decided_on": "2026-11-20"}
    )
    decided = actions(api, as_of="2026-11-20T12:00:00Z")
    assert {a["kind"] for a in decided} <= {"send_post_decision_thanks", "collect_contact"}
    assert [a["contact_id"] for a in decided if a["kind"] == "send_post_decision_thanks"] == [
        manager["id"]
    ]


def test_a_warm_cache_answers_what_a_cold_one_does_across_spans(
    settings: Any, api: TestClient
) -> None:
    """Found in review: a window that moved under the same key was rendered from the old span."""
    from followup.main import create_app

    app = create(api, "applications", company="Acme", role_title="Engineer")
    dana = create(
        api, "contacts", application_id=app["id"], name="Dana Reyes", email="d@acme.example.com"
    )
    interview = create(
        api,
        "interviews",
        application_id=app["id"],
        starts_at="2026-01-05T15:00:00Z",
        interviewers=[{"contact_id": dana["id"], "notes": "the roadmap"}],
        notes="fine",
    )
    create(
        api,
        "touchpoints",
        application_id=app["id"],
        contact_id=dana["id"],
        interview_id=interview["id"],
        kind="thank_you",
        channel="email",
        occurred_at="2026-01-09T12:00:00Z",
    )
    actions(api, as_of="2026-01-08T12:00:00Z")  # warms the cache in the span before the message
    warm = actions(api, as_of="2026-01-20T12:00:00Z")
    fresh_app = create_app(settings)
    with TestClient(fresh_app, headers=dict(api.headers)) as cold_client:
        cold = actions(cold_client, as_of="2026-01-20T12:00:00Z")
    fresh_app.state.engine.dispose()
    assert warm == cold


def test_pages_of_next_actions_follow_their_cursor_to_the_whole_list(api: TestClient) -> None:
    interview_with_two_people(api)
    whole = actions(api)
    assert len(whole) >= 3
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"as_of": AFTER_INTERVIEW, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = api.get(f"{V1}/next-actions", params=params).json()
        assert len(page["items"]) <= 2
        seen += [a["key"] for a in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [a["key"] for a in whole]
    assert api.get(f"{V1}/next-actions", params={"cursor": "forged.0"}).status_code == 422
    assert api.get(f"{V1}/next-actions", params={"limit": 501}).status_code == 422
