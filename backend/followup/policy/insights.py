"""The insight figures as one pure function of plain rows: no database, no clock.

The loader (service.py) reads the rows in a fixed number of queries; everything here is a single
pass over them, so it can be tested with hand-built data and known answers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from .vocabulary import APPLICATION_STATUSES, AWAITING_EMPLOYER_STATUSES

#: An outbound message counts as answered when a reply of the same application follows it
#: within this window (README: Insights).
ANSWER_WINDOW = timedelta(days=14)

#: How long after the interview a message went out, in the user's calendar days.
DELAY_BUCKETS: tuple[tuple[str, str, int, int | None], ...] = (
    ("same_day", "same day", 0, 0),
    ("1_day", "1 day", 1, 1),
    ("2_3_days", "2–3 days", 2, 3),
    ("4_7_days", "4–7 days", 4, 7),
    ("8_14_days", "8–14 days", 8, 14),
    ("later", "later", 15, None),
)
KIND_ORDER = ("thank_you", "status_check", "post_decision", "value_add", "reply", "other")


# -- inputs -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MessageRow:
    application_id: int
    interview_id: int | None
    kind: str
    channel: str | None
    direction: str
    occurred_at: datetime


@dataclass(frozen=True, slots=True)
class InterviewRow:
    id: int
    application_id: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    id: int
    company: str
    role_title: str
    status: str
    applied_on: date | None
    decided_on: date | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ActionRow:
    """A follow-up the user acted on (done or dismissed) or that is open and overdue now."""

    kind: str
    state: str  # "done" | "dismissed" | "overdue"
    due_at: datetime
    #: When the user acted: the message `done` logged, else the click (done or dismissed).
    done_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """Inclusive local dates; None is unbounded (the end is then 'now')."""

    start: date | None
    end: date | None
    timezone: str
    now: datetime


# -- outputs ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ResponseRate:
    answered: int
    sent: int
    rate: float | None


@dataclass(frozen=True, slots=True)
class KeyedRate:
    key: str
    answered: int
    sent: int
    rate: float | None


@dataclass(frozen=True, slots=True)
class DelayRate:
    bucket: str
    label: str
    answered: int
    sent: int
    rate: float | None


@dataclass(frozen=True, slots=True)
class Ratio:
    numerator: int
    denominator: int
    rate: float | None


@dataclass(frozen=True, slots=True)
class Duration:
    median_days: float | None
    count: int


@dataclass(frozen=True, slots=True)
class ResponseRates:
    window_days: int
    overall: ResponseRate
    by_kind: list[KeyedRate]
    by_channel: list[KeyedRate]
    by_delay: list[DelayRate]


@dataclass(frozen=True, slots=True)
class Timing:
    interview_to_first_reply: Duration
    application_to_decision: Duration


@dataclass(frozen=True, slots=True)
class Outcomes:
    applications: int
    by_status: dict[str, int]
    interviewed: int
    offer_rate: Ratio
    hire_rate: Ratio


@dataclass(frozen=True, slots=True)
class FollowUps:
    kind: str
    on_time: int
    late: int
    not_at_all: int


@dataclass(frozen=True, slots=True)
class Waiting:
    application_id: int
    company: str
    role_title: str
    status: str
    waiting_since: date
    days_waiting: int


@dataclass(frozen=True, slots=True)
class Pipeline:
    waiting: int
    median_days_waiting: float | None
    items: list[Waiting]


@dataclass(frozen=True, slots=True)
class Insights:
    response_rates: ResponseRates
    timing: Timing
    outcomes: Outcomes
    follow_ups: list[FollowUps]
    pipeline: Pipeline


# -- helpers ----------------------------------------------------------------------------------
def rate(part: int, whole: int) -> float | None:
    """part / whole to three decimals, or None when there is nothing to divide by."""
    return round(part / whole, 3) if whole else None


def _median(values: Sequence[float]) -> float | None:
    return float(median(values)) if values else None


def _bucket(days: int) -> int:
    for index, (_, _, low, high) in enumerate(DELAY_BUCKETS):
        if days >= low and (high is None or days <= high):
            return index
    return 0  # negative days cannot happen: only interviews before the message are used


class _Window:
    """The period as UTC bounds, and the user's calendar date of any moment."""

    def __init__(self, period: Period) -> None:
        self.zone = ZoneInfo(period.timezone)
        self.now = period.now
        self.start = (
            None if period.start is None else datetime.combine(period.start, time(), self.zone)
        )
        self.end = (
            period.now
            if period.end is None
            else datetime.combine(period.end + timedelta(days=1), time(), self.zone)
        )
        self.start_day, self.end_day = period.start, period.end

    def holds(self, moment: datetime) -> bool:
        if self.start is not None and moment < self.start:
            return False
        # "Up to now" includes now; a date's end is the next midnight, excluded.
        return moment <= self.end if self.end_day is None else moment < self.end

    def holds_day(self, day: date) -> bool:
        if self.start_day is not None and day < self.start_day:
            return False
        end_day = self.end_day if self.end_day is not None else self.day(self.now)
        return day <= end_day

    def day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()


