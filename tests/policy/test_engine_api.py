"""The engine's public helpers: states, key lookup, done effects, serialisation, profiles,
and the business calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import orjson
import pytest

from followup.policy import (
    PROFILES,
    TOUCHPOINT_KIND_BY_ACTION_KIND,
    ActionState,
    ApplicationFacts,
    BusinessCalendar,
    CloseApplication,
    ContactFacts,
    Facts,
    InterviewerFacts,
    InterviewFacts,
    LogTouchpoint,
    UserFacts,
    calendar_for,
    done_effect,
    evaluate,
    evaluate_all,
    find_action,
    get_profile,
)

from .factories import CHECKS_TWO, ROUND1, app, facts, utc

CAL = calendar_for("America/New_York", "US")
NOW = utc(2026, 11, 16, 23)


def test_profiles_match_the_issue_table() -> None:
    table = {
        # name: (thank-you due h, first check days, after decision bd, spacing, unanswered)
        "prompt": (12, (5, 7), 1, 7, 2),
        "balanced": (24, (7, 10), 2, 7, 2),
        "patient": (24, (10, 14), 3, 10, 2),
        "persistent": (24, (7, 10), 2, 7, 3),
    }
    assert set(PROFILES) == set(table)
    for name, (due_h, first, after, spacing, unanswered) in table.items():
        p = PROFILES[name]
        assert p.thank_you_opens_after == timedelta(hours=2)
        assert p.thank_you_due_after == timedelta(hours=due_h)
        assert (p.first_check_opens_days, p.first_check_due_days) == first
        assert p.after_decision_business_days == after
        assert p.spacing_days == spacing
        assert p.unanswered_before_move_on == unanswered
        assert (p.card_opens_days, p.card_due_days) == (1, 3)
    assert get_profile(None) is PROFILES["balanced"]


def test_done_and_dismissed_hide_for_good_snoozed_until_until() -> None:
    key = "thank_you.i10.c1"
    later = NOW + timedelta(hours=5)
    for state in (ActionState(key, "done"), ActionState(key, "dismissed")):
        for at in (NOW, later):
            keys = {
                a.key for a in evaluate(facts(app(), states={key: state}), now=at, calendar=CAL)
            }
            assert key not in keys
            assert "thank_you.i10.c2" in keys
    snoozed = {key: ActionState(key, "snoozed", later)}
    assert key not in {a.key for a in evaluate(facts(app(), states=snoozed), now=NOW, calendar=CAL)}
    assert key in {a.key for a in evaluate(facts(app(), states=snoozed), now=later, calendar=CAL)}


def test_find_action_ignores_states_and_answers_none_for_unknown_keys() -> None:
    key = "thank_you.i10.c1"
    done = facts(app(), states={key: ActionState(key, "done")})
    action = find_action(done, key, now=NOW, calendar=CAL)
    assert action is not None
    assert (action.contact_id, action.interview_id, action.channel) == (1, 10, "email")
    assert find_action(done, "thank_you.i10.c99", now=NOW, calendar=CAL) is None


def test_done_effects() -> None:
    assert TOUCHPOINT_KIND_BY_ACTION_KIND == {
        "send_thank_you": "thank_you",
        "send_status_check": "status_check",
        "send_post_decision_thanks": "post_decision",
        "answer_offer": "other",
    }
    thanks = find_action(facts(app()), "thank_you.i10.c2", now=NOW, calendar=CAL)
    assert thanks is not None
    assert done_effect(thanks) == LogTouchpoint(1, "thank_you", 2, 10, "email")
    stale = facts(app(touchpoints=CHECKS_TWO))
    move_on = find_action(stale, "move_on.a1.i10", now=utc(2026, 12, 8, 15), calendar=CAL)
    assert move_on is not None
    assert done_effect(move_on) == CloseApplication(1)
    (check,) = evaluate_all(facts(app(interviews=())), now=NOW, calendar=CAL)
    assert check.key == "status_check.a1.n1.applied"  # an application with no interview yet
    assert done_effect(check) == LogTouchpoint(1, "status_check", 1, None, "email")
    offer = find_action(facts(app(status="offer")), "offer.a1", now=NOW, calendar=CAL)
    assert offer is not None
    assert done_effect(offer) == LogTouchpoint(1, "other", 1, None, "email")
    prepare = find_action(facts(app()), "prepare.i10", now=utc(2026, 11, 15), calendar=CAL)
    assert prepare is not None
    assert done_effect(prepare) is None


def test_to_dict_has_the_api_fields_and_z_datetimes() -> None:
    (first, *_) = evaluate(facts(app()), now=NOW, calendar=CAL)
    data = first.to_dict()
    assert list(data) == [
        "key", "kind", "application_id", "contact_id", "interview_id", "channel",
        "earliest_at", "due_at", "status", "title", "why", "sources", "draft", "value_add",
        "touchpoint_kind",
    ]  # fmt: skip
    assert data["touchpoint_kind"] == "thank_you"
    assert data["earliest_at"] == "2026-11-16T22:00:00Z"
    assert data["due_at"] == "2026-11-17T20:00:00Z"
    assert data["status"] == "due"
    assert data["sources"][0].keys() == {"guide", "title", "quote", "sentence"}
    assert set(data["draft"]) == {"subject", "body"}
    assert orjson.loads(orjson.dumps(data)) == data


def test_status_follows_now_and_with_status_recomputes_it() -> None:
    action = find_action(facts(app()), "thank_you.i10.c1", now=NOW, calendar=CAL)
    assert action is not None
    assert action.status == "due"
    assert action.with_status(utc(2026, 11, 16, 21)).status == "upcoming"
    assert action.with_status(utc(2026, 11, 17, 21)).status == "overdue"
    early = find_action(facts(app()), "thank_you.i10.c1", now=utc(2026, 11, 16, 21), calendar=CAL)
    assert early is not None
    assert early.status == "upcoming"


def test_ordering_is_due_at_then_key() -> None:
    other = app(id=2, contacts=(), interviews=(replace(ROUND1, id=20, notes=None),))
    actions = evaluate(facts(app(), other), now=NOW, calendar=CAL)
    assert {a.application_id for a in actions} == {1, 2}
    assert [(a.due_at, a.key) for a in actions] == sorted((a.due_at, a.key) for a in actions)
    assert len({a.key for a in actions}) == len(actions)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        evaluate(facts(app()), now=NOW.replace(tzinfo=None), calendar=CAL)


def test_calendar_business_days_and_local_mornings() -> None:
    us = BusinessCalendar("America/New_York", "US")
    assert not us.is_business_day(date(2026, 11, 26))  # Thanksgiving
    assert not us.is_business_day(date(2026, 11, 28))  # Saturday
    assert us.is_business_day(date(2026, 11, 27))
    assert us.add_business_days(date(2026, 11, 25), 2) == date(2026, 11, 30)
    assert us.roll_forward(date(2026, 11, 26)) == date(2026, 11, 27)
    assert us.morning(date(2026, 11, 16)) == utc(2026, 11, 16, 14)
    assert us.morning(date(2026, 7, 1)) == utc(2026, 7, 1, 13)  # daylight saving time
    la = BusinessCalendar("America/Los_Angeles", "US")
    assert la.local_date(utc(2026, 11, 17, 1)) == date(2026, 11, 16)
    assert la.days_after(utc(2026, 11, 17, 1), 1) == utc(2026, 11, 17, 17)
    nowhere = BusinessCalendar("UTC", None)
    assert nowhere.is_business_day(date(2026, 11, 26))
    assert BusinessCalendar("UTC", "ZZ").is_business_day(date(2026, 12, 25))  # unknown: weekends
    assert not BusinessCalendar("Europe/Berlin", "de").is_business_day(date(2026, 10, 3))
    assert calendar_for("UTC", None) is calendar_for("UTC", None)


def test_a_person_listed_twice_on_an_interview_gets_one_post_decision_thanks() -> None:
    """Found by Hypothesis: duplicate interviewers gave two actions with one key."""
    start = datetime(2026, 11, 2, 15, tzinfo=UTC)
    interview = InterviewFacts(
        11,
        start,
        start + timedelta(hours=1),
        interviewers=(InterviewerFacts(7, "a"), InterviewerFacts(7, "b")),
    )
    app = ApplicationFacts(
        1,
        "Acme",
        "Engineer",
        status="rejected",
        decided_on=date(2026, 11, 10),
        contacts=(ContactFacts(7, "Dana Reyes", email="dana@example.com"),),
        interviews=(interview,),
    )
    facts = Facts(UserFacts("Sam", "sam@example.com"), (app,), {})
    actions = evaluate(facts, now=datetime(2026, 11, 10, 12, tzinfo=UTC))
    assert [a.key for a in actions] == ["post_decision.a1.c7.rejected"]
