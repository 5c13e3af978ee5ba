"""A hosted instance's size on PostgreSQL, served by `followup serve --workers 2`, 16 clients.

Run: .venv/bin/python bench/scale.py [--keep] [--reuse] [--scale 0.1]   (needs wrk, PostgreSQL)

Seeds a database of its own, made by the migrations, with 10,000 users, 100,000 applications
and 1,000,000 touchpoints, generated on the server (INSERT … SELECT over generate_series) from a
per-application plan drawn here with a fixed seed: most users have a few applications, and one
heavy user has 300 with their people, interviews, 5,000 touchpoints and action states, spread
over the year before now. Then it prints, for the heavy user, /next-actions (after a write,
warmed), /applications?limit=20, /insights and one application's /timeline beside /healthz of
the same server, and each one's median latency one request at a time (the insights target is
for a single request).

BENCH_POSTGRES_URL names the database (default
postgresql+psycopg://postgres@127.0.0.1:5432/followup_scale); it must not exist yet, and it is
dropped at the end unless --keep. --reuse benchmarks a kept one without seeding it again.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import httpx
import psycopg
from sqlalchemy.engine import URL, make_url

from followup.migrations.runner import upgrade
from followup.security import digest, hash_password
from harness import (
    CONNECTIONS,
    SECONDS,
    Figure,
    report,
    running_server,
    sequential_median_ms,
    wrk,
)

DATABASE_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/followup_scale"
)
USERS, APPLICATIONS, TOUCHPOINTS = 10_000, 100_000, 1_000_000
HEAVY_ID, HEAVY_APPLICATIONS, HEAVY_TOUCHPOINTS = 1, 300, 5_000
HEAVY_EMAIL = "heavy@example.com"
HEAVY_TOKEN = "fut_scale-benchmark-heavy-user-token"  # stored as its digest, like any token
WORKERS = 2
# Issue 14: ≥ 25 % of /healthz and p99 ≤ 50 ms on the large PostgreSQL; insights under 200 ms.
TARGET_RATIO, TARGET_P99_MS, TARGET_INSIGHTS_MS = 0.25, 50.0, 200.0

# Status by how long ago the application was made: recent ones are still open, old ones mostly
# decided, closed or left waiting.
STATUS_BY_AGE = (
    (21, {"applied": 55, "interviewing": 40, "withdrawn": 5}),
    (90, {"applied": 20, "interviewing": 30, "offer": 5, "rejected": 25, "withdrawn": 10,
          "closed": 10}),
    (366, {"applied": 10, "interviewing": 5, "offer": 2, "hired": 3, "rejected": 40,
           "withdrawn": 10, "closed": 30}),
)  # fmt: skip
INTERVIEWS_BY_STATUS = {
    "applied": (0,),
    "interviewing": (1, 1, 2, 3),
    "offer": (2, 3),
    "hired": (3,),
    "rejected": (0, 1, 1, 2),
    "withdrawn": (0, 0, 1),
    "closed": (0, 0, 1),
}
ACTIVE = {"applied", "interviewing", "offer"}


@dataclass(frozen=True, slots=True)
class Planned:
    """One application and how many rows of each kind hang off it; SQL makes the rows."""

    user_id: int
    status: str
    applied_at: datetime
    decided_on: date | None
    decision_expected_on: date | None
    workplace: str
    contacts: int
    interviews: int
    first_interview_at: datetime | None
    interview_gap_hours: int
    skip_latest_thanks: bool
    weight: int  # its share of the user's messages besides the thank-yous
    messages_from: datetime
    messages_span_seconds: float


def owners(rng: random.Random, users: int, applications: int) -> list[int]:
    """Users 2…n with Pareto-distributed counts that add up exactly: most have a few."""
    weights = [min(rng.paretovariate(1.3), 30.0) for _ in range(users - 1)]
    total = sum(weights)
    shares = [w / total * applications for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: applications - sum(counts)]:
        counts[i] += 1
    return [user for user, n in enumerate(counts, start=2) for _ in range(n)]


def plan(rng: random.Random, user_id: int, now: datetime) -> Planned:
    age = rng.randint(0, 364)
    applied_at = (now - timedelta(days=age, hours=rng.randint(1, 8))).replace(
        minute=0, second=0, microsecond=0
    )
    statuses = next(table for limit, table in STATUS_BY_AGE if age < limit)
    status = rng.choices(list(statuses), weights=list(statuses.values()))[0]
    decided_on = None
    if status in ("hired", "rejected"):
        if age < 3:
            status = "interviewing"
        else:
            decided_on = (now - timedelta(days=rng.randint(0, age - 3))).date()
    interviews = rng.choice(INTERVIEWS_BY_STATUS[status])
    heavy = user_id == HEAVY_ID
    if interviews:
        contacts = rng.choice((2, 3, 3, 4) if heavy else (1, 2, 3, 3))
    else:
        contacts = rng.choice((1, 2) if heavy else (0, 1, 1, 2))
    # Interviews fall between two days after applying and the decision (or, while still open,
    # up to ten days ahead), evenly spaced on the hour.
    window_start = applied_at + timedelta(days=2)
    if decided_on is not None:
        window_end = datetime.combine(decided_on, datetime.min.time(), UTC) - timedelta(days=1)
    elif status in ("interviewing", "offer"):
        window_end = now + timedelta(days=10)
    else:
        window_end = min(now, applied_at + timedelta(days=60))
    gap_hours = int((window_end - window_start).total_seconds() // 3600 // (interviews + 1))
    if gap_hours < 2:
        interviews, gap_hours = 0, 0
    first_interview_at = window_start + timedelta(hours=gap_hours) if interviews else None
    messages_until = now
    if decided_on is not None:
        messages_until = min(now, datetime.combine(decided_on, datetime.min.time(), UTC))
    messages_from = applied_at + timedelta(hours=1)
    return Planned(
        user_id=user_id,
        status=status,
        applied_at=applied_at,
        decided_on=decided_on,
        decision_expected_on=(
            (now + timedelta(days=rng.randint(1, 14))).date()
            if status == "interviewing" and rng.random() < 0.5
            else None
        ),
        workplace="traditional" if rng.random() < 0.2 else "tech",
        contacts=contacts,
        interviews=interviews,
        first_interview_at=first_interview_at,
        interview_gap_hours=gap_hours,
        skip_latest_thanks=status in ACTIVE and rng.random() < 0.25,
        weight=1 + interviews + rng.randint(0, 4),
        messages_from=messages_from,
        messages_span_seconds=max(0.0, (messages_until - messages_from).total_seconds()),
    )


def planned_applications(scale: float, now: datetime) -> list[Planned]:
    """Every application, oldest first, so ids interleave users as they would when hosted."""
    rng = random.Random(14)
    everyone = [HEAVY_ID] * HEAVY_APPLICATIONS + owners(
        rng, round(USERS * scale), round(APPLICATIONS * scale) - HEAVY_APPLICATIONS
    )
    return sorted((plan(rng, user, now) for user in everyone), key=lambda p: p.applied_at)


# -- the SQL that turns the plan into rows ---------------------------------------------------
# seed_app holds one row per application with the ids its contacts and interviews start at,
# so every foreign key is arithmetic instead of a lookup.
SEED_TABLE = """
CREATE TEMPORARY TABLE seed_app (
    id integer PRIMARY KEY, user_id integer, status text, applied_at timestamptz,
    decided_on date, decision_expected_on date, workplace text,
    contacts integer, first_contact integer, interviews integer, first_interview integer,
    first_interview_at timestamptz, interview_gap_hours integer, skip_latest_thanks boolean,
    weight integer, messages_from timestamptz, messages_span_seconds float8
) ON COMMIT DROP
"""
MESSAGES_TABLE = """
CREATE TEMPORARY TABLE seed_message (
    user_id integer, application_id integer, contact_id integer, interview_id integer,
    kind text, channel text, direction text, occurred_at timestamptz, subject text, body text
) ON COMMIT DROP
"""

USERS_SQL = """
INSERT INTO users (id, email, password_hash, name, timezone, country, policy_profile,
                   signature, data_version, created_at, updated_at)
