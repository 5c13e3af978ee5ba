"""Mailbox sync speed against a real Dovecot: a first full sync, then an incremental one.

Run: .venv/bin/python bench/mail.py [--messages N] [--known N]   (needs `make dovecot`)
Appends N messages (default 10,000; `--known` of them, default 200, from the user's contacts)
to the INBOX of a throwaway Dovecot, connects it through the API, and prints the first sync's
seconds and its process's memory peak (RSS), then the same after 10 new messages. Each sync
runs in a child process, so its peak is the sync's own. Targets: first under 30 s and 200 MB,
incremental under 1 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.mailserver import available, dovecot  # noqa: E402

from followup.config import Settings  # noqa: E402
from followup.main import create_app  # noqa: E402
from followup.migrations.runner import upgrade  # noqa: E402

USER, PASSWORD = "sam@example.org", "bench-imap-secret"
CHILD = """
import json, sys, time
from datetime import UTC, datetime
from followup.config import Settings
from followup.db import make_engine, make_sessionmaker
from followup.mail.sync import MailAccess, sync_mailbox
settings = Settings(database_url=sys.argv[1], secret_key=sys.argv[2], mail_private_hosts=True)
factory = make_sessionmaker(make_engine(settings.database_url))
access = MailAccess.from_settings(settings)
started = time.perf_counter()
result = sync_mailbox(factory, int(sys.argv[3]), now=datetime.now(UTC), access=access)
seconds = time.perf_counter() - started
tally = result.tally.answer()
tally.pop("problems")
problem = result.problem and result.problem.message
print(json.dumps({"seconds": seconds, **tally, "problem": problem}))
"""


def letter(n: int, known: bool) -> bytes:
    mail = EmailMessage()
    mail["From"] = f"contact{n % 200}@acme-analytics.com" if known else f"list{n}@news.example.org"
    mail["To"] = USER
    mail["Subject"] = f"Re: our conversation {n}" if known else f"Newsletter {n}"
    mail["Date"] = format_datetime(datetime(2026, 11, 1, 9, tzinfo=UTC))
    mail["Message-ID"] = f"<bench-{n}@example.org>"
    mail.set_content(("Thanks for your time. " if known else "Read all about it. ") * 40)
    return mail.as_bytes()


def timed_sync(url: str, key: str, mailbox_id: int) -> tuple[float, float, dict[str, object]]:
    """Seconds the sync took in a fresh process (imports not counted), the largest peak RSS
    (MB) of any sync so far, and its answer."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url, key, str(mailbox_id)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    answer = json.loads(done.stdout)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return float(answer.pop("seconds")), peak, answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--known", type=int, default=200)
    args = parser.parse_args()
    if available() is not None:
        sys.exit(available())
    every = max(1, args.messages // max(1, args.known))
    with tempfile.TemporaryDirectory() as tmp, dovecot({USER: PASSWORD}) as server:
        url, key = f"sqlite:///{tmp}/bench.db", "b" * 40
        upgrade(url)
        app = create_app(Settings(database_url=url, secret_key=key, mail_private_hosts=True))
        with TestClient(app, headers={"Sec-Fetch-Site": "same-origin"}) as api:
            body = {"email": "sam@example.com", "password": "correct horse battery"}
            api.post("/api/v1/auth/register", json=body)
            api.post("/api/v1/auth/login", json=body)
            application = api.post(
                "/api/v1/applications", json={"company": "Acme", "role_title": "Engineer"}
            ).json()
            for n in range(200):
                contact = {"application_id": application["id"], "name": f"Contact {n}"}
                contact["email"] = f"contact{n}@acme-analytics.com"
                api.post("/api/v1/contacts", json=contact)
            started = time.perf_counter()
            with server.client(USER) as client:
                batch = [letter(n, n % every == 0) for n in range(args.messages)]
                for start in range(0, len(batch), 500):
                    client.multiappend("INBOX", batch[start : start + 500])
            print(f"appended {args.messages} messages in {time.perf_counter() - started:.1f} s")
            mailbox = api.post(
                "/api/v1/mailboxes",
                json={"host": "127.0.0.1", "port": server.plain_port, "security": "none",
                      "username": USER, "password": PASSWORD},
            ).json()  # fmt: skip
            seconds, peak, tally = timed_sync(url, key, mailbox["id"])
            print(f"first sync: {seconds:.1f} s, peak RSS {peak:.0f} MB, {tally}")
            server.append(USER, "INBOX", *(letter(args.messages + n, True) for n in range(10)))
            seconds, peak, tally = timed_sync(url, key, mailbox["id"])
            print(f"incremental sync (10 new): {seconds:.2f} s, {tally}")
        app.state.engine.dispose()


if __name__ == "__main__":
    main()
