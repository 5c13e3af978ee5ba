"""HTTP edge for /calendar-feed (managing the feed) and /calendar/<secret>.ics (serving it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import StreamingResponse

from followup.calendar_feed import service
from followup.calendar_feed.schemas import FeedOut, FeedStatusOut
from followup.deps import AnonymousUnit, Cache, SettingsDep, UserUnit, own_origin
from followup.http import json_response, no_content
from followup.work import WorkRoute

router = APIRouter(prefix="/calendar-feed", tags=["calendar feed"], route_class=WorkRoute)
public_router = APIRouter(tags=["calendar feed"], route_class=WorkRoute)


@router.post(
    "",
    status_code=201,
    summary="Create the calendar feed URL, or rotate it (the old URL stops working)",
    response_model=FeedOut,
)
def create_feed(request: Request, unit: UserUnit, settings: SettingsDep) -> Response:
    # Idempotency-Key is ignored here on purpose: replaying would mean storing the secret.
    secret, feed = service.create(unit.repo, now=unit.now)
    url = f"{own_origin(request, settings)}/calendar/{secret}.ics"
    return json_response(FeedOut(url=url, created_at=feed.created_at), status_code=201)


@router.get(
    "",
    summary="Whether a calendar feed exists (its URL cannot be shown again)",
    response_model=FeedStatusOut,
)
def read_feed(unit: UserUnit) -> Response:
    feed = service.current(unit.repo)
    return json_response(
        FeedStatusOut(active=feed is not None, created_at=feed.created_at if feed else None)
    )


@router.delete(
    "",
    status_code=204,
    summary="Revoke the calendar feed (its URL answers 404 from now on)",
)
def revoke_feed(unit: UserUnit) -> Response:
    service.revoke(unit.repo)
    return no_content()


FeedSecret = Annotated[
    str, Path(max_length=100, pattern=r"^[A-Za-z0-9_-]+$", description="The feed's secret.")
]


@public_router.get(
    "/calendar/{secret}.ics",
    summary="The open next actions as an iCalendar feed (the secret in the URL is the login)",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "An iCalendar document"},
    },
)
def serve_feed(secret: FeedSecret, unit: AnonymousUnit, cache: Cache) -> Response:
    user = service.owner(unit.session, secret=secret)
    actions = service.feed_actions(unit.session, user=user, now=unit.now, cache=cache)
    shown = service.slots(actions, now=unit.now, user=user)
    return StreamingResponse(
        service.render(shown, now=unit.now),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Cache-Control": "private, no-cache",
            "Content-Disposition": 'inline; filename="followup.ics"',
            "ETag": service.etag(shown),
        },
    )
