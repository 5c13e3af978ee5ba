"""Request and response models for mailboxes, mail imports and the review list."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from followup.policy.vocabulary import Direction, MailSecurity, TouchpointKind
from followup.schemas import Input, Patch, Printable, Resource, UtcDatetime

Host = Annotated[str, Field(min_length=1, max_length=253, pattern=r"^[A-Za-z0-9.\-:\[\]]+$")]
Port = Annotated[int, Field(ge=1, le=65535)]
UserName = Annotated[str, Field(min_length=1, max_length=254), Printable]
Password = Annotated[str, Field(min_length=1, max_length=1000), Printable]
FolderName = Annotated[str, Field(min_length=1, max_length=200), Printable]


class Folders(Input):
    inbox: FolderName | None = Field(default=None, description="Default: INBOX.")
    sent: FolderName | None = Field(
        default=None, description="Default: the folder the server marks `\\Sent` (SPECIAL-USE)."
    )


class MailboxIn(Input):
    host: Host
    port: Port | None = Field(default=None, description="Default: 993 for tls, else 143.")
    security: MailSecurity = "tls"
    username: UserName
    password: Password = Field(description="Stored encrypted; never answered or logged.")
    folders: Folders = Folders()


class MailboxPatch(Patch):
    not_null = ("host", "port", "security", "username", "password", "folders")

    host: Host | None = None
    port: Port | None = None
    security: MailSecurity | None = None
    username: UserName | None = None
    password: Password | None = None
    folders: Folders | None = None


class MailboxOut(Resource):
    host: str
    port: int
    security: MailSecurity
    username: str
    folders: dict[str, str] = Field(description="The folder of each role: `inbox`, `sent`.")
    last_synced_at: UtcDatetime | None
    last_error: str | None


class Problem(BaseModel):
    message_id: str
    reason: str


class MailTally(BaseModel):
    fetched: int = Field(description="Messages read from the mailbox or the file.")
    logged: int = Field(description="Touchpoints logged by themselves (certain matches).")
    review: int = Field(description="Messages put on the review list.")
    skipped: int = Field(description="Messages that could not be read; `problems` says why.")
    unrelated: int = Field(description="Messages that concern none of your applications.")
    already_seen: int = Field(description="Messages matched before (a re-sync or re-import).")
    problems: list[Problem] = Field(description="Up to 20 skipped messages and why.")


class MailboxCheck(BaseModel):
    ok: Literal[True]
    folders: dict[str, str]


class ReviewCount(BaseModel):
    pending: int = Field(description="Review items still waiting for an accept or an ignore.")


class ReviewPerson(BaseModel):
    name: str | None
    email: str


class ProposalOut(BaseModel):
    action: Literal[
        "log_and_add_contact",
        "create_interview",
        "mark_rejected",
        "mark_offer",
        "set_decision_date",
    ]
    application_id: int
    text: str = Field(description="What accepting does, in a sentence.")
    kind: TouchpointKind
    person: ReviewPerson | None = None
    starts_at: str | None = None
    ends_at: str | None = None
    summary: str | None = None
    attendees: list[ReviewPerson] | None = None
    decision_expected_on: date | None = None


class ReviewItemOut(Resource):
    status: Literal["review", "accepted", "ignored"]
    message_id: str
    reason: str | None
    direction: Direction | None
    from_address: str | None
    from_name: str | None
    subject: str | None
    sent_at: UtcDatetime | None
    body: str | None
    application_id: int | None
    contact_id: int | None
    touchpoint_id: int | None = Field(description="The touchpoint logged for it, if any.")
    proposal: ProposalOut
