"""The whole relational schema. Every user-owned row carries `user_id` so one helper scopes all."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from followup.db import Base, UTCDateTime, utcnow
from followup.policy.vocabulary import (
    ACTION_STATES,
    APPLICATION_STATUSES,
    CHANNELS,
    CONTACT_ROLES,
    DIRECTIONS,
    INTERVIEW_FORMATS,
    MAIL_OUTCOMES,
    MAIL_SECURITIES,
    POLICY_PROFILES,
    PREFERRED_CHANNELS,
    TOUCHPOINT_KINDS,
    TOUCHPOINT_SOURCES,
    WORKPLACES,
)

# A user's rows of the big tables are read in id order (lists page by id): (user_id, id)
# finds them directly, where an index on user_id alone left PostgreSQL walking every user's
# rows in id order (measured by bench/scale.py: 1.5 ms a page for a heavy user, now 0.05 ms).
# Action keys and calendar UIDs are built from these ids; SQLite would hand a deleted row's id
# to the next new one (and with it that row's done or dismissed state) without AUTOINCREMENT.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


def _enum(values: tuple[str, ...], name: str) -> Enum:
    return Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class User(Timestamped, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    country: Mapped[str | None] = mapped_column(String(2))
    policy_profile: Mapped[str] = mapped_column(
        _enum(POLICY_PROFILES, "policy_profile"), default="balanced"
    )
    signature: Mapped[str | None] = mapped_column(Text)
    # Bumped by every committed write of the user's data (db.py); cached derived data keys on it.
    data_version: Mapped[int] = mapped_column(Integer, default=0)
    # The local hour of the morning email (digest/), or None when the user turned it off.
    digest_hour: Mapped[int | None] = mapped_column(Integer, default=8, server_default="8")

    @property
    def user_id(self) -> int:
        """Whose data this row is, as for every other row: the user's own."""
        return self.id


