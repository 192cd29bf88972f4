"""open hiring: the list counts the people in line (waiting or offered)

A sign-up answers how many people are ahead; counting the list for that grew with its
length. The list row keeps the number, changed under the list's lock by every change of
a place (backend/open_hiring/service.py); here it starts from the places as they are.

Revision ID: 0010_open_hiring_in_line
Revises: 0009_learning_matching
Create Date: 2026-12-05 18:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_open_hiring_in_line"
down_revision: str | None = "0009_learning_matching"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("open_hiring_list") as batch:
        batch.add_column(sa.Column("in_line", sa.Integer(), server_default="0", nullable=False))
    op.execute(
        "UPDATE open_hiring_list SET in_line = ("
        " SELECT count(*) FROM queue_place"
        " WHERE queue_place.vacancy_id = open_hiring_list.vacancy_id"
        " AND queue_place.state IN ('waiting', 'offered'))"
    )


def downgrade() -> None:
    with op.batch_alter_table("open_hiring_list") as batch:
        batch.drop_column("in_line")
