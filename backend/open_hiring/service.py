"""Open hiring: whoever signs the list first gets the next place.

Concurrency. Every change to a list starts with an UPDATE of its `open_hiring_list`
row. On PostgreSQL that row lock serialises the changes of one list (and only that
list); on SQLite the first write statement of a transaction takes the database's write
lock (pysqlite begins the transaction right before it, so no read ever has to be
upgraded to a write). Under that lock:
- a sign-up takes `last_position + 1` in the same UPDATE, so positions are unique and
  gapless (a refused sign-up rolls the counter back); `signed_at` is read after the lock,
  so it never decreases along the positions, and equal times are ordered by position;
- offers go to the first people waiting by position, never more than the open places;
- accept, decline, expiry, no-show and withdrawal are conditional UPDATEs on the
  place's state, so an offer is accepted or expired, never both, and an accept also
  checks the count of accepted people against the places.
Unique constraints on (vacancy_id, position) and (vacancy_id, user_id) back this up.

Notifications are written after the list's transaction commits (see notifications).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from backend import db
from backend.errors import Conflict, Forbidden, InvalidInput, NotFound
from backend.notifications import service as notifications
from backend.open_hiring.models import (
    Actor,
    EventKind,
    OpenHiringList,
    PlaceState,
    QueueEvent,
    QueuePlace,
)
from backend.selfie import service as selfie
from backend.selfie.export import register_eraser, register_exporter
from backend.vacancies import service as vacancies
from backend.vacancies.models import HiringMode, VacancyStatus

# The people at the front of the waiting line who are told their turn is close.
TURN_CLOSE = 3
SHARE_FIELDS = ("display_name", "phone", "email")
# States that hold one of the open places.
HOLDING = (PlaceState.OFFERED, PlaceState.ACCEPTED, PlaceState.STARTED)
FILLED = (PlaceState.ACCEPTED, PlaceState.STARTED)
# "Ahead of me": people before me who will get a place before I do.
IN_LINE = (PlaceState.WAITING, PlaceState.OFFERED)
ENDED = (PlaceState.DECLINED, PlaceState.EXPIRED, PlaceState.NO_SHOW, PlaceState.WITHDRAWN)
# States a person can withdraw from.
LEAVING = (PlaceState.WAITING, PlaceState.PAUSED, PlaceState.OFFERED, PlaceState.ACCEPTED)
PLACES = cast(Table, QueuePlace.__table__)
EVENTS = cast(Table, QueueEvent.__table__)


# A sign-up's outcome: position, places open, people in line before, its time, and the
# place (None: the person was on the list already; the caller rolls it all back).
Signed = tuple[int, int, int, datetime, int | None]


class NotSigned(NotFound):
    code = "not_signed"


@dataclass
class Notice:
    """An inbox entry to write once the list's transaction has committed."""

    user_id: int
    kind: str
    data: dict[str, Any]


@dataclass
class AuditReplay:
    """The audit's verdict: was every offer made in the order of the list?"""

    order_respected: bool
    checked_offers: int
    violations: list[str] = field(default_factory=list)


# --- Low-level steps, all inside one list's transaction --------------------------------


# The statements of the hot paths are built once: building them per request was a third
# of a sign-up's time (SQLAlchemy still caches their compiled form).
LISTS = cast(Table, OpenHiringList.__table__)
TAKE_POSITION = (
    update(LISTS)
    .where(LISTS.c.vacancy_id == bindparam("list_id"))
    .values(
        last_position=LISTS.c.last_position + 1,
        in_line=LISTS.c.in_line + 1,
        updated_at=bindparam("now"),
    )
    .returning(LISTS.c.last_position, LISTS.c.places_open, LISTS.c.in_line)
)
SHIFT_IN_LINE = (
    update(LISTS)
    .where(LISTS.c.vacancy_id == bindparam("list_id"))
    .values(in_line=LISTS.c.in_line + bindparam("delta"))
)
LOCK = (
    update(LISTS)
    .where(LISTS.c.vacancy_id == bindparam("list_id"))
    .values(updated_at=bindparam("now"))
    .returning(LISTS.c.places_open)
)
AHEAD = select(func.count()).where(
    PLACES.c.vacancy_id == bindparam("vacancy_id"),
    PLACES.c.position < bindparam("position"),
    PLACES.c.state.in_(IN_LINE),
)
ADD_EVENT = insert(EVENTS)


@lru_cache(maxsize=4)
def _insert_ignoring_stmt(dialect_name: str, table_name: str) -> Any:
    """INSERT … ON CONFLICT DO NOTHING (RETURNING id) for the place or the list row."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    if table_name == "queue_place":
        return (
            dialect.insert(PLACES)
            .on_conflict_do_nothing(index_elements=["vacancy_id", "user_id"])
            .returning(PLACES.c.id)
        )
    return dialect.insert(LISTS).on_conflict_do_nothing(index_elements=["vacancy_id"])


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _lock(session: Session, vacancy_id: int, *, create: bool = False) -> int | None:
    """Take the list's lock; return its open places (None: the vacancy has no list)."""
    params = {"list_id": vacancy_id, "now": db.utcnow()}
    places_open = session.execute(LOCK, params).scalar_one_or_none()
    if places_open is None and create:
        session.execute(
            _insert_ignoring_stmt(_dialect(session), "open_hiring_list"),
            {
                "vacancy_id": vacancy_id,
                "last_position": 0,
                "places_open": 0,
                "in_line": 0,
                "updated_at": params["now"],
            },
        )
        places_open = session.execute(LOCK, params).scalar_one_or_none()
    return places_open


