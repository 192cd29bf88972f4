"""The inbox: write notifications for people, list them, mark them read.

Every domain notifies people through `notify` (or `notify_many`), never through the
model. An entry is written in its own transaction, after the work it tells about has
been committed, so an inbox entry never announces something that was rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update

from backend import db
from backend.errors import NotFound
from backend.notifications.models import Notification
from backend.selfie.export import register_exporter

# The kinds of notification there are, with what they say (for the docs and the app).
KINDS = {
    "open_hiring_offer": "A place is offered to you; accept or decline before the deadline.",
    "open_hiring_turn_close": "Your turn on an open-hiring list is coming close.",
    "open_hiring_offer_expired": "You did not answer an offer in time; the place went on.",
    "vacancy_interest": "Someone showed interest in one of your organisation's vacancies.",
}


@dataclass(frozen=True)
class NotificationView:
    id: int
    kind: str
    data: dict[str, Any]
    created_at: datetime
    read_at: datetime | None


@dataclass(frozen=True)
class NotificationPage:
    items: list[NotificationView]
    total: int
    unread: int


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        # A programming error in the calling domain, not bad input from a person.
        raise ValueError(f"unknown notification kind {kind!r}; add it to KINDS")


def notify(user_id: int, kind: str, data: dict[str, Any] | None = None) -> int:
    """Put one notification in a person's inbox; return its id."""
    _check_kind(kind)
    with db.transaction() as session:
        new_id = session.execute(
            insert(Notification)
            .values(user_id=user_id, kind=kind, data=data or {}, created_at=db.utcnow())
            .returning(Notification.id)
        ).scalar_one()
    return int(new_id)


def notify_many(entries: Iterable[tuple[int, str, dict[str, Any]]]) -> int:
    """Put several notifications (user id, kind, data) in inboxes at once; return how many."""
    now = db.utcnow()
    rows = []
    for user_id, kind, data in entries:
        _check_kind(kind)
        rows.append({"user_id": user_id, "kind": kind, "data": data, "created_at": now})
    if not rows:
        return 0
    with db.transaction() as session:
        session.execute(insert(Notification), rows)
    return len(rows)


def _view(row: Notification) -> NotificationView:
    return NotificationView(
        id=row.id, kind=row.kind, data=row.data, created_at=row.created_at, read_at=row.read_at
    )


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
    )
    return NotificationPage(
        items=[_view(row) for row in rows], total=int(total or 0), unread=int(unread or 0)
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
        return _view(row)


def mark_all_read(user_id: int) -> int:
    """Mark every unread notification of the person read; return how many."""
    with db.transaction() as session:
        result = session.execute(
            update(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
            .values(read_at=db.utcnow())
        )
    return int(getattr(result, "rowcount", 0) or 0)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@register_exporter("notifications")
def export_notifications(user_id: int) -> dict[str, Any]:
    """Return the person's whole inbox, JSON-ready."""
    rows = db.read_session().scalars(
        select(Notification).where(Notification.user_id == user_id).order_by(Notification.id)
    )
    return {
        "inbox": [
            {
                "id": row.id,
                "kind": row.kind,
                "data": row.data,
                "created_at": _iso(row.created_at),
                "read_at": _iso(row.read_at),
            }
            for row in rows
        ]
    }
