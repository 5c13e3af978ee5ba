"""HTTP edge for /touchpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from followup.deps import CursorKey, IdempotentUnit, UserUnit
from followup.http import no_content, page_response, resource_response
from followup.models import Touchpoint
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page
from followup.policy.vocabulary import Direction, TouchpointKind
from followup.schemas import Id, IdPath
from followup.touchpoints import service
from followup.touchpoints.schemas import TouchpointIn, TouchpointOut, TouchpointPatch
from followup.work import WorkRoute

router = APIRouter(prefix="/touchpoints", tags=["touchpoints"], route_class=WorkRoute)


@router.get(
    "",
    summary="List messages sent and received",
    response_model=Page[TouchpointOut],
)
def list_touchpoints(
    unit: UserUnit,
    cursor_key: CursorKey,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    application_id: Annotated[Id | None, Query(description="Only this application's.")] = None,
    contact_id: Annotated[Id | None, Query(description="Only with this person.")] = None,
    kind: Annotated[TouchpointKind | None, Query(description="Only this kind.")] = None,
    direction: Annotated[Direction | None, Query(description="Only this direction.")] = None,
) -> Response:
    rows, next_cursor = service.page(
        unit.repo,
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
    status_code=201,
    summary="Log a message sent or a reply received",
    response_model=TouchpointOut,
    responses=problems(404),
)
def create_touchpoint(data: TouchpointIn, unit: IdempotentUnit) -> Response:
    touchpoint = service.create(unit.repo, data=data)
    return resource_response(TouchpointOut.model_validate(touchpoint), status_code=201)


@router.get(
    "/{touchpoint_id}",
    summary="Read a touchpoint",
    response_model=TouchpointOut,
)
def read_touchpoint(touchpoint_id: IdPath, unit: UserUnit) -> Response:
    return resource_response(TouchpointOut.model_validate(unit.repo.get(Touchpoint, touchpoint_id)))


@router.patch(
    "/{touchpoint_id}",
    summary="Change a touchpoint",
    response_model=TouchpointOut,
    responses=problems(412),
)
def update_touchpoint(touchpoint_id: IdPath, data: TouchpointPatch, unit: UserUnit) -> Response:
    touchpoint = unit.current(Touchpoint, touchpoint_id, TouchpointOut)
    touchpoint = service.update(unit.repo, touchpoint=touchpoint, data=data)
    return resource_response(TouchpointOut.model_validate(touchpoint))


@router.delete(
    "/{touchpoint_id}",
    status_code=204,
    summary="Delete a touchpoint",
    responses=problems(412),
)
def delete_touchpoint(touchpoint_id: IdPath, unit: UserUnit) -> Response:
    service.delete(unit.repo, touchpoint=unit.current(Touchpoint, touchpoint_id, TouchpointOut))
    return no_content()
