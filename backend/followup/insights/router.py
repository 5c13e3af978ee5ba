"""HTTP edge for /insights."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from followup.deps import Cache, UserUnit
from followup.errors import Invalid
from followup.http import json_response
from followup.insights import service
from followup.insights.schemas import InsightsOut
from followup.schemas import Day
from followup.work import WorkRoute

router = APIRouter(prefix="/insights", tags=["insights"], route_class=WorkRoute)


@router.get(
    "",
    summary="Response rates, timings, outcomes and follow-up habits over a period",
    response_model=InsightsOut,
)
def read_insights(
    unit: UserUnit,
    cache: Cache,
    from_: Annotated[
        Day | None,
        Query(alias="from", description="First local date (inclusive); default: the beginning."),
    ] = None,
    to: Annotated[
        Day | None, Query(description="Last local date (inclusive); default: up to now.")
    ] = None,
) -> Response:
    if from_ is not None and to is not None and from_ > to:
        raise Invalid(
            "'from' must not be after 'to'.",
            errors=[{"loc": ["query", "from"], "msg": "must not be after 'to'"}],
        )
    result = service.insights(unit.repo, unit.user, start=from_, end=to, now=unit.now, cache=cache)
    report = InsightsOut.model_validate(
        {
            "from": from_,
            "to": to,
            "timezone": unit.user.timezone,
            "response_rates": result.response_rates,
            "timing": result.timing,
            "outcomes": result.outcomes,
            "follow_ups": result.follow_ups,
            "pipeline": result.pipeline,
        }
    )
    return json_response(report)