def _take_position(session: Session, vacancy_id: int) -> tuple[int, int, int]:
    """Take the list's lock and the next position (creating the list on its first
    sign-up); return the position, the places open and the people in line before."""
    params = {"list_id": vacancy_id, "now": db.utcnow()}
    row = session.execute(TAKE_POSITION, params).one_or_none()
    if row is None:
        _lock(session, vacancy_id, create=True)
        row = session.execute(TAKE_POSITION, params).one()
    return int(row[0]), int(row[1]), int(row[2]) - 1


def _shift_in_line(session: Session, vacancy_id: int, delta: int) -> None:
    """Count people who joined (+) or left (-) the line, under the list's lock."""
    if delta:
        session.execute(SHIFT_IN_LINE, {"list_id": vacancy_id, "delta": delta})


def _add_events(
    session: Session,
    vacancy_id: int,
    places: Sequence[Any],
    kind: EventKind,
    actor: Actor,
    at: datetime,
    detail: dict[str, Any] | None = None,
) -> None:
    """Store one event per place (rows with id, user_id, position), in position order."""
    rows = [
        {
            "vacancy_id": vacancy_id,
            "place_id": p.id,
            "user_id": p.user_id,
            "position": p.position,
            "kind": kind,
            "actor": actor,
            "at": at,
            "detail": detail,
        }
        for p in sorted(places, key=lambda p: p.position)
    ]
    if rows:
        session.execute(ADD_EVENT, rows)


def _my_place(session: Session, vacancy_id: int, user_id: int) -> Row[Any] | None:
    return session.execute(
        select(PLACES).where(PLACES.c.vacancy_id == vacancy_id, PLACES.c.user_id == user_id)
    ).one_or_none()


def _count(session: Session, vacancy_id: int, states: Iterable[PlaceState]) -> int:
    return int(
        session.scalar(
            select(func.count()).where(
                PLACES.c.vacancy_id == vacancy_id, PLACES.c.state.in_(list(states))
            )
        )
        or 0
    )


def _ahead(session: Session, vacancy_id: int, position: int) -> int:
    return int(
        session.execute(AHEAD, {"vacancy_id": vacancy_id, "position": position}).scalar() or 0
    )


def _offer_notice(place: Any, terms: vacancies.OpenHiringTerms, deadline: datetime) -> Notice:
    return Notice(
        place.user_id,
        "open_hiring_offer",
        {
            "vacancy_id": terms.vacancy_id,
            "place_id": place.id,
            "title": terms.title,
            "position": place.position,
            "deadline": deadline.isoformat(),
        },
    )


def _fill_offers(
    session: Session, terms: vacancies.OpenHiringTerms, places_open: int, now: datetime
) -> list[Notice]:
    """Offer every free open place to the first people waiting; tell the next ones."""
    effective = min(places_open, terms.places)
    if effective <= 0 or terms.status != VacancyStatus.PUBLISHED:
        return []
    notices: list[Notice] = []
    free = effective - _count(session, terms.vacancy_id, HOLDING)
    if free > 0:
        chosen = session.execute(
            select(PLACES.c.id, PLACES.c.user_id, PLACES.c.position)
            .where(PLACES.c.vacancy_id == terms.vacancy_id, PLACES.c.state == PlaceState.WAITING)
            .order_by(PLACES.c.position)
            .limit(free)
        ).all()
        if chosen:
            deadline = now + timedelta(hours=terms.offer_hours)
            session.execute(
                update(QueuePlace)
                .where(
                    QueuePlace.id.in_([p.id for p in chosen]),
                    QueuePlace.state == PlaceState.WAITING,
                )
                .values(state=PlaceState.OFFERED, offered_at=now, offer_deadline=deadline)
            )
            _add_events(
                session,
                terms.vacancy_id,
                chosen,
                EventKind.OFFERED,
                Actor.SYSTEM,
                now,
                {"deadline": deadline.isoformat()},
            )
            notices += [_offer_notice(p, terms, deadline) for p in chosen]
    # The first few still waiting hear once that their turn is close.
    front = session.execute(
        select(PLACES.c.id, PLACES.c.user_id, PLACES.c.position, PLACES.c.turn_notified_at)
        .where(PLACES.c.vacancy_id == terms.vacancy_id, PLACES.c.state == PlaceState.WAITING)
        .order_by(PLACES.c.position)
        .limit(TURN_CLOSE)
    ).all()
    new = [p for p in front if p.turn_notified_at is None]
    if new:
        session.execute(
            update(QueuePlace)
            .where(QueuePlace.id.in_([p.id for p in new]))
            .values(turn_notified_at=now)
        )
        for p in new:
            notices.append(
                Notice(
                    p.user_id,
                    "open_hiring_turn_close",
                    {
                        "vacancy_id": terms.vacancy_id,
                        "title": terms.title,
                        "position": p.position,
                        "ahead": _ahead(session, terms.vacancy_id, p.position),
                    },
                )
            )
    return notices


