"""The inbox: one row per notification to one person."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, SmallInteger, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base, utcnow

# JSONB on PostgreSQL, JSON text on SQLite.
JsonDoc = JSON().with_variant(JSONB(), "postgresql")


class Notification(Base):
    """One entry of a person's inbox; push delivers these rows to the person's devices."""

    __tablename__ = "notification"
    __table_args__ = (
        # The inbox is read newest first, per person; unread counts use the same index.
        Index("ix_notification_user_id_id", "user_id", "id"),
        # The sweeper finds deferred pushes that are due (and pending ones that were lost).
        Index("ix_notification_push_state_push_due_at", "push_state", "push_due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    # Text, not an enum: every domain adds kinds (see service.KINDS), without a migration.
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    # Push delivery: "pending" until decided, then "sent", "deferred" (quiet hours,
    # until push_due_at), "skipped" (preferences, daily maximum, no device) or "failed".
    push_state: Mapped[str] = mapped_column(String(10), default="pending", server_default="pending")
    push_due_at: Mapped[datetime | None]
    pushed_at: Mapped[datetime | None]


class PushSubscription(Base):
    """One device's push subscription, keyed by its endpoint (the push service's URL)."""

    __tablename__ = "push_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    endpoint: Mapped[str] = mapped_column(String(2048), unique=True)
    # The browser's public key (P-256, uncompressed, base64url) and auth secret.
    p256dh: Mapped[str] = mapped_column(String(100))
    auth: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_delivered_at: Mapped[datetime | None]


class NotificationPreference(Base):
    """A person's push preferences and the plan of their daily check-in.

    No row means the defaults (see service.DEFAULTS); the row is made on the first
    save, device or check-in.
    """

    __tablename__ = "notification_preference"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    open_hiring_nearby: Mapped[bool]
    learning_offers: Mapped[bool]
    daily_checkin: Mapped[bool]
    # Quiet hours in the person's time zone; both None: no quiet hours.
    quiet_start: Mapped[time | None]
    quiet_end: Mapped[time | None]
    daily_max: Mapped[int] = mapped_column(SmallInteger)
    checkin_time: Mapped[time]
    # Bit 0 is Monday … bit 6 is Sunday.
    checkin_days: Mapped[int] = mapped_column(SmallInteger)
    time_zone: Mapped[str] = mapped_column(String(64))
    # When the next check-in is due (UTC); None when the check-in is off. The periodic
    # planner reads this through its index every minute.
    next_checkin_at: Mapped[datetime | None] = mapped_column(index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PushDelivery(Base):
    """The delivery log: one row per push attempt to one device, or per decision not to
    push (quiet hours, a topic switched off, the daily maximum, no device)."""

    __tablename__ = "push_delivery"
    __table_args__ = (Index("ix_push_delivery_notification_id_id", "notification_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("notification.id", ondelete="CASCADE"))
    # The device; None once the subscription is gone (the log stays with the notification).
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("push_subscription.id", ondelete="SET NULL"), index=True
    )
    # The push service's origin (e.g. https://fcm.googleapis.com): which kind of device.
    service: Mapped[str | None] = mapped_column(String(300))
    attempt: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(20))
    http_status: Mapped[int | None] = mapped_column(SmallInteger)
    error: Mapped[str | None] = mapped_column(String(500))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class CheckIn(Base):
    """One opened daily check-in (at most one per person per local day)."""

    __tablename__ = "checkin"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    day: Mapped[date]
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    digest: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    answered_at: Mapped[datetime | None]
    available: Mapped[bool | None]
