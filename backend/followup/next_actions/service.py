"""Next actions: evaluate the policy over the user's facts, and record what the user did."""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime

import orjson
from sqlalchemy import and_, or_, select

from followup.errors import Invalid, NotFound
from followup.models import ActionInput, ActionState, Application, Touchpoint, User
from followup.next_actions.cache import FactsCache
from followup.next_actions.schemas import (
    ActionHistoryOut,
    ActionInputIn,
    ActionInputOut,
    ActionRecordOut,
    ActionStateOut,
    DoneIn,
    SnoozeIn,
)
from followup.pagination import decode_position, encode_cursor
from followup.policy import (
    Action,
    CloseApplication,
    LogTouchpoint,
    apply_states,
    calendar_for,
    done_effect,
    iso_utc,
)
from followup.repository import Repo


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


def page(
    actions: list[Action], *, limit: int, cursor: str | None, key: str
) -> tuple[list[Action], str | None]:
    """The actions after the cursor's (due_at, key), at most `limit`, and the next cursor."""
    start = 0
    if cursor is not None:
        due_at, action_key = decode_position(cursor, key)
        try:
            position = (datetime.fromisoformat(due_at), action_key)
        except ValueError as exc:
            raise Invalid("The cursor is not one this server handed out.") from exc
        start = bisect_right([(a.due_at, a.key) for a in actions], position)
    shown = actions[start : start + limit]
    more = start + limit < len(actions)
    next_cursor = encode_cursor([iso_utc(shown[-1].due_at), shown[-1].key], key) if more else None
    return shown, next_cursor


def render(
    user: User, as_of: datetime, actions: list[Action], next_cursor: str | None, cache: FactsCache
) -> tuple[bytes, str]:
    """The response body and an ETag over its items only, so polling at a new as_of can 304."""
    items, etag = cache.render_items(user, actions)
    body = (
        b'{"as_of":"'
        + iso_utc(as_of).encode()
        + b'","items":'
        + items
        + b',"next_cursor":'
        + orjson.dumps(next_cursor)
        + b"}"
    )
    return body, etag


def history(
    repo: Repo,
    user: User,
    *,
    state: str,
    as_of: datetime,
    application_id: int | None,
    page_size: int,
    cursor: str | None,
    key: str,
    cache: FactsCache,
) -> ActionHistoryOut:
    """The actions in `state`, most recently acted on first; a snooze only while it hides one."""
    if application_id is not None:
        repo.get(Application, application_id)
    statement = (
        select(ActionState, Application.company)
        .join(Application, Application.id == ActionState.application_id)
        .where(repo.owns(ActionState), ActionState.state == state)
        .order_by(ActionState.acted_at.desc(), ActionState.id.desc())
        .limit(page_size + 1)
    )
    if state == "snoozed":
        statement = statement.where(ActionState.until > as_of)
    if application_id is not None:
        statement = statement.where(ActionState.application_id == application_id)
    if cursor is not None:
        acted_at, row_id = _history_position(cursor, key)
        statement = statement.where(
            or_(
                ActionState.acted_at < acted_at,
                and_(ActionState.acted_at == acted_at, ActionState.id < row_id),
            )
        )
    rows = repo.session.execute(statement).all()
    produced = {a.key: a for a in cache.evaluated(repo, user, as_of)}
    items = [_record(row, company, produced.get(row.key)) for row, company in rows[:page_size]]
    next_cursor = None
    if len(rows) > page_size:
        last = rows[page_size - 1][0]
        next_cursor = encode_cursor([iso_utc(last.acted_at), str(last.id)], key)
    return ActionHistoryOut(as_of=as_of, state=state, items=items, next_cursor=next_cursor)


def _history_position(cursor: str, key: str) -> tuple[datetime, int]:
    acted_at, row_id = decode_position(cursor, key)
    try:
        return datetime.fromisoformat(acted_at), int(row_id)
    except ValueError as exc:
        raise Invalid("The cursor is not one this server handed out.") from exc


def _record(row: ActionState, company: str, action: Action | None) -> ActionRecordOut:
    """A state row, named by the action it was about while the data still produces it."""
    return ActionRecordOut(
        key=row.key,
        kind=row.kind,
        application_id=row.application_id,
        company=company,
        contact_id=action.contact_id if action else None,
        interview_id=action.interview_id if action else None,
        state=row.state,
        title=action.title if action else f"A follow-up for {company}",
        acted_at=row.acted_at,
        due_at=row.due_at,
        until=row.until,
        touchpoint_id=row.touchpoint_id,
        still_suggested=action is not None,
    )


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
    repo: Repo, user: User, *, key: str, data: SnoozeIn, now: datetime, cache: FactsCache
) -> ActionStateOut:
    """Hide an action until a moment, or until the user's next business morning."""
    until = data.until or calendar_for(user.timezone, user.country).next_business_morning(now)
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


def set_input(
    repo: Repo, user: User, *, key: str, data: ActionInputIn, now: datetime, cache: FactsCache
) -> ActionInputOut:
    """Something of value for a status check's draft; null removes it (the placeholder returns)."""
    action = _produced(repo, user, key=key, now=now, cache=cache)
    if action.kind != "send_status_check":
        raise Invalid(
            "Only a status check takes something of value to share.",
            errors=[{"loc": ["path", "key"], "msg": "not a status check"}],
        )
    row = repo.session.scalars(repo.select(ActionInput).where(ActionInput.key == key)).one_or_none()
    value = data.value_add.strip() if data.value_add and data.value_add.strip() else None
    if value is None:
        if row is not None:
            repo.session.delete(row)
            repo.session.flush()
    else:
        if row is None:
            row = ActionInput(key=key, application_id=action.application_id)
            row.user_id = repo.user_id
            repo.session.add(row)
        row.value_add = value
        repo.session.flush()
    return ActionInputOut(key=key, application_id=action.application_id, value_add=value)


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
