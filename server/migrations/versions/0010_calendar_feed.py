"""calendar feed: each account's secret feed address

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 20:10:00

An account gets its row the first time it asks for its feed address (GET /api/v1/calendar);
the secret itself is never stored, only the nonce it is worked out from and its SHA-256.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("lookup", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id"),
        sa.UniqueConstraint("lookup"),
    )


def downgrade() -> None:
    op.drop_table("calendar_feeds")
