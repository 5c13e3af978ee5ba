"""How long the worker takes to build and hand 2,000 morning emails to an SMTP server.

Run: .venv/bin/python bench/digest.py   (needs PostgreSQL)

Seeds a database of its own, made by the migrations (BENCH_DIGEST_POSTGRES_URL, default
postgresql+psycopg://postgres@127.0.0.1:5432/followup_digest_bench; dropped at the end): 10,000
users, 2,000 of whom have a thank-you due and their digest hour now (08:00 UTC); the other 8,000
are due an hour later. Then one run of the digest job at 08:30 sends to an aiosmtpd server in
this process, and it prints the time, the emails received, and the process's memory before and
after. Issue 15's target: under 60 s, memory flat.
"""

from __future__ import annotations

import os
import resource
import socket
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from aiosmtpd.controller import Controller
from sqlalchemy.engine import make_url

from followup.config import Settings
from followup.digest.service import send_due_digests
from followup.migrations.runner import upgrade
from followup.worker.runner import context_for

URL = os.environ.get(
    "BENCH_DIGEST_POSTGRES_URL",
    "postgresql+psycopg://postgres@127.0.0.1:5432/followup_digest_bench",
)
USERS = int(os.environ.get("BENCH_USERS", 10_000))
DUE = int(os.environ.get("BENCH_DUE", 2_000))
NOW = datetime(2026, 11, 3, 8, 30, tzinfo=UTC)
TARGET_SECONDS = 60.0


class Counting:
    received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.received += 1
        return "250 OK"


def _connect(database: str) -> psycopg.Connection[Any]:
    url = make_url(URL)
    return psycopg.connect(
        host=url.host, port=url.port or 5432, user=url.username, dbname=database, autocommit=True
    )


SEED = """
INSERT INTO users (id, email, password_hash, timezone, policy_profile, data_version,
                   digest_hour, created_at, updated_at)
SELECT n, 'user' || n || '@example.com', 'x', 'UTC', 'balanced', 0,
       CASE WHEN n <= %(due)s THEN 8 ELSE 9 END, %(long_ago)s, %(long_ago)s
FROM generate_series(1, %(users)s) AS n;
INSERT INTO applications (id, user_id, company, role_title, status, workplace, created_at,
                          updated_at)
SELECT n, n, 'Acme ' || n, 'Data Engineer', 'interviewing', 'tech', %(long_ago)s, %(long_ago)s
FROM generate_series(1, %(users)s) AS n;
INSERT INTO contacts (id, user_id, application_id, name, email, role, created_at, updated_at)
SELECT n, n, n, 'Dana Reyes', 'dana' || n || '@acme.example.com', 'interviewer', %(long_ago)s,
       %(long_ago)s
FROM generate_series(1, %(users)s) AS n;
INSERT INTO interviews (id, user_id, application_id, starts_at, ends_at, round, created_at,
                        updated_at)
SELECT n, n, n, %(starts)s, %(ends)s, 1, %(long_ago)s, %(long_ago)s
FROM generate_series(1, %(users)s) AS n;
INSERT INTO interviewers (interview_id, contact_id, position, topics)
SELECT n, n, 0, '["the billing migration"]' FROM generate_series(1, %(users)s) AS n;
"""


def seed() -> None:
    with _connect("postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{make_url(URL).database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{make_url(URL).database}"')
    upgrade(URL)
    parameters = {
        "users": USERS,
        "due": DUE,
        "long_ago": NOW - timedelta(days=3),
        "starts": NOW - timedelta(hours=20),
        "ends": NOW - timedelta(hours=19),
    }
    with _connect(str(make_url(URL).database)) as connection:
        for statement in SEED.split(";"):
            if statement.strip():
                connection.execute(statement, parameters)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    started = time.perf_counter()
    seed()
    print(f"seeded {USERS:,} users ({DUE:,} due now) in {time.perf_counter() - started:.1f} s")
    handler = Counting()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings = Settings(database_url=URL, secret_key="b" * 40, smtp_url=f"smtp://127.0.0.1:{port}")
    context = context_for(settings)
    try:
        before = rss_mb()
        started = time.perf_counter()
        send_due_digests(context, NOW)
        elapsed = time.perf_counter() - started
        after = rss_mb()
    finally:
        controller.stop()
        with _connect("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{make_url(URL).database}" WITH (FORCE)')
    rate = handler.received / elapsed
    print(
        f"digest job: {handler.received:,} emails handed to SMTP in {elapsed:.1f} s "
        f"({rate:.0f}/s); target under {TARGET_SECONDS:.0f} s"
    )
    print(f"memory: {before:.0f} MB before the run, {after:.0f} MB after")
    if handler.received != DUE:
        sys.exit(f"expected {DUE} emails, the server received {handler.received}")


if __name__ == "__main__":
    main()
