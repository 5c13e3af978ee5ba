"""HTTP edge for /applications."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from followup.applications import service
from followup.applications.schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationPatch,
    Timeline,
)
from followup.deps import CursorKey, IdempotentUnit, UserUnit
from followup.http import json_response, no_content, page_response, resource_response
from followup.models import Application
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page
from followup.policy.vocabulary import ApplicationStatus
from followup.schemas import IdPath, ShortText
from followup.work import WorkRoute

router = APIRouter(prefix="/applications", tags=["applications"], route_class=WorkRoute)


@router.get(
    "",
    summary="List applications",
    response_model=Page[ApplicationOut],
)
def list_applications(
    unit: UserUnit,
    cursor_key: CursorKey,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    status: Annotated[ApplicationStatus | None, Query(description="Only this status.")] = None,
    q: Annotated[ShortText | None, Query(description="Search company and role.")] = None,
    tag: Annotated[
        ShortText | None, Query(description="Only those with this tag (case aside).")
    ] = None,
    source: Annotated[
        ShortText | None, Query(description="Only those found there (case aside).")
    ] = None,
) -> Response:
    rows, next_cursor = service.page(
        unit.repo,
        limit=limit,
        cursor=cursor,
        key=cursor_key,
        status=status,
        q=q,
        tag=tag,
        source=source,
    )
    return page_response(rows, next_cursor)


@router.post(
    "",
    status_code=201,
    summary="Create an application",
    response_model=ApplicationOut,
)
def create_application(data: ApplicationIn, unit: IdempotentUnit) -> Response:
    application = service.create(unit.repo, data=data, today=unit.today)
    return resource_response(ApplicationOut.model_validate(application), status_code=201)


@router.get(
    "/{application_id}",
    summary="Read an application",
    response_model=ApplicationOut,
)
def read_application(application_id: IdPath, unit: UserUnit) -> Response:
    application = unit.repo.get(Application, application_id)
    return resource_response(ApplicationOut.model_validate(application))


@router.patch(
    "/{application_id}",
    summary="Change an application",
    response_model=ApplicationOut,
    responses=problems(412),
)
def update_application(application_id: IdPath, data: ApplicationPatch, unit: UserUnit) -> Response:
    application = unit.current(Application, application_id, ApplicationOut)
    application = service.update(unit.repo, application=application, data=data, today=unit.today)
    return resource_response(ApplicationOut.model_validate(application))


@router.delete(
    "/{application_id}",
    status_code=204,
    summary="Delete an application with its people, interviews and messages",
    responses=problems(412),
)
def delete_application(application_id: IdPath, unit: UserUnit) -> Response:
    service.delete(unit.repo, application=unit.current(Application, application_id, ApplicationOut))
    return no_content()


@router.get(
    "/{application_id}/timeline",
    summary="Interviews and messages of an application in time order",
    response_model=Timeline,
)
def read_timeline(application_id: IdPath, unit: UserUnit) -> Response:
    application = unit.repo.get(Application, application_id)
    return json_response(service.timeline(unit.repo, application=application))
