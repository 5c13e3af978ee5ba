"""applications track a salary range, where the job was found, tags and the CV version sent

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("salary_min", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("salary_max", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("salary_currency", sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column("source", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("tags", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("cv_version", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        for name in ("cv_version", "tags", "source", "salary_currency", "salary_max", "salary_min"):
            batch_op.drop_column(name)
