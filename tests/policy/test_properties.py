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
    ActionState,
    ApplicationFacts,
    ContactFacts,
    Facts,
    InterviewerFacts,
    InterviewFacts,
    TouchpointFacts,
    UserFacts,
    calendar_for,
    evaluate,
    evaluate_all,
    stable_span,
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
MESSAGES = {"send_thank_you", "send_status_check", "send_post_decision_thanks"}
KEY = re.compile(r"^[A-Za-z0-9._-]+$")


def moments() -> st.SearchStrategy[datetime]:
    return st.integers(0, 60 * 24 * 4).map(lambda quarter: START + timedelta(minutes=15 * quarter))


@st.composite
def applications(draw: st.DrawFn, app_id: int) -> ApplicationFacts:
    base = app_id * 100
    contacts = tuple(
        ContactFacts(
            base + n,
            f"Person {n}",
            draw(st.sampled_from([None, "Engineer"])),
            draw(st.sampled_from([None, f"p{n}@example.com"])),
            draw(st.sampled_from([None, "+1 555 0100"])),
            draw(
                st.sampled_from(
                    ["hiring_manager", "recruiter", "interviewer", "supervisor", "other"]
                )
            ),
            draw(st.sampled_from([None, None, "email", "phone", "card", "linkedin"])),
        )
        for n in range(draw(st.integers(0, 4)))
    )
    ids = [c.id for c in contacts] + [base + 9]  # one unknown contact id
    interviews = []
    for n in range(draw(st.integers(0, 3))):
        starts = draw(moments())
        interviews.append(
            InterviewFacts(
                base + 10 + n,
                starts,
                starts + timedelta(minutes=draw(st.sampled_from([30, 60, 240]))),
                draw(st.sampled_from([None, "video", "phone", "onsite"])),
                n + 1,
                draw(st.sampled_from([None, *ids])),
                tuple(
                    InterviewerFacts(
                        cid, draw(st.sampled_from([None, "", "pricing", "SQL tuning"]))
                    )
                    for cid in draw(st.lists(st.sampled_from(ids), max_size=3))
                ),
                draw(
                    st.sampled_from(
                        [None, (starts + timedelta(days=draw(st.integers(-3, 12)))).date()]
                    )
                ),
                draw(st.sampled_from([None, "ok"])),
            )
        )
    touchpoints = tuple(
        TouchpointFacts(
            base + 50 + n,
            draw(st.sampled_from([None, *ids])),
            draw(st.sampled_from([None, *[i.id for i in interviews]])),
            draw(st.sampled_from(["thank_you", "status_check", "post_decision", "reply", "other"])),
            "email",
            draw(st.sampled_from(["outbound", "inbound"])),
            draw(moments()),
        )
        for n in range(draw(st.integers(0, 5)))
    )
    status = draw(
        st.sampled_from(
            ["applied", "interviewing", "offer", "hired", "rejected", "withdrawn", "closed"]
        )
    )
    return ApplicationFacts(
        app_id,
        f"Company {app_id}",
        "Data Engineer",
        status,
        None,
        draw(st.sampled_from(["tech", "traditional"])),
        draw(st.sampled_from([None, (START + timedelta(days=draw(st.integers(0, 40)))).date()])),
        draw(st.sampled_from([None, (START + timedelta(days=draw(st.integers(0, 40)))).date()])),
        contacts,
        tuple(interviews),
        touchpoints,
    )


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Facts, datetime, str]:
    zone, country = draw(ZONES)
    user = UserFacts("Ana", "ana@example.com", None, zone, country)
    apps = tuple(draw(applications(n)) for n in range(1, draw(st.integers(1, 3)) + 1))
    return Facts(user, apps, {}), draw(moments()), draw(st.sampled_from(sorted(PROFILES)))


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
        assert action.sources
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
