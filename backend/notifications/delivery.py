"""Push delivery of inbox entries: what to send, when, to which devices, and the log.

Every notification is in the inbox first (`service.notify`). Delivery then decides, per
notification:
- the kind's topic must be switched on (the queue's messages are always on);
- the person needs a device (a push subscription);
- in the quiet hours it waits until they end, except a queue offer, which goes at once
  with its deadline in the text;
- the daily maximum counts the pushes of the optional topics (places nearby, learning
  offers); a learning offer is pushed at most once a day;
- then one encrypted push per device, all at once (`sender.send_all`).

Every decision and every attempt is a row of the delivery log (`PushDelivery`). This
module is Flask-free and huey-free: it returns the retries for the caller to schedule.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from backend import db
from backend.notifications import schedule, sender
from backend.notifications.models import (
    Notification,
    NotificationPreference,
    PushDelivery,
    PushSubscription,
)

log = logging.getLogger(__name__)

NOTIFICATIONS = cast(Table, Notification.__table__)
SUBSCRIPTIONS = cast(Table, PushSubscription.__table__)
DELIVERIES = cast(Table, PushDelivery.__table__)

# Delivery log statuses.
DELIVERED, GONE, RETRY, FAILED, DEFERRED, SKIPPED = (
    "delivered",
    "gone",
    "retry",
    "failed",
    "deferred",
    "skipped",
)
# A notification's push_state.
PENDING, SENT, RETRYING = "pending", "sent", "retrying"

MAX_ATTEMPTS = 4
BACKOFF_SECONDS = (30, 120, 600)  # before attempt 2, 3, 4
MAX_RETRY_DELAY = 6 * 3600  # a Retry-After beyond this is given up on
DEFAULT_TTL = 24 * 3600
MIN_TTL = 60


@dataclass(frozen=True)
class Rule:
    """How one kind of notification is pushed."""

    preference: str | None  # the topic that switches it off; None: always on
    urgency: str = "normal"
    ignores_quiet_hours: bool = False
    counts_to_daily_max: bool = False
    once_a_day: bool = False
    ttl: int = DEFAULT_TTL
    topic: str | None = None  # collapses an unseen older push with the same topic


RULES = {
    # The queue: always on. An offer is the person's turn: at once, high urgency.
    "open_hiring_offer": Rule(None, urgency="high", ignores_quiet_hours=True),
    "open_hiring_turn_close": Rule(None),
    "open_hiring_offer_expired": Rule(None),
    "open_hiring_nearby": Rule("open_hiring_nearby", counts_to_daily_max=True, ttl=12 * 3600),
    "learning_offer": Rule("learning_offers", counts_to_daily_max=True, once_a_day=True),
    "daily_checkin": Rule("daily_checkin", ttl=12 * 3600, topic="checkin"),
    # For the employer's members: quiet hours apply; the inbox keeps every one.
    "vacancy_interest": Rule(None),
}


QUIET_START, QUIET_END = time(21, 0), time(8, 0)


@dataclass(frozen=True)
class Prefs:
    """A person's push preferences (the defaults when they never saved any)."""

    open_hiring_nearby: bool = True
    learning_offers: bool = True
    daily_checkin: bool = True
    quiet_start: time | None = QUIET_START
    quiet_end: time | None = QUIET_END
    daily_max: int = 5
    time_zone: str = "Europe/Amsterdam"

    def topic_on(self, name: str | None) -> bool:
        return name is None or bool(getattr(self, name))

    @property
    def tz(self) -> ZoneInfo:
        return schedule.zone(self.time_zone)


DEFAULT_PREFS = Prefs()
PREF_FIELDS = tuple(f.name for f in fields(Prefs))


@dataclass(frozen=True)
class Retry:
    """A push to try again later (the caller schedules it)."""

    notification_id: int
    subscription_id: int
    attempt: int
    delay: float


@dataclass
class _Outcome:
    log_rows: list[dict[str, Any]]
    retries: list[Retry]
    sent: set[int]
    retrying: set[int]
    failed: set[int]
    gone: set[int]
    reached: set[int]


# --- What a push says ------------------------------------------------------------------


def _when(value: str | None, tz: ZoneInfo) -> tuple[str, str]:
    """Format a deadline for people: ("wo 14:30", "Wed 14:30") in their time zone."""
    if not value:
        return "", ""
    moment = datetime.fromisoformat(value).astimezone(tz)
    nl_days = ("ma", "di", "wo", "do", "vr", "za", "zo")
    en_days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    clock = moment.strftime("%H:%M")
    return f"{nl_days[moment.weekday()]} {clock}", f"{en_days[moment.weekday()]} {clock}"


