"""Notifications: the inbox, push devices, preferences, and the announcements.

Every domain notifies people through `notify` (or `notify_many`), never through the
model. An entry is written in its own transaction, after the work it tells about has
been committed, so an inbox entry never announces something that was rolled back.
Push delivery of the new entries is then put on the task queue (`tasks`).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from backend import db
from backend.accounts import service as accounts
from backend.accounts.models import Role
from backend.errors import InvalidFields, InvalidInput, NotFound
from backend.notifications import audience, delivery, inbox, schedule, sender, tasks
from backend.notifications.models import (
    Notification,
    NotificationPreference,
    PushDelivery,
    PushSubscription,
)
from backend.selfie.export import register_exporter

KINDS = inbox.KINDS
QUEUE_TOPIC = "queue_turn"  # always on: "my turn in a queue"
# The defaults: push for every topic, quiet from 21:00 to 08:00, at most 5 optional
# pushes a day, the check-in at 09:00 Monday to Friday, in Amsterdam.
DEFAULTS: dict[str, Any] = {
    "open_hiring_nearby": delivery.DEFAULT_PREFS.open_hiring_nearby,
    "learning_offers": delivery.DEFAULT_PREFS.learning_offers,
    "daily_checkin": delivery.DEFAULT_PREFS.daily_checkin,
    "quiet_start": delivery.DEFAULT_PREFS.quiet_start,
    "quiet_end": delivery.DEFAULT_PREFS.quiet_end,
    "daily_max": delivery.DEFAULT_PREFS.daily_max,
    "checkin_time": time(9, 0),
    "checkin_days": schedule.days_to_mask(["mon", "tue", "wed", "thu", "fri"]),
    "time_zone": delivery.DEFAULT_PREFS.time_zone,
}
MAX_DAILY_MAX = 50


@dataclass(frozen=True)
class NotificationView:
    id: int
    kind: str
    data: dict[str, Any]
    created_at: datetime
    read_at: datetime | None
    push: dict[str, Any]


@dataclass(frozen=True)
class NotificationPage:
    items: list[NotificationView]
    total: int
    unread: int


def notify(user_id: int, kind: str, data: dict[str, Any] | None = None) -> int:
    """Put one notification in a person's inbox, and push it; return its id."""
    ids = inbox.write([(user_id, kind, data or {})])
    tasks.deliver_soon(ids)
    return ids[0]


def notify_many(entries: Iterable[tuple[int, str, dict[str, Any]]]) -> int:
    """Put several notifications (user id, kind, data) in inboxes at once, and push them;
    return how many."""
    ids = inbox.write(entries)
    tasks.deliver_soon(ids)
    return len(ids)


