"""Periodic tasks on the one huey instance; each calls a domain service."""

from __future__ import annotations

from typing import Any

from huey import crontab

from backend import db
from backend.accounts import service as accounts
from backend.extensions import huey
from backend.matching import service as matching
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


@huey.periodic_task(crontab(minute="*/15"))
def refresh_matching_pressure() -> int:
    """Recount the people who want each occupation per region, and its places (attention)."""
    return matching.refresh_pressure()


@huey.task()
def ping(value: str) -> str:
    """Answer with what was sent (used to prove a worker consumes the queue)."""
    return f"pong:{value}"
