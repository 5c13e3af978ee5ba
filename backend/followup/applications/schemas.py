"""Request and response models for applications and their timeline."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

from followup.interviews.schemas import InterviewOut
from followup.policy.vocabulary import ApplicationStatus, Workplace
from followup.schemas import (
    Day,
    Input,
    LongText,
    Name,
    Patch,
    Resource,
    ShortText,
    Url,
    UtcDatetime,
)
from followup.touchpoints.schemas import TouchpointOut


def _distinct(tags: list[str]) -> list[str]:
    """Each label once, spaces tidied, in the order given."""
    seen: dict[str, str] = {}
    for tag in tags:
        tidy = " ".join(tag.split())
        seen.setdefault(tidy.casefold(), tidy)
    return list(seen.values())


Salary = Annotated[
    int, Field(ge=0, le=1_000_000_000, description="A yearly amount in `salary_currency`.")
]
Currency = Annotated[
    str, Field(pattern=r"^[A-Z]{3}$", max_length=3, description="ISO 4217 code, e.g. `EUR`, `USD`.")
]
Tag = Annotated[Name, Field(max_length=40)]
Tags = Annotated[
    list[Tag],
    Field(max_length=20, description="Your own labels (up to 20, 40 characters each)."),
    AfterValidator(_distinct),
]
Source = Annotated[
    ShortText, Field(description='Where you found the job: "LinkedIn", "a referral from Ana".')
]
CvVersion = Annotated[
    ShortText, Field(description='The CV you sent, as you name it: "cv-2026-data-eng.pdf".')
]


class ApplicationIn(Input):
    company: Name
    role_title: Name
    status: ApplicationStatus = "applied"
    applied_on: Day | None = None
    job_url: Url | None = None
    location: ShortText | None = None
    workplace: Workplace = "tech"
    decision_expected_on: Day | None = None
    decided_on: Day | None = None
    notes: LongText | None = None
    strength: ShortText | None = Field(
        default=None,
        description=(
            "The skill or quality you bring to this role, as a phrase the thank-you can use "
            '("five years of building data pipelines").'
        ),
    )
    motivation: ShortText | None = Field(
        default=None,
        description='What draws you to the company, as a phrase ("its open-source work").',
    )
    offered_on: Day | None = Field(
        default=None,
        description="When the offer came; set to today when status becomes `offer`.",
    )
    offer_deadline: Day | None = Field(
        default=None, description="The date by which they asked for an answer to the offer."
    )
    salary_min: Salary | None = None
    salary_max: Salary | None = None
    salary_currency: Currency | None = None
    source: Source | None = None
    tags: Tags | None = None
    cv_version: CvVersion | None = None


class ApplicationPatch(Patch):
    not_null = ("company", "role_title", "status", "workplace")

    company: Name | None = None
    role_title: Name | None = None
    status: ApplicationStatus | None = None
    applied_on: Day | None = None
    job_url: Url | None = None
    location: ShortText | None = None
    workplace: Workplace | None = None
    decision_expected_on: Day | None = None
    decided_on: Day | None = None
    notes: LongText | None = None
    strength: ShortText | None = Field(
        default=None,
        description=(
            "The skill or quality you bring to this role, as a phrase the thank-you can use "
            '("five years of building data pipelines").'
        ),
    )
    motivation: ShortText | None = Field(
        default=None,
        description='What draws you to the company, as a phrase ("its open-source work").',
    )
    offered_on: Day | None = Field(
        default=None,
        description="When the offer came; set to today when status becomes `offer`.",
    )
    offer_deadline: Day | None = Field(
        default=None, description="The date by which they asked for an answer to the offer."
    )
    salary_min: Salary | None = None
    salary_max: Salary | None = None
    salary_currency: Currency | None = None
    source: Source | None = None
    tags: Tags | None = None
    cv_version: CvVersion | None = None


class ApplicationOut(Resource):
    company: str
    role_title: str
    status: ApplicationStatus
    applied_on: date | None
    job_url: str | None
    location: str | None
    workplace: Workplace
    decision_expected_on: date | None
    decided_on: date | None
    notes: str | None
    strength: str | None
    motivation: str | None
    offered_on: date | None
    offer_deadline: date | None
    salary_min: int | None
    salary_max: int | None
    salary_currency: str | None
    source: str | None
    tags: list[str] | None
    cv_version: str | None


class TimelineEntry(BaseModel):
    type: Literal["interview", "touchpoint"]
    at: UtcDatetime
    interview: InterviewOut | None = None
    touchpoint: TouchpointOut | None = None


class Timeline(BaseModel):
    application_id: int
    items: list[TimelineEntry]
