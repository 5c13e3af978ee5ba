"""Request and response models for /next-actions."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from followup.policy.vocabulary import ActionStateName, Channel, TouchpointKind
from followup.schemas import ClientDatetime, Input, LongText, Subject, UtcDatetime


class SourceOut(BaseModel):
    guide: str = Field(description="The guide's file name.")
    title: str = Field(description="The guide's title.")
    quote: str = Field(description="The words the advice rests on, verbatim.")
    sentence: str = Field(description="The whole sentence of the guide the quote is from.")


class DraftOut(BaseModel):
    subject: str
    body: str


class ActionOut(BaseModel):
    """One thing to do next: the engine's Action, in the API's fixed shape."""

    key: str
    kind: str
    application_id: int
    contact_id: int | None
    interview_id: int | None
    channel: str | None
    earliest_at: UtcDatetime
    due_at: UtcDatetime
    status: Literal["upcoming", "due", "overdue"]
    title: str
    why: str
    sources: list[SourceOut] = Field(
        description="The guide sentences the advice follows; empty where it goes beyond them "
        "(the why says so)."
    )
    draft: DraftOut | None = Field(
        description="The message, ready to send once any […] placeholder is filled in."
    )
    value_add: str | None = Field(
        default=None,
        description="For a status check: what you gave to share in it "
        "(`PUT /next-actions/{key}/input`).",
    )
    touchpoint_kind: TouchpointKind | None = Field(
        default=None,
        description="For a message: the kind of touchpoint `done` logs (and the message check "
        "takes); null for other actions.",
    )


class NextActionsOut(BaseModel):
    as_of: UtcDatetime
    items: list[ActionOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last one."
    )


class DoneIn(Input):
    occurred_at: ClientDatetime | None = None
    channel: Channel | None = None
    subject: Subject | None = None
    body: LongText | None = None


class SnoozeIn(Input):
    until: ClientDatetime


ValueAdd = Annotated[LongText, Field(max_length=300)]


class ActionInputIn(Input):
    value_add: ValueAdd | None = Field(
        description="Something of value for this status check: a finding, an idea, a link. "
        "null removes it."
    )


class ActionInputOut(BaseModel):
    key: str
    application_id: int
    value_add: str | None


class ActionStateOut(BaseModel):
    """What the user did with an action; `state` is null once reopened."""

    model_config = ConfigDict(from_attributes=True)

    key: str
    kind: str
    application_id: int
    state: ActionStateName | None
    until: UtcDatetime | None = None
    acted_at: UtcDatetime | None = None
    touchpoint_id: int | None = None


class SummaryItem(BaseModel):
    """A due or overdue action, named for a voice assistant or a shortcut."""

    key: str
    title: str
    status: Literal["due", "overdue"]
    due_at: UtcDatetime
    person: str | None
    company: str


class SummaryOut(BaseModel):
    due: int
    overdue: int
    upcoming: int
    text: str
    items: list[SummaryItem]
