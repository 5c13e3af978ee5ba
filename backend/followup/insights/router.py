"""HTTP edge for /insights."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from followup.deps import Cache, CurrentUser, Now, RepoDep
from followup.errors import Invalid
from followup.insights import service
from followup.insights.schemas import InsightsOut
from followup.openapi import problems
from followup.schemas import Day

router = APIRouter(prefix="/insights", tags=["insights"])


@router.get(
    "",
    summary="Response rates, timings, outcomes and follow-up habits over a period",
    response_model=InsightsOut,
    responses=problems(401, 422),
)
async def read_insights(
    repo: RepoDep,
    user: CurrentUser,
    clock: Now,
    cache: Cache,
    from_: Annotated[
        Day | None,
        Query(alias="from", description="First local date (inclusive); default: the beginning."),
    ] = None,
    to: Annotated[
        Day | None, Query(description="Last local date (inclusive); default: up to now.")
    ] = None,
) -> InsightsOut:
    if from_ is not None and to is not None and from_ > to:
        raise Invalid(
            "'from' must not be after 'to'.",
            errors=[{"loc": ["query", "from"], "msg": "must not be after 'to'"}],
        )
    result = service.insights(repo, user, start=from_, end=to, now=clock, cache=cache)
    return InsightsOut.model_validate(
        {
            "from": from_,
            "to": to,
            "timezone": user.timezone,
            "response_rates": result.response_rates,
            "timing": result.timing,
            "outcomes": result.outcomes,
            "follow_ups": result.follow_ups,
            "pipeline": result.pipeline,
        }
    )
