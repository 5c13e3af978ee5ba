"""One row per guide sentence the rules implement: facts and 'now' in, expected actions out.

Times are worked out by hand from the issue's rules (New York is UTC-5 in late November, so
09:00 local is 14:00 UTC; Los Angeles is UTC-8). Thanksgiving 2026 is Thursday 26 November.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

import pytest

from followup.policy import PROFILES, Action, ActionState, Facts, calendar_for, evaluate

from .factories import (
    DANA,
    KIM,
    LA_USER,
    LEE,
    ROUND1,
    ROUND2,
    SAM,
    app,
    facts,
    thanked_all,
    touch,
    utc,
)

# (kind, contact_id, interview_id, channel, earliest_at, due_at)
Expected = tuple[str, int | None, int | None, str | None, datetime, datetime]


@dataclass(frozen=True)
class Row:
    id: str
    guide: str  # the sentence the row checks, with its guide
    facts: Facts
    now: datetime
    expected: tuple[Expected, ...] = ()
    absent: tuple[str, ...] = ()  # kinds that must not appear at all
    profile: str = "balanced"
    exact: bool = False  # the expected list is the whole answer
    keys: tuple[str, ...] = field(default=())  # keys that must appear
    gone: tuple[str, ...] = field(default=())  # keys that must not appear


TY_OPEN, TY_DUE = utc(2026, 11, 16, 22), utc(2026, 11, 17, 20)
INTERVIEW_ENDED = utc(2026, 11, 16, 20)  # a missing address can be looked for from then
AFTER_THANKS = thanked_all()
CHECK_1 = touch(200, "status_check", utc(2026, 11, 23, 15))
CHECK_2 = touch(201, "status_check", utc(2026, 11, 30, 15))
REPLY = touch(300, "reply", utc(2026, 12, 2, 15), direction="inbound")

ROWS = [
    Row(
        "prepare-before-interview",
        "000: ask them when they plan on making their final decision",
        facts(app()),
        utc(2026, 11, 14, 12),
        (("prepare_questions", None, 10, None, utc(2026, 11, 13, 14), utc(2026, 11, 16, 19)),),
        absent=("send_thank_you", "write_notes", "send_status_check"),
        exact=True,
    ),
    Row(
        "no-thanks-during-interview",
        "001: avoid sending it immediately after the interview",
        facts(app()),
        utc(2026, 11, 16, 19, 30),
        (),
        exact=True,
    ),
    Row(
        "write-notes-right-after",
        "002: When your interview is done, the first thing you should do is to write down",
        facts(app(interviews=(replace(ROUND1, notes=None),))),
        utc(2026, 11, 16, 20, 30),
        (("write_notes", None, 10, None, utc(2026, 11, 16, 20), utc(2026, 11, 16, 23)),),
    ),
    Row(
        "notes-present-no-reminder",
        "002: write down all the relevant information (already done)",
        facts(app()),
        utc(2026, 11, 16, 20, 30),
        absent=("write_notes",),
    ),
    Row(
        "thank-each-interviewer-and-arranger-balanced",
        "002: send a thank you note to each person you met; 004: email the recruiter (online)",
        facts(app()),
        utc(2026, 11, 16, 20, 30),
        (
            ("send_thank_you", 1, 10, "email", TY_OPEN, TY_DUE),
            ("send_thank_you", 2, 10, "email", TY_OPEN, TY_DUE),
            ("send_thank_you", 3, 10, "email", TY_OPEN, TY_DUE),
        ),
        absent=("collect_contact", "prepare_questions"),
    ),
    Row(
        "thank-you-prompt-12h",
        "000: within 12-24 hours of your interview (prompt: 12 h)",
        facts(app()),
        utc(2026, 11, 16, 23),
        (("send_thank_you", 1, 10, "email", TY_OPEN, utc(2026, 11, 17, 8)),),
        profile="prompt",
    ),
    *[
        Row(
            f"thank-you-{name}-24h",
            "001: Sending a thank-you note within 24 hours of your interview is ideal.",
            facts(app()),
            utc(2026, 11, 16, 23),
            (("send_thank_you", 2, 10, "email", TY_OPEN, TY_DUE),),
            profile=name,
        )
        for name in ("patient", "persistent")
    ],
    Row(
        "onsite-arranger-not-thanked",
        "004: If your interview was conducted online, send an email to the recruiter",
        facts(app(interviews=(replace(ROUND1, format="onsite"),))),
        utc(2026, 11, 16, 23),
        (("send_thank_you", 1, 10, "email", TY_OPEN, TY_DUE),),
        keys=("thank_you.i10.c2",),
    ),
    Row(
        "traditional-card-next-day-due-3-days",
        "002: traditional setting, blank note cards; 003: two or three days after",
        facts(app(workplace="traditional")),
        utc(2026, 11, 16, 23),
        (
            ("send_thank_you", 1, 10, "card", utc(2026, 11, 17, 14), utc(2026, 11, 19, 14)),
            ("send_thank_you", 2, 10, "card", utc(2026, 11, 17, 14), utc(2026, 11, 19, 14)),
        ),
        absent=("collect_contact",),
    ),
    Row(
        "card-keeps-3-days-in-prompt",
        "(issue) cards keep their 3 days in every profile",
        facts(app(workplace="traditional")),
        utc(2026, 11, 16, 23),
        (("send_thank_you", 1, 10, "card", utc(2026, 11, 17, 14), utc(2026, 11, 19, 14)),),
        profile="prompt",
    ),
    Row(
        "preferred-channel-wins",
        "001: If the interviewer specified how they prefer to be contacted, follow those",
        facts(
            app(
                workplace="traditional",
                contacts=(DANA, replace(SAM, preferred_channel="phone"), LEE, KIM),
            )
        ),
        utc(2026, 11, 16, 23),
        (("send_thank_you", 2, 10, "phone", TY_OPEN, TY_DUE),),
    ),
    Row(
        "collect-missing-email",
        "000: collect business cards ... accurate email address",
        facts(app(contacts=(DANA, replace(SAM, email=None), LEE, KIM))),
        utc(2026, 11, 16, 23),
        (
            ("send_thank_you", 2, 10, "email", TY_OPEN, TY_DUE),
            ("collect_contact", 2, None, None, INTERVIEW_ENDED, TY_DUE),
        ),
        keys=("contact.c2.email",),
    ),
    Row(
        "collect-missing-phone",
        "000: Do they prefer a phone call or email?",
        facts(app(contacts=(replace(DANA, preferred_channel="phone"), SAM, LEE, KIM))),
        utc(2026, 11, 16, 23),
        (("collect_contact", 1, None, None, INTERVIEW_ENDED, TY_DUE),),
        keys=("contact.c1.phone",),
    ),
    Row(
        "thank-you-logged-with-interview-ends-it",
        "(issue) an outbound thank_you touchpoint to that person ends it",
        facts(
            app(touchpoints=(touch(1, "thank_you", utc(2026, 11, 17, 1), contact=2, interview=10),))
        ),
        utc(2026, 11, 17, 2),
        (("send_thank_you", 1, 10, "email", TY_OPEN, TY_DUE),),
        keys=("thank_you.i10.c3",),
        gone=("thank_you.i10.c2",),
    ),
    Row(
        "future-touchpoint-has-not-happened",
        "(API) touchpoints dated after as_of have not happened yet",
        facts(app(touchpoints=(touch(1, "thank_you", utc(2026, 11, 17, 12), contact=1),))),
        utc(2026, 11, 17, 2),
        (("send_thank_you", 1, 10, "email", TY_OPEN, TY_DUE),),
        gone=(),
    ),
    Row(
        "status-check-7-10-days-balanced",
        "000: If you have not heard back within in a week or ten days, you can send another.",
        facts(app(touchpoints=AFTER_THANKS)),
        utc(2026, 11, 24, 15),
        (
            (
                "send_status_check",
                1,
                10,
                "email",
                utc(2026, 11, 23, 14),
                utc(2026, 11, 26, 14),
            ),
        ),
        absent=("send_thank_you", "move_on"),
        keys=("status_check.a1.n1.i10",),
        exact=True,
    ),
    Row(
        "status-check-patient-rolls-past-thanksgiving",
        "001: or two weeks if no timeframe was given (patient: 10-14 days)",
        facts(app(touchpoints=AFTER_THANKS)),
        utc(2026, 11, 24, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 11, 27, 14), utc(2026, 12, 1, 14)),),
        profile="patient",
    ),
    Row(
        "status-check-prompt-rolls-past-weekend",
        "004: Wait at least 2 to 3 days but no more than a week (prompt: 5-7 days)",
        facts(app(touchpoints=AFTER_THANKS)),
        utc(2026, 11, 20, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 11, 23, 14), utc(2026, 11, 25, 14)),),
        profile="prompt",
    ),
    Row(
        "status-check-after-decision-date",
        "003: If you haven't heard back within a few days past that timeline",
        facts(app(decision_expected_on=date(2026, 11, 20), touchpoints=AFTER_THANKS)),
        utc(2026, 11, 21, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 11, 24, 14), utc(2026, 11, 27, 14)),),
    ),
    Row(
        "interview-decision-date-overrides",
        "002: after the date that they were supposed to contact you",
        facts(
            app(
                decision_expected_on=date(2026, 11, 20),
                interviews=(replace(ROUND1, decision_expected_on=date(2026, 11, 23)),),
                touchpoints=AFTER_THANKS,
            )
        ),
        utc(2026, 11, 21, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 11, 25, 14), utc(2026, 11, 30, 14)),),
    ),
    *[
        Row(
            f"decision-date-{name}",
            "003: a few days past that timeline (+1/+3 business days)",
            facts(app(decision_expected_on=date(2026, 11, 20), touchpoints=AFTER_THANKS)),
            utc(2026, 11, 21, 15),
            (("send_status_check", 1, 10, "email", opens, due),),
            profile=name,
        )
        for name, opens, due in (
            ("prompt", utc(2026, 11, 23, 14), utc(2026, 11, 25, 14)),
            ("patient", utc(2026, 11, 25, 14), utc(2026, 11, 30, 14)),
        )
    ],
    Row(
        "gap-after-outbound-message",
        "004: It is generally advisable to wait at least 2 to 3 days before reaching out.",
        facts(app(touchpoints=thanked_all(utc(2026, 11, 23, 15)))),
        utc(2026, 11, 24, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 11, 25, 14), utc(2026, 11, 28, 14)),),
    ),
    Row(
        "second-check-a-week-later",
        "002: If you have followed up twice ... (the second one, 7 days after the first)",
        facts(app(touchpoints=(*AFTER_THANKS, CHECK_1))),
        utc(2026, 12, 1, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 11, 30, 14), utc(2026, 12, 3, 14)),),
        keys=("status_check.a1.n2.i10",),
        absent=("move_on",),
    ),
    Row(
        "move-on-after-two-balanced",
        "002: If you have followed up twice and still haven't heard back ... move on",
        facts(app(touchpoints=(*AFTER_THANKS, CHECK_1, CHECK_2))),
        utc(2026, 12, 8, 15),
        (("move_on", None, None, None, utc(2026, 12, 7, 14), utc(2026, 12, 10, 14)),),
        absent=("send_status_check",),
        keys=("move_on.a1.i10",),
    ),
    Row(
        "move-on-patient-spacing",
        "002: followed up twice (patient: spacing 10 days)",
        facts(app(touchpoints=(*AFTER_THANKS, CHECK_1, CHECK_2))),
        utc(2026, 12, 8, 15),
        (("move_on", None, None, None, utc(2026, 12, 10, 14), utc(2026, 12, 13, 14)),),
        absent=("send_status_check",),
        profile="patient",
    ),
    Row(
        "persistent-third-attempt",
        "000: after three attempts, stop following up",
        facts(app(touchpoints=(*AFTER_THANKS, CHECK_1, CHECK_2))),
        utc(2026, 12, 8, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 12, 7, 14), utc(2026, 12, 10, 14)),),
        absent=("move_on",),
        keys=("status_check.a1.n3.i10",),
        profile="persistent",
    ),
    Row(
        "reply-resets-the-clock",
        "(issue) a reply after the last outbound message restarts the clock from it",
        facts(app(touchpoints=(*AFTER_THANKS, CHECK_1, CHECK_2, REPLY))),
        utc(2026, 12, 5, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 12, 9, 14), utc(2026, 12, 12, 14)),),
        absent=("move_on",),
        keys=("status_check.a1.n1.r300",),
    ),
    Row(
        "reply-then-later-decision-date",
        "003: a few days past that timeline (a date later than the reply)",
        facts(
            app(
                decision_expected_on=date(2026, 12, 10),
                touchpoints=(*AFTER_THANKS, CHECK_1, CHECK_2, REPLY),
            )
        ),
        utc(2026, 12, 5, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 12, 14, 14), utc(2026, 12, 16, 14)),),
    ),
    Row(
        "recruiter-when-no-hiring-manager",
        "003: letting the manager or recruiter know that you're still interested",
        facts(
            app(contacts=(replace(DANA, role="interviewer"), SAM, LEE), touchpoints=AFTER_THANKS)
        ),
        utc(2026, 11, 24, 15),
        (("send_status_check", 3, 10, "email", utc(2026, 11, 23, 14), utc(2026, 11, 26, 14)),),
    ),
    Row(
        "status-check-never-a-card",
        "(issue) channel as in rule 4 but never a card",
        facts(app(workplace="traditional", touchpoints=AFTER_THANKS)),
        utc(2026, 11, 24, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 11, 23, 14), utc(2026, 11, 26, 14)),),
    ),
    Row(
        "second-round-restarts-everything",
        "002: send a thank you note to each person you met (round 2)",
        facts(app(interviews=(ROUND1, ROUND2), touchpoints=(*AFTER_THANKS, CHECK_1))),
        utc(2026, 11, 24, 15),
        (
            ("send_thank_you", 2, 11, "email", utc(2026, 11, 23, 22), utc(2026, 11, 24, 20)),
            ("send_thank_you", 4, 11, "email", utc(2026, 11, 23, 22), utc(2026, 11, 24, 20)),
            ("send_status_check", 1, 11, "email", utc(2026, 11, 30, 14), utc(2026, 12, 3, 14)),
        ),
        keys=("status_check.a1.n1.i11",),
    ),
    Row(
        "scheduled-round-holds-status-checks",
        "000: ask them when they plan on making their final decision (before round 2)",
        facts(app(interviews=(ROUND1, ROUND2), touchpoints=AFTER_THANKS)),
        utc(2026, 11, 22, 15),
        (("prepare_questions", None, 11, None, utc(2026, 11, 20, 14), utc(2026, 11, 23, 19)),),
        absent=("send_status_check", "send_thank_you"),
    ),
    Row(
        "offer-has-no-status-checks-but-an-answer",
        "(beyond the guides) At offer there are no status checks; answer the offer instead",
        facts(app(status="offer", offered_on=date(2026, 11, 23), touchpoints=AFTER_THANKS)),
        utc(2026, 11, 24, 15),
        (("answer_offer", 1, None, "email", utc(2026, 11, 23, 14), utc(2026, 11, 27, 14)),),
        exact=True,
    ),
    Row(
        "offer-answer-before-the-deadline",
        "(beyond the guides) answer before the deadline they gave",
        facts(
            app(
                status="offer",
                offered_on=date(2026, 11, 23),
                offer_deadline=date(2026, 12, 4),
                touchpoints=AFTER_THANKS,
            )
        ),
        utc(2026, 11, 24, 15),
        (("answer_offer", 1, None, "email", utc(2026, 11, 23, 14), utc(2026, 12, 4, 14)),),
        keys=("offer.a1",),
        exact=True,
    ),
    Row(
        "online-interview-arranger-emailed-at-a-traditional-workplace",
        "004: If your interview was conducted online, send an email to the recruiter",
        facts(app(workplace="traditional")),
        utc(2026, 11, 16, 23),
        (
            ("send_thank_you", 1, 10, "card", utc(2026, 11, 17, 14), utc(2026, 11, 19, 14)),
            ("send_thank_you", 3, 10, "email", TY_OPEN, TY_DUE),
        ),
    ),
    Row(
        "reply-on-the-decision-date-restarts-from-the-reply",
        "003: a few days past that timeline (a date no later than the reply is used up)",
        facts(
            app(
                decision_expected_on=date(2026, 12, 2),
                touchpoints=(*AFTER_THANKS, CHECK_1, CHECK_2, REPLY),
            )
        ),
        utc(2026, 12, 5, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 12, 9, 14), utc(2026, 12, 12, 14)),),
        keys=("status_check.a1.n1.r300",),
    ),
    Row(
        "a-reply-carries-a-new-decision-date",
        "002: after the date that they were supposed to contact you (given in their reply)",
        facts(
            app(
                decision_expected_on=date(2026, 11, 20),
                touchpoints=(
                    *AFTER_THANKS,
                    CHECK_1,
                    replace(REPLY, decision_expected_on=date(2026, 12, 10)),
                ),
            )
        ),
        utc(2026, 12, 5, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 12, 14, 14), utc(2026, 12, 16, 14)),),
        keys=("status_check.a1.n1.r300",),
    ),
    Row(
        "rejected-then-hired-thanks-again-for-the-hire",
        "003: send a card thanking the hiring manager ... for choosing you (after a rejection)",
        facts(
            app(
                status="hired",
                decided_on=date(2026, 12, 10),
                touchpoints=(touch(400, "post_decision", utc(2026, 11, 25, 15), contact=1),),
            ),
            states={
                "post_decision.a1.c1.rejected": ActionState("post_decision.a1.c1.rejected", "done")
            },
        ),
        utc(2026, 12, 10, 15),
        (
            (
                "send_post_decision_thanks",
                1,
                None,
                "email",
                utc(2026, 12, 10, 14),
                utc(2026, 12, 14, 14),
            ),
            (
                "send_post_decision_thanks",
                4,
                None,
                "email",
                utc(2026, 12, 10, 14),
                utc(2026, 12, 14, 14),
            ),
        ),
        keys=("post_decision.a1.c1.hired",),
        exact=True,
    ),
    Row(
        "post-decision-thanks-sent-after-the-decision-ends-it",
        "003: After the Decision Is Made (a thank-you logged since the decision)",
        facts(
            app(
                status="hired",
                decided_on=date(2026, 12, 10),
                touchpoints=(touch(400, "post_decision", utc(2026, 12, 10, 15), contact=1),),
            )
        ),
        utc(2026, 12, 10, 16),
        (
            (
                "send_post_decision_thanks",
                4,
                None,
                "email",
                utc(2026, 12, 10, 14),
                utc(2026, 12, 14, 14),
            ),
        ),
        exact=True,
    ),
    Row(
        "no-interview-gets-an-application-check",
        "(beyond the guides) a check on an application that has had no interview",
        facts(app(status="applied", interviews=())),
        utc(2026, 11, 3, 15),
        (("send_status_check", 1, None, "email", utc(2026, 10, 30, 13), utc(2026, 11, 3, 14)),),
        keys=("status_check.a1.n1.applied",),
        exact=True,
    ),
    Row(
        "no-interview-no-contacts-checks-with-the-hiring-team",
        "(beyond the guides) without a contact the check goes to the company",
        facts(app(status="applied", interviews=(), contacts=())),
        utc(2026, 11, 3, 15),
        (("send_status_check", None, None, "email", utc(2026, 10, 30, 13), utc(2026, 11, 3, 14)),),
        exact=True,
    ),
    Row(
        "no-interview-move-on-after-two-checks",
        "(beyond the guides) stop after the profile's number of unanswered checks",
        facts(
            app(
                status="applied",
                interviews=(),
                touchpoints=(
                    touch(200, "status_check", utc(2026, 11, 2, 15)),
                    touch(201, "status_check", utc(2026, 11, 9, 15)),
                ),
            )
        ),
        utc(2026, 11, 17, 15),
        (("move_on", None, None, None, utc(2026, 11, 16, 14), utc(2026, 11, 19, 14)),),
        keys=("move_on.a1.applied",),
        exact=True,
    ),
    Row(
        "backfilled-interview-no-stale-chores-and-a-late-thank-you",
        "002: write down all the relevant information (recorded 16 days later: too late to nag)",
        facts(app(interviews=(replace(ROUND1, notes=None, recorded_at=utc(2026, 12, 2, 15)),))),
        utc(2026, 12, 2, 16),
        (
            ("send_thank_you", 1, 10, "email", utc(2026, 12, 2, 15), utc(2026, 12, 3, 15)),
            ("send_thank_you", 2, 10, "email", utc(2026, 12, 2, 15), utc(2026, 12, 3, 15)),
            ("send_thank_you", 3, 10, "email", utc(2026, 12, 2, 15), utc(2026, 12, 3, 15)),
            ("send_status_check", 1, 10, "email", utc(2026, 12, 4, 14), utc(2026, 12, 7, 14)),
        ),
        absent=("write_notes", "prepare_questions"),
        exact=True,
    ),
    Row(
        "backfilled-interview-seen-before-it-was-entered-keeps-the-on-time-plan",
        "000: ask them when they plan on making their final decision (as_of before the entry)",
        facts(app(interviews=(replace(ROUND1, notes=None, recorded_at=utc(2026, 12, 2, 15)),))),
        utc(2026, 11, 16, 20, 30),
        (
            ("write_notes", None, 10, None, utc(2026, 11, 16, 20), utc(2026, 11, 16, 23)),
            ("send_thank_you", 1, 10, "email", TY_OPEN, TY_DUE),
        ),
    ),
    Row(
        "interview-entered-the-same-evening-still-asks-for-notes",
        "002: the first thing you should do is to write down all the relevant information",
        facts(app(interviews=(replace(ROUND1, notes=None, recorded_at=utc(2026, 11, 17, 1)),))),
        utc(2026, 11, 17, 1, 30),
        (
            ("write_notes", None, 10, None, utc(2026, 11, 16, 20), utc(2026, 11, 16, 23)),
            ("send_thank_you", 1, 10, "email", TY_OPEN, TY_DUE),
        ),
    ),
    Row(
        "backfilled-round-one-gives-way-to-round-two",
        "002: send a thank you note to each person you met (the later round's note)",
        facts(
            app(
                interviews=(
                    replace(ROUND1, recorded_at=utc(2026, 11, 24, 15)),
                    replace(ROUND2, recorded_at=utc(2026, 11, 24, 15)),
                )
            )
        ),
        utc(2026, 11, 24, 16),
        (
            ("send_thank_you", 2, 11, "email", utc(2026, 11, 23, 22), utc(2026, 11, 24, 20)),
            ("send_thank_you", 4, 11, "email", utc(2026, 11, 23, 22), utc(2026, 11, 24, 20)),
        ),
        gone=("thank_you.i10.c1", "thank_you.i10.c2", "thank_you.i10.c3"),
    ),
    Row(
        "hired-thanks-manager-and-supervisor",
        "003: send a card thanking the hiring manager and your direct supervisor",
        facts(app(status="hired", decided_on=date(2026, 11, 26))),
        utc(2026, 11, 27, 15),
        (
            (
                "send_post_decision_thanks",
                1,
                None,
                "email",
                utc(2026, 11, 27, 14),
                utc(2026, 12, 1, 14),
            ),
            (
                "send_post_decision_thanks",
                4,
                None,
                "email",
                utc(2026, 11, 27, 14),
                utc(2026, 12, 1, 14),
            ),
        ),
        exact=True,
    ),
    Row(
        "rejected-thanks-hiring-manager",
        "001: Send a thank-you note expressing gratitude ... interest in future openings.",
        facts(app(status="rejected", decided_on=date(2026, 11, 24), workplace="traditional")),
        utc(2026, 11, 24, 15),
        (
            (
                "send_post_decision_thanks",
                1,
                None,
                "card",
                utc(2026, 11, 24, 14),
                utc(2026, 11, 27, 14),
            ),
        ),
        exact=True,
    ),
    Row(
        "rejected-no-manager-thanks-recruiter",
        "003: still good business to send a thank you card or letter",
        facts(app(status="rejected", decided_on=date(2026, 11, 24), contacts=(SAM, LEE))),
        utc(2026, 11, 24, 15),
        (
            (
                "send_post_decision_thanks",
                3,
                None,
                "email",
                utc(2026, 11, 24, 14),
                utc(2026, 11, 27, 14),
            ),
        ),
        exact=True,
    ),
    Row(
        "rejected-only-interviewers-thanks-last-round",
        "001: expressing gratitude for the opportunity to interview",
        facts(
            app(
                status="rejected",
                decided_on=date(2026, 11, 24),
                contacts=(SAM, replace(KIM, role="interviewer")),
                interviews=(ROUND1, ROUND2),
            )
        ),
        utc(2026, 11, 25, 15),
        (
            (
                "send_post_decision_thanks",
                2,
                None,
                "email",
                utc(2026, 11, 24, 14),
                utc(2026, 11, 27, 14),
            ),
            (
                "send_post_decision_thanks",
                4,
                None,
                "email",
                utc(2026, 11, 24, 14),
                utc(2026, 11, 27, 14),
            ),
        ),
        exact=True,
    ),
    *[
        Row(
            f"{status}-leaves-nothing",
            "(issue) on a withdrawn or closed application nothing else remains",
            facts(app(status=status)),
            utc(2026, 11, 17, 15),
            (),
            exact=True,
        )
        for status in ("withdrawn", "closed")
    ],
    Row(
        "los-angeles-thank-you-hours",
        "000: within 12-24 hours (user in Los Angeles, interview ends 17:00 local)",
        facts(
            app(
                interviews=(
                    replace(ROUND1, starts_at=utc(2026, 11, 17, 0), ends_at=utc(2026, 11, 17, 1)),
                )
            ),
            user=LA_USER,
        ),
        utc(2026, 11, 17, 2),
        (("send_thank_you", 1, 10, "email", utc(2026, 11, 17, 3), utc(2026, 11, 18, 1)),),
    ),
    Row(
        "los-angeles-card-next-local-day",
        "003: two or three days after the interview (local dates, not UTC)",
        facts(
            app(
                workplace="traditional",
                interviews=(
                    replace(ROUND1, starts_at=utc(2026, 11, 17, 0), ends_at=utc(2026, 11, 17, 1)),
                ),
            ),
            user=LA_USER,
        ),
        utc(2026, 11, 17, 2),
        (("send_thank_you", 1, 10, "card", utc(2026, 11, 17, 17), utc(2026, 11, 19, 17)),),
    ),
    Row(
        "los-angeles-status-check-09-local",
        "000: within in a week or ten days (09:00 Los Angeles)",
        facts(
            app(
                interviews=(
                    replace(ROUND1, starts_at=utc(2026, 11, 17, 0), ends_at=utc(2026, 11, 17, 1)),
                ),
                touchpoints=AFTER_THANKS,
            ),
            user=LA_USER,
        ),
        utc(2026, 11, 24, 15),
        (("send_status_check", 1, 10, "email", utc(2026, 11, 23, 17), utc(2026, 11, 26, 17)),),
    ),
]


def _summary(action: Action) -> Expected:
    return (
        action.kind,
        action.contact_id,
        action.interview_id,
        action.channel,
        action.earliest_at,
        action.due_at,
    )


def test_rows_have_unique_ids() -> None:
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_scenario(row: Row) -> None:
    user = row.facts.user
    actions = evaluate(
        row.facts,
        now=row.now,
        profile=PROFILES[row.profile],
        calendar=calendar_for(user.timezone, user.country),
    )
    got = [_summary(a) for a in actions]
    for expected in row.expected:
        assert expected in got, f"{row.guide}\nmissing {expected}\ngot {got}"
    if row.exact:
        assert sorted(got, key=repr) == sorted(row.expected, key=repr), row.guide
    kinds = {a.kind for a in actions}
    for kind in row.absent:
        assert kind not in kinds, f"{row.guide}: unexpected {kind}"
    keys = {a.key for a in actions}
    for key in row.keys:
        assert key in keys, f"{row.guide}: missing key {key} in {sorted(keys)}"
    for key in row.gone:
        assert key not in keys, f"{row.guide}: {key} should be gone"
    for action in actions:
        beyond = action.why.startswith(("Beyond the guides", "The guides do not cover"))
        assert bool(action.sources) != beyond, action.key  # no borrowed citation
        assert action.why.endswith("."), action.why