def message_for(kind: str, data: dict[str, Any], tz: ZoneInfo) -> dict[str, Any]:
    """Return the texts (Dutch, B1; and English) and the screen a push opens."""
    title = str(data.get("title") or "")
    # Screens of the app (pwa/src/app.tsx); without a vacancy, the inbox.
    vacancy_id = data.get("vacancy_id")
    vacancy_url = f"/open-hiring/{vacancy_id}" if vacancy_id else "/notifications"
    actions: list[dict[str, str]] = [{"action": "open", "nl": "Bekijk", "en": "View"}]
    if kind == "open_hiring_offer":
        nl_when, en_when = _when(data.get("deadline"), tz)
        nl = ("Je bent aan de beurt!", f"Er is een plek voor je: {title}. Zeg ja vóór {nl_when}.")
        en = ("It is your turn!", f"There is a place for you: {title}. Say yes before {en_when}.")
        actions.append({"action": "accept", "nl": "Ik doe mee", "en": "I'm in"})
        vacancy_url = f"/open-hiring/{vacancy_id}/offer" if vacancy_id else "/my-lists"
    elif kind == "open_hiring_turn_close":
        ahead = int(data.get("ahead") or 0)
        nl = ("Je bent bijna aan de beurt", f"{title}: nog {ahead} voor je in de rij.")
        en = ("Your turn is close", f"{title}: {ahead} ahead of you in line.")
        vacancy_url = "/my-lists"
    elif kind == "open_hiring_offer_expired":
        nl = ("Je plek is naar de volgende gegaan", f"{title}: je hebt niet op tijd ja gezegd.")
        en = ("Your place went to the next person", f"{title}: you did not answer in time.")
        vacancy_url = "/my-lists"
    elif kind == "open_hiring_nearby":
        place = str(data.get("place") or "")
        where = f" in {place}" if place else ""
        nl = (
            "Nieuwe plek bij jou in de buurt",
            f"{title}{where}. Geen sollicitatie: wie eerst komt.",
        )
        en = ("New place near you", f"{title}{where}. No interview: first come, first served.")
    elif kind == "learning_offer":
        nl = ("Een cursus voor jou", f"{title} helpt je verder.")
        en = ("A course for you", f"{title} helps you on.")
        vacancy_url = "/learning"
    elif kind == "daily_checkin":
        nl = ("Je check-in van vandaag", str(data.get("summary_nl") or "Kijk wat er nieuw is."))
        en = ("Today's check-in", str(data.get("summary_en") or "See what is new."))
        vacancy_url = "/checkin"
    elif kind == "vacancy_interest":
        nl = ("Iemand heeft interesse", f"{title}: bekijk wie er interesse heeft.")
        en = ("Someone is interested", f"{title}: see who is interested.")
        vacancy_url = f"/employer/vacancies/{vacancy_id}" if vacancy_id else "/notifications"
    else:
        nl = ("Nieuw bericht", "Kijk in je berichten.")
        en = ("New message", "Look in your messages.")
    return {
        "nl": {"title": nl[0], "body": nl[1]},
        "en": {"title": en[0], "body": en[1]},
        "url": vacancy_url,
        "actions": actions,
    }


def payload(notification_id: int, kind: str, data: dict[str, Any], tz: ZoneInfo) -> bytes:
    """Return the JSON the service worker gets: the texts, where a tap goes, the data."""
    body = {"id": notification_id, "kind": kind, **message_for(kind, data, tz), "data": data}
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    if len(raw) > sender.MAX_PAYLOAD:
        # Never more than a push service takes: drop the details, the app fetches them.
        body["data"] = {}
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return raw


def _ttl(rule: Rule, kind: str, data: dict[str, Any], now: datetime) -> int:
    if kind == "open_hiring_offer" and data.get("deadline"):
        # An offer is worth nothing after its deadline.
        left = datetime.fromisoformat(data["deadline"]) - now
        return max(MIN_TTL, min(int(left.total_seconds()), rule.ttl))
    return rule.ttl


# --- Reading the state -----------------------------------------------------------------


def load_prefs(session: Session, user_ids: Iterable[int]) -> dict[int, Prefs]:
    """Return each person's preferences (defaults for people without a row)."""
    ids = list(set(user_ids))
    table = cast(Table, NotificationPreference.__table__)
    columns = [table.c[name] for name in PREF_FIELDS]
    found: dict[int, Prefs] = {}
    shared: dict[tuple[Any, ...], Prefs] = {}  # most people share their settings
    for start in range(0, len(ids), 1000):
        rows = session.execute(
            select(table.c.user_id, *columns).where(table.c.user_id.in_(ids[start : start + 1000]))
        )
        for user_id, *values in rows:
            key = tuple(values)
            prefs = shared.get(key)
            if prefs is None:
                prefs = shared[key] = Prefs(*values)
            found[user_id] = prefs
    return {uid: found.get(uid, DEFAULT_PREFS) for uid in ids}


