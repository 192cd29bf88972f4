"""Periodic tasks on the one huey instance; each calls a domain service."""

from __future__ import annotations

from typing import Any

from huey import crontab

from backend import db
from backend.accounts import service as accounts
from backend.extensions import huey
from backend.selfie import service as selfie
from backend.system import service as system


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


@huey.task()
def ping(value: str) -> str:
    """Answer with what was sent (used to prove a worker consumes the queue)."""
    return f"pong:{value}"
