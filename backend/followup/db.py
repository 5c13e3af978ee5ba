"""Engine, declarative base, the UTC datetime column type and the request session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Engine, MetaData, create_engine, event, update
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database.

    PostgreSQL keeps the offset (timestamptz); SQLite drops it, so values are stored as naive
    UTC there and given their zone back on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; attach a time zone first")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


#: A write transaction on SQLite takes the database's write lock when it begins (BEGIN
#: IMMEDIATE), so concurrent writers wait their turn instead of failing when their snapshot
#: turns out stale; PostgreSQL writers lock the rows they guard (see work.py).
WRITE = {"followup_write": True}


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    if url.startswith("sqlite"):
        in_memory = make_url(url).database in (None, "", ":memory:")  # the OpenAPI export
        pooling = (
            {} if in_memory else {"pool_size": pool_size, "max_overflow": 0, "pool_timeout": 15}
        )
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 15}, **pooling
        )
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=pool_size, max_overflow=0, pool_timeout=15
    )


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (below), so that a write can begin IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    writes = connection.get_execution_options().get("followup_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit so routers can serialise what the service returned.
    return sessionmaker(engine, expire_on_commit=False, autoflush=False)


@contextmanager
def transaction(factory: sessionmaker[Session], *, write: bool = False) -> Iterator[Session]:
    """One unit of work: commit when the block succeeds, roll back when it raises."""
    session = factory()
    try:
        if write:
            session.connection(execution_options=WRITE)
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# -- keeping every cache right --------------------------------------------------------------
# Each user's `data_version` goes up with every committed write of their data, wherever the
# write comes from (a request, the worker, the command line): caches key on it.
_TOUCHED = "followup_touched_users"


def touched(session: Session, user_id: int) -> None:
    """Note a write of this user's data that the ORM does not see (bulk inserts and updates)."""
    session.info.setdefault(_TOUCHED, set()).add(user_id)


@event.listens_for(Session, "after_flush")
def _note_orm_writes(session: Session, _flush_context: Any) -> None:
    for row in (*session.new, *session.dirty, *session.deleted):
        owner = getattr(row, "user_id", None)  # a user's own row answers its id (models.User)
        # Bookkeeping rows (a digest sent, a webhook attempt) change nothing a cache holds.
        if owner is not None and getattr(row, "bumps_data_version", True):
            touched(session, owner)


@event.listens_for(Session, "before_commit")
def _bump_data_versions(session: Session) -> None:
    session.flush()  # commit flushes after this hook: note what is still pending first
    users = session.info.pop(_TOUCHED, None)
    if users:
        from followup.models import User  # the schema imports this module

        session.execute(
            update(User)
            .where(User.id.in_(sorted(users)))
            .values(data_version=User.data_version + 1, updated_at=User.updated_at)
        )


@event.listens_for(Session, "after_rollback")
def _forget_writes(session: Session) -> None:
    session.info.pop(_TOUCHED, None)
