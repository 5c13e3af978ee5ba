"""A body over the limit gets a complete 413 on a real socket, however the client sends it."""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pytest

pytestmark = pytest.mark.live

# 1.1 MB of JSON, as the check that found the connection reset sent it.
BODY = json.dumps({"company": "x" * 1_100_000, "role_title": "Engineer"}).encode()
PIECE = 64 * 1024
ROUNDS = 20


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    closed_cleanly: bool


def post_raw(url: str, *, how: str) -> Answer:
    """POSTs BODY over a raw socket, `at_once`, `slowly` (paced pieces) or `chunked`."""
    address = urlsplit(url)
    with socket.create_connection((address.hostname, address.port), timeout=20) as sock:
        framing = (
            "Transfer-Encoding: chunked" if how == "chunked" else f"Content-Length: {len(BODY)}"
        )
        head = (
            "POST /api/v1/applications HTTP/1.1\r\nHost: test\r\n"
            f"Content-Type: application/json\r\n{framing}\r\n\r\n"
        )
        try:
            sock.sendall(head.encode())
            if how == "at_once":
                sock.sendall(BODY)
            for start in range(0, len(BODY), PIECE) if how != "at_once" else ():
                piece = BODY[start : start + PIECE]
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if how == "chunked" else piece)
                if how == "slowly":
                    time.sleep(0.005)
            if how == "chunked":
                sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # an early answer may stop the upload; what matters is reading it whole
        received = bytearray()
        closed_cleanly = False
        try:
            while chunk := sock.recv(65536):
                received += chunk
            closed_cleanly = True  # the server closed the connection with a FIN, no reset
        except ConnectionResetError:
            pass
    head_bytes, _, body = bytes(received).partition(b"\r\n\r\n")
    lines = head_bytes.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0] else 0
    headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
    return Answer(status, headers, body, closed_cleanly)


@pytest.mark.parametrize("how", ["at_once", "slowly", "chunked"])
def test_an_oversized_body_gets_a_whole_413_every_time(live_server: str, how: str) -> None:
    for _ in range(ROUNDS):
        answer = post_raw(live_server, how=how)
        assert answer.status == 413
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["connection"] == "close"
        assert len(answer.body) == int(answer.headers["content-length"])
        problem = json.loads(answer.body)
        assert problem["status"] == 413
        assert "1 MB" in problem["detail"]
        assert answer.closed_cleanly
    assert httpx.get(f"{live_server}/healthz").status_code == 200
