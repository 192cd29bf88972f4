"""The publications of regional insights: one row per published snapshot.

The figures themselves are files in the publication's folder (CSV, datapackage.json and
the precomputed API documents); the row says where they are and what they hold. No
table here refers to a person: only aggregates are stored.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base, utcnow

# JSONB on PostgreSQL, JSON text on SQLite.
JsonDoc = JSON().with_variant(JSONB(), "postgresql")


class Publication(Base):
    """A published snapshot; its files are never changed afterwards."""

    __tablename__ = "insight_publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    # 1, 2, 3 … in the order of publication; part of the folder name and the package version.
    version: Mapped[int] = mapped_column(unique=True)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The day the figures describe (the data as it was then).
    reference_date: Mapped[date] = mapped_column(Date)
    # The folder under the publications directory, e.g. "2026-11-23-v3".
    directory: Mapped[str] = mapped_column(String(64), unique=True)
    # The downloadable files: [{name, media_type, bytes, sha256, rows}].
    files: Mapped[list[dict[str, Any]]] = mapped_column(JsonDoc)
    # A few headline figures (already rounded and suppressed), e.g. jobseekers counted.
    summary: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