# -- the computation --------------------------------------------------------------------------
def compute(
    *,
    period: Period,
    applications: Iterable[ApplicationRow],
    interviews: Iterable[InterviewRow],
    messages: Iterable[MessageRow],
    actions: Iterable[ActionRow],
) -> Insights:
    """Every figure of GET /insights from the user's rows, each filtered on its own date."""
    window = _Window(period)
    apps = list(applications)
    interviews_by_app: dict[int, list[InterviewRow]] = defaultdict(list)
    for interview in sorted(interviews, key=lambda i: (i.starts_at, i.id)):
        interviews_by_app[interview.application_id].append(interview)
    replies: dict[int, list[datetime]] = defaultdict(list)
    outbound: list[MessageRow] = []
    last_outbound: dict[int, datetime] = {}
    for message in sorted(messages, key=lambda m: m.occurred_at):
        if message.occurred_at > window.now:
            continue  # logged ahead of time: it has not happened yet
        if message.direction == "inbound":
            replies[message.application_id].append(message.occurred_at)
        else:
            outbound.append(message)
            last_outbound[message.application_id] = message.occurred_at
    return Insights(
        response_rates=_response_rates(window, outbound, replies, interviews_by_app),
        timing=Timing(
            interview_to_first_reply=_interview_to_reply(window, interviews_by_app, replies),
            application_to_decision=_application_to_decision(window, apps),
        ),
        outcomes=_outcomes(window, apps, interviews_by_app),
        follow_ups=_follow_ups(window, actions),
        pipeline=_pipeline(window, apps, interviews_by_app, replies, last_outbound),
    )


def _answered(sent_at: datetime, reply_times: list[datetime]) -> bool:
    """Is there a reply strictly after sent_at and no later than the window's end?"""
    after = bisect_right(reply_times, sent_at)
    return after < len(reply_times) and reply_times[after] <= sent_at + ANSWER_WINDOW


def _response_rates(
    window: _Window,
    outbound: list[MessageRow],
    replies: dict[int, list[datetime]],
    interviews_by_app: dict[int, list[InterviewRow]],
) -> ResponseRates:
    totals = [0, 0]
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_channel: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_delay = [[0, 0] for _ in DELAY_BUCKETS]
    for message in outbound:
        if not window.holds(message.occurred_at):
            continue
        answered = int(_answered(message.occurred_at, replies.get(message.application_id, [])))
        counters = [totals, by_kind[message.kind], by_channel[message.channel or "unspecified"]]
        interview = _interview_before(message, interviews_by_app.get(message.application_id, []))
        if interview is not None:
            days = (window.day(message.occurred_at) - window.day(interview.ends_at)).days
            counters.append(by_delay[_bucket(max(days, 0))])
        for counter in counters:
            counter[0] += answered
            counter[1] += 1
    kinds = sorted(by_kind, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99)
    channels = sorted(by_channel, key=lambda c: (-by_channel[c][1], c))
    return ResponseRates(
        window_days=ANSWER_WINDOW.days,
        overall=ResponseRate(totals[0], totals[1], rate(totals[0], totals[1])),
        by_kind=[_keyed(k, by_kind[k]) for k in kinds],
        by_channel=[_keyed(c, by_channel[c]) for c in channels],
        by_delay=[
            DelayRate(name, label, a, s, rate(a, s))
            for (name, label, _, _), (a, s) in zip(DELAY_BUCKETS, by_delay, strict=True)
        ],
    )


def _keyed(key: str, counter: list[int]) -> KeyedRate:
    answered, sent = counter
    return KeyedRate(key, answered, sent, rate(answered, sent))