def _subscriptions(session: Session, user_ids: Iterable[int]) -> dict[int, list[Any]]:
    ids = list(set(user_ids))
    by_user: dict[int, list[Any]] = defaultdict(list)
    for start in range(0, len(ids), 1000):
        for row in session.execute(
            select(SUBSCRIPTIONS).where(SUBSCRIPTIONS.c.user_id.in_(ids[start : start + 1000]))
        ):
            by_user[row.user_id].append(row)
    return by_user


def _pushed_today(
    session: Session, prefs: dict[int, Prefs], now: datetime
) -> tuple[dict[int, int], set[int]]:
    """Count each person's counted pushes since their local midnight; who had a learning
    offer pushed today."""
    counted = [k for k, r in RULES.items() if r.counts_to_daily_max]
    since = now - timedelta(hours=50)  # every time zone's midnight is later than this
    counts: dict[int, int] = defaultdict(int)
    learning: set[int] = set()
    ids = list(prefs)
    for start in range(0, len(ids), 1000):
        rows = session.execute(
            select(NOTIFICATIONS.c.user_id, NOTIFICATIONS.c.kind, NOTIFICATIONS.c.pushed_at).where(
                NOTIFICATIONS.c.user_id.in_(ids[start : start + 1000]),
                NOTIFICATIONS.c.kind.in_(counted),
                NOTIFICATIONS.c.pushed_at >= since,
            )
        )
        midnights: dict[int, datetime] = {}
        for user_id, kind, pushed_at in rows:
            if user_id not in midnights:
                midnights[user_id] = schedule.local_day_start(now, prefs[user_id].tz)
            if pushed_at >= midnights[user_id]:
                counts[user_id] += 1
                if RULES[kind].once_a_day:
                    learning.add(user_id)
    return counts, learning


# --- Deciding and sending --------------------------------------------------------------


def _log(
    notification_id: int,
    status: str,
    *,
    subscription: Any = None,
    attempt: int = 0,
    http_status: int | None = None,
    error: str | None = None,
    at: datetime,
) -> dict[str, Any]:
    return {
        "notification_id": notification_id,
        "subscription_id": subscription.id if subscription is not None else None,
        "service": sender.origin(subscription.endpoint) if subscription is not None else None,
        "attempt": attempt,
        "status": status,
        "http_status": http_status,
        "error": error[:500] if error else None,
        "at": at,
    }


def _backoff(attempt: int, retry_after: float | None) -> float | None:
    """Return the delay before `attempt` (2, 3, …), or None to give up."""
    if attempt > MAX_ATTEMPTS:
        return None
    delay = float(BACKOFF_SECONDS[min(attempt - 2, len(BACKOFF_SECONDS) - 1)])
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay if delay <= MAX_RETRY_DELAY else None


def _judge(
    outcome: _Outcome,
    notification_id: int,
    subscription: Any,
    attempt: int,
    result: sender.PushResult,
    now: datetime,
) -> None:
    """Record one answer of a push service and decide what follows from it."""
    status = result.status
    entry = {"subscription": subscription, "attempt": attempt, "http_status": status, "at": now}
    if result.delivered:
        outcome.log_rows.append(_log(notification_id, DELIVERED, **entry))
        outcome.sent.add(notification_id)
        outcome.reached.add(subscription.id)
    elif status in (404, 410):
        # 404/410: the push service dropped this subscription; delete it.
        outcome.log_rows.append(_log(notification_id, GONE, error=result.error, **entry))
        outcome.gone.add(subscription.id)
        outcome.failed.add(notification_id)
    elif status is None or status == 429 or status >= 500:
        # Busy or down (or no answer): try again later, as long as the service asks.
        delay = _backoff(attempt + 1, result.retry_after)
        if delay is None:
            log.warning(
                "push to %s gave up after %d attempts: %s %s",
                sender.origin(subscription.endpoint),
                attempt,
                status,
                result.error,
            )
            error = f"gave up after {attempt} attempts: {result.error or status}"
            outcome.log_rows.append(_log(notification_id, FAILED, error=error, **entry))
            outcome.failed.add(notification_id)
        else:
            error = f"retry in {int(delay)} s: {result.error or status}"
            outcome.log_rows.append(_log(notification_id, RETRY, error=error, **entry))
            outcome.retries.append(Retry(notification_id, subscription.id, attempt + 1, delay))
            outcome.retrying.add(notification_id)
    elif status == 413:
        # 413: our payload is too large for the push service; that is our bug.
        log.error(
            "push payload too large for %s (notification %d)",
            subscription.endpoint[:80],
            notification_id,
        )
        outcome.log_rows.append(
            _log(notification_id, FAILED, error="payload too large (our bug)", **entry)
        )
        outcome.failed.add(notification_id)
    elif status == 403:
        # 403: the push service refuses our VAPID signature. Alert; keep the subscription.
        log.error(
            "push service %s refused our VAPID credentials (403): %s",
            sender.origin(subscription.endpoint),
            result.error,
        )
        outcome.log_rows.append(
            _log(notification_id, FAILED, error=f"VAPID refused: {result.error}", **entry)
        )
        outcome.failed.add(notification_id)
    else:
        log.warning("push to %s answered %s: %s", subscription.endpoint[:80], status, result.error)
        outcome.log_rows.append(_log(notification_id, FAILED, error=result.error, **entry))
        outcome.failed.add(notification_id)


