"""The policy engine: whom to follow up with, when, how, why and with what words.

Pure: it imports no database, web or network code and never reads the clock.
"""

from .business_calendar import BusinessCalendar, calendar_for
from .citations import CITATIONS
from .engine import (
    MESSAGE_KINDS,
    CloseApplication,
    DoneEffect,
    LogTouchpoint,
    apply_states,
    done_effect,
    evaluate,
    evaluate_all,
    evaluate_application,
    find_action,
    is_visible,
    stable_span,
)
from .profiles import DEFAULT_PROFILE, PROFILES, Profile, get_profile
from .types import (
    Action,
    ActionInput,
    ActionKind,
    ActionState,
    ActionStatus,
    ApplicationFacts,
    ContactFacts,
    Draft,
    Facts,
    InterviewerFacts,
    InterviewFacts,
    Source,
    TouchpointFacts,
    UserFacts,
    iso_utc,
    status_at,
)
from .vocabulary import TOUCHPOINT_KIND_BY_ACTION_KIND

__all__ = [
    "CITATIONS",
    "DEFAULT_PROFILE",
    "MESSAGE_KINDS",
    "PROFILES",
    "TOUCHPOINT_KIND_BY_ACTION_KIND",
    "Action",
    "ActionInput",
    "ActionKind",
    "ActionState",
    "ActionStatus",
    "ApplicationFacts",
    "BusinessCalendar",
    "CloseApplication",
    "ContactFacts",
    "DoneEffect",
    "Draft",
    "Facts",
    "InterviewFacts",
    "InterviewerFacts",
    "LogTouchpoint",
    "Profile",
    "Source",
    "TouchpointFacts",
    "UserFacts",
    "apply_states",
    "calendar_for",
    "done_effect",
    "evaluate",
    "evaluate_all",
    "evaluate_application",
    "find_action",
    "get_profile",
    "is_visible",
    "iso_utc",
    "stable_span",
    "status_at",
]
