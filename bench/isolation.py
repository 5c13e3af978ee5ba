"""Does one user's heavy work slow another's polling? Quiet and busy p99 in the same run.

User B polls /api/v1/next-actions (50 applications) with wrk, first alone, then while user A,
who has 10,000 applications, exports (JSON and CSV), imports 1,000 more and reads insights in a
loop. Goal: B's busy p99 within 3x of B's quiet p99, measured in this run.

Run: .venv/bin/python bench/isolation.py   (needs wrk; BENCH_DATABASE_URL for PostgreSQL)
"""

from __future__ import annotations

import os
import threading
import time

import httpx

from harness import new_user_token, running_server, wrk
from next_actions import seed

HEAVY_APPLICATIONS = 10_000
TARGET = 3.0


def csv_of(count: int, start: int) -> bytes:
    rows = "".join(f"Company {n},Data Engineer,applied\n" for n in range(start, start + count))
    return ("company,role_title,status\n" + rows).encode()


def heavy_work(client: httpx.Client, stop: threading.Event, done: dict[str, int]) -> None:
    """User A's loop: the three heavy requests, one after another, until told to stop."""
    batch = HEAVY_APPLICATIONS
    while not stop.is_set():
        with client.stream("GET", "/api/v1/export") as response:
            response.raise_for_status()
            for _ in response.iter_bytes():
                pass
        done["exports"] += 1
        client.get("/api/v1/export", params={"format": "csv"}).raise_for_status()
        done["exports"] += 1
        imported = client.post(
            "/api/v1/import", content=csv_of(1_000, batch), headers={"Content-Type": "text/csv"}
        )
        imported.raise_for_status()
        batch += 1_000
        done["imports"] += 1
        client.get("/api/v1/insights").raise_for_status()
        done["insights"] += 1


def main() -> None:
    with running_server(os.environ.get("BENCH_DATABASE_URL")) as base:
        a_token = new_user_token(base, "heavy@example.com")
        b_token = new_user_token(base, "poller@example.com")
        a = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {a_token}"}, timeout=300)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {b_token}"}) as b:
            seed(b)
        started = time.perf_counter()
        a.post(
            "/api/v1/import",
            content=csv_of(HEAVY_APPLICATIONS, 0),
            headers={"Content-Type": "text/csv"},
        ).raise_for_status()
        seeded = time.perf_counter() - started
        polled = f"{base}/api/v1/next-actions"
        wrk(polled, b_token, seconds=2)  # warm up
        quiet = wrk(polled, b_token)
        stop, done = threading.Event(), {"exports": 0, "imports": 0, "insights": 0}
        worker = threading.Thread(target=heavy_work, args=(a, stop, done))
        worker.start()
        time.sleep(1)  # user A is under way
        busy = wrk(polled, b_token)
        stop.set()
        worker.join()
        a.close()
        ratio = busy.p99_ms / quiet.p99_ms
        print(f"Followup isolation benchmark (one `followup serve` process, {database(base)})")
        print(f"  user A: {HEAVY_APPLICATIONS:,} applications imported in {seeded:.1f} s")
        print(f"  B quiet    {quiet.requests_per_second:7.0f} req/s   p99 {quiet.p99_ms:7.2f} ms")
        print(f"  B busy     {busy.requests_per_second:7.0f} req/s   p99 {busy.p99_ms:7.2f} ms")
        print(
            f"  while A ran {done['exports']} exports, {done['imports']} imports and "
            f"{done['insights']} insights"
        )
        verdict = "meets" if ratio <= TARGET else "MISSES"
        print(f"  busy p99 = {ratio:.1f}x quiet p99 (target ≤ {TARGET:.0f}x): {verdict}")


def database(base: str) -> str:
    return "PostgreSQL" if os.environ.get("BENCH_DATABASE_URL") else "SQLite"


if __name__ == "__main__":
    main()
