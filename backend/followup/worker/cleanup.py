"""Removing what has expired: login sessions, idempotency keys, old login-attempt windows."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, delete

from followup.accounts.throttle import WINDOW
from followup.db import transaction
from followup.models import IdempotencyKey, LoginAttempts, LoginSession
from followup.worker.context import WorkerContext

log = logging.getLogger("followup.worker")


def remove_expired(context: WorkerContext, now: datetime) -> None:
    """Delete expired rows; deleting twice is deleting once, so any worker may run it."""
    with transaction(context.factory) as session:
        statements = {
            "login sessions": delete(LoginSession).where(LoginSession.expires_at <= now),
            "idempotency keys": delete(IdempotencyKey).where(IdempotencyKey.expires_at <= now),
            "login attempts": delete(LoginAttempts).where(
                LoginAttempts.window_started_at <= now - WINDOW
            ),
        }
        counts = {}
        for name, statement in statements.items():
            result: CursorResult[Any] = session.execute(statement)  # type: ignore[assignment]
            counts[name] = result.rowcount
    log.info("clean-up", extra={"fields": {"removed": counts}})
