"""The HTTP side of idempotency: one dependency that claims the key, one route class that
records the answer (or replays a stored one). Creating routes opt in with `dependencies=[...]`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from contextlib import AsyncExitStack
from dataclasses import dataclass
from types import TracebackType
from typing import Annotated, Any

from fastapi import Depends, Header, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from followup.deps import Now, PrincipalDep, SessionDep
from followup.idempotency import service

_CLAIM = "idempotency_claim"


@dataclass(slots=True)
class Claim:
    id: int
    session: Session
    recorded: bool = False


class Replay(Exception):
    """Raised by the dependency so the route answers with the stored response, doing nothing."""

    def __init__(self, stored: service.StoredResponse) -> None:
        super().__init__("replay")
        self.stored = stored

    def response(self) -> Response:
        headers = {"Idempotent-Replayed": "true"}
        if self.stored.etag:
            headers["ETag"] = self.stored.etag
        return Response(
            self.stored.body,
            status_code=self.stored.status_code,
            media_type=self.stored.media_type,
            headers=headers,
        )


KeyHeader = Annotated[
    str | None,
    Header(
        alias=service.HEADER,
        min_length=1,
        max_length=255,
        description=(
            "Any unique string (a UUID). Retrying with the same key and body within 24 hours "
            "replays the first answer without acting twice; the same key with another body is "
            "a 422, and while the first request still runs, a 409."
        ),
    ),
]


async def claim_key(
    request: Request,
    principal: PrincipalDep,
    session: SessionDep,
    clock: Now,
    idempotency_key: KeyHeader = None,
) -> None:
    """Claims the key before the endpoint runs (after authentication, so keys are per user)."""
    if idempotency_key is None:
        return
    body = await request.body()
    fingerprint = service.fingerprint(
        method=request.method,
        path=request.url.path,
        query=request.url.query,
        media_type=request.headers.get("content-type", ""),
        body=body,
    )
    factory = request.app.state.sessionmaker
    outcome = service.claim(
        factory, user_id=principal.user.id, key=idempotency_key, fingerprint=fingerprint, now=clock
    )
    if isinstance(outcome, service.StoredResponse):
        raise Replay(outcome)
    claim = Claim(id=outcome, session=session)
    setattr(request.state, _CLAIM, claim)

    async def free_unless_kept(
        exc_type: type[BaseException] | None,
        _exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> bool:
        # Runs once the request's transaction has committed or rolled back.
        if exc_type is not None or not claim.recorded:
            service.release(factory, claim_id=claim.id)
        return False

    stack: AsyncExitStack = request.scope["fastapi_inner_astack"]
    stack.push_async_exit(free_unless_kept)


Idempotent = Depends(claim_key)


class IdempotentRoute(APIRoute):
    """Records a successful answer under the claimed key, in the request's own transaction."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def run(request: Request) -> Response:
            # The request's session commits after this returns (FastAPI's function scope).
            try:
                response = await handler(request)
            except Replay as replay:
                return replay.response()
            claim: Claim | None = getattr(request.state, _CLAIM, None)
            if claim is not None and response.status_code < 400 and hasattr(response, "body"):
                service.record(
                    claim.session,
                    claim_id=claim.id,
                    response=service.StoredResponse(
                        status_code=response.status_code,
                        media_type=response.headers.get("content-type"),
                        etag=response.headers.get("etag"),
                        body=bytes(response.body),
                    ),
                )
                claim.recorded = True
            return response

        return run
