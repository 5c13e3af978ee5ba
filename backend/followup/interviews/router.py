"""HTTP edge for /interviews."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from followup.deps import CursorKey, RepoDep
from followup.http import json_response, require_current
from followup.idempotency.route import Idempotent, IdempotentRoute
from followup.interviews import service
from followup.interviews.schemas import InterviewIn, InterviewOut, InterviewPatch
from followup.models import Interview
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page, page_response
from followup.schemas import Id, IdPath

router = APIRouter(prefix="/interviews", tags=["interviews"], route_class=IdempotentRoute)


@router.get(
    "", summary="List interviews", response_model=Page[InterviewOut], responses=problems(401, 422)
)
async def list_interviews(
    repo: RepoDep,
    cursor_key: CursorKey,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    application_id: Annotated[Id | None, Query(description="Only this application's.")] = None,
) -> Response:
    rows, next_cursor = service.page(
        repo,
        limit=limit,
        cursor=cursor,
        key=cursor_key,
        application_id=application_id,
    )
    return page_response(rows, next_cursor)


@router.post(
    "",
    dependencies=[Idempotent],
    status_code=201,
    summary="Record an interview with the people who took part",
    response_model=InterviewOut,
    responses=problems(401, 403, 404, 415, 422),
)
async def create_interview(data: InterviewIn, repo: RepoDep) -> Response:
    interview = service.create(repo, data=data)
    return json_response(InterviewOut.model_validate(interview), status_code=201)


@router.get(
    "/{interview_id}",
    summary="Read an interview",
    response_model=InterviewOut,
    responses=problems(401, 404, 422),
)
async def read_interview(interview_id: IdPath, repo: RepoDep, request: Request) -> Response:
    interview = repo.get(Interview, interview_id)
    return json_response(InterviewOut.model_validate(interview), request=request)


@router.patch(
    "/{interview_id}",
    summary="Change an interview (a given `interviewers` list replaces the old one)",
    response_model=InterviewOut,
    responses=problems(401, 403, 404, 412, 415, 422),
)
async def update_interview(
    interview_id: IdPath, data: InterviewPatch, repo: RepoDep, request: Request
) -> Response:
    interview = repo.get(Interview, interview_id)
    require_current(request, InterviewOut.model_validate(interview))
    interview = service.update(repo, interview=interview, data=data)
    return json_response(InterviewOut.model_validate(interview))


@router.delete(
    "/{interview_id}",
    status_code=204,
    summary="Delete an interview",
    responses=problems(401, 403, 404, 412, 422),
)
async def delete_interview(interview_id: IdPath, repo: RepoDep, request: Request) -> Response:
    interview = repo.get(Interview, interview_id)
    require_current(request, InterviewOut.model_validate(interview))
    service.delete(repo, interview=interview)
    return Response(status_code=204)
