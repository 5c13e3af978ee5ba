"""Request and response models for the morning email's settings."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from followup.schemas import Patch, UtcDatetime

DigestHour = Annotated[int, Field(ge=0, le=23)]


class LastDigestOut(BaseModel):
    """How the latest morning email went."""

    model_config = ConfigDict(from_attributes=True)

    local_date: dt.date
    status: Literal["sending", "sent", "nothing_due", "failed"]
    attempts: int
    actions: int = Field(description="How many actions it listed.")
    sent_at: UtcDatetime | None
    retry_at: UtcDatetime | None = Field(description="When a failed email is tried again.")
    error: str | None = Field(description="What the mail server answered when it failed.")


class NotificationsOut(BaseModel):
    digest_hour: DigestHour | None = Field(
        description="The local hour (0-23, in your time zone) of the morning email; null: off."
    )
    email_configured: bool = Field(description="Whether this server can send email at all.")
    last_digest: LastDigestOut | None


class NotificationsPatch(Patch):
    digest_hour: DigestHour | None = None


class TestDigestOut(BaseModel):
    sent: bool
    actions: int = Field(description="How many actions it listed (none: nothing is due).")
