"""Every Annotated dependency routers use: the session, the caller, the clock, app-wide objects.

Every dependency is `async def` on purpose: FastAPI runs a plain `def` one in the thread pool,
and that hop costs more than the work itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from followup.config import Settings
from followup.db import transaction
from followup.errors import Forbidden, Unauthorized
from followup.models import ApiToken, LoginSession, User
from followup.next_actions.cache import FactsCache
from followup.repository import Repo
from followup.security import LoginThrottle, digest

SESSION_COOKIE = "followup_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_session(request: Request) -> AsyncIterator[Session]:
    """The request's unit of work: it commits when the endpoint returns and rolls back on error.

    Database calls run on the event loop, not in the thread pool: they are short (in-process
    SQLite, or a nearby PostgreSQL), and the thread-pool hop was the largest cost per request.
    """
    with transaction(request.app.state.sessionmaker) as session:
        yield session
        user_id = session.info.get("user_id")
        if session.info.get("wrote") and user_id is not None:
            session.execute(
                update(User)
                .where(User.id == user_id)
                .values(data_version=User.data_version + 1, updated_at=User.updated_at)
            )


async def get_settings_from_app(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def now() -> datetime:
    """The request's notion of the present; the only clock routers and services consult."""
    return datetime.now(UTC)


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings_from_app)]
Now = Annotated[datetime, Depends(now)]


@dataclass(frozen=True, slots=True)
class Principal:
    user: User
    can_write: bool
    via_cookie: bool


async def get_principal(request: Request, session: SessionDep, clock: Now) -> Principal:
    """Who is calling: a Bearer token, else the session cookie. Enforces scope and same-origin."""
    principal = _from_token(request, session) or _from_cookie(request, session, clock)
    if principal is None:
        raise Unauthorized("Log in, or send a personal access token as 'Authorization: Bearer'.")
    if request.method not in SAFE_METHODS:
        if not principal.can_write:
            raise Forbidden("This token is read-only; create one with the 'write' scope.")
        if principal.via_cookie and not same_origin(request):
            raise Forbidden("Cookie-authenticated writes must come from this app's own pages.")
    session.info["user_id"] = principal.user.id
    return principal


# Built once: every request authenticates, and building the statement cost more than running it.
_USER_BY_TOKEN = (
    select(User, ApiToken.can_write)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(ApiToken.token_hash == bindparam("digest"))
)
_USER_BY_SESSION = (
    select(User)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(
        LoginSession.token_hash == bindparam("digest"), LoginSession.expires_at > bindparam("now")
    )
)


def _from_token(request: Request, session: Session) -> Principal | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, credential = header.partition(" ")
    if scheme.lower() != "bearer" or not credential.strip():
        raise Unauthorized("Send the token as 'Authorization: Bearer <token>'.")
    row = session.execute(_USER_BY_TOKEN, {"digest": digest(credential.strip())}).one_or_none()
    if row is None:
        raise Unauthorized("This token is not valid; it may have been revoked.")
    return Principal(user=row[0], can_write=row[1], via_cookie=False)


def _from_cookie(request: Request, session: Session, clock: datetime) -> Principal | None:
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    user = session.scalars(_USER_BY_SESSION, {"digest": digest(cookie), "now": clock}).one_or_none()
    if user is None:
        return None
    return Principal(user=user, can_write=True, via_cookie=True)


def same_origin(request: Request) -> bool:
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return False
    settings: Settings = request.app.state.settings
    expected = urlsplit(own_origin(request, settings))
    return origin.rstrip("/") == f"{expected.scheme}://{expected.netloc}"


def own_origin(request: Request, settings: Settings) -> str:
    """Absolute base of this app: FOLLOWUP_BASE_URL, else the request's scheme and host."""
    if settings.base_url:
        return settings.base_url
    return f"{request.url.scheme}://{request.url.netloc}"


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def get_current_user(principal: PrincipalDep) -> User:
    return principal.user


async def get_repo(session: SessionDep, principal: PrincipalDep) -> Repo:
    """The session seen through the caller's eyes (kept shallow: each level costs per request)."""
    return Repo(session=session, user_id=principal.user.id)


CurrentUser = Annotated[User, Depends(get_current_user)]
RepoDep = Annotated[Repo, Depends(get_repo)]


async def get_today(user: CurrentUser, clock: Now) -> date:
    """Today's date where the user lives."""
    return clock.astimezone(ZoneInfo(user.timezone)).date()


Today = Annotated[date, Depends(get_today)]


async def get_cursor_key(request: Request) -> str:
    """The key that signs pagination cursors (resolved once at start-up)."""
    key: str = request.app.state.secret_key
    return key


async def get_facts_cache(request: Request) -> FactsCache:
    cache: FactsCache = request.app.state.facts_cache
    return cache


async def get_login_throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.login_throttle
    return throttle


CursorKey = Annotated[str, Depends(get_cursor_key)]
Cache = Annotated[FactsCache, Depends(get_facts_cache)]
Throttle = Annotated[LoginThrottle, Depends(get_login_throttle)]
