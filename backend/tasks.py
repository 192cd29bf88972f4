"""Periodic tasks on the one huey instance; each calls a domain service."""

from __future__ import annotations

from typing import Any

from huey import crontab

from backend import config, db
from backend.accounts import service as accounts
from backend.extensions import huey
from backend.insights import service as insights
from backend.matching import service as matching
from backend.notifications import checkin, delivery
from backend.notifications import tasks as push_tasks
from backend.open_hiring import service as open_hiring
from backend.selfie import service as selfie
from backend.system import service as system
from backend.vacancies import service as vacancies


@huey.post_execute()
def _release_session(_task: Any, _value: Any, _exc: BaseException | None) -> None:
    # Each task runs in a worker thread with its own session; give it back afterwards.
    db.Session.remove()


@huey.on_startup()
def _first_heartbeat() -> None:
    system.record_worker_heartbeat()


@huey.periodic_task(crontab(minute="*"))
def heartbeat() -> float:
    """Tell the health check the worker is alive."""
    return system.record_worker_heartbeat()


@huey.periodic_task(crontab(hour="3", minute="17"))
def prune_sessions() -> int:
    """Delete login sessions that ended more than a day ago."""
    return accounts.prune_sessions()


@huey.periodic_task(crontab(hour="3", minute="47"))
def prune_idempotency_records() -> int:
    """Delete selfie Idempotency-Keys older than their retention (30 days)."""
    return selfie.prune_idempotency_records()


@huey.periodic_task(crontab(minute="*"))
def expire_open_hiring_offers() -> int:
    """Expire open-hiring offers past their deadline; the next people get the places."""
    return open_hiring.expire_offers()


@huey.periodic_task(crontab(minute="7"))
def pause_unconfirmed_places() -> int:
    """Pause people on open-hiring lists who did not re-confirm in time (hourly)."""
    return open_hiring.pause_unconfirmed()


@huey.periodic_task(crontab(hour="0", minute="5"))
def expire_vacancies() -> int:
    """Expire published vacancies whose closing or end date has passed."""
    return vacancies.expire_vacancies()


@huey.periodic_task(crontab(minute="*"))
@huey.lock_task("plan-checkins")
def plan_checkins() -> int:
    """Find the people whose check-in is due; enqueue their digests (in batches)."""
    planned = 0
    for user_ids in checkin.plan_due():
        send_checkins(user_ids)
        planned += len(user_ids)
    return planned


@huey.task()
def send_checkins(user_ids: list[int]) -> int:
    """Put one check-in digest in each person's inbox and push it."""
    ids = checkin.send_digests(user_ids)
    push_tasks.deliver_soon(ids)
    return len(ids)


@huey.periodic_task(crontab(minute="*"))
def deliver_due_pushes() -> int:
    """Push what waited for the end of quiet hours (and what a stopped worker left)."""
    ids = delivery.due_for_delivery()
    push_tasks.deliver_soon(ids)
    return len(ids)


@huey.periodic_task(crontab(*config.insights_schedule(), strict=True))
def publish_insights() -> int:
    """Publish the regional insights (weekly by default; INSIGHTS_PUBLISH_CRON)."""
    return int(insights.publish(config.insights_directory())["version"])


@huey.periodic_task(crontab(minute="*/15"))
def refresh_matching_pressure() -> int:
    """Recount the people who want each occupation per region, and its places (attention)."""
    return matching.refresh_pressure()


@huey.task()
def ping(value: str) -> str:
    """Answer with what was sent (used to prove a worker consumes the queue)."""
    return f"pong:{value}"
