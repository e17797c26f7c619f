"""drop the account revision: the whole-list cache it keyed is gone

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 15:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("revision")


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("revision", sa.String(length=32), server_default="", nullable=False)
        )
