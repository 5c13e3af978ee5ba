"""The domain's closed vocabularies and the defaults that go with them, defined once.

The engine reads them, and so do the schema (models.py), the API's models and the import, so
a status or a channel means the same everywhere.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal, get_args

ApplicationStatus = Literal[
    "applied", "interviewing", "offer", "hired", "rejected", "withdrawn", "closed"
]
Workplace = Literal["tech", "traditional"]
ContactRole = Literal["hiring_manager", "recruiter", "interviewer", "supervisor", "other"]
PreferredChannel = Literal["email", "phone", "card", "linkedin"]
InterviewFormat = Literal["video", "phone", "onsite"]
TouchpointKind = Literal[
    "thank_you", "status_check", "post_decision", "value_add", "reply", "other"
]
Channel = Literal["email", "card", "letter", "phone", "voicemail", "linkedin", "video", "in_person"]
Direction = Literal["outbound", "inbound"]
PolicyProfile = Literal["balanced", "prompt", "patient", "persistent"]
ActionStateName = Literal["done", "snoozed", "dismissed"]
TouchpointSource = Literal["manual", "mail"]
MailSecurity = Literal["tls", "starttls", "none"]
#: What became of a message the mail matching saw.
MailOutcome = Literal["logged", "review", "accepted", "ignored", "unrelated", "skipped"]

APPLICATION_STATUSES: tuple[str, ...] = get_args(ApplicationStatus)
WORKPLACES: tuple[str, ...] = get_args(Workplace)
CONTACT_ROLES: tuple[str, ...] = get_args(ContactRole)
PREFERRED_CHANNELS: tuple[str, ...] = get_args(PreferredChannel)
INTERVIEW_FORMATS: tuple[str, ...] = get_args(InterviewFormat)
TOUCHPOINT_KINDS: tuple[str, ...] = get_args(TouchpointKind)
CHANNELS: tuple[str, ...] = get_args(Channel)
DIRECTIONS: tuple[str, ...] = get_args(Direction)
POLICY_PROFILES: tuple[str, ...] = get_args(PolicyProfile)
ACTION_STATES: tuple[str, ...] = get_args(ActionStateName)
TOUCHPOINT_SOURCES: tuple[str, ...] = get_args(TouchpointSource)
MAIL_SECURITIES: tuple[str, ...] = get_args(MailSecurity)
MAIL_OUTCOMES: tuple[str, ...] = get_args(MailOutcome)

#: Still in play: the engine proposes follow-ups.
ACTIVE_STATUSES = frozenset({"applied", "interviewing", "offer"})
#: The next move is the employer's: status checks and the pipeline's waiting list.
AWAITING_EMPLOYER_STATUSES = frozenset({"applied", "interviewing"})
#: A decision was made; it has a date (`decided_on`) and calls for thanks.
DECIDED_STATUSES = frozenset({"hired", "rejected"})
#: Nothing more to do: the engine does not even load them.
FINISHED_STATUSES = frozenset({"withdrawn", "closed"})

#: An interview given without an end lasts this long (README: the API in brief).
DEFAULT_INTERVIEW_LENGTH = timedelta(minutes=60)

#: What `done` logs for a message action: an outbound touchpoint of this kind.
TOUCHPOINT_KIND_BY_ACTION_KIND: dict[str, TouchpointKind] = {
    "send_thank_you": "thank_you",
    "send_status_check": "status_check",
    "send_post_decision_thanks": "post_decision",
    "answer_offer": "other",
}


def default_direction(kind: str) -> Direction:
    """A reply is the employer's; everything else the user sent."""
    return "inbound" if kind == "reply" else "outbound"
