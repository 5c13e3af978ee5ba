"""The message check, code by code: a sentence that triggers it and a close miss that does not."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from followup.policy import (
    ApplicationFacts,
    BusinessCalendar,
    ContactFacts,
    Facts,
    InterviewerFacts,
    InterviewFacts,
    UserFacts,
    evaluate,
)
from followup.policy.message_check import (
    CHECK_CITATIONS,
    SEVERITY,
    DraftContext,
    DraftText,
    Peer,
    check,
)
from tests.policy.test_citations_and_purity import normalise

REPO = Path(__file__).parents[2]
GUIDE_DIRS = [REPO / ".." / "shared" / "guides", Path("/work/shared/guides")]
GUIDES = next((d for d in GUIDE_DIRS if d.is_dir()), GUIDE_DIRS[0])

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # a Wednesday
CALENDAR = BusinessCalendar("UTC", None)
DANA = "Dana Reyes"
BASE = DraftContext(now=NOW, person_name=DANA, calendar=CALENDAR)


def codes(
    body: str,
    *,
    kind: str = "thank_you",
    subject: str = "Thank you – Data Engineer",
    ctx: DraftContext = BASE,
    channel: str | None = None,
) -> list[str]:
    return [i.code for i in check(DraftText(kind, subject, body, channel), ctx)]


# -- phrases ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Dear Dana,\n\nI haven't heard back since our interview, so I wanted to check in.",
        "Dear Dana,\n\nI haven’t heard back since our interview.",
        "Dear Dana,\n\nI have not heard from you since Tuesday.",
        "Hi Dana, I still have not heard anything about the role.",
        "Dear Dana,\n\nI didn't hear back after the interview.",
    ],
)
def test_forbidden_opener(body: str) -> None:
    assert codes(body, kind="status_check") == ["forbidden_opener"]


@pytest.mark.parametrize(
    "body",
    [
        "Dear Dana,\n\nI have heard great things about the billing launch since we met.",
        # Not the opener: the guide names the first words of the message.
        "Dear Dana,\n\nI hope you are well. I have looked further into the billing migration.",
    ],
)
def test_forbidden_opener_close_miss(body: str) -> None:
    assert "forbidden_opener" not in codes(body, kind="status_check")


def test_still_in_running_and_close_miss() -> None:
    asked = "Dear Dana,\n\nThank you again. Am I still in the running for the role?"
    found = check(DraftText("status_check", "s", asked), BASE)
    assert [i.code for i in found] == ["still_in_running"]
    start, end = found[0].span
    assert asked[start:end] == "still in the running"
    assert codes("Dear Dana,\n\nI am still running the numbers on the billing idea.") == []


def test_other_candidates_and_close_miss() -> None:
    body = "Dear Dana,\n\nHow are the interviews with other candidates going?"
    assert codes(body, kind="status_check") == ["other_candidates"]
    miss = "Dear Dana,\n\nI would welcome the chance to meet the other engineers on the team."
    assert codes(miss, kind="status_check") == []


# -- names and companies ---------------------------------------------------------------------
def test_missing_name_and_close_misses() -> None:
    found = check(DraftText("thank_you", "s", "Dear Hiring Team,\n\nThank you."), BASE)
    assert [i.code for i in found] == ["missing_name"]
    assert found[0].span == (0, len("Dear Hiring Team,"))
    assert codes("Dear Ms. Reyes,\n\nThank you.") == []
    assert codes("Hi Dana,\n\nThank you.") == []
    assert codes("Call script for Dana Reyes:\n- thank them") == []
    assert codes("Thank you for your time.") == ["missing_name"]


def test_wrong_company_and_close_misses() -> None:
    ctx = DraftContext(
        now=NOW, company="Acme Analytics", other_companies=("Globex", "Acme", "Square")
    )
    body = "Dear Dana,\n\nI would love to bring my skills to Globex."
    found = check(DraftText("thank_you", "s", body), ctx)
    assert [i.code for i in found] == ["wrong_company"]
    assert body[slice(*found[0].span)] == "Globex"
    assert codes("Dear Dana,\n\nI would love to join Acme Analytics.", ctx=ctx) == []
    assert codes("Dear Dana,\n\nThe square footage of the office surprised me.", ctx=ctx) == []
    subject = check(DraftText("thank_you", "Thank you – Globex", "Dear Dana,"), ctx)
    assert [(i.code, i.field) for i in subject] == [("wrong_company", "subject")]


# -- length and subject ----------------------------------------------------------------------
def test_too_long_and_close_miss() -> None:
    words = " ".join(["word"] * 195)
    assert codes(f"Dear Dana,\n\n{words} and five more words.") == ["too_long"]  # 202 words
    assert codes(f"Dear Dana,\n\n{words} three more.") == []  # 200 words
    assert codes(f"Dear Dana,\n\n{words} and five more words.", kind="status_check") == []


def test_no_subject_and_close_misses() -> None:
    assert codes("Dear Dana,", subject="  ") == ["no_subject"]
    assert codes("Dear Dana,", subject="Thank you") == []
    assert codes("Dear Dana,", subject="", channel="card") == []


# -- placeholders ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "found"),
    [
        (
            "Dear Dana,\n\nI bring [the skill or quality you bring].",
            ["[the skill or quality you bring]"],
        ),
        ("Dear Dana,\n\n[Your answer] and [Your name]", ["[Your answer]", "[Your name]"]),
        ("Dear Dana,\n\nSee [the article](https://example.com).", []),
        ("Dear Dana,\n\nArrays start at a[0]... no, at [", ["[0]"]),
        ("Dear Dana,\n\nNo brackets here.", []),
    ],
)
def test_an_unfilled_placeholder_is_an_error(body: str, found: list[str]) -> None:
    issues = [
        i for i in check(DraftText("other", "s", body), BASE) if i.code == "unfilled_placeholder"
    ]
    assert [body[slice(*i.span)] for i in issues] == found
    assert all(i.severity == "error" for i in issues)


# -- generic copy, with the engine's real drafts ---------------------------------------------
INTERVIEW_END = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)


def engine_drafts(dana_topic: str | None, lee_topic: str | None) -> dict[int, str]:
    """The thank-you drafts the policy engine writes for Dana (7) and Lee (8)."""
    app = ApplicationFacts(
        id=1,
        company="Acme Analytics",
        role_title="Data Engineer",
        status="interviewing",
        strength="five years of building data pipelines",
        contacts=(
            ContactFacts(7, DANA, email="dana@acme.example.com"),
            ContactFacts(8, "Lee Park", title="Engineering Manager", email="lee@acme.example.com"),
        ),
        interviews=(
            InterviewFacts(
                id=3,
                starts_at=INTERVIEW_END - timedelta(hours=1),
                ends_at=INTERVIEW_END,
                format="video",
                interviewers=(
                    InterviewerFacts(7, topics=(dana_topic,) if dana_topic else ()),
                    InterviewerFacts(8, topics=(lee_topic,) if lee_topic else ()),
                ),
            ),
        ),
    )
    facts = Facts(user=UserFacts("Sam Doe", "sam@example.com"), applications=(app,))
    actions = evaluate(facts, now=INTERVIEW_END + timedelta(hours=3), calendar=CALENDAR)
    return {
        a.contact_id: a.draft.body
        for a in actions
        if a.kind == "send_thank_you" and a.draft is not None and a.contact_id is not None
    }


def generic_ctx(drafts: dict[int, str], notes: str | None) -> DraftContext:
    return DraftContext(
        now=NOW,
        person_name=DANA,
        person_notes=notes,
        names=(DANA, "Lee Park"),
        peers=(Peer("Lee Park", drafts[8], "drafted"),),
        own_drafts=(drafts[7],),
        calendar=CALENDAR,
    )


def test_the_engines_own_drafts_are_never_generic() -> None:
    topic = "the billing migration"
    for dana_topic, lee_topic in [(topic, "team rituals"), (None, None), (topic, topic)]:
        drafts = engine_drafts(dana_topic, lee_topic)
        assert "generic_copy" not in codes(drafts[7], ctx=generic_ctx(drafts, dana_topic))


def test_a_copy_of_another_interviewers_note_is_generic() -> None:
    drafts = engine_drafts("the billing migration", "team rituals")
    copied = drafts[8].replace("Lee", "Dana")  # Lee's note, re-addressed to Dana
    ctx = generic_ctx(drafts, "the billing migration")
    found = check(DraftText("thank_you", "Thank you", copied), ctx)
    assert [i.code for i in found] == ["generic_copy"]
    assert "Lee Park" in found[0].message
    assert found[0].span == (0, len(copied))


def test_a_copy_that_mentions_this_persons_notes_is_not_generic() -> None:
    drafts = engine_drafts("the billing migration", "team rituals")
    copied = drafts[8].replace("Lee", "Dana") + "\n\nP.S. More on the billing migration soon."
    ctx = generic_ctx(drafts, "the billing migration")
    assert "generic_copy" not in codes(copied, ctx=ctx)


def test_a_thank_you_sent_to_another_interviewer_counts_too() -> None:
    sent = "Dear Lee,\n\nThank you for meeting me on Tuesday. I loved the conversation."
    ctx = DraftContext(
        now=NOW, person_name=DANA, names=(DANA, "Lee Park"), peers=(Peer("Lee", sent, "sent"),)
    )
    assert codes(sent.replace("Lee", "Dana"), ctx=ctx) == ["generic_copy"]
    different = "Dear Dana,\n\nThank you for the tour of the data platform and its dashboards."
    assert codes(different, ctx=ctx) == []


# -- status checks: repeats and timing -------------------------------------------------------
def test_repeat_of_thank_you_and_close_miss() -> None:
    drafts = engine_drafts("the billing migration", None)
    ctx = DraftContext(now=NOW, person_name=DANA, names=(DANA,), thank_you_sent=drafts[7])
    resent = "Dear Dana,\n\nJust following up on my note.\n\n" + drafts[7].split("\n\n", 1)[1]
    assert codes(resent, kind="status_check", ctx=ctx) == ["repeat_of_thank_you"]
    fresh = (
        "Dear Dana,\n\nI hope you are well. Since Tuesday I have looked further into the billing "
        "migration and found a case study you may like. I remain very interested in the role. "
        "Thank you again for your time and consideration."
    )
    assert codes(fresh, kind="status_check", ctx=ctx) == []


def test_too_soon_after_the_last_message_in_business_days() -> None:
    friday = datetime(2026, 3, 6, 16, 0, tzinfo=UTC)
    body = "Dear Dana,\n\nI looked further into the billing migration."
    # Friday's message: Monday is one business day later, Tuesday two.
    monday = DraftContext(
        now=datetime(2026, 3, 9, 10, 0, tzinfo=UTC),
        person_name=DANA,
        last_outbound_at=friday,
        calendar=CALENDAR,
    )
    found = check(DraftText("status_check", "s", body), monday)
    assert [i.code for i in found] == ["too_soon"]
    assert "Tuesday 10 March" in found[0].message
    tuesday = DraftContext(
        now=datetime(2026, 3, 10, 10, 0, tzinfo=UTC),
        person_name=DANA,
        last_outbound_at=friday,
        calendar=CALENDAR,
    )
    assert codes(body, kind="status_check", ctx=tuesday) == []
    assert codes(body, kind="thank_you", ctx=monday) == []


def test_too_soon_before_the_engines_window() -> None:
    body = "Dear Dana,\n\nI looked further into the billing migration."
    opens = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
    early = DraftContext(now=NOW, person_name=DANA, check_opens_at=opens, calendar=CALENDAR)
    found = check(DraftText("status_check", "s", body), early)
    assert [i.code for i in found] == ["too_soon"]
    assert "Thursday 12 March" in found[0].message
    on_time = DraftContext(
        now=opens + timedelta(minutes=1), person_name=DANA, check_opens_at=opens, calendar=CALENDAR
    )
    assert codes(body, kind="status_check", ctx=on_time) == []


def test_national_holidays_are_not_business_days() -> None:
    us = BusinessCalendar("America/New_York", "US")
    thursday = datetime(2026, 7, 2, 16, 0, tzinfo=UTC)  # Friday 3 July is the observed holiday
    ctx = DraftContext(
        now=datetime(2026, 7, 6, 16, 0, tzinfo=UTC),  # Monday: one business day later
        person_name=DANA,
        last_outbound_at=thursday,
        calendar=us,
    )
    assert codes("Dear Dana,\n\nA new idea.", kind="status_check", ctx=ctx) == ["too_soon"]
    assert us.is_holiday(date(2026, 7, 3))


# -- citations -------------------------------------------------------------------------------
def test_every_code_has_a_severity_and_citations() -> None:
    assert set(SEVERITY) == set(CHECK_CITATIONS)
    assert all(CHECK_CITATIONS.values())


@pytest.mark.skipif(not GUIDES.is_dir(), reason=f"guide texts not found at {GUIDES}")
@pytest.mark.parametrize(
    ("code", "guide", "quote"),
    [(code, s.guide, s.quote) for code, found in CHECK_CITATIONS.items() for s in found],
)
def test_every_quote_is_verbatim(code: str, guide: str, quote: str) -> None:
    text = normalise((GUIDES / guide).read_text(encoding="utf-8"))
    assert len(quote) >= 20
    assert normalise(quote) in text, f"{code}: not verbatim in {guide}: {quote!r}"
