"""Webhooks posted to a real HTTP receiver that verifies every signature with the library."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followup.config import Settings
from followup.webhooks.delivery import deliver_pending
from followup.webhooks.service import enqueue_due_actions
from followup.worker.context import WorkerContext
from followup.worker.runner import context_for
from tests.api.test_next_actions import AFTER_INTERVIEW, actions, interview_with_two_people
from tests.conftest import Clock
from tests.mailbox import smtp_server
from tests.webhooks.receiver import Receiver, webhook_receiver

V1 = "/api/v1"
EVENTS = ["touchpoint.created", "application.updated", "action.done", "action.due"]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with webhook_receiver() as server:
        yield server


@pytest.fixture
def worker(app: Any, settings: Settings) -> WorkerContext:
    """The tests' receiver listens on loopback, which the operator must allow."""
    allowing = settings.model_copy(update={"webhooks_allow_private": True})
    app.state.settings = allowing
    return context_for(allowing, app.state.sessionmaker)


def register(api: TestClient, receiver: Receiver, events: list[str] = EVENTS) -> dict[str, Any]:
    created = api.post(f"{V1}/webhooks", json={"url": receiver.url, "events": events})
    assert created.status_code == 201, created.text
    receiver.secret = created.json()["secret"]
    return dict(created.json())


def deliveries(api: TestClient, webhook_id: int) -> list[dict[str, Any]]:
    answer = api.get(f"{V1}/webhooks/{webhook_id}/deliveries")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def test_a_touchpoint_is_posted_once_signed(
    api: TestClient, worker: WorkerContext, receiver: Receiver, clock: Clock
) -> None:
    hook = register(api, receiver)
    data = interview_with_two_people(api)
    body = {
        "application_id": data["application"]["id"],
        "contact_id": data["dana"]["id"],
        "kind": "reply",
        "channel": "email",
        "occurred_at": AFTER_INTERVIEW,
    }
    touchpoint = api.post(f"{V1}/touchpoints", json=body).json()
    deliver_pending(worker, clock.now)
    deliver_pending(worker, clock.now)
    [event] = receiver.of_type("touchpoint.created")
    assert event["data"]["id"] == touchpoint["id"]
    assert receiver.rejected == 0
    [delivery] = [d for d in deliveries(api, hook["id"]) if d["event"] == "touchpoint.created"]
    assert delivery["status"] == "delivered"
    assert delivery["last_status_code"] == 204
    assert str(delivery["id"]) in receiver.ids


def test_an_update_and_a_done_are_posted(
    api: TestClient, worker: WorkerContext, receiver: Receiver, clock: Clock
) -> None:
    register(api, receiver, ["application.updated", "action.done"])
    data = interview_with_two_people(api)
    api.patch(f"{V1}/applications/{data['application']['id']}", json={"notes": "keen"})
    thank_you = next(a for a in actions(api) if a["kind"] == "send_thank_you")
    assert api.post(f"{V1}/next-actions/{thank_you['key']}/done").status_code == 200
    deliver_pending(worker, clock.now)
    updates = receiver.of_type("application.updated")  # creating the interview moved it too
    assert [u["data"]["status"] for u in updates] == ["interviewing", "interviewing"]
    assert [u["data"]["notes"] for u in updates] == [None, "keen"]
    [done] = receiver.of_type("action.done")
    assert done["data"]["key"] == thank_you["key"]
    assert receiver.of_type("touchpoint.created") == []  # not subscribed


def test_action_due_is_posted_once_per_action(
    api: TestClient, worker: WorkerContext, receiver: Receiver, clock: Clock
) -> None:
    register(api, receiver, ["action.due"])
    interview_with_two_people(api)
    for _ in range(2):
        enqueue_due_actions(worker, clock.now)
        deliver_pending(worker, clock.now)
    due = [a["key"] for a in actions(api, as_of=clock.iso()) if a["status"] != "upcoming"]
    assert sorted(e["data"]["key"] for e in receiver.of_type("action.due")) == sorted(due)