def _send(notices: list[Notice]) -> None:
    notifications.notify_many((n.user_id, n.kind, n.data) for n in notices)


# --- Views ---------------------------------------------------------------------------


def _place_view(
    place: Any, terms: vacancies.OpenHiringTerms | None, ahead: int, title: str | None = None
) -> dict[str, Any]:
    reconfirm_by = None
    if terms is not None and place.state == PlaceState.WAITING:
        reconfirm_by = place.confirmed_at + timedelta(days=terms.reconfirm_days)
    return {
        "vacancy_id": place.vacancy_id,
        "place_id": place.id,
        "title": title if title is not None else (terms.title if terms else ""),
        "position": place.position,
        "ahead": ahead,
        "state": place.state,
        "signed_at": place.signed_at,
        "confirmed_at": place.confirmed_at,
        "reconfirm_by": reconfirm_by,
        "paused_at": place.paused_at,
        "offered_at": place.offered_at,
        "offer_deadline": place.offer_deadline,
        "accepted_at": place.accepted_at,
        "started_at": place.started_at,
        "ended_at": place.ended_at,
        "shared_contact": place.shared_contact,
    }


def _view_of(session: Session, place_id: int, terms: vacancies.OpenHiringTerms) -> dict[str, Any]:
    place = session.execute(select(PLACES).where(PLACES.c.id == place_id)).one()
    waiting = place.state in (PlaceState.WAITING, PlaceState.PAUSED)
    ahead = _ahead(session, place.vacancy_id, place.position) if waiting else 0
    return _place_view(place, terms, ahead)


# --- Checks --------------------------------------------------------------------------


def _open_terms(vacancy_id: int) -> vacancies.OpenHiringTerms:
    terms = vacancies.open_hiring_terms(vacancy_id)
    if terms.hiring_mode != HiringMode.OPEN:
        raise Conflict("This vacancy does not use open hiring.", code="not_open_hiring")
    return terms


def _check_age(user_id: int, terms: vacancies.OpenHiringTerms) -> None:
    if terms.min_age is None:
        return
    birth_year = selfie.get_section(user_id, "basics")["data"].get("birth_year")
    if birth_year is None:
        raise InvalidInput(
            "basics.birth_year",
            f"This list has a minimum age of {terms.min_age}: fill in your birth year first.",
            code="birth_year_missing",
        )
    # Only the year is known: whoever reaches the age this year may sign. The employer
    # checks the ID on the first day, as the law asks anyway.
    if db.utcnow().year - int(birth_year) < terms.min_age:
        raise Forbidden(
            f"The employer's minimum age for this work is {terms.min_age}.",
            code="below_minimum_age",
        )


def _shared_contact(user_id: int, share: Iterable[str]) -> dict[str, Any]:
    wanted = [name for name in SHARE_FIELDS if name in set(share)]
    if not wanted:
        return {}
    basics = selfie.get_section(user_id, "basics")["data"]
    return {name: basics[name] for name in wanted if basics.get(name)}


# --- The person ----------------------------------------------------------------------


def sign_up(vacancy_id: int, *, user_id: int, right_to_work_nl: bool) -> dict[str, Any]:
    """Put the person on the list (once): the next position, by server time."""
    if right_to_work_nl is not True:
        raise InvalidInput(
            "right_to_work_nl", "You may only sign when you are allowed to work in the Netherlands."
        )
    terms = _open_terms(vacancy_id)
    if terms.status != VacancyStatus.PUBLISHED:
        raise Conflict("This list is closed: the vacancy is not open.", code="list_closed")
    _check_age(user_id, terms)
    notices: list[Notice] = []
    with db.transaction() as session:
        if _dialect(session) == "postgresql":
            position, places_open, ahead, now, place_id = _sign_pg(session, vacancy_id, user_id)
        else:
            position, places_open, ahead, now, place_id = _sign(session, vacancy_id, user_id)
        if place_id is None:
            # Rolling back also gives the position back: no gap.
            raise Conflict("You are already on this list.", code="already_signed")
        if places_open:
            # A place was opened while nobody was waiting: it may be this person's now.
            notices = _fill_offers(session, terms, places_open, now)
            place = _view_of(session, place_id, terms)
        else:
            place = _signed_view(vacancy_id, place_id, position, ahead, now, terms)
    _send(notices)
    return place


def _sign(session: Session, vacancy_id: int, user_id: int) -> Signed:
    """Take the next position, add the place and its event (None: already on the list)."""
    position, places_open, ahead = _take_position(session, vacancy_id)
    now = db.utcnow()
    place_id = session.execute(
        _insert_ignoring_stmt(_dialect(session), "queue_place"),
        {
            "vacancy_id": vacancy_id,
            "user_id": user_id,
            "position": position,
            "state": PlaceState.WAITING,
            "signed_at": now,
            "right_to_work_declared_at": now,
            "confirmed_at": now,
        },
    ).scalar_one_or_none()
    if place_id is not None:
        session.execute(
            ADD_EVENT,
            {
                "vacancy_id": vacancy_id,
                "place_id": place_id,
                "user_id": user_id,
                "position": position,
                "kind": EventKind.SIGNED,
                "actor": Actor.PERSON,
                "at": now,
                "detail": None,
            },
        )
    return position, places_open, ahead, now, place_id