SELECT g,
       CASE WHEN g = %(heavy)s THEN %(heavy_email)s ELSE 'user' || g || '@example.com' END,
       %(password_hash)s,
       CASE WHEN g = %(heavy)s THEN 'Dana Reyes' WHEN g %% 3 = 0 THEN NULL
            ELSE 'User ' || g END,
       (ARRAY['Europe/Berlin', 'America/New_York', 'UTC', 'Europe/London',
              'America/Los_Angeles'])[1 + g %% 5],
       (ARRAY['DE', 'US', NULL, 'GB', 'US'])[1 + g %% 5],
       (ARRAY['balanced', 'balanced', 'prompt', 'patient', 'persistent'])[1 + g %% 5],
       CASE WHEN g %% 2 = 0 THEN 'Best regards,' || chr(10) || 'User ' || g END,
       0,
       %(now)s::timestamptz - interval '1 day' * (400 - g * 30 / %(users)s),
       %(now)s::timestamptz - interval '1 day' * (400 - g * 30 / %(users)s)
FROM generate_series(1, %(users)s) AS g
"""

APPLICATIONS_SQL = """
INSERT INTO applications (id, user_id, company, role_title, status, applied_on, job_url,
                          location, workplace, decision_expected_on, decided_on, notes,
                          created_at, updated_at)
