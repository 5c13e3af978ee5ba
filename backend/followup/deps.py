"""Every Annotated dependency routers use: the clock, the request's unit of work, app-wide objects.

They read the request on the event loop and touch no database: an endpoint that needs the
database takes a unit of work and does everything else inside it, in a worker thread (work.py).
Each is `async def` on purpose: FastAPI runs a plain `def` dependency in the thread pool, and
that hop costs more than the work itself.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session, sessionmaker

from followup.config import Settings
from followup.errors import (
    BadRequest,
    Forbidden,
    Invalid,
    PayloadTooLarge,
    ServiceUnavailable,
    Unauthorized,
    UnsupportedMediaType,
)
from followup.idempotency.service import HEADER, fingerprint
from followup.next_actions.cache import FactsCache
from followup.openapi import raises
from followup.work import Credentials, IdempotentCall, UnitOfWork

SESSION_COOKIE = "followup_session"


async def now() -> datetime:
    """The request's notion of the present; the only clock routers and services consult."""
    return datetime.now(UTC)


Now = Annotated[datetime, Depends(now)]


async def get_settings_from_app(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_cursor_key(request: Request) -> str:
    """The key that signs pagination cursors (resolved once at start-up)."""
    key: str = request.app.state.secret_key
    return key


async def get_facts_cache(request: Request) -> FactsCache:
    cache: FactsCache = request.app.state.facts_cache
    return cache


async def get_session_factory(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.sessionmaker
    return factory


@raises(BadRequest, PayloadTooLarge, UnsupportedMediaType)
async def raw_body(request: Request) -> bytes:
    """The body as sent, for the endpoints that parse files themselves (import)."""
    return await request.body()


SettingsDep = Annotated[Settings, Depends(get_settings_from_app)]
RawBody = Annotated[bytes, Depends(raw_body)]
CursorKey = Annotated[str, Depends(get_cursor_key)]
Cache = Annotated[FactsCache, Depends(get_facts_cache)]
SessionFactory = Annotated[sessionmaker[Session], Depends(get_session_factory)]


# -- the unit of work ----------------------------------------------------------------------
def credentials(request: Request) -> Credentials:
    header = request.headers.get("authorization")
    bearer: str | None = None
    if header:
        scheme, _, credential = header.partition(" ")
        bearer = credential.strip() if scheme.lower() == "bearer" else ""
    return Credentials(
        bearer=bearer,
        cookie=request.cookies.get(SESSION_COOKIE),
        same_origin=same_origin(request),
    )


def _unit(
    request: Request, clock: datetime, factory: sessionmaker[Session], *, anonymous: bool
) -> UnitOfWork:
    return UnitOfWork(
        factory=factory,
        now=clock,
        method=request.method,
        credentials=None if anonymous else credentials(request),
        if_match=request.headers.get("if-match"),
        if_none_match=request.headers.get("if-none-match"),
    )


@raises(Unauthorized, ServiceUnavailable, on_writes=(Forbidden,))
async def user_unit(request: Request, clock: Now, factory: SessionFactory) -> UnitOfWork:
    """The work of a logged-in caller (token or cookie): 401 without, 403 for a read-only token."""
    return _unit(request, clock, factory, anonymous=False)


KeyHeader = Annotated[
    str | None,
    Header(
        alias=HEADER,
        min_length=1,
        max_length=255,
        description=(
            "Any unique string (a UUID). Retrying with the same key and body within 24 hours "
            "replays the first answer without acting twice (a retry sent while the first "
            "request still runs waits for it); the same key with another body is a 422."
        ),
    ),
]


@raises(Unauthorized, Invalid, ServiceUnavailable, on_writes=(Forbidden,))
async def idempotent_unit(
    request: Request, clock: Now, factory: SessionFactory, idempotency_key: KeyHeader = None
) -> UnitOfWork:
    """As user_unit, for a creating POST that honours Idempotency-Key."""
    unit = _unit(request, clock, factory, anonymous=False)
    if idempotency_key is not None:
        call = fingerprint(
            method=request.method,
            path=request.url.path,
            query=request.url.query,
            media_type=request.headers.get("content-type", ""),
            body=await request.body(),
        )
        unit.idempotent = IdempotentCall(key=idempotency_key, fingerprint=call)
    return unit


@raises(ServiceUnavailable)
async def anonymous_unit(request: Request, clock: Now, factory: SessionFactory) -> UnitOfWork:
    """Database work that needs no login (registering, logging in, the calendar feed)."""
    return _unit(request, clock, factory, anonymous=True)


UserUnit = Annotated[UnitOfWork, Depends(user_unit)]
IdempotentUnit = Annotated[UnitOfWork, Depends(idempotent_unit)]
AnonymousUnit = Annotated[UnitOfWork, Depends(anonymous_unit)]


# -- where a request comes from --------------------------------------------------------------
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
