"""One small function per rule. Each reads an AppContext and returns its proposed actions.

The docstrings quote the guide each rule follows; citations.py holds the same quotes as data
(the ones an action carries) and a test checks them against the guide texts. Two rules go
beyond the guides (a check on an application that has had no interview, answering an offer):
their why says so, and they carry no citation rather than a borrowed one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import NamedTuple

from . import drafts, keys, text
from .business_calendar import BusinessCalendar
from .citations import sources
from .profiles import Profile
from .types import (
    Action,
    ActionInput,
    ActionKind,
    ApplicationFacts,
    ContactFacts,
    Draft,
    InterviewerFacts,
    InterviewFacts,
    Source,
    TouchpointFacts,
    UserFacts,
    status_at,
)
from .vocabulary import AWAITING_EMPLOYER_STATUSES, DECIDED_STATUSES

ADDRESSLESS_CHANNELS = frozenset({"card", "linkedin"})
#: Channels on which a reply is a conversation rather than a message.
SPOKEN_CHANNELS = frozenset({"phone", "video", "in_person"})
ONLINE_FORMATS = frozenset({"video", "phone"})
BEYOND_THE_GUIDES = "Beyond the guides"
# Citations the hot rules use, joined once at import (immutable tuples, not a memo).
_PREFERRED = sources("channel.preferred")
_THANK_YOU_CARD = sources("send_thank_you", "send_thank_you.card")
_THANK_YOU_EMAIL = sources("send_thank_you", "send_thank_you.email")
_ARRANGED_BY = sources("send_thank_you.arranged_by")
_CHECK_NO_DATE = sources("send_status_check", "send_status_check.no_date")
_CHECK_DECISION_DATE = sources("send_status_check", "send_status_check.decision_date")
_CHECK_CONTENT = sources("send_status_check.content")
_BY_END = attrgetter("ends_at", "id")
_BY_START = attrgetter("starts_at", "id")
_BY_OCCURRENCE = attrgetter("occurred_at", "id")


@dataclass(slots=True)
class AppContext:
    """What the rules need to know about one application at 'now', computed once."""

    user: UserFacts
    app: ApplicationFacts
    now: datetime
    profile: Profile
    calendar: BusinessCalendar
    contacts: dict[int, ContactFacts]
    ended: list[InterviewFacts]  # ended by now, oldest first
    upcoming: list[InterviewFacts]  # not started by now, soonest first
    outbound: list[TouchpointFacts]  # happened by now, oldest first
    inbound: list[TouchpointFacts]  # replies that happened by now, oldest first
    author: drafts.Author
    inputs: Mapping[str, ActionInput] = field(default_factory=dict)
    other_companies: tuple[str, ...] = ()  # a topic naming one of them is not quoted
    check: CheckState | None = None  # set once by check_state()
    check_known: bool = False


def build_context(
    user: UserFacts,
    app: ApplicationFacts,
    *,
    now: datetime,
    profile: Profile,
    calendar: BusinessCalendar,
    inputs: Mapping[str, ActionInput] | None = None,
    companies: tuple[str, ...] = (),
) -> AppContext:
    ended: list[InterviewFacts] = []
    upcoming: list[InterviewFacts] = []
    for interview in app.interviews:
        if interview.ends_at <= now:
            ended.append(interview)
        elif interview.starts_at > now:
            upcoming.append(interview)
    ended.sort(key=_BY_END)
    upcoming.sort(key=_BY_START)
    outbound: list[TouchpointFacts] = []
    inbound: list[TouchpointFacts] = []
    for touchpoint in app.touchpoints:
        if touchpoint.occurred_at > now:
            continue  # has not happened yet at this 'now'
        (inbound if touchpoint.direction == "inbound" else outbound).append(touchpoint)
    outbound.sort(key=_BY_OCCURRENCE)
    inbound.sort(key=_BY_OCCURRENCE)
    own = app.company.casefold()
    return AppContext(
        user,
        app,
        now,
        profile,
        calendar,
        {c.id: c for c in app.contacts},
        ended,
        upcoming,
        outbound,
        inbound,
        drafts.author_of(user),
        inputs or {},
        tuple(c for c in companies if c.casefold() != own),
    )


def _action(
    ctx: AppContext,
    key: str,
    kind: ActionKind,
    *,
    contact_id: int | None,
    interview_id: int | None,
    channel: str | None,
    earliest_at: datetime,
    due_at: datetime,
    title: str,
    why: str,
    cited: tuple[Source, ...],
    draft: Draft | None = None,
    value_add: str | None = None,
) -> Action:
    """The one place an Action is built."""
    return Action(
        key,
        kind,
        ctx.app.id,
        contact_id,
        interview_id,
        channel,
        earliest_at,
        due_at,
        status_at(earliest_at, due_at, ctx.now),
        title,
        why,
        cited,
        draft,
        value_add,
    )


# -- channels -------------------------------------------------------------------------------------
def thank_you_channel(contact: ContactFacts, workplace: str, *, arranger: bool = False) -> str:
    """Their stated preference; else email to whoever arranged an online interview (004), a
    card for an interviewer at a traditional workplace (002), email otherwise."""
    if contact.preferred_channel:
        return contact.preferred_channel
    return "card" if workplace == "traditional" and not arranger else "email"


def message_channel(contact: ContactFacts | None) -> str:
    """As for a thank-you, but never a card (status checks go out quickly)."""
    if contact is not None and contact.preferred_channel and contact.preferred_channel != "card":
        return contact.preferred_channel
    return "email"


def _channel_reason(
    contact: ContactFacts | None, channel: str, workplace: str, *, arranger: bool = False
) -> tuple[str, tuple[Source, ...]]:
    """Why this channel, in words and citations; the one place every rule asks."""
    if contact is not None and contact.preferred_channel == channel:
        return f"by {channel}, as {contact.name} prefers to be contacted", _PREFERRED
    if channel == "card":
        return "as a handwritten card, which suits a traditional workplace", ()
    if arranger:
        return "by email, as the guides advise for whoever arranged an online interview", ()
    if workplace == "traditional":
        return "by email, as a mailed card would arrive too late", ()
    return "by email, the usual channel for this workplace", ()


# -- who took part, and what the user wrote about them --------------------------------------------
def _people(ctx: AppContext, interview: InterviewFacts) -> list[InterviewerFacts]:
    """The interview's known participants, each once, in the order given."""
    seen: set[int] = set()
    people = []
    for person in interview.interviewers:
        if person.contact_id in ctx.contacts and person.contact_id not in seen:
            seen.add(person.contact_id)
            people.append(person)
    return people


