"""Keyset pagination with opaque, signed cursors (a forged or stale-format cursor is a 422)."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Annotated, Any, Generic, TypeVar

import orjson
from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, bindparam, select

from followup.db import Base
from followup.errors import Invalid
from followup.repository import Repo
from followup.security import sign, signature_matches

Item = TypeVar("Item")

LimitQuery = Annotated[int, Query(ge=1, le=200, description="Page size, 1 to 200.")]
CursorQuery = Annotated[
    str | None,
    Query(
        max_length=200,
        pattern=r"^[A-Za-z0-9_-]+\.[0-9a-f]{32}$",
        description="`next_cursor` of the previous page.",
    ),
]


class Page(BaseModel, Generic[Item]):
    items: list[Item]
    next_cursor: str | None


def encode_cursor(after: int | list[str], key: str) -> str:
    """A signed token naming where the next page starts: after a row's id (lists) or after an
    action's (due_at, key) position (next actions)."""
    payload = orjson.dumps({"after": after})
    token = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    return f"{token}.{sign(payload, key)}"


def decode_cursor(cursor: str, key: str) -> int:
    after = _decode(cursor, key)
    if not isinstance(after, int) or isinstance(after, bool):
        raise _invalid()
    return after


def decode_position(cursor: str, key: str) -> tuple[str, str]:
    """The (due_at, key) a next-actions cursor names."""
    after = _decode(cursor, key)
    if not (isinstance(after, list) and len(after) == 2 and all(isinstance(p, str) for p in after)):
        raise _invalid()
    return after[0], after[1]


def _decode(cursor: str, key: str) -> object:
    try:
        token, signature = cursor.split(".", 1)
        payload = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        if not signature_matches(payload, key, signature):
            raise ValueError("signature")
        return orjson.loads(payload)["after"]
    except (ValueError, KeyError, TypeError, orjson.JSONDecodeError) as exc:
        raise _invalid() from exc


def _invalid() -> Invalid:
    return Invalid(
        "The cursor is not one this server handed out.",
        errors=[{"loc": ["query", "cursor"], "msg": "Invalid cursor."}],
    )


@lru_cache(maxsize=64)
def _page_statement(model: type[Base], fields: tuple[str, ...]) -> Select[Any]:
    """One user's rows after an id, in id order: built once per list, since building the
    statement on every request cost more than running it."""
    table = model.__table__
    return (
        select(*(table.c[name] for name in fields if name in table.c))
        .where(table.c.user_id == bindparam("owner"), table.c.id > bindparam("after"))
        .order_by(table.c.id)
        .limit(bindparam("limit"))
    )


def fetch_page(
    repo: Repo,
    model: type[Base],
    fields: Iterable[str],
    *,
    equal: Mapping[str, object] | None = None,
    filters: Sequence[ColumnElement[bool]] = (),
    limit: int,
    cursor: str | None,
    key: str,
) -> tuple[list[dict[str, Any]], str | None]:
    """The user's rows after the cursor, as plain dicts of `fields`, and the next cursor.

    `equal` keeps the rows whose columns equal the values given (a None value: no filter);
    `filters` adds any other condition. Lists are the hottest reads, so they skip ORM objects.
    """
    statement = _page_statement(model, tuple(fields))
    table = model.__table__
    conditions = [
        table.c[name] == value for name, value in (equal or {}).items() if value is not None
    ]
    if conditions or filters:
        statement = statement.where(*conditions, *filters)
    after = decode_cursor(cursor, key) if cursor is not None else 0
    parameters = {"owner": repo.user_id, "after": after, "limit": limit + 1}
    rows = repo.session.execute(statement, parameters).mappings().all()
    items = [dict(row) for row in rows[:limit]]
    next_cursor = encode_cursor(items[-1]["id"], key) if len(rows) > limit else None
    return items, next_cursor
