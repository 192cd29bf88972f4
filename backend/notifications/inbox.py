"""Write inbox entries: the one place that inserts notifications.

Both `service.notify` and the announcement tasks write through here; each entry
starts as push_state "pending", due now, for `delivery` to push.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, insert

from backend import db
from backend.notifications.models import Notification

# The kinds of notification there are, with what they say (for the docs and the app).
KINDS = {
    "open_hiring_offer": "A place is offered to you; accept or decline before the deadline.",
    "open_hiring_turn_close": "Your turn on an open-hiring list is coming close.",
    "open_hiring_offer_expired": "You did not answer an offer in time; the place went on.",
    "open_hiring_nearby": "A new open-hiring place near you (vacancy_id, title, place).",
    "learning_offer": "A learning offer that closes a gap in your skills (offer_id, title).",
    "daily_checkin": "Your daily check-in: what is new, or one small step.",
    "vacancy_interest": "Someone showed interest in one of your organisation's vacancies.",
}


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        # A programming error in the calling domain, not bad input from a person.
        raise ValueError(f"unknown notification kind {kind!r}; add it to KINDS")


def write(entries: Iterable[tuple[int, str, dict[str, Any]]]) -> list[int]:
    """Insert (user id, kind, data) entries in one transaction; return their ids."""
    now = db.utcnow()
    rows = []
    for user_id, kind, data in entries:
        check_kind(kind)
        rows.append(
            {
                "user_id": user_id,
                "kind": kind,
                "data": data,
                "created_at": now,
                "push_state": "pending",
                "push_due_at": now,
            }
        )
    if not rows:
        return []
    ids: list[int] = []
    # Core, not the ORM's bulk insert: the ORM builds an object state per row first
    # (about a third of the CPU of writing a fan-out's 10,000 entries).
    table = cast(Table, Notification.__table__)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    with db.transaction() as session:
        for start in range(0, len(rows), 1000):
            ids += session.scalars(statement, rows[start : start + 1000]).all()
    return ids
