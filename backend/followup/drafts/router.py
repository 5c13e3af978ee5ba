"""HTTP edge for /drafts."""

from __future__ import annotations

from fastapi import APIRouter, Request

from followup.deps import CurrentUser, Now, RepoDep
from followup.drafts import service
from followup.drafts.schemas import DraftCheckIn, DraftCheckOut
from followup.next_actions.service import FactsCache
from followup.openapi import problems

router = APIRouter(prefix="/drafts", tags=["drafts"])


@router.post(
    "/check",
    summary="Check a message before sending it: the mistakes the guides warn about",
    response_model=DraftCheckOut,
    responses=problems(401, 403, 404, 415, 422),
)
async def check_draft(
    data: DraftCheckIn, request: Request, repo: RepoDep, user: CurrentUser, clock: Now
) -> DraftCheckOut:
    cache: FactsCache = request.app.state.facts_cache
    return service.check(repo, user, data=data, now=clock, cache=cache)
