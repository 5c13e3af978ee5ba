"""One small function per rule. Each reads an AppContext and returns its proposed actions.

The docstrings quote the guide each rule follows; citations.py holds the same quotes as data
(the ones an action carries) and a test checks them against the guide texts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import attrgetter

from . import drafts
from .business_calendar import BusinessCalendar
from .citations import sources
from .profiles import Profile
from .types import (
    Action,
    ActionKind,
    ApplicationFacts,
    ContactFacts,
    Draft,
    InterviewFacts,
    Source,
    TouchpointFacts,
    UserFacts,
    status_at,
)
from .vocabulary import AWAITING_EMPLOYER_STATUSES, DECIDED_STATUSES

ADDRESSLESS_CHANNELS = frozenset({"card", "linkedin"})
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ONE_DAY = timedelta(days=1)
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
    signature: str = ""
    check: CheckState | None = None  # set once by check_state()
    check_known: bool = False


def build_context(
    user: UserFacts,
    app: ApplicationFacts,
    *,
    now: datetime,
    profile: Profile,
    calendar: BusinessCalendar,
) -> AppContext:
    ended: list[InterviewFacts] = []
    upcoming: list[InterviewFacts] = []
    for interview in app.interviews:
        if interview.ends_at <= now:
            ended.append(interview)
        elif interview.starts_at > now:
            upcoming.append(interview)
    if len(ended) > 1:
        ended.sort(key=_BY_END)
    if len(upcoming) > 1:
        upcoming.sort(key=_BY_START)
    outbound: list[TouchpointFacts] = []
    inbound: list[TouchpointFacts] = []
    for touchpoint in app.touchpoints:
        if touchpoint.occurred_at > now:
            continue  # has not happened yet at this 'now'
        (inbound if touchpoint.direction == "inbound" else outbound).append(touchpoint)
    if len(outbound) > 1:
        outbound.sort(key=_BY_OCCURRENCE)
    if len(inbound) > 1:
        inbound.sort(key=_BY_OCCURRENCE)
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
        drafts.signature_of(user),
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
) -> Action:
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
    )


def thank_you_channel(contact: ContactFacts, workplace: str) -> str:
    """Stated preference first, else a card for a traditional workplace, else email."""
    if contact.preferred_channel:
        return contact.preferred_channel
    return "card" if workplace == "traditional" else "email"


def message_channel(contact: ContactFacts | None) -> str:
    """As for a thank-you, but never a card (status checks go out quickly)."""
    if contact is not None and contact.preferred_channel and contact.preferred_channel != "card":
        return contact.preferred_channel
    return "email"


def _channel_reason(contact: ContactFacts | None, channel: str) -> str:
    if contact is not None and contact.preferred_channel == channel:
        return f"by {channel}, as {contact.name} prefers to be contacted"
    if channel == "card":
        return "as a handwritten card, which suits a traditional workplace"
    return "by email, the usual channel for this workplace"


def _weekday(ctx: AppContext, interview: InterviewFacts) -> str:
    return _WEEKDAYS[ctx.calendar.local_date(interview.starts_at).weekday()]


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
        earliest = ctx.calendar.days_after(interview.starts_at, -days)
        if earliest > interview.starts_at:
            earliest = interview.starts_at
        out.append(
            _action(
                ctx,
                f"prepare.i{interview.id}",
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
        if interview.notes and interview.notes.strip():
            continue
        out.append(
            _action(
                ctx,
                f"notes.i{interview.id}",
                "write_notes",
                contact_id=None,
                interview_id=interview.id,
                channel=None,
                earliest_at=interview.ends_at,
                due_at=interview.ends_at + due_after,
                title=f"Write down your notes from the {ctx.app.company} interview",
                why=(
                    "Within a few hours of the interview, while memory is fresh, note what went "
                    "well and badly and each interviewer's questions and concerns; the "
                    "thank-you notes are built from them."
                ),
                cited=sources("write_notes"),
            )
        )
    return out


def _hours(span: timedelta) -> int:
    return int(span.total_seconds() // 3600)


_THANK_YOU_TEXT: dict[
    tuple[timedelta, timedelta, int, str, bool, bool], tuple[str, tuple[Source, ...]]
] = {}


def _thank_you_text(
    profile: Profile,
    channel: str,
    preferred: bool,
    interviewed: bool,
) -> tuple[str, tuple[Source, ...]]:
    """The why sentence and citations of a thank-you; memoised, they depend on few inputs."""
    memo_key = (
        profile.thank_you_opens_after,
        profile.thank_you_due_after,
        profile.card_due_days,
        channel,
        preferred,
        interviewed,
    )
    known = _THANK_YOU_TEXT.get(memo_key)
    if known is not None:
        return known
    if channel == "card":
        timing = f"mail it from the day after the interview, within {profile.card_due_days} days"
        cited = sources("send_thank_you", "send_thank_you.card")
    else:
        timing = (
            f"send it {_hours(profile.thank_you_opens_after)}–"
            f"{_hours(profile.thank_you_due_after)} hours after the interview, "
            "not straight away"
        )
        cited = sources("send_thank_you", "send_thank_you.email")
    if preferred:
        cited += sources("channel.preferred")
        reason = f"by {channel}, as they asked to be contacted"
    elif channel == "card":
        reason = "as a handwritten card, which suits a traditional workplace"
    else:
        reason = "by email, the usual channel for this workplace"
    if not interviewed:
        cited += sources("send_thank_you.arranged_by")
    who = "each person you met" if interviewed else "whoever arranged a remote interview"
    known = (f"A personal thank-you goes to {who}: {timing}, {reason}.", cited)
    _THANK_YOU_TEXT[memo_key] = known
    return known


def _thanked(thanks: list[TouchpointFacts], contact_id: int, interview: InterviewFacts) -> bool:
    for touchpoint in thanks:
        if touchpoint.contact_id != contact_id:
            continue
        if touchpoint.interview_id == interview.id:
            return True
        if touchpoint.interview_id is None and touchpoint.occurred_at >= interview.ends_at:
            return True
    return False


def send_thank_you(ctx: AppContext) -> list[Action]:
    """One thank-you per person per ended interview, plus whoever arranged a remote one.

    002: "send a thank you note to each person you met during the interview"; 000: "within
    12-24 hours of your interview"; 001: "avoid sending it immediately after the interview";
    004: "If your interview was conducted online, send an email to the recruiter or HR team
    handling the meeting arrangements".
    """
    out: list[Action] = []
    if not ctx.ended:
        return out
    profile, calendar, app, contacts, now = (
        ctx.profile,
        ctx.calendar,
        ctx.app,
        ctx.contacts,
        ctx.now,
    )
    thanks = [t for t in ctx.outbound if t.kind == "thank_you"]
    user, signature, draft_thank_you = ctx.user, ctx.signature, drafts.thank_you
    opens_after, due_after = profile.thank_you_opens_after, profile.thank_you_due_after
    default_channel = "card" if app.workplace == "traditional" else "email"
    texts: dict[tuple[str, bool, bool], tuple[str, tuple[Source, ...]]] = {}
    for interview in ctx.ended:
        recipients: list[tuple[int, str | None, bool]] = [
            (person.contact_id, person.notes, True) for person in interview.interviewers
        ]
        arranger = interview.arranged_by_id
        if arranger is not None and (interview.format == "video" or interview.format == "phone"):
            for recipient in recipients:
                if recipient[0] == arranger:
                    break
            else:
                recipients.append((arranger, None, False))
        seen: set[int] = set()
        day = ""
        ends_at = interview.ends_at
        for contact_id, notes, interviewed in recipients:
            contact = contacts.get(contact_id)
            if contact is None or contact_id in seen:
                continue
            seen.add(contact_id)
            if thanks and _thanked(thanks, contact_id, interview):
                continue
            channel = contact.preferred_channel or default_channel
            if channel == "card":
                earliest = calendar.days_after(ends_at, profile.card_opens_days)
                due = calendar.days_after(ends_at, profile.card_due_days)
            else:
                earliest, due = ends_at + opens_after, ends_at + due_after
            text_key = (channel, contact.preferred_channel is not None, interviewed)
            text = texts.get(text_key)
            if text is None:
                text = texts[text_key] = _thank_you_text(profile, *text_key)
            why, cited = text
            if not day:
                day = _weekday(ctx, interview)
            out.append(
                Action(
                    f"thank_you.i{interview.id}.c{contact_id}",
                    "send_thank_you",
                    app.id,
                    contact_id,
                    interview.id,
                    channel,
                    earliest,
                    due,
                    status_at(earliest, due, now),
                    (
                        f"Thank {contact.name} for the interview"
                        if interviewed
                        else f"Thank {contact.name} for arranging the interview"
                    ),
                    why,
                    cited,
                    draft_thank_you(
                        user,
                        app,
                        contact,
                        channel,
                        day,
                        notes,
                        interviewed,
                        interview.format,
                        signature,
                    ),
                )
            )
    return out


# -- status checks and moving on --------------------------------------------------------------
@dataclass(slots=True)
class CheckState:
    """Where the status-check sequence of an application stands at 'now'."""

    last_interview: InterviewFacts
    anchor: str  # "i<interview id>" or "r<reply touchpoint id>": what restarted the clock
    anchor_at: datetime
    unanswered: list[TouchpointFacts]  # outbound status checks since the anchor


def check_state(ctx: AppContext) -> CheckState | None:
    """None while no status check can apply (status, no ended interview, one scheduled)."""
    if not ctx.check_known:
        ctx.check = _compute_check_state(ctx)
        ctx.check_known = True
    return ctx.check


def _compute_check_state(ctx: AppContext) -> CheckState | None:
    if ctx.app.status not in AWAITING_EMPLOYER_STATUSES or not ctx.ended or ctx.upcoming:
        return None
    last = ctx.ended[-1]
    anchor, anchor_at = f"i{last.id}", last.ends_at
    if ctx.inbound and ctx.inbound[-1].occurred_at > anchor_at:
        reply = ctx.inbound[-1]
        anchor, anchor_at = f"r{reply.id}", reply.occurred_at
    unanswered = [t for t in ctx.outbound if t.kind == "status_check" and t.occurred_at > anchor_at]
    return CheckState(last, anchor, anchor_at, unanswered)


def _recipient(ctx: AppContext, last: InterviewFacts) -> ContactFacts | None:
    """The hiring manager, else the recruiter, else the first interviewer of the last round."""
    for role in ("hiring_manager", "recruiter"):
        for contact in ctx.app.contacts:
            if contact.role == role:
                return contact
    for person in last.interviewers:
        found = ctx.contacts.get(person.contact_id)
        if found is not None:
            return found
    return None


def _shift_for_status_check(
    ctx: AppContext,
    opens: date,
    due: date,
) -> tuple[date, date]:
    """Roll the window to a business day, off interview days, and past the outbound gap."""
    calendar = ctx.calendar
    day = opens
    if ctx.outbound:
        last_sent = calendar.local_date(ctx.outbound[-1].occurred_at)
        gap_end = calendar.add_business_days(last_sent, ctx.profile.gap_business_days)
        if gap_end > day:
            day = gap_end
    interview_days = {calendar.local_date(i.starts_at) for i in ctx.app.interviews}
    interview_days.update(calendar.local_date(i.ends_at) for i in ctx.app.interviews)
    while not calendar.is_business_day(day) or day in interview_days:
        day += _ONE_DAY
    return day, due + (day - opens)


def send_status_check(ctx: AppContext) -> list[Action]:
    """Ask for news after the stated timeline, else after about a week to ten days.

    003: "If you haven’t heard back within a few days past that timeline, send a short email
    or make a call"; 000: "If you have not heard back within in a week or ten days, you can
    send another."; 004: "Avoid calling or emailing the same day as the interview."
    """
    state = check_state(ctx)
    profile, calendar, app = ctx.profile, ctx.calendar, ctx.app
    if state is None or len(state.unanswered) >= profile.unanswered_before_move_on:
        return []
    last = state.last_interview
    count = len(state.unanswered)
    anchor_day = calendar.local_date(state.anchor_at)
    decision = last.decision_expected_on or app.decision_expected_on
    if count:
        previous = calendar.local_date(state.unanswered[-1].occurred_at)
        opens = previous + timedelta(days=profile.spacing_days)
        due = opens + timedelta(days=profile.later_check_due_days)
        timing = (
            f"{profile.spacing_days} days after your last unanswered check, "
            f"within {profile.later_check_due_days} days"
        )
        cited = sources("send_status_check", "send_status_check.no_date")
    elif decision is not None and decision >= anchor_day:
        opens = calendar.add_business_days(decision, profile.after_decision_business_days)
        due = calendar.add_business_days(opens, profile.decision_window_business_days)
        timing = (
            f"{profile.after_decision_business_days} business day(s) after the "
            f"decision date they gave ({decision.isoformat()})"
        )
        cited = sources("send_status_check", "send_status_check.decision_date")
    else:
        opens = anchor_day + timedelta(days=profile.first_check_opens_days)
        due = anchor_day + timedelta(days=profile.first_check_due_days)
        since = "the interview" if state.anchor[0] == "i" else "their last reply"
        timing = (
            f"{profile.first_check_opens_days}–{profile.first_check_due_days} days "
            f"after {since}, as no decision date is known"
        )
        cited = sources("send_status_check", "send_status_check.no_date")
    opens, due = _shift_for_status_check(ctx, opens, due)
    recipient = _recipient(ctx, last)
    channel = message_channel(recipient)
    notes = None
    if recipient is not None:
        for person in last.interviewers:
            if person.contact_id == recipient.id:
                notes = person.notes
        if recipient.preferred_channel and recipient.preferred_channel != "card":
            cited += sources("channel.preferred")
    cited += sources("send_status_check.content")
    name = recipient.name if recipient is not None else app.company
    return [
        _action(
            ctx,
            f"status_check.a{app.id}.n{count + 1}.{state.anchor}",
            "send_status_check",
            contact_id=None if recipient is None else recipient.id,
            interview_id=last.id,
            channel=channel,
            earliest_at=calendar.morning(opens),
            due_at=calendar.morning(due),
            title=f"Check in with {name} about the {app.role_title} role",
            why=(
                f"Ask for news {timing}, on a business day that is not an interview day and at "
                f"least {profile.gap_business_days} business days after your last message, "
                f"{_channel_reason(recipient, channel)}."
            ),
            cited=cited,
            draft=drafts.status_check(
                ctx.user,
                app,
                recipient,
                channel=channel,
                day=_weekday(ctx, last),
                notes=notes,
                signature=ctx.signature,
            ),
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
    earliest = calendar.days_after(last_check, profile.spacing_days)
    due = calendar.days_after(last_check, profile.spacing_days + profile.later_check_due_days)
    count = len(state.unanswered)
    return [
        _action(
            ctx,
            f"move_on.a{ctx.app.id}.{state.anchor}",
            "move_on",
            contact_id=None,
            interview_id=None,
            channel=None,
            earliest_at=earliest,
            due_at=due,
            title=f"Move on from {ctx.app.company} and keep applying elsewhere",
            why=(
                f"{count} status checks have gone unanswered and the last is "
                f"{profile.spacing_days} days old, so stop following up and put your energy "
                "into other applications."
            ),
            cited=sources("move_on"),
        )
    ]


def send_post_decision_thanks(ctx: AppContext) -> list[Action]:
    """After the decision: thank the hiring manager and supervisor, or ask to be kept in mind.

    003: "send a card thanking the hiring manager and your direct supervisor for choosing you
    for the position"; 001: "Send a thank-you note expressing gratitude for the opportunity
    to interview and your interest in future openings."
    """
    app = ctx.app
    if app.status not in DECIDED_STATUSES or app.decided_on is None:
        return []
    hired = app.status == "hired"
    recipients: list[ContactFacts]
    if hired:
        recipients = [c for c in app.contacts if c.role in ("hiring_manager", "supervisor")]
    else:
        recipients = [c for c in app.contacts if c.role == "hiring_manager"]
        if not recipients:
            recipients = [c for c in app.contacts if c.role == "recruiter"]
        if not recipients and ctx.ended:
            # dict.fromkeys: a person listed twice on the interview is still thanked once.
            recipients = [
                ctx.contacts[contact_id]
                for contact_id in dict.fromkeys(p.contact_id for p in ctx.ended[-1].interviewers)
                if contact_id in ctx.contacts
            ]
    if not recipients:
        return []
    thanked = {t.contact_id for t in ctx.outbound if t.kind == "post_decision"}
    calendar, profile = ctx.calendar, ctx.profile
    opens = calendar.roll_forward(app.decided_on)
    due = calendar.add_business_days(opens, profile.post_decision_due_business_days)
    earliest_at, due_at = calendar.morning(opens), calendar.morning(due)
    variant = "hired" if hired else "rejected"
    cited = sources(f"send_post_decision_thanks.{variant}")
    out: list[Action] = []
    for contact in recipients:
        if contact.id in thanked:
            continue
        channel = thank_you_channel(contact, app.workplace)
        out.append(
            _action(
                ctx,
                f"post_decision.a{app.id}.c{contact.id}",
                "send_post_decision_thanks",
                contact_id=contact.id,
                interview_id=None,
                channel=channel,
                earliest_at=earliest_at,
                due_at=due_at,
                title=(
                    f"Thank {contact.name} for choosing you"
                    if hired
                    else f"Thank {contact.name} and ask to be considered for future roles"
                ),
                why=(
                    (
                        "Thank the people who chose you"
                        if hired
                        else "Thank them anyway and ask to be kept in mind for future openings"
                    )
                    + f" within {profile.post_decision_due_business_days} business days of the "
                    f"decision, {_channel_reason(contact, channel)}."
                ),
                cited=cited + (sources("channel.preferred") if contact.preferred_channel else ()),
                draft=drafts.post_decision(
                    ctx.user, app, contact, hired=hired, signature=ctx.signature
                ),
            )
        )
    return out


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
                f"contact.c{contact_id}.{channel}",
                "collect_contact",
                contact_id=contact_id,
                interview_id=None,
                channel=None,
                earliest_at=min(m.earliest_at for m in waiting),
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


#: The per-application rules in the order the engine runs them (collect_contact runs last,
#: over the messages these propose).
Rule = Callable[[AppContext], list[Action]]
ACTIVE_RULES: tuple[Rule, ...] = (
    prepare_questions,
    write_notes,
    send_thank_you,
    send_status_check,
    move_on,
)
DECIDED_RULES: tuple[Rule, ...] = (send_post_decision_thanks,)
