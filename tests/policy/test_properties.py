"""Invariants over generated facts (Hypothesis)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.policy import (
    PROFILES,
    Action,
    ActionInput,
    ActionState,
    ApplicationFacts,
    ContactFacts,
    Facts,
    InterviewerFacts,
    InterviewFacts,
    TouchpointFacts,
    UserFacts,
    calendar_for,
    drafts,
    evaluate,
    evaluate_all,
    stable_span,
    text,
)

from .factories import utc

START = utc(2026, 11, 1)
ZONES = st.sampled_from(
    [
        ("America/New_York", "US"),
        ("America/Los_Angeles", "US"),
        ("Europe/Berlin", "DE"),
        ("UTC", None),
    ]
)
MESSAGES = {"send_thank_you", "send_status_check", "send_post_decision_thanks", "answer_offer"}
KEY = re.compile(r"^[A-Za-z0-9._-]+$")


def moments() -> st.SearchStrategy[datetime]:
    return st.integers(0, 60 * 24 * 4).map(lambda quarter: START + timedelta(minutes=15 * quarter))


# What users type, the good and the bad: the drafts must cope with all of it.
TOPICS = (
    "the billing migration",
    "Kafka consumer lag",
    "- dbt models\n- on-call…",
    "<b>SQL</b> tuning 🚀",
    "She was worried I have no Kubernetes experience",
    "his worry about the on-call rotation",
    "we whiteboarded a dbt model",
    "Die Migration und das Monitoring",
    "what is the on-call like?",
    "the Company 2 roadmap",
    "a very long topic about " + "the warehouse and its many tables " * 4,
)
PRIVATE = (
    "Private: quietly sceptical about my notice period",
    "she asked how I'd test the ingestion service",
    "Went well overall. " * 150,
)
CONCERNS = ("worried I have never carried a pager", "asked whether I could relocate to Tokyo")
STRENGTHS = (
    "five years of building streaming pipelines",
    "she says I am great at SQL",
    "- SQL\n- Python",
    "word " * 40,
)
VALUES = (
    "A write-up on exactly-once delivery: https://example.com/eo",
    "he sent me a link",
    "z" * 400,
)


def maybe(options: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    return st.sampled_from((None, *options))


@st.composite
def applications(draw: st.DrawFn, app_id: int) -> ApplicationFacts:
    base = app_id * 100
    contacts = tuple(
        ContactFacts(
            base + n,
            f"Person{n} Family{app_id}",
            draw(st.sampled_from([None, "Engineer"])),
            draw(st.sampled_from([None, f"p{n}@example.com"])),
            draw(st.sampled_from([None, "+1 555 0100"])),
            draw(
                st.sampled_from(
                    ["hiring_manager", "recruiter", "interviewer", "supervisor", "other"]
                )
            ),
            draw(st.sampled_from([None, None, "email", "phone", "card", "linkedin"])),
            draw(st.sampled_from([None, None, f"Dr. Family{app_id}"])),
        )
        for n in range(draw(st.integers(0, 4)))
    )
    ids = [c.id for c in contacts] + [base + 9]  # one unknown contact id
    interviews = []
    for n in range(draw(st.integers(0, 3))):
        starts = draw(moments())
        ends = starts + timedelta(minutes=draw(st.sampled_from([30, 60, 240])))
        interviews.append(
            InterviewFacts(
                base + 10 + n,
                starts,
                ends,
                draw(st.sampled_from([None, "video", "phone", "onsite"])),
                n + 1,
                draw(st.sampled_from([None, *ids])),
                tuple(
                    InterviewerFacts(
                        cid,
                        draw(maybe(PRIVATE)),
                        tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2))),
                        draw(maybe(CONCERNS)),
                    )
                    for cid in draw(st.lists(st.sampled_from(ids), max_size=3))
                ),
                draw(
                    st.sampled_from(
                        [None, (starts + timedelta(days=draw(st.integers(-3, 12)))).date()]
                    )
                ),
                draw(st.sampled_from([None, "ok"])),
                draw(
                    st.sampled_from(
                        [None, None, ends + timedelta(hours=draw(st.integers(-2, 24 * 20)))]
                    )
                ),
            )
        )
    touchpoints = tuple(
        TouchpointFacts(
            base + 50 + n,
            draw(st.sampled_from([None, *ids])),
            draw(st.sampled_from([None, *[i.id for i in interviews]])),
            draw(st.sampled_from(["thank_you", "status_check", "post_decision", "reply", "other"])),
            draw(st.sampled_from(["email", "phone"])),
            draw(st.sampled_from(["outbound", "inbound"])),
            draw(moments()),
            draw(
                st.sampled_from([None, (START + timedelta(days=draw(st.integers(0, 40)))).date()])
            ),
        )
        for n in range(draw(st.integers(0, 5)))
    )
    status = draw(
        st.sampled_from(
            ["applied", "interviewing", "offer", "hired", "rejected", "withdrawn", "closed"]
        )
    )
    day = st.sampled_from([None, (START + timedelta(days=draw(st.integers(-20, 40)))).date()])
    return ApplicationFacts(
        app_id,
        f"Company {app_id}",
        draw(st.sampled_from(["Data Engineer", ""])),
        status,
        draw(day),
        draw(st.sampled_from(["tech", "traditional"])),
        draw(day),
        draw(day),
        contacts,
        tuple(interviews),
        touchpoints,
        draw(maybe(STRENGTHS)),
        draw(maybe(("its open-source work", "because they pay well"))),
        draw(day),
        draw(day),
        draw(day),
    )


def _inputs(draw: st.DrawFn, apps: tuple[ApplicationFacts, ...]) -> dict[str, ActionInput]:
    """Something of value for some of the status checks the facts may produce."""
    inputs = {}
    for a in apps:
        anchors = ["applied", *(f"i{i.id}" for i in a.interviews)]
        anchors += [f"r{t.id}" for t in a.touchpoints]
        for anchor in anchors:
            for n in (1, 2, 3):
                value = draw(maybe(VALUES))
                if value is not None:
                    key = f"status_check.a{a.id}.n{n}.{anchor}"
                    inputs[key] = ActionInput(key, value)
    return inputs


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Facts, datetime, str]:
    zone, country = draw(ZONES)
    name = draw(st.sampled_from(["Ana Silva", ""]))
    user = UserFacts(name, "ana@example.com", None, zone, country)
    apps = tuple(draw(applications(n)) for n in range(1, draw(st.integers(1, 3)) + 1))
    facts = Facts(user, apps, {}, _inputs(draw, apps), ("Company 9",))
    return facts, draw(moments()), draw(st.sampled_from(sorted(PROFILES)))


def _run(facts: Facts, now: datetime, profile: str) -> list[Action]:
    cal = calendar_for(facts.user.timezone, facts.user.country)
    return evaluate(facts, now=now, profile=PROFILES[profile], calendar=cal)


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_invariants(scenario: tuple[Facts, datetime, str]) -> None:
    facts, now, profile = scenario
    actions = _run(facts, now, profile)
    cal = calendar_for(facts.user.timezone, facts.user.country)
    apps = {a.id: a for a in facts.applications}
    for action in actions:
        assert action.earliest_at <= action.due_at, action
        assert KEY.match(action.key), action.key
        beyond = action.why.startswith(("Beyond the guides", "The guides do not cover"))
        assert bool(action.sources) != beyond, action  # cited, or plainly beyond the guides
        assert action.why
        app = apps[action.application_id]
        assert app.status not in ("withdrawn", "closed")
        if action.kind in MESSAGES:
            assert action.draft is not None
            assert action.channel
        if action.kind in MESSAGES and action.interview_id is not None:
            interview = next(i for i in app.interviews if i.id == action.interview_id)
            assert interview.ends_at <= now
            assert action.earliest_at >= interview.ends_at, (
                "message opens before the interview ends"
            )
        if action.kind == "send_status_check":
            assert action.channel != "card"
            day = cal.local_date(action.earliest_at)
            assert cal.is_business_day(day)
            assert cal.local_time(action.earliest_at).hour == 9
            assert day not in {cal.local_date(i.starts_at) for i in app.interviews}
        if action.kind == "send_thank_you":
            assert app.status in ("applied", "interviewing", "offer")
    thank_yous = Counter(
        (a.contact_id, a.interview_id) for a in actions if a.kind == "send_thank_you"
    )
    assert all(count == 1 for count in thank_yous.values())
    assert len({a.key for a in actions}) == len(actions)
    assert [(a.due_at, a.key) for a in actions] == sorted((a.due_at, a.key) for a in actions)


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_same_input_same_output_whatever_the_order(scenario: tuple[Facts, datetime, str]) -> None:
    facts, now, profile = scenario
    first = _run(facts, now, profile)
    assert _run(facts, now, profile) == first
    shuffled = replace(
        facts,
        applications=tuple(
            replace(a, touchpoints=a.touchpoints[::-1], interviews=a.interviews[::-1])
            for a in reversed(facts.applications)
        ),
    )
    assert _run(shuffled, now, profile) == first


@settings(max_examples=150, deadline=None)
@given(scenarios(), st.integers(1, 60 * 24 * 10), st.data())
def test_snoozed_hidden_until_until(
    scenario: tuple[Facts, datetime, str], minutes: int, data: st.DataObject
) -> None:
    facts, now, profile = scenario
    cal = calendar_for(facts.user.timezone, facts.user.country)
    actions = evaluate_all(facts, now=now, profile=PROFILES[profile], calendar=cal)
    if not actions:
        return
    target = data.draw(st.sampled_from(actions))
    until = now + timedelta(minutes=minutes)
    snoozed = replace(facts, action_states={target.key: ActionState(target.key, "snoozed", until)})
    assert target.key not in {a.key for a in _run(snoozed, now, profile)}
    expired = replace(facts, action_states={target.key: ActionState(target.key, "snoozed", now)})
    assert target.key in {a.key for a in _run(expired, now, profile)}
    others = list(_run(snoozed, now, profile))
    assert others == [a for a in actions if a.key != target.key]


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.data())
def test_one_evaluation_holds_across_its_stable_span(
    scenario: tuple[Facts, datetime, str], data: st.DataObject
) -> None:
    """Anywhere inside stable_span, re-evaluating gives the same actions with fresh statuses:
    the property the service's evaluation cache relies on."""
    facts, now, profile = scenario
    start, end = stable_span(facts, now)
    assert start is None or start <= now
    assert end is None or now < end
    low = start or now - timedelta(days=30)
    high = end or now + timedelta(days=30)
    offset = data.draw(st.integers(0, int((high - low).total_seconds()) - 1))
    later = low + timedelta(seconds=offset)
    cal = calendar_for(facts.user.timezone, facts.user.country)
    first = evaluate_all(facts, now=now, profile=PROFILES[profile], calendar=cal)
    again = evaluate_all(facts, now=later, profile=PROFILES[profile], calendar=cal)
    assert again == [action.with_status(later) for action in first]
    if end is not None:
        # At the span's end something may change; the span there starts anew.
        assert stable_span(facts, end)[0] == end


