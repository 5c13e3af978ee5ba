"""Request and response models for resetting a password."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from followup.accounts.schemas import Email, Password
from followup.schemas import Input

ResetToken = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+$")]


class ResetRequestIn(Input):
    email: Email


class ResetConfirmIn(Input):
    token: ResetToken = Field(description="The token from the emailed link.")
    password: Password


class AuthOptionsOut(BaseModel):
    """What the login page may offer."""

    password_reset_by_email: bool = Field(
        description="A reset link can be emailed; when false, an operator resets a password "
        "with `followup reset-password EMAIL`."
    )