def _interview_before(message: MessageRow, interviews: list[InterviewRow]) -> InterviewRow | None:
    """The interview a message follows: the one it names, else the latest that began before it."""
    if message.interview_id is not None:
        for interview in interviews:
            if interview.id == message.interview_id:
                return interview if interview.starts_at <= message.occurred_at else None
    latest = None
    for interview in interviews:
        if interview.starts_at <= message.occurred_at:
            latest = interview
    return latest


def _interview_to_reply(
    window: _Window,
    interviews_by_app: dict[int, list[InterviewRow]],
    replies: dict[int, list[datetime]],
) -> Duration:
    days: list[float] = []
    for application_id, interviews in interviews_by_app.items():
        reply_times = replies.get(application_id, [])
        for interview in interviews:
            if not window.holds(interview.starts_at) or interview.ends_at > window.now:
                continue
            after = bisect_right(reply_times, interview.ends_at)
            if after < len(reply_times):
                first = reply_times[after]
                days.append((window.day(first) - window.day(interview.ends_at)).days)
    return Duration(_median(days), len(days))


def _applied_day(window: _Window, app: ApplicationRow) -> date:
    return app.applied_on if app.applied_on is not None else window.day(app.created_at)


def _application_to_decision(window: _Window, apps: list[ApplicationRow]) -> Duration:
    days: list[float] = [
        (app.decided_on - app.applied_on).days
        for app in apps
        if app.applied_on is not None
        and app.decided_on is not None
        and app.decided_on >= app.applied_on
        and window.holds_day(app.applied_on)
    ]
    return Duration(_median(days), len(days))


def _outcomes(
    window: _Window, apps: list[ApplicationRow], interviews_by_app: dict[int, list[InterviewRow]]
) -> Outcomes:
    counts: Counter[str] = Counter()
    interviewed = offers = hires = 0
    for app in apps:
        if not window.holds_day(_applied_day(window, app)):
            continue
        counts[app.status] += 1
        if any(i.starts_at <= window.now for i in interviews_by_app.get(app.id, [])):
            interviewed += 1
            offers += app.status in ("offer", "hired")
            hires += app.status == "hired"
    return Outcomes(
        applications=sum(counts.values()),
        by_status={status: counts[status] for status in APPLICATION_STATUSES},
        interviewed=interviewed,
        offer_rate=Ratio(offers, interviewed, rate(offers, interviewed)),
        hire_rate=Ratio(hires, interviewed, rate(hires, interviewed)),
    )


def _follow_ups(window: _Window, actions: Iterable[ActionRow]) -> list[FollowUps]:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for action in actions:
        # Its own date: when the user acted on it, else (open and overdue) when it was due.
        if not window.holds(action.done_at or action.due_at):
            continue
        counter = tally[action.kind]
        if action.state == "done":
            done_at = action.done_at or action.due_at
            counter[0 if done_at <= action.due_at else 1] += 1
        elif action.state in ("dismissed", "overdue"):
            counter[2] += 1
    return [FollowUps(kind, *tally[kind]) for kind in sorted(tally)]


def _pipeline(
    window: _Window,
    apps: list[ApplicationRow],
    interviews_by_app: dict[int, list[InterviewRow]],
    replies: dict[int, list[datetime]],
    last_outbound: dict[int, datetime],
) -> Pipeline:
    """Active applications whose last move was the user's: since when, and for how many days."""
    today = window.day(window.now)
    items: list[Waiting] = []
    for app in apps:
        if app.status not in AWAITING_EMPLOYER_STATUSES:  # an offer waits on the user
            continue
        interviews = interviews_by_app.get(app.id, [])
        if any(i.ends_at > window.now for i in interviews):
            continue  # a next step is already scheduled
        moves = [i.ends_at for i in interviews]
        if app.id in last_outbound:
            moves.append(last_outbound[app.id])
        if app.applied_on is not None or not moves:
            # The day the record was created is a move only when nothing else is known: a
            # tracker filled in after the fact would otherwise restart every clock at "today".
            moves.append(datetime.combine(_applied_day(window, app), time(), window.zone))
        latest_move = max(moves)
        reply_times = replies.get(app.id, [])
        if reply_times and reply_times[-1] >= latest_move:
            continue  # the employer answered the user's last move: the ball is in the user's court
        since = window.day(latest_move)
        items.append(
            Waiting(app.id, app.company, app.role_title, app.status, since, (today - since).days)
        )
    items.sort(key=lambda w: (-w.days_waiting, w.application_id))
    return Pipeline(len(items), _median([w.days_waiting for w in items]), items)
