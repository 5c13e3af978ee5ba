"""Response model of GET /insights: every rate comes with the counts behind it."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ResponseRateOut(_Out):
    answered: int = Field(description="Messages followed by a reply within the window.")
    sent: int
    rate: float | None = Field(description="answered / sent; null when nothing was sent.")


class KeyedRateOut(ResponseRateOut):
    key: str = Field(description="The touchpoint kind or channel (`unspecified` when unset).")


class DelayRateOut(ResponseRateOut):
    bucket: str = Field(examples=["same_day", "1_day", "2_3_days", "4_7_days", "8_14_days"])
    label: str


class RatioOut(_Out):
    numerator: int
    denominator: int
    rate: float | None


class DurationOut(_Out):
    median_days: float | None = Field(description="Median in calendar days; null without data.")
    count: int = Field(description="How many cases the median is taken over.")


class ResponseRatesOut(_Out):
    window_days: int
    overall: ResponseRateOut
    by_kind: list[KeyedRateOut]
    by_channel: list[KeyedRateOut]
    by_delay: list[DelayRateOut] = Field(
        description="By days between the interview and the message; always all six buckets."
    )


class TimingOut(_Out):
    interview_to_first_reply: DurationOut
    application_to_decision: DurationOut


class OutcomesOut(_Out):
    applications: int
    by_status: dict[str, int]
    interviewed: int = Field(description="Applications that reached an interview.")
    offer_rate: RatioOut = Field(description="Offers (or hires) among those interviewed.")
    hire_rate: RatioOut


class FollowUpsOut(_Out):
    kind: str = Field(examples=["send_thank_you"])
    on_time: int
    late: int
    not_at_all: int = Field(description="Dismissed, or still open past its due time.")


class WaitingOut(_Out):
    application_id: int
    company: str
    role_title: str
    status: str
    waiting_since: date
    days_waiting: int


class PipelineOut(_Out):
    waiting: int
    median_days_waiting: float | None
    items: list[WaitingOut]


class InsightsOut(_Out):
    """What worked and what is waiting, for the user's own data."""

    model_config = ConfigDict(from_attributes=True, populate_by_name=True)

    from_: date | None = Field(alias="from")
    to: date | None
    timezone: str
    response_rates: ResponseRatesOut
    timing: TimingOut
    outcomes: OutcomesOut
    follow_ups: list[FollowUpsOut]
    pipeline: PipelineOut
