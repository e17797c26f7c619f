"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26 08:11:26.467791
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    op.create_table(
        "coverages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("site", sa.String(length=40), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("item_id", sa.String(length=100), nullable=True),
        sa.Column("brand", sa.String(length=200), nullable=True),
        sa.Column("model", sa.String(length=200), nullable=True),
        sa.Column("serial", sa.String(length=200), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("price", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("purchase_date", sa.Date(), nullable=False),
        sa.Column("order_ref", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("etag", sa.String(length=32), nullable=False),
        sa.Column("cover_state", sa.String(length=10), nullable=False),
        sa.Column("covered_from", sa.Date(), nullable=False),
        sa.Column("covered_until", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "idempotency_key", name="uq_coverages_idempotency"),
        sa.UniqueConstraint("public_id"),
    )
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_coverages_account_created", ["account_id", "created_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_coverages_account_purchase", ["account_id", "purchase_date", "id"], unique=False
        )
        batch_op.create_index(
            "ix_coverages_account_title", ["account_id", "title", "id"], unique=False
        )
        batch_op.create_index(
            "ix_coverages_account_until", ["account_id", "covered_until", "id"], unique=False
        )

    op.create_table(
        "devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_devices_account_id"), ["account_id"], unique=False)

    op.create_table(
        "pairing_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    with op.batch_alter_table("pairing_codes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pairing_codes_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "coverage_layers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("coverage_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("component", sa.String(length=100), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("plan_kind", sa.String(length=20), nullable=True),
        sa.Column("term_months", sa.Integer(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("lifetime", sa.Boolean(), nullable=False),
        sa.Column("starts", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("price", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("full_refund_days", sa.Integer(), nullable=True),
        sa.Column("refund_after", sa.String(length=20), nullable=True),
        sa.Column("refund_fee", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("refund_less_claims", sa.Boolean(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["coverage_id"], ["coverages.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    with op.batch_alter_table("coverage_layers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coverage_layers_coverage_id"), ["coverage_id"], unique=False
        )



def downgrade() -> None:
    with op.batch_alter_table("coverage_layers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coverage_layers_coverage_id"))

    op.drop_table("coverage_layers")
    with op.batch_alter_table("pairing_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pairing_codes_account_id"))

    op.drop_table("pairing_codes")
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_devices_account_id"))

    op.drop_table("devices")
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.drop_index("ix_coverages_account_until")
        batch_op.drop_index("ix_coverages_account_title")
        batch_op.drop_index("ix_coverages_account_purchase")
        batch_op.drop_index("ix_coverages_account_created")

    op.drop_table("coverages")
    op.drop_table("accounts")