SELECT id, user_id,
       (ARRAY['Acme Analytics', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries',
              'Wayne Enterprises', 'Soylent', 'Tyrell', 'Cyberdyne'])[1 + id %% 10]
           || ' ' || (id %% 997),
       (ARRAY['Data Engineer', 'Backend Developer', 'Analytics Engineer', 'Product Manager',
              'Site Reliability Engineer', 'Data Scientist'])[1 + id %% 6],
       status, (applied_at AT TIME ZONE 'UTC')::date,
       CASE WHEN id %% 3 <> 0 THEN 'https://jobs.example.com/' || id END,
       (ARRAY['Berlin', 'Remote', NULL, 'London', 'New York'])[1 + id %% 5],
       workplace, decision_expected_on, decided_on,
       CASE WHEN id %% 4 = 0 THEN 'Referred by a former colleague; asked about on-call.' END,
       applied_at, applied_at
FROM seed_app
"""

CONTACTS_SQL = """
INSERT INTO contacts (id, user_id, application_id, name, email, phone, title, role,
                      preferred_channel, notes, created_at, updated_at)
SELECT a.first_contact + p - 1, a.user_id, a.id,
       'Person ' || (a.first_contact + p - 1),
       CASE WHEN (a.first_contact + p) %% 9 <> 0
            THEN 'p' || (a.first_contact + p - 1) || '@example.com' END,
       CASE WHEN p = 1 THEN '+49 30 1234567' END,
       (ARRAY['Recruiter', 'Engineering Manager', 'Staff Engineer', 'Data Lead'])[LEAST(p, 4)],
       CASE p WHEN 1 THEN 'recruiter' WHEN 2 THEN 'hiring_manager' ELSE 'interviewer' END,
       CASE WHEN (a.first_contact + p) %% 7 = 0 THEN 'card'
            WHEN (a.first_contact + p) %% 5 = 0 THEN 'linkedin'
            WHEN (a.first_contact + p) %% 2 = 0 THEN 'email' END,
       CASE WHEN p = 2 THEN 'Leads the platform team.' END,
       a.applied_at, a.applied_at
FROM seed_app AS a CROSS JOIN LATERAL generate_series(1, a.contacts) AS p
"""

INTERVIEWS_SQL = """
INSERT INTO interviews (id, user_id, application_id, starts_at, ends_at, format, round,
                        arranged_by_id, decision_expected_on, notes, created_at, updated_at)
SELECT a.first_interview + r - 1, a.user_id, a.id,
       a.first_interview_at + interval '1 hour' * a.interview_gap_hours * (r - 1),
       a.first_interview_at + interval '1 hour' * a.interview_gap_hours * (r - 1)
           + CASE WHEN a.id %% 2 = 0 THEN interval '45 minutes' ELSE interval '60 minutes' END,
       (ARRAY['video', 'phone', 'onsite'])[1 + (a.id + r) %% 3],
       r,
       CASE WHEN a.contacts >= 2 THEN a.first_contact END,
       CASE WHEN r = a.interviews THEN a.decision_expected_on END,
       CASE WHEN a.id %% 5 <> 0 THEN 'Went well; they asked about streaming and testing.' END,
       a.applied_at, a.applied_at
