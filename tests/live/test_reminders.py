"""Scheduled work across real processes: writes from outside a request reach every server's
cache, and two `followup worker`s beside `followup serve` send each morning email once, even
when one of them is killed in the middle of sending."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import truncate_all
from tests.live.conftest import LiveUser
from tests.mailbox import Mailbox, smtp_server
from tests.servers import ROOT, SECRET_KEY, followup_cli, serve
from tests.webhooks.receiver import webhook_receiver

pytestmark = pytest.mark.live
LONG_AGO = "2020-01-06T10:00:00Z"  # the servers run on the real clock: this thank-you is overdue


def test_a_write_from_another_process_reaches_the_servers_cache(
    live_server: str, database_url: str
) -> None:
    """The data_version hook holds for any session: a script's ORM write, not a request."""
    user = LiveUser(live_server)
    application = user.create("applications", company="Acme", role_title="Engineer")
    dana = user.create("contacts", application_id=application["id"], name="Dana Reyes")
    user.create(
        "interviews",
        application_id=application["id"],
        starts_at=LONG_AGO,
        interviewers=[{"contact_id": dana["id"]}],
    )
    with user.client() as http:
        assert "thank Dana Reyes (Acme)" in http.get("/next-actions/summary").json()["text"]
    script = (
        "import sys\n"
        "from followup.db import make_engine, make_sessionmaker, transaction\n"
        "from followup.models import Application\n"
        "factory = make_sessionmaker(make_engine(sys.argv[1]))\n"
        "with transaction(factory, write=True) as session:\n"
        "    session.get_one(Application, int(sys.argv[2])).company = 'Globex'\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, database_url, str(application["id"])], check=True, cwd=ROOT
    )
    with user.client() as http:
        assert "thank Dana Reyes (Globex)" in http.get("/next-actions/summary").json()["text"]


@contextmanager
def worker_process(
    database_url: str, log_path: Path, env: Mapping[str, str]
) -> Iterator[subprocess.Popen[bytes]]:
    environment = {
        **os.environ,
        "FOLLOWUP_DATABASE_URL": database_url,
        "FOLLOWUP_SECRET_KEY": SECRET_KEY,
        **env,
    }
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [followup_cli(), "worker"], cwd=ROOT, env=environment, stdout=log, stderr=log
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=15)


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue("postgres_database")
    truncate_all(url)
    return url


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as box:
        yield box


def users_with_an_overdue_thank_you(base_url: str, count: int) -> list[LiveUser]:
    users = []
    for _ in range(count):
        user = LiveUser(base_url)
        application = user.create("applications", company="Acme", role_title="Engineer")
        dana = user.create("contacts", application_id=application["id"], name="Dana Reyes")
        user.create(
            "interviews",
            application_id=application["id"],
            starts_at=LONG_AGO,
            interviewers=[{"contact_id": dana["id"]}],
        )
        with user.client() as http:  # due at midnight UTC: every hour of the day is past it
            assert http.patch("/notifications", json={"digest_hour": 0}).is_success
        users.append(user)
    return users


def wait_for(condition: Callable[[], bool], within: float) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def recipients(mailbox: Mailbox) -> list[str]:
    return sorted(str(m["To"]) for m in mailbox.messages)


def test_two_workers_and_the_server_send_one_digest_per_user_and_one_post_per_event(
    postgres_url: str, mailbox: Mailbox, tmp_path: Path
) -> None:
    env = {
        "FOLLOWUP_SMTP_URL": mailbox.url,
        "FOLLOWUP_BASE_URL": "http://followup.test",
        "FOLLOWUP_WEBHOOKS_ALLOW_PRIVATE": "true",
    }
    # The server runs the schedule in-process too (one process, no FOLLOWUP_WORKER=external).
    with (
        webhook_receiver() as receiver,
        serve(postgres_url, data_dir=tmp_path / "server", env=env) as base_url,
    ):
        users = users_with_an_overdue_thank_you(base_url, 6)
        with users[0].client() as http:
            hook = http.post(
                "/webhooks", json={"url": receiver.url, "events": ["touchpoint.created"]}
            )
            receiver.secret = hook.json()["secret"]
        with (
            worker_process(postgres_url, tmp_path / "w1.log", env),
            worker_process(postgres_url, tmp_path / "w2.log", env),
        ):
            for minute in range(5):
                application = users[0].create(
                    "applications", company=f"Co {minute}", role_title="X"
                )
                users[0].create(
                    "touchpoints",
                    application_id=application["id"],
                    kind="reply",
                    channel="email",
                    occurred_at=LONG_AGO,
                )
            wait_for(lambda: len(mailbox.messages) >= len(users), within=90)
            wait_for(lambda: len(receiver.received) >= 5, within=30)
            time.sleep(6)  # anything sent twice would have arrived by now
    assert recipients(mailbox) == sorted(u.email for u in users)
    assert len(receiver.received) == 5
    assert len(set(receiver.ids)) == 5
    assert receiver.rejected == 0


def test_a_worker_killed_mid_send_loses_nothing_and_sends_nothing_twice(
    postgres_url: str, mailbox: Mailbox, tmp_path: Path
) -> None:
    env = {
        "FOLLOWUP_SMTP_URL": mailbox.url,
        "FOLLOWUP_BASE_URL": "http://followup.test",
        "FOLLOWUP_DIGEST_LEASE_SECONDS": "3",
    }
    server_env = {**env, "FOLLOWUP_WORKER": "external"}
    with serve(postgres_url, data_dir=tmp_path / "server", env=server_env) as base_url:
        users = users_with_an_overdue_thank_you(base_url, 3)
    mailbox.hold = True  # the next message is received but never answered: the worker waits
    with worker_process(postgres_url, tmp_path / "w1.log", env) as doomed:
        wait_for(lambda: mailbox.held > 0, within=60)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=10)
    mailbox.hold = False
    time.sleep(3)  # the dead worker's claim runs out
    with worker_process(postgres_url, tmp_path / "w2.log", env):
        wait_for(lambda: len(mailbox.messages) >= len(users), within=60)
        time.sleep(2)
    assert recipients(mailbox) == sorted(u.email for u in users)


def test_the_server_alone_sends_the_digest(
    database_url: str, mailbox: Mailbox, tmp_path: Path
) -> None:
    """`make run` alone gives working reminders: one `followup serve`, no worker."""
    env = {"FOLLOWUP_SMTP_URL": mailbox.url}
    with serve(
        database_url, data_dir=tmp_path / "setup", env={"FOLLOWUP_WORKER": "external"}
    ) as setup:
        [user] = users_with_an_overdue_thank_you(setup, 1)
    assert mailbox.messages == []  # told a worker exists, that server sent nothing
    with serve(database_url, data_dir=tmp_path / "server", env=env):
        wait_for(lambda: len(mailbox.messages) == 1, within=30)  # its schedule runs at start
    assert recipients(mailbox) == [user.email]
