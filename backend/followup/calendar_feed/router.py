"""HTTP edge for /calendar-feed (managing the feed) and /calendar/<secret>.ics (serving it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from followup.calendar_feed import service
from followup.calendar_feed.schemas import FeedOut, FeedStatusOut
from followup.deps import Cache, Now, RepoDep, SessionDep, SettingsDep, own_origin
from followup.openapi import problems

router = APIRouter(prefix="/calendar-feed", tags=["calendar feed"])
public_router = APIRouter(tags=["calendar feed"])


@router.post(
    "",
    status_code=201,
    summary="Create the calendar feed URL, or rotate it (the old URL stops working)",
    responses=problems(401, 403),
)
async def create_feed(
    request: Request, repo: RepoDep, settings: SettingsDep, clock: Now
) -> FeedOut:
    # Idempotency-Key is ignored here on purpose: replaying would mean storing the secret.
    secret, feed = service.create(repo, now=clock)
    url = f"{own_origin(request, settings)}/calendar/{secret}.ics"
    return FeedOut(url=url, created_at=feed.created_at)


@router.get(
    "",
    summary="Whether a calendar feed exists (its URL cannot be shown again)",
    responses=problems(401),
)
async def read_feed(repo: RepoDep) -> FeedStatusOut:
    feed = service.current(repo)
    return FeedStatusOut(active=feed is not None, created_at=feed.created_at if feed else None)


@router.delete(
    "",
    status_code=204,
    summary="Revoke the calendar feed (its URL answers 404 from now on)",
    responses=problems(401, 403),
)
async def revoke_feed(repo: RepoDep) -> Response:
    service.revoke(repo)
    return Response(status_code=204)


FeedSecret = Annotated[
    str, Path(max_length=100, pattern=r"^[A-Za-z0-9_-]+$", description="The feed's secret.")
]


@public_router.get(
    "/calendar/{secret}.ics",
    summary="The open next actions as an iCalendar feed (the secret in the URL is the login)",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "An iCalendar document"},
        **problems(404),
    },
)
async def serve_feed(secret: FeedSecret, session: SessionDep, clock: Now, cache: Cache) -> Response:
    user = service.owner(session, secret=secret)
    body = service.render(session, user=user, now=clock, cache=cache)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Cache-Control": "private, no-cache",
            "Content-Disposition": 'inline; filename="followup.ics"',
        },
    )
