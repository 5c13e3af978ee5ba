"""HTTP edge for the message check: POST /drafts/check."""

from __future__ import annotations

from fastapi import APIRouter, Response

from followup.deps import Cache, UserUnit
from followup.http import json_response
from followup.message_check import service
from followup.message_check.schemas import DraftCheckIn, DraftCheckOut
from followup.openapi import problems
from followup.work import WorkRoute

router = APIRouter(prefix="/drafts", tags=["drafts"], route_class=WorkRoute)


@router.post(
    "/check",
    summary="Check a message before sending it: the mistakes the guides warn about",
    response_model=DraftCheckOut,
    responses=problems(404),
)
def check_draft(data: DraftCheckIn, unit: UserUnit, cache: Cache) -> Response:
    return json_response(service.check(unit.repo, unit.user, data=data, now=unit.now, cache=cache))
