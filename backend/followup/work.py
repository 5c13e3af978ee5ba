"""The request's unit of work: one worker thread and one transaction, from login to commit.

Endpoints that use the database are plain functions that take a UnitOfWork (see deps.py). The
route class below runs each one in a worker thread inside its unit, which

1. opens the transaction and authenticates the caller; a write locks the caller's user row
   (SQLite: the write lock itself), so one user's writes never interleave, in any process;
2. answers a repeated Idempotency-Key from what it stored, without running the endpoint;
3. runs the endpoint, keeps a successful answer under its Idempotency-Key, and commits.

No database call runs on the event loop, each request costs one thread hop, and every check
an endpoint makes (If-Match, "done once", the next round number) holds until it commits.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from fastapi import Response
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, sessionmaker

from followup.db import transaction
from followup.errors import Forbidden, PreconditionFailed, Unauthorized
from followup.http import etag_for, matches, not_modified, serialised
from followup.idempotency import service as idempotency
from followup.models import ApiToken, LoginSession, User
from followup.openapi import derived_problems
from followup.repository import Repo
from followup.security import digest

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class Credentials:
    """What the request says about who sends it, read from its headers on the event loop."""

    bearer: str | None  # the token after "Bearer ", "" when the header is malformed
    cookie: str | None
    same_origin: bool


@dataclass(frozen=True, slots=True)
class IdempotentCall:
    """A creating POST sent with an Idempotency-Key, and what makes two of them the same call."""

    key: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class Principal:
    user: User
    can_write: bool
    via_cookie: bool


@dataclass(slots=True)
class UnitOfWork:
    """One request's database work. Built on the event loop; used only inside the endpoint."""

    factory: sessionmaker[Session]
    now: datetime
    method: str
    credentials: Credentials | None  # None: the endpoint needs no login (register, the feed)
    if_match: str | None = None
    if_none_match: str | None = None
    idempotent: IdempotentCall | None = None
    _session: Session | None = field(default=None, init=False)
    _stack: ExitStack | None = field(default=None, init=False)
    _principal: Principal | None = field(default=None, init=False)

    @property
    def writes(self) -> bool:
        return self.method not in SAFE_METHODS

    @property
    def session(self) -> Session:
        if self._session is None:
            if self._stack is None:
                raise RuntimeError("the unit of work is used outside its endpoint")
            # An endpoint without login begins its transaction when it first needs it, so it
            # can do slow work first (hashing a password) without holding a write lock.
            self._session = self._stack.enter_context(transaction(self.factory, write=self.writes))
        return self._session

    @property
    def principal(self) -> Principal:
        if self._principal is None:
            raise RuntimeError("this endpoint takes no login")
        return self._principal

    @property
    def user(self) -> User:
        return self.principal.user

    @property
    def repo(self) -> Repo:
        """The session seen through the caller's eyes: another user's rows are absent."""
        return Repo(session=self.session, user_id=self.user.id)

    @property
    def today(self) -> date:
        """Today's date where the user lives."""
        return self.now.astimezone(ZoneInfo(self.user.timezone)).date()

    def current(self, model: type[Row], id_: int, schema: type[BaseModel]) -> Row:
        """The caller's row, still as the client last read it when it sends If-Match (else 412).

        The caller's write lock, taken when the unit began, keeps it so until the commit.
        """
        row = self.repo.get(model, id_)
        self.require_current(schema.model_validate(row))
        return row

    def require_current(self, representation: BaseModel) -> None:
        if self.if_match is not None and self.writes:
            if not matches(self.if_match, etag_for(serialised(representation))):
                raise PreconditionFailed(
                    "This resource changed since you read it; fetch it again and retry."
                )

    @contextmanager
    def opened(self) -> Iterator[UnitOfWork]:
        """The transaction around the endpoint: commit when it returns, roll back if it raises."""
        with ExitStack() as stack:
            self._stack = stack
            try:
                if self.credentials is not None:
                    self._principal = _authenticate(
                        self.session, self.credentials, self, self.writes
                    )
                yield self
            finally:
                self._stack = None
        self._session = None

    def replay(self) -> Response | None:
        """The stored answer to an identical earlier call with this Idempotency-Key, if any."""
        if self.idempotent is None:
            return None
        return idempotency.stored_answer(
            self.session,
            user_id=self.user.id,
            key=self.idempotent.key,
            fingerprint=self.idempotent.fingerprint,
            now=self.now,
        )

    def remember(self, response: Response) -> None:
        """Keep a successful answer for replays, in the same transaction as the work it did."""
        if self.idempotent is not None and response.status_code < 400 and hasattr(response, "body"):
            idempotency.store_answer(
                self.session,
                user_id=self.user.id,
                key=self.idempotent.key,
                fingerprint=self.idempotent.fingerprint,
                response=response,
                now=self.now,
            )


