"""Request and response models for interviews and the people who took part."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from followup.policy.vocabulary import InterviewFormat
from followup.schemas import (
    ClientDatetime,
    Day,
    Id,
    Input,
    LongText,
    Patch,
    Resource,
    ShortText,
    UtcDatetime,
)

Topic = Annotated[ShortText, Field(min_length=1)]


class InterviewerIn(Input):
    contact_id: Id
    topics: Annotated[list[Topic], Field(max_length=10)] = Field(
        default=[],
        description=(
            "What you talked about with this person, as short phrases "
            '(`["the billing pipeline redesign"]`); their thank-you names them.'
        ),
    )
    concerns: LongText | None = Field(
        default=None,
        description="Their questions and concerns: they shape the thank-you, never quoted.",
    )
    notes: LongText | None = Field(default=None, description="Private notes: never in a draft.")


Interviewers = Annotated[list[InterviewerIn], Field(max_length=50)]


class InterviewIn(Input):
    application_id: Id
    starts_at: ClientDatetime
    ends_at: ClientDatetime | None = Field(default=None, description="Default: 60 minutes later.")
    format: InterviewFormat | None = None
    round: Annotated[int, Field(ge=1, le=100)] | None = Field(
        default=None, description="Default: one more than the application's latest round."
    )
    arranged_by_id: Id | None = None
    interviewers: Interviewers = []
    decision_expected_on: Day | None = None
    notes: LongText | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> InterviewIn:
        if self.ends_at is not None and self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class InterviewPatch(Patch):
    not_null = ("starts_at", "ends_at", "round")

    starts_at: ClientDatetime | None = None
    ends_at: ClientDatetime | None = None
    format: InterviewFormat | None = None
    round: Annotated[int, Field(ge=1, le=100)] | None = None
    arranged_by_id: Id | None = None
    interviewers: Interviewers | None = None
    decision_expected_on: Day | None = None
    notes: LongText | None = None


class InterviewerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    contact_id: int
    topics: list[str]
    concerns: str | None
    notes: str | None

    @field_validator("topics", mode="before")
    @classmethod
    def _no_topics(cls, value: object) -> object:
        return [] if value is None else value  # rows from before topics existed


class InterviewOut(Resource):
    application_id: int
    starts_at: UtcDatetime
    ends_at: UtcDatetime
    format: InterviewFormat | None
    round: int
    arranged_by_id: int | None
    interviewers: list[InterviewerOut]
    decision_expected_on: date | None
    notes: str | None