def _delivery_log(session: Session, notification_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    by_notification: dict[int, list[dict[str, Any]]] = {i: [] for i in notification_ids}
    if not notification_ids:
        return by_notification
    rows = session.scalars(
        select(PushDelivery)
        .where(PushDelivery.notification_id.in_(notification_ids))
        .order_by(PushDelivery.id)
    )
    for row in rows:
        by_notification[row.notification_id].append(
            {
                "at": row.at,
                "status": row.status,
                "attempt": row.attempt,
                "device_id": row.subscription_id,
                "service": row.service,
                "http_status": row.http_status,
                "error": row.error,
            }
        )
    return by_notification


def _views(session: Session, rows: list[Notification]) -> list[NotificationView]:
    logs = _delivery_log(session, [row.id for row in rows])
    return [
        NotificationView(
            id=row.id,
            kind=row.kind,
            data=row.data,
            created_at=row.created_at,
            read_at=row.read_at,
            push={
                "state": row.push_state,
                "due_at": row.push_due_at if row.push_state == "deferred" else None,
                "pushed_at": row.pushed_at,
                "log": logs[row.id],
            },
        )
        for row in rows
    ]


def list_notifications(
    user_id: int, *, unread_only: bool = False, offset: int = 0, limit: int = 20
) -> NotificationPage:
    """Return one page of a person's inbox, newest first, with the totals."""
    session = db.read_session()
    conditions = [Notification.user_id == user_id]
    unread = session.scalar(select(func.count()).where(*conditions, Notification.read_at.is_(None)))
    if unread_only:
        conditions.append(Notification.read_at.is_(None))
        total = unread
    else:
        total = session.scalar(select(func.count()).where(*conditions))
    rows = session.scalars(
        select(Notification)
        .where(*conditions)
        .order_by(Notification.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return NotificationPage(
        items=_views(session, list(rows)), total=int(total or 0), unread=int(unread or 0)
    )


def mark_read(user_id: int, notification_id: int) -> NotificationView:
    """Mark one of the person's notifications read (NotFound for anyone else's)."""
    with db.transaction() as session:
        session.execute(
            update(Notification)
            .where(
                Notification.id == notification_id,
                Notification.user_id == user_id,
                Notification.read_at.is_(None),
            )
            .values(read_at=db.utcnow())
        )
        row = session.scalar(
            select(Notification).where(
                Notification.id == notification_id, Notification.user_id == user_id
            )
        )
        # Someone else's notification looks exactly like one that does not exist.
        if row is None:
            raise NotFound("You have no notification with this id.")
        return _views(session, [row])[0]


def mark_all_read(user_id: int) -> int:
    """Mark every unread notification of the person read; return how many."""
    with db.transaction() as session:
        result = session.execute(
            update(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
            .values(read_at=db.utcnow())
        )
    return int(getattr(result, "rowcount", 0) or 0)


# --- Preferences ---------------------------------------------------------------------


def _values(row: NotificationPreference | None) -> dict[str, Any]:
    if row is None:
        return dict(DEFAULTS)
    return {name: getattr(row, name) for name in DEFAULTS}


def preferences_view(
    row: NotificationPreference | None, values: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return preferences as the API shows them."""
    v = values or _values(row)
    quiet = None
    if v["quiet_start"] is not None and v["quiet_end"] is not None:
        quiet = {
            "start": schedule.format_hhmm(v["quiet_start"]),
            "end": schedule.format_hhmm(v["quiet_end"]),
        }
    return {
        "topics": {
            "open_hiring_nearby": v["open_hiring_nearby"],
            QUEUE_TOPIC: True,
            "learning_offers": v["learning_offers"],
            "daily_checkin": v["daily_checkin"],
        },
        "quiet_hours": quiet,
        "daily_max": v["daily_max"],
        "checkin": {
            "time": schedule.format_hhmm(v["checkin_time"]),
            "days": schedule.mask_to_days(v["checkin_days"]),
        },
        "time_zone": v["time_zone"],
        "next_checkin_at": row.next_checkin_at if row is not None else None,
    }


def _preferences_json(view: dict[str, Any]) -> dict[str, Any]:
    return {**view, "next_checkin_at": _iso(view["next_checkin_at"])}


def _next_checkin(user_id: int, values: dict[str, Any], now: datetime) -> datetime | None:
    # Only jobseekers get the daily check-in: it is about their selfie and their queues.
    if not values["daily_checkin"] or accounts.get_user(user_id).role != Role.JOBSEEKER:
        return None
    return schedule.next_checkin(
        now, values["checkin_time"], values["checkin_days"], schedule.zone(values["time_zone"])
    )


def _ensure_row(session: Session, user_id: int) -> NotificationPreference:
    """Create the person's preferences with the defaults when missing; return the row."""
    row = session.get(NotificationPreference, user_id)
    if row is not None:
        return row
    values = {
        "user_id": user_id,
        **DEFAULTS,
        "next_checkin_at": _next_checkin(user_id, DEFAULTS, db.utcnow()),
        "updated_at": db.utcnow(),
    }
    # Two first saves may race: the second one does nothing.
    session.execute(
        db.insert_for(session)(NotificationPreference)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["user_id"])
    )
    found = session.get(NotificationPreference, user_id, populate_existing=True)
    assert found is not None
    return found


def ensure_preferences(user_id: int) -> None:
    """Start the person's preferences (and their check-in plan) with the defaults."""
    with db.transaction() as session:
        _ensure_row(session, user_id)


def get_preferences(user_id: int) -> dict[str, Any]:
    """Return the person's push preferences (the defaults until they save any)."""
    return preferences_view(db.read_session().get(NotificationPreference, user_id))


def _check_preferences(data: dict[str, Any]) -> dict[str, Any]:
    """Turn the API's body into stored values; 422 naming every field that is wrong."""
    errors: dict[str, list[str]] = {}
    topics = data["topics"]
    if topics.get(QUEUE_TOPIC) is False:
        errors[f"topics.{QUEUE_TOPIC}"] = ["Messages about your turn in a queue are always on."]
    quiet = data["quiet_hours"]
    quiet_start = quiet_end = None
    if quiet is not None:
        quiet_start = schedule.parse_hhmm(quiet["start"])
        quiet_end = schedule.parse_hhmm(quiet["end"])
        if quiet_start == quiet_end:
            errors["quiet_hours.end"] = ["Start and end are the same; use null for no quiet hours."]
    try:
        tz = schedule.zone(data["time_zone"])
    except ValueError:
        errors["time_zone"] = ["This is not a time zone we know, e.g. Europe/Amsterdam."]
        tz = None
    checkin_time = schedule.parse_hhmm(data["checkin"]["time"])
    days = data["checkin"]["days"]
    if topics["daily_checkin"] and not days:
        errors["checkin.days"] = ["Choose at least one day, or switch the check-in off."]
    if len(set(days)) != len(days):
        errors["checkin.days"] = ["Name each day once."]
    if tz is not None and topics["daily_checkin"]:
        # The check-in comes at the chosen time, so that time cannot be in the quiet hours.
        probe = schedule.local_moment(db.utcnow().date(), checkin_time, tz)
        if schedule.in_quiet_hours(probe, quiet_start, quiet_end, tz):
            errors["checkin.time"] = ["This time is in your quiet hours; choose another time."]
    if errors:
        raise InvalidFields(errors)
    return {
        "open_hiring_nearby": topics["open_hiring_nearby"],
        "learning_offers": topics["learning_offers"],
        "daily_checkin": topics["daily_checkin"],
        "quiet_start": quiet_start,
        "quiet_end": quiet_end,
        "daily_max": data["daily_max"],
        "checkin_time": checkin_time,
        "checkin_days": schedule.days_to_mask(days),
        "time_zone": data["time_zone"],
    }


def update_preferences(user_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Replace the person's preferences; plan their next check-in again."""
    values = _check_preferences(data)
    now = db.utcnow()
    with db.transaction() as session:
        row = _ensure_row(session, user_id)
        for name, value in values.items():
            setattr(row, name, value)
        row.next_checkin_at = _next_checkin(user_id, values, now)
        row.updated_at = now
        session.flush()
        return preferences_view(row)


# --- Push devices ----------------------------------------------------------------------


def vapid_public_key() -> str:
    """Return the server's VAPID public key (applicationServerKey for subscribe())."""
    return sender.public_key()


_B64URL = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _b64url(value: str) -> bytes:
    value = value.strip()
    if not value or any(c not in _B64URL for c in value.rstrip("=")):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def _check_keys(p256dh: str, auth: str) -> None:
    errors: dict[str, list[str]] = {}
    try:
        point = _b64url(p256dh)
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        if len(point) != 65:
            raise ValueError("not an uncompressed point")
    except (ValueError, binascii.Error):
        errors["keys.p256dh"] = ["This is not the browser's P-256 public key (base64url)."]
    try:
        if len(_b64url(auth)) != 16:
            raise ValueError("not 16 bytes")
    except (ValueError, binascii.Error):
        errors["keys.auth"] = ["This is not the browser's 16-byte auth secret (base64url)."]
    if errors:
        raise InvalidFields(errors)


def _device_view(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "endpoint": row.endpoint,
        "service": sender.origin(row.endpoint),
        "created_at": row.created_at,
        "last_delivered_at": row.last_delivered_at,
    }


def save_subscription(user_id: int, endpoint: str, p256dh: str, auth: str) -> dict[str, Any]:
    """Register this device for push (one per endpoint: saving again updates it)."""
    problem = sender.endpoint_problem(endpoint)
    if problem:
        raise InvalidInput("endpoint", problem)
    _check_keys(p256dh, auth)
    values = {
        "user_id": user_id,
        "endpoint": endpoint,
        "p256dh": p256dh.rstrip("="),
        "auth": auth.rstrip("="),
        "created_at": db.utcnow(),
    }
    with db.transaction() as session:
        # A device that changes hands (log out, another person logs in) moves with it.
        stmt = db.insert_for(session)(PushSubscription).values(**values)
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["endpoint"],
                set_={"user_id": user_id, "p256dh": values["p256dh"], "auth": values["auth"]},
            )
        )
        _ensure_row(session, user_id)
        row = session.scalars(
            select(PushSubscription).where(PushSubscription.endpoint == endpoint)
        ).one()
        session.refresh(row)
        return _device_view(row)


def delete_subscription(user_id: int, endpoint: str) -> None:
    """Stop push to this device (nothing happens when it is not one of mine)."""
    with db.transaction() as session:
        session.execute(
            delete(PushSubscription).where(
                PushSubscription.endpoint == endpoint, PushSubscription.user_id == user_id
            )
        )


def list_subscriptions(user_id: int) -> list[dict[str, Any]]:
    """Return the person's devices that get push."""
    rows = db.read_session().scalars(
        select(PushSubscription)
        .where(PushSubscription.user_id == user_id)
        .order_by(PushSubscription.id)
    )
    return [_device_view(row) for row in rows]


# --- Announcements (other domains call these after their commit) ----------------------


def vacancy_published(
    vacancy_id: int, *, title: str, place: str | None, postcode: str | None
) -> None:
    """Tell the people near a newly published open-hiring vacancy (on the task queue)."""
    vacancy = audience.NewVacancy(vacancy_id, title, place, postcode)
    tasks.announce_vacancy(vacancy.as_dict())


def learning_offer_published(offer_id: int, *, title: str) -> None:
    """Tell the people whose skill gap a new learning offer closes (on the task queue)."""
    tasks.announce_learning_offer(audience.NewLearningOffer(offer_id, title).as_dict())


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@register_exporter("notifications")
def export_notifications(user_id: int) -> dict[str, Any]:
    """Return the person's whole inbox, JSON-ready."""
    session = db.read_session()
    rows = list(
        session.scalars(
            select(Notification).where(Notification.user_id == user_id).order_by(Notification.id)
        )
    )
    logs = _delivery_log(session, [row.id for row in rows])
    devices = session.scalars(
        select(PushSubscription)
        .where(PushSubscription.user_id == user_id)
        .order_by(PushSubscription.id)
    )
    prefs = session.get(NotificationPreference, user_id)
    return {
        "inbox": [
            {
                "id": row.id,
                "kind": row.kind,
                "data": row.data,
                "created_at": _iso(row.created_at),
                "read_at": _iso(row.read_at),
                "push_state": row.push_state,
                "pushed_at": _iso(row.pushed_at),
                "delivery_log": [{**entry, "at": _iso(entry["at"])} for entry in logs[row.id]],
            }
            for row in rows
        ],
        "push_devices": [
            {
                "id": d.id,
                "endpoint": d.endpoint,
                "created_at": _iso(d.created_at),
                "last_delivered_at": _iso(d.last_delivered_at),
            }
            for d in devices
        ],
        "preferences": _preferences_json(preferences_view(prefs)) if prefs else None,
    }
