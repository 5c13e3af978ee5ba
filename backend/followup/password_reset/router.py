"""HTTP edge for /auth/password-reset and /auth/options."""

from __future__ import annotations

from fastapi import APIRouter, Response
from starlette.background import BackgroundTask

from followup.deps import AnonymousUnit, SettingsDep
from followup.digest import mail
from followup.http import json_response, no_content
from followup.openapi import problems
from followup.password_reset import service
from followup.password_reset.schemas import AuthOptionsOut, ResetConfirmIn, ResetRequestIn
from followup.security import hash_password
from followup.work import WorkRoute

router = APIRouter(prefix="/auth", tags=["accounts"], route_class=WorkRoute)


@router.get(
    "/options",
    summary="What the login page may offer",
    response_model=AuthOptionsOut,
    responses=problems(500),  # it reads only the settings: nothing else can go wrong
)
def auth_options(settings: SettingsDep) -> Response:
    return json_response(AuthOptionsOut(password_reset_by_email=bool(settings.smtp_url)))


@router.post(
    "/password-reset",
    status_code=202,
    response_class=Response,
    responses={202: {"description": "Accepted; no body", "content": {}}},
    summary="Email a reset link (always 202: it says nothing of which addresses have accounts)",
)
def request_reset(data: ResetRequestIn, unit: AnonymousUnit, settings: SettingsDep) -> Response:
    response = Response(status_code=202)
    if not settings.smtp_url:
        return response
    message = service.start(
        unit.session,
        email=data.email,
        now=unit.now,
        base_url=settings.public_base_url(),
        sender=settings.mail_from,
    )
    if message is not None:
        # Sent after the answer, so that its timing does not tell that the account exists.
        response.background = BackgroundTask(mail.send, settings.smtp_url, message)
    return response


@router.post(
    "/password-reset/confirm",
    status_code=204,
    summary="Set a new password with the emailed link; every login session ends",
)
def confirm_reset(data: ResetConfirmIn, unit: AnonymousUnit) -> Response:
    password_hash = hash_password(data.password)  # slow on purpose, before any lock is held
    service.confirm(unit.session, token=data.token, password_hash=password_hash, now=unit.now)
    return no_content()
