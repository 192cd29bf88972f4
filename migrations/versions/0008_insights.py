"""insights: one row per published snapshot of the regional figures

Revision ID: 0008_insights
Revises: 0007_push_checkin
Create Date: 2026-12-05 16:36:07.344901
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import backend.db

# JSONB on PostgreSQL, JSON text on SQLite (JsonDoc in the models).
JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision: str = "0008_insights"
down_revision: str | None = "0007_push_checkin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "insight_publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reference_date", sa.Date(), nullable=False),
        sa.Column("directory", sa.String(length=64), nullable=False),
        sa.Column("files", JSON_DOC, nullable=False),
        sa.Column("summary", JSON_DOC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_publication")),
        sa.UniqueConstraint("directory", name=op.f("uq_insight_publication_directory")),
        sa.UniqueConstraint("version", name=op.f("uq_insight_publication_version")),
    )


def downgrade() -> None:
    op.drop_table("insight_publication")
