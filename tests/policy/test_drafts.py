"""Drafts: one table or test per draft rule, and the full text of a few representative drafts.

The full texts are written out so that a change of wording is a deliberate edit here, read by a
person, and not a surprise.
"""

from __future__ import annotations

import itertools
import re
import string
from dataclasses import replace
from datetime import date, datetime

import pytest
from rapidfuzz import fuzz

from followup.policy import (
    PROFILES,
    Action,
    ActionInput,
    ApplicationFacts,
    ContactFacts,
    Facts,
    InterviewerFacts,
    calendar_for,
    evaluate,
)
from followup.policy import templates as t

from .factories import (
    CHECKS_TWO,
    DANA,
    KIM,
    LEE,
    NY_USER,
    ROUND1,
    ROUND2,
    SAM,
    app,
    facts,
    thanked_all,
    utc,
)

CAL = calendar_for("America/New_York", "US")
AFTER_ROUND1 = utc(2026, 11, 16, 23)  # 18:00 in New York, three hours after round 1
STRENGTH = "five years of building streaming data pipelines"
MOTIVATION = "its open-source work on data quality"
ACME = app(strength=STRENGTH, motivation=MOTIVATION)
FORBIDDEN_IN_CHECKS = (
    "i have not heard from you",
    "haven't heard",
    "still in the running",
    "other candidates",
    "thank you for the interview",
)


def _by_key(actions: list[Action]) -> dict[str, Action]:
    return {a.key: a for a in actions}


def _drafts(f: Facts, now: datetime, profile: str = "balanced") -> dict[str, tuple[str, str]]:
    return {
        a.key: (a.draft.subject, a.draft.body)
        for a in evaluate(f, now=now, calendar=CAL, profile=PROFILES[profile])
        if a.draft is not None
    }


# -- full texts -----------------------------------------------------------------------------------
def test_thank_you_emails_to_two_interviewers_and_the_arranger_in_full() -> None:
    drafts = _drafts(facts(ACME), AFTER_ROUND1)
    assert drafts["thank_you.i10.c1"] == (
        "Thank you for the interview – Data Engineer",
        """Dear Dana,

Thank you for taking the time to meet with me on November 16 about the Data Engineer role at \
Acme Analytics. I especially enjoyed our discussion of the billing migration.

Hearing what you are looking for in this role made me even more confident that it is the right \
fit. Our conversation has only heightened my interest in the position, and I would welcome the \
chance to bring five years of building streaming data pipelines to your team. What draws me to \
Acme Analytics is its open-source work on data quality.

I appreciated your questions, and I would be glad to expand on any of my answers. Thank you \
again for your time and the opportunity to interview. I look forward to hearing from you.

Best regards,
Ana Silva
+1 555 0199""",
    )
    assert drafts["thank_you.i10.c2"] == (
        "Thank you for your time – Data Engineer interview",
        """Dear Sam,

It was a pleasure to speak with you on November 16, and thank you for the opportunity to \
interview for the Data Engineer position at Acme Analytics.

Our conversation about Kafka consumer lag in the ingestion pipeline has stayed with me since. \
It was good to hear how you see the work as Staff Engineer.

I am even more enthusiastic about the role now, and I believe I can bring five years of \
building streaming data pipelines to it. I am also drawn to Acme Analytics by its open-source \
work on data quality.

Thank you once more, and I hope we will speak again soon.

Kind regards,
Ana Silva
+1 555 0199""",
    )
    assert drafts["thank_you.i10.c3"] == (
        "Thank you for arranging my interview – Data Engineer",
        """Dear Lee,

Thank you for arranging my video interview with Dana and Sam on November 16 for the Data \
Engineer role at Acme Analytics.

The interview has left me even more interested in the position. If there is anything else you \
need from me for the next steps, please let me know.

Best regards,
Ana Silva
+1 555 0199""",
    )


