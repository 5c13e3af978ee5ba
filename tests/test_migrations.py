"""The Alembic history is the only way the schema is made: it must match the models both ways."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

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


def test_0005_keeps_every_note_and_names_the_outcome_in_post_decision_keys(
    database_url: str,
) -> None:
    """Interviewer notes stay as they were (private now); a post-decision action state recorded
    before per-outcome keys names the application's present outcome, and comes back down."""
    downgrade(database_url, "0004")
    engine = create_engine(database_url)
    now = "2026-11-01 10:00:00+00:00"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, email, password_hash, timezone, policy_profile, "
                "data_version, created_at, updated_at) "
                "VALUES (1, 'a@example.com', 'x', 'UTC', 'balanced', 0, :now, :now)"
            ),
            {"now": now},
        )
        for app_id, status in ((1, "hired"), (2, "interviewing")):
            connection.execute(
                text(
                    "INSERT INTO applications (id, user_id, company, role_title, status, "
                    "workplace, created_at, updated_at) "
                    "VALUES (:id, 1, 'Acme', 'Engineer', :status, 'tech', :now, :now)"
                ),
                {"id": app_id, "status": status, "now": now},
            )
        connection.execute(
            text(
                "INSERT INTO contacts (id, user_id, application_id, name, role, created_at, "
                "updated_at) VALUES (7, 1, 1, 'Dana', 'hiring_manager', :now, :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO interviews (id, user_id, application_id, starts_at, ends_at, round, "
                "created_at, updated_at) VALUES (3, 1, 1, :now, '2026-11-01 11:00:00+00:00', 1, "
                ":now, :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO interviewers (interview_id, contact_id, position, notes) "
                "VALUES (3, 7, 0, 'asked about the billing migration')"
            )
        )
        for state_id, app_id, key in (
            (1, 1, "post_decision.a1.c7"),
            (2, 2, "post_decision.a2.c7"),
            (3, 1, "thank_you.i3.c7"),
        ):
            kind = "send_thank_you" if key.startswith("thank") else "send_post_decision_thanks"
            connection.execute(
                text(
                    "INSERT INTO action_states (id, user_id, application_id, key, kind, state, "
                    "due_at, acted_at, created_at, updated_at) "
                    "VALUES (:id, 1, :app, :key, :kind, 'done', :now, :now, :now, :now)"
                ),
                {"id": state_id, "app": app_id, "key": key, "kind": kind, "now": now},
            )
    engine.dispose()

    def keys_and_notes() -> tuple[list[str], list[str]]:
        engine = create_engine(database_url)
        with engine.connect() as connection:
            keys = connection.scalars(text("SELECT key FROM action_states ORDER BY id")).all()
            notes = connection.scalars(text("SELECT notes FROM interviewers")).all()
        engine.dispose()
        return list(keys), list(notes)

    upgrade(database_url, "head")
    assert keys_and_notes() == (
        ["post_decision.a1.c7.hired", "post_decision.a2.c7", "thank_you.i3.c7"],
        ["asked about the billing migration"],
    )
    downgrade(database_url, "0004")
    if database_url.startswith("postgresql"):
        # (SQLite rebuilds a table to drop its columns, and the rebuild's cascade takes the
        # dependent rows with it: a downgrade there keeps the schema, not the data.)
        assert keys_and_notes()[0] == [
            "post_decision.a1.c7",
            "post_decision.a2.c7",
            "thank_you.i3.c7",
        ]
    upgrade(database_url, "head")
