"""reminders: account settings, the reminders table, and muting a coverage's reminders

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 17:50:00

Coverages stored before this get their reminders from `flask --app server reminders schedule`
(idempotent), which `make migrate` runs after upgrading.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminders_muted", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table(
        "account_settings",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("lead_days", sa.JSON(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("quiet_start", sa.String(length=5), nullable=True),
        sa.Column("quiet_end", sa.String(length=5), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id"),
    )
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("coverage_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=36), nullable=False, server_default=""),
        sa.Column("event_on", sa.Date(), nullable=False),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.Column("fires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("acked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coverage_id"], ["coverages.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
        sa.UniqueConstraint("coverage_id", "kind", "subject", "event_on", "lead_days",
                            name="uq_reminders_schedule"),
    )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index("ix_reminders_account_due", ["account_id", "due_at"], unique=False)
        batch_op.create_index("ix_reminders_due", ["due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index("ix_reminders_due")
        batch_op.drop_index("ix_reminders_account_due")
    op.drop_table("reminders")
    op.drop_table("account_settings")
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.drop_column("reminders_muted")
