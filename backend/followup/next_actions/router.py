"""HTTP edge for /next-actions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from followup.deps import Cache, CurrentUser, Now, RepoDep
from followup.http import json_response, not_modified
from followup.idempotency.route import Idempotent, IdempotentRoute
from followup.next_actions import service
from followup.next_actions.schemas import (
    ActionStateOut,
    DoneIn,
    NextActionsOut,
    SnoozeIn,
    SummaryOut,
)
from followup.next_actions.summary import summarise
from followup.openapi import problems
from followup.schemas import ClientDatetime, Id

router = APIRouter(prefix="/next-actions", tags=["next actions"], route_class=IdempotentRoute)

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
    response_model=NextActionsOut,
    responses={
        304: {"description": "Not Modified: the items are unchanged (ETag)"},
        **problems(401, 404, 422),
    },
)
async def list_next_actions(
    request: Request,
    repo: RepoDep,
    user: CurrentUser,
    clock: Now,
    cache: Cache,
    as_of: AsOf = None,
    application_id: Annotated[Id | None, Query(description="Only this application's.")] = None,
) -> Response:
    moment = as_of or clock
    actions = service.open_actions(
        repo, user, as_of=moment, application_id=application_id, cache=cache
    )
    body, etag = service.render(user, moment, actions, cache)
    if not_modified(request, etag):
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type="application/json", headers={"ETag": etag})


@router.post(
    "/{key}/done",
    dependencies=[Idempotent],
    summary="Mark an action done (a message action logs its outbound touchpoint)",
    response_model=ActionStateOut,
    responses=problems(401, 403, 404, 415, 422),
)
async def done(
    key: ActionKey,
    repo: RepoDep,
    user: CurrentUser,
    clock: Now,
    cache: Cache,
    data: DoneIn | None = None,
) -> ActionStateOut:
    return service.mark_done(repo, user, key=key, data=data or DoneIn(), now=clock, cache=cache)


@router.post(
    "/{key}/snooze",
    dependencies=[Idempotent],
    summary="Hide an action until a later moment",
    response_model=ActionStateOut,
    responses=problems(401, 403, 404, 415, 422),
)
async def snooze(
    key: ActionKey, data: SnoozeIn, repo: RepoDep, user: CurrentUser, clock: Now, cache: Cache
) -> ActionStateOut:
    return service.snooze(repo, user, key=key, until=data.until, now=clock, cache=cache)


@router.post(
    "/{key}/dismiss",
    dependencies=[Idempotent],
    summary="Hide an action for good without doing it",
    response_model=ActionStateOut,
    responses=problems(401, 403, 404, 422),
)
async def dismiss(
    key: ActionKey, repo: RepoDep, user: CurrentUser, clock: Now, cache: Cache
) -> ActionStateOut:
    return service.dismiss(repo, user, key=key, now=clock, cache=cache)


@router.post(
    "/{key}/reopen",
    dependencies=[Idempotent],
    summary="Undo done, snooze or dismiss (removes the touchpoint that done logged)",
    response_model=ActionStateOut,
    responses=problems(401, 403, 404, 422),
)
async def reopen(
    key: ActionKey, repo: RepoDep, user: CurrentUser, clock: Now, cache: Cache
) -> ActionStateOut:
    return service.reopen(repo, user, key=key, now=clock, cache=cache)


@router.get(
    "/summary",
    summary="What is due now, in counts and one sentence to read out (for shortcuts)",
    response_model=SummaryOut,
    responses={
        304: {"description": "Not Modified: nothing changed (ETag)"},
        **problems(401, 422),
    },
)
async def read_summary(
    request: Request,
    repo: RepoDep,
    user: CurrentUser,
    clock: Now,
    cache: Cache,
    as_of: AsOf = None,
) -> Response:
    result = summarise(repo, user, as_of=as_of or clock, cache=cache)
    return json_response(result, request=request)