# -- what a draft may say -------------------------------------------------------------------------
THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|hers|him|himself|herself)\b", re.IGNORECASE)
#: Wording that says the addressee and the user talked: only for people who took part.
CONVERSATION = re.compile(
    r"we spoke|we met|we discussed|our conversation|our discussion|meet with me|meeting with me"
    r"|speaking with me|speak with you|spoke with you|talking through|talking with you"
    r"|interviewing me|interviewed me|interview with you|spent with me|gave me|your questions"
    r"|your perspective|your thoughts|your side",
    re.IGNORECASE,
)
DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{1,2}\b|\b\d{1,2} (?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b"
)


def _private_texts(app: ApplicationFacts) -> set[str]:
    """What must never be quoted: private notes and concerns, and topics too long to quote."""
    found = set()
    for interview in app.interviews:
        for person in interview.interviewers:
            found.update(t for t in (person.notes, person.concerns) if t and len(t) >= 15)
            found.update(t for t in person.topics if len(t) > text.MAX_TOPIC_CHARS)
    return found


def _took_part(app: ApplicationFacts, contact_id: int, now: datetime) -> bool:
    """They were at an interview with the user, or answered by phone: a conversation."""
    called = any(
        t.direction == "inbound" and t.contact_id == contact_id and t.channel == "phone"
        for t in app.touchpoints
        if t.occurred_at <= now
    )
    return called or any(
        interview.ends_at <= now and any(p.contact_id == contact_id for p in interview.interviewers)
        for interview in app.interviews
    )


