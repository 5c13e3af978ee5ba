"""The one place that scopes queries to the current user: another user's row is simply absent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, insert, select
from sqlalchemy.orm import Session

from followup.errors import NotFound

Owned = TypeVar("Owned")

_NOUNS = {
    "applications": "application",
    "contacts": "contact",
    "interviews": "interview",
    "touchpoints": "touchpoint",
    "api_tokens": "token",
}


@dataclass(frozen=True, slots=True)
class Repo:
    """A session seen through one user's eyes."""

    session: Session
    user_id: int

    def owns(self, model: type[Any]) -> ColumnElement[bool]:
        """The condition that keeps a query to this user's rows of `model`."""
        condition: ColumnElement[bool] = model.user_id == self.user_id
        return condition

    def select(self, model: type[Owned]) -> Select[Owned]:
        return select(model).where(self.owns(model))

    def find(self, model: type[Owned], id_: int) -> Owned | None:
        return self.session.scalars(
            self.select(model).where(model.id == id_)  # type: ignore[attr-defined]
        ).one_or_none()

    def get(self, model: type[Owned], id_: int) -> Owned:
        """The user's row with this id, or NotFound whether it is missing or someone else's."""
        row = self.find(model, id_)
        if row is None:
            noun = _NOUNS.get(getattr(model, "__tablename__", ""), "resource")
            raise NotFound(f"No {noun} with id {id_}.")
        return row

    def apply(self, row: Any, changes: dict[str, Any]) -> None:
        """Write a PATCH's changes to one of the user's rows."""
        for name, value in changes.items():
            setattr(row, name, value)
        self.session.flush()

    def delete(self, row: Any) -> None:
        self.session.delete(row)
        self.session.flush()

    def add(self, row: Any) -> None:
        row.user_id = self.user_id
        self.session.add(row)
        self.session.flush()

    def insert_many(
        self, model: type[Any], rows: list[dict[str, Any]], *, returning_ids: bool = False
    ) -> list[int]:
        """Bulk-insert the user's rows in one executemany; their new ids in order if asked."""
        if not rows:
            return []
        for row in rows:
            row["user_id"] = self.user_id
        if not returning_ids:
            self.session.execute(insert(model), rows)
            return []
        statement = insert(model).returning(model.id, sort_by_parameter_order=True)
        return list(self.session.scalars(statement, rows))
