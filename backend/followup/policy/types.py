"""Immutable facts the engine reads and the immutable actions it answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal, NamedTuple

from . import guides
from .vocabulary import TOUCHPOINT_KIND_BY_ACTION_KIND

ActionKind = Literal[
    "prepare_questions",
    "write_notes",
    "collect_contact",
    "send_thank_you",
    "send_status_check",
    "move_on",
    "send_post_decision_thanks",
    "answer_offer",
]
ActionStatus = Literal["upcoming", "due", "overdue"]
StateName = Literal["done", "snoozed", "dismissed"]


@dataclass(frozen=True, slots=True)
class UserFacts:
    name: str  # may be empty: drafts then sign with a visible "[Your name]"
    email: str
    signature: str | None = None
    timezone: str = "UTC"
    country: str | None = None


@dataclass(frozen=True, slots=True)
class ContactFacts:
    id: int
    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    role: str = "interviewer"
    preferred_channel: str | None = None
    #: How to greet them when not by first name, e.g. "Dr. Reyes".
    salutation: str | None = None


@dataclass(frozen=True, slots=True)
class InterviewerFacts:
    """One person at one interview, and what the user wrote about them.

    Only `topics` is ever quoted in a draft. `concerns` (their questions and concerns) may shape
    the wording but is never quoted; `notes` are private and never reach a draft.
    """

    contact_id: int
    notes: str | None = None
    topics: tuple[str, ...] = ()
    concerns: str | None = None


@dataclass(frozen=True, slots=True)
class InterviewFacts:
    id: int
    starts_at: datetime
    ends_at: datetime
    format: str | None = None
    round: int = 1
    arranged_by_id: int | None = None
    interviewers: tuple[InterviewerFacts, ...] = ()
    decision_expected_on: date | None = None
    notes: str | None = None
    #: When the interview was entered; later than its end means history filled in afterwards.
    recorded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TouchpointFacts:
    id: int
    contact_id: int | None
    interview_id: int | None
    kind: str
    channel: str | None
    direction: str
    occurred_at: datetime
    #: A reply may say when they will decide; it then outranks the dates given before.
    decision_expected_on: date | None = None


@dataclass(frozen=True, slots=True)
class ApplicationFacts:
    id: int
    company: str
    role_title: str
    status: str = "applied"
    applied_on: date | None = None
    workplace: str = "tech"
    decision_expected_on: date | None = None
    decided_on: date | None = None
    contacts: tuple[ContactFacts, ...] = ()
    interviews: tuple[InterviewFacts, ...] = ()
    touchpoints: tuple[TouchpointFacts, ...] = ()
    #: The skill or quality the user brings to this role (001's "[specific skill or quality]").
    strength: str | None = None
    #: What draws the user to this company (optional).
    motivation: str | None = None
    #: The day the offer came, and the date by which they asked for an answer to it.
    offered_on: date | None = None
    offer_deadline: date | None = None
    #: The day the application was entered: the anchor of its check when applied_on is unknown.
    recorded_on: date | None = None


@dataclass(frozen=True, slots=True)
class ActionState:
    key: str
    state: StateName
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class ActionInput:
    """What the user gave for one action's draft: for a status check, something of value."""

    key: str
    value_add: str | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    user: UserFacts
    applications: tuple[ApplicationFacts, ...] = ()
    action_states: Mapping[str, ActionState] = field(default_factory=dict)
    action_inputs: Mapping[str, ActionInput] = field(default_factory=dict)
    #: Every company the user applied to, finished applications included: a topic that names
    #: another one is not quoted (001: "ensure you don't mix up details").
    companies: tuple[str, ...] = ()


# The engine's outputs are immutable named tuples rather than frozen dataclasses: a frozen
# dataclass sets each field through object.__setattr__, which made building an Action about
# four times slower (2.5 µs against 0.6 µs measured) and was a third of an evaluation.
class Source(NamedTuple):
    guide: str
    quote: str

    def to_dict(self) -> dict[str, str]:
        """The citation as the API shows it: with the guide's title and the whole sentence."""
        return {
            "guide": self.guide,
            "title": guides.title_of(self.guide),
            "quote": self.quote,
            "sentence": guides.sentence_of(self.quote),
        }


class Draft(NamedTuple):
    subject: str
    body: str


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a 'Z', as the API answers datetimes."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def status_at(earliest_at: datetime, due_at: datetime, now: datetime) -> ActionStatus:
    """upcoming before the window, due inside it, overdue after it."""
    if now < earliest_at:
        return "upcoming"
    if now > due_at:
        return "overdue"
    return "due"


class Action(NamedTuple):
    key: str
    kind: ActionKind
    application_id: int
    contact_id: int | None
    interview_id: int | None
    channel: str | None
    earliest_at: datetime
    due_at: datetime
    status: ActionStatus
    title: str
    why: str
    sources: tuple[Source, ...]
    draft: Draft | None = None
    #: What the user gave to add to this status check (a finding, an idea, a link), as typed.
    value_add: str | None = None

    def with_status(self, now: datetime) -> Action:
        """The same action with its status recomputed for another 'now'."""
        status = status_at(self.earliest_at, self.due_at, now)
        if status == self.status:
            return self
        return self._replace(status=status)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with the API's field names; datetimes as UTC 'Z' strings."""
        draft = self.draft
        return {
            "key": self.key,
            "kind": self.kind,
            "application_id": self.application_id,
            "contact_id": self.contact_id,
            "interview_id": self.interview_id,
            "channel": self.channel,
            "earliest_at": iso_utc(self.earliest_at),
            "due_at": iso_utc(self.due_at),
            "status": self.status,
            "title": self.title,
            "why": self.why,
            "sources": [s.to_dict() for s in self.sources],
            "draft": None if draft is None else {"subject": draft.subject, "body": draft.body},
            "value_add": self.value_add,
            "touchpoint_kind": TOUCHPOINT_KIND_BY_ACTION_KIND.get(self.kind),
        }
