"""Alembic environment: online migrations against the configured URL, one transaction each."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, text

from followup import models  # noqa: F401  (registers the tables on Base.metadata)
from followup.db import WRITE, Base, make_engine

#: The advisory lock that makes migrations one at a time on a PostgreSQL database.
MIGRATION_LOCK = 7_203_011_001
config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    url = config.get_main_option("sqlalchemy.url")
    if config.config_file_name is not None:  # the alembic CLI: the environment decides
        url = os.environ.get("FOLLOWUP_DATABASE_URL", url)
    if not url:
        raise RuntimeError("No database URL: set FOLLOWUP_DATABASE_URL.")
    engine = make_engine(url)
    with engine.connect() as connection:
        _run(connection.execution_options(**WRITE))
    engine.dispose()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several servers starting at once: one migrates, the others wait, then find the
            # schema at head and do nothing. (SQLite's BEGIN IMMEDIATE serialises them already.)
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()


run_migrations()
