"""The searchable projection of the selfie, and the regional pressure per occupation.

`match_profile` is derived from the selfie: one row per person, kept current by a
listener on every section write (see projection.py). It holds, in indexable columns,
what the candidate queries filter on; everything else stays in the selfie.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Uuid,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base, utcnow

# JSONB on PostgreSQL, JSON text on SQLite.
JsonDoc = JSON().with_variant(JSONB(), "postgresql")
EMPTY_LIST = text("'[]'")
# Bit per selfie section (in SECTION_NAMES order): every section but visibility (the last).
ALL_SHAREABLE = (1 << 9) - 1


class MatchProfile(Base):
    """What matching needs of one person's selfie, one column per thing a query filters on.

    The columns no section has set yet have server defaults, so the listener's upsert
    sends only the columns of the section written.
    """

    __tablename__ = "match_profile"
    __table_args__ = (
        # People around a vacancy: a bounding box on (lat, lon).
        Index("ix_match_profile_lat_lon", "lat", "lon"),
        # Learning demand per labour market region.
        Index("ix_match_profile_region_code", "region_code"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    # location: the PC4 centroid, its region, and how far the person will travel.
    pc4: Mapped[str | None] = mapped_column(String(4))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    region_code: Mapped[str | None] = mapped_column(String(4))
    max_distance_km: Mapped[int | None] = mapped_column(SmallInteger)
    # availability: bit n of days_mask is weekday n (mon = 0); bit 3n + p of slots_mask is
    # part p (morning, afternoon, evening) of weekday n.
    days_mask: Mapped[int] = mapped_column(SmallInteger, server_default="0")
    slots_mask: Mapped[int] = mapped_column(Integer, server_default="0")
    hours_min: Mapped[int | None] = mapped_column(SmallInteger)
    hours_max: Mapped[int | None] = mapped_column(SmallInteger)
    # skills: ESCO skill ids (text).
    skill_ids: Mapped[list[str]] = mapped_column(JsonDoc, server_default=EMPTY_LIST)
    # education: the EQF level of the highest education (1-8).
    education_eqf: Mapped[int | None] = mapped_column(SmallInteger)
    # basics: for the open-hiring minimum age.
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    # wishes: ESCO occupation ids, kinds of work (bit per WORK_KINDS), skills to learn.
    wished_occupation_ids: Mapped[list[str]] = mapped_column(JsonDoc, server_default=EMPTY_LIST)
    work_kinds_mask: Mapped[int] = mapped_column(SmallInteger, server_default="0")
    learn_skill_ids: Mapped[list[str]] = mapped_column(JsonDoc, server_default=EMPTY_LIST)
    # interests: RIASEC scores 0-100 by type letter, once the test is far enough.
    riasec: Mapped[dict[str, float] | None] = mapped_column(JsonDoc)
    # visibility: the consents, and which sections are complete (bit per SECTION_NAMES).
    employers: Mapped[str] = mapped_column(String(10), server_default="none")
    # Until the person chooses: every section but visibility (the selfie's default).
    shared_mask: Mapped[int] = mapped_column(SmallInteger, server_default=str(ALL_SHAREABLE))
    statistics: Mapped[bool] = mapped_column(server_default=true())
    complete_mask: Mapped[int] = mapped_column(SmallInteger, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class OccupationPressure(Base):
    """How many people in a region want an occupation, and how many places it has there.

    Recomputed by a periodic task (service.refresh_pressure); attention.py damps
    vacancies where many people compete for few places. No person in it: counts only.
    """

    __tablename__ = "match_occupation_pressure"

    occupation_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    region_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    # People whose wishes name the occupation and who live in the region.
    people: Mapped[int] = mapped_column(Integer)
    # Open places of published vacancies of the occupation in the region.
    places: Mapped[int] = mapped_column(Integer)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
