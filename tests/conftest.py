"""Real databases for the tests: SQLite files and PostgreSQL, both built by the migrations."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
import time_machine
from fastapi.testclient import TestClient
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from followup import deps
from followup.config import Settings
from followup.db import Base
from followup.main import create_app
from followup.migrations.runner import upgrade
from tests.servers import serve

# CI explores the same examples every run, so a red build always means a change broke it;
# developers' runs stay random and keep finding new cases.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

POSTGRES_URL = os.environ.get(
    "FOLLOWUP_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("FOLLOWUP_REQUIRE_POSTGRES") == "1"
# The CI legs that move the clock run on SQLite only (FOLLOWUP_TEST_DATABASES=sqlite).
BACKENDS = tuple(os.environ.get("FOLLOWUP_TEST_DATABASES", "sqlite,postgresql").split(","))
#: The tests' present unless --present moves it: a Monday afternoon, 14:00 UTC.
DEFAULT_PRESENT = "2026-11-02T14:00:00Z"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--present",
        default=DEFAULT_PRESENT,
        help="The instant the API tests take as now (ISO 8601 with an offset); CI moves it to "
        "prove that no test depends on the day it runs.",
    )


def _present(config: pytest.Config) -> datetime:
    value = datetime.fromisoformat(config.getoption("--present"))
    if value.tzinfo is None:
        raise pytest.UsageError("--present needs an offset, e.g. 2027-03-28T09:00:00Z")
    return value.astimezone(UTC)


def _postgres_problem() -> str | None:
    url = make_url(POSTGRES_URL)
    try:
        with psycopg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            dbname=url.database,
            password=url.password,
            connect_timeout=3,
        ):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL at {url.render_as_string(hide_password=True)} is unreachable ({exc})"


def pytest_configure(config: pytest.Config) -> None:
    config.postgres_problem = (  # type: ignore[attr-defined]
        _postgres_problem() if "postgresql" in BACKENDS else None
    )


def pytest_report_header(config: pytest.Config) -> list[str]:
    present = f"the tests' present: {_present(config).isoformat()} (--present)"
    problem = config.postgres_problem  # type: ignore[attr-defined]
    if "postgresql" not in BACKENDS:
        return [present, "databases: SQLite only (FOLLOWUP_TEST_DATABASES)"]
    if problem is None:
        return [present, f"databases: SQLite and PostgreSQL ({make_url(POSTGRES_URL).host})"]
    return [present, f"databases: SQLite ONLY — {problem}; the PostgreSQL leg is SKIPPED"]


class Clock:
    """The tests' present, frozen: every clock read in this process answers it.

    It is the one place that sets the present (time-machine freezes datetime.now, time.time
    and friends; the app's `now` dependency answers it too). A test that needs time to pass
    moves it with advance(); dates a test depends on are written relative to `now`.
    """

    def __init__(self, present: datetime) -> None:
        self._traveller = time_machine.travel(present, tick=False)
        self._coordinates = self._traveller.start()

    @property
    def now(self) -> datetime:
        return datetime.now(UTC)

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        """Let time pass (advance(hours=25) or advance(timedelta(...))); answers the new now."""
        self._coordinates.shift(delta if delta is not None else timedelta(**parts))
        return self.now

    def iso(self, delta: timedelta | None = None, **parts: float) -> str:
        """An instant relative to now, as the API writes it ('…Z'): iso(days=-3, hours=2)."""
        moment = self.now + (delta if delta is not None else timedelta(**parts))
        return moment.isoformat().replace("+00:00", "Z")

    def stop(self) -> None:
        self._traveller.stop()


@pytest.fixture
def clock(request: pytest.FixtureRequest) -> Iterator[Clock]:
    """The tests' present (see --present); the API tests' app reads its time from it."""
    frozen = Clock(_present(request.config))
    yield frozen
    frozen.stop()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    problem = config.postgres_problem  # type: ignore[attr-defined]
    if problem is not None:
        terminalreporter.write_sep("!", f"PostgreSQL leg skipped: {problem}", red=True, bold=True)


RUN_ID = uuid.uuid4().hex[:8]


@pytest.fixture(scope="session")
def worker_tag(request: pytest.FixtureRequest) -> str:
    """Unique per test run and worker, so two runs at once never share a database."""
    workerinput = getattr(request.config, "workerinput", {})
    run = workerinput.get("testrunuid", RUN_ID)[:8]
    return f"{run}_{workerinput.get('workerid', 'main')}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to head; each test gets a copy of it."""
    path = tmp_path_factory.mktemp("template") / "followup.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_database(request: pytest.FixtureRequest, worker_tag: str) -> Iterator[str]:
    """A database of this test worker's own, migrated to head once."""
    problem = request.config.postgres_problem  # type: ignore[attr-defined]
    if problem is not None:
        if REQUIRE_POSTGRES:
            pytest.fail(f"FOLLOWUP_REQUIRE_POSTGRES=1 but {problem}")
        pytest.skip(problem)
    base = make_url(POSTGRES_URL)
    name = f"followup_test_{worker_tag}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = base.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def truncate_all(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A clean, migrated database of each kind, one test at a time."""
    if request.param == "sqlite":
        path = tmp_path / "followup.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_database")
        truncate_all(url)
        yield url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, secret_key="t" * 40, data_dir=tmp_path)


@pytest.fixture
def app(settings: Settings, clock: Clock) -> Iterator[Any]:
    application = create_app(settings)

    async def frozen_now() -> datetime:
        return clock.now

    application.dependency_overrides[deps.now] = frozen_now
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    """An anonymous HTTP client."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def live_server(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A real `followup serve` process on each database (for sockets and races); its URL."""
    with serve(database_url, data_dir=tmp_path / "server") as url:
        yield url


@dataclass
class Account:
    """A registered user with a read-write token, and a client that sends it."""

    email: str
    password: str
    token: str
    http: TestClient


PASSWORD = "correct horse battery"


@pytest.fixture
def make_account(app: Any) -> Iterator[Callable[..., Account]]:
    clients: list[TestClient] = []

    def make(email: str = "dana@example.com", **profile: Any) -> Account:
        browser = TestClient(app, headers={"Sec-Fetch-Site": "same-origin"})
        clients.append(browser)
        body = {"email": email, "password": PASSWORD, **profile}
        assert browser.post("/api/v1/auth/register", json=body).status_code == 201
        assert (
            browser.post(
                "/api/v1/auth/login", json={"email": email, "password": PASSWORD}
            ).status_code
            == 200
        )
        created = browser.post(
            "/api/v1/tokens", json={"name": "tests", "scopes": ["read", "write"]}
        )
        assert created.status_code == 201, created.text
        token = created.json()["token"]
        http = TestClient(app, headers={"Authorization": f"Bearer {token}"})
        clients.append(http)
        return Account(email=email, password=PASSWORD, token=token, http=http)

    yield make
    for c in clients:
        c.close()


@pytest.fixture
def user(make_account: Callable[..., Account]) -> Account:
    return make_account()


@pytest.fixture
def api(user: Account) -> TestClient:
    """An HTTP client authenticated with a read-write token."""
    return user.http
