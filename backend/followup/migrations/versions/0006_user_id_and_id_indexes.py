"""the big tables' user_id indexes become (user_id, id), the order lists read a user's rows in

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_applications_user_id"))
        batch_op.create_index(
            batch_op.f("ix_applications_user_id_id"), ["user_id", "id"], unique=False
        )

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_user_id"))
        batch_op.create_index(batch_op.f("ix_contacts_user_id_id"), ["user_id", "id"], unique=False)

    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interviews_user_id"))
        batch_op.create_index(
            batch_op.f("ix_interviews_user_id_id"), ["user_id", "id"], unique=False
        )

    with op.batch_alter_table("touchpoints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_touchpoints_user_id"))
        batch_op.create_index(
            batch_op.f("ix_touchpoints_user_id_id"), ["user_id", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("touchpoints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_touchpoints_user_id_id"))
        batch_op.create_index(batch_op.f("ix_touchpoints_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interviews_user_id_id"))
        batch_op.create_index(batch_op.f("ix_interviews_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_user_id_id"))
        batch_op.create_index(batch_op.f("ix_contacts_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_applications_user_id_id"))
        batch_op.create_index(batch_op.f("ix_applications_user_id"), ["user_id"], unique=False)
