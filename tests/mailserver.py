"""A real IMAP server for the tests: Debian's Dovecot, with a throwaway configuration.

It listens on two free loopback ports, plain IMAP (STARTTLS offered) and IMAPS, with a
certificate from a test authority (trustme) issued for `localhost` only, users from a
passwd-file, and a `Sent` folder marked SPECIAL-USE. Messages are put in place with IMAP
APPEND through imapclient, as any mail client would. `make dovecot` installs it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import trustme
from imapclient import IMAPClient

from tests.servers import free_port

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 0
mail_uid = {uid}
mail_gid = {gid}
default_internal_user = {internal}
default_login_user = {login}
mail_location = maildir:{mail}/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    port = {plain}
  }}
  inet_listener imaps {{
    port = {tls}
    ssl = yes
  }}
}}
"""


@dataclass
class MailServer:
    root: Path
    plain_port: int
    tls_port: int
    ca_file: Path
    users: dict[str, str]

    def client(self, user: str) -> IMAPClient:
        client = IMAPClient("127.0.0.1", self.plain_port, ssl=False, timeout=10)
        client.login(user, self.users[user])
        return client

    def append(self, user: str, folder: str, *messages: bytes) -> None:
        with self.client(user) as client:
            for raw in messages:
                client.append(folder, raw)

    def uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        with self.client(user) as client:
            return int(client.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"])

    def renumber_inbox(self, user: str) -> None:
        """Give the INBOX a new UIDVALIDITY, as a server whose index was rebuilt does: Dovecot
        renumbers a maildir whose UID list and indexes are gone (from the clock's second)."""
        before = self.uidvalidity(user)
        for _attempt in range(3):
            for kept in (self.root / "mail" / user).glob("dovecot*"):
                if kept.is_file():
                    kept.unlink()
            if self.uidvalidity(user) != before:
                return
            time.sleep(1.1)
        raise RuntimeError("dovecot kept the INBOX's UIDVALIDITY")


def available() -> str | None:
    """Why the IMAP tests cannot run here, or None."""
    if not os.access(DOVECOT, os.X_OK):
        return "Dovecot is not installed: run 'make dovecot' (apt-get install dovecot-imapd)."
    return None


@contextmanager
def dovecot(users: dict[str, str]) -> Iterator[MailServer]:
    """Dovecot on free ports until the block ends, in a folder of its own removed afterwards.

    Its processes run as Dovecot's own users when the tests run as root (Dovecot never
    delivers mail as root), so the folder is one they can reach: a test's tmp_path is private.
    """
    root = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
    try:
        with _running(root, users) as server:
            yield server
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def _running(root: Path, users: dict[str, str]) -> Iterator[MailServer]:
    authority = trustme.CA()
    authority.cert_pem.write_to_path(str(root / "ca.pem"))
    issued = authority.issue_cert("localhost")
    issued.private_key_pem.write_to_path(str(root / "key.pem"))
    issued.cert_chain_pems[0].write_to_path(str(root / "cert.pem"))
    (root / "passwd").write_text("".join(f"{u}:{{PLAIN}}{p}::::::\n" for u, p in users.items()))
    as_root = os.geteuid() == 0
    mail_user = pwd.getpwnam("dovecot") if as_root else pwd.getpwuid(os.getuid())
    mail = root / "mail"
    mail.mkdir()
    os.chown(mail, mail_user.pw_uid, mail_user.pw_gid)
    login = "dovenull" if as_root else mail_user.pw_name
    server = MailServer(root, free_port(), free_port(), root / "ca.pem", users)
    (root / "dovecot.conf").write_text(
        CONFIG.format(
            root=root,
            mail=mail,
            uid=mail_user.pw_uid,
            gid=mail_user.pw_gid,
            internal=mail_user.pw_name,
            login=login,
            plain=server.plain_port,
            tls=server.tls_port,
        )
    )
    os.chmod(root, 0o755)
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(server.plain_port, process, root)
        _wait_for(server.tls_port, process, root)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(port: int, process: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"dovecot exited: {error}\n{log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"dovecot did not listen on {port}")