def _store(
    session: Session, outcome: _Outcome, decided: dict[int, dict[str, Any]], now: datetime
) -> None:
    """Write the log, the notifications' new states and the subscriptions' news."""
    if outcome.log_rows:
        session.execute(insert(DELIVERIES), outcome.log_rows)
    for notification_id in outcome.sent:
        decided[notification_id] = {"push_state": SENT, "pushed_at": now}
    for notification_id in outcome.retrying - outcome.sent:
        decided[notification_id] = {"push_state": RETRYING}
    for notification_id in outcome.failed - outcome.sent - outcome.retrying:
        decided.setdefault(notification_id, {"push_state": FAILED})
    by_values: dict[tuple[tuple[str, Any], ...], list[int]] = defaultdict(list)
    for notification_id, values in decided.items():
        by_values[tuple(sorted(values.items()))].append(notification_id)
    for values_key, ids in by_values.items():
        for start in range(0, len(ids), 1000):
            session.execute(
                update(NOTIFICATIONS)
                .where(NOTIFICATIONS.c.id.in_(ids[start : start + 1000]))
                .values(dict(values_key))
            )
    reached = sorted(outcome.reached - outcome.gone)
    for start in range(0, len(reached), 1000):
        session.execute(
            update(SUBSCRIPTIONS)
            .where(SUBSCRIPTIONS.c.id.in_(reached[start : start + 1000]))
            .values(last_delivered_at=now)
        )
    if outcome.gone:
        session.execute(delete(SUBSCRIPTIONS).where(SUBSCRIPTIONS.c.id.in_(sorted(outcome.gone))))


def deliver(notification_ids: Sequence[int], *, now: datetime | None = None) -> list[Retry]:
    """Push these inbox entries to their people's devices; return the retries to schedule."""
    now = now or db.utcnow()
    session = db.read_session()
    rows: list[Any] = []
    ids = list(notification_ids)
    for start in range(0, len(ids), 1000):
        rows += session.execute(
            select(
                NOTIFICATIONS.c.id,
                NOTIFICATIONS.c.user_id,
                NOTIFICATIONS.c.kind,
                NOTIFICATIONS.c.data,
                NOTIFICATIONS.c.push_due_at,
                NOTIFICATIONS.c.read_at,
            ).where(
                NOTIFICATIONS.c.id.in_(ids[start : start + 1000]),
                NOTIFICATIONS.c.push_state.in_((PENDING, DEFERRED)),
            )
        ).all()
    if not rows:
        return []
    user_ids = {r.user_id for r in rows}
    prefs = load_prefs(session, user_ids)
    devices = _subscriptions(session, user_ids)
    counts, learning_today = _pushed_today(session, prefs, now)
    # End the read (expire_on_commit is off): no transaction stays open while sending.
    session.commit()

    decided: dict[int, dict[str, Any]] = {}
    outcome = _Outcome([], [], set(), set(), set(), set(), set())
    messages: list[sender.PushMessage] = []
    targets: list[tuple[int, Any]] = []
    for row in sorted(rows, key=lambda r: r.id):
        rule = RULES.get(row.kind)
        person = prefs[row.user_id]

        def skip(reason: str, row: Any = row) -> None:
            decided[row.id] = {"push_state": SKIPPED}
            outcome.log_rows.append(_log(row.id, SKIPPED, error=reason, at=now))

        if rule is None:
            skip("this kind is not pushed")
            continue
        if not person.topic_on(rule.preference):
            skip(f"topic {rule.preference} is switched off")
            continue
        if row.read_at is not None:
            skip("already read in the app")
            continue
        if not devices.get(row.user_id):
            skip("no device registered for push")
            continue
        if not rule.ignores_quiet_hours and schedule.in_quiet_hours(
            now, person.quiet_start, person.quiet_end, person.tz
        ):
            due = schedule.quiet_hours_end(now, person.quiet_start, person.quiet_end, person.tz)
            decided[row.id] = {"push_state": DEFERRED, "push_due_at": due}
            outcome.log_rows.append(
                _log(row.id, DEFERRED, error=f"quiet hours until {due.isoformat()}", at=now)
            )
            continue
        if rule.once_a_day and row.user_id in learning_today:
            skip("a learning offer was already pushed today")
            continue
        if rule.counts_to_daily_max:
            if counts[row.user_id] >= person.daily_max:
                skip(f"daily maximum of {person.daily_max} reached")
                continue
            counts[row.user_id] += 1
            if rule.once_a_day:
                learning_today.add(row.user_id)
        body = payload(row.id, row.kind, row.data, person.tz)
        ttl = _ttl(rule, row.kind, row.data, now)
        for device in devices[row.user_id]:
            messages.append(
                sender.PushMessage(
                    endpoint=device.endpoint,
                    p256dh=device.p256dh,
                    auth=device.auth,
                    payload=body,
                    ttl=ttl,
                    urgency=rule.urgency,
                    topic=rule.topic,
                )
            )
            targets.append((row.id, device))

    for (notification_id, device), result in zip(targets, sender.send_all(messages), strict=True):
        _judge(outcome, notification_id, device, 1, result, db.utcnow())
    with db.transaction() as tx:
        _store(tx, outcome, decided, db.utcnow())
    return outcome.retries


