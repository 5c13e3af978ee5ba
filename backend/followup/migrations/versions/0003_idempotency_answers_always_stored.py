"""idempotency keys always hold their answer (no more pending claims)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

A key is now stored in the same transaction as its request's work, so a row without an
answer can no longer exist; the pending ones a crash left behind are dropped.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM idempotency_keys WHERE status_code IS NULL OR body IS NULL")
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.alter_column("status_code", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("body", existing_type=sa.LargeBinary(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.alter_column("body", existing_type=sa.LargeBinary(), nullable=True)
        batch_op.alter_column("status_code", existing_type=sa.Integer(), nullable=True)