# `_sign` on PostgreSQL in one statement: the list's lock with the next position, the
# place and its event. One round trip instead of three, and the list's lock is held for
# that statement and the commit only (docs/performance.md, "Open-hiring sign-ups").
# `signed_at` is the server's clock_timestamp() when the row lock was granted (the
# RETURNING of the list's UPDATE), so it never decreases along the positions.
SIGN_PG = (
    text(
        """
    WITH list AS (
        UPDATE open_hiring_list
        SET last_position = last_position + 1, in_line = in_line + 1,
            updated_at = clock_timestamp()
        WHERE vacancy_id = :vacancy_id
        RETURNING last_position, places_open, in_line, updated_at
    ),
    place AS (
        INSERT INTO queue_place
            (vacancy_id, user_id, position, state, signed_at, right_to_work_declared_at,
             confirmed_at)
        SELECT :vacancy_id, :user_id, last_position, :state, updated_at, updated_at, updated_at
        FROM list
        ON CONFLICT (vacancy_id, user_id) DO NOTHING
        RETURNING id, position, signed_at
    ),
    event AS (
        INSERT INTO queue_event (vacancy_id, place_id, user_id, position, kind, actor, at, detail)
        SELECT :vacancy_id, id, :user_id, position, :kind, :actor, signed_at, :detail FROM place
    )
    SELECT list.last_position, list.places_open, list.in_line, list.updated_at, place.id
    FROM list LEFT JOIN place ON true
    """
    )
    .bindparams(
        bindparam("state", type_=PLACES.c.state.type),
        bindparam("kind", type_=EVENTS.c.kind.type),
        bindparam("actor", type_=EVENTS.c.actor.type),
        bindparam("detail", type_=EVENTS.c.detail.type),
    )
    .columns(
        last_position=PLACES.c.position.type,
        places_open=LISTS.c.places_open.type,
        in_line=LISTS.c.in_line.type,
        updated_at=LISTS.c.updated_at.type,
        id=PLACES.c.id.type,
    )
)


def _sign_pg(session: Session, vacancy_id: int, user_id: int) -> Signed:
    """`_sign` in one statement on PostgreSQL (see SIGN_PG)."""
    params = {
        "vacancy_id": vacancy_id,
        "user_id": user_id,
        "state": PlaceState.WAITING,
        "kind": EventKind.SIGNED,
        "actor": Actor.PERSON,
        "detail": None,
    }
    row = session.execute(SIGN_PG, params).one_or_none()
    if row is None:  # the first sign-up: the list has no row yet
        _lock(session, vacancy_id, create=True)
        row = session.execute(SIGN_PG, params).one()
    return int(row[0]), int(row[1]), int(row[2]) - 1, row[3], row[4]


def _signed_view(
    vacancy_id: int,
    place_id: int,
    position: int,
    ahead: int,
    now: datetime,
    terms: vacancies.OpenHiringTerms,
) -> dict[str, Any]:
    """Return a new waiting place as the API shows it, without reading it back.

    Everyone in line has an earlier position than the newest sign-up, so the list's
    `in_line` before it is exactly who is ahead: no count of the list (which grew with
    its length and was most of a sign-up's time on a long list).
    """
    return {
        "vacancy_id": vacancy_id,
        "place_id": place_id,
        "title": terms.title,
        "position": position,
        "ahead": ahead,
        "state": PlaceState.WAITING,
        "signed_at": now,
        "confirmed_at": now,
        "reconfirm_by": now + timedelta(days=terms.reconfirm_days),
        "paused_at": None,
        "offered_at": None,
        "offer_deadline": None,
        "accepted_at": None,
        "started_at": None,
        "ended_at": None,
        "shared_contact": None,
    }


def get_my_place(vacancy_id: int, *, user_id: int) -> dict[str, Any]:
    """Return the person's place on a list, with how many are ahead."""
    terms = vacancies.open_hiring_terms(vacancy_id)
    session = db.read_session()
    place = _my_place(session, vacancy_id, user_id)
    if place is None:
        raise NotSigned("You are not on this list.")
    return _view_of(session, place.id, terms)


def list_my_places(user_id: int) -> list[dict[str, Any]]:
    """Return every list the person signed, newest first, with positions."""
    session = db.read_session()
    places = session.execute(
        select(PLACES).where(PLACES.c.user_id == user_id).order_by(PLACES.c.signed_at.desc())
    ).all()
    terms = vacancies.open_hiring_terms_many(p.vacancy_id for p in places)
    views = []
    for place in places:
        waiting = place.state in (PlaceState.WAITING, PlaceState.PAUSED)
        ahead = _ahead(session, place.vacancy_id, place.position) if waiting else 0
        views.append(_place_view(place, terms.get(place.vacancy_id), ahead))
    return views


# A change to the person's own place, run under the list's lock:
# (session, place, terms, places_open, now) -> the notices to send after the commit.
PlaceChange = Callable[[Session, Any, vacancies.OpenHiringTerms, int, datetime], list["Notice"]]


