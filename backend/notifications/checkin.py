"""The daily check-in: planning, the digest, opening it, the answer, the gentle streak.

- **Planning.** Each person's `next_checkin_at` (UTC, indexed) is their next chosen
  day at their chosen time in their time zone. Every minute `plan_due` takes everyone
  due, moves their `next_checkin_at` on (one UPDATE … RETURNING per group of equal
  settings, so a second planner running at the same time finds nobody left) and hands
  the people out in batches; each person then gets one digest.
- **The digest** holds what is new since the previous digest: open-hiring places near
  them, moves in their queues, learning offers for their gap (a seam for issue 6) and
  the next selfie step; when nothing is new it is one short nudge with that step.
- **Opening** a check-in records it (once per local day) and asks "Ben je nog
  beschikbaar?". **Yes** re-confirms every open-hiring place they wait on; paused
  places resume. **No** changes nothing: their places stay until they lapse.
- **The streak** is gentle: it counts check-ins on the chosen days back from today,
  forgives one missed day, and only two missed chosen days in a row end it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, select, update

from backend import db
from backend.errors import Conflict, DomainError, NotFound
from backend.notifications import inbox, schedule
from backend.notifications import service as notifications
from backend.notifications.models import CheckIn, Notification, NotificationPreference
from backend.open_hiring import service as open_hiring
from backend.selfie import service as selfie
from backend.selfie.export import register_exporter
from backend.vacancies import service as vacancies

PREFS = cast(Table, NotificationPreference.__table__)
CHECKINS = cast(Table, CheckIn.__table__)
PLAN_BATCH = 100  # people per digest task
MAX_SINCE = timedelta(days=7)
MAX_PLACES = 5
QUESTION = {"nl": "Ben je nog beschikbaar?", "en": "Are you still available?"}
# Places the answer "yes" re-confirms (paused ones resume).
CONFIRMABLE = ("waiting", "paused")
ACTIVE = ("waiting", "paused", "offered", "accepted")


# --- Planning --------------------------------------------------------------------------


def plan_due(now: datetime | None = None) -> Iterator[list[int]]:
    """Move everyone due on to their next check-in; yield them in batches."""
    now = now or db.utcnow()
    session = db.read_session()
    groups = session.execute(
        select(PREFS.c.checkin_time, PREFS.c.checkin_days, PREFS.c.time_zone)
        .where(PREFS.c.next_checkin_at <= now)
        .group_by(PREFS.c.checkin_time, PREFS.c.checkin_days, PREFS.c.time_zone)
    ).all()
    for at, days, zone_name in groups:
        try:
            tz = schedule.zone(zone_name)
        except ValueError:
            tz = schedule.zone(notifications.DEFAULTS["time_zone"])
        following = schedule.next_checkin(now, at, days, tz)
        with db.transaction() as tx:
            due = tx.scalars(
                update(PREFS)
                .where(
                    PREFS.c.next_checkin_at <= now,
                    PREFS.c.checkin_time == at,
                    PREFS.c.checkin_days == days,
                    PREFS.c.time_zone == zone_name,
                )
                .values(next_checkin_at=following)
                .returning(PREFS.c.user_id)
            ).all()
        ids = sorted(due)
        for start in range(0, len(ids), PLAN_BATCH):
            yield ids[start : start + PLAN_BATCH]


# --- The digest ------------------------------------------------------------------------


def _last_digest(user_id: int) -> tuple[datetime | None, dict[str, Any]]:
    row = (
        db.read_session()
        .execute(
            select(Notification.created_at, Notification.data)
            .where(Notification.user_id == user_id, Notification.kind == "daily_checkin")
            .order_by(Notification.id.desc())
            .limit(1)
        )
        .one_or_none()
    )
    return (row.created_at, row.data) if row else (None, {})


def _places_near(user_id: int, since: datetime) -> list[dict[str, Any]]:
    location = selfie.get_section(user_id, "location")["data"]
    postcode, km = location.get("postcode"), location.get("max_distance_km")
    if not postcode or not isinstance(km, int) or km <= 0:
        return []
    try:
        page = vacancies.search_vacancies(
            vacancies.SearchFilters(
                postcode=postcode,
                distance_km=min(km, vacancies.MAX_DISTANCE_KM),
                open_hiring=True,
                sort="newest",
            ),
            offset=0,
            limit=MAX_PLACES * 4,
        )
    except DomainError:
        return []
    fresh = [v for v in page.items if v["published_at"] and v["published_at"] > since]
    return [
        {
            "vacancy_id": v["id"],
            "title": v["title"],
            "place": v["place"],
            "distance_km": v["distance_km"],
        }
        for v in fresh[:MAX_PLACES]
    ]


def _queues(user_id: int, before: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Any]]:
    previous = {q["vacancy_id"]: q for q in before}
    queues, moves = [], []
    for place in open_hiring.list_my_places(user_id):
        state = str(getattr(place["state"], "value", place["state"]))
        if state not in ACTIVE:
            continue
        entry = {
            "vacancy_id": place["vacancy_id"],
            "title": place["title"],
            "state": state,
            "position": place["position"],
            "ahead": place["ahead"],
        }
        queues.append(entry)
        old = previous.get(place["vacancy_id"])
        if old is None or old["ahead"] != entry["ahead"] or old["state"] != state:
            moves.append({**entry, "ahead_before": old["ahead"] if old else None})
    return queues, moves


def learning_offers_for_gap(user_id: int, since: datetime) -> list[dict[str, Any]]:
    """Return the learning offers posted since `since` that close the person's gap (the
    same gap as the push of a new offer: `learning.service.offers_closing_gap`)."""
    from backend.learning import service as learning  # learning tells people through us

    return learning.offers_closing_gap(user_id, since)


def _summary(digest: dict[str, Any]) -> tuple[str, str]:
    parts_nl, parts_en = [], []
    if n := len(digest["places"]):
        parts_nl.append(f"{n} nieuwe {'plek' if n == 1 else 'plekken'} in de buurt")
        parts_en.append(f"{n} new {'place' if n == 1 else 'places'} nearby")
    if n := len(digest["queue_moves"]):
        parts_nl.append(f"{n} {'verandering' if n == 1 else 'veranderingen'} in je rij")
        parts_en.append(f"{n} {'change' if n == 1 else 'changes'} in your queue")
    if n := len(digest["learning_offers"]):
        parts_nl.append(f"{n} {'cursus' if n == 1 else 'cursussen'} voor jou")
        parts_en.append(f"{n} {'course' if n == 1 else 'courses'} for you")
    step = digest["next_step"]
    if not parts_nl:
        if step:
            return (
                f"Eén kleine stap vandaag: {step['title_nl']}.",
                f"One small step today: {step['title_en']}.",
            )
        return ("Ben je nog beschikbaar? Laat het even weten.", "Still available? Let us know.")
    return ", ".join(parts_nl).capitalize() + ".", ", ".join(parts_en).capitalize() + "."


def build_digest(user_id: int, now: datetime | None = None) -> dict[str, Any]:
    """Return what is new for the person since their previous digest (or a nudge)."""
    now = now or db.utcnow()
    last_at, last = _last_digest(user_id)
    since = max(last_at or now - timedelta(days=1), now - MAX_SINCE)
    queues, moves = _queues(user_id, last.get("queues") or [])
    digest: dict[str, Any] = {
        "since": since.isoformat(),
        "places": _places_near(user_id, since),
        "queues": queues,
        "queue_moves": moves,
        "learning_offers": learning_offers_for_gap(user_id, since),
        "next_step": selfie.next_step(user_id),
    }
    digest["nudge"] = not (digest["places"] or moves or digest["learning_offers"])
    digest["summary_nl"], digest["summary_en"] = _summary(digest)
    return digest


def send_digests(user_ids: list[int]) -> list[int]:
    """Put one check-in digest in each person's inbox; return the notifications' ids."""
    entries = [(user_id, "daily_checkin", build_digest(user_id)) for user_id in user_ids]
    return inbox.write(entries)


# --- Opening and answering -------------------------------------------------------------


def _streak(user_id: int, today: date, days_mask: int) -> dict[str, Any]:
    session = db.read_session()
    total = int(session.scalar(select(func.count()).where(CHECKINS.c.user_id == user_id)) or 0)
    days = set(
        session.scalars(
            select(CHECKINS.c.day)
            .where(CHECKINS.c.user_id == user_id, CHECKINS.c.day > today - timedelta(days=400))
            .order_by(CHECKINS.c.day.desc())
        )
    )
    streak, missed_in_row = 0, 0
    day = today
    while day > today - timedelta(days=400):
        if day in days:
            streak += 1
            missed_in_row = 0
        elif days_mask & (1 << day.weekday()) and day != today:
            missed_in_row += 1
            if missed_in_row == 2:
                break
        day -= timedelta(days=1)
    if streak == 0:
        message = ("Fijn dat je er bent.", "Good to see you.")
    elif streak == 1:
        message = ("Je eerste check-in. Goed begin!", "Your first check-in. Good start!")
    else:
        message = (f"{streak} keer ingecheckt. Goed bezig!", f"{streak} check-ins. Well done!")
    return {"days": streak, "total": total, "message_nl": message[0], "message_en": message[1]}


def _view(row: CheckIn, streak: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "day": row.day,
        "opened_at": row.opened_at,
        "digest": row.digest,
        "question": QUESTION,
        "answered_at": row.answered_at,
        "available": row.available,
        "streak": streak,
    }


def _today(user_id: int) -> tuple[date, int]:
    prefs = notifications.get_preferences(user_id)
    tz = schedule.zone(prefs["time_zone"])
    return schedule.local_day(db.utcnow(), tz), schedule.days_to_mask(prefs["checkin"]["days"])


def open_checkin(user_id: int) -> dict[str, Any]:
    """Open today's check-in (recorded once per day): the digest, the question, the streak."""
    notifications.ensure_preferences(user_id)
    today, mask = _today(user_id)
    session = db.read_session()
    row = session.scalars(
        select(CheckIn).where(CheckIn.user_id == user_id, CheckIn.day == today)
    ).one_or_none()
    if row is None:
        last_at, last = _last_digest(user_id)
        tz = schedule.zone(notifications.get_preferences(user_id)["time_zone"])
        fresh = last_at is not None and schedule.local_day(last_at, tz) == today
        digest = last if fresh else build_digest(user_id)
        with db.transaction() as tx:
            # Two taps at once record one check-in.
            tx.execute(
                db.insert_for(tx)(CheckIn)
                .values(user_id=user_id, day=today, opened_at=db.utcnow(), digest=digest)
                .on_conflict_do_nothing(index_elements=["user_id", "day"])
            )
            tx.execute(
                update(Notification)
                .where(
                    Notification.user_id == user_id,
                    Notification.kind == "daily_checkin",
                    Notification.read_at.is_(None),
                )
                .values(read_at=db.utcnow())
            )
            row = tx.scalars(
                select(CheckIn).where(CheckIn.user_id == user_id, CheckIn.day == today)
            ).one()
    return _view(row, _streak(user_id, today, mask))


