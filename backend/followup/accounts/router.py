"""HTTP edge for accounts: /auth/*, /me and /tokens."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from followup.accounts import service
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
    CurrentUser,
    CursorKey,
    Now,
    RepoDep,
    SessionDep,
    SettingsDep,
    Throttle,
    same_origin,
)
from followup.errors import Forbidden, TooManyRequests, Unauthorized
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page
from followup.schemas import IdPath
from followup.security import hash_password

router = APIRouter()


@router.post(
    "/auth/register",
    status_code=201,
    summary="Create an account",
    tags=["accounts"],
    responses=problems(409, 415, 422),
)
async def register(data: RegisterIn, session: SessionDep) -> UserOut:
    password_hash = await run_in_threadpool(hash_password, data.password)
    user = service.register(session, data=data, password_hash=password_hash)
    return UserOut.model_validate(user)


@router.post(
    "/auth/login",
    summary="Log in and receive a session cookie",
    tags=["accounts"],
    responses=problems(401, 403, 415, 422, 429),
)
async def login(
    data: LoginIn,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    clock: Now,
    throttle: Throttle,
) -> UserOut:
    browser_headers = "origin" in request.headers or "sec-fetch-site" in request.headers
    if browser_headers and not same_origin(request):
        # Another site must not log this browser into an account of its choosing.
        raise Forbidden("Log in from this app's own pages.")
    client = request.client.host if request.client else "unknown"
    wait = throttle.retry_after(data.email, client)
    if wait:
        raise TooManyRequests(
            "Too many failed logins for this account from here; try again later.",
            retry_after=wait,
        )
    try:
        user = await run_in_threadpool(
            service.authenticate, session, email=data.email, password=data.password
        )
    except Unauthorized:
        throttle.record_failure(data.email, client)
        raise
    throttle.reset(data.email, client)
    cookie = service.start_session(session, user=user, now=clock, days=settings.session_days)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
    )
    return UserOut.model_validate(user)


@router.post(
    "/auth/logout",
    status_code=204,
    summary="End the current session",
    tags=["accounts"],
    responses=problems(403),
)
async def logout(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie and not same_origin(request):
        raise Forbidden("Cookie-authenticated writes must come from this app's own pages.")
    service.end_session(session, cookie=cookie)
    response = Response(status_code=204)
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=settings.secure_cookies
    )
    return response


@router.get(
    "/policy-profiles",
    summary="The timing profiles a user can choose, explained",
    tags=["accounts"],
    responses=problems(401),
)
async def list_policy_profiles(_user: CurrentUser) -> Page[PolicyProfileOut]:
    return Page[PolicyProfileOut](items=service.policy_profiles(), next_cursor=None)


@router.get("/me", summary="The current user", tags=["accounts"], responses=problems(401))
async def me(user: CurrentUser) -> UserOut:
    return UserOut.model_validate(user)


@router.patch(
    "/me",
    summary="Change name, time zone, country, policy profile or signature",
    tags=["accounts"],
    responses=problems(401, 403, 415, 422),
)
async def update_me(data: UserPatch, user: CurrentUser, session: SessionDep) -> UserOut:
    return UserOut.model_validate(service.update_profile(session, user=user, data=data))


@router.post(
    "/tokens",
    status_code=201,
    summary="Create a personal access token (shown once)",
    tags=["tokens"],
    responses=problems(401, 403, 415, 422),
)
async def create_token(data: TokenIn, repo: RepoDep) -> NewTokenOut:
    return service.create_token(repo, data=data)


@router.get(
    "/tokens",
    summary="List personal access tokens",
    tags=["tokens"],
    responses=problems(401, 422),
)
async def list_tokens(
    repo: RepoDep, cursor_key: CursorKey, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[TokenOut]:
    items, next_cursor = service.page_of_tokens(repo, limit=limit, cursor=cursor, key=cursor_key)
    return Page[TokenOut](items=items, next_cursor=next_cursor)


@router.delete(
    "/tokens/{token_id}",
    status_code=204,
    summary="Revoke a personal access token",
    tags=["tokens"],
    responses=problems(401, 403, 404, 422),
)
async def revoke_token(token_id: IdPath, repo: RepoDep) -> Response:
    service.revoke_token(repo, token_id=token_id)
    return Response(status_code=204)