def _change_my_place(vacancy_id: int, user_id: int, change: PlaceChange) -> dict[str, Any]:
    """Run `change(session, place, terms, places_open, now) -> notices` under the lock."""
    terms = vacancies.open_hiring_terms(vacancy_id)
    with db.transaction() as session:
        places_open = _lock(session, vacancy_id)
        place = _my_place(session, vacancy_id, user_id) if places_open is not None else None
        if place is None or places_open is None:
            raise NotSigned("You are not on this list.")
        notices = change(session, place, terms, places_open, db.utcnow())
        view = _view_of(session, place.id, terms)
    _send(notices)
    return view


def accept_offer(vacancy_id: int, *, user_id: int, share: Iterable[str] = ()) -> dict[str, Any]:
    """Accept the offered place before its deadline; share the contact details chosen."""
    contact = _shared_contact(user_id, share)

    def change(
        session: Session,
        place: Any,
        terms: vacancies.OpenHiringTerms,
        places_open: int,
        now: datetime,
    ) -> list[Notice]:
        if place.state in FILLED:
            raise Conflict("You already accepted this place.", code="already_accepted")
        if place.state == PlaceState.EXPIRED:
            raise Conflict("The time to answer this offer has passed.", code="offer_expired")
        if place.state != PlaceState.OFFERED:
            raise Conflict("There is no offer for you on this list.", code="no_offer")
        if place.offer_deadline <= now:
            raise Conflict("The time to answer this offer has passed.", code="offer_expired")
        # Never more people accepted than places (the employer may have lowered them).
        if _count(session, terms.vacancy_id, FILLED) >= min(places_open, terms.places):
            raise Conflict("All places are taken.", code="places_full")
        result = session.execute(
            update(QueuePlace)
            .where(
                QueuePlace.id == place.id,
                QueuePlace.state == PlaceState.OFFERED,
                QueuePlace.offer_deadline > now,
            )
            .values(state=PlaceState.ACCEPTED, accepted_at=now, shared_contact=contact)
        )
        if getattr(result, "rowcount", 0) != 1:
            raise Conflict("There is no offer for you on this list.", code="no_offer")
        _shift_in_line(session, terms.vacancy_id, -1)
        _add_events(
            session,
            terms.vacancy_id,
            [place],
            EventKind.ACCEPTED,
            Actor.PERSON,
            now,
            {"shared": sorted(contact)},
        )
        return []

    return _change_my_place(vacancy_id, user_id, change)


def decline_offer(vacancy_id: int, *, user_id: int) -> dict[str, Any]:
    """Decline the offered place; it goes to the next person waiting."""

    def change(
        session: Session,
        place: Any,
        terms: vacancies.OpenHiringTerms,
        places_open: int,
        now: datetime,
    ) -> list[Notice]:
        result = session.execute(
            update(QueuePlace)
            .where(QueuePlace.id == place.id, QueuePlace.state == PlaceState.OFFERED)
            .values(state=PlaceState.DECLINED, ended_at=now)
        )
        if getattr(result, "rowcount", 0) != 1:
            raise Conflict("There is no offer for you on this list.", code="no_offer")
        _shift_in_line(session, terms.vacancy_id, -1)
        _add_events(session, terms.vacancy_id, [place], EventKind.DECLINED, Actor.PERSON, now)
        return _fill_offers(session, terms, places_open, now)

    return _change_my_place(vacancy_id, user_id, change)


def withdraw(vacancy_id: int, *, user_id: int) -> dict[str, Any]:
    """Leave the list; an offered or accepted place goes to the next person waiting."""

    def change(
        session: Session,
        place: Any,
        terms: vacancies.OpenHiringTerms,
        places_open: int,
        now: datetime,
    ) -> list[Notice]:
        if place.state not in LEAVING:
            raise Conflict(
                f"Your place is {place.state.value}; there is nothing to withdraw.",
                code="place_ended",
            )
        session.execute(
            update(QueuePlace)
            .where(QueuePlace.id == place.id)
            .values(state=PlaceState.WITHDRAWN, ended_at=now, shared_contact=None)
        )
        if place.state in IN_LINE:
            _shift_in_line(session, terms.vacancy_id, -1)
        _add_events(session, terms.vacancy_id, [place], EventKind.WITHDRAWN, Actor.PERSON, now)
        if place.state in (PlaceState.OFFERED, PlaceState.ACCEPTED):
            return _fill_offers(session, terms, places_open, now)
        return []

    return _change_my_place(vacancy_id, user_id, change)


@register_eraser("open_hiring")
def leave_every_list(user_id: int) -> None:
    """Before an erasure: withdraw from every list the way the person would, so an offered
    or accepted place goes to the next person and each list's count stays right."""
    vacancy_ids = list(
        db.read_session().scalars(
            select(PLACES.c.vacancy_id).where(
                PLACES.c.user_id == user_id, PLACES.c.state.in_(LEAVING)
            )
        )
    )
    for vacancy_id in vacancy_ids:
        withdraw(vacancy_id, user_id=user_id)


