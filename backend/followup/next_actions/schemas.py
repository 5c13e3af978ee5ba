"""Request and response models for /next-actions."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
    until: ClientDatetime | None = Field(default=None, description="Hide it until then.")
    to: Literal["next_business_day"] | None = Field(
        default=None,
        description="Instead of `until`: 09:00 on your next business day (your time zone and "
        "country's public holidays), so 'tomorrow' on a Friday is Monday.",
    )

    @model_validator(mode="after")
    def _one_moment(self) -> SnoozeIn:
        if (self.until is None) == (self.to is None):
            raise ValueError("until or to is required, not both")
        return self


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


class ActionRecordOut(BaseModel):
    """An action the user did, snoozed or dismissed: when, what, and `POST …/{key}/reopen`."""

    key: str
    kind: str
    application_id: int
    company: str
    contact_id: int | None
    interview_id: int | None
    state: ActionStateName
    title: str
    acted_at: UtcDatetime = Field(description="When the user marked it done, snoozed or dismissed.")
    due_at: UtcDatetime = Field(description="When it was due at that moment.")
    until: UtcDatetime | None = Field(description="A snooze's end; null for the other states.")
    touchpoint_id: int | None = Field(
        description="The message `done` logged (reopening removes it)."
    )
    still_suggested: bool = Field(
        description="Whether your data still produces this action: reopening brings it back "
        "to the open list; otherwise reopening only clears the record."
    )


class ActionHistoryOut(BaseModel):
    as_of: UtcDatetime
    state: ActionStateName
    items: list[ActionRecordOut] = Field(description="Most recently acted on first.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last one."
    )


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