def _topics(ctx: AppContext, person: InterviewerFacts) -> tuple[str, ...]:
    return text.topics(person.topics, ctx.other_companies)


def _last_met(ctx: AppContext, contact_id: int) -> tuple[InterviewFacts, InterviewerFacts] | None:
    """The latest ended interview this person took part in, with their entry in it."""
    for interview in reversed(ctx.ended):
        for person in interview.interviewers:
            if person.contact_id == contact_id:
                return interview, person
    return None


def _backfilled(ctx: AppContext, interview: InterviewFacts, after: datetime) -> bool:
    """The interview was entered only after `after` (history filled in later), and that entry
    has happened by 'now': at an earlier 'now' the plan is the one it would have been on time."""
    recorded = interview.recorded_at
    return recorded is not None and after < recorded <= ctx.now


# ---------------------------------------------------------------------------------------
def prepare_questions(ctx: AppContext) -> list[Action]:
    """Before each interview: ask about the decision date, follow-up and contact preference.

    000: "ask them when they plan on making their final decision. Ask if you may follow up
    with them in a week. Do they prefer a phone call or email?" and "Make sure to collect
    business cards from everyone that interviews you."
    """
    out: list[Action] = []
    days = ctx.profile.prepare_opens_days
    for interview in ctx.upcoming:
        earliest = min(ctx.calendar.days_after(interview.starts_at, -days), interview.starts_at)
        out.append(
            _action(
                ctx,
                keys.prepare(interview.id),
                "prepare_questions",
                contact_id=None,
                interview_id=interview.id,
                channel=None,
                earliest_at=earliest,
                due_at=interview.starts_at,
                title=f"Prepare your closing questions for the {ctx.app.company} interview",
                why=(
                    "Before the interview starts, plan to ask when they will decide, whether you "
                    "may follow up, how they prefer to be contacted, and to collect each "
                    "interviewer's name, title and email."
                ),
                cited=sources("prepare_questions"),
            )
        )
    return out