def confirm(vacancy_id: int, *, user_id: int) -> dict[str, Any]:
    """Say "I am still interested": restarts the re-confirm period; resumes a paused place."""

    def change(
        session: Session,
        place: Any,
        terms: vacancies.OpenHiringTerms,
        places_open: int,
        now: datetime,
    ) -> list[Notice]:
        if place.state in ENDED or place.state == PlaceState.STARTED:
            raise Conflict(f"Your place is {place.state.value}.", code="place_ended")
        if place.state != PlaceState.PAUSED:
            session.execute(
                update(QueuePlace).where(QueuePlace.id == place.id).values(confirmed_at=now)
            )
            return []
        session.execute(
            update(QueuePlace)
            .where(QueuePlace.id == place.id)
            .values(state=PlaceState.WAITING, paused_at=None, confirmed_at=now)
        )
        _shift_in_line(session, terms.vacancy_id, 1)
        _add_events(session, terms.vacancy_id, [place], EventKind.RESUMED, Actor.PERSON, now)
        # Back in line at the old position: a free place may be theirs at once.
        return _fill_offers(session, terms, places_open, now)

    return _change_my_place(vacancy_id, user_id, change)


def _event_view(event: Any) -> dict[str, Any]:
    return {
        "id": event.id,
        "vacancy_id": event.vacancy_id,
        "place_id": event.place_id,
        "position": event.position,
        "kind": event.kind,
        "actor": event.actor,
        "at": event.at,
        "detail": event.detail or {},
    }


def my_history(vacancy_id: int, *, user_id: int) -> list[dict[str, Any]]:
    """Return every event of the person's place on a list, oldest first."""
    session = db.read_session()
    if _my_place(session, vacancy_id, user_id) is None:
        raise NotSigned("You are not on this list.")
    events = session.execute(
        select(EVENTS)
        .where(EVENTS.c.vacancy_id == vacancy_id, EVENTS.c.user_id == user_id)
        .order_by(EVENTS.c.id)
    ).all()
    return [_event_view(e) for e in events]


# --- The employer --------------------------------------------------------------------


def open_places(user_id: int, vacancy_id: int, count: int) -> dict[str, Any]:
    """Open `count` more places: the first people waiting get offers at once."""
    terms = vacancies.terms_for_member(user_id, vacancy_id)
    if terms.hiring_mode != HiringMode.OPEN:
        raise Conflict("This vacancy does not use open hiring.", code="not_open_hiring")
    if terms.status != VacancyStatus.PUBLISHED:
        raise Conflict("Publish the vacancy first.", code="vacancy_not_published")
    with db.transaction() as session:
        places_open = _lock(session, vacancy_id, create=True)
        assert places_open is not None
        room = max(terms.places - places_open, 0)
        if count > room:
            raise InvalidInput(
                "count",
                f"The vacancy has {terms.places} places and {places_open} are open: "
                f"at most {room} more can be opened.",
            )
        places_open += count
        session.execute(
            update(OpenHiringList)
            .where(OpenHiringList.vacancy_id == vacancy_id)
            .values(places_open=places_open)
        )
        notices = _fill_offers(session, terms, places_open, db.utcnow())
    _send(notices)
    return dashboard(user_id, vacancy_id)


def _employer_place(user_id: int, place_id: int) -> tuple[Any, vacancies.OpenHiringTerms]:
    place = db.read_session().execute(select(PLACES).where(PLACES.c.id == place_id)).one_or_none()
    if place is None:
        raise NotFound("No place with this id.")
    return place, vacancies.terms_for_member(user_id, place.vacancy_id)


def _employer_place_view(place: Any) -> dict[str, Any]:
    # Only what the person chose to share when accepting; never a profile or an id.
    return {
        "place_id": place.id,
        "position": place.position,
        "state": place.state,
        "accepted_at": place.accepted_at,
        "started_at": place.started_at,
        "contact": place.shared_contact or {},
    }


def mark_started(user_id: int, place_id: int) -> dict[str, Any]:
    """Mark an accepted person as started."""
    place, terms = _employer_place(user_id, place_id)
    with db.transaction() as session:
        _lock(session, terms.vacancy_id)
        now = db.utcnow()
        result = session.execute(
            update(QueuePlace)
            .where(QueuePlace.id == place_id, QueuePlace.state == PlaceState.ACCEPTED)
            .values(state=PlaceState.STARTED, started_at=now)
        )
        if getattr(result, "rowcount", 0) != 1:
            raise Conflict("Only an accepted person can start.", code="not_accepted")
        _add_events(session, terms.vacancy_id, [place], EventKind.STARTED, Actor.EMPLOYER, now)
        row = session.execute(select(PLACES).where(PLACES.c.id == place_id)).one()
    return _employer_place_view(row)


def mark_no_show(user_id: int, place_id: int) -> dict[str, Any]:
    """Mark an accepted person who did not come; the place goes to the next person."""
    place, terms = _employer_place(user_id, place_id)
    with db.transaction() as session:
        places_open = _lock(session, terms.vacancy_id)
        assert places_open is not None
        now = db.utcnow()
        result = session.execute(
            update(QueuePlace)
            .where(QueuePlace.id == place_id, QueuePlace.state == PlaceState.ACCEPTED)
            .values(state=PlaceState.NO_SHOW, ended_at=now, shared_contact=None)
        )
        if getattr(result, "rowcount", 0) != 1:
            raise Conflict("Only an accepted person can be marked no-show.", code="not_accepted")
        _add_events(session, terms.vacancy_id, [place], EventKind.NO_SHOW, Actor.EMPLOYER, now)
        notices = _fill_offers(session, terms, places_open, now)
        row = session.execute(select(PLACES).where(PLACES.c.id == place_id)).one()
    _send(notices)
    return _employer_place_view(row)