def _named_dates(body: str) -> set[str]:
    return set(DATE.findall(body))


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_drafts_quote_nothing_private_say_nothing_of_a_third_person_and_invent_no_meeting(
    scenario: tuple[Facts, datetime, str],
) -> None:
    facts, now, profile = scenario
    cal = calendar_for(facts.user.timezone, facts.user.country)
    apps = {a.id: a for a in facts.applications}
    for action in _run(facts, now, profile):
        if action.draft is None:
            continue
        app = apps[action.application_id]
        whole = f"{action.draft.subject}\n{action.draft.body}"
        for secret in _private_texts(app):
            assert secret not in whole
        assert not THIRD_PERSON.search(whole), whole
        assert "@" not in action.draft.body.split("\n", 1)[0]  # never greeted by an address
        if action.contact_id is None:
            continue
        if not _took_part(app, action.contact_id, now):
            assert not CONVERSATION.search(action.draft.body), (action.key, action.draft.body)
        elif action.kind == "send_thank_you" and action.interview_id is not None:
            interview = next(i for i in app.interviews if i.id == action.interview_id)
            day = cal.local_date(interview.starts_at)
            allowed = {drafts.format_date(day, month_first=facts.user.country == "US")}
            assert _named_dates(action.draft.body) <= allowed, action.draft.body


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_relative_days_hold_on_every_day_a_thank_you_may_go_out(
    scenario: tuple[Facts, datetime, str],
) -> None:
    facts, now, profile = scenario
    cal = calendar_for(facts.user.timezone, facts.user.country)
    apps = {a.id: a for a in facts.applications}
    for action in _run(facts, now, profile):
        if action.kind != "send_thank_you" or action.draft is None:
            continue
        interview = next(
            i for i in apps[action.application_id].interviews if i.id == action.interview_id
        )
        day = cal.local_date(interview.starts_at)
        first, last = cal.local_date(action.earliest_at), cal.local_date(action.due_at)
        window = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        body = action.draft.body
        if re.search(r"\btoday\b", body):
            assert all(d == day for d in window)
        if re.search(r"\byesterday\b", body):
            assert all(d == day + timedelta(days=1) for d in window)
        weekday = re.search(
            r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", body
        )
        if weekday:
            assert weekday[1] == day.strftime("%A")
            assert all(1 <= (d - day).days <= 6 for d in window)
