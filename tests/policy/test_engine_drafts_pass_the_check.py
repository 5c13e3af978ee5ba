"""The engine's own drafts never trip the message check, across generated scenarios: the only
finding ever allowed is an unfilled placeholder, and exactly where the draft left one."""

from __future__ import annotations

import re
from datetime import datetime

from hypothesis import given, settings

from followup.policy import (
    PROFILES,
    TOUCHPOINT_KIND_BY_ACTION_KIND,
    Action,
    ApplicationFacts,
    Facts,
    calendar_for,
    evaluate_all,
)
from followup.policy.message_check import DraftContext, DraftText, Peer, check
from tests.policy.test_properties import scenarios

PLACEHOLDER = re.compile(r"\[[^\[\]\n]+\](?!\()")


def _context(
    facts: Facts, app: ApplicationFacts, action: Action, actions: list[Action], now: datetime
) -> DraftContext:
    """What the service would load for this draft, at the moment it opens."""
    calendar = calendar_for(facts.user.timezone, facts.user.country)
    contacts = {c.id: c for c in app.contacts}
    contact = contacts.get(action.contact_id or -1)
    interview = next((i for i in app.interviews if i.id == action.interview_id), None)
    people = {p.contact_id for p in interview.interviewers} if interview else set()
    peers = tuple(
        Peer(contacts[a.contact_id].name, a.draft.body, "drafted")
        for a in actions
        if a.kind == "send_thank_you"
        and a.interview_id == action.interview_id
        and a.contact_id in people
        and a.contact_id != action.contact_id
        and a.contact_id in contacts
        and a.draft is not None
    )
    sent = [
        t.occurred_at for t in app.touchpoints if t.direction == "outbound" and t.occurred_at <= now
    ]
    names = tuple(contacts[c].name for c in people if c in contacts)
    return DraftContext(
        now=action.earliest_at,
        person_name=contact.name if contact else None,
        names=(*names, contact.name) if contact else names,
        peers=peers,
        own_drafts=(action.draft.body,) if action.draft else (),
        company=app.company,
        other_companies=tuple(
            {a.company for a in facts.applications if a.id != app.id} | set(facts.companies)
        ),
        last_outbound_at=max(sent) if sent else None,
        check_opens_at=action.earliest_at if action.kind == "send_status_check" else None,
        calendar=calendar,
        gap_business_days=PROFILES["balanced"].gap_business_days,
    )


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_the_engines_drafts_trip_nothing_but_their_own_placeholders(
    scenario: tuple[Facts, datetime, str],
) -> None:
    facts, now, profile = scenario
    cal = calendar_for(facts.user.timezone, facts.user.country)
    actions = evaluate_all(facts, now=now, profile=PROFILES[profile], calendar=cal)
    apps = {a.id: a for a in facts.applications}
    for action in actions:
        if action.draft is None:
            continue
        kind = TOUCHPOINT_KIND_BY_ACTION_KIND[action.kind]
        text = DraftText(kind, action.draft.subject, action.draft.body, action.channel)
        found = check(text, _context(facts, apps[action.application_id], action, actions, now))
        codes = {i.code for i in found}
        assert codes <= {"unfilled_placeholder"}, (action.key, [i.message for i in found])
        left = PLACEHOLDER.findall(action.draft.subject + "\n" + action.draft.body)
        assert len([i for i in found if i.code == "unfilled_placeholder"]) == len(left)