def test_first_and_second_status_checks_in_full() -> None:
    key = "status_check.a1.n1.i10"
    finding = "a write-up of how we cut Kafka consumer lag: https://example.com/lag"
    first = replace(
        facts(replace(ACME, touchpoints=thanked_all())),
        action_inputs={key: ActionInput(key, finding)},
    )
    assert _drafts(first, utc(2026, 11, 24, 15))[key] == (
        "Following up on the Data Engineer role – Ana Silva",
        """Dear Dana,

I hope you are well. Since we spoke on November 16, I have kept thinking about the billing \
migration, and I came across something you may find useful: a write-up of how we cut Kafka \
consumer lag: https://example.com/lag

I remain very interested in the Data Engineer role and in contributing to Acme Analytics. Could \
you let me know your plans or the next steps for the position?

Thank you for your time.

Best regards,
Ana Silva
+1 555 0199""",
    )
    second = facts(replace(ACME, touchpoints=(*thanked_all(), CHECKS_TWO[3])))
    assert _drafts(second, utc(2026, 12, 1, 15))["status_check.a1.n2.i10"] == (
        "Checking in on the Data Engineer role – Ana Silva",
        """Dear Dana,

Thank you again for our conversation on November 16. I know these decisions take time, and I \
wanted to let you know that I am still very interested in the position. I am confident that I \
could bring five years of building streaming data pipelines to Acme Analytics.

If there is any news on your timeline, I would be glad to hear it.

Kind regards,
Ana Silva
+1 555 0199""",
    )


def test_a_card_and_a_call_script_in_full() -> None:
    contacts = (DANA, replace(SAM, preferred_channel="phone"), LEE, KIM)
    drafts = _drafts(
        facts(replace(ACME, workplace="traditional", contacts=contacts)), utc(2026, 11, 17, 15)
    )
    assert drafts["thank_you.i10.c1"][1] == (
        """Dear Dana,

Thank you for meeting with me on November 16 and for the opportunity to interview for the Data \
Engineer role. I especially enjoyed our discussion of the billing migration. I would be glad to \
bring five years of building streaming data pipelines to Acme Analytics.

With best regards,
Ana Silva"""
    )
    assert drafts["thank_you.i10.c2"][1] == (
        """Call script for Sam Okafor:
1. Introduce yourself: "Hello Sam, it is Ana Silva; we spoke on November 16 about the Data \
Engineer position."
2. Say why you are calling: "I wanted to thank you for the interview. Our conversation about \
Kafka consumer lag in the ingestion pipeline has stayed with me."
3. Show your enthusiasm: "I would be glad to bring five years of building streaming data \
pipelines to Acme Analytics."
4. Thank them: "Thank you for your time; I hope we will speak again soon."
On voicemail: the same points, briefly, and your number."""
    )


def test_rejection_without_an_interview_hire_and_offer_in_full() -> None:
    rejected = app(status="rejected", interviews=(), decided_on=date(2026, 11, 5))
    no_name = replace(NY_USER, name="", signature=None)
    (thanks,) = evaluate(facts(rejected, user=no_name), now=utc(2026, 11, 5, 15), calendar=CAL)
    assert thanks.draft is not None
    assert (thanks.draft.subject, thanks.draft.body) == (
        "Thank you for considering my application – Data Engineer",
        """Dear Dana,

Thank you for letting me know, and for considering my application for the Data Engineer role. \
I remain interested in Acme Analytics, and I would be grateful if you kept me in mind for future \
openings.

Best regards,
[Your name]
ana@example.com""",
    )
    hired = _drafts(
        facts(replace(ACME, status="hired", decided_on=date(2026, 11, 26))), utc(2026, 11, 27, 15)
    )
    assert hired["post_decision.a1.c4.hired"][1] == (
        """Dear Kim,

Thank you for choosing me for the Data Engineer position. I am looking forward to working with \
you and to learning from the team at Acme Analytics.

Best regards,
Ana Silva
+1 555 0199"""
    )
    offer = replace(ACME, status="offer", offer_deadline=date(2026, 12, 4))
    assert _drafts(facts(offer), utc(2026, 11, 27, 15))["offer.a1"] == (
        "Your offer for the Data Engineer position – Ana Silva",
        """Dear Dana,

Thank you for offering me the Data Engineer position at Acme Analytics, and for the time you \
gave me during the interviews.

[Your answer: that you accept, that you decline, or what you need to know before you decide]

Best regards,
Ana Silva
+1 555 0199""",
    )


