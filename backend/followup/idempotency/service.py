"""Claiming, recording and releasing idempotency keys, each in its own short transaction.

The claim is committed before the request's own work starts, so a second request with the same
key, in this process or another, finds the row and learns that the first is still running.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import orjson
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from followup.db import transaction
from followup.errors import Conflict, Invalid
from followup.models import IdempotencyKey

TTL = timedelta(hours=24)
# A claim still pending after this long belongs to a request that died before committing: its
# answer is recorded in the same transaction as its work, so nothing of it was kept.
ABANDONED_AFTER = timedelta(minutes=5)
HEADER = "Idempotency-Key"


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """The first answer given for a key, replayed byte for byte."""

    status_code: int
    media_type: str | None
    etag: str | None
    body: bytes


def fingerprint(*, method: str, path: str, query: str, media_type: str, body: bytes) -> str:
    """What makes two requests 'the same call': method, target, content type and body.

    A JSON body is compared by its content, not its bytes: a client that rebuilds the same
    dictionary on retry (phone shortcuts do) may send its keys in another order.
    """
    digest = hashlib.sha256()
    for part in (method, path, query, media_type.split(";", 1)[0].strip().lower()):
        digest.update(part.encode())
        digest.update(b"\x00")
    digest.update(_canonical(body, media_type))
    return digest.hexdigest()


def _canonical(body: bytes, media_type: str) -> bytes:
    if not body or "json" not in media_type.lower():
        return body
    try:
        return orjson.dumps(orjson.loads(body), option=orjson.OPT_SORT_KEYS)
    except orjson.JSONDecodeError:
        return body  # the endpoint will refuse it; compare the bytes meanwhile


def claim(
    factory: sessionmaker[Session], *, user_id: int, key: str, fingerprint: str, now: datetime
) -> int | StoredResponse:
    """The id of a fresh pending claim, or the stored answer of a completed identical request.

    Raises Invalid when the key was used for a different request, Conflict while it runs.
    """
    for _attempt in range(3):
        try:
            with transaction(factory) as session:
                # Expired keys are forgotten lazily, a user at a time.
                session.execute(
                    delete(IdempotencyKey).where(
                        IdempotencyKey.user_id == user_id, IdempotencyKey.expires_at <= now
                    )
                )
                row = IdempotencyKey(
                    user_id=user_id,
                    key=key,
                    fingerprint=fingerprint,
                    created_at=now,
                    expires_at=now + TTL,
                )
                session.add(row)
                session.flush()
                return row.id
        except IntegrityError:
            pass  # the key is taken: look at who holds it
        with transaction(factory) as session:
            existing = session.scalars(
                select(IdempotencyKey).where(
                    IdempotencyKey.user_id == user_id, IdempotencyKey.key == key
                )
            ).one_or_none()
        if existing is None:
            continue  # released in between (the first request failed): claim it afresh
        if existing.fingerprint != fingerprint:
            raise Invalid(
                "This Idempotency-Key was already used for a different request; use a new key.",
                errors=[{"loc": ["header", HEADER], "msg": "reused with a different request"}],
            )
        if existing.status_code is None or existing.body is None:
            if existing.created_at > now - ABANDONED_AFTER:
                break
            release(factory, claim_id=existing.id)
            continue
        return StoredResponse(
            status_code=existing.status_code,
            media_type=existing.media_type,
            etag=existing.etag,
            body=existing.body,
        )
    raise Conflict("A request with this Idempotency-Key is still running; retry in a moment.")


def record(session: Session, *, claim_id: int, response: StoredResponse) -> None:
    """Keep the answer, in the request's own transaction: it is kept exactly when the work is."""
    session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.id == claim_id)
        .values(
            status_code=response.status_code,
            media_type=response.media_type,
            etag=response.etag,
            body=response.body,
        )
    )


def release(factory: sessionmaker[Session], *, claim_id: int) -> None:
    """A failed request is not remembered: the key is free for a corrected retry."""
    with transaction(factory) as session:
        session.execute(delete(IdempotencyKey).where(IdempotencyKey.id == claim_id))
