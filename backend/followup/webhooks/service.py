"""Webhook endpoints, and the two jobs that feed and drain their deliveries."""

from __future__ import annotations

import base64
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError

from followup.db import transaction
from followup.errors import Invalid
from followup.models import User, WebhookDelivery, WebhookEndpoint
from followup.next_actions.service import open_actions
from followup.pagination import fetch_page
from followup.repository import Repo
from followup.webhooks import addresses
from followup.webhooks.events import payload
from followup.webhooks.schemas import NewWebhookOut, WebhookIn, WebhookOut, WebhookPatch
from followup.worker.context import WorkerContext

RETRY_FOR = timedelta(days=1)


def _checked_url(url: str, *, allow_private: bool) -> str:
    try:
        addresses.resolve(url, allow_private=allow_private)
    except addresses.RefusedAddress as exc:
        raise Invalid(
            "Webhooks cannot be posted to this URL.",
            errors=[{"loc": ["body", "url"], "msg": str(exc)}],
        ) from exc
    return url


def create(repo: Repo, *, data: WebhookIn, allow_private: bool) -> NewWebhookOut:
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
    endpoint = WebhookEndpoint(
        url=_checked_url(data.url, allow_private=allow_private),
        events=sorted(set(data.events)),
        secret=secret,
        active=True,
    )
    repo.add(endpoint)
    return NewWebhookOut(**WebhookOut.model_validate(endpoint).model_dump(), secret=secret)


def change(
    repo: Repo, endpoint: WebhookEndpoint, *, data: WebhookPatch, allow_private: bool
) -> WebhookEndpoint:
    changes = data.changes()
    if "url" in changes:
        _checked_url(changes["url"], allow_private=allow_private)
    if "events" in changes:
        changes["events"] = sorted(set(changes["events"]))
    if changes.get("active"):
        changes["disabled_reason"] = None
    repo.apply(endpoint, changes)
    return endpoint


_ENDPOINT_COLUMNS = ("id", "url", "events", "active", "disabled_reason", "created_at", "updated_at")
_DELIVERY_COLUMNS = (
    "id",
    "event",
    "status",
    "attempts",
    "last_status_code",
    "last_response",
    "next_attempt_at",
    "created_at",
    "delivered_at",
)


def page_of_endpoints(
    repo: Repo, *, limit: int, cursor: str | None, key: str
) -> tuple[list[dict[str, Any]], str | None]:
    return fetch_page(repo, WebhookEndpoint, _ENDPOINT_COLUMNS, limit=limit, cursor=cursor, key=key)


def page_of_deliveries(
    repo: Repo, endpoint: WebhookEndpoint, *, limit: int, cursor: str | None, key: str
) -> tuple[list[dict[str, Any]], str | None]:
    rows, next_cursor = fetch_page(
        repo,
        WebhookDelivery,
        _DELIVERY_COLUMNS,
        equal={"endpoint_id": endpoint.id},
        limit=limit,
        cursor=cursor,
        key=key,
    )
    for row in rows:
        if row["status"] != "pending":
            row["next_attempt_at"] = None
    return rows, next_cursor


# -- the worker's jobs ------------------------------------------------------------------------
def enqueue_due_actions(context: WorkerContext, now: datetime) -> None:
    """`action.due`: once per action and endpoint, when the action is due or overdue."""
    with context.factory() as session:
        endpoints = session.execute(
            select(WebhookEndpoint.id, WebhookEndpoint.user_id, WebhookEndpoint.events).where(
                WebhookEndpoint.active.is_(True)
            )
        ).all()
    listening: dict[int, list[int]] = {}
    for endpoint_id, user_id, events in endpoints:
        if "action.due" in events:
            listening.setdefault(user_id, []).append(endpoint_id)
    for user_id, endpoint_ids in listening.items():
        _enqueue_due_for(context, user_id, endpoint_ids, now)


def _enqueue_due_for(
    context: WorkerContext, user_id: int, endpoint_ids: list[int], now: datetime
) -> None:
    with context.factory() as session:
        user = session.get_one(User, user_id)
        actions = open_actions(
            Repo(session, user_id), user, as_of=now, application_id=None, cache=context.cache
        )
        due = [a for a in actions if a.status != "upcoming"]
        known = set(
            session.execute(
                select(WebhookDelivery.endpoint_id, WebhookDelivery.event_key).where(
                    WebhookDelivery.endpoint_id.in_(endpoint_ids),
                    WebhookDelivery.event == "action.due",
                )
            ).all()
        )
    for action in due:
        key = f"action.due:{action.key}"
        for endpoint_id in endpoint_ids:
            if (endpoint_id, key) in known:
                continue
            try:  # a unique (endpoint, event) row: another worker may have written it
                with transaction(context.factory, write=True) as session:
                    session.add(
                        WebhookDelivery(
                            user_id=user_id,
                            endpoint_id=endpoint_id,
                            event="action.due",
                            event_key=key,
                            payload=payload("action.due", action.to_dict(), now),
                            next_attempt_at=now,
                            created_at=now,
                        )
                    )
            except IntegrityError:
                pass


def claim_attempt(context: WorkerContext, delivery_id: int, now: datetime) -> bool:
    """Take the next attempt: only one worker moves it past its lease, and that one sends."""
    lease = timedelta(seconds=context.settings.digest_lease_seconds)
    with transaction(context.factory, write=True) as session:
        taken: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.status == "pending",
                WebhookDelivery.next_attempt_at <= now,
            )
            .values(next_attempt_at=now + lease, attempts=WebhookDelivery.attempts + 1)
        )
        return bool(taken.rowcount)
