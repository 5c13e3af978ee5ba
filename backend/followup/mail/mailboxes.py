"""Mailboxes: the IMAP accounts a user connected."""

from __future__ import annotations

from typing import Any

from followup.mail.schemas import MailboxIn, MailboxOut, MailboxPatch
from followup.mail.secrets import PasswordBox
from followup.models import Mailbox
from followup.pagination import fetch_page
from followup.repository import Repo

DEFAULT_PORTS = {"tls": 993, "starttls": 143, "none": 143}
#: Changing any of these points the mailbox at other mail: it is read from the start again.
_WHERE = ("host", "port", "username")


def create(repo: Repo, *, data: MailboxIn, passwords: PasswordBox) -> Mailbox:
    mailbox = Mailbox(
        host=data.host,
        port=data.port or DEFAULT_PORTS[data.security],
        security=data.security,
        username=data.username,
        password_encrypted=passwords.seal(data.password),
        folders=data.folders.model_dump(exclude_none=True),
        progress={},
    )
    repo.add(mailbox)
    return mailbox


def update(repo: Repo, *, mailbox: Mailbox, data: MailboxPatch, passwords: PasswordBox) -> Mailbox:
    changes = data.changes()
    if "password" in changes:
        changes["password_encrypted"] = passwords.seal(changes.pop("password"))
    if "folders" in changes:
        changes["folders"] = {k: v for k, v in changes["folders"].items() if v is not None}
    if any(name in changes and changes[name] != getattr(mailbox, name) for name in _WHERE):
        changes["progress"] = {}
    if "password_encrypted" in changes:
        changes["last_error"] = None  # a new password deserves a fresh start
    repo.apply(mailbox, changes)
    return mailbox


def delete(repo: Repo, *, mailbox: Mailbox) -> None:
    repo.delete(mailbox)


def page(
    repo: Repo, *, limit: int, cursor: str | None, key: str
) -> tuple[list[dict[str, Any]], str | None]:
    return fetch_page(repo, Mailbox, MailboxOut.model_fields, limit=limit, cursor=cursor, key=key)
