"""Keyset pagination with opaque, signed cursors (a forged or stale-format cursor is a 422)."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Annotated, Any, Generic, TypeVar

import orjson
from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select
from sqlalchemy.orm import Session

from followup.errors import Invalid
from followup.security import sign, signature_matches

Item = TypeVar("Item")
Row = TypeVar("Row")

LimitQuery = Annotated[int, Query(ge=1, le=200, description="Page size, 1 to 200.")]
CursorQuery = Annotated[
    str | None,
    Query(max_length=200, description="`next_cursor` of the previous page."),
]


class Page(BaseModel, Generic[Item]):
    items: list[Item]
    next_cursor: str | None


def encode_cursor(last_id: int, key: str) -> str:
    payload = orjson.dumps({"after": last_id})
    token = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    return f"{token}.{sign(payload, key)}"


def decode_cursor(cursor: str, key: str) -> int:
    try:
        token, signature = cursor.split(".", 1)
        payload = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        if not signature_matches(payload, key, signature):
            raise ValueError("signature")
        last_id = orjson.loads(payload)["after"]
        if not isinstance(last_id, int):
            raise ValueError("after")
    except (ValueError, KeyError, TypeError, orjson.JSONDecodeError) as exc:
        raise Invalid(
            "The cursor is not one this server handed out.",
            errors=[{"loc": ["query", "cursor"], "msg": "Invalid cursor."}],
        ) from exc
    return last_id


def fetch_page(
    session: Session,
    statement: Select[Row],
    id_column: Any,
    *,
    limit: int,
    cursor: str | None,
    key: str,
) -> tuple[Sequence[Row], str | None]:
    """Rows in id order after the cursor, and the cursor of the next page if there is one."""
    if cursor is not None:
        statement = statement.where(id_column > decode_cursor(cursor, key))
    rows = session.scalars(statement.order_by(id_column).limit(limit + 1)).all()
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1].id, key)  # type: ignore[attr-defined]
