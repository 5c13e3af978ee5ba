"""Every draft the engine writes, for one realistic application: the text of docs/drafts.md.

`followup examples` (or `make docs`) writes it; a test fails when the committed file and the
engine disagree, so the document always shows what the product says today.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from followup.policy import (
    PROFILES,
    Action,
    ActionInput,
    ApplicationFacts,
    ContactFacts,
    Facts,
    InterviewerFacts,
    InterviewFacts,
    TouchpointFacts,
    UserFacts,
    calendar_for,
    evaluate,
)

ZONE = ZoneInfo("America/New_York")
USER = UserFacts(
    "Ana Silva",
    "ana.silva@example.com",
    "Ana Silva\nana.silva@example.com · +1 555 0199",
    "America/New_York",
    "US",
)
DANA = ContactFacts(
    1, "Dana Reyes", "Engineering Manager", "dana.reyes@northwind.example", None, "hiring_manager"
)
SAM = ContactFacts(2, "Sam Okafor", "Staff Engineer", "sam.okafor@northwind.example")
LEE = ContactFacts(3, "Lee Chen", "Recruiter", "lee.chen@northwind.example", None, "recruiter")
KIM = ContactFacts(4, "Kim Park", "Director of Data", "kim.park@northwind.example", None,
                   "supervisor")  # fmt: skip


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE).astimezone(UTC)


INTERVIEW_DAY = date(2026, 11, 16)  # a Monday
INTERVIEW = InterviewFacts(
    id=10,
    starts_at=_at(INTERVIEW_DAY, 14),
    ends_at=_at(INTERVIEW_DAY, 15),
    format="video",
    round=1,
    arranged_by_id=LEE.id,
    interviewers=(
        InterviewerFacts(
            DANA.id,
            notes="Seemed rushed; mentioned the team lost two people this year.",
            topics=("the billing pipeline redesign",),
            concerns="Whether I have carried a pager before.",
        ),
        InterviewerFacts(
            SAM.id,
            notes="Great rapport. He uses dbt daily.",
            topics=("- Kafka consumer lag in the ingestion pipeline\n- data contracts",),
        ),
    ),
    decision_expected_on=None,
    notes="Went well overall; the system design part was the hardest.",
    recorded_at=_at(INTERVIEW_DAY, 16),
)
APPLICATION = ApplicationFacts(
    id=1,
    company="Northwind Logistics",
    role_title="Senior Data Engineer",
    status="interviewing",
    applied_on=date(2026, 10, 26),
    workplace="tech",
    contacts=(DANA, SAM, LEE, KIM),
    interviews=(INTERVIEW,),
    strength="five years of building streaming data pipelines",
    motivation="its open-source work on data quality",
)
THANKED = tuple(
    TouchpointFacts(100 + c.id, c.id, INTERVIEW.id, "thank_you", "email", "outbound",
                    _at(date(2026, 11, 17), 9, 30))
    for c in (DANA, SAM, LEE)
)  # fmt: skip
FIRST_CHECK = TouchpointFacts(200, DANA.id, INTERVIEW.id, "status_check", "email", "outbound",
                              _at(date(2026, 11, 24), 10))  # fmt: skip
FINDING_KEY = "status_check.a1.n1.i10"
FINDING = (
    "a short write-up of how we cut consumer lag by batching commits: "
    "https://example.com/consumer-lag"
)


@dataclass(frozen=True)
class Stage:
    title: str
    explains: str
    application: ApplicationFacts
    now: datetime
    kinds: tuple[str, ...]
    inputs: tuple[ActionInput, ...] = ()


STAGES = (
    Stage(
        "After the interview: a thank-you to each interviewer and to the recruiter who arranged it",
        "Monday 16 November, 14:00–15:00, by video with Dana (hiring manager) and Sam; Lee "
        "arranged it. Seen that evening.",
        APPLICATION,
        _at(INTERVIEW_DAY, 18),
        ("send_thank_you",),
    ),
    Stage(
        "A week later: the first status check, with something of value to share",
        "The thank-yous went out on Tuesday; no news since. The finding was given with "
        "`PUT /next-actions/status_check.a1.n1.i10/input`.",
        replace(APPLICATION, touchpoints=THANKED),
        _at(date(2026, 11, 24), 9),
        ("send_status_check",),
        (ActionInput(FINDING_KEY, FINDING),),
    ),
    Stage(
        "A week after that: the second status check, a new angle",
        "The first check (24 November) is unanswered.",
        replace(APPLICATION, touchpoints=(*THANKED, FIRST_CHECK)),
        _at(date(2026, 12, 1), 9),
        ("send_status_check",),
    ),
    Stage(
        "Rejected: thanks anyway, and a word about future openings",
        "They wrote on 3 December that they chose someone else.",
        replace(
            APPLICATION,
            status="rejected",
            decided_on=date(2026, 12, 3),
            touchpoints=(*THANKED, FIRST_CHECK),
        ),  # fmt: skip
        _at(date(2026, 12, 3), 12),
        ("send_post_decision_thanks",),
    ),
    Stage(
        "Hired: thanks to the hiring manager and the direct supervisor",
        "The same application, had it gone the other way on 3 December.",
        replace(APPLICATION, status="hired", decided_on=date(2026, 12, 3), touchpoints=THANKED),
        _at(date(2026, 12, 3), 12),
        ("send_post_decision_thanks",),
    ),
    Stage(
        "An offer: answer it before their deadline",
        "An offer came on 1 December with an answer asked for by Friday 4 December. The guides "
        "do not cover offers: this action says so and cites nothing.",
        replace(
            APPLICATION,
            status="offer",
            offered_on=date(2026, 12, 1),
            offer_deadline=date(2026, 12, 4),
            touchpoints=THANKED,
        ),  # fmt: skip
        _at(date(2026, 12, 1), 12),
        ("answer_offer",),
    ),
)


def stage_actions(stage: Stage) -> list[Action]:
    facts = Facts(USER, (stage.application,), {}, {i.key: i for i in stage.inputs})
    calendar = calendar_for(USER.timezone, USER.country)
    found = evaluate(facts, now=stage.now, profile=PROFILES["balanced"], calendar=calendar)
    return [a for a in found if a.kind in stage.kinds]


def _local(moment: datetime) -> str:
    return moment.astimezone(ZONE).strftime("%a %d %b %Y %H:%M")


def _what_the_user_gave() -> list[str]:
    lines = [
        "## What the user gave",
        "",
        f"- **{APPLICATION.role_title}** at **{APPLICATION.company}**; the skill or quality "
        f"they bring: *{APPLICATION.strength}*; what draws them: *{APPLICATION.motivation}*.",
        f"- Signed as `{USER.signature!s}`".replace("\n", " / ") + ".",
    ]
    contacts = {c.id: c for c in APPLICATION.contacts}
    for person in INTERVIEW.interviewers:
        name = contacts[person.contact_id].name
        lines.append(
            f"- {name}: topics `{json.dumps(list(person.topics))}`; concerns (shape the note, "
            f"never quoted) `{person.concerns or '—'}`; private notes (never in a draft) "
            f"`{person.notes}`."
        )
    lines.append("")
    return lines


def _action(action: Action) -> list[str]:
    draft = action.draft
    assert draft is not None
    sources = "; ".join(f"{s.guide[:3]}: “{s.quote}”" for s in action.sources) or (
        "none: beyond the guides"
    )
    return [
        f"### {action.title}",
        "",
        f"`{action.key}` · {action.channel} · from {_local(action.earliest_at)} to "
        f"{_local(action.due_at)} (New York)",
        "",
        f"*Why:* {action.why}",
        "",
        f"*Sources:* {sources}",
        "",
        f"**Subject:** {draft.subject}",
        "",
        "```text",
        draft.body,
        "```",
        "",
    ]


def document() -> str:
    """docs/drafts.md, in full."""
    lines = [
        "# Every draft, for one application",
        "",
        "Generated from the policy engine by `make docs` (`followup examples`); a test fails "
        "when this file and the engine disagree. Edit the wording in "
        "`backend/followup/policy/templates.py`, then run `make docs`.",
        "",
        *_what_the_user_gave(),
    ]
    for stage in STAGES:
        lines += [f"## {stage.title}", "", stage.explains, ""]
        for action in stage_actions(stage):
            lines += _action(action)
    return "\n".join(lines).rstrip() + "\n"
