"""HTTP edge for /notifications (the morning email's settings) and the links in the email."""

from __future__ import annotations

from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from fastapi.responses import HTMLResponse

from followup.deps import AnonymousUnit, Cache, CursorKey, SettingsDep, UserUnit
from followup.digest import links, mail, service
from followup.digest.schemas import (
    LastDigestOut,
    NotificationsOut,
    NotificationsPatch,
    TestDigestOut,
)
from followup.errors import NotFound, ServiceUnavailable
from followup.http import json_response, resource_response
from followup.next_actions import service as next_actions
from followup.next_actions.schemas import SnoozeIn
from followup.openapi import problems
from followup.repository import Repo
from followup.work import UnitOfWork, WorkRoute
from followup.worker.context import WorkerContext

router = APIRouter(prefix="/notifications", tags=["notifications"], route_class=WorkRoute)
public_router = APIRouter(prefix="/digest", tags=["notifications"], route_class=WorkRoute)


def _settings_out(unit: UnitOfWork, email_configured: bool) -> NotificationsOut:
    last = service.latest(unit.repo)
    return NotificationsOut(
        digest_hour=unit.user.digest_hour,
        email_configured=email_configured,
        last_digest=LastDigestOut.model_validate(last) if last else None,
    )


@router.get(
    "",
    summary="The morning email's hour and how the last one went",
    response_model=NotificationsOut,
)
def read_notifications(unit: UserUnit, settings: SettingsDep) -> Response:
    return resource_response(_settings_out(unit, bool(settings.smtp_url)))


@router.patch(
    "",
    summary="Choose the morning email's local hour, or turn it off (null)",
    response_model=NotificationsOut,
    responses=problems(412),
)
def update_notifications(
    data: NotificationsPatch, unit: UserUnit, settings: SettingsDep
) -> Response:
    unit.require_current(_settings_out(unit, bool(settings.smtp_url)))
    unit.repo.apply(unit.user, data.changes())
    return resource_response(_settings_out(unit, bool(settings.smtp_url)))


@router.post(
    "/test",
    summary="Send me the morning email now, with what is due now (not counted as today's)",
    response_model=TestDigestOut,
    responses=problems(503),
)
def send_test_digest(
    unit: UserUnit, settings: SettingsDep, secret_key: CursorKey, cache: Cache
) -> Response:
    context = WorkerContext(
        settings=settings, factory=unit.factory, secret_key=secret_key, cache=cache
    )
    try:
        count = service.send_now(context, unit.repo, unit.user, unit.now)
    except mail.MailNotConfigured as exc:
        raise ServiceUnavailable(
            "This server sends no email: FOLLOWUP_SMTP_URL is not set."
        ) from exc
    except OSError as exc:
        raise ServiceUnavailable(f"The mail server did not take the email: {exc}") from exc
    return json_response(TestDigestOut(sent=True, actions=count))


#: In the query, not the path, so that the body limits know these two paths (the RFC 8058
#: one-click POST is a form).
LinkToken = Annotated[
    str,
    Query(
        alias="t", max_length=2000, pattern=r"^[A-Za-z0-9_=.-]+$", description="The signed link."
    ),
]
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
_HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "A page saying what happened"}
}


def _page(title: str, text: str, *, button: str | None = None) -> HTMLResponse:
    # A link in an email is fetched by mail scanners too: the GET asks, the button's POST acts.
    form = (
        f'<form method="post"><button type="submit">{escape(button)}</button></form>'
        if button
        else ""
    )
    return HTMLResponse(
        "<!doctype html><html lang=en><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width">'
        f"<title>{escape(title)} · Followup</title><h1>{escape(title)}</h1>"
        f"<p>{escape(text)}</p>{form}</html>",
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


@public_router.get(
    "/snooze",
    summary="Ask to snooze an action from the email",
    response_class=HTMLResponse,
    responses=_HTML,
)
def ask_snooze(token: LinkToken, unit: AnonymousUnit, secret_key: CursorKey) -> Response:
    try:
        link = links.read_snooze_token(token, secret_key, now=unit.now)
    except links.BadLink as exc:
        return _page("Link not valid", str(exc))
    day = link.until.strftime("%A %d %B, %H:%M")
    return _page("Snooze this follow-up?", f"It comes back on {day}.", button=f"Snooze to {day}")


@public_router.post(
    "/snooze",
    summary="Snooze an action from the email (the link is the login)",
    response_class=HTMLResponse,
    responses=_HTML,
)
def snooze_from_email(
    token: LinkToken, unit: AnonymousUnit, secret_key: CursorKey, cache: Cache
) -> Response:
    try:
        link = links.read_snooze_token(token, secret_key, now=unit.now)
    except links.BadLink as exc:
        return _page("Link not valid", str(exc))
    repo = Repo(unit.session, link.user_id)
    user = service.lock_user(repo)
    if user is None:
        return _page("Link not valid", "This account no longer exists.")
    try:
        next_actions.snooze(
            repo, user, key=link.key, data=SnoozeIn(until=link.until), now=unit.now, cache=cache
        )
    except NotFound:
        return _page("Nothing to snooze", "This follow-up is no longer open.")
    day = link.until.strftime("%A %d %B, %H:%M")
    return _page("Snoozed", f"It comes back on {day}.")


@public_router.get(
    "/unsubscribe",
    summary="Ask to stop the morning email",
    response_class=HTMLResponse,
    responses=_HTML,
)
def ask_unsubscribe(token: LinkToken, secret_key: CursorKey) -> Response:
    try:
        links.read_unsubscribe_token(token, secret_key)
    except links.BadLink as exc:
        return _page("Link not valid", str(exc))
    return _page(
        "Stop the morning email?", "You can turn it on again in Settings.", button="Stop it"
    )


@public_router.post(
    "/unsubscribe",
    summary="Stop the morning email (RFC 8058 one-click: the mail client posts here)",
    response_class=HTMLResponse,
    responses=_HTML,
)
def unsubscribe(token: LinkToken, unit: AnonymousUnit, secret_key: CursorKey) -> Response:
    try:
        user_id = links.read_unsubscribe_token(token, secret_key)
    except links.BadLink as exc:
        return _page("Link not valid", str(exc))
    repo = Repo(unit.session, user_id)
    user = service.lock_user(repo)
    if user is not None:
        repo.apply(user, {"digest_hour": None})
    return _page("Unsubscribed", "No more morning emails. You can turn them on again in Settings.")