class LoginSession(Base):
    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LoginAttempts(Base):
    """Login attempts per account and client in the current window (accounts/throttle.py).

    The account is a digest of the email, so guesses at addresses that have no account leave
    no address behind.
    """

    __tablename__ = "login_attempts"
    __table_args__ = (UniqueConstraint("account", "client"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(64))
    client: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer)
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class ApiToken(Timestamped, Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    can_write: Mapped[bool] = mapped_column(Boolean, default=False)


class Application(Timestamped, Base):
    __tablename__ = "applications"
    __table_args__ = (
        Index(None, "user_id", "status"),
        Index(None, "user_id", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    company: Mapped[str] = mapped_column(String(200))
    role_title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(
        _enum(APPLICATION_STATUSES, "application_status"), default="applied"
    )
    applied_on: Mapped[date | None] = mapped_column(Date)
    job_url: Mapped[str | None] = mapped_column(String(2000))
    location: Mapped[str | None] = mapped_column(String(200))
    workplace: Mapped[str] = mapped_column(_enum(WORKPLACES, "workplace"), default="tech")
    decision_expected_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    # What the drafts say about the user: the skill or quality they bring, what draws them.
    strength: Mapped[str | None] = mapped_column(String(200))
    motivation: Mapped[str | None] = mapped_column(String(200))
    offered_on: Mapped[date | None] = mapped_column(Date)
    offer_deadline: Mapped[date | None] = mapped_column(Date)
    # What people track about a job: the pay range, where they found it, their own labels and
    # the CV they sent.
    salary_min: Mapped[int | None] = mapped_column(Integer)
    salary_max: Mapped[int | None] = mapped_column(Integer)
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    source: Mapped[str | None] = mapped_column(String(200))
    tags: Mapped[list[str] | None] = mapped_column(JSON)
    cv_version: Mapped[str | None] = mapped_column(String(200))

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="application", passive_deletes=True, order_by="Contact.id"
    )
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="application", passive_deletes=True, order_by="Interview.starts_at"
    )
    touchpoints: Mapped[list[Touchpoint]] = relationship(
        back_populates="application", passive_deletes=True, order_by="Touchpoint.occurred_at"
    )


class Contact(Timestamped, Base):
    __tablename__ = "contacts"
    __table_args__ = (Index(None, "user_id", "id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    title: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(_enum(CONTACT_ROLES, "contact_role"), default="interviewer")
    preferred_channel: Mapped[str | None] = mapped_column(
        _enum(PREFERRED_CHANNELS, "preferred_channel")
    )
    # How drafts greet them when not by first name ("Dr. Reyes").
    salutation: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)

    application: Mapped[Application] = relationship(back_populates="contacts")


class Interview(Timestamped, Base):
    __tablename__ = "interviews"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index(None, "user_id", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    format: Mapped[str | None] = mapped_column(_enum(INTERVIEW_FORMATS, "interview_format"))
    round: Mapped[int] = mapped_column(Integer)
    arranged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    decision_expected_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    application: Mapped[Application] = relationship(back_populates="interviews")
    interviewers: Mapped[list[Interviewer]] = relationship(
        back_populates="interview",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Interviewer.position",
    )


class Interviewer(Base):
    """A contact who took part in an interview: what you discussed (topics, quoted in their
    thank-you), their questions and concerns (never quoted) and private notes (never in a draft).
    """

    __tablename__ = "interviewers"

    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    topics: Mapped[list[str] | None] = mapped_column(JSON)
    concerns: Mapped[str | None] = mapped_column(Text)

    interview: Mapped[Interview] = relationship(back_populates="interviewers")


class Touchpoint(Timestamped, Base):
    __tablename__ = "touchpoints"
    __table_args__ = (
        Index(None, "application_id", "occurred_at"),
        Index(None, "user_id", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(_enum(TOUCHPOINT_KINDS, "touchpoint_kind"))
    channel: Mapped[str | None] = mapped_column(_enum(CHANNELS, "touchpoint_channel"))
    direction: Mapped[str] = mapped_column(_enum(DIRECTIONS, "direction"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    subject: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[str | None] = mapped_column(Text)
    # A reply may say when they will decide.
    decision_expected_on: Mapped[date | None] = mapped_column(Date)
    # Who wrote it down: the user (`manual`) or the mail matching (`mail`, see MailMessage).
    source: Mapped[str] = mapped_column(
        _enum(TOUCHPOINT_SOURCES, "touchpoint_source"), default="manual", server_default="manual"
    )

    application: Mapped[Application] = relationship(back_populates="touchpoints")


class ActionState(Timestamped, Base):
    """What the user did with a computed next action, keyed by the action's stable key."""

    __tablename__ = "action_states"
    __table_args__ = (UniqueConstraint("user_id", "key"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(_enum(ACTION_STATES, "action_state"))
    until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The action's window when the user acted, so insights can tell on time from late.
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    touchpoint_id: Mapped[int | None] = mapped_column(
        ForeignKey("touchpoints.id", ondelete="SET NULL")
    )
    # The application status `done` replaced (move_on closes it), so `reopen` can restore it.
    replaced_status: Mapped[str | None] = mapped_column(String(20))


class ActionInput(Timestamped, Base):
    """What the user gave for one next action's draft, keyed by the action's stable key: for a
    status check, something of value to share (a finding, an idea, a link)."""

    __tablename__ = "action_inputs"
    __table_args__ = (UniqueConstraint("user_id", "key"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(120))
    value_add: Mapped[str | None] = mapped_column(Text)


class IdempotencyKey(Base):
    """A creating POST the user sent with an Idempotency-Key, and the answer to replay.

    It is written in the same transaction as the request's work, so it exists exactly when the
    work was kept; the unique (user_id, key) refuses a second answer for one key.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "key"), Index(None, "expires_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    # SHA-256 of method, path, query, content type and body: the same key must mean the same call.
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str | None] = mapped_column(String(100))
    etag: Mapped[str | None] = mapped_column(String(100))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CalendarFeed(Base):
    """A user's calendar subscription; the URL's secret is the credential, so only its hash."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Digest(Base):
    """A user's morning email for one local day: claimed before it is sent, so at most one.

    The unique (user_id, local_date) is the claim; `status` says how far it got: `sending`
    (claimed; a claim older than the lease was cut short and is tried again), `sent`,
    `nothing_due` (no email that day) or `failed` (the SMTP server refused; retried at
    `retry_at`).
    """

    bumps_data_version: ClassVar[bool] = False  # bookkeeping: no cache holds it
    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("user_id", "local_date"), Index(None, "local_date"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    local_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    actions: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(500))


class PasswordReset(Base):
    """A password-reset link sent by email: only its hash, valid one hour, used at most once."""

    bumps_data_version: ClassVar[bool] = False  # bookkeeping: no cache holds it
    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Mailbox(Timestamped, Base):
    """An IMAP account the user connected; its password is encrypted (mail/secrets.py)."""

    __tablename__ = "mailboxes"
    __table_args__ = (Index(None, "user_id", "id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    host: Mapped[str] = mapped_column(String(253))
    port: Mapped[int] = mapped_column(Integer)
    security: Mapped[str] = mapped_column(_enum(MAIL_SECURITIES, "mail_security"))
    username: Mapped[str] = mapped_column(String(254))
    password_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    # {"inbox": "INBOX", "sent": "Sent"}: a role's folder; found by SPECIAL-USE when not given.
    folders: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # Per folder name, {"uidvalidity": …, "last_uid": …}: where the next sync resumes.
    progress: Mapped[dict[str, dict[str, int]]] = mapped_column(JSON, default=dict)
    last_synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))


class MailMessage(Timestamped, Base):
    """A message the matching has seen, once per user whatever re-syncs or imports bring it:
    what became of it (logged, for review, unrelated, skipped) and, for review, the proposal."""

    __tablename__ = "mail_messages"
    __table_args__ = (
        UniqueConstraint("user_id", "message_id"),
        Index(None, "user_id", "outcome", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    mailbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("mailboxes.id", ondelete="SET NULL"), index=True
    )
    message_id: Mapped[str] = mapped_column(String(255))
    outcome: Mapped[str] = mapped_column(_enum(MAIL_OUTCOMES, "mail_outcome"))
    reason: Mapped[str | None] = mapped_column(String(300))
    direction: Mapped[str | None] = mapped_column(_enum(DIRECTIONS, "mail_direction"))
    from_address: Mapped[str | None] = mapped_column(String(254))
    from_name: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    body: Mapped[str | None] = mapped_column(Text)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    touchpoint_id: Mapped[int | None] = mapped_column(
        ForeignKey("touchpoints.id", ondelete="SET NULL"), index=True
    )
    proposal: Mapped[dict[str, object] | None] = mapped_column(JSON)


class WebhookEndpoint(Timestamped, Base):
    """Where a user's events are posted. The secret signs them, so it is kept (shown once)."""

    bumps_data_version: ClassVar[bool] = False  # bookkeeping: no cache holds it
    __tablename__ = "webhook_endpoints"
    __table_args__ = (Index(None, "user_id", "id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[list[str]] = mapped_column(JSON)
    secret: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Why it was turned off, when Followup turned it off (its deliveries kept failing).
    disabled_reason: Mapped[str | None] = mapped_column(String(500))


class WebhookDelivery(Base):
    """One event for one endpoint; the unique (endpoint_id, event_key) makes it one delivery.

    `pending` until the receiver answers 2xx (`delivered`) or a day of retries has passed
    (`failed`). A worker claims an attempt by moving `next_attempt_at` past its lease first,
    so a worker that dies mid-attempt is followed by another attempt, never by two at once.
    """

    bumps_data_version: ClassVar[bool] = False  # bookkeeping: no cache holds it
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_key"),
        Index(None, "status", "next_attempt_at"),
        Index(None, "endpoint_id", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(40))
    event_key: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_response: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# Every session, in any process, puts webhook events in the outbox as it commits.
from followup.webhooks import events as _webhook_events  # noqa: E402, F401
