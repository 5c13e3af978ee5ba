"""Request and response models for touchpoints: messages sent and replies received."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from followup.policy.vocabulary import Channel, Direction, TouchpointKind, TouchpointSource
from followup.schemas import (
    ClientDatetime,
    Day,
    Id,
    Input,
    LongText,
    Patch,
    Resource,
    Subject,
    UtcDatetime,
)


class TouchpointIn(Input):
    application_id: Id
    contact_id: Id | None = None
    interview_id: Id | None = None
    kind: TouchpointKind
    channel: Channel | None = None
    direction: Direction | None = Field(
        default=None, description="Default: `inbound` for a `reply`, else `outbound`."
    )
    occurred_at: ClientDatetime
    subject: Subject | None = None
    body: LongText | None = None
    decision_expected_on: Day | None = Field(
        default=None, description="A reply may say when they will decide (inbound only)."
    )


class TouchpointPatch(Patch):
    not_null = ("kind", "direction", "occurred_at")

    contact_id: Id | None = None
    interview_id: Id | None = None
    kind: TouchpointKind | None = None
    channel: Channel | None = None
    direction: Direction | None = None
    occurred_at: ClientDatetime | None = None
    subject: Subject | None = None
    body: LongText | None = None
    decision_expected_on: Day | None = None


class TouchpointOut(Resource):
    application_id: int
    contact_id: int | None
    interview_id: int | None
    kind: TouchpointKind
    channel: Channel | None
    direction: Direction
    occurred_at: UtcDatetime
    subject: str | None
    body: str | None
    decision_expected_on: date | None
    source: TouchpointSource = Field(
        default="manual", description="`mail`: logged from a synced or imported message."
    )