def answer_checkin(user_id: int, checkin_id: int, *, available: bool) -> dict[str, Any]:
    """Answer "Ben je nog beschikbaar?": yes re-confirms my open-hiring places."""
    session = db.read_session()
    row = session.get(CheckIn, checkin_id)
    if row is None or row.user_id != user_id:
        raise NotFound("You have no check-in with this id.")
    confirmed: list[int] = []
    resumed: list[int] = []
    if available:
        for place in open_hiring.list_my_places(user_id):
            state = str(getattr(place["state"], "value", place["state"]))
            if state not in CONFIRMABLE:
                continue
            try:
                open_hiring.confirm(place["vacancy_id"], user_id=user_id)
            except Conflict:
                continue  # the place ended in the meantime
            (resumed if state == "paused" else confirmed).append(place["vacancy_id"])
    with db.transaction() as tx:
        tx.execute(
            update(CheckIn)
            .where(CheckIn.id == checkin_id)
            .values(answered_at=db.utcnow(), available=available)
        )
        row = tx.get(CheckIn, checkin_id, populate_existing=True)
        assert row is not None
    today, mask = _today(user_id)
    return {
        **_view(row, _streak(user_id, today, mask)),
        "confirmed": confirmed,
        "resumed": resumed,
    }


def streak(user_id: int) -> dict[str, Any]:
    """Return the person's gentle streak."""
    today, mask = _today(user_id)
    return _streak(user_id, today, mask)


# --- Export ----------------------------------------------------------------------------


@register_exporter("checkins")
def export_checkins(user_id: int) -> list[dict[str, Any]]:
    """Return every check-in the person opened, with its digest and answer."""
    rows = db.read_session().scalars(
        select(CheckIn).where(CheckIn.user_id == user_id).order_by(CheckIn.id)
    )
    return [
        {
            "day": row.day.isoformat(),
            "opened_at": row.opened_at.isoformat(),
            "digest": row.digest,
            "answered_at": row.answered_at.isoformat() if row.answered_at else None,
            "available": row.available,
        }
        for row in rows
    ]
