"""Sending each user's morning email at most once per local day, from any number of workers.

A digest is claimed first (a row unique per user and local date, committed before anything is
sent), then composed and handed to the SMTP server, then marked sent. A worker that finds the
row taken does nothing. An SMTP refusal marks it failed and it is retried with backoff the
same day; a claim whose worker died (`sending` for longer than the lease) is taken over. The
one window left is between the SMTP server accepting the message and the commit that marks it
sent (milliseconds); a resend after a crash there carries the same Message-ID.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, CursorResult, and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from followup.db import transaction
from followup.digest import compose, mail
from followup.models import Digest, User
from followup.next_actions.service import open_actions
from followup.policy import Action
from followup.repository import Repo
from followup.worker.context import WorkerContext

log = logging.getLogger("followup.digest")

MAX_RETRY_DELAY = timedelta(hours=1)


def send_due_digests(context: WorkerContext, now: datetime) -> None:
    """Send every digest whose local hour has come today and that no one has claimed."""
    if not context.settings.smtp_url:
        return  # no email on this server: nothing is claimed, so nothing is marked failed
    with mail.Outbox(context.settings.smtp_url) as outbox:  # one connection for the run
        for user_id, local_date in due_digests(context, now):
            deliver(context, outbox, user_id=user_id, local_date=local_date, now=now)


def due_digests(context: WorkerContext, now: datetime) -> list[tuple[int, date]]:
    """(user, local date) of every user whose hour has come today and whose digest is open."""
    with transaction(context.factory) as session:
        users = session.execute(
            select(User.id, User.timezone, User.digest_hour).where(User.digest_hour.is_not(None))
        ).all()
        wanted: dict[int, date] = {}
        for user_id, timezone, hour in users:
            local = now.astimezone(ZoneInfo(timezone))
            if hour is not None and local.hour >= hour:
                wanted[user_id] = local.date()
        if not wanted:
            return []
        taken = session.execute(
            select(Digest.user_id, Digest.local_date).where(
                Digest.local_date >= min(wanted.values()), ~_reclaimable(now, _lease(context))
            )
        ).all()
    closed = {(user_id, day) for user_id, day in taken}
    return sorted((u, d) for u, d in wanted.items() if (u, d) not in closed)


def _lease(context: WorkerContext) -> timedelta:
    """How long a claim is its worker's before another may take it over (default 10 minutes)."""
    return timedelta(seconds=context.settings.digest_lease_seconds)


def _reclaimable(now: datetime, lease: timedelta) -> ColumnElement[bool]:
    return or_(
        and_(Digest.status == "failed", Digest.retry_at <= now),
        and_(Digest.status == "sending", Digest.claimed_at <= now - lease),
    )


def claim(context: WorkerContext, *, user_id: int, local_date: date, now: datetime) -> bool:
    """Take this user's digest for the day, or learn that someone else has it (or sent it)."""
    try:
        with transaction(context.factory, write=True) as session:
            session.add(
                Digest(user_id=user_id, local_date=local_date, status="sending", claimed_at=now)
            )
        return True
    except IntegrityError:
        pass
    # The row exists: take it over only if it failed and is due a retry, or its worker died.
    with transaction(context.factory, write=True) as session:
        taken: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(Digest)
            .where(
                Digest.user_id == user_id,
                Digest.local_date == local_date,
                _reclaimable(now, _lease(context)),
            )
            .values(status="sending", claimed_at=now, attempts=Digest.attempts + 1)
        )
        return bool(taken.rowcount)


def deliver(
    context: WorkerContext, outbox: mail.Outbox, *, user_id: int, local_date: date, now: datetime
) -> None:
    if not claim(context, user_id=user_id, local_date=local_date, now=now):
        return
    with transaction(context.factory) as session:
        user = session.get_one(User, user_id)
        actions = due_actions(context, Repo(session, user_id), user, now)
        email = None
        if actions:
            email = compose.message(
                user,
                actions,
                local_date=local_date,
                now=now,
                links=compose.Links(context.settings.public_base_url(), context.secret_key),
                sender=context.settings.mail_from,
            )
            email["Message-ID"] = compose.day_message_id(
                user_id, local_date, context.settings.mail_from
            )
    if email is None:
        _record(context, user_id, local_date, claimed_at=now, status="nothing_due")
        return
    try:
        outbox.send(email)
    except (OSError, ValueError) as exc:  # smtplib's errors are OSErrors
        log.warning("digest not sent", extra={"fields": {"user_id": user_id, "error": str(exc)}})
        _record(context, user_id, local_date, claimed_at=now, status="failed", error=str(exc))
        return
    _record(context, user_id, local_date, claimed_at=now, status="sent", actions=len(actions))
    log.info("digest sent", extra={"fields": {"user_id": user_id, "actions": len(actions)}})


def due_actions(context: WorkerContext, repo: Repo, user: User, now: datetime) -> list[Action]:
    """What the email lists: the open actions due or overdue now (snoozed ones are not open)."""
    actions = open_actions(repo, user, as_of=now, application_id=None, cache=context.cache)
    return [a for a in actions if a.status != "upcoming"]


def _record(
    context: WorkerContext,
    user_id: int,
    local_date: date,
    *,
    claimed_at: datetime,
    status: str,
    actions: int = 0,
    error: str | None = None,
) -> None:
    """Mark how the claim ended; only the claim this worker holds (its claimed_at) is changed."""
    with transaction(context.factory, write=True) as session:
        row = session.scalars(
            select(Digest).where(Digest.user_id == user_id, Digest.local_date == local_date)
        ).one()
        if row.claimed_at != claimed_at or row.status != "sending":
            return  # the lease ran out and another worker took it over
        row.status, row.actions = status, actions
        row.error = error[:500] if error else None
        if status == "sent":
            row.sent_at = claimed_at
        if status == "failed":
            row.retry_at = claimed_at + min(MAX_RETRY_DELAY, timedelta(minutes=2**row.attempts))


# -- what the user sees and does --------------------------------------------------------------
def latest(repo: Repo) -> Digest | None:
    return repo.session.scalars(
        repo.select(Digest).order_by(Digest.local_date.desc()).limit(1)
    ).one_or_none()


def send_now(context: WorkerContext, repo: Repo, user: User, now: datetime) -> int:
    """A digest of what is due now, sent at once and not counted as the day's (Settings' test)."""
    actions = due_actions(context, repo, user, now)
    local_date = now.astimezone(ZoneInfo(user.timezone)).date()
    email = compose.message(
        user,
        actions,
        local_date=local_date,
        now=now,
        links=compose.Links(context.settings.public_base_url(), context.secret_key),
        sender=context.settings.mail_from,
    )
    mail.send(context.settings.smtp_url, email)
    return len(actions)


def lock_user(repo: Repo) -> User | None:
    """The user a signed link names (None: deleted since), locked for the write as a
    logged-in request would be."""
    return repo.session.scalars(
        select(User).where(User.id == repo.user_id).with_for_update(key_share=True)
    ).one_or_none()