# -- what a draft may say about people ------------------------------------------------------------
def test_private_notes_and_concerns_never_reach_a_draft_but_concerns_shape_it() -> None:
    drafts = _drafts(facts(ACME), AFTER_ROUND1)
    everything = "\n".join(s + b for s, b in drafts.values())
    assert "cloud costs" not in everything  # Dana's private note
    assert "pager" not in everything  # her concern
    assert "your questions" in drafts["thank_you.i10.c1"][1]  # ... which chose a sentence
    assert "questions" not in drafts["thank_you.i10.c2"][1]  # Sam had none


def test_legacy_notes_alone_are_private_and_leave_a_placeholder() -> None:
    """Callers that send only `notes` (the old API) keep working: the notes stay private."""
    legacy = replace(ROUND1, interviewers=(InterviewerFacts(2, "Kafka consumer lag"),))
    body = _drafts(facts(app(interviews=(legacy,))), AFTER_ROUND1)["thank_you.i10.c2"][1]
    assert "Kafka" not in body
    assert "[something specific you discussed with Sam]" in body
    assert "[the skill or quality you bring]" in body


@pytest.mark.parametrize(
    ("topics", "quoted", "not_quoted"),
    [
        (("- Kafka lag\n- on-call…",), "Kafka lag and on-call", "- "),
        (("She was worried I have no Kubernetes experience",), "[something specific", "worried"),
        (("<b>SQL</b> tuning 🚀",), "SQL tuning", "<b>"),
        (("Die Migration und das Monitoring",), "[something specific", "Migration"),
        (("x " * 60,), "[something specific", "x x x"),
    ],
)
def test_topics_are_cleaned_or_replaced_by_a_placeholder(
    topics: tuple[str, ...], quoted: str, not_quoted: str
) -> None:
    person = replace(ROUND1, interviewers=(InterviewerFacts(2, topics=topics),))
    body = _drafts(facts(app(interviews=(person,))), AFTER_ROUND1)["thank_you.i10.c2"][1]
    assert quoted in body
    assert not_quoted not in body


def test_greeting_uses_the_first_name_unless_a_salutation_is_given() -> None:
    formal = replace(DANA, salutation="Dr. Reyes")
    drafts = _drafts(facts(app(contacts=(formal, SAM, LEE, KIM))), AFTER_ROUND1)
    assert drafts["thank_you.i10.c1"][1].startswith("Dear Dr. Reyes,\n")
    assert drafts["thank_you.i10.c2"][1].startswith("Dear Sam,\n")
    assert not any("Dear Dana Reyes" in body for _, body in drafts.values())


def test_no_name_signs_with_a_placeholder_never_the_email_handle() -> None:
    user = replace(NY_USER, name="", signature=None, email="audit-5a5bac09f0@example.com")
    f = facts(replace(ACME, touchpoints=thanked_all()), user=user)
    drafts = _drafts(f, utc(2026, 11, 24, 15))
    subject, body = drafts["status_check.a1.n1.i10"]
    assert subject == "Following up on the Data Engineer role"
    assert body.endswith("Best regards,\n[Your name]\naudit-5a5bac09f0@example.com")
    assert "This is audit" not in body
    dana = replace(DANA, preferred_channel="phone", phone="+1 555 0101")
    phone = replace(f, applications=(replace(f.applications[0], contacts=(dana, SAM, LEE, KIM)),))
    call = _drafts(phone, utc(2026, 11, 24, 15))["status_check.a1.n1.i10"][1]
    assert "this is [Your name]" in call


def test_an_arranger_is_thanked_for_arranging_by_email_or_call_never_for_a_discussion() -> None:
    for channel in ("email", "phone"):
        lee = replace(
            LEE, preferred_channel=None if channel == "email" else "phone", phone="+1 555 0102"
        )
        drafts = _drafts(facts(app(contacts=(DANA, SAM, lee, KIM))), AFTER_ROUND1)
        body = drafts["thank_you.i10.c3"][1]
        assert "for arranging" in body
        assert "discussion" not in body
        assert "[something specific" not in body


# -- true facts: who was there, which day, what happened ------------------------------------------
def _first_check(application: ApplicationFacts, now: datetime) -> str:
    (check,) = [
        a
        for a in evaluate(facts(application), now=now, calendar=CAL)
        if a.kind == "send_status_check"
    ]
    assert check.draft is not None
    return check.draft.body


