"""HTTP edge for /webhooks: endpoints and their deliveries."""

from __future__ import annotations

from fastapi import APIRouter, Response

from followup.deps import CursorKey, SettingsDep, UserUnit
from followup.http import json_response, no_content, page_response, resource_response
from followup.models import WebhookEndpoint
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page
from followup.schemas import IdPath
from followup.webhooks import service
from followup.webhooks.schemas import (
    DeliveryOut,
    NewWebhookOut,
    WebhookIn,
    WebhookOut,
    WebhookPatch,
)
from followup.work import WorkRoute

router = APIRouter(prefix="/webhooks", tags=["webhooks"], route_class=WorkRoute)


@router.post(
    "",
    status_code=201,
    summary="Register a webhook endpoint (its signing secret is shown once)",
    response_model=NewWebhookOut,
)
def create_webhook(data: WebhookIn, unit: UserUnit, settings: SettingsDep) -> Response:
    # Idempotency-Key is ignored here on purpose: replaying would mean storing the answer's secret.
    created = service.create(unit.repo, data=data, allow_private=settings.webhooks_allow_private)
    return json_response(created, status_code=201)


@router.get("", summary="List webhook endpoints", response_model=Page[WebhookOut])
def list_webhooks(
    unit: UserUnit, cursor_key: CursorKey, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Response:
    rows, next_cursor = service.page_of_endpoints(
        unit.repo, limit=limit, cursor=cursor, key=cursor_key
    )
    return page_response(rows, next_cursor)


@router.get("/{webhook_id}", summary="Read a webhook endpoint", response_model=WebhookOut)
def read_webhook(webhook_id: IdPath, unit: UserUnit) -> Response:
    return resource_response(WebhookOut.model_validate(unit.repo.get(WebhookEndpoint, webhook_id)))


@router.patch(
    "/{webhook_id}",
    summary="Change a webhook endpoint's URL or events, or turn it on or off",
    response_model=WebhookOut,
    responses=problems(412),
)
def update_webhook(
    webhook_id: IdPath, data: WebhookPatch, unit: UserUnit, settings: SettingsDep
) -> Response:
    endpoint = unit.current(WebhookEndpoint, webhook_id, WebhookOut)
    endpoint = service.change(
        unit.repo, endpoint, data=data, allow_private=settings.webhooks_allow_private
    )
    return resource_response(WebhookOut.model_validate(endpoint))


@router.delete(
    "/{webhook_id}",
    status_code=204,
    summary="Delete a webhook endpoint and its deliveries",
    responses=problems(412),
)
def delete_webhook(webhook_id: IdPath, unit: UserUnit) -> Response:
    unit.repo.delete(unit.current(WebhookEndpoint, webhook_id, WebhookOut))
    return no_content()


@router.get(
    "/{webhook_id}/deliveries",
    summary="The endpoint's deliveries, oldest first: status code, first bytes, next retry",
    response_model=Page[DeliveryOut],
)
def list_deliveries(
    webhook_id: IdPath,
    unit: UserUnit,
    cursor_key: CursorKey,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    endpoint = unit.repo.get(WebhookEndpoint, webhook_id)
    rows, next_cursor = service.page_of_deliveries(
        unit.repo, endpoint, limit=limit, cursor=cursor, key=cursor_key
    )
    return page_response(rows, next_cursor)
