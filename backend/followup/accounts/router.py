"""HTTP edge for accounts: /auth/*, /me and /tokens."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from followup.accounts import service, throttle
from followup.accounts.schemas import (
    LoginIn,
    NewTokenOut,
    PolicyProfileOut,
    RegisterIn,
    TokenIn,
    TokenOut,
    UserOut,
    UserPatch,
)
from followup.deps import (
    SESSION_COOKIE,
    AnonymousUnit,
    CursorKey,
    SettingsDep,
    UserUnit,
    same_origin,
)
from followup.errors import Forbidden, TooManyRequests
from followup.http import json_response, no_content, page_response, resource_response
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page
from followup.schemas import IdPath
from followup.security import hash_password
from followup.work import WorkRoute

router = APIRouter(route_class=WorkRoute)


@router.post(
    "/auth/register",
    status_code=201,
    summary="Create an account",
    tags=["accounts"],
    response_model=UserOut,
    responses=problems(409),
)
def register(data: RegisterIn, unit: AnonymousUnit) -> Response:
    password_hash = hash_password(data.password)  # slow on purpose, before any lock is held
    user = service.register(unit.session, data=data, password_hash=password_hash)
    return resource_response(UserOut.model_validate(user), status_code=201)


@router.post(
    "/auth/login",
    summary="Log in and receive a session cookie",
    tags=["accounts"],
    response_model=UserOut,
    responses=problems(401, 403, 429),
)
def login(data: LoginIn, request: Request, unit: AnonymousUnit, settings: SettingsDep) -> Response:
    browser_headers = "origin" in request.headers or "sec-fetch-site" in request.headers
    if browser_headers and not same_origin(request):
        # Another site must not log this browser into an account of its choosing.
        raise Forbidden("Log in from this app's own pages.")
    # The peer, or what a trusted proxy says it is (`followup serve` trusts no one by default).
    client = (request.client.host if request.client else "unknown")[:64]
    wait = throttle.reserve_attempt(unit.factory, email=data.email, client=client, now=unit.now)
    if wait:
        raise TooManyRequests(
            "Too many failed logins for this account from here; try again later.",
            retry_after=wait,
        )
    user_id = service.authenticate(unit.factory, email=data.email, password=data.password)
    throttle.forget_attempts(unit.session, email=data.email, client=client)
    user, cookie = service.start_session(
        unit.session, user_id=user_id, now=unit.now, days=settings.session_days
    )
    response = resource_response(UserOut.model_validate(user))
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
    )
    return response


@router.post(
    "/auth/logout",
    status_code=204,
    summary="End the current session",
    tags=["accounts"],
    responses=problems(403),
)
def logout(request: Request, unit: AnonymousUnit, settings: SettingsDep) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie and not same_origin(request):
        raise Forbidden("Cookie-authenticated writes must come from this app's own pages.")
    service.end_session(unit.session, cookie=cookie)
    response = no_content()
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=settings.secure_cookies
    )
    return response


@router.get(
    "/policy-profiles",
    summary="The timing profiles a user can choose, explained",
    tags=["accounts"],
    response_model=Page[PolicyProfileOut],
)
def list_policy_profiles(unit: UserUnit) -> Response:
    return json_response(Page[PolicyProfileOut](items=service.policy_profiles(), next_cursor=None))


@router.get(
    "/me",
    summary="The current user",
    tags=["accounts"],
    response_model=UserOut,
)
def me(unit: UserUnit) -> Response:
    return resource_response(UserOut.model_validate(unit.user))


@router.patch(
    "/me",
    summary="Change name, time zone, country, policy profile or signature",
    tags=["accounts"],
    response_model=UserOut,
    responses=problems(412),
)
def update_me(data: UserPatch, unit: UserUnit) -> Response:
    unit.require_current(UserOut.model_validate(unit.user))
    user = service.update_profile(unit.session, user=unit.user, data=data)
    return resource_response(UserOut.model_validate(user))


@router.post(
    "/tokens",
    status_code=201,
    summary="Create a personal access token (shown once)",
    tags=["tokens"],
    response_model=NewTokenOut,
)
def create_token(data: TokenIn, unit: UserUnit) -> Response:
    # Idempotency-Key is ignored here on purpose: replaying would mean storing the secret.
    return json_response(service.create_token(unit.repo, data=data), status_code=201)


@router.get(
    "/tokens",
    summary="List personal access tokens",
    tags=["tokens"],
    response_model=Page[TokenOut],
)
def list_tokens(
    unit: UserUnit, cursor_key: CursorKey, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Response:
    items, next_cursor = service.page_of_tokens(
        unit.repo, limit=limit, cursor=cursor, key=cursor_key
    )
    return page_response(items, next_cursor)


@router.delete(
    "/tokens/{token_id}",
    status_code=204,
    summary="Revoke a personal access token",
    tags=["tokens"],
)
def revoke_token(token_id: IdPath, unit: UserUnit) -> Response:
    service.revoke_token(unit.repo, token_id=token_id)
    return no_content()