FROM seed_app AS a CROSS JOIN LATERAL generate_series(1, a.interviews) AS r
"""

# Everyone but the recruiter interviews (the recruiter alone when there is nobody else).
INTERVIEWERS_SQL = """
INSERT INTO interviewers (interview_id, contact_id, position, notes)
SELECT i.id, a.first_contact + p - 1, p - CASE WHEN a.contacts >= 2 THEN 2 ELSE 1 END,
       'the roadmap for team ' || (a.id %% 50)
FROM interviews AS i
JOIN seed_app AS a ON a.id = i.application_id
CROSS JOIN LATERAL generate_series(CASE WHEN a.contacts >= 2 THEN 2 ELSE 1 END, a.contacts) AS p
"""

# A thank-you to each interviewer 4 to 43 hours after the interview (so some are late), except
# for a quarter of the open applications' latest interview, whose thank-yous are still owed.
THANKS_SQL = """
INSERT INTO seed_message
SELECT i.user_id, i.application_id, iv.contact_id, i.id, 'thank_you',
       CASE WHEN c.preferred_channel = 'card' THEN 'card' ELSE 'email' END, 'outbound',
       i.ends_at + interval '1 hour' * (4 + (i.id + iv.position) %% 40),
       'Thank you for your time', 'Thank you for talking with me about ' || iv.notes || '.'
FROM interviewers AS iv
JOIN interviews AS i ON i.id = iv.interview_id
JOIN contacts AS c ON c.id = iv.contact_id
JOIN seed_app AS a ON a.id = i.application_id
WHERE i.ends_at + interval '1 hour' * (4 + (i.id + iv.position) %% 40) < %(now)s
  AND NOT (a.skip_latest_thanks AND i.round = a.interviews)
"""

# The rest of each group's messages (the heavy user's, everyone else's) shared out by weight
# so the totals come out exact: the running sum's floor telescopes to the group's total.
OTHER_MESSAGES_SQL = """
INSERT INTO seed_message
WITH thanked AS (
    SELECT user_id = %(heavy)s AS heavy, count(*) AS n FROM seed_message GROUP BY 1
), shares AS (
    SELECT a.*, (a.user_id = %(heavy)s) AS heavy,
           sum(a.weight) OVER (PARTITION BY a.user_id = %(heavy)s ORDER BY a.id) AS upto,
           sum(a.weight) OVER (PARTITION BY a.user_id = %(heavy)s) AS total
    FROM seed_app AS a
), counted AS (
    SELECT s.*,
           (target.n - COALESCE(t.n, 0)) * s.upto / s.total
           - (target.n - COALESCE(t.n, 0)) * (s.upto - s.weight) / s.total AS messages
    FROM shares AS s
    JOIN (VALUES (true, %(heavy_touchpoints)s::bigint), (false, %(other_touchpoints)s::bigint))
        AS target (heavy, n) ON target.heavy = s.heavy
    LEFT JOIN thanked AS t ON t.heavy = s.heavy
)
SELECT c.user_id, c.id,
       CASE WHEN c.contacts > 0 THEN c.first_contact + j %% c.contacts END,
       NULL::integer,
       (ARRAY['status_check', 'reply', 'value_add', 'reply', 'other', 'status_check'])
           [1 + j %% 6],
       (ARRAY['email', 'email', 'linkedin', 'phone', 'email', 'email'])[1 + j %% 6],
       CASE WHEN j %% 6 IN (1, 3) THEN 'inbound' ELSE 'outbound' END,
       c.messages_from + interval '1 second' * (c.messages_span_seconds * j / (c.messages + 1)),
       (ARRAY['Checking in', 'Re: next steps', 'An article you might like', NULL,
              'Quick question', 'Following up'])[1 + j %% 6],
       CASE WHEN j %% 2 = 0 THEN 'Hello, I wanted to follow up on my application.' END
FROM counted AS c CROSS JOIN LATERAL generate_series(1, c.messages) AS j
"""

# In time order, so the ids and the table's pages interleave users as they would when hosted.
TOUCHPOINTS_SQL = """
INSERT INTO touchpoints (user_id, application_id, contact_id, interview_id, kind, channel,
                         direction, occurred_at, subject, body, created_at, updated_at)
SELECT user_id, application_id, contact_id, interview_id, kind, channel, direction,
       occurred_at, subject, body, occurred_at, occurred_at
