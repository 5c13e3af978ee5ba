"""Events enter the outbox in the transaction of the write that caused them, whoever writes.

A session hook notes new touchpoints, changed applications and actions marked done as they
are flushed; just before the commit, a delivery row is inserted for each endpoint of the
user that listens to the event. So an event exists exactly when its write was kept, and the
worker's delivery job posts it (webhooks/service.py).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from followup.db import utcnow
from followup.models import ActionState, Application, Touchpoint, WebhookDelivery, WebhookEndpoint

_PENDING = "followup_webhook_events"
_COMMIT = "followup_webhook_commit"


def payload(event: str, data: dict[str, Any], at: datetime) -> str:
    """The body Standard Webhooks suggests: the event's type, when it happened, and its data."""
    body = {"type": event, "timestamp": at.isoformat().replace("+00:00", "Z"), "data": data}
    return orjson.dumps(body).decode()


def _noted(session: Session) -> list[tuple[int, str, str, object]]:
    pending: list[tuple[int, str, str, object]] = session.info.setdefault(_PENDING, [])
    return pending


def _commit_id(session: Session) -> str:
    """One id per transaction: a row flushed twice in it makes one event (the last state)."""
    commit_id: str = session.info.setdefault(_COMMIT, uuid.uuid4().hex)
    return commit_id


def _as_event(session: Session, row: object, new: bool) -> tuple[str, str] | None:
    if isinstance(row, Touchpoint) and new:
        return "touchpoint.created", f"touchpoint.created:{row.id}"
    if isinstance(row, Application) and not new and session.is_modified(row):
        return "application.updated", f"application.updated:{row.id}:{_commit_id(session)}"
    if isinstance(row, ActionState) and row.state == "done" and (new or session.is_modified(row)):
        return "action.done", f"action.done:{row.key}:{_commit_id(session)}"
    return None


def _data(row: object) -> dict[str, Any]:
    """The event's data: the row as the API shows it (as it stands when the write commits)."""
    from followup.applications.schemas import ApplicationOut
    from followup.touchpoints.schemas import TouchpointOut

    if isinstance(row, Touchpoint):
        return TouchpointOut.model_validate(row).model_dump(mode="json")
    if isinstance(row, Application):
        return ApplicationOut.model_validate(row).model_dump(mode="json")
    assert isinstance(row, ActionState)
    return {
        "key": row.key,
        "kind": row.kind,
        "application_id": row.application_id,
        "touchpoint_id": row.touchpoint_id,
        "acted_at": row.acted_at.isoformat().replace("+00:00", "Z"),
    }


def note_events(session: Session) -> None:
    """Called after each flush: remember the events its rows make (their data comes later,
    and only if an endpoint listens, so a large import without webhooks costs nothing)."""
    for rows, new in ((session.new, True), (session.dirty, False)):
        for row in rows:
            found = _as_event(session, row, new)
            if found is not None:
                _noted(session).append((row.user_id, *found, row))


def enqueue(session: Session) -> None:
    """Called before the commit: one delivery per listening endpoint for each noted event."""
    session.info.pop(_COMMIT, None)
    noted = session.info.pop(_PENDING, None)
    if not noted:
        return
    pending = list({key: (user_id, name, key, row) for user_id, name, key, row in noted}.values())
    users = sorted({user_id for user_id, *_ in pending})
    endpoints = session.execute(
        select(WebhookEndpoint.id, WebhookEndpoint.user_id, WebhookEndpoint.events).where(
            WebhookEndpoint.user_id.in_(users), WebhookEndpoint.active.is_(True)
        )
    ).all()
    now = utcnow()
    rows = [
        {
            "user_id": user_id,
            "endpoint_id": endpoint_id,
            "event": name,
            "event_key": key,
            "payload": payload(name, _data(row), now),
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for user_id, name, key, row in pending
        for endpoint_id, owner, events in endpoints
        if owner == user_id and name in events
    ]
    if rows:
        session.execute(insert(WebhookDelivery), rows)


def forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_COMMIT, None)


@event.listens_for(Session, "after_flush")
def _note_after_flush(session: Session, _flush_context: Any) -> None:
    note_events(session)


# Registered after db.py's own before_commit hook (models.py imports db.py first), which
# flushes what is still pending, so every event is noted by the time this one runs.
@event.listens_for(Session, "before_commit")
def _enqueue_before_commit(session: Session) -> None:
    enqueue(session)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    forget(session)