def dashboard(user_id: int, vacancy_id: int) -> dict[str, Any]:
    """Return the list's counts and the accepted people's shared details, for the employer."""
    terms = vacancies.terms_for_member(user_id, vacancy_id)
    session = db.read_session()
    places_open = session.scalar(
        select(OpenHiringList.places_open).where(OpenHiringList.vacancy_id == vacancy_id)
    )
    counts = dict.fromkeys((s.value for s in PlaceState), 0)
    for state, n in session.execute(
        select(PLACES.c.state, func.count())
        .where(PLACES.c.vacancy_id == vacancy_id)
        .group_by(PLACES.c.state)
    ):
        counts[PlaceState(state).value] = int(n)
    accepted = session.execute(
        select(PLACES)
        .where(PLACES.c.vacancy_id == vacancy_id, PLACES.c.state.in_(FILLED))
        .order_by(PLACES.c.position)
    ).all()
    return {
        "vacancy_id": vacancy_id,
        "title": terms.title,
        "status": terms.status,
        "places": terms.places,
        "places_open": int(places_open or 0),
        "list_length": sum(counts.values()),
        "counts": counts,
        "accepted": [_employer_place_view(p) for p in accepted],
        "offer_hours": terms.offer_hours,
        "reconfirm_days": terms.reconfirm_days,
        "min_age": terms.min_age,
    }


# --- The admin: was the order respected? ----------------------------------------------


def replay(events: Sequence[Any]) -> AuditReplay:
    """Replay a list's events in order and check that offers followed the positions.

    Sign-ups must get increasing positions at non-decreasing times, and an offer may only
    go to a person waiting when nobody before them is waiting (paused people are
    skipped by design; people who left are out).
    """
    state: dict[int, tuple[int, PlaceState]] = {}
    violations: list[str] = []
    last_signed: tuple[int, datetime] | None = None
    offers = 0
    transitions = {
        EventKind.PAUSED: PlaceState.PAUSED,
        EventKind.RESUMED: PlaceState.WAITING,
        EventKind.ACCEPTED: PlaceState.ACCEPTED,
        EventKind.STARTED: PlaceState.STARTED,
        EventKind.DECLINED: PlaceState.DECLINED,
        EventKind.EXPIRED: PlaceState.EXPIRED,
        EventKind.NO_SHOW: PlaceState.NO_SHOW,
        EventKind.WITHDRAWN: PlaceState.WITHDRAWN,
    }
    for e in events:
        if e.kind == EventKind.SIGNED:
            if last_signed and (e.position <= last_signed[0] or e.at < last_signed[1]):
                violations.append(
                    f"event {e.id}: position {e.position} signed at {e.at.isoformat()} after "
                    f"position {last_signed[0]} at {last_signed[1].isoformat()}"
                )
            last_signed = (e.position, e.at)
            state[e.place_id] = (e.position, PlaceState.WAITING)
        elif e.kind == EventKind.OFFERED:
            offers += 1
            position, current = state.get(e.place_id, (e.position, PlaceState.WAITING))
            if current != PlaceState.WAITING:
                violations.append(f"event {e.id}: position {position} was offered while {current}")
            skipped = sorted(
                p for p, s in state.values() if s == PlaceState.WAITING and p < e.position
            )
            if skipped:
                violations.append(
                    f"event {e.id}: position {e.position} was offered while "
                    f"position {skipped[0]} was waiting"
                )
            state[e.place_id] = (position, PlaceState.OFFERED)
        elif e.kind in transitions and e.place_id in state:
            state[e.place_id] = (state[e.place_id][0], transitions[e.kind])
    return AuditReplay(order_respected=not violations, checked_offers=offers, violations=violations)


def audit(vacancy_id: int) -> dict[str, Any]:
    """Return every event of a list and whether the order was respected (for an admin)."""
    terms = vacancies.open_hiring_terms(vacancy_id)
    events = (
        db.read_session()
        .execute(select(EVENTS).where(EVENTS.c.vacancy_id == vacancy_id).order_by(EVENTS.c.id))
        .all()
    )
    verdict = replay(events)
    return {
        "vacancy_id": vacancy_id,
        "title": terms.title,
        "order_respected": verdict.order_respected,
        "checked_offers": verdict.checked_offers,
        "violations": verdict.violations,
        "event_counts": dict(Counter(e.kind.value for e in events)),
        # Positions and place ids only: the audit needs no names.
        "events": [_event_view(e) for e in events],
    }


# --- Periodic tasks ------------------------------------------------------------------


