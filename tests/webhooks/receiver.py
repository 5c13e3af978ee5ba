"""A real HTTP server that receives webhooks and verifies them with the standardwebhooks library."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook


@dataclass
class Receiver:
    url: str = ""
    secret: str | None = None
    answer: int = 204
    received: list[dict[str, Any]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    rejected: int = 0

    def take(self, headers: dict[str, str], body: bytes) -> int:
        assert self.secret is not None, "set the endpoint's secret first"
        try:
            event = Webhook(self.secret).verify(body, headers)
        except Exception:  # a bad signature: the library's WebhookVerificationError
            self.rejected += 1
            return 400
        if self.answer < 300:
            self.received.append(event)
            self.ids.append(headers["webhook-id"])
        return self.answer

    def of_type(self, event: str) -> list[dict[str, Any]]:
        return [e for e in self.received if e["type"] == event]


@contextmanager
def webhook_receiver() -> Iterator[Receiver]:
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            status = receiver.take(dict(self.headers.items()), body)
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
