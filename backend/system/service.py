"""Health checks of the database and the task queue."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from backend import db
from backend.errors import DomainError
from backend.extensions import huey

HEARTBEAT_KEY = "worker-heartbeat"
# The worker writes a heartbeat every minute; after three missed beats it counts as down.
HEARTBEAT_STALE_SECONDS = 180


def check_database() -> dict[str, Any]:
    """Run a trivial query and report the dialect and how long it took."""
    started = time.perf_counter()
    try:
        db.read_session().execute(text("SELECT 1")).scalar_one()
    except Exception as exc:
        db.Session.remove()
        return {"ok": False, "error": type(exc).__name__}
    return {
        "ok": True,
        "dialect": db.engine().dialect.name,
        "latency_ms": round((time.perf_counter() - started) * 1000, 2),
    }


def record_worker_heartbeat() -> float:
    """Store the time the worker last ran its periodic tasks."""
    now = time.time()
    huey.storage.put_data(HEARTBEAT_KEY, str(now).encode())
    return now


def check_queue() -> dict[str, Any]:
    """Report the queue backend, its pending work and when a worker was last seen."""
    try:
        pending = huey.pending_count()
        scheduled = huey.scheduled_count()
        raw = huey.storage.peek_data(HEARTBEAT_KEY)
    except Exception as exc:
        return {"ok": False, "backend": type(huey).__name__, "error": type(exc).__name__}
    result: dict[str, Any] = {
        "ok": True,
        "backend": "immediate" if huey.immediate else type(huey).__name__,
        "pending": pending,
        "scheduled": scheduled,
        "worker_last_seen": None,
        "worker_alive": False,
    }
    if isinstance(raw, bytes):
        seen = float(raw.decode())
        result["worker_last_seen"] = datetime.fromtimestamp(seen, UTC)
        result["worker_alive"] = time.time() - seen < HEARTBEAT_STALE_SECONDS
    return result


class ServiceUnavailable(DomainError):
    status, code = 503, "unavailable"


def report_health() -> dict[str, Any]:
    """Check every dependency; raise ServiceUnavailable when the database or queue is down."""
    database = check_database()
    queue = check_queue()
    if not (database["ok"] and queue["ok"]):
        raise ServiceUnavailable(
            "The database or the task queue does not answer.",
            body={"status": "degraded", "database": database, "queue": queue},
        )
    return {"status": "ok", "database": database, "queue": queue}
