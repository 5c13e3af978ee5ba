"""Request and response models for contacts: the people met in an application."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from followup.policy.vocabulary import ContactRole, PreferredChannel
from followup.schemas import EmailText, Id, Input, LongText, Name, Patch, Phone, Resource, ShortText

Salutation = Annotated[
    ShortText,
    Field(
        max_length=100,
        description="How drafts greet them when not by first name, e.g. `Dr. Reyes`.",
    ),
]


class ContactIn(Input):
    application_id: Id
    name: Name
    email: EmailText | None = None
    phone: Phone | None = None
    title: ShortText | None = None
    role: ContactRole = "interviewer"
    preferred_channel: PreferredChannel | None = None
    salutation: Salutation | None = None
    notes: LongText | None = None


class ContactPatch(Patch):
    not_null = ("name", "role")

    name: Name | None = None
    email: EmailText | None = None
    phone: Phone | None = None
    title: ShortText | None = None
    role: ContactRole | None = None
    preferred_channel: PreferredChannel | None = None
    salutation: Salutation | None = None
    notes: LongText | None = None


class ContactOut(Resource):
    application_id: int
    name: str
    email: str | None
    phone: str | None
    title: str | None
    role: ContactRole
    preferred_channel: PreferredChannel | None
    salutation: str | None
    notes: str | None
