"""The per-process cache behind /next-actions: each user's facts, evaluation and rendering."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from followup.http import etag_for
from followup.models import User
from followup.next_actions.facts import load_facts
from followup.policy import (
    Action,
    Facts,
    calendar_for,
    evaluate_all,
    get_profile,
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