FROM seed_message ORDER BY occurred_at
"""

# Half the thank-yous were logged with `done`; notes skipped after some interviews were
# dismissed; some upcoming interviews' preparation was snoozed to the day before.
ACTION_STATES_SQL = """
INSERT INTO action_states (user_id, application_id, key, kind, state, until, due_at, acted_at,
                           touchpoint_id, replaced_status, created_at, updated_at)
SELECT t.user_id, t.application_id, 'thank_you.i' || t.interview_id || '.c' || t.contact_id,
       'send_thank_you', 'done', NULL::timestamptz, i.ends_at + interval '24 hours',
       t.occurred_at, t.id, NULL, t.occurred_at, t.occurred_at
FROM touchpoints AS t JOIN interviews AS i ON i.id = t.interview_id
WHERE t.kind = 'thank_you' AND t.application_id %% 2 = 0
UNION ALL
SELECT i.user_id, i.application_id, 'notes.i' || i.id, 'write_notes', 'dismissed', NULL,
       i.ends_at + interval '1 day', i.ends_at + interval '2 hours', NULL, NULL,
       i.ends_at + interval '2 hours', i.ends_at + interval '2 hours'
FROM interviews AS i WHERE i.notes IS NULL AND i.ends_at + interval '2 hours' < %(now)s
UNION ALL
SELECT i.user_id, i.application_id, 'prepare.i' || i.id, 'prepare_questions', 'snoozed',
       i.starts_at - interval '1 day', i.starts_at, %(now)s::timestamptz - interval '1 hour',
       NULL, NULL, %(now)s::timestamptz - interval '1 hour', %(now)s::timestamptz
FROM interviews AS i WHERE i.starts_at > %(now)s::timestamptz + interval '1 day'
                       AND i.application_id %% 3 = 0
