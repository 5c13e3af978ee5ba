"""evaluate(facts, *, now, profile, calendar): the whole policy as one pure function."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from .business_calendar import BusinessCalendar, calendar_for
from .profiles import DEFAULT_PROFILE, Profile
from .rules import ACTIVE_RULES, DECIDED_RULES, build_context, collect_contact
from .types import Action, ActionState, ApplicationFacts, Facts
from .vocabulary import ACTIVE_STATUSES, DECIDED_STATUSES, TOUCHPOINT_KIND_BY_ACTION_KIND

MESSAGE_KINDS = frozenset(TOUCHPOINT_KIND_BY_ACTION_KIND)


_sort_key = attrgetter("due_at", "key")


def evaluate_application(
    facts: Facts,
    application: ApplicationFacts,
    *,
    now: datetime,
    profile: Profile,
    calendar: BusinessCalendar,
    companies: tuple[str, ...] | None = None,
) -> list[Action]:
    """Every action one application calls for at 'now', ignoring stored action states.

    `companies`: every company the user applied to (default: from the facts).
    """
    status = application.status
    if status in ACTIVE_STATUSES:
        rules = ACTIVE_RULES
    elif status in DECIDED_STATUSES:
        rules = DECIDED_RULES
    else:
        return []  # withdrawn or closed: nothing remains
    ctx = build_context(
        facts.user,
        application,
        now=now,
        profile=profile,
        calendar=calendar,
        inputs=facts.action_inputs,
        companies=all_companies(facts) if companies is None else companies,
    )
    actions: list[Action] = []
    for rule in rules:
        actions.extend(rule(ctx))
    messages = [a for a in actions if a.kind in MESSAGE_KINDS]
    if messages:
        actions.extend(collect_contact(ctx, messages))
    return actions


def evaluate_all(
    facts: Facts,
    *,
    now: datetime,
    profile: Profile = DEFAULT_PROFILE,
    calendar: BusinessCalendar | None = None,
) -> list[Action]:
    """Every action the facts call for at 'now', done and dismissed ones included, sorted."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if calendar is None:
        calendar = calendar_for(facts.user.timezone, facts.user.country)
    companies = all_companies(facts)
    actions: list[Action] = []
    for application in facts.applications:
        actions.extend(
            evaluate_application(
                facts, application, now=now, profile=profile, calendar=calendar, companies=companies
            )
        )
    actions.sort(key=_sort_key)
    return actions


def all_companies(facts: Facts) -> tuple[str, ...]:
    """Every company name the user has applied to, each once."""
    names = dict.fromkeys(facts.companies)
    names.update(dict.fromkeys(a.company for a in facts.applications))
    return tuple(names)


def stable_span(facts: Facts, now: datetime) -> tuple[datetime | None, datetime | None]:
    """The span [start, end) around 'now' over which evaluate_all answers the same actions,
    only their status aside (None: unbounded).

    The rules look at 'now' only to tell which interviews have started, ended or been entered
    and which touchpoints have happened, so the answer can change only at those instants; a
    cache can reuse one evaluation anywhere inside the span and recompute statuses (status_at).
    """
    start: datetime | None = None
    end: datetime | None = None
    for application in facts.applications:
        instants = [i.starts_at for i in application.interviews]
        instants += [i.ends_at for i in application.interviews]
        instants += [i.recorded_at for i in application.interviews if i.recorded_at]
        instants += [t.occurred_at for t in application.touchpoints]
        for instant in instants:
            if instant <= now:
                start = instant if start is None or instant > start else start
            elif end is None or instant < end:
                end = instant
    return start, end


def is_visible(state: ActionState | None, now: datetime) -> bool:
    """Done and dismissed hide an action for good; snoozed hides it while now < until."""
    if state is None:
        return True
    if state.state == "snoozed":
        return state.until is not None and now >= state.until
    return False


def apply_states(
    actions: Iterable[Action],
    states: Mapping[str, ActionState],
    now: datetime,
) -> list[Action]:
    """The actions the user still sees, in the given order."""
    if not states:
        return list(actions)
    return [a for a in actions if is_visible(states.get(a.key), now)]


def evaluate(
    facts: Facts,
    *,
    now: datetime,
    profile: Profile = DEFAULT_PROFILE,
    calendar: BusinessCalendar | None = None,
) -> list[Action]:
    """The open actions at 'now', ordered by (due_at, key). Pure: no clock, I/O or settings.

    Without a calendar, the shared one for the user's time zone and country is used.
    """
    actions = evaluate_all(facts, now=now, profile=profile, calendar=calendar)
    return apply_states(actions, facts.action_states, now)


def find_action(
    facts: Facts,
    key: str,
    *,
    now: datetime,
    profile: Profile = DEFAULT_PROFILE,
    calendar: BusinessCalendar | None = None,
) -> Action | None:
    """The action a key names at 'now', whatever its stored state; None if the facts do not
    produce it (the API answers 404)."""
    for action in evaluate_all(facts, now=now, profile=profile, calendar=calendar):
        if action.key == key:
            return action
    return None


@dataclass(frozen=True, slots=True)
class LogTouchpoint:
    """`done` on a message action: log this outbound touchpoint (occurred_at from the caller)."""

    application_id: int
    kind: str
    contact_id: int | None
    interview_id: int | None
    channel: str | None
    direction: str = "outbound"


@dataclass(frozen=True, slots=True)
class CloseApplication:
    """`done` on move_on: set the application's status to closed."""

    application_id: int


DoneEffect = LogTouchpoint | CloseApplication | None


def done_effect(action: Action) -> DoneEffect:
    """What `done` records besides the state: a touchpoint, a closed application, or nothing."""
    kind = TOUCHPOINT_KIND_BY_ACTION_KIND.get(action.kind)
    if kind is not None:
        return LogTouchpoint(
            action.application_id, kind, action.contact_id, action.interview_id, action.channel
        )
    if action.kind == "move_on":
        return CloseApplication(action.application_id)
    return None
