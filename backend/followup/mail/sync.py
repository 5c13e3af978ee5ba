"""Syncing a mailbox: a plain function any caller runs (the /sync endpoint, `followup mail-sync`,
a worker job).

No transaction is held while the server is talked to. Each fetched batch is recorded in a
short write transaction of its own together with the folder's new UID position, so a sync that
breaks off (the server drops, the process dies) keeps what it stored, and the next one resumes
after it; the per-user message ids keep a repeat from logging anything twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from imapclient.exceptions import IMAPClientError
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from followup.config import Settings
from followup.db import transaction
from followup.mail.imap import (
    BROKEN,
    Account,
    FolderProgress,
    MailboxProblem,
    connected,
    folders_of,
    new_messages,
)
from followup.mail.matching import Tally, record
from followup.mail.secrets import PasswordBox, PasswordUnreadable
from followup.models import Mailbox, User
from followup.repository import Repo
from followup.worker.context import WorkerContext

#: Messages per fetch and per transaction.
BATCH = 200
_BROKE_OFF = (
    "The connection to the server broke off during the sync; what was read is kept and the "
    "next sync resumes after it."
)


@dataclass(frozen=True, slots=True)
class MailAccess:
    """How this server reaches mail: the password keys, extra trusted authorities, and whether
    private-network hosts are allowed. Built once from the settings."""

    passwords: PasswordBox
    ca_file: Path | None = None
    private_hosts: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> MailAccess:
        return cls(
            passwords=PasswordBox.from_settings(settings),
            ca_file=settings.mail_ca_file,
            private_hosts=settings.mail_private_hosts,
        )


@dataclass(frozen=True, slots=True)
class SyncResult:
    tally: Tally
    problem: MailboxProblem | None


def account_of(mailbox: Mailbox, access: MailAccess) -> Account:
    try:
        password = access.passwords.open(mailbox.password_encrypted)
    except PasswordUnreadable as exc:
        raise MailboxProblem(
            "login", "The stored password cannot be decrypted (the keys changed); enter it again."
        ) from exc
    return Account(
        host=mailbox.host,
        port=mailbox.port,
        security=mailbox.security,
        username=mailbox.username,
        password=password,
        ca_file=access.ca_file,
        private_hosts=access.private_hosts,
    )


def check_mailbox(account: Account, folders: dict[str, str]) -> dict[str, str]:
    """Log in and find the folders; a MailboxProblem says what is wrong."""
    with connected(account) as client:
        return folders_of(client, folders)


def sync_mailbox(
    factory: sessionmaker[Session],
    mailbox_id: int,
    *,
    now: datetime,
    access: MailAccess,
    batch: int = BATCH,
) -> SyncResult:
    """Fetch what is new in the mailbox's folders, match it, and note how the sync went."""
    with transaction(factory) as session:
        mailbox = session.get(Mailbox, mailbox_id)
        if mailbox is None:
            return SyncResult(Tally(), None)
        user_id, given, progress = mailbox.user_id, dict(mailbox.folders), dict(mailbox.progress)
        try:
            account: Account | None = account_of(mailbox, access)
            problem = None
        except MailboxProblem as unreadable:
            account, problem = None, unreadable
    tally = Tally()
    found: dict[str, str] = {}
    if account is not None:
        problem = _fetch_all(
            factory, mailbox_id, user_id, account, given, progress, batch, tally, found
        )
    _note_outcome(
        factory,
        mailbox_id,
        user_id,
        now=now,
        problem=problem,
        access=access,
        found=found,
    )
    return SyncResult(tally, problem)


def _fetch_all(
    factory: sessionmaker[Session],
    mailbox_id: int,
    user_id: int,
    account: Account,
    given: dict[str, str],
    progress: dict[str, dict[str, int]],
    batch: int,
    tally: Tally,
    found: dict[str, str],
) -> MailboxProblem | None:
    """Read every role's folder; `tally` and `found` (the folders) fill in as it goes."""
    try:
        with connected(account) as client:
            folders = folders_of(client, given)
            found.update(folders)
            for role, folder in folders.items():
                since = FolderProgress(**progress[folder]) if folder in progress else None
                for position, raws in new_messages(client, folder, since, batch=batch):
                    done = _store(factory, mailbox_id, user_id, role, folder, position, raws)
                    if done is None:
                        return None  # the mailbox was disconnected meanwhile
                    tally.add(done)
    except MailboxProblem as problem:
        return problem
    except BROKEN:
        return MailboxProblem("broke_off", _BROKE_OFF)
    except IMAPClientError:
        return MailboxProblem("refused", "The server refused a command during the sync.")
    return None


def _store(
    factory: sessionmaker[Session],
    mailbox_id: int,
    user_id: int,
    role: str,
    folder: str,
    position: FolderProgress,
    raws: list[bytes],
) -> Tally | None:
    with transaction(factory, write=True) as session:
        repo = _locked(session, user_id)
        mailbox = repo.find(Mailbox, mailbox_id)
        if mailbox is None:
            return None
        done = record(repo, ((raw, role) for raw in raws), mailbox_id=mailbox_id)
        kept = mailbox.progress.get(folder, {})
        last_uid = position.last_uid
        if kept.get("uidvalidity") == position.uidvalidity:  # a sync running beside this one
            last_uid = max(last_uid, int(kept.get("last_uid", 0)))  # may have got further
        mailbox.progress = {
            **mailbox.progress,
            folder: {"uidvalidity": position.uidvalidity, "last_uid": last_uid},
        }
        session.flush()
        return done


def _locked(session: Session, user_id: int) -> Repo:
    """The user's writes never interleave: take their row's lock, as every request does."""
    session.execute(select(User.id).where(User.id == user_id).with_for_update(key_share=True)).one()
    return Repo(session=session, user_id=user_id)


def _note_outcome(
    factory: sessionmaker[Session],
    mailbox_id: int,
    user_id: int,
    *,
    now: datetime,
    problem: MailboxProblem | None,
    access: MailAccess,
    found: dict[str, str],
) -> None:
    with transaction(factory, write=True) as session:
        mailbox = _locked(session, user_id).find(Mailbox, mailbox_id)
        if mailbox is None:
            return
        mailbox.last_error = problem.message[:500] if problem else None
        if found:
            mailbox.folders = found
        if problem is None:
            mailbox.last_synced_at = now
            # Under the newest key, so an old one can be retired (mail/secrets.py).
            try:
                mailbox.password_encrypted = access.passwords.reseal(mailbox.password_encrypted)
            except PasswordUnreadable:
                pass


def sync_due_mailboxes(
    factory: sessionmaker[Session],
    now: datetime,
    *,
    access: MailAccess,
    every: timedelta,
) -> dict[int, SyncResult]:
    """Sync every mailbox not synced within `every` (the periodic job), one after another."""
    with transaction(factory) as session:
        due = list(
            session.scalars(
                select(Mailbox.id)
                .where(or_(Mailbox.last_synced_at.is_(None), Mailbox.last_synced_at <= now - every))
                .order_by(Mailbox.id)
            )
        )
    return {
        mailbox_id: sync_mailbox(factory, mailbox_id, now=now, access=access) for mailbox_id in due
    }


def sync_mailboxes(context: WorkerContext, now: datetime) -> None:
    """The scheduled job: every mailbox whose last sync is FOLLOWUP_MAIL_SYNC_MINUTES old."""
    sync_due_mailboxes(
        context.factory,
        now,
        access=MailAccess.from_settings(context.settings),
        every=timedelta(minutes=context.settings.mail_sync_minutes),
    )
