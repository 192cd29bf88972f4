"""Job functions, their skills, and vacancies."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.db import Base, string_enum, utcnow

# JSONB on PostgreSQL, JSON text on SQLite.
JsonDoc = JSON().with_variant(JSONB(), "postgresql")


class VacancyKind(enum.StrEnum):
    JOB = "job"
    STAGE = "stage"
    OPDRACHT = "opdracht"


class HiringMode(enum.StrEnum):
    # People show interest and share their profile with consent.
    REGULAR = "regular"
    # Open hiring: no CV, no interview; the list decides (backend/open_hiring).
    OPEN = "open"


class VacancyStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    FILLED = "filled"
    CLOSED = "closed"
    EXPIRED = "expired"


class InterestShare(enum.StrEnum):
    """How much of the selfie a person shows the employer of a regular vacancy."""

    ANONYMOUS = "anonymous"
    FULL = "full"


class SkillImportance(enum.StrEnum):
    ESSENTIAL = "essential"
    OPTIONAL = "optional"


class JobFunction(Base):
    """An organisation's own description of a function, based on an ESCO occupation."""

    __tablename__ = "job_function"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    occupation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("esco_occupation.id"), index=True
    )
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    tasks: Mapped[list[str]] = mapped_column(JsonDoc)
    education_level: Mapped[str | None] = mapped_column(ForeignKey("education_level.code"))
    hours_per_week_min: Mapped[int | None] = mapped_column(SmallInteger)
    hours_per_week_max: Mapped[int | None] = mapped_column(SmallInteger)
    postcode: Mapped[str | None] = mapped_column(ForeignKey("postcode_nl.pc4"))
    # A future function: expected demand, e.g. 20 zorgassistenten from 2027.
    is_future: Mapped[bool] = mapped_column(default=False)
    future_count: Mapped[int | None]
    future_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    skills: Mapped[list[JobFunctionSkill]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )


class JobFunctionSkill(Base):
    """A skill a function needs, essential or optional."""

    __tablename__ = "job_function_skill"

    function_id: Mapped[int] = mapped_column(
        ForeignKey("job_function.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("esco_skill.id"), primary_key=True, index=True
    )
    importance: Mapped[SkillImportance] = mapped_column(
        string_enum(SkillImportance, "skill_importance")
    )


class Vacancy(Base):
    """A job, stage or opdracht made from a function.

    Place, region and coordinates are copied from the postcode when it is set, so the
    search filters on indexed columns of this table alone.
    """

    __tablename__ = "vacancy"
    __table_args__ = (
        # The distance search: a bounding box on (lat, lon) of published vacancies.
        Index("ix_vacancy_status_lat_lon", "status", "lat", "lon"),
        # "Newest first" without a distance.
        Index("ix_vacancy_status_published_at", "status", "published_at"),
        Index("ix_vacancy_status_region_code", "status", "region_code"),
        Index("ix_vacancy_status_occupation_id", "status", "occupation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    # Copied from the organisation: the search and the public page show it without
    # reading another domain's table (see docs/vacancies.md).
    organisation_name: Mapped[str] = mapped_column(String(120))
    function_id: Mapped[int] = mapped_column(ForeignKey("job_function.id"), index=True)
    occupation_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("esco_occupation.id"))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    kind: Mapped[VacancyKind] = mapped_column(string_enum(VacancyKind, "vacancy_kind"))
    hiring_mode: Mapped[HiringMode] = mapped_column(string_enum(HiringMode, "hiring_mode"))
    status: Mapped[VacancyStatus] = mapped_column(
        string_enum(VacancyStatus, "vacancy_status"), default=VacancyStatus.DRAFT
    )
    postcode: Mapped[str | None] = mapped_column(ForeignKey("postcode_nl.pc4"))
    place: Mapped[str | None] = mapped_column(String(100))
    region_code: Mapped[str | None] = mapped_column(String(4))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    # mon … sun → parts of the day; days_mask has bit n set for weekday n (mon = bit 0).
    schedule: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    days_mask: Mapped[int] = mapped_column(SmallInteger, default=0)
    hours_per_week: Mapped[int | None] = mapped_column(SmallInteger)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    # Apply until (schema.org validThrough); after it the vacancy expires.
    closes_on: Mapped[date | None] = mapped_column(Date)
    places: Mapped[int] = mapped_column(SmallInteger, default=1)
    # Open hiring: the only eligibility rule besides the right to work in NL.
    min_age: Mapped[int | None] = mapped_column(SmallInteger)
    # Open hiring: how long an offer stands, and how often people re-confirm.
    offer_hours: Mapped[int] = mapped_column(SmallInteger, default=48)
    reconfirm_days: Mapped[int] = mapped_column(SmallInteger, default=14)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]


class VacancyInterest(Base):
    """A person's interest in a regular vacancy: the consent to show their profile to its
    organisation, at the level they chose (anonymous or full)."""

    __tablename__ = "vacancy_interest"
    __table_args__ = (
        # Once per person and vacancy; also the index of a vacancy's interests.
        UniqueConstraint("vacancy_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    share: Mapped[InterestShare] = mapped_column(string_enum(InterestShare, "interest_share"))
    message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
