"""calendar blocks: each coverage's calendar events, serialised once and kept

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 23:10:00

A feed of 500 coverages is joined from these instead of being built by icalendar again in every
worker (about 1.7 s from nothing); the reminder dispatcher's loop builds them for subscribed
accounts after coverages change, and a fetch builds any that are missing or stale.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_blocks",
        sa.Column("coverage_id", sa.Integer(), nullable=False),
        sa.Column("etag", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("block", sa.LargeBinary(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["coverage_id"], ["coverages.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("coverage_id"),
    )


def downgrade() -> None:
    op.drop_table("calendar_blocks")