def retry(notification_id: int, subscription_id: int, attempt: int) -> list[Retry]:
    """Try one push again (after a 429, a 5xx or no answer); return the next retry, if any."""
    session = db.read_session()
    row = session.execute(
        select(
            NOTIFICATIONS.c.id,
            NOTIFICATIONS.c.user_id,
            NOTIFICATIONS.c.kind,
            NOTIFICATIONS.c.data,
            NOTIFICATIONS.c.push_state,
        ).where(NOTIFICATIONS.c.id == notification_id)
    ).one_or_none()
    device = session.execute(
        select(SUBSCRIPTIONS).where(SUBSCRIPTIONS.c.id == subscription_id)
    ).one_or_none()
    if row is None or device is None or device.user_id != row.user_id:
        return []  # the person or the device is gone: nothing to retry
    person = load_prefs(session, [row.user_id])[row.user_id]
    session.commit()
    rule = RULES.get(row.kind) or Rule(None)
    message = sender.PushMessage(
        endpoint=device.endpoint,
        p256dh=device.p256dh,
        auth=device.auth,
        payload=payload(row.id, row.kind, row.data, person.tz),
        ttl=_ttl(rule, row.kind, row.data, db.utcnow()),
        urgency=rule.urgency,
        topic=rule.topic,
    )
    outcome = _Outcome([], [], set(), set(), set(), set(), set())
    _judge(outcome, row.id, device, attempt, sender.send_one(message), db.utcnow())
    decided: dict[int, dict[str, Any]] = {}
    with db.transaction() as tx:
        if row.push_state == SENT:
            # Another device already has it: this retry changes only the log.
            outcome.sent.discard(row.id)
            outcome.failed.discard(row.id)
            outcome.retrying.discard(row.id)
        _store(tx, outcome, decided, db.utcnow())
    return outcome.retries


def due_for_delivery(
    now: datetime | None = None, *, lost_after: timedelta = timedelta(minutes=5)
) -> list[int]:
    """Return the notifications whose push is due: deferred ones whose quiet hours ended,
    and pending ones that no task picked up (a worker stopped mid-way)."""
    now = now or db.utcnow()
    session = db.read_session()
    deferred = session.scalars(
        select(NOTIFICATIONS.c.id)
        .where(NOTIFICATIONS.c.push_state == DEFERRED, NOTIFICATIONS.c.push_due_at <= now)
        .order_by(NOTIFICATIONS.c.id)
        .limit(10_000)
    ).all()
    lost = session.scalars(
        select(NOTIFICATIONS.c.id)
        .where(
            NOTIFICATIONS.c.push_state == PENDING,
            NOTIFICATIONS.c.push_due_at <= now - lost_after,
        )
        .order_by(NOTIFICATIONS.c.id)
        .limit(10_000)
    ).all()
    return sorted({*deferred, *lost})
