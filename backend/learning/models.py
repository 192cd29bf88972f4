"""Learning offers of provider organisations, with the skills they teach."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, SmallInteger, String, Text, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.db import Base, string_enum, utcnow

# JSONB on PostgreSQL, JSON text on SQLite.
JsonDoc = JSON().with_variant(JSONB(), "postgresql")


class OfferKind(enum.StrEnum):
    OPLEIDING = "opleiding"
    TRAINING = "training"
    CURSUS = "cursus"
    E_LEARNING = "e-learning"
    BOEK = "boek"
    WERKPLEKLEREN = "werkplekleren"


class CostKind(enum.StrEnum):
    GRATIS = "gratis"
    # Paid by someone else: the municipality, the UWV, a training fund, the employer.
    VERGOED = "vergoed"
    EIGEN_KOSTEN = "eigen_kosten"


class OfferStatus(enum.StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


class LearningOffer(Base):
    """One offer. Place, region and coordinates are copied from the postcode, as vacancies do."""

    __tablename__ = "learning_offer"
    __table_args__ = (
        # The distance search: a bounding box on (lat, lon) of active offers.
        Index("ix_learning_offer_status_lat_lon", "status", "lat", "lon"),
        Index("ix_learning_offer_status_online", "status", "online"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    # Copied from the organisation (as on vacancies): search answers need no accounts read.
    organisation_name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    kind: Mapped[OfferKind] = mapped_column(string_enum(OfferKind, "offer_kind"))
    status: Mapped[OfferStatus] = mapped_column(
        string_enum(OfferStatus, "offer_status"), default=OfferStatus.ACTIVE
    )
    # NLQF level (1-8; the EQF level is the same number) to start, and reached at the end.
    entry_level: Mapped[int | None] = mapped_column(SmallInteger)
    result_level: Mapped[int | None] = mapped_column(SmallInteger)
    online: Mapped[bool] = mapped_column(default=False)
    postcode: Mapped[str | None] = mapped_column(ForeignKey("postcode_nl.pc4"))
    place: Mapped[str | None] = mapped_column(String(100))
    region_code: Mapped[str | None] = mapped_column(String(4))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    duration_weeks: Mapped[int] = mapped_column(SmallInteger)
    hours_per_week: Mapped[int | None] = mapped_column(SmallInteger)
    cost: Mapped[CostKind] = mapped_column(string_enum(CostKind, "offer_cost"))
    # Only for eigen_kosten: the price in euro cents.
    cost_cents: Mapped[int | None] = mapped_column(Integer)
    start_dates: Mapped[list[str]] = mapped_column(JsonDoc, default=list)
    places: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(String(500))
    contact: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived_at: Mapped[datetime | None]

    skills: Mapped[list[LearningOfferSkill]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )
    occupations: Mapped[list[LearningOfferOccupation]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )


class LearningOfferSkill(Base):
    """An ESCO skill an offer teaches."""

    __tablename__ = "learning_offer_skill"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("learning_offer.id", ondelete="CASCADE"), primary_key=True
    )
    # Offers that teach a skill: the learning advice starts from the skills it misses.
    skill_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("esco_skill.id"), primary_key=True, index=True
    )


class LearningOfferOccupation(Base):
    """An ESCO occupation an offer prepares for."""

    __tablename__ = "learning_offer_occupation"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("learning_offer.id", ondelete="CASCADE"), primary_key=True
    )
    occupation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("esco_occupation.id"), primary_key=True, index=True
    )
