"""Request and response models for accounts, sessions and personal access tokens."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal
from zoneinfo import available_timezones

import holidays
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

from followup.policy.vocabulary import PolicyProfile
from followup.schemas import (
    EmailText,
    Input,
    LongText,
    Name,
    Patch,
    Printable,
    Resource,
    UtcDatetime,
)


@lru_cache(maxsize=1)
def _timezones() -> frozenset[str]:
    return frozenset(available_timezones())


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


def _known_timezone(name: str) -> str:
    if name not in _timezones():
        raise ValueError("must be an IANA time zone name such as 'Europe/Berlin'")
    return name


def _known_country(code: str) -> str:
    code = code.upper()
    if code not in _countries():
        raise ValueError("must be an ISO 3166 alpha-2 country code with known public holidays")
    return code


def _normalise_email(email: str) -> str:
    return email.strip().lower()


Timezone = Annotated[str, Field(max_length=64), AfterValidator(_known_timezone)]
Country = Annotated[str, Field(min_length=2, max_length=2), AfterValidator(_known_country)]
Email = Annotated[EmailText, AfterValidator(_normalise_email)]
Password = Annotated[str, Field(min_length=8, max_length=1024), Printable]
#: As long as the column that keeps it.
TokenName = Annotated[Name, Field(max_length=100)]


class RegisterIn(Input):
    email: Email
    password: Password
    name: Name | None = None
    timezone: Timezone = "UTC"


class LoginIn(Input):
    email: Email
    password: Annotated[str, Field(min_length=1, max_length=1024), Printable]


class UserOut(Resource):
    email: str
    name: str | None
    timezone: str
    country: str | None
    policy_profile: PolicyProfile
    signature: str | None


class UserPatch(Patch):
    not_null = ("timezone", "policy_profile")

    name: Name | None = None
    timezone: Timezone | None = None
    country: Country | None = None
    policy_profile: PolicyProfile | None = None
    signature: LongText | None = None


Scope = Literal["read", "write"]


class TokenIn(Input):
    name: TokenName
    scopes: Annotated[
        list[Scope],
        Field(min_length=1, max_length=2),
        WithJsonSchema(
            {
                "type": "array",
                "items": {"enum": ["read", "write"]},
                "contains": {"const": "read"},
                "minItems": 1,
                "maxItems": 2,
                "uniqueItems": True,
            }
        ),
    ] = Field(description='`["read"]` or `["read", "write"]`.')


class TokenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    scopes: list[Scope]
    prefix: str = Field(description="The first characters of the token, to tell tokens apart.")
    created_at: UtcDatetime
    updated_at: UtcDatetime


class NewTokenOut(TokenOut):
    token: str = Field(description="The secret. Shown once; only its hash is stored.")


class PolicyProfileOut(BaseModel):
    """A named set of timings the policy engine can follow (PATCH /me {policy_profile})."""

    name: PolicyProfile
    description: str
    thank_you_due_hours: int
    first_check_days: tuple[int, int] = Field(
        description="Opens and is due this many days after the interview (no decision date)."
    )
    after_decision_business_days: int
    spacing_days: int
    unanswered_before_move_on: int
