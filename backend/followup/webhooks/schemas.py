"""Request and response models for webhook endpoints and their deliveries."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from followup.schemas import Input, Patch, Printable, Resource, UtcDatetime

Event = Literal["touchpoint.created", "application.updated", "action.done", "action.due"]
EVENTS: tuple[str, ...] = ("touchpoint.created", "application.updated", "action.done", "action.due")
Events = Annotated[list[Event], Field(min_length=1, max_length=4)]
Url = Annotated[str, Field(min_length=8, max_length=2000), Printable]


class WebhookIn(Input):
    url: Url = Field(description="http:// or https://; private addresses only where allowed.")
    events: Events


class WebhookPatch(Patch):
    not_null = ("url", "events", "active")

    url: Url | None = None
    events: Events | None = None
    active: bool | None = Field(default=None, description="true turns a disabled one back on.")


class WebhookOut(Resource):
    url: str
    events: list[Event]
    active: bool
    disabled_reason: str | None = Field(description="Why Followup turned it off, if it did.")


class NewWebhookOut(WebhookOut):
    secret: str = Field(
        description="Verifies the `webhook-signature` header (Standard Webhooks). Shown once."
    )


class DeliveryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="Also the `webhook-id` header: the same on every retry.")
    event: Event
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    last_status_code: int | None
    last_response: str | None = Field(description="The first bytes of the last answer.")
    next_attempt_at: UtcDatetime | None
    created_at: UtcDatetime
    delivered_at: UtcDatetime | None
