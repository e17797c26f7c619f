"""coverages remember the id they were imported under and the digest of an idempotent create

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 16:00:00

`source_id`: an imported coverage whose file id belonged to another account gets a fresh id;
the file's id is kept here (unique per account) so that importing the same file again replaces
it instead of duplicating it. `idempotency_digest`: the SHA-256 of the create request that used
`idempotency_key`, so the same key with a different body can be refused. Rows stored before
have neither; an old key still replays its record whatever the body.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idempotency_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("source_id", sa.String(length=36), nullable=True))
        batch_op.create_unique_constraint("uq_coverages_source", ["account_id", "source_id"])


def downgrade() -> None:
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.drop_constraint("uq_coverages_source", type_="unique")
        batch_op.drop_column("source_id")
        batch_op.drop_column("idempotency_digest")
