"""The open-hiring list of a vacancy, each person's place on it, and every event."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base, string_enum, utcnow

# JSONB on PostgreSQL, JSON text on SQLite.
JsonDoc = JSON().with_variant(JSONB(), "postgresql")


class PlaceState(enum.StrEnum):
    WAITING = "waiting"
    # Did not re-confirm in time: keeps the position, skipped for offers.
    PAUSED = "paused"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    STARTED = "started"
    DECLINED = "declined"
    EXPIRED = "expired"
    NO_SHOW = "no_show"
    WITHDRAWN = "withdrawn"


class EventKind(enum.StrEnum):
    SIGNED = "signed"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    PAUSED = "paused"
    RESUMED = "resumed"
    STARTED = "started"
    NO_SHOW = "no_show"


class Actor(enum.StrEnum):
    """Who caused an event (a kind, not an account: the audit outlives accounts)."""

    PERSON = "person"
    EMPLOYER = "employer"
    SYSTEM = "system"


class OpenHiringList(Base):
    """One per open-hiring vacancy: its lock row, its position counter, its open places.

    Every change to a list first updates this row, which serialises the changes of one
    list on both databases (a row lock on PostgreSQL, the write lock on SQLite).
    """

    __tablename__ = "open_hiring_list"

    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancy.id", ondelete="CASCADE"), primary_key=True
    )
    # The last position handed out; positions are 1, 2, 3 … with no gaps.
    last_position: Mapped[int] = mapped_column(default=0)
    # Places the employer opened for offers (never more than the vacancy's places).
    places_open: Mapped[int] = mapped_column(default=0)
    # People waiting or with an offer: who a new sign-up has ahead of them. Kept by every
    # change of a place under the list's lock, so a sign-up needs no count of the list.
    in_line: Mapped[int] = mapped_column(default=0, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class QueuePlace(Base):
    """A person's place on a list."""

    __tablename__ = "queue_place"
    __table_args__ = (
        UniqueConstraint("vacancy_id", "position"),
        # Each person signs a list at most once.
        UniqueConstraint("vacancy_id", "user_id"),
        # The next people waiting, in order; counts per state.
        Index("ix_queue_place_vacancy_id_state_position", "vacancy_id", "state", "position"),
        # The expiry task: offers whose deadline passed.
        Index("ix_queue_place_state_offer_deadline", "state", "offer_deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("open_hiring_list.vacancy_id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    state: Mapped[PlaceState] = mapped_column(string_enum(PlaceState, "place_state"))
    # Server time, taken after the list's lock: it never decreases along the positions.
    signed_at: Mapped[datetime]
    # The person said so on signing; the employer checks papers on the first day.
    right_to_work_declared_at: Mapped[datetime]
    confirmed_at: Mapped[datetime]
    paused_at: Mapped[datetime | None]
    offered_at: Mapped[datetime | None]
    offer_deadline: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    # What the person agreed to share with the employer when accepting (name, phone,
    # e-mail), copied then; cleared when the place ends without a start.
    shared_contact: Mapped[dict[str, Any] | None] = mapped_column(JsonDoc)
    turn_notified_at: Mapped[datetime | None]


class QueueEvent(Base):
    """One event of a list, stored with its server time: the audit trail."""

    __tablename__ = "queue_event"
    __table_args__ = (Index("ix_queue_event_vacancy_id_id", "vacancy_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("open_hiring_list.vacancy_id", ondelete="CASCADE")
    )
    place_id: Mapped[int] = mapped_column(
        ForeignKey("queue_place.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    kind: Mapped[EventKind] = mapped_column(string_enum(EventKind, "queue_event_kind"))
    actor: Mapped[Actor] = mapped_column(string_enum(Actor, "queue_event_actor"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # E.g. the deadline of an offer.
    detail: Mapped[dict[str, Any] | None] = mapped_column(JsonDoc)
