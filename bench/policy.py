"""Pure policy evaluation speed: application-evaluations per second on synthetic users.

Run: .venv/bin/python bench/policy.py [--users N] [--apps N] [--seconds S]
Each application has 1-3 interviews, 3 people and a few touchpoints; 'now' varies per user so
every rule fires somewhere. Target: >= 50,000 application-evaluations per second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta

from followup.policy import (
    PROFILES,
    ApplicationFacts,
    ContactFacts,
    Facts,
    InterviewerFacts,
    InterviewFacts,
    TouchpointFacts,
    UserFacts,
    calendar_for,
    evaluate,
)

ZONES = [
    ("America/New_York", "US"),
    ("Europe/Berlin", "DE"),
    ("America/Los_Angeles", "US"),
    ("Europe/London", "GB"),
    ("UTC", None),
]
STATUSES = [
    "applied",
    "interviewing",
    "interviewing",
    "interviewing",
    "offer",
    "rejected",
    "hired",
    "withdrawn",
]


def synthetic_application(rng: random.Random, app_id: int, base: datetime) -> ApplicationFacts:
    ids = app_id * 100
    contacts = (
        ContactFacts(
            ids + 1,
            "Dana Reyes",
            "Engineering Manager",
            "dana@example.com",
            None,
            "hiring_manager",
            None,
        ),
        ContactFacts(
            ids + 2,
            "Sam Okafor",
            "Staff Engineer",
            rng.choice(["sam@example.com", None]),
            "+1 555 0100",
            "interviewer",
            rng.choice([None, None, "phone", "card"]),
        ),
        ContactFacts(ids + 3, "Lee Chen", "Recruiter", "lee@example.com", None, "recruiter", None),
    )
    interviews = []
    start = base + timedelta(days=rng.randint(-40, 5), hours=rng.randint(0, 8))
    for n in range(rng.randint(1, 3)):
        starts = start + timedelta(days=7 * n)
        interviews.append(
            InterviewFacts(
                ids + 10 + n,
                starts,
                starts + timedelta(hours=1),
                rng.choice(["video", "phone", "onsite"]),
                n + 1,
                ids + 3,
                (
                    InterviewerFacts(ids + 1, "asked about the billing migration"),
                    InterviewerFacts(ids + 2, rng.choice([None, "Kafka consumer lag"])),
                ),
                rng.choice([None, (starts + timedelta(days=10)).date()]),
                rng.choice([None, "went well"]),
            )
        )
    touchpoints = []
    first_end = interviews[0].ends_at
    for k in range(rng.randint(1, 4)):
        touchpoints.append(
            TouchpointFacts(
                ids + 50 + k,
                ids + 1 + (k % 3),
                rng.choice([None, interviews[0].id]),
                rng.choice(["thank_you", "status_check", "reply"]),
                "email",
                rng.choice(["outbound", "outbound", "inbound"]),
                first_end + timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 10)),
            )
        )
    status = rng.choice(STATUSES)
    return ApplicationFacts(
        app_id,
        f"Company {app_id}",
        "Data Engineer",
        status,
        date(2026, 9, 1),
        rng.choice(["tech", "tech", "traditional"]),
        rng.choice([None, date(2026, 11, 20)]),
        date(2026, 11, 10) if status in ("hired", "rejected") else None,
        contacts,
        tuple(interviews),
        tuple(touchpoints),
    )


def synthetic_users(count: int, apps: int, seed: int = 7) -> list[tuple[Facts, datetime]]:
    rng = random.Random(seed)
    users = []
    for u in range(count):
        zone, country = ZONES[u % len(ZONES)]
        now = datetime(2026, 11, 2, 15, tzinfo=UTC) + timedelta(hours=rng.randint(0, 24 * 40))
        applications = tuple(synthetic_application(rng, u * 1000 + a, now) for a in range(apps))
        user = UserFacts(f"User {u}", f"user{u}@example.com", None, zone, country)
        users.append((Facts(user, applications, {}), now))
    return users


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--apps", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--profile", default="balanced", choices=sorted(PROFILES))
    args = parser.parse_args()
    profile = PROFILES[args.profile]
    users = synthetic_users(args.users, args.apps)
    calendars = [calendar_for(f.user.timezone, f.user.country) for f, _ in users]
    actions = 0
    for (facts, now), cal in zip(users, calendars, strict=True):  # warm the calendar caches
        actions += len(evaluate(facts, now=now, profile=profile, calendar=cal))
    # Rounds over all users; the best round is the figure (the machine is shared, and other
    # processes only ever make a round slower), the median is printed beside it.
    per_round = len(users) * args.apps
    rounds: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() - started < args.seconds or len(rounds) < 3:
        t0 = time.perf_counter()
        for (facts, now), cal in zip(users, calendars, strict=True):
            evaluate(facts, now=now, profile=profile, calendar=cal)
        rounds.append(time.perf_counter() - t0)
    best = per_round / min(rounds)
    median = per_round / statistics.median(rounds)
    print(
        f"profile={profile.name} users={args.users} apps/user={args.apps} "
        f"actions/app={actions / per_round:.1f} rounds={len(rounds)}"
    )
    print(
        f"{best:,.0f} application-evaluations/s (best round; median {median:,.0f}/s; "
        f"{1e6 / best:.1f} µs each; target >= 50,000/s)"
    )


if __name__ == "__main__":
    main()
