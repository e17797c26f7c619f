"""refund cases and their history

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 18:20:00

A case names its coverage layer by public id (editing a coverage replaces layer rows; the case
must survive that); deleting the coverage deletes its cases and their history.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(18, 4)


def upgrade() -> None:
    op.create_table(
        "refund_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("coverage_id", sa.Integer(), nullable=False),
        sa.Column("layer_public_id", sa.String(length=36), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("route", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("state_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coverage_id"], ["coverages.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    op.create_index("ix_refund_cases_account_created", "refund_cases",
                    ["account_id", "created_at", "id"])
    op.create_index("ix_refund_cases_coverage_layer", "refund_cases",
                    ["coverage_id", "layer_public_id"])
    op.create_table(
        "refund_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("from_state", sa.String(length=30), nullable=True),
        sa.Column("to_state", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("asked", MONEY, nullable=True),
        sa.Column("offered", MONEY, nullable=True),
        sa.Column("received", MONEY, nullable=True),
        sa.Column("layer_refunded", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["refund_cases.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_refund_events_case_id", "refund_events", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_refund_events_case_id", table_name="refund_events")
    op.drop_table("refund_events")
    op.drop_index("ix_refund_cases_coverage_layer", table_name="refund_cases")
    op.drop_index("ix_refund_cases_account_created", table_name="refund_cases")
    op.drop_table("refund_cases")
