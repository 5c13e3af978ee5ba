"""GET /api/v1/applications?limit=20 against /healthz of the same server, 16 clients.

Run: .venv/bin/python bench/api.py   (needs wrk: apt-get install wrk)
"""

from __future__ import annotations

import httpx

from harness import new_user_token, report, running_server, wrk


def main() -> None:
    with running_server() as base:
        token = new_user_token(base)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
            for n in range(50):
                client.post(
                    "/api/v1/applications",
                    json={
                        "company": f"Company {n}",
                        "role_title": "Data Engineer",
                        "notes": "x" * 200,
                    },
                ).raise_for_status()
        wrk(f"{base}/healthz", seconds=2)  # warm up
        healthz = wrk(f"{base}/healthz")
        listing = wrk(f"{base}/api/v1/applications?limit=20", token)
        print("Followup API benchmark (one `followup serve` process, SQLite)")
        report("applications", listing, healthz, target_ratio=0.25, target_p99=25)


if __name__ == "__main__":
    main()
