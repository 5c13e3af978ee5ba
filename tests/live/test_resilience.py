"""A server that loses a client half way, or is killed half way, keeps nothing half done."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.live.conftest import LiveUser
from tests.servers import serve, serve_process

pytestmark = pytest.mark.live


def test_a_body_that_stops_arriving_is_answered_408(database_url: str, tmp_path: Path) -> None:
    env = {"FOLLOWUP_BODY_IDLE_SECONDS": "1"}
    with serve(database_url, data_dir=tmp_path / "server", env=env) as url:
        address = urlsplit(url)
        with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
            sock.sendall(
                b"POST /api/v1/applications HTTP/1.1\r\nHost: test\r\n"
                b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                b'{"company":'
            )
            received = b""
            while chunk := sock.recv(65536):  # the server closes once it has answered
                received += chunk
        assert received.startswith(b"HTTP/1.1 408")
        assert b"connection: close" in received.lower()
        assert b"application/problem+json" in received


def _answer_to(url: str, *pieces: bytes) -> bytes:
    """What the server sends back to a client that sends only `pieces` and then waits (the
    socket's timeout, far beyond the server's deadline, fails the test if nothing comes)."""
    address = urlsplit(url)
    with socket.create_connection((address.hostname, address.port), timeout=15) as sock:
        for piece in pieces:
            sock.sendall(piece)
        received = b""
        while chunk := sock.recv(65536):  # the server closes once it has answered
            received += chunk
        return received


@pytest.mark.parametrize(
    "pieces",
    [
        pytest.param((b"GET /healthz HTTP/1.1\r\nHost: te",), id="half-a-header"),
        pytest.param((), id="nothing"),
        pytest.param(
            (b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n", b"GET /healthz HTTP/1.1\r\n"),
            id="a-second-request-half-sent",
        ),
    ],
)
def test_headers_that_stop_arriving_are_answered_408_and_closed(
    database_url: str, tmp_path: Path, pieces: tuple[bytes, ...]
) -> None:
    env = {"FOLLOWUP_HEADERS_SECONDS": "1"}
    with serve(database_url, data_dir=tmp_path / "server", env=env) as url:
        received = _answer_to(url, *pieces)
        # A finished request is still answered first; the one left hanging gets the 408.
        if len(pieces) == 2:
            assert received.startswith(b"HTTP/1.1 200")
        assert received.count(b"HTTP/1.1 408 Request Timeout") == 1
        assert b"application/problem+json" in received
        assert b"connection: close" in received
        # The server itself is unharmed.
        assert httpx.get(f"{url}/healthz").status_code == 200


def test_a_killed_import_leaves_nothing_and_its_key_is_free_at_once(
    database_url: str, tmp_path: Path
) -> None:
    """kill -9 while an idempotent import runs: the retry with the same key imports it once."""
    rows = 45_000
    body = "company,role_title\n" + "".join(f"Company {n},Engineer\n" for n in range(rows))
    headers = {"Content-Type": "text/csv", "Idempotency-Key": "the-big-import"}
    outcome: list[BaseException | httpx.Response] = []
    with serve_process(database_url, data_dir=tmp_path / "server") as (url, process):
        user = LiveUser(url)

        def send() -> None:
            try:
                with user.client() as http:
                    outcome.append(http.post("/import", content=body.encode(), headers=headers))
            except httpx.HTTPError as error:
                outcome.append(error)

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(0.8)  # the body is sent and the import under way
        process.kill()
        process.wait()
        sender.join()
    assert isinstance(outcome[0], httpx.HTTPError), "the import ended before the kill"
    with serve(database_url, data_dir=tmp_path / "server") as url:
        user.base_url = url
        with user.client() as http:
            retried = http.post("/import", content=body.encode(), headers=headers, timeout=120)
            assert retried.status_code == 201, retried.text
            assert "idempotent-replayed" not in retried.headers
            assert retried.json()["applications"] == rows
            again = http.post("/import", content=body.encode(), headers=headers, timeout=120)
            assert again.headers["idempotent-replayed"] == "true"
            # "Company 4499" and "Company 44990" to "Company 44999": eleven, each once.
            page = http.get("/applications", params={"limit": 200, "q": "Company 4499"}).json()
            companies = [a["company"] for a in page["items"]]
            assert len(companies) == len(set(companies)) == 11
