"""Alembic environment: online migrations against the configured URL, one transaction each."""

from __future__ import annotations

import os

from alembic import context

from followup import models  # noqa: F401  (registers the tables on Base.metadata)
from followup.db import Base, make_engine

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
        _run(connection)
    engine.dispose()


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
