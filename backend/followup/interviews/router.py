"""HTTP edge for /interviews."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from followup.deps import CursorKey, IdempotentUnit, UserUnit
from followup.http import no_content, page_response, resource_response
from followup.interviews import service
from followup.interviews.schemas import InterviewIn, InterviewOut, InterviewPatch
from followup.models import Interview
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page
from followup.schemas import Id, IdPath
from followup.work import WorkRoute

router = APIRouter(prefix="/interviews", tags=["interviews"], route_class=WorkRoute)


@router.get("", summary="List interviews", response_model=Page[InterviewOut])
def list_interviews(
    unit: UserUnit,
    cursor_key: CursorKey,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    application_id: Annotated[Id | None, Query(description="Only this application's.")] = None,
) -> Response:
    rows, next_cursor = service.page(
        unit.repo,
        limit=limit,
        cursor=cursor,
        key=cursor_key,
        application_id=application_id,
    )
    return page_response(rows, next_cursor)


@router.post(
    "",
    status_code=201,
    summary="Record an interview with the people who took part",
    response_model=InterviewOut,
    responses=problems(404),
)
def create_interview(data: InterviewIn, unit: IdempotentUnit) -> Response:
    interview = service.create(unit.repo, data=data)
    return resource_response(InterviewOut.model_validate(interview), status_code=201)


@router.get(
    "/{interview_id}",
    summary="Read an interview",
    response_model=InterviewOut,
)
def read_interview(interview_id: IdPath, unit: UserUnit) -> Response:
    return resource_response(InterviewOut.model_validate(unit.repo.get(Interview, interview_id)))


@router.patch(
    "/{interview_id}",
    summary="Change an interview (a given `interviewers` list replaces the old one)",
    response_model=InterviewOut,
    responses=problems(412),
)
def update_interview(interview_id: IdPath, data: InterviewPatch, unit: UserUnit) -> Response:
    interview = unit.current(Interview, interview_id, InterviewOut)
    interview = service.update(unit.repo, interview=interview, data=data)
    return resource_response(InterviewOut.model_validate(interview))


@router.delete(
    "/{interview_id}",
    status_code=204,
    summary="Delete an interview",
    responses=problems(412),
)
def delete_interview(interview_id: IdPath, unit: UserUnit) -> Response:
    service.delete(unit.repo, interview=unit.current(Interview, interview_id, InterviewOut))
    return no_content()