"""

TOKEN_SQL = """
INSERT INTO api_tokens (user_id, name, token_hash, prefix, can_write, created_at, updated_at)
VALUES (%(heavy)s, 'scale benchmark', %(token_hash)s, %(prefix)s, true, %(now)s, %(now)s)
"""

COUNTED = (
    "users",
    "api_tokens",
    "applications",
    "contacts",
    "interviews",
    "interviewers",
    "touchpoints",
    "action_states",
)


def connect(url: URL, database: str | None = None, **kwargs: object) -> psycopg.Connection:
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=database or url.database,
        **kwargs,
    )


@contextmanager
def database(url: URL, *, reuse: bool, keep: bool) -> Iterator[bool]:
    """Our own database beside the server's others; answers whether it still needs seeding."""
    try:
        admin = connect(url, "postgres", autocommit=True)
    except psycopg.OperationalError as exc:
        sys.exit(f"bench/scale.py needs PostgreSQL ({DATABASE_URL}, BENCH_POSTGRES_URL): {exc}")
    with admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (url.database,)
        ).fetchone()
        if exists and not reuse:
            sys.exit(
                f"Database {url.database} exists already: drop it (dropdb -h {url.host} "
                f"-U {url.username} {url.database}) or benchmark it with --reuse."
            )
        if not exists and reuse:
            sys.exit(f"--reuse: database {url.database} does not exist; run without it first.")
        if not exists:
            admin.execute(f'CREATE DATABASE "{url.database}"')
    try:
        yield not exists
    finally:
        if not keep:
            with connect(url, "postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
            print(f"Dropped {url.database} (--keep keeps it).")


def seed(url: URL, scale: float, now: datetime) -> None:
    started = time.perf_counter()
    applications = planned_applications(scale, now)
    users = round(USERS * scale)
    parameters = {
        "now": now,
        "heavy": HEAVY_ID,
        "heavy_email": HEAVY_EMAIL,
        "users": users,
        # One real hash for everyone: the heavy user can log in with it, and hashing 10,000
        # passwords would take longer than the rest of the seeding.
        "password_hash": hash_password("benchmark password"),
        "heavy_touchpoints": HEAVY_TOUCHPOINTS,
        "other_touchpoints": round(TOUCHPOINTS * scale) - HEAVY_TOUCHPOINTS,
        "token_hash": digest(HEAVY_TOKEN),
        "prefix": HEAVY_TOKEN[:8],
    }
    planned = time.perf_counter() - started
    steps: list[tuple[str, float]] = [("plan", planned)]
    with connect(url) as connection:
        connection.execute("SET LOCAL work_mem = '256MB'")
        connection.execute(SEED_TABLE)
        connection.execute(MESSAGES_TABLE)
        contact, interview = 1, 1
        step = time.perf_counter()
        with connection.cursor().copy(
            "COPY seed_app FROM STDIN WITH (FORMAT text)"
        ) as copy:  # a few columns are NULL, which write_row sends as \N
            for number, p in enumerate(applications, start=1):
                copy.write_row(
                    (
                        number,
                        p.user_id,
                        p.status,
                        p.applied_at,
                        p.decided_on,
                        p.decision_expected_on,
                        p.workplace,
                        p.contacts,
                        contact,
                        p.interviews,
                        interview,
                        p.first_interview_at,
                        p.interview_gap_hours,
                        p.skip_latest_thanks,
                        p.weight,
                        p.messages_from,
                        p.messages_span_seconds,
                    )
                )
                contact += p.contacts
                interview += p.interviews
        connection.execute("ANALYZE seed_app")
        steps.append(("copy the plan", time.perf_counter() - step))
        for name, sql in (
            ("users", USERS_SQL),
            ("applications", APPLICATIONS_SQL),
            ("contacts", CONTACTS_SQL),
            ("interviews", INTERVIEWS_SQL),
            ("interviewers", INTERVIEWERS_SQL),
            ("thank-yous", THANKS_SQL),
            ("other messages", OTHER_MESSAGES_SQL),
            ("touchpoints", TOUCHPOINTS_SQL),
            ("action states", ACTION_STATES_SQL),
            ("token", TOKEN_SQL),
        ):
            step = time.perf_counter()
            connection.execute(sql, parameters)
            steps.append((name, time.perf_counter() - step))
        for table in ("users", "applications", "contacts", "interviews"):
            connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
    inserted = time.perf_counter() - started
    with connect(url, autocommit=True) as connection:
        step = time.perf_counter()
        connection.execute("VACUUM (ANALYZE)")  # what autovacuum would have done by now
        vacuumed = time.perf_counter() - step
    print(
        f"Seeded in {inserted:.1f} s, then VACUUM ANALYZE {vacuumed:.1f} s "
        f"({', '.join(f'{name} {seconds:.1f}' for name, seconds in steps)})"
    )


@dataclass(frozen=True)
class Heavy:
    counts: dict[str, int]
    own: dict[str, int]  # the heavy user's rows per table
    patched: int  # an open application, changed before /next-actions is measured
    timeline: int  # the application with the most interviews and messages


def describe(url: URL) -> Heavy:
    with connect(url) as connection:
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in COUNTED
        }
        print("Rows: " + " · ".join(f"{n:,} {table}" for table, n in counts.items()))
        per_user = [
            n
            for (n,) in connection.execute(
                "SELECT count(a.id) FROM users u LEFT JOIN applications a ON a.user_id = u.id "
                "WHERE u.id <> %s GROUP BY u.id",
                (HEAVY_ID,),
            )
        ]
        deciles = statistics.quantiles(per_user, n=10)
        print(
            f"Applications per other user: median {statistics.median(per_user):.0f}, "
            f"90th percentile {deciles[-1]:.0f}, most {max(per_user)}, "
            f"none {sum(1 for n in per_user if n == 0):,} users"
        )
        mine = {
            table: connection.execute(
                f"SELECT count(*) FROM {table} WHERE user_id = %s", (HEAVY_ID,)
            ).fetchone()[0]
            for table in ("applications", "contacts", "interviews", "touchpoints", "action_states")
        }
        open_ = connection.execute(
            "SELECT count(*) FILTER (WHERE status IN ('applied', 'interviewing', 'offer')), "
            "min(id) FILTER (WHERE status = 'interviewing') FROM applications WHERE user_id = %s",
            (HEAVY_ID,),
        ).fetchone()
        assert open_ is not None
        busiest = connection.execute(
            "SELECT a.id, (SELECT count(*) FROM touchpoints t WHERE t.application_id = a.id)"
            " + (SELECT count(*) FROM interviews i WHERE i.application_id = a.id) AS entries "
            "FROM applications a WHERE a.user_id = %s ORDER BY entries DESC, a.id LIMIT 1",
            (HEAVY_ID,),
        ).fetchone()
        assert busiest is not None
        print(
            f"Heavy user {HEAVY_EMAIL}: "
            + ", ".join(f"{n:,} {table}" for table, n in mine.items())
            + f"; {open_[0]} applications open; timeline of application {busiest[0]}: "
            f"{busiest[1]} entries"
        )
        return Heavy(counts, mine, patched=open_[1], timeline=busiest[0])