_BY_TOKEN = (
    select(User, ApiToken.can_write)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(ApiToken.token_hash == bindparam("digest"))
)
_BY_SESSION = (
    select(User)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(
        LoginSession.token_hash == bindparam("digest"), LoginSession.expires_at > bindparam("now")
    )
)
# Built once: every request authenticates, and building a statement cost more than running it.
# A write locks the user's row FOR NO KEY UPDATE (not FOR UPDATE), so rows that refer to the
# user can still be inserted meanwhile; SQLite has no row locks (its BEGIN IMMEDIATE serves).
_USER_BY_TOKEN = {False: _BY_TOKEN, True: _BY_TOKEN.with_for_update(of=User, key_share=True)}
_USER_BY_SESSION = {
    False: _BY_SESSION,
    True: _BY_SESSION.with_for_update(of=User, key_share=True),
}


def _authenticate(
    session: Session, credentials: Credentials, unit: UnitOfWork, writes: bool
) -> Principal:
    """Who is calling: a Bearer token, else the session cookie. Enforces scope and same-origin."""
    principal: Principal | None = None
    if credentials.bearer is not None:
        if not credentials.bearer:
            raise Unauthorized("Send the token as 'Authorization: Bearer <token>'.")
        row = session.execute(
            _USER_BY_TOKEN[writes], {"digest": digest(credentials.bearer)}
        ).one_or_none()
        if row is None:
            raise Unauthorized("This token is not valid; it may have been revoked.")
        principal = Principal(user=row[0], can_write=row[1], via_cookie=False)
    elif credentials.cookie:
        user = session.scalars(
            _USER_BY_SESSION[writes], {"digest": digest(credentials.cookie), "now": unit.now}
        ).one_or_none()
        if user is not None:
            principal = Principal(user=user, can_write=True, via_cookie=True)
    if principal is None:
        raise Unauthorized("Log in, or send a personal access token as 'Authorization: Bearer'.")
    if writes:
        if not principal.can_write:
            raise Forbidden("This token is read-only; create one with the 'write' scope.")
        if principal.via_cookie and not credentials.same_origin:
            raise Forbidden("Cookie-authenticated writes must come from this app's own pages.")
    return principal


def run_in_unit(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """The endpoint as its thread runs it: inside its unit of work, when it takes one."""

    @functools.wraps(endpoint)
    def run(**arguments: Any) -> Any:
        unit = next((a for a in arguments.values() if isinstance(a, UnitOfWork)), None)
        if unit is None:
            return endpoint(**arguments)
        with unit.opened():
            stored = unit.replay()
            if stored is not None:
                return stored
            response = endpoint(**arguments)
            if isinstance(response, Response):
                unit.remember(response)
        if isinstance(response, Response) and unit.method in ("GET", "HEAD"):
            return _conditional(response, unit.if_none_match)
        return response

    return run


def _conditional(response: Response, if_none_match: str | None) -> Response:
    """A client whose copy is current (If-None-Match) gets a bodiless 304."""
    etag = response.headers.get("etag")
    if response.status_code == 200 and etag and not_modified(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    return response


class WorkRoute(APIRoute):
    """Runs a plain-function endpoint in a worker thread inside its unit of work."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        methods = {m.upper() for m in kwargs.get("methods") or ("GET",)}
        kwargs["responses"] = {
            **derived_problems(endpoint, path, methods),
            **(kwargs.get("responses") or {}),
        }
        if not _is_async(endpoint):
            endpoint = run_in_unit(endpoint)
        super().__init__(path, endpoint, **kwargs)


def _is_async(endpoint: Callable[..., Any]) -> bool:
    return inspect.iscoroutinefunction(inspect.unwrap(endpoint))
