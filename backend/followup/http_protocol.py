"""The HTTP connection `followup serve` speaks: uvicorn's, with a deadline for a request's head.

Uvicorn times out an idle keep-alive connection, but a client that connects and sends nothing,
or half a request line and some headers, holds its connection (and a slot of the server's)
for ever. Here every request's head must arrive in full within FOLLOWUP_HEADERS_SECONDS of the
connection opening or of the request starting; otherwise it is answered 408 and closed. The body
has its own limit in the ASGI middleware (FOLLOWUP_BODY_IDLE_SECONDS), where the app can answer.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from followup.config import get_settings

_TIMEOUT_BODY = json.dumps(
    {
        "type": "/problems/request-timeout",
        "title": "Request Timeout",
        "status": 408,
        "detail": "The request's headers did not arrive in time; send it again.",
    }
).encode()
_TIMEOUT_ANSWER = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"content-type: application/problem+json\r\n"
    b"connection: close\r\n"
    b"content-length: " + str(len(_TIMEOUT_BODY)).encode() + b"\r\n\r\n" + _TIMEOUT_BODY
)


class HeaderDeadlineProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headers_seconds = get_settings().headers_seconds
        self._head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_head()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._await_head()  # a later request on a kept-alive connection has the same deadline

    def on_headers_complete(self) -> None:
        self._head_arrived()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_arrived()
        super().connection_lost(exc)

    def _await_head(self) -> None:
        if self._head_deadline is None:
            self._head_deadline = self.loop.call_later(self._headers_seconds, self._head_late)

    def _head_arrived(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_late(self) -> None:
        self._head_deadline = None
        if not self.transport.is_closing():
            self.transport.write(_TIMEOUT_ANSWER)
            self.transport.close()