def measure(url: URL, heavy: Heavy) -> None:
    api = "/api/v1"
    endpoints = {
        "next-actions": f"{api}/next-actions",
        "applications": f"{api}/applications?limit=20",
        "insights": f"{api}/insights",
        "timeline": f"{api}/applications/{heavy.timeline}/timeline",
    }
    with running_server(url.render_as_string(hide_password=False), workers=WORKERS) as base:
        auth = {"Authorization": f"Bearer {HEAVY_TOKEN}"}
        with httpx.Client(base_url=base, headers=auth, timeout=60) as client:
            # A write bumps the user's data_version: the first read after it reloads the facts.
            client.patch(
                f"{api}/applications/{heavy.patched}",
                json={"notes": f"Changed by the scale benchmark at {datetime.now(UTC):%H:%M:%S}"},
            ).raise_for_status()
            started = time.perf_counter()
            first = client.get(endpoints["next-actions"])
            first.raise_for_status()
            reloaded_ms = (time.perf_counter() - started) * 1000
            sizes = {name: len(client.get(path).content) for name, path in endpoints.items()}
        print(
            f"First /next-actions after the write: {reloaded_ms:.0f} ms (facts reloaded), "
            f"{len(first.json()['items'])} items; response sizes "
            + ", ".join(f"{name} {size / 1024:.0f} KB" for name, size in sizes.items())
        )
        load_before = os.getloadavg()[0]
        warm = max(1, SECONDS // 4)
        wrk(f"{base}/healthz", seconds=warm)
        for path in endpoints.values():  # every worker loads the facts and warms its cache
            wrk(f"{base}{path}", HEAVY_TOKEN, seconds=warm)
        healthz = wrk(f"{base}/healthz")
        figures: dict[str, Figure] = {
            name: wrk(f"{base}{path}", HEAVY_TOKEN) for name, path in endpoints.items()
        }
        healthz_after = wrk(f"{base}/healthz")  # how much the shared machine drifted meanwhile
        alone = {"healthz": sequential_median_ms(f"{base}/healthz")} | {
            name: sequential_median_ms(f"{base}{path}", HEAVY_TOKEN)
            for name, path in endpoints.items()
        }
    print(
        f"Followup at scale (PostgreSQL, `followup serve --workers {WORKERS}`, "
        f"wrk {CONNECTIONS} clients, {SECONDS} s each), the heavy user; load average "
        f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after on {os.cpu_count()} cores:"
    )
    print(
        f"  {'/healthz':17} {healthz.requests_per_second:8.0f} req/s   p99 {healthz.p99_ms:6.2f} ms"
        f"   (again after the others: {healthz_after.requests_per_second:.0f} req/s)"
    )
    for name in ("next-actions", "applications", "timeline"):
        report(
            name,
            figures[name],
            healthz,
            target_ratio=TARGET_RATIO,
            target_p99=TARGET_P99_MS,
            show_baseline=False,
        )
    report(
        "insights",
        figures["insights"],
        healthz,
        target_ratio=None,
        target_p99=None,
        show_baseline=False,
    )
    verdict = "meets" if alone["insights"] < TARGET_INSIGHTS_MS else "MISSES"
    print(
        f"  insights, one request at a time: median {alone['insights']:.0f} ms for "
        f"{heavy.own['touchpoints']:,} touchpoints (target < {TARGET_INSIGHTS_MS:.0f} ms): "
        f"{verdict}"
    )
    print(
        "One request at a time, median of 11: "
        + ", ".join(f"{name} {ms:.1f} ms" for name, ms in alone.items())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="benchmark a kept database")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="fraction of the full size (the heavy user stays)"
    )
    args = parser.parse_args()
    url = make_url(DATABASE_URL)
    now = datetime.now(UTC).replace(microsecond=0)
    with database(url, reuse=args.reuse, keep=args.keep) as fresh:
        if fresh:
            upgrade(url.render_as_string(hide_password=False))
            seed(url, args.scale, now)
        heavy = describe(url)
        measure(url, heavy)


if __name__ == "__main__":
    main()
