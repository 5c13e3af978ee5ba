"""HTTP edge for /touchpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from followup.deps import CursorKey, RepoDep
from followup.http import json_response, require_current
from followup.idempotency.route import Idempotent, IdempotentRoute
from followup.models import Touchpoint
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page, page_response
from followup.policy.vocabulary import Direction, TouchpointKind
from followup.schemas import Id, IdPath
from followup.touchpoints import service
from followup.touchpoints.schemas import TouchpointIn, TouchpointOut, TouchpointPatch

router = APIRouter(prefix="/touchpoints", tags=["touchpoints"], route_class=IdempotentRoute)


@router.get(
    "",
    summary="List messages sent and received",
    response_model=Page[TouchpointOut],
    responses=problems(401, 422),
)
async def list_touchpoints(
    repo: RepoDep,
    cursor_key: CursorKey,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    application_id: Annotated[Id | None, Query(description="Only this application's.")] = None,
    contact_id: Annotated[Id | None, Query(description="Only with this person.")] = None,
    kind: Annotated[TouchpointKind | None, Query(description="Only this kind.")] = None,
    direction: Annotated[Direction | None, Query(description="Only this direction.")] = None,
) -> Response:
    rows, next_cursor = service.page(
        repo,
        limit=limit,
        cursor=cursor,
        key=cursor_key,
        application_id=application_id,
        contact_id=contact_id,
        kind=kind,
        direction=direction,
    )
    return page_response(rows, next_cursor)


@router.post(
    "",
    dependencies=[Idempotent],
    status_code=201,
    summary="Log a message sent or a reply received",
    response_model=TouchpointOut,
    responses=problems(401, 403, 404, 415, 422),
)
async def create_touchpoint(data: TouchpointIn, repo: RepoDep) -> Response:
    touchpoint = service.create(repo, data=data)
    return json_response(TouchpointOut.model_validate(touchpoint), status_code=201)


@router.get(
    "/{touchpoint_id}",
    summary="Read a touchpoint",
    response_model=TouchpointOut,
    responses=problems(401, 404, 422),
)
async def read_touchpoint(touchpoint_id: IdPath, repo: RepoDep, request: Request) -> Response:
    touchpoint = repo.get(Touchpoint, touchpoint_id)
    return json_response(TouchpointOut.model_validate(touchpoint), request=request)


@router.patch(
    "/{touchpoint_id}",
    summary="Change a touchpoint",
    response_model=TouchpointOut,
    responses=problems(401, 403, 404, 412, 415, 422),
)
async def update_touchpoint(
    touchpoint_id: IdPath, data: TouchpointPatch, repo: RepoDep, request: Request
) -> Response:
    touchpoint = repo.get(Touchpoint, touchpoint_id)
    require_current(request, TouchpointOut.model_validate(touchpoint))
    touchpoint = service.update(repo, touchpoint=touchpoint, data=data)
    return json_response(TouchpointOut.model_validate(touchpoint))


@router.delete(
    "/{touchpoint_id}",
    status_code=204,
    summary="Delete a touchpoint",
    responses=problems(401, 403, 404, 412, 422),
)
async def delete_touchpoint(touchpoint_id: IdPath, repo: RepoDep, request: Request) -> Response:
    touchpoint = repo.get(Touchpoint, touchpoint_id)
    require_current(request, TouchpointOut.model_validate(touchpoint))
    service.delete(repo, touchpoint=touchpoint)
    return Response(status_code=204)
