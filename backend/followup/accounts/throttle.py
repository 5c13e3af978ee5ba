"""The login limit: five attempts per account and client in fifteen minutes, in the database.

The count lives in the database so every server process shares it, and each attempt is counted
before the password is checked, in one atomic upsert committed on its own: twenty attempts at
once, across any number of processes, still let only five through. The client is the peer's
address, or the address a trusted proxy reports (FOLLOWUP_TRUSTED_PROXIES), so a forged
X-Forwarded-For counts nothing, and someone guessing from elsewhere cannot lock the owner out
of their own device.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from math import ceil

from sqlalchemy import case, delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from followup.db import transaction
from followup.models import LoginAttempts
from followup.security import digest

MAX_ATTEMPTS = 5
WINDOW = timedelta(minutes=15)


def reserve_attempt(
    factory: sessionmaker[Session], *, email: str, client: str, now: datetime
) -> int:
    """Count one attempt; the seconds to wait before the next is allowed (0: go ahead)."""
    horizon = now - WINDOW
    with transaction(factory, write=True) as session:
        dialect = session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        row = LoginAttempts
        fresh = row.window_started_at <= horizon
        statement = (
            insert(row)
            .values(account=digest(email), client=client, attempts=1, window_started_at=now)
            .on_conflict_do_update(
                index_elements=[row.account, row.client],
                set_={
                    "attempts": case((fresh, 1), else_=row.attempts + 1),
                    "window_started_at": case((fresh, now), else_=row.window_started_at),
                },
            )
            .returning(row.attempts, row.window_started_at)
        )
        attempts: int
        started: datetime
        attempts, started = session.execute(statement).one()
    if attempts <= MAX_ATTEMPTS:
        return 0
    return max(1, ceil((started + WINDOW - now).total_seconds()))


def forget_attempts(session: Session, *, email: str, client: str) -> None:
    """A successful login clears the count for this account and client."""
    session.execute(
        delete(LoginAttempts).where(
            LoginAttempts.account == digest(email), LoginAttempts.client == client
        )
    )
