"""CSV import speed: one 10,000-row file into a fresh SQLite database, in one request.

Run: .venv/bin/python bench/import.py [--rows N] [--database-url URL]
Prints the seconds the POST /api/v1/import took and the rows per second. Target: under 2 s for
10,000 rows on SQLite. The import is one transaction: a bad row anywhere would leave nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from followup.config import Settings
from followup.main import create_app
from followup.migrations.runner import upgrade

STATUSES = ["applied", "interviewing", "offer", "rejected", "withdrawn"]


def make_csv(rows: int) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(["company", "role_title", "status", "applied_on", "location", "notes"])
    for n in range(rows):
        writer.writerow(
            [
                f"Company {n}, Inc.",
                f"Engineer {n % 37}",
                STATUSES[n % len(STATUSES)],
                f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "Remote" if n % 3 else "",
                f"Referred by a friend; row {n}",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        app = create_app(Settings(database_url=url, secret_key="b" * 40, data_dir=Path(tmp)))
        body = make_csv(args.rows)
        with TestClient(app, headers={"Sec-Fetch-Site": "same-origin"}) as browser:
            account = {"email": "bench@example.com", "password": "correct horse battery"}
            browser.post("/api/v1/auth/register", json=account).raise_for_status()
            browser.post("/api/v1/auth/login", json=account).raise_for_status()
            token = browser.post(
                "/api/v1/tokens", json={"name": "bench", "scopes": ["read", "write"]}
            ).json()["token"]
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/csv"}
            started = time.perf_counter()
            response = browser.post("/api/v1/import", content=body, headers=headers)
            seconds = time.perf_counter() - started
            response.raise_for_status()
            imported = response.json()["applications"]
        app.state.engine.dispose()
    assert imported == args.rows, imported
    print(f"import: {imported} rows ({len(body) / 1e6:.2f} MB CSV) in {seconds:.3f} s")
    print(f"import: {imported / seconds:,.0f} rows/s (target: 10,000 rows in under 2 s)")


if __name__ == "__main__":
    main()
