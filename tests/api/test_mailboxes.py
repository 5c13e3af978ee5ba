"""Mailboxes against a real Dovecot: connect, test, sync, resume, renumbering, isolation."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from followup.config import Settings
from followup.mail.sync import sync_mailbox
from followup.models import Touchpoint
from tests.api.test_drafts_inputs import A_WEEK_ON, actions
from tests.api.test_drafts_inputs import acme as interviewed_at_acme
from tests.conftest import Account, Clock
from tests.mailserver import MailServer, available, dovecot
from tests.servers import followup_cli

pytestmark = pytest.mark.skipif(available() is not None, reason=str(available()))

V1 = "/api/v1"
SAM, LEE = "sam@example.org", "lee@example.org"
PASSWORDS = {SAM: "sam-imap-secret", LEE: "lee-imap-secret"}


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    with dovecot(PASSWORDS) as server:
        yield server


@pytest.fixture
def settings(database_url: str, tmp_path: Path, mail_server: MailServer) -> Settings:
    """The suite's settings, trusting the test authority that signed Dovecot's certificate."""
    return Settings(
        database_url=database_url,
        secret_key="t" * 40,
        data_dir=tmp_path,
        mail_ca_file=mail_server.ca_file,
        mail_private_hosts=True,  # Dovecot listens on the loopback
    )


def letter(sender: str, to: str, subject: str, body: str, at: str, message_id: str) -> bytes:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, to, subject
    mail["Date"] = format_datetime(_moment(at))
    mail["Message-ID"] = message_id
    mail.set_content(body)
    return mail.as_bytes()


def _moment(iso: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def connect(api: TestClient, server: MailServer, **overrides: Any) -> dict[str, Any]:
    body = {
        "host": "localhost",
        "port": server.tls_port,
        "security": "tls",
        "username": SAM,
        "password": PASSWORDS[SAM],
        **overrides,
    }
    response = api.post(f"{V1}/mailboxes", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_synced_reply_is_on_the_timeline_and_re_times_the_status_check(
    api: TestClient, mail_server: MailServer, clock: Clock
) -> None:
    data = interviewed_at_acme(api)
    before = [k for k in actions(api, A_WEEK_ON) if k.startswith("status_check.")]
    mail_server.append(
        SAM,
        "INBOX",
        letter(
            "Dana Reyes <dana@acme.example.com>",
            SAM,
            "Re: Thank you",
            "Thank you, Sam. We will be in touch soon.\n\nOn Mon, Sam wrote:\n> Thanks",
            "2026-11-04T15:00:00Z",
            "<reply-1@acme.example.com>",
        ),
        letter("news@shop.example.org", SAM, "Sale", "Buy.", "2026-11-04T16:00:00Z", "<n@s>"),
    )
    mail_server.append(
        SAM,
        "Sent",
        letter(
            SAM,
            "Lee Park <lee@acme.example.com>",
            "Thank you for today",
            "Hi Lee, thank you for the conversation.",
            "2026-11-02T15:00:00Z",
            "<ty-1@example.org>",
        ),
    )
    mailbox = connect(api, mail_server)
    assert not {"password", "password_encrypted"} & set(mailbox)
    synced = api.post(f"{V1}/mailboxes/{mailbox['id']}/sync")
    assert synced.status_code == 200, synced.text
    tally = synced.json()
    assert (tally["fetched"], tally["logged"], tally["unrelated"]) == (3, 2, 1)

    entries = api.get(f"{V1}/applications/{data['app']['id']}/timeline").json()["items"]
    logged = {e["touchpoint"]["subject"]: e["touchpoint"] for e in entries if e["touchpoint"]}
    reply = logged["Re: Thank you"]
    assert (reply["source"], reply["kind"], reply["contact_id"]) == (
        "mail",
        "reply",
        data["dana"]["id"],
    )
    assert reply["body"] == "Thank you, Sam. We will be in touch soon."
    sent = logged["Thank you for today"]
    assert (sent["direction"], sent["kind"]) == ("outbound", "thank_you")
    after = [k for k in actions(api, A_WEEK_ON) if k.startswith("status_check.")]
    assert after != before
    assert after[0].endswith(f".r{reply['id']}")  # the check now counts from the reply

    again = api.post(f"{V1}/mailboxes/{mailbox['id']}/sync").json()
    assert (again["fetched"], again["logged"], again["review"]) == (0, 0, 0)
    read = api.get(f"{V1}/mailboxes/{mailbox['id']}").json()
    assert read["last_synced_at"] == clock.iso()
    assert (read["last_error"], read["folders"]) == (None, {"inbox": "INBOX", "sent": "Sent"})


def test_the_test_button_names_each_problem(api: TestClient, mail_server: MailServer) -> None:
    good = connect(api, mail_server)
    checked = api.post(f"{V1}/mailboxes/{good['id']}/test")
    assert checked.json() == {"ok": True, "folders": {"inbox": "INBOX", "sent": "Sent"}}
    cases = {
        "mailbox-login": {"password": "wrong"},
        # The certificate names localhost: verified, it does not pass for 127.0.0.1.
        "mailbox-tls": {"host": "127.0.0.1"},
        "mailbox-folder": {"folders": {"sent": "Sent Items"}},
        "mailbox-unreachable": {"port": 1},
    }
    for kind, overrides in cases.items():
        mailbox = connect(api, mail_server, **overrides)
        answer = api.post(f"{V1}/mailboxes/{mailbox['id']}/test")
        assert answer.status_code == 502, (kind, answer.text)
        problem = answer.json()
        assert problem["type"] == f"/problems/{kind}", problem
        assert "wrong" not in problem["detail"]
        assert PASSWORDS[SAM] not in problem["detail"]
    plain = connect(api, mail_server, security="starttls", port=mail_server.plain_port)
    assert api.post(f"{V1}/mailboxes/{plain['id']}/test").status_code == 200
    refused = connect(api, mail_server, password="wrong")
    assert api.post(f"{V1}/mailboxes/{refused['id']}/sync").status_code == 502
    assert "refused" in api.get(f"{V1}/mailboxes/{refused['id']}").json()["last_error"]


def test_a_big_attachment_is_never_downloaded(
    api: TestClient, user: Account, mail_server: MailServer
) -> None:
    data = interviewed_at_acme(api)
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "dana@acme.example.com", SAM, "The dataset"
    mail["Date"], mail["Message-ID"] = "Wed, 04 Nov 2026 15:00:00 +0000", "<big@acme.example.com>"
    mail.set_content("Here is the dataset we talked about.")
    mail.add_attachment(b"\0" * 25_000_000, maintype="application", subtype="octet-stream")
    mail_server.append(SAM, "INBOX", mail.as_bytes())
    mailbox = connect(api, mail_server, security="none", port=mail_server.plain_port)
    tally = api.post(f"{V1}/mailboxes/{mailbox['id']}/sync").json()
    assert tally["logged"] == 1
    entries = api.get(f"{V1}/applications/{data['app']['id']}/timeline").json()["items"]
    assert any(
        e["touchpoint"] and e["touchpoint"]["body"] == "Here is the dataset we talked about."
        for e in entries
    )
    # Dovecot logs the bytes each session sent: none sent the attachment (25 MB).
    api.post(f"{V1}/mailboxes/{mailbox['id']}/test")  # a session after the sync's, so it is logged
    log = (mail_server.root / "dovecot.log").read_text()
    sent = [int(n) for n in re.findall(r"out=(\d+)", log)]
    assert len(sent) >= 2
    assert max(sent) < 1_000_000, sent


class CuttingProxy:
    """A TCP relay to the server that cuts every connection after `budget` bytes come back."""

    def __init__(self, port: int) -> None:
        self.upstream = port
        self.budget: int | None = None
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                downstream, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream))
            threading.Thread(
                target=self._pump, args=(downstream, upstream, None), daemon=True
            ).start()
            threading.Thread(
                target=self._pump, args=(upstream, downstream, self.budget), daemon=True
            ).start()

    def _pump(self, source: socket.socket, target: socket.socket, budget: int | None) -> None:
        try:
            while chunk := source.recv(4096):
                if budget is not None:
                    budget -= len(chunk)
                    if budget < 0:
                        break
                target.sendall(chunk)
        except OSError:
            pass
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            end.close()


def _touchpoints(app: Any) -> int:
    with app.state.sessionmaker() as session:
        return int(session.scalar(select(func.count(Touchpoint.id))))


def test_a_sync_cut_off_mid_way_resumes_and_logs_nothing_twice(
    api: TestClient, app: Any, mail_server: MailServer, clock: Clock
) -> None:
    interviewed_at_acme(api)
    replies = [
        letter(
            "dana@acme.example.com",
            SAM,
            f"Note {n}",
            "x" * 3000,
            f"2026-11-04T1{n}:00:00Z",
            f"<note-{n}@acme.example.com>",
        )
        for n in range(10)
    ]
    mail_server.append(SAM, "INBOX", *replies)
    proxy = CuttingProxy(mail_server.plain_port)
    mailbox = connect(api, mail_server, security="none", port=proxy.port)
    proxy.budget = 14_000  # the login, the folder list and a batch or two of 3 KB messages
    run = {"now": clock.now, "access": app.state.mail_access, "batch": 2}
    first = sync_mailbox(app.state.sessionmaker, mailbox["id"], **run)
    assert first.problem is not None
    assert first.problem.kind == "broke_off"
    assert 0 < first.tally.logged < 10
    assert "broke off" in api.get(f"{V1}/mailboxes/{mailbox['id']}").json()["last_error"]
    proxy.budget = None
    second = sync_mailbox(app.state.sessionmaker, mailbox["id"], **run)
    assert second.problem is None
    assert first.tally.logged + second.tally.logged == 10
    assert _touchpoints(app) == 10


def test_a_renumbered_folder_is_read_again_without_logging_twice(
    api: TestClient, mail_server: MailServer
) -> None:
    interviewed_at_acme(api)
    mail_server.append(
        SAM,
        "INBOX",
        letter(
            "dana@acme.example.com",
            SAM,
            "One",
            "1",
            "2026-11-04T10:00:00Z",
            "<one@acme.example.com>",
        ),
        letter(
            "dana@acme.example.com",
            SAM,
            "Two",
            "2",
            "2026-11-04T11:00:00Z",
            "<two@acme.example.com>",
        ),
    )
    mailbox = connect(api, mail_server, security="none", port=mail_server.plain_port)
    assert api.post(f"{V1}/mailboxes/{mailbox['id']}/sync").json()["logged"] == 2
    mail_server.renumber_inbox(SAM)
    mail_server.append(
        SAM,
        "INBOX",
        letter(
            "dana@acme.example.com",
            SAM,
            "Three",
            "3",
            "2026-11-05T10:00:00Z",
            "<three@acme.example.com>",
        ),
    )
    again = api.post(f"{V1}/mailboxes/{mailbox['id']}/sync").json()
    assert (again["fetched"], again["already_seen"], again["logged"]) == (3, 2, 1)


def test_one_users_mailbox_is_invisible_to_another(
    api: TestClient, mail_server: MailServer, make_account: Any
) -> None:
    mailbox = connect(api, mail_server)
    other = make_account("lee@example.com").http
    assert other.get(f"{V1}/mailboxes").json()["items"] == []
    for verb, path in (("get", ""), ("post", "/test"), ("post", "/sync"), ("delete", "")):
        answer = getattr(other, verb)(f"{V1}/mailboxes/{mailbox['id']}{path}")
        assert answer.status_code == 404, (verb, path)
    listed = api.get(f"{V1}/mailboxes").json()["items"]
    assert [m["id"] for m in listed] == [mailbox["id"]]
    assert all("password" not in key for key in listed[0])
    assert api.delete(f"{V1}/mailboxes/{mailbox['id']}").status_code == 204


def test_followup_mail_sync_syncs_the_due_mailboxes(
    api: TestClient, settings: Settings, mail_server: MailServer
) -> None:
    """The command a cron job or the worker runs; it reads the same settings as the server."""
    data = interviewed_at_acme(api)
    mail_server.append(
        SAM,
        "INBOX",
        letter(
            "dana@acme.example.com", SAM, "Re: Thanks", "Thanks!", "2026-11-04T15:00:00Z",
            "<cli-1@acme.example.com>",
        ),
    )  # fmt: skip
    connect(api, mail_server)
    environment = {
        **os.environ,
        "FOLLOWUP_DATABASE_URL": settings.database_url,
        "FOLLOWUP_SECRET_KEY": str(settings.secret_key),
        "FOLLOWUP_MAIL_CA_FILE": str(mail_server.ca_file),
        "FOLLOWUP_MAIL_PRIVATE_HOSTS": "true",
    }
    done = subprocess.run(
        [followup_cli(), "mail-sync"], env=environment, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "1 fetched, 1 logged, 0 for review, 0 skipped; ok" in done.stdout
    entries = api.get(f"{V1}/applications/{data['app']['id']}/timeline").json()["items"]
    assert any(e["touchpoint"] and e["touchpoint"]["subject"] == "Re: Thanks" for e in entries)
