"""Selfie sections, their revisions, idempotency records and the public profile id."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, SmallInteger, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base, utcnow

# JSONB on PostgreSQL (compact, indexable), JSON text on SQLite.
JsonDoc = JSON().with_variant(JSONB(), "postgresql")


class SelfieProfile(Base):
    """One per person with a selfie: the opaque id employers see instead of the user id."""

    __tablename__ = "selfie_profile"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    # Random and unguessable, so employers cannot walk through profiles by number.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SelfieSection(Base):
    """The current state of one section; absent until its first write (version 0)."""

    __tablename__ = "selfie_section"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int]
    data: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class SelfieRevision(Base):
    """Every accepted version of a section; the newest ones are kept (see service)."""

    __tablename__ = "selfie_revision"
    __table_args__ = (
        Index(
            "ix_selfie_revision_user_id_section_version",
            "user_id",
            "section",
            "version",
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    section: Mapped[str] = mapped_column(String(20))
    version: Mapped[int]
    data: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IdempotencyRecord(Base):
    """A write's Idempotency-Key with what it answered, so a replay gets the same answer."""

    __tablename__ = "idempotency_record"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    # sha256 of the operation (section, base version, body): same key + other body is a 422.
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(SmallInteger)
    response: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