def write_notes(ctx: AppContext) -> list[Action]:
    """Right after an interview with no notes yet: write down how it went.

    002: "When your interview is done, the first thing you should do is to write down all the
    relevant information, including what went well and what went wrong."
    """
    out: list[Action] = []
    due_after = ctx.profile.notes_due_after
    for interview in ctx.ended:
        has_notes = bool(interview.notes and interview.notes.strip())
        if has_notes or _backfilled(
            ctx, interview, interview.ends_at + ctx.profile.notes_stale_after
        ):
            continue  # entered days later: "right after" has passed, not a chore to chase now
        out.append(
            _action(
                ctx,
                keys.notes(interview.id),
                "write_notes",
                contact_id=None,
                interview_id=interview.id,
                channel=None,
                earliest_at=interview.ends_at,
                due_at=interview.ends_at + due_after,
                title=f"Write down your notes from the {ctx.app.company} interview",
                why=(
                    "Within a few hours of the interview, while memory is fresh, note what went "
                    "well and badly, the topics you discussed with each person (their "
                    "thank-you names them) and each one's questions and concerns (kept private)."
                ),
                cited=sources("write_notes"),
            )
        )
    return out


# -- thank-yous -----------------------------------------------------------------------------------
class Recipient(NamedTuple):
    contact: ContactFacts
    person: InterviewerFacts | None  # None: they arranged the interview and were not in it
    position: int  # among the interview's people: picks the draft's variant


def _thank_you_recipients(ctx: AppContext, interview: InterviewFacts) -> list[Recipient]:
    """Each person met (002), plus whoever arranged an online interview (004)."""
    people = _people(ctx, interview)
    out = [Recipient(ctx.contacts[p.contact_id], p, n) for n, p in enumerate(people)]
    arranger = ctx.contacts.get(interview.arranged_by_id or -1)
    met = {p.contact_id for p in people}
    if arranger is not None and interview.format in ONLINE_FORMATS and arranger.id not in met:
        out.append(Recipient(arranger, None, len(out)))
    return out


def _thanked(thanks: list[TouchpointFacts], contact_id: int, interview: InterviewFacts) -> bool:
    for touchpoint in thanks:
        if touchpoint.contact_id != contact_id:
            continue
        if touchpoint.interview_id == interview.id:
            return True
        if touchpoint.interview_id is None and touchpoint.occurred_at >= interview.ends_at:
            return True
    return False


