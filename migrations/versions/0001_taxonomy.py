"""Reference data: ESCO, postcodes, regions, education levels.

Revision ID: 0001_taxonomy
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

revision: str = "0001_taxonomy"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
