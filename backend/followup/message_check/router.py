"""HTTP edge for the message check: POST /drafts/check."""

from __future__ import annotations

from fastapi import APIRouter

from followup.deps import Cache, CurrentUser, Now, RepoDep
from followup.message_check import service
from followup.message_check.schemas import DraftCheckIn, DraftCheckOut
from followup.openapi import problems

router = APIRouter(prefix="/drafts", tags=["drafts"])


@router.post(
    "/check",
    summary="Check a message before sending it: the mistakes the guides warn about",
    response_model=DraftCheckOut,
    responses=problems(401, 403, 404, 415, 422),
)
async def check_draft(
    data: DraftCheckIn, repo: RepoDep, user: CurrentUser, clock: Now, cache: Cache
) -> DraftCheckOut:
    return service.check(repo, user, data=data, now=clock, cache=cache)
