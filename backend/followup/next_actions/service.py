"""Next actions: evaluate the policy over the user's facts, and record what the user did."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from followup.errors import Invalid, NotFound
from followup.http import etag_for
from followup.models import ActionState, Application, Touchpoint, User
from followup.next_actions.facts import load_facts
from followup.next_actions.schemas import ActionStateOut, DoneIn
from followup.policy import (
    Action,
    CloseApplication,
    Facts,
    LogTouchpoint,
    apply_states,
    calendar_for,
    done_effect,
    evaluate_all,
    get_profile,
    iso_utc,
    stable_span,
)
from followup.repository import Repo


@dataclass(slots=True)
class _UserEntry:
    version: int
    facts: Facts
    # One evaluation (states not applied) and the span of 'now' over which it holds; a single
    # attribute, replaced whole, so a reader never pairs one evaluation with another's span.
    evaluation: tuple[tuple[datetime | None, datetime | None], list[Action]] | None = None
    # Each action's JSON-ready dict, and the last items rendered with their ETag.
    dicts: dict[str, dict[str, Any]] = field(default_factory=dict)
    rendered: tuple[tuple[tuple[str, str], ...], bytes, str] | None = None


class FactsCache:
    """Per user: the facts, their last evaluation and its rendering, while nothing changed.

    Entries are keyed by the user's data_version, which every committed write bumps (see
    deps.get_session), so a stale entry is never served, in this process or another: each
    request checks the version it read from the database. An evaluation is reused for any
    'now' inside the engine's stable_span, with statuses recomputed for that 'now'.
    """

    def __init__(self, max_users: int = 2048) -> None:
        self.max_users = max_users
        self._entries: OrderedDict[int, _UserEntry] = OrderedDict()
        self._lock = threading.Lock()

    def facts(self, repo: Repo, user: User) -> Facts:
        return self._entry(repo, user).facts

    def evaluated(self, repo: Repo, user: User, now: datetime) -> list[Action]:
        """Every action at 'now', done and dismissed ones included (states are not applied)."""
        entry = self._entry(repo, user)
        if entry.evaluation is not None:
            (start, end), actions = entry.evaluation
            if (start is None or start <= now) and (end is None or now < end):
                return [action.with_status(now) for action in actions]
        actions = evaluate_all(
            entry.facts,
            now=now,
            profile=get_profile(user.policy_profile),
            calendar=calendar_for(user.timezone, user.country),
        )
        entry.evaluation = (stable_span(entry.facts, now), actions)
        # A new span may move an action's window under the same key: render afresh.
        entry.dicts, entry.rendered = {}, None
        return actions

    def render_items(self, user: User, actions: list[Action]) -> tuple[bytes, str]:
        """The items as JSON and their ETag; unchanged keys and statuses reuse the last bytes."""
        entry = self._entries.get(user.id)
        signature = tuple((a.key, a.status) for a in actions)
        if entry is not None and entry.rendered is not None and entry.rendered[0] == signature:
            return entry.rendered[1], entry.rendered[2]
        dicts = entry.dicts if entry is not None else {}
        items = []
        for action in actions:
            cached = dicts.get(action.key)
            if cached is None:
                cached = dicts[action.key] = action.to_dict()
            items.append({**cached, "status": action.status})
        body = orjson.dumps(items)
        etag = etag_for(body)
        if entry is not None:
            entry.rendered = (signature, body, etag)
        return body, etag

    def _entry(self, repo: Repo, user: User) -> _UserEntry:
        with self._lock:
            entry = self._entries.get(user.id)
            if entry is not None and entry.version == user.data_version:
                self._entries.move_to_end(user.id)
                return entry
        entry = _UserEntry(version=user.data_version, facts=load_facts(repo, user))
        with self._lock:
            self._entries[user.id] = entry
            self._entries.move_to_end(user.id)
            while len(self._entries) > self.max_users:
                self._entries.popitem(last=False)
        return entry


def open_actions(
    repo: Repo, user: User, *, as_of: datetime, application_id: int | None, cache: FactsCache
) -> list[Action]:
    """The actions still open at `as_of`, ordered by due time then key."""
    if application_id is not None:
        repo.get(Application, application_id)
    actions = apply_states(
        cache.evaluated(repo, user, as_of), cache.facts(repo, user).action_states, as_of
    )
    if application_id is not None:
        actions = [a for a in actions if a.application_id == application_id]
    return actions


def render(
    user: User, as_of: datetime, actions: list[Action], cache: FactsCache
) -> tuple[bytes, str]:
    """The response body and an ETag over its items only, so polling at a new as_of can 304."""
    items, etag = cache.render_items(user, actions)
    body = b'{"as_of":"' + iso_utc(as_of).encode() + b'","items":' + items + b"}"
    return body, etag


def mark_done(
    repo: Repo, user: User, *, key: str, data: DoneIn, now: datetime, cache: FactsCache
) -> ActionStateOut:
    """Record the action as done; a message action logs its outbound touchpoint."""
    existing = _state(repo, key)
    if existing is not None and existing.state == "done":
        return ActionStateOut.model_validate(existing)  # a retried `done` logs nothing twice
    action = _produced(repo, user, key=key, now=now, cache=cache)
    touchpoint_id: int | None = None
    replaced_status: str | None = None
    effect = done_effect(action)
    if isinstance(effect, LogTouchpoint):
        draft = action.draft
        touchpoint = Touchpoint(
            application_id=effect.application_id,
            contact_id=effect.contact_id,
            interview_id=effect.interview_id,
            kind=effect.kind,
            channel=data.channel or effect.channel,
            direction=effect.direction,
            occurred_at=data.occurred_at or now,
            subject=data.subject if data.subject is not None else draft and draft.subject,
            body=data.body if data.body is not None else draft and draft.body,
        )
        repo.add(touchpoint)
        touchpoint_id = touchpoint.id
    elif isinstance(effect, CloseApplication):
        application = repo.get(Application, effect.application_id)
        replaced_status, application.status = application.status, "closed"
    state = _save_state(
        repo, action, state="done", until=None, now=now, touchpoint_id=touchpoint_id
    )
    state.replaced_status = replaced_status
    repo.session.flush()
    return ActionStateOut.model_validate(state)


def snooze(
    repo: Repo, user: User, *, key: str, until: datetime, now: datetime, cache: FactsCache
) -> ActionStateOut:
    if until <= now:
        raise Invalid(
            "Snooze until a moment in the future.",
            errors=[{"loc": ["body", "until"], "msg": "must be in the future"}],
        )
    action = _produced(repo, user, key=key, now=now, cache=cache)
    state = _save_state(repo, action, state="snoozed", until=until, now=now, touchpoint_id=None)
    return ActionStateOut.model_validate(state)


def dismiss(
    repo: Repo, user: User, *, key: str, now: datetime, cache: FactsCache
) -> ActionStateOut:
    action = _produced(repo, user, key=key, now=now, cache=cache)
    state = _save_state(repo, action, state="dismissed", until=None, now=now, touchpoint_id=None)
    return ActionStateOut.model_validate(state)


def reopen(repo: Repo, user: User, *, key: str, now: datetime, cache: FactsCache) -> ActionStateOut:
    """Undo: clear the state, remove the touchpoint `done` logged, restore a closed status."""
    existing = _state(repo, key)
    if existing is None:
        action = _produced(repo, user, key=key, now=now, cache=cache)
        return ActionStateOut(
            key=key, kind=action.kind, application_id=action.application_id, state=None
        )
    if existing.touchpoint_id is not None:
        touchpoint = repo.find(Touchpoint, existing.touchpoint_id)
        if touchpoint is not None:
            repo.session.delete(touchpoint)
    if existing.replaced_status is not None:
        application = repo.find(Application, existing.application_id)
        if application is not None and application.status == "closed":
            application.status = existing.replaced_status
    reopened = ActionStateOut(
        key=key, kind=existing.kind, application_id=existing.application_id, state=None
    )
    repo.session.delete(existing)
    repo.session.flush()
    return reopened


def _state(repo: Repo, key: str) -> ActionState | None:
    return repo.session.scalars(
        repo.select(ActionState).where(ActionState.key == key)
    ).one_or_none()


def _produced(repo: Repo, user: User, *, key: str, now: datetime, cache: FactsCache) -> Action:
    """The action this key names at 'now', whatever its state; 404 when the data has none."""
    for action in cache.evaluated(repo, user, now):
        if action.key == key:
            return action
    raise NotFound(f"No next action with key {key!r}.")


def _save_state(
    repo: Repo,
    action: Action,
    *,
    state: str,
    until: datetime | None,
    now: datetime,
    touchpoint_id: int | None,
) -> ActionState:
    row = _state(repo, action.key)
    if row is None:
        row = ActionState(key=action.key, kind=action.kind, application_id=action.application_id)
        row.user_id = repo.user_id
        repo.session.add(row)
    row.state = state
    row.until = until
    row.due_at = action.due_at
    row.acted_at = now
    row.touchpoint_id = touchpoint_id
    repo.session.flush()
    return row


__all__ = ["FactsCache", "dismiss", "mark_done", "open_actions", "reopen", "render", "snooze"]
