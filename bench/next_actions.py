"""GET /api/v1/next-actions for a user with 50 applications, against /healthz, 16 clients.

Run: .venv/bin/python bench/next_actions.py   (needs wrk: apt-get install wrk)
Prints the plain request and the conditional one (If-None-Match → 304), which is what a phone
polling for changes sends.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from harness import new_user_token, report, running_server, wrk


def seed(client: httpx.Client, applications: int = 50) -> None:
    """Each application: 3 people, 1–3 interviews in the last weeks, thank-yous mostly sent.

    About a quarter of the applications still owe thank-yous for their latest interview, which
    gives the ~120 open actions per response the issue's figures were measured with.
    """
    now = datetime.now(UTC)
    for n in range(applications):
        app = client.post(
            "/api/v1/applications",
            json={"company": f"Company {n}", "role_title": "Data Engineer", "workplace": "tech"},
        ).json()
        people = [
            client.post(
                "/api/v1/contacts",
                json={
                    "application_id": app["id"],
                    "name": f"Person {n}-{p}",
                    "email": f"p{n}{p}@example.com" if p != 2 else None,
                    "role": ("hiring_manager", "recruiter", "interviewer")[p],
                },
            ).json()
            for p in range(3)
        ]
        for round_ in range(1 + n % 3):
            start = now - timedelta(days=2 + 6 * round_, hours=n % 5)
            interview = client.post(
                "/api/v1/interviews",
                json={
                    "application_id": app["id"],
                    "starts_at": start.isoformat(),
                    "format": "video",
                    "arranged_by_id": people[1]["id"],
                    "notes": "Went well; they asked about streaming.",
                    "interviewers": [
                        {"contact_id": people[0]["id"], "notes": f"the roadmap for team {n}"},
                        {"contact_id": people[2]["id"], "notes": "the data platform"},
                    ],
                },
            ).json()
            latest = round_ == n % 3
            if latest and n % 4 == 0:
                continue
            for person in people:
                client.post(
                    "/api/v1/touchpoints",
                    json={
                        "application_id": app["id"],
                        "contact_id": person["id"],
                        "interview_id": interview["id"],
                        "kind": "thank_you",
                        "channel": "email",
                        "occurred_at": (start + timedelta(hours=20)).isoformat(),
                    },
                ).raise_for_status()


def main() -> None:
    with running_server() as base:
        token = new_user_token(base)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
            seed(client)
            first = client.get("/api/v1/next-actions")
            first.raise_for_status()
            unchanged = client.get(
                "/api/v1/next-actions", headers={"If-None-Match": first.headers["etag"]}
            )
            assert unchanged.status_code == 304, unchanged.status_code
        count = len(first.json()["items"])
        wrk(f"{base}/healthz", seconds=2)  # warm up
        healthz = wrk(f"{base}/healthz")
        plain = wrk(f"{base}/api/v1/next-actions", token)
        etag = first.headers["etag"]
        polled = wrk(f"{base}/api/v1/next-actions", token, if_none_match=etag)
        print(
            f"Followup /next-actions benchmark (50 applications, {count} actions, "
            f"{len(first.content) / 1024:.0f} KB per response)"
        )
        report("next-actions", plain, healthz, target_ratio=0.25, target_p99=25)
        print("A phone polling with If-None-Match (every answer a 304):")
        report("next-actions 304", polled, healthz, target_ratio=0.25, target_p99=25)


if __name__ == "__main__":
    main()
