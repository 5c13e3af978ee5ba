"""Request and response models for the calendar feed."""

from __future__ import annotations

from pydantic import BaseModel, Field

from followup.schemas import UtcDatetime


class FeedOut(BaseModel):
    url: str = Field(
        description="Subscribe to this URL in a calendar app. Shown once; only its hash is kept."
    )
    created_at: UtcDatetime


class FeedStatusOut(BaseModel):
    active: bool
    created_at: UtcDatetime | None