def test_a_status_check_to_someone_who_was_not_interviewing_mentions_no_conversation() -> None:
    """Dana (hiring manager) took no part in round 2, which is the anchor now; she still met me
    in round 1, so that is the day named. A manager who met no one is told about 'my interview'."""
    both = app(interviews=(ROUND1, ROUND2), touchpoints=thanked_all(utc(2026, 11, 24, 15)))
    body = _first_check(both, utc(2026, 12, 1, 15))
    assert "Since we spoke on November 16," in body
    absent = replace(ROUND1, interviewers=(InterviewerFacts(2, topics=("Kafka lag",)),))
    body = _first_check(app(interviews=(absent,), touchpoints=thanked_all()), utc(2026, 11, 24, 15))
    assert "Since my interview on November 16," in body
    assert not re.search(r"we spoke|our conversation|our discussion|we met", body)


@pytest.mark.parametrize(
    ("ends_at", "profile", "recorded_at", "channel", "said"),
    [
        # 10:00-11:00 in New York, prompt profile: the window (13:00-23:00) is the same day.
        (utc(2026, 11, 16, 16), "prompt", None, None, "meet with me today"),
        # Ends 15:00: the window runs into Tuesday, so only the date holds.
        (utc(2026, 11, 16, 20), "balanced", None, None, "meet with me on November 16"),
        # Ends 22:30: the whole window (00:30-22:30) is Tuesday.
        (utc(2026, 11, 17, 3, 30), "balanced", None, None, "meet with me yesterday"),
        # Entered on Thursday at 10:00: the late window is Thursday to Friday.
        (utc(2026, 11, 16, 20), "balanced", utc(2026, 11, 19, 15), None, "with me on Monday"),
        # Entered 16 days later: the date.
        (utc(2026, 11, 16, 20), "balanced", utc(2026, 12, 2, 15), None, "with me on November 16"),
        # A card is read days after it is written: always the date.
        (utc(2026, 11, 17, 3, 30), "balanced", None, "card", "meeting with me on November 16"),
    ],
)
def test_relative_days_only_where_they_hold_over_the_whole_window(
    ends_at: datetime, profile: str, recorded_at: datetime | None, channel: str | None, said: str
) -> None:
    interview = replace(
        ROUND1,
        starts_at=ends_at.replace(hour=ends_at.hour - 1),
        ends_at=ends_at,
        recorded_at=recorded_at,
    )
    dana = replace(DANA, preferred_channel=channel)
    f = facts(app(interviews=(interview,), contacts=(dana, SAM, LEE, KIM)))
    now = max(ends_at, recorded_at or ends_at)
    body = _drafts(f, now, profile)["thank_you.i10.c1"][1]
    assert said in body


def test_a_late_thank_you_is_worded_to_read_well_late() -> None:
    late = replace(ROUND1, notes=None, recorded_at=utc(2026, 12, 2, 15))
    actions = _by_key(
        evaluate(facts(app(interviews=(late,))), now=utc(2026, 12, 2, 16), calendar=CAL)
    )
    thanks = actions["thank_you.i10.c1"]
    assert thanks.status == "due"
    assert "after its window had closed" in thanks.why
    assert thanks.draft is not None
    assert thanks.draft.body.startswith(
        "Dear Dana,\n\nI wanted to thank you for meeting with me on November 16"
    )
    assert "next steps" in thanks.draft.body
    assert " again" not in thanks.draft.body  # true whether or not a note went out back then


def test_a_rejection_after_interviews_thanks_for_the_opportunity_to_interview() -> None:
    rejected = app(status="rejected", decided_on=date(2026, 11, 24))
    (thanks,) = evaluate(facts(rejected), now=utc(2026, 11, 24, 15), calendar=CAL)
    assert thanks.draft is not None
    assert thanks.draft.subject == "Thank you for the opportunity – Data Engineer"
    assert "for the opportunity to interview with Acme Analytics" in thanks.draft.body
    assert "our conversation about the billing migration" in thanks.draft.body
    assert "future openings" in thanks.draft.body


# -- unique per person (002: "make each of them unique") ------------------------------------------
def _mask(body: str, names: list[str]) -> str:
    parts = sorted({p for name in names for p in (name, *name.split())}, key=len, reverse=True)
    for part in parts:
        body = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", " ", body)
    return body