def expire_offers() -> int:
    """Expire offers whose deadline passed; their places go to the next people waiting."""
    now = db.utcnow()
    vacancy_ids = list(
        db.read_session().scalars(
            select(PLACES.c.vacancy_id)
            .where(PLACES.c.state == PlaceState.OFFERED, PLACES.c.offer_deadline <= now)
            .distinct()
        )
    )
    all_terms = vacancies.open_hiring_terms_many(vacancy_ids)
    expired = 0
    for vacancy_id in vacancy_ids:
        terms = all_terms.get(vacancy_id)
        if terms is None:
            continue
        with db.transaction() as session:
            places_open = _lock(session, vacancy_id)
            if places_open is None:
                continue
            at = db.utcnow()
            rows = session.execute(
                update(QueuePlace)
                .where(
                    QueuePlace.vacancy_id == vacancy_id,
                    QueuePlace.state == PlaceState.OFFERED,
                    QueuePlace.offer_deadline <= at,
                )
                .values(state=PlaceState.EXPIRED, ended_at=at)
                .returning(QueuePlace.id, QueuePlace.user_id, QueuePlace.position)
            ).all()
            _shift_in_line(session, vacancy_id, -len(rows))
            _add_events(session, vacancy_id, rows, EventKind.EXPIRED, Actor.SYSTEM, at)
            notices = [
                Notice(
                    r.user_id,
                    "open_hiring_offer_expired",
                    {"vacancy_id": vacancy_id, "title": terms.title, "position": r.position},
                )
                for r in rows
            ]
            notices += _fill_offers(session, terms, places_open, at)
        expired += len(rows)
        _send(notices)
    return expired


def pause_unconfirmed() -> int:
    """Pause people waiting who did not re-confirm within their list's period."""
    now = db.utcnow()
    session = db.read_session()
    vacancy_ids = list(
        session.scalars(
            select(PLACES.c.vacancy_id).where(PLACES.c.state == PlaceState.WAITING).distinct()
        )
    )
    all_terms = vacancies.open_hiring_terms_many(vacancy_ids)
    paused = 0
    for vacancy_id in vacancy_ids:
        terms = all_terms.get(vacancy_id)
        if terms is None:
            continue
        cutoff = now - timedelta(days=terms.reconfirm_days)
        stale = session.scalar(
            select(func.count()).where(
                PLACES.c.vacancy_id == vacancy_id,
                PLACES.c.state == PlaceState.WAITING,
                PLACES.c.confirmed_at < cutoff,
            )
        )
        if not stale:
            continue
        with db.transaction() as tx:
            _lock(tx, vacancy_id)
            at = db.utcnow()
            rows = tx.execute(
                update(QueuePlace)
                .where(
                    QueuePlace.vacancy_id == vacancy_id,
                    QueuePlace.state == PlaceState.WAITING,
                    QueuePlace.confirmed_at < cutoff,
                )
                .values(state=PlaceState.PAUSED, paused_at=at)
                .returning(QueuePlace.id, QueuePlace.user_id, QueuePlace.position)
            ).all()
            _shift_in_line(tx, vacancy_id, -len(rows))
            _add_events(tx, vacancy_id, rows, EventKind.PAUSED, Actor.SYSTEM, at)
        paused += len(rows)
    return paused


# --- Export --------------------------------------------------------------------------


# --- For matching -----------------------------------------------------------------------

# People who still wait for a place: what makes a list long (paused people come back).
QUEUED = (PlaceState.WAITING, PlaceState.PAUSED, PlaceState.OFFERED)


def queue_lengths(vacancy_ids: Iterable[int]) -> dict[int, int]:
    """Return how many people wait on each vacancy's list (lists nobody signed are left out)."""
    ids = list(set(vacancy_ids))
    if not ids:
        return {}
    rows = db.read_session().execute(
        select(PLACES.c.vacancy_id, func.count())
        .where(PLACES.c.vacancy_id.in_(ids), PLACES.c.state.in_(QUEUED))
        .group_by(PLACES.c.vacancy_id)
    )
    return {vacancy_id: int(n) for vacancy_id, n in rows}


def signed_user_ids(vacancy_id: int) -> set[int]:
    """Return the people who ever signed a vacancy's list (in any state)."""
    return set(
        db.read_session().scalars(select(PLACES.c.user_id).where(PLACES.c.vacancy_id == vacancy_id))
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@register_exporter("open_hiring")
def export_open_hiring(user_id: int) -> dict[str, Any]:
    """Return the person's places on lists and every event of them, JSON-ready."""
    session = db.read_session()
    places = session.execute(
        select(PLACES).where(PLACES.c.user_id == user_id).order_by(PLACES.c.id)
    ).all()
    titles = vacancies.vacancy_titles(p.vacancy_id for p in places)
    events = session.execute(
        select(EVENTS).where(EVENTS.c.user_id == user_id).order_by(EVENTS.c.id)
    ).all()
    times = (
        "signed_at",
        "right_to_work_declared_at",
        "confirmed_at",
        "paused_at",
        "offered_at",
        "offer_deadline",
        "accepted_at",
        "started_at",
        "ended_at",
        "turn_notified_at",
    )
    return {
        "places": [
            {
                "place_id": p.id,
                "vacancy_id": p.vacancy_id,
                "title": titles.get(p.vacancy_id),
                "position": p.position,
                "state": p.state.value,
                "shared_contact": p.shared_contact,
                **{name: _iso(getattr(p, name)) for name in times},
            }
            for p in places
        ],
        "events": [
            {
                "place_id": e.place_id,
                "vacancy_id": e.vacancy_id,
                "position": e.position,
                "kind": e.kind.value,
                "actor": e.actor.value,
                "at": _iso(e.at),
                "detail": e.detail or {},
            }
            for e in events
        ],
    }
