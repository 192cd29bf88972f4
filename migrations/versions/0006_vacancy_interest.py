"""regular hiring: a person's interest in a vacancy, with the profile level they share

Revision ID: 0006_vacancy_interest
Revises: 0005_open_hiring
Create Date: 2026-12-05 15:56:44.468087
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.db

revision: str = "0006_vacancy_interest"
down_revision: str | None = "0005_open_hiring"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "vacancy_interest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "share",
            sa.Enum(
                "anonymous",
                "full",
                name="interest_share",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("created_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_vacancy_interest_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancy.id"],
            name=op.f("fk_vacancy_interest_vacancy_id_vacancy"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vacancy_interest")),
        sa.UniqueConstraint(
            "vacancy_id", "user_id", name=op.f("uq_vacancy_interest_vacancy_id_user_id")
        ),
    )
    with op.batch_alter_table("vacancy_interest", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vacancy_interest_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("vacancy_interest", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacancy_interest_user_id"))
    op.drop_table("vacancy_interest")
