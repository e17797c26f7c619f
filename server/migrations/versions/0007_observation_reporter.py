"""offer observations name their reporter (a digest of the account), one price a day each

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 16:10:00

Rows from before have reporter '' and count as one reporter together.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_OLD = ("site", "item_id", "offer", "term_months", "currency", "observed_on", "price")
_NEW = ("site", "item_id", "offer", "term_months", "currency", "observed_on", "reporter")


def upgrade() -> None:
    with op.batch_alter_table("offer_observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reporter", sa.String(length=16), nullable=False,
                                      server_default=""))
        batch_op.drop_constraint("uq_offer_observations_daily", type_="unique")
    # Before, one row per price and day; now one per reporter and day: keep the lowest price.
    op.execute("DELETE FROM offer_observations WHERE id NOT IN (SELECT MIN(id) FROM "
               "offer_observations GROUP BY site, item_id, offer, term_months, currency, "
               "observed_on)")
    with op.batch_alter_table("offer_observations", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_offer_observations_reporter", list(_NEW))


def downgrade() -> None:
    with op.batch_alter_table("offer_observations", schema=None) as batch_op:
        batch_op.drop_constraint("uq_offer_observations_reporter", type_="unique")
        batch_op.drop_column("reporter")
        batch_op.create_unique_constraint("uq_offer_observations_daily", list(_OLD))
