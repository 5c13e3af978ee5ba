"""Real server processes for the socket and race tests, and helpers to race requests at them."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest

from tests.conftest import BACKENDS, PASSWORD, truncate_all
from tests.servers import serve

Result = TypeVar("Result")


@pytest.fixture(scope="module", params=BACKENDS)
def four_workers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`followup serve --workers 4` on each database, shared by a module's tests (each test
    makes its own account, so they do not see each other's data)."""
    tmp = tmp_path_factory.mktemp("four-workers")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'followup.db'}"
    else:
        url = request.getfixturevalue("postgres_database")
        truncate_all(url)
    with serve(url, data_dir=tmp / "server", workers=4) as base_url:
        yield base_url


class LiveUser:
    """A new account on a live server, with a read-write token."""

    def __init__(self, base_url: str, email: str | None = None) -> None:
        self.base_url = base_url
        self.email = email or f"live-{uuid.uuid4().hex[:10]}@example.com"
        with httpx.Client(base_url=f"{base_url}/api/v1", timeout=30) as anonymous:
            created = anonymous.post(
                "/auth/register", json={"email": self.email, "password": PASSWORD}
            )
            assert created.status_code == 201, created.text
            assert anonymous.post(
                "/auth/login", json={"email": self.email, "password": PASSWORD}
            ).is_success
            token = anonymous.post(
                "/tokens",
                json={"name": "live", "scopes": ["read", "write"]},
                headers={"Sec-Fetch-Site": "same-origin"},
            )
            assert token.status_code == 201, token.text
        self.token = token.json()["token"]

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=f"{self.base_url}/api/v1",
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )

    def create(self, collection: str, **body: Any) -> dict[str, Any]:
        with self.client() as http:
            response = http.post(f"/{collection}", json=body)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created


def race(
    count: int, attempt: Callable[[httpx.Client, int], Result], user: LiveUser
) -> list[Result]:
    """Runs `count` attempts at once, each on its own connection, released together."""
    clients = [user.client() for _ in range(count)]
    for client in clients:  # connect first, so the barrier releases requests, not handshakes
        client.get("/me").raise_for_status()
    barrier = threading.Barrier(count)

    def run(index: int) -> Result:
        barrier.wait()
        return attempt(clients[index], index)

    try:
        with ThreadPoolExecutor(max_workers=count) as pool:
            return list(pool.map(run, range(count)))
    finally:
        for client in clients:
            client.close()
