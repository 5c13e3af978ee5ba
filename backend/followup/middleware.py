"""Pure-ASGI middleware: request ids with structured logs, and request body limits."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

import anyio
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from followup.errors import problem_response

log = logging.getLogger("followup.requests")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class JsonLogFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


class RequestContext:
    """Gives each request an id (kept from X-Request-ID when sane) and logs one line per request.

    It also answers an error no handler took with a 500 problem itself: Starlette's own last
    resort re-raises it to the server, which then closes a keep-alive connection.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("x-request-id", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        started_response = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                status, started_response = message["status"], True
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error", extra={"fields": {"request_id": request_id}})
            if started_response:
                raise  # too late for a clean answer: let the server close the connection
            response = problem_response(
                Request(scope), 500, "Something went wrong on our side; nothing was saved."
            )
            await response(scope, receive, send_with_id)
        finally:
            log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": _loggable(scope["path"]),
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    }
                },
            )


def _loggable(path: str) -> str:
    # A calendar feed's URL is its credential: never write it to the logs.
    return "/calendar/[secret].ics" if path.startswith("/calendar/") else path


# A refused body is read to its end before the 413 goes out, within these bounds: a socket
# closed with unread data answers the sender with a reset, which can destroy the 413 already on
# its way. Past them (a huge declared length, a sender that stalls) the connection is closed.
DRAIN_BYTES = 32_000_000
DRAIN_SECONDS = 10.0


class BodyLimits:
    """Refuses bodies that are too large (413) or of a type the endpoint does not read (415).

    The body is read here, within its limit, and replayed to the app, so no endpoint ever sees
    more than it may. A 413 closes the connection (`Connection: close`) once the client has
    finished sending, so it always reads the whole answer.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        special: dict[str, tuple[int, frozenset[str]]],
        idle_seconds: float,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.special = special
        # A client that stops sending half way through its body is answered 408 after this
        # long, instead of holding its connection (and a worker's attention) for ever.
        self.idle_seconds = idle_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        limit, allowed = self.special.get(
            scope["path"], (self.max_bytes, frozenset({"application/json"}))
        )
        headers = Headers(scope=scope)
        too_large = f"The body is over {limit // 1_000_000} MB."
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            # A client waiting for 100 Continue has sent nothing yet: answer before it does.
            waiting = headers.get("expect", "").lower() == "100-continue"
            if not waiting and int(declared) <= DRAIN_BYTES:
                await _drain(receive)
            await self._refuse(scope, send, 413, too_large, close=True)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            with anyio.move_on_after(self.idle_seconds) as stalled:
                message = await receive()
            if stalled.cancelled_caught:
                await self._refuse(
                    scope, send, 408, "The body stopped arriving; send it again.", close=True
                )
                return
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                if message.get("more_body", False):
                    await _drain(receive)
                await self._refuse(scope, send, 413, too_large, close=True)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if body and media_type not in allowed:
            wanted = " or ".join(sorted(allowed))
            await self._refuse(scope, send, 415, f"Send the body as {wanted}.")
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(
        scope: Scope, send: Send, status: int, detail: str, *, close: bool = False
    ) -> None:
        headers = {"Connection": "close"} if close else None
        response = problem_response(Request(scope), status, detail, headers=headers)
        await response(scope, _no_receive, send)


async def _drain(receive: Receive) -> None:
    """Read and drop the rest of a refused body, within DRAIN_BYTES and DRAIN_SECONDS."""
    drained = 0
    with anyio.move_on_after(DRAIN_SECONDS):
        while drained <= DRAIN_BYTES:
            message = await receive()
            if message["type"] == "http.disconnect" or not message.get("more_body", False):
                return
            drained += len(message.get("body", b""))


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


class HeadAsGet:
    """Answers HEAD wherever GET is answered: the GET's status and headers, without its body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
