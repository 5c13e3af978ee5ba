"""Request and response models for POST /drafts/check."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from followup.next_actions.schemas import SourceOut
from followup.policy.vocabulary import Channel
from followup.schemas import Id, Input, LongText, Subject

#: The touchpoint kinds a user writes (a `reply` is the employer's).
DraftKind = Literal["thank_you", "status_check", "post_decision", "value_add", "other"]


class DraftCheckIn(Input):
    kind: DraftKind
    contact_id: Id | None = Field(default=None, description="The person it is addressed to.")
    interview_id: Id | None = Field(
        default=None,
        description="The interview it follows (default: the person's latest interview).",
    )
    application_id: Id | None = Field(
        default=None, description="Needed only when neither contact nor interview is given."
    )
    channel: Channel | None = Field(
        default=None, description="A card, letter or call needs no subject line."
    )
    subject: Subject
    body: LongText


class IssueOut(BaseModel):
    code: str = Field(examples=["generic_copy", "forbidden_opener", "too_soon"])
    severity: Literal["warning", "error"]
    message: str
    field: Literal["subject", "body"] = Field(description="The text the span points into.")
    span: tuple[int, int] = Field(
        description="[start, end) character offsets (Unicode code points) into `field`."
    )
    sources: list[SourceOut]


class DraftCheckOut(BaseModel):
    issues: list[IssueOut]
