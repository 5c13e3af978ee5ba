"""Drafts: personal, specific, courteous; status checks never chase."""

from __future__ import annotations

from dataclasses import replace

import pytest

from followup.policy import (
    Action,
    ApplicationFacts,
    ContactFacts,
    UserFacts,
    calendar_for,
    evaluate,
)
from followup.policy.drafts import thank_you

from .factories import (
    AFTER_THANKS_AT,
    NY_USER,
    SAM,
    app,
    facts,
    thanked_all,
    touch,
    utc,
)

CAL = calendar_for("America/New_York", "US")
FORBIDDEN_IN_CHECKS = (
    "i have not heard from you",
    "haven't heard",
    "still in the running",
    "other candidates",
    "thank you for the interview",
)


def _by_key(actions: list[Action]) -> dict[str, Action]:
    return {a.key: a for a in actions}


def _thank_yous() -> dict[str, Action]:
    return _by_key(evaluate(facts(app()), now=utc(2026, 11, 16, 23), calendar=CAL))


def test_thank_you_draft_has_subject_greeting_topic_interest_and_signature() -> None:
    draft = _thank_yous()["thank_you.i10.c1"].draft
    assert draft is not None
    assert draft.subject == "Thank you for the interview – Data Engineer"
    assert draft.body.startswith("Dear Dana Reyes,")
    assert "the billing migration" in draft.body
    assert "Acme Analytics" in draft.body
    assert "Data Engineer" in draft.body
    assert "interest" in draft.body
    assert draft.body.endswith("Best regards,\nAna Silva\n+1 555 0199")


def test_two_interviewers_get_different_substance() -> None:
    actions = _thank_yous()
    dana, sam = actions["thank_you.i10.c1"].draft, actions["thank_you.i10.c2"].draft
    assert dana is not None
    assert sam is not None
    assert "Kafka consumer lag" in sam.body
    assert "Kafka" not in dana.body
    assert "billing migration" not in sam.body
    # Not only the name: with names and titles blanked out the bodies still differ.
    strip = {
        "Dana Reyes": "X",
        "Sam Okafor": "X",
        "Engineering Manager": "T",
        "Staff Engineer": "T",
    }
    bodies = []
    for body in (dana.body, sam.body):
        for old, new in strip.items():
            body = body.replace(old, new)
        bodies.append(body)
    assert bodies[0] != bodies[1]


def test_arranger_is_thanked_for_arranging() -> None:
    draft = _thank_yous()["thank_you.i10.c3"].draft
    assert draft is not None
    assert "arranging my video interview" in draft.body


def test_missing_notes_leave_a_visible_placeholder() -> None:
    facts_ = facts(app(interviews=(replace(app().interviews[0], interviewers=()),)))
    assert facts_.applications[0].interviews[0].interviewers == ()
    no_notes = app(
        interviews=(
            replace(
                app().interviews[0],
                interviewers=(replace(app().interviews[0].interviewers[1], notes=None),),
            ),
        )
    )
    actions = _by_key(evaluate(facts(no_notes), now=utc(2026, 11, 16, 23), calendar=CAL))
    draft = actions["thank_you.i10.c2"].draft
    assert draft is not None
    assert "[one thing you discussed with Sam]" in draft.body


def test_phone_and_card_drafts_fit_their_channel() -> None:
    phone = app(contacts=(replace(SAM, preferred_channel="phone"),))
    card = app(workplace="traditional")
    at = utc(2026, 11, 16, 23)
    call = _by_key(evaluate(facts(phone), now=at, calendar=CAL))["thank_you.i10.c2"].draft
    note = _by_key(evaluate(facts(card), now=at, calendar=CAL))["thank_you.i10.c2"].draft
    assert call is not None
    assert call.body.startswith("Call script for Sam Okafor")
    assert note is not None
    assert "Kafka consumer lag" in note.body
    assert len(note.body) < 400


@pytest.mark.parametrize("checks", [0, 1])
def test_status_check_adds_value_and_never_chases(checks: int) -> None:
    sent = tuple(
        touch(200 + n, "status_check", utc(2026, 11, 23 + 7 * n, 15)) for n in range(checks)
    )
    actions = evaluate(
        facts(app(touchpoints=(*thanked_all(AFTER_THANKS_AT), *sent))),
        now=utc(2026, 12, 1, 15),
        calendar=CAL,
    )
    (check,) = [a for a in actions if a.kind == "send_status_check"]
    assert check.draft is not None
    text = (check.draft.subject + "\n" + check.draft.body).lower()
    for phrase in FORBIDDEN_IN_CHECKS:
        assert phrase not in text, phrase
    assert "the billing migration" in check.draft.body  # adds value on their topic
    assert "remain very interested" in check.draft.body
    assert check.draft.subject == "Following up on the Data Engineer position – Ana Silva"


def test_rejected_draft_asks_to_be_kept_in_mind() -> None:
    rejected = app(status="rejected", decided_on=utc(2026, 11, 24).date())
    (thanks,) = evaluate(facts(rejected), now=utc(2026, 11, 24, 15), calendar=CAL)
    assert thanks.draft is not None
    assert "future openings" in thanks.draft.body
    assert thanks.draft.body.startswith("Dear Dana Reyes,")


def test_hired_draft_thanks_for_choosing() -> None:
    hired = app(status="hired", decided_on=utc(2026, 11, 24).date())
    actions = evaluate(facts(hired), now=utc(2026, 11, 24, 15), calendar=CAL)
    assert {a.contact_id for a in actions} == {1, 4}
    assert all(a.draft and "choosing me" in a.draft.body for a in actions)


def test_signature_falls_back_to_name_and_email() -> None:
    user = replace(NY_USER, signature=None)
    actions = _by_key(evaluate(facts(app(), user=user), now=utc(2026, 11, 16, 23), calendar=CAL))
    draft = actions["thank_you.i10.c1"].draft
    assert draft is not None
    assert draft.body.endswith("Ana Silva\nana@example.com")


@pytest.mark.parametrize(
    ("notes", "sentence"),
    [
        ("we whiteboarded a dbt model for churn cohorts", "discussion of a dbt model for churn"),
        (
            "asked about the billing migration to Kafka",
            "discussion of the billing migration to Kafka",
        ),
        ("We went over the roadmap.", "discussion of the roadmap"),
        ("they asked me about SQL window functions", "discussion of SQL window functions"),
        ("the on-call rotation", "discussion of the on-call rotation"),
        ("We discussed", "[one thing you discussed with"),
    ],
)
def test_notes_typed_as_clauses_still_read_as_a_sentence(notes: str, sentence: str) -> None:
    """Found in a walkthrough: "our discussion of we whiteboarded …" read as broken English."""
    body = thank_you(
        UserFacts("Sam Lee", "sam@example.com"),
        ApplicationFacts(1, "Acme", "Data Engineer"),
        ContactFacts(7, "Dana Reyes"),
        "email",
        "Monday",
        notes,
        True,
        "video",
    ).body
    assert sentence in body
    assert "discussion of we " not in body.lower()