def test_a_failing_receiver_is_retried_with_backoff_then_turned_off(
    api: TestClient, worker: WorkerContext, receiver: Receiver, clock: Clock
) -> None:
    with smtp_server() as mailbox:
        worker.settings = worker.settings.model_copy(update={"smtp_url": mailbox.url})
        _fail_for_a_day(api, worker, receiver, clock)
    [told] = mailbox.messages
    assert told["To"] == "dana@example.com"
    assert "could not be delivered for a day" in told.get_content()


def _fail_for_a_day(
    api: TestClient, worker: WorkerContext, receiver: Receiver, clock: Clock
) -> None:
    hook = register(api, receiver, ["application.updated"])
    application = api.post(f"{V1}/applications", json={"company": "A", "role_title": "B"})
    api.patch(f"{V1}/applications/{application.json()['id']}", json={"notes": "x"})
    receiver.answer = 500
    deliver_pending(worker, clock.now)
    [first] = deliveries(api, hook["id"])
    assert first["attempts"] == 1
    assert first["last_status_code"] == 500
    assert first["next_attempt_at"] == clock.iso(seconds=30)
    deliver_pending(worker, clock.now)  # not yet
    assert deliveries(api, hook["id"])[0]["attempts"] == 1
    clock.advance(seconds=30)
    deliver_pending(worker, clock.now)
    assert deliveries(api, hook["id"])[0]["next_attempt_at"] == clock.iso(minutes=1)
    for _ in range(40):  # a day of retries, an hour apart at most
        clock.advance(hours=1)
        deliver_pending(worker, clock.now)
    [last] = deliveries(api, hook["id"])
    assert last["status"] == "failed"
    endpoint = api.get(f"{V1}/webhooks/{hook['id']}").json()
    assert endpoint["active"] is False
    assert "could not be delivered for a day" in endpoint["disabled_reason"]
    assert receiver.received == []


def test_addresses_are_checked_when_saved_and_when_sent(
    app: Any, api: TestClient, worker: WorkerContext, receiver: Receiver, clock: Clock
) -> None:
    for url in ("http://169.254.169.254/latest", "http://[fe80::1]/x", "ftp://example.org/"):
        refused = api.post(f"{V1}/webhooks", json={"url": url, "events": ["action.done"]})
        assert refused.status_code == 422, url
    hook = register(api, receiver, ["application.updated"])
    application = api.post(f"{V1}/applications", json={"company": "A", "role_title": "B"})
    api.patch(f"{V1}/applications/{application.json()['id']}", json={"notes": "x"})
    strict = worker.settings.model_copy(update={"webhooks_allow_private": False})
    app.state.settings = strict
    worker.settings = strict
    deliver_pending(worker, clock.now)
    [delivery] = deliveries(api, hook["id"])
    assert delivery["last_response"].startswith("refused: 127.0.0.1")
    assert receiver.received == []
    again = api.post(f"{V1}/webhooks", json={"url": receiver.url, "events": ["action.done"]})
    assert again.status_code == 422
    assert "private or loopback" in again.json()["errors"][0]["msg"]


def test_the_secret_is_shown_once_and_endpoints_are_managed(
    api: TestClient, worker: WorkerContext, receiver: Receiver
) -> None:
    hook = register(api, receiver, ["action.done"])
    assert hook["secret"].startswith("whsec_")
    read = api.get(f"{V1}/webhooks/{hook['id']}")
    assert "secret" not in read.json()
    changed = api.patch(
        f"{V1}/webhooks/{hook['id']}",
        json={"events": ["action.due", "action.done"]},
        headers={"If-Match": read.headers["ETag"]},
    )
    assert changed.json()["events"] == ["action.done", "action.due"]
    assert [h["id"] for h in api.get(f"{V1}/webhooks").json()["items"]] == [hook["id"]]
    assert api.delete(f"{V1}/webhooks/{hook['id']}").status_code == 204
    assert api.get(f"{V1}/webhooks/{hook['id']}").status_code == 404
