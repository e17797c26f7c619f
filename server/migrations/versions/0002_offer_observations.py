"""offer observations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 08:31:01.275997
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offer_observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site", sa.String(length=40), nullable=False),
        sa.Column("item_id", sa.String(length=100), nullable=False),
        sa.Column("offer", sa.String(length=200), nullable=False),
        sa.Column("term_months", sa.Integer(), nullable=False),
        sa.Column("price", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "site",
            "item_id",
            "offer",
            "term_months",
            "currency",
            "observed_on",
            "price",
            name="uq_offer_observations_daily",
        ),
    )
    with op.batch_alter_table("offer_observations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_offer_observations_product", ["site", "item_id", "observed_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("offer_observations", schema=None) as batch_op:
        batch_op.drop_index("ix_offer_observations_product")

    op.drop_table("offer_observations")
