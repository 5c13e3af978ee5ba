"""Building blocks shared by every feature's request and response models."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from fastapi import Path
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from followup.errors import Invalid
from followup.policy.types import iso_utc


def _printable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


#: No text field anywhere takes a NUL: PostgreSQL cannot store one, and no person types it.
Printable = AfterValidator(_printable)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


Name = Annotated[str, Field(max_length=200), AfterValidator(_printable), AfterValidator(_not_blank)]
ShortText = Annotated[str, Field(max_length=200), AfterValidator(_printable)]
LongText = Annotated[str, Field(max_length=20_000), AfterValidator(_printable)]
Subject = Annotated[str, Field(max_length=500), AfterValidator(_printable)]


def _web_address(value: str) -> str:
    # Anything else (javascript:, data:) would become a live link in someone's browser.
    if not value.lower().startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return value


Url = Annotated[
    str,
    Field(max_length=2000, pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://"),
    AfterValidator(_printable),
    AfterValidator(_web_address),
]
# email-validator (through Pydantic) checks the syntax and normalises the domain; it refuses
# reserved names such as .test, which no one's real address uses.
EmailText = Annotated[EmailStr, Field(max_length=254)]
Phone = Annotated[str, Field(max_length=50, pattern=r"^[0-9+()./ \-]{3,50}$")]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
IdPath = Annotated[int, Path(ge=1, le=2**31 - 1)]
# Follow-ups live between these years. Checked on the date as written (its year), so a value
# never overflows on its way to UTC, and stated in the schema as a pattern clients can read.
FIRST_YEAR, LAST_YEAR = 1900, 2199
_IN_RANGE = "must be between the years 1900 and 2199"
_YEARS = r"^(19[0-9]{2}|2[01][0-9]{2})-"


def _plausible_moment(value: datetime) -> datetime:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(_IN_RANGE)
    return value


def _plausible_day(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(_IN_RANGE)
    return value


# A datetime from a client must carry its offset; one without is a 422, never a guess.
ClientDatetime = Annotated[
    AwareDatetime,
    AfterValidator(_plausible_moment),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": _YEARS}),
]
Day = Annotated[
    date,
    AfterValidator(_plausible_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _YEARS}),
]
UtcDatetime = Annotated[datetime, PlainSerializer(iso_utc, return_type=str)]


class Input(BaseModel):
    """A request body: unknown fields are refused rather than silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Patch(Input):
    """A PATCH body: only the fields sent change, and those named in `not_null` cannot be
    cleared (the resource cannot be without them)."""

    not_null: ClassVar[tuple[str, ...]] = ()

    def changes(self) -> dict[str, Any]:
        changes = self.model_dump(exclude_unset=True)
        nulls = sorted(name for name in self.not_null if name in changes and changes[name] is None)
        if nulls:
            raise Invalid(
                "Some fields cannot be cleared.",
                errors=[{"loc": ["body", name], "msg": "must not be null"} for name in nulls],
            )
        return changes


class Resource(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    created_at: UtcDatetime
    updated_at: UtcDatetime
