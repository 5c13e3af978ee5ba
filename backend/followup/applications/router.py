"""HTTP edge for /applications."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from followup.applications import service
from followup.applications.schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationPatch,
    Timeline,
)
from followup.deps import CursorKey, RepoDep, Today
from followup.http import json_response, require_current
from followup.idempotency.route import Idempotent, IdempotentRoute
from followup.models import Application
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page, page_response
from followup.policy.vocabulary import ApplicationStatus
from followup.schemas import IdPath

router = APIRouter(prefix="/applications", tags=["applications"], route_class=IdempotentRoute)


@router.get(
    "",
    summary="List applications",
    response_model=Page[ApplicationOut],
    responses=problems(401, 422),
)
async def list_applications(
    repo: RepoDep,
    cursor_key: CursorKey,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    status: Annotated[ApplicationStatus | None, Query(description="Only this status.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Search company and role.")] = None,
) -> Response:
    rows, next_cursor = service.page(
        repo,
        limit=limit,
        cursor=cursor,
        key=cursor_key,
        status=status,
        q=q,
    )
    return page_response(rows, next_cursor)


@router.post(
    "",
    dependencies=[Idempotent],
    status_code=201,
    summary="Create an application",
    response_model=ApplicationOut,
    responses=problems(401, 403, 415, 422),
)
async def create_application(data: ApplicationIn, repo: RepoDep, today: Today) -> Response:
    application = service.create(repo, data=data, today=today)
    return json_response(ApplicationOut.model_validate(application), status_code=201)


@router.get(
    "/{application_id}",
    summary="Read an application",
    response_model=ApplicationOut,
    responses=problems(401, 404, 422),
)
async def read_application(application_id: IdPath, repo: RepoDep, request: Request) -> Response:
    application = repo.get(Application, application_id)
    return json_response(ApplicationOut.model_validate(application), request=request)


@router.patch(
    "/{application_id}",
    summary="Change an application",
    response_model=ApplicationOut,
    responses=problems(401, 403, 404, 412, 415, 422),
)
async def update_application(
    application_id: IdPath, data: ApplicationPatch, repo: RepoDep, today: Today, request: Request
) -> Response:
    application = repo.get(Application, application_id)
    require_current(request, ApplicationOut.model_validate(application))
    application = service.update(repo, application=application, data=data, today=today)
    return json_response(ApplicationOut.model_validate(application))


@router.delete(
    "/{application_id}",
    status_code=204,
    summary="Delete an application with its people, interviews and messages",
    responses=problems(401, 403, 404, 412, 422),
)
async def delete_application(application_id: IdPath, repo: RepoDep, request: Request) -> Response:
    application = repo.get(Application, application_id)
    require_current(request, ApplicationOut.model_validate(application))
    service.delete(repo, application=application)
    return Response(status_code=204)


@router.get(
    "/{application_id}/timeline",
    summary="Interviews and messages of an application in time order",
    response_model=Timeline,
    responses=problems(401, 404, 422),
)
async def read_timeline(application_id: IdPath, repo: RepoDep) -> Response:
    application = repo.get(Application, application_id)
    return json_response(service.timeline(repo, application=application), tagged=False)
