"""HTTP edge for /next-actions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from followup.deps import Cache, CursorKey, IdempotentUnit, UserUnit
from followup.http import json_response, resource_response, tagged_response
from followup.next_actions import service
from followup.next_actions.schemas import (
    ActionHistoryOut,
    ActionInputIn,
    ActionInputOut,
    ActionStateOut,
    DoneIn,
    NextActionsOut,
    SnoozeIn,
    SummaryOut,
)
from followup.next_actions.summary import summarise
from followup.openapi import problems
from followup.pagination import CursorQuery
from followup.policy.vocabulary import ActionStateName
from followup.schemas import ClientDatetime, Id
from followup.work import WorkRoute

router = APIRouter(prefix="/next-actions", tags=["next actions"], route_class=WorkRoute)

ActionKey = Annotated[
    str,
    Path(
        max_length=120,
        pattern=r"^[A-Za-z0-9._-]+$",
        description="The action's stable key, e.g. `thank_you.i12.c7`.",
    ),
]
AsOf = Annotated[
    ClientDatetime | None,
    Query(description="The engine's 'now' (default: now). Encode '+' as %2B, or use Z."),
]


@router.get(
    "",
    summary="What to do next: every open action, upcoming ones included",
    description=(
        "Without `state`: the open actions (`NextActionsOut`). With `state=done`, `snoozed` or "
        "`dismissed`: the history of what you did (`ActionHistoryOut`), most recent first, "
        "each undone by `POST /next-actions/{key}/reopen`; `snoozed` lists the snoozes still "
        "hiding an action at `as_of`."
    ),
    response_model=NextActionsOut | ActionHistoryOut,
    responses={
        304: {"description": "Not Modified: the items are unchanged (ETag)"},
        **problems(404),
    },
)
def list_next_actions(
    unit: UserUnit,
    cache: Cache,
    cursor_key: CursorKey,
    as_of: AsOf = None,
    application_id: Annotated[Id | None, Query(description="Only this application's.")] = None,
    limit: Annotated[
        int, Query(ge=1, le=500, description="Page size, 1 to 500 (default 200).")
    ] = 200,
    cursor: CursorQuery = None,
    state: Annotated[
        ActionStateName | None,
        Query(description="The history of done, snoozed or dismissed actions instead."),
    ] = None,
) -> Response:
    moment = as_of or unit.now
    if state is not None:
        past = service.history(
            unit.repo,
            unit.user,
            state=state,
            as_of=moment,
            application_id=application_id,
            page_size=limit,
            cursor=cursor,
            key=cursor_key,
            cache=cache,
        )
        return json_response(past)
    actions = service.open_actions(
        unit.repo, unit.user, as_of=moment, application_id=application_id, cache=cache
    )
    shown, next_cursor = service.page(actions, limit=limit, cursor=cursor, key=cursor_key)
    body, etag = service.render(unit.user, moment, shown, next_cursor, cache)
    return tagged_response(body, etag)


@router.post(
    "/{key}/done",
    summary="Mark an action done (a message action logs its outbound touchpoint)",
    response_model=ActionStateOut,
)
def done(
    key: ActionKey, unit: IdempotentUnit, cache: Cache, data: DoneIn | None = None
) -> Response:
    state = service.mark_done(
        unit.repo, unit.user, key=key, data=data or DoneIn(), now=unit.now, cache=cache
    )
    return json_response(state)


@router.post(
    "/{key}/snooze",
    summary="Hide an action until a later moment",
    response_model=ActionStateOut,
)
def snooze(key: ActionKey, data: SnoozeIn, unit: IdempotentUnit, cache: Cache) -> Response:
    state = service.snooze(unit.repo, unit.user, key=key, data=data, now=unit.now, cache=cache)
    return json_response(state)


@router.post(
    "/{key}/dismiss",
    summary="Hide an action for good without doing it",
    response_model=ActionStateOut,
)
def dismiss(key: ActionKey, unit: IdempotentUnit, cache: Cache) -> Response:
    return json_response(service.dismiss(unit.repo, unit.user, key=key, now=unit.now, cache=cache))


@router.post(
    "/{key}/reopen",
    summary="Undo done, snooze or dismiss (removes the touchpoint that done logged)",
    response_model=ActionStateOut,
)
def reopen(key: ActionKey, unit: IdempotentUnit, cache: Cache) -> Response:
    return json_response(service.reopen(unit.repo, unit.user, key=key, now=unit.now, cache=cache))


@router.put(
    "/{key}/input",
    summary="Give a status check something of value to share (a finding, an idea, a link)",
    description=(
        "The status check's draft then says it in place of its placeholder; `null` removes "
        "it. Only `send_status_check` actions take it (another kind is a 422)."
    ),
    response_model=ActionInputOut,
)
def set_input(key: ActionKey, data: ActionInputIn, unit: UserUnit, cache: Cache) -> Response:
    given = service.set_input(unit.repo, unit.user, key=key, data=data, now=unit.now, cache=cache)
    return json_response(given)


@router.get(
    "/summary",
    summary="What is due now, in counts and one sentence to read out (for shortcuts)",
    response_model=SummaryOut,
    responses={
        304: {"description": "Not Modified: nothing changed (ETag)"},
    },
)
def read_summary(unit: UserUnit, cache: Cache, as_of: AsOf = None) -> Response:
    summary = summarise(unit.repo, unit.user, as_of=as_of or unit.now, cache=cache)
    return resource_response(summary)
