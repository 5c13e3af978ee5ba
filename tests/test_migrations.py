"""The Alembic history is the only way the schema is made: it must match the models both ways."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from followup.db import Base
from followup.migrations.runner import downgrade, head_revision, upgrade


def test_migrations_match_the_models(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == [], f"models and migrations disagree: {differences}"


def test_upgrade_from_empty_then_downgrade_to_base(database_url: str) -> None:
    downgrade(database_url, "base")
    engine = create_engine(database_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    upgrade(database_url, "head")
    engine = create_engine(database_url)
    tables = set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()
    engine.dispose()
    assert set(Base.metadata.tables) <= tables