def _hours(span: timedelta) -> int:
    return int(span.total_seconds() // 3600)


def _thank_you_window(
    ctx: AppContext, interview: InterviewFacts, channel: str
) -> tuple[datetime, datetime, bool]:
    """(earliest, due, late): a card by post over days, anything else within hours; an
    interview entered after that window closed opens a late one from the moment it was entered.
    """
    profile, ends_at = ctx.profile, interview.ends_at
    if channel == "card":
        earliest = ctx.calendar.days_after(ends_at, profile.card_opens_days)
        due = ctx.calendar.days_after(ends_at, profile.card_due_days)
    else:
        earliest, due = (
            ends_at + profile.thank_you_opens_after,
            ends_at + profile.thank_you_due_after,
        )
    if interview.recorded_at is not None and _backfilled(ctx, interview, due):
        return interview.recorded_at, interview.recorded_at + (due - ends_at), True
    return earliest, due, False


def _thank_you_why(
    ctx: AppContext, channel: str, *, arranger: bool, late: bool, reason: str
) -> tuple[str, tuple[Source, ...]]:
    profile = ctx.profile
    if channel == "card":
        timing = f"mail it from the day after the interview, within {profile.card_due_days} days"
        cited = _THANK_YOU_CARD
    else:
        timing = (
            f"send it {_hours(profile.thank_you_opens_after)}–"
            f"{_hours(profile.thank_you_due_after)} hours after the interview, not straight away"
        )
        cited = _THANK_YOU_EMAIL
    if arranger:
        cited += _ARRANGED_BY
    who = "whoever arranged an online interview" if arranger else "each person you met"
    if late:
        return (
            f"A personal thank-you goes to {who}, but you entered this interview after its "
            f"window had closed, so this note is worded to read well late; send it {reason}, "
            "or dismiss it if one already went out.",
            cited,
        )
    return f"A personal thank-you goes to {who}: {timing}, {reason}.", cited


def _thank_you_draft(
    ctx: AppContext,
    interview: InterviewFacts,
    recipient: Recipient,
    channel: str,
    window: drafts.Window,
    late: bool,
) -> Draft:
    day = ctx.calendar.local_date(interview.starts_at)
    # A mailed card is read days later: only a date stays true (and it is never "late").
    when_ = drafts.when(day, window, ctx.author, relative=channel != "card")
    if recipient.person is None:
        return drafts.arranger_thanks(
            ctx.author,
            ctx.app,
            recipient.contact,
            channel=channel,
            when_=when_,
            interview_format=interview.format,
            interviewers=tuple(
                text.first_name(ctx.contacts[p.contact_id].name) for p in _people(ctx, interview)
            ),
        )
    person = drafts.Person(
        recipient.contact,
        _topics(ctx, recipient.person),
        bool(recipient.person.concerns and recipient.person.concerns.strip()),
        recipient.position,
    )
    return drafts.thank_you(ctx.author, ctx.app, person, channel=channel, when_=when_, late=late)


def _thank_you_action(
    ctx: AppContext, interview: InterviewFacts, recipient: Recipient, *, latest: bool
) -> Action | None:
    """None for a late note on an earlier round: the later round's note has taken its place."""
    contact, arranger = recipient.contact, recipient.person is None
    channel = thank_you_channel(contact, ctx.app.workplace, arranger=arranger)
    earliest, due, late = _thank_you_window(ctx, interview, channel)
    if late and not latest:
        return None
    reason, reason_cited = _channel_reason(contact, channel, ctx.app.workplace, arranger=arranger)
    why, cited = _thank_you_why(ctx, channel, arranger=arranger, late=late, reason=reason)
    window = drafts.Window(ctx.calendar.local_date(earliest), ctx.calendar.local_date(due))
    return _action(
        ctx,
        keys.thank_you(interview.id, contact.id),
        "send_thank_you",
        contact_id=contact.id,
        interview_id=interview.id,
        channel=channel,
        earliest_at=earliest,
        due_at=due,
        title=(
            f"Thank {contact.name} for arranging the interview"
            if arranger
            else f"Thank {contact.name} for the interview"
        ),
        why=why,
        cited=cited + reason_cited,
        draft=_thank_you_draft(ctx, interview, recipient, channel, window, late),
    )


def send_thank_you(ctx: AppContext) -> list[Action]:
    """One thank-you per person per ended interview, plus whoever arranged a remote one.

    002: "send a thank you note to each person you met during the interview"; 000: "within
    12-24 hours of your interview"; 001: "avoid sending it immediately after the interview";
    004: "If your interview was conducted online, send an email to the recruiter or HR team
    handling the meeting arrangements".
    """
    thanks = [t for t in ctx.outbound if t.kind == "thank_you"]
    out: list[Action] = []
    for interview in ctx.ended:
        latest = interview is ctx.ended[-1]
        for recipient in _thank_you_recipients(ctx, interview):
            if _thanked(thanks, recipient.contact.id, interview):
                continue
            action = _thank_you_action(ctx, interview, recipient, latest=latest)
            if action is not None:
                out.append(action)
    return out


# -- status checks and moving on ------------------------------------------------------------------
@dataclass(slots=True)
class CheckState:
    """Where the status-check sequence of an application stands at 'now'."""

    last_interview: InterviewFacts | None  # None: checks on an application with no interview
    anchor: str  # what restarted the clock: an interview, a reply, or the application itself
    anchor_at: datetime
    reply: TouchpointFacts | None  # the reply that is the anchor, if one is
    unanswered: list[TouchpointFacts]  # outbound status checks since the anchor


def check_state(ctx: AppContext) -> CheckState | None:
    """None while no status check can apply (status, an interview scheduled, no date)."""
    if not ctx.check_known:
        ctx.check = _compute_check_state(ctx)
        ctx.check_known = True
    return ctx.check


def _compute_check_state(ctx: AppContext) -> CheckState | None:
    if ctx.app.status not in AWAITING_EMPLOYER_STATUSES or ctx.upcoming:
        return None
    if ctx.ended:
        last: InterviewFacts | None = ctx.ended[-1]
        anchor, anchor_at = keys.interview_anchor(ctx.ended[-1].id), ctx.ended[-1].ends_at
    elif not ctx.app.interviews and (ctx.app.applied_on or ctx.app.recorded_on):
        day = ctx.app.applied_on or ctx.app.recorded_on
        assert day is not None
        last, anchor, anchor_at = None, keys.APPLIED_ANCHOR, ctx.calendar.start_of(day)
    else:
        return None  # an interview under way, or an application with no date to count from
    reply = None
    if ctx.inbound and ctx.inbound[-1].occurred_at > anchor_at:
        reply = ctx.inbound[-1]
        anchor, anchor_at = keys.reply_anchor(reply.id), reply.occurred_at
    unanswered = [t for t in ctx.outbound if t.kind == "status_check" and t.occurred_at > anchor_at]
    return CheckState(last, anchor, anchor_at, reply, unanswered)


def _decision_date(ctx: AppContext, last: InterviewFacts | None) -> date | None:
    """The newest word on when they will decide: a reply's, the interview's, the application's."""
    dated: list[tuple[datetime, date]] = [
        (t.occurred_at, t.decision_expected_on) for t in ctx.inbound if t.decision_expected_on
    ]
    if last is not None and last.decision_expected_on is not None:
        dated.append((last.ends_at, last.decision_expected_on))
    if dated:
        return max(dated)[1]
    return ctx.app.decision_expected_on


def _business_days(count: int) -> str:
    return f"{count} business day" + ("" if count == 1 else "s")


class CheckTiming(NamedTuple):
    opens: date
    due: date
    why: str
    cited: tuple[Source, ...]


def _check_timing(ctx: AppContext, state: CheckState) -> CheckTiming:
    """When the next check opens and is due, and why (before moving it off busy days)."""
    profile, calendar = ctx.profile, ctx.calendar
    anchor_day = calendar.local_date(state.anchor_at)
    decision = _decision_date(ctx, state.last_interview)
    if state.unanswered:
        opens = calendar.local_date(state.unanswered[-1].occurred_at) + timedelta(
            days=profile.spacing_days
        )
        return CheckTiming(
            opens,
            opens + timedelta(days=profile.later_check_due_days),
            f"{profile.spacing_days} days after your last unanswered check, within "
            f"{profile.later_check_due_days} days",
            _CHECK_NO_DATE,
        )
    # A date they gave counts while it is still ahead; one given in the reply that restarted
    # the clock must be later than that reply (a reply on the date itself moves things on).
    if decision is not None and (
        decision > anchor_day or (decision == anchor_day and not state.reply)
    ):
        opens = calendar.add_business_days(decision, profile.after_decision_business_days)
        return CheckTiming(
            opens,
            calendar.add_business_days(opens, profile.decision_window_business_days),
            f"{_business_days(profile.after_decision_business_days)} after "
            f"{drafts.format_date(decision, month_first=ctx.author.month_first)}, the date "
            "they gave for a decision",
            _CHECK_DECISION_DATE,
        )
    if state.last_interview is None and state.reply is None:
        return CheckTiming(
            anchor_day + timedelta(days=profile.application_check_opens_days),
            anchor_day + timedelta(days=profile.application_check_due_days),
            f"{profile.application_check_opens_days}–{profile.application_check_due_days} "
            "days after you applied",
            (),
        )
    since = "their last reply" if state.reply else "the interview"
    return CheckTiming(
        anchor_day + timedelta(days=profile.first_check_opens_days),
        anchor_day + timedelta(days=profile.first_check_due_days),
        f"{profile.first_check_opens_days}–{profile.first_check_due_days} days after {since}, "
        "as no decision date is known",
        _CHECK_NO_DATE,
    )


def _late_thanks_pending(ctx: AppContext, interview: InterviewFacts) -> bool:
    """Entered after its thank-you window, with someone not thanked yet: a late note goes first."""
    if not _backfilled(ctx, interview, interview.ends_at + ctx.profile.thank_you_due_after):
        return False
    thanks = [t for t in ctx.outbound if t.kind == "thank_you"]
    return any(
        not _thanked(thanks, r.contact.id, interview) for r in _thank_you_recipients(ctx, interview)
    )


def _shift_for_status_check(ctx: AppContext, opens: date, due: date) -> tuple[date, date]:
    """Roll the window to a business day, off interview days, and past the outbound gap (the
    entry of an interview whose late thank-you is still to go counts as a message: 004's "wait
    at least 2 to 3 days" holds after that note too)."""
    calendar = ctx.calendar
    day = opens
    sent = [t.occurred_at for t in ctx.outbound[-1:]]
    last = ctx.ended[-1:]
    sent += [i.recorded_at for i in last if i.recorded_at and _late_thanks_pending(ctx, i)]
    if sent:
        gap_end = calendar.add_business_days(
            calendar.local_date(max(sent)), ctx.profile.gap_business_days
        )
        day = max(day, gap_end)
    interview_days = {calendar.local_date(i.starts_at) for i in ctx.app.interviews}
    interview_days.update(calendar.local_date(i.ends_at) for i in ctx.app.interviews)
    while not calendar.is_business_day(day) or day in interview_days:
        day += timedelta(days=1)
    return day, due + (day - opens)


def _check_recipient(ctx: AppContext, last: InterviewFacts | None) -> ContactFacts | None:
    """The hiring manager, else the recruiter, else the first person of the last round."""
    for role in ("hiring_manager", "recruiter"):
        for contact in ctx.app.contacts:
            if contact.role == role:
                return contact
    if last is not None:
        people = _people(ctx, last)
        if people:
            return ctx.contacts[people[0].contact_id]
    return None


def _check_draft(
    ctx: AppContext,
    state: CheckState,
    recipient: ContactFacts | None,
    *,
    key: str,
    channel: str,
    window: drafts.Window,
) -> Draft:
    """Refers back only to what this person was part of, on its own day (true facts)."""
    given = ctx.inputs.get(key)
    value = text.value_add(given.value_add) if given and given.value_add else None
    number = len(state.unanswered) + 1
    if state.last_interview is None:
        applied = ctx.app.applied_on
        return drafts.application_check(
            ctx.author,
            ctx.app,
            recipient,
            number=number,
            channel=channel,
            applied_on=applied,
            value=value,
        )
    since: drafts.Since = "interview"
    day = ctx.calendar.local_date(state.last_interview.starts_at)
    topics: tuple[str, ...] = ()
    met = _last_met(ctx, recipient.id) if recipient is not None else None
    reply = state.reply
    if reply is not None and recipient is not None and reply.contact_id == recipient.id:
        since = "spoke" if reply.channel in SPOKEN_CHANNELS else "message"
        day = ctx.calendar.local_date(reply.occurred_at)
    elif met is not None:
        since, day, topics = (
            "spoke",
            ctx.calendar.local_date(met[0].starts_at),
            _topics(ctx, met[1]),
        )
    return drafts.status_check(
        ctx.author,
        ctx.app,
        recipient,
        number=number,
        channel=channel,
        since=since,
        when_=drafts.when(day, window, ctx.author),
        topics=topics,
        value=value,
    )


def send_status_check(ctx: AppContext) -> list[Action]:
    """Ask for news after the stated timeline, else after about a week to ten days.

    003: "If you haven’t heard back within a few days past that timeline, send a short email
    or make a call"; 000: "If you have not heard back within in a week or ten days, you can
    send another."; 004: "Avoid calling or emailing the same day as the interview."
    Beyond the guides: an application with no interview gets a check too, timed by the profile.
    """
    state = check_state(ctx)
    if state is None or len(state.unanswered) >= ctx.profile.unanswered_before_move_on:
        return []
    timing = _check_timing(ctx, state)
    opens, due = _shift_for_status_check(ctx, timing.opens, timing.due)
    recipient = _check_recipient(ctx, state.last_interview)
    channel = message_channel(recipient)
    reason, reason_cited = _channel_reason(recipient, channel, ctx.app.workplace)
    key = keys.status_check(ctx.app.id, len(state.unanswered) + 1, state.anchor)
    given = ctx.inputs.get(key)
    name = recipient.name if recipient is not None else ctx.app.company
    beyond = not timing.cited
    why = (
        f"ask for news {timing.why}, on a business day that is not an interview day and at "
        f"least {ctx.profile.gap_business_days} business days after your last message, {reason}."
    )
    if beyond:
        why = f"{BEYOND_THE_GUIDES}, which cover following up after an interview: {why}"
    else:
        why = why[0].upper() + why[1:]
    return [
        _action(
            ctx,
            key,
            "send_status_check",
            contact_id=None if recipient is None else recipient.id,
            interview_id=None if state.last_interview is None else state.last_interview.id,
            channel=channel,
            earliest_at=ctx.calendar.morning(opens),
            due_at=ctx.calendar.morning(due),
            title=f"Check in with {name} about the {ctx.app.role_title} role",
            why=why,
            cited=() if beyond else timing.cited + reason_cited + _CHECK_CONTENT,
            draft=_check_draft(
                ctx, state, recipient, key=key, channel=channel, window=drafts.Window(opens, due)
            ),
            value_add=given.value_add if given else None,
        )
    ]


def move_on(ctx: AppContext) -> list[Action]:
    """After the profile's number of unanswered status checks: stop and keep applying.

    000: "after three attempts, stop following up" and "Always keep many irons in the fire";
    002: "If you have followed up twice and still haven’t heard back from the company, put it
    out of your mind and move on".
    """
    state = check_state(ctx)
    profile = ctx.profile
    if state is None or len(state.unanswered) < profile.unanswered_before_move_on:
        return []
    calendar = ctx.calendar
    last_check = state.unanswered[-1].occurred_at
    count = len(state.unanswered)
    why = (
        f"{count} status checks have gone unanswered and the last is {profile.spacing_days} days "
        "old, so stop following up and put your energy into other applications."
    )
    beyond = state.last_interview is None and state.reply is None
    return [
        _action(
            ctx,
            keys.move_on(ctx.app.id, state.anchor),
            "move_on",
            contact_id=None,
            interview_id=None,
            channel=None,
            earliest_at=calendar.days_after(last_check, profile.spacing_days),
            due_at=calendar.days_after(
                last_check, profile.spacing_days + profile.later_check_due_days
            ),
            title=f"Move on from {ctx.app.company} and keep applying elsewhere",
            why=f"{BEYOND_THE_GUIDES}, which stop follow-ups after an interview: checks on your "
            f"application count the same way. {why}"
            if beyond
            else why,
            cited=() if beyond else sources("move_on"),
        )
    ]


# -- offers and decisions -------------------------------------------------------------------------
def answer_offer(ctx: AppContext) -> list[Action]:
    """Beyond the guides, which do not cover offers: answer before the deadline they gave."""
    app, calendar = ctx.app, ctx.calendar
    if app.status != "offer":
        return []
    # Counted from the day the offer came; when that is unknown, from the last thing heard.
    heard = [calendar.local_date(i.ends_at) for i in ctx.ended[-1:]]
    heard += [calendar.local_date(t.occurred_at) for t in ctx.inbound[-1:]]
    start = app.offered_on or (max(heard) if heard else app.applied_on or app.recorded_on)
    start = start or app.offer_deadline
    if start is None:
        return []
    deadline = app.offer_deadline
    due = deadline or calendar.add_business_days(start, ctx.profile.offer_answer_business_days)
    recipient = _check_recipient(ctx, ctx.ended[-1] if ctx.ended else None)
    channel = message_channel(recipient)
    reason, _ = _channel_reason(recipient, channel, app.workplace)
    when_ = (
        "before the deadline they gave, "
        f"{drafts.format_date(deadline, month_first=ctx.author.month_first)}"
        if deadline
        else f"within {ctx.profile.offer_answer_business_days} business days, or ask them for "
        "a deadline and add it to the application"
    )
    return [
        _action(
            ctx,
            keys.answer_offer(app.id),
            "answer_offer",
            contact_id=None if recipient is None else recipient.id,
            interview_id=None,
            channel=channel,
            earliest_at=min(calendar.morning(start), calendar.morning(due)),
            due_at=calendar.morning(due),
            title=f"Answer the {app.company} offer"
            + (
                f" by {drafts.format_date(deadline, month_first=ctx.author.month_first)}"
                if deadline
                else ""
            ),
            why=f"The guides do not cover offers, so this is Followup's own suggestion: accept, "
            f"decline or ask what you need to know {when_}, {reason}.",
            cited=(),
            draft=drafts.offer_answer(
                ctx.author,
                app,
                recipient,
                channel=channel,
                met=recipient is not None and _last_met(ctx, recipient.id) is not None,
            ),
        )
    ]


def _decision_recipients(ctx: AppContext, hired: bool) -> list[ContactFacts]:
    contacts = ctx.app.contacts
    if hired:
        return [c for c in contacts if c.role in ("hiring_manager", "supervisor")]
    for role in ("hiring_manager", "recruiter"):
        found = [c for c in contacts if c.role == role]
        if found:
            return found
    if not ctx.ended:
        return []
    return [ctx.contacts[p.contact_id] for p in _people(ctx, ctx.ended[-1])]


def send_post_decision_thanks(ctx: AppContext) -> list[Action]:
    """After the decision: thank the hiring manager and supervisor, or ask to be kept in mind.

    003: "send a card thanking the hiring manager and your direct supervisor for choosing you
    for the position"; 001: "Send a thank-you note expressing gratitude for the opportunity
    to interview and your interest in future openings." Thanks are per outcome: a note sent
    for a rejection does not stand in for one after being hired after all.
    """
    app, calendar = ctx.app, ctx.calendar
    if app.status not in DECIDED_STATUSES or app.decided_on is None:
        return []
    decided = calendar.start_of(app.decided_on)
    thanked = {
        t.contact_id for t in ctx.outbound if t.kind == "post_decision" and t.occurred_at >= decided
    }
    opens = calendar.roll_forward(app.decided_on)
    due = calendar.add_business_days(opens, ctx.profile.post_decision_due_business_days)
    window = (calendar.morning(opens), calendar.morning(due))
    return [
        _post_decision_action(ctx, contact, index, window)
        for index, contact in enumerate(_decision_recipients(ctx, app.status == "hired"))
        if contact.id not in thanked
    ]


def _post_decision_action(
    ctx: AppContext, contact: ContactFacts, index: int, window: tuple[datetime, datetime]
) -> Action:
    app, hired = ctx.app, ctx.app.status == "hired"
    channel = thank_you_channel(contact, app.workplace)
    reason, reason_cited = _channel_reason(contact, channel, app.workplace)
    met = _last_met(ctx, contact.id)
    what = (
        "Thank the people who chose you"
        if hired
        else "Thank them anyway and ask to be kept in mind for future openings"
    )
    return _action(
        ctx,
        keys.post_decision(app.id, contact.id, app.status),
        "send_post_decision_thanks",
        contact_id=contact.id,
        interview_id=None,
        channel=channel,
        earliest_at=window[0],
        due_at=window[1],
        title=f"Thank {contact.name} for choosing you"
        if hired
        else f"Thank {contact.name} and ask to be considered for future roles",
        why=f"{what} within {ctx.profile.post_decision_due_business_days} business days of the "
        f"decision, {reason}.",
        cited=sources(f"send_post_decision_thanks.{app.status}") + reason_cited,
        draft=drafts.post_decision(
            ctx.author,
            app,
            contact,
            hired=hired,
            channel=channel,
            interviewed=bool(ctx.ended),
            met=None if met is None else _topics(ctx, met[1]),
            index=index,
        ),
    )


def collect_contact(ctx: AppContext, messages: list[Action]) -> list[Action]:
    """A person who should get a message has no address for its channel: find it first.

    000: "Make sure to collect business cards from everyone that interviews you. [...] You
    will have the correct spelling of their name, accurate email address, position, etc."
    """
    blocked: dict[tuple[int, str], list[Action]] = {}
    for message in messages:
        channel, contact_id = message.channel, message.contact_id
        if contact_id is None or channel is None or channel in ADDRESSLESS_CHANNELS:
            continue
        contact = ctx.contacts[contact_id]
        if channel == "email" and not contact.email or channel == "phone" and not contact.phone:
            blocked.setdefault((contact_id, channel), []).append(message)
    out: list[Action] = []
    for (contact_id, channel), waiting in blocked.items():
        contact = ctx.contacts[contact_id]
        what = "email address" if channel == "email" else "phone number"
        out.append(
            _action(
                ctx,
                keys.collect_contact(contact_id, channel),
                "collect_contact",
                contact_id=contact_id,
                interview_id=None,
                channel=None,
                earliest_at=min(_known_from(ctx, m) for m in waiting),
                due_at=min(m.due_at for m in waiting),
                title=f"Find {contact.name}'s {what}",
                why=(
                    f"Your {channel} to {contact.name} cannot go out without their {what}, so "
                    "find it before that message is due."
                ),
                cited=sources("collect_contact"),
            )
        )
    return out


def _known_from(ctx: AppContext, message: Action) -> datetime:
    """When a missing address can first be looked for: as soon as the interview that calls for
    the message has ended (the thank-you's own window opens hours later), else with it."""
    ends = [i.ends_at for i in ctx.ended if i.id == message.interview_id]
    return min([*ends, message.earliest_at])


#: The per-application rules in the order the engine runs them (collect_contact runs last,
#: over the messages these propose).
Rule = Callable[[AppContext], list[Action]]
ACTIVE_RULES: tuple[Rule, ...] = (
    prepare_questions,
    write_notes,
    send_thank_you,
    send_status_check,
    move_on,
    answer_offer,
)
DECIDED_RULES: tuple[Rule, ...] = (send_post_decision_thanks,)
