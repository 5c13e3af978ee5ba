"""Stored answers of creating POSTs sent with an Idempotency-Key, replayed byte for byte.

Both the lookup and the store run in the request's own transaction, after the caller's write
lock (work.py): a second request with the same key, in this process or another, waits for the
first to commit and then replays its answer. A request that fails or dies stores nothing, so
its key is free at once for a corrected retry.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import orjson
from fastapi import Response
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from followup.errors import Invalid
from followup.models import IdempotencyKey

TTL = timedelta(hours=24)
HEADER = "Idempotency-Key"


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


def stored_answer(
    session: Session, *, user_id: int, key: str, fingerprint: str, now: datetime
) -> Response | None:
    """The answer kept for this key, or None; the same key for another request is a 422."""
    # Expired keys are forgotten lazily, a user at a time (the worker sweeps the rest).
    session.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.user_id == user_id, IdempotencyKey.expires_at <= now
        )
    )
    stored = session.scalars(
        select(IdempotencyKey).where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
    ).one_or_none()
    if stored is None:
        return None
    if stored.fingerprint != fingerprint:
        raise Invalid(
            "This Idempotency-Key was already used for a different request; use a new key.",
            errors=[{"loc": ["header", HEADER], "msg": "reused with a different request"}],
        )
    headers = {"Idempotent-Replayed": "true"}
    if stored.etag:
        headers["ETag"] = stored.etag
    return Response(
        stored.body,
        status_code=stored.status_code,
        media_type=stored.media_type,
        headers=headers,
    )


def store_answer(
    session: Session,
    *,
    user_id: int,
    key: str,
    fingerprint: str,
    response: Response,
    now: datetime,
) -> None:
    session.add(
        IdempotencyKey(
            user_id=user_id,
            key=key,
            fingerprint=fingerprint,
            status_code=response.status_code,
            media_type=response.headers.get("content-type"),
            etag=response.headers.get("etag"),
            body=bytes(response.body),
            created_at=now,
            expires_at=now + TTL,
        )
    )
    session.flush()
