"""a coverage's category becomes a code with a subcategory, as in detect and quotes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 15:40:00

Rows stored with a free-text category ("refrigerator") get the code and subcategory the API
would give the same text today; text that names no product family moves to subcategory, so
nothing the shopper typed is lost.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CODES = ("large", "small", "digital", "medical", "not_eligible")


def upgrade() -> None:
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subcategory", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, category FROM coverages WHERE category IS NOT NULL")).all()
    changes = [_coded(row.id, row.category) for row in rows if row.category.lower() not in CODES]
    if changes:
        connection.execute(sa.text("UPDATE coverages SET category = :category, "
                                   "subcategory = :subcategory WHERE id = :id"), changes)
    lower = [{"id": row.id, "category": row.category.lower()} for row in rows
             if row.category.lower() in CODES and row.category != row.category.lower()]
    if lower:
        connection.execute(sa.text("UPDATE coverages SET category = :category WHERE id = :id"),
                           lower)
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.alter_column("category", type_=sa.String(length=20),
                              existing_type=sa.String(length=64))


def _coded(row_id: int, text: str) -> dict:
    from scrapers.classify import classify  # the classifier of today, as the API uses it

    found = classify(text.replace("_", " "))
    if found.subcategory is None:
        return {"id": row_id, "category": None, "subcategory": text[:64]}
    return {"id": row_id, "category": found.category, "subcategory": found.subcategory}


def downgrade() -> None:
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.alter_column("category", type_=sa.String(length=64),
                              existing_type=sa.String(length=20))
    connection = op.get_bind()
    connection.execute(sa.text("UPDATE coverages SET category = subcategory "
                               "WHERE subcategory IS NOT NULL"))
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.drop_column("subcategory")
