"""The next actions in one sentence, for voice assistants and phone shortcuts."""

from __future__ import annotations

from datetime import datetime, timedelta

from followup.models import User
from followup.next_actions.cache import FactsCache
from followup.next_actions.schemas import SummaryItem, SummaryOut
from followup.next_actions.service import open_actions
from followup.policy import MESSAGE_KINDS, Action
from followup.repository import Repo

TODAYS_HORIZON = timedelta(days=1)

# How a message action reads in a sentence: "thank Dana Reyes (Acme Analytics)".
_VERBS = {
    "send_thank_you": "thank",
    "send_status_check": "check in with",
    "send_post_decision_thanks": "thank",
    "answer_offer": "answer the offer from",
}


def summarise(repo: Repo, user: User, *, as_of: datetime, cache: FactsCache) -> SummaryOut:
    """Counts by status, and a sentence naming the person and company of every action to do now."""
    actions = open_actions(repo, user, as_of=as_of, application_id=None, cache=cache)
    facts = cache.facts(repo, user)
    companies = {a.id: a.company for a in facts.applications}
    people = {c.id: c.name for a in facts.applications for c in a.contacts}
    now = [a for a in actions if a.status != "upcoming"]
    items = [
        SummaryItem(
            key=a.key,
            title=a.title,
            status=a.status,
            due_at=a.due_at,
            person=people.get(a.contact_id) if a.contact_id is not None else None,
            company=companies.get(a.application_id, ""),
        )
        for a in now
    ]
    upcoming = len(actions) - len(now)
    # Today's are the overdue and those due within a day (to be on time they are done today);
    # an action open now but due in four days is counted as later.
    pairs = [(a, i) for a, i in zip(now, items, strict=True) if a.due_at <= as_of + TODAYS_HORIZON]
    return SummaryOut(
        due=sum(1 for a in now if a.status == "due"),
        overdue=sum(1 for a in now if a.status == "overdue"),
        upcoming=upcoming,
        text=_sentence(pairs, upcoming + len(now) - len(pairs)),
        items=items,
    )


def _sentence(today: list[tuple[Action, SummaryItem]], later: int) -> str:
    more = f" {later} more coming up later." if later else ""
    if not today:
        return "Nothing to follow up on right now." + more
    count = len(today)
    head = f"{count} follow-up{'s' if count != 1 else ''} today: "
    return head + _and_join([_phrase(a, i) for a, i in today]) + "." + more


def _phrase(action: Action, item: SummaryItem) -> str:
    late = ", overdue" if item.status == "overdue" else ""
    if action.kind in MESSAGE_KINDS:
        verb = _VERBS.get(action.kind, "write to")
        if item.person:
            return f"{verb} {item.person} ({item.company}{late})"
        return f"{verb} {item.company}" + (" (overdue)" if late else "")
    title = action.title[:1].lower() + action.title[1:]
    return title + (" (overdue)" if late else "")


def _and_join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]
