"""The closed vocabularies of the API and the schema, in one place."""

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

DECIDED_STATUSES = frozenset({"hired", "rejected"})