@pytest.mark.parametrize("channel", [None, "card", "phone"])
@pytest.mark.parametrize("topics", [(), ("the billing pipeline redesign",)])
@pytest.mark.parametrize("title", [None, "Staff Engineer"])
def test_co_interviewers_with_the_same_or_no_topics_get_notes_that_differ_in_substance(
    channel: str | None, topics: tuple[str, ...], title: str | None
) -> None:
    people = [
        ContactFacts(
            10 + n,
            f"Person{n} Family{n}",
            title,
            f"p{n}@example.com",
            "+1 555 0100",
            "interviewer",
            channel,
        )
        for n in range(5)
    ]
    interview = replace(
        ROUND1,
        arranged_by_id=None,
        interviewers=tuple(InterviewerFacts(p.id, topics=topics) for p in people),
    )
    f = facts(replace(ACME, contacts=tuple(people), interviews=(interview,)))
    bodies = [b for k, (_, b) in _drafts(f, AFTER_ROUND1).items() if k.startswith("thank_you")]
    assert len(bodies) == 5
    names = [p.name for p in people]
    for one, other in itertools.combinations(bodies, 2):
        assert fuzz.ratio(_mask(one, names), _mask(other, names)) / 100 < 0.8


def test_each_status_check_takes_a_new_angle_subject_included() -> None:
    f = facts(replace(ACME, touchpoints=thanked_all()))
    seen = [_drafts(f, utc(2026, 11, 24, 15))["status_check.a1.n1.i10"]]
    f = facts(replace(ACME, touchpoints=(*thanked_all(), CHECKS_TWO[3])))
    seen.append(_drafts(f, utc(2026, 12, 1, 15))["status_check.a1.n2.i10"])
    f = facts(replace(ACME, touchpoints=CHECKS_TWO))
    seen.append(_drafts(f, utc(2026, 12, 8, 15), "persistent")["status_check.a1.n3.i10"])
    assert len({subject for subject, _ in seen}) == 3
    for (_, one), (_, other) in itertools.combinations(seen, 2):
        assert fuzz.ratio(one, other) / 100 < 0.7
    for subject, body in seen:
        text = f"{subject}\n{body}".lower()
        for phrase in FORBIDDEN_IN_CHECKS:
            assert phrase not in text, phrase


ROLES = ("supervisor", "hiring_manager", "recruiter", "interviewer", "other")


def test_a_thank_you_with_every_input_at_its_longest_stays_short() -> None:
    """000: "Keep your correspondance short and consise"; the message check warns at 200."""
    longest = "w" * 6 + (" word" * 9)  # ten words, under the 70-character limit
    people = [
        ContactFacts(20 + n, f"Person{n} Family{n}", "Principal Engineer, Data Platform",
                     f"p{n}@example.com", None, role)
        for n, role in enumerate(ROLES)
    ]  # fmt: skip
    interview = replace(
        ROUND1,
        interviewers=tuple(
            InterviewerFacts(p.id, topics=(longest, longest + " two"), concerns="yes")
            for p in people
        ),
    )
    application = app(
        contacts=tuple(people),
        interviews=(interview,),
        strength="s" * 6 + " word" * 15,
        motivation="m" * 6 + " word" * 15,
    )
    drafts = _drafts(facts(application), AFTER_ROUND1)
    bodies = [body for key, (_, body) in drafts.items() if key.startswith("thank_you")]
    assert len(bodies) == 5
    for body in bodies:
        assert longest in body
        assert len(body.split()) <= 200


# -- the templates themselves ---------------------------------------------------------------------
def _all_templates() -> list[str]:
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for name in dir(t):
        if name.isupper() and name not in ("SLOTS", "THANK_YOU_ARRANGEMENTS"):
            walk(getattr(t, name))
    return found


def test_every_template_uses_known_slots_only() -> None:
    placeholders = {"first", "on_topic", "topic", "greeting"}  # the placeholders' own slots
    for template in _all_templates():
        used = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert used <= t.SLOTS | placeholders, (template, used - t.SLOTS)


def test_arrangements_name_sentence_kinds_that_exist() -> None:
    kinds = {"opening", "topic", "interest", "close"}
    lines = {"perspective_line", "concern_line", "role_line", "motivation_line"}
    for arrangement in t.THANK_YOU_ARRANGEMENTS:
        names = [name for paragraph in arrangement for name in paragraph]
        assert sorted(names) == sorted(kinds | lines)
