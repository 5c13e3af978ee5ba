"""Loads one user's rows for the insights in a fixed number of queries, then computes them."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any, TypeVar

from followup.models import ActionState, Application, Interview, Touchpoint, User
from followup.next_actions.cache import FactsCache
from followup.next_actions.service import open_actions
from followup.policy.insights import (
    ActionRow,
    ApplicationRow,
    Insights,
    InterviewRow,
    MessageRow,
    Period,
    compute,
)
from followup.repository import Repo


def insights(
    repo: Repo,
    user: User,
    *,
    start: date | None,
    end: date | None,
    now: datetime,
    cache: FactsCache,
) -> Insights:
    """The user's insights between two local dates (inclusive): four queries plus the facts."""
    session = repo.session
    # A done message action is timed by the message it logged, not by the click that logged it.
    acted = [
        ActionRow(kind, state, due_at, logged_at or acted_at)
        for kind, state, due_at, acted_at, logged_at in session.execute(
            repo.select(ActionState)
            .with_only_columns(
                ActionState.kind,
                ActionState.state,
                ActionState.due_at,
                ActionState.acted_at,
                Touchpoint.occurred_at,
            )
            .select_from(ActionState)
            .outerjoin(Touchpoint, Touchpoint.id == ActionState.touchpoint_id)
            .where(ActionState.state != "snoozed")
        )
    ]
    overdue = [
        ActionRow(action.kind, "overdue", action.due_at)
        for action in open_actions(repo, user, as_of=now, application_id=None, cache=cache)
        if action.status == "overdue"
    ]
    return compute(
        period=Period(start=start, end=end, timezone=user.timezone, now=now),
        applications=_rows(repo, Application, ApplicationRow),
        interviews=_rows(repo, Interview, InterviewRow),
        messages=_rows(repo, Touchpoint, MessageRow),
        actions=acted + overdue,
    )


Row = TypeVar("Row")


def _rows(repo: Repo, model: Any, row: type[Row]) -> list[Row]:
    """The user's rows of a model as plain records, reading only the record's columns."""
    columns = [getattr(model, f.name) for f in fields(row)]  # type: ignore[arg-type]
    return [
        row(*values)
        for values in repo.session.execute(repo.select(model).with_only_columns(*columns))
    ]
