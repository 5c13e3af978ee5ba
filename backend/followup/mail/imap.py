"""Talking to an IMAP server with imapclient: log in, find the folders, fetch what is new.

Certificates are always verified (the system's authorities, plus `FOLLOWUP_MAIL_CA_FILE`).
Only headers and the first part of each message's text are fetched, never a whole message:
a 100 MB attachment costs at most `TEXT_BOUND` bytes.
"""

from __future__ import annotations

import imaplib
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import IMAPClientError, LoginError
from imapclient.imapclient import SENT

#: Bytes of a message's body fetched at most: enough for any text part that comes first.
TEXT_BOUND = 256 * 1024
_HEADER, _TEXT = b"BODY[HEADER]", b"BODY[TEXT]<0>"
_FETCH = [b"BODY.PEEK[HEADER]", f"BODY.PEEK[TEXT]<0.{TEXT_BOUND}>".encode()]
_TIMEOUT = SocketTimeout(connect=15, read=60)


@dataclass(frozen=True, slots=True)
class Account:
    host: str
    port: int
    security: str
    username: str
    password: str
    ca_file: Path | None = None
    private_hosts: bool = False

    def __repr__(self) -> str:  # never the password, in a log or a traceback
        return f"Account({self.username}@{self.host}:{self.port}, {self.security})"


@dataclass(frozen=True, slots=True)
class FolderProgress:
    uidvalidity: int
    last_uid: int


class MailboxProblem(Exception):
    """The server said no, or could not be reached: `kind` names which, `message` says it."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


#: Errors that mean the connection broke (the server went away, or a read timed out).
BROKEN = (imaplib.IMAP4.abort, OSError, socket.timeout, EOFError)


@contextmanager
def connected(account: Account) -> Iterator[IMAPClient]:
    """A logged-in client, logged out (or dropped) afterwards."""
    client = _login(account)
    try:
        yield client
    finally:
        try:
            client.logout()
        except (IMAPClientError, *BROKEN):
            with suppress(IMAPClientError, *BROKEN):
                client.shutdown()


def _login(account: Account) -> IMAPClient:
    where = f"{account.host}:{account.port}"
    if not account.private_hosts:
        _refuse_private(account.host, account.port)
    context = ssl.create_default_context(cafile=account.ca_file)
    try:
        client = IMAPClient(
            account.host,
            account.port,
            ssl=account.security == "tls",
            ssl_context=context,
            timeout=_TIMEOUT,
        )
        if account.security == "starttls":
            client.starttls(context)
        client.login(account.username, account.password)
    except ssl.SSLCertVerificationError as exc:
        raise MailboxProblem(
            "tls", f"The certificate of {where} could not be verified ({exc.verify_message})."
        ) from exc
    except ssl.SSLError as exc:
        raise MailboxProblem(
            "tls", f"No TLS connection could be made with {where}; check the port and security."
        ) from exc
    except LoginError as exc:
        raise MailboxProblem(
            "login", f"{where} refused the user name or password (for Gmail: an app password)."
        ) from exc
    except (IMAPClientError, *BROKEN) as exc:
        raise MailboxProblem(
            "unreachable", f"{where} could not be reached or spoke no IMAP."
        ) from exc
    return client


def _refuse_private(host: str, port: int) -> None:
    """A user's mailbox may not point the server at its own network (unless allowed)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise MailboxProblem("unreachable", f"{host} is not a host name that resolves.") from exc
    for *_rest, address in found:
        ip = ipaddress.ip_address(address[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved:
            raise MailboxProblem(
                "private-host",
                f"{host} is on a private network; this server does not connect to such hosts "
                "(FOLLOWUP_MAIL_PRIVATE_HOSTS=true allows it).",
            )


def folders_of(client: IMAPClient, given: dict[str, str]) -> dict[str, str]:
    """Each role's folder: as given, else INBOX and the folder the server marks \\Sent."""
    existing = {name for _flags, _delimiter, name in client.list_folders()}
    found = {"inbox": given.get("inbox") or "INBOX"}
    sent = given.get("sent") or client.find_special_folder(SENT)
    if sent:
        found["sent"] = sent
    for name in found.values():
        if name not in existing and name.upper() != "INBOX":
            raise MailboxProblem("folder", f"The server has no folder named '{name}'.")
    return found


def new_messages(
    client: IMAPClient, folder: str, since: FolderProgress | None, *, batch: int
) -> Iterator[tuple[FolderProgress, list[bytes]]]:
    """Batches of the messages after `since`, each with the progress to keep once it is stored.

    A changed UIDVALIDITY means the server renumbered the folder: everything is read again
    (and the per-user message ids keep it from being logged twice).
    """
    status = client.select_folder(folder, readonly=True)
    validity = int(status[b"UIDVALIDITY"])
    after = since.last_uid if since is not None and since.uidvalidity == validity else 0
    uids = sorted(uid for uid in client.search(["UID", f"{after + 1}:*"]) if uid > after)
    for start in range(0, len(uids), batch):
        chunk = uids[start : start + batch]
        answers = client.fetch(chunk, _FETCH)
        raws = [
            bytes(answers[uid].get(_HEADER, b"")) + bytes(answers[uid].get(_TEXT, b"") or b"")
            for uid in chunk
            if uid in answers
        ]
        yield FolderProgress(uidvalidity=validity, last_uid=chunk[-1]), raws
