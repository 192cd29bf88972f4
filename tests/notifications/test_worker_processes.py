"""Push delivery by `flask worker --worker-type process` (the Procfile's worker): huey
forks its worker processes, each opens its own database connections and its own sending
loop, and the pushes arrive checked."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from huey import SqliteHuey
from sqlalchemy import select

from backend import db
from backend.extensions import huey
from backend.notifications import inbox
from backend.notifications import tasks as push_tasks
from backend.notifications.models import Notification, PushDelivery
from tests.notifications.push_service import LocalPushService

ROOT = Path(__file__).resolve().parents[2]
WORKER = [sys.executable, "-m", "flask", "--app", "backend", "worker"]


@pytest.fixture
def queue(tmp_path: Path) -> Iterator[SqliteHuey]:
    """This test's own SQLite queue, shared with the worker it starts."""
    own = SqliteHuey("zelf", filename=str(tmp_path / "huey.db"))
    immediate = huey.immediate
    huey.immediate = False  # first: huey makes new storage when this changes
    storage = huey.storage
    huey.storage = own.storage
    try:
        yield own
    finally:
        huey.storage = storage
        huey.immediate = immediate


def test_process_workers_deliver_a_fan_out(
    app: Flask,
    person: Any,
    push_service: LocalPushService,
    queue: SqliteHuey,
    tmp_path: Path,
    database_url: str,
) -> None:
    people = [person() for _ in range(6)]
    data = {"vacancy_id": 1, "title": "Inpakker", "place": "Amsterdam", "deadline": None}
    ids = inbox.write([(p.user.id, "open_hiring_offer", data) for p in people])
    # Three tasks of two, so both processes get work.
    for start in range(0, len(ids), 2):
        push_tasks.deliver_pushes(ids[start : start + 2])
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path),
        "HUEY_IMMEDIATE": "0",
        "PUSH_ALLOWED_HOSTS": "127.0.0.1:*",
        "PUSH_REQUIRE_HTTPS": "0",
    }
    env.pop("REDIS_URL", None)
    worker = subprocess.Popen(
        [*WORKER, "--workers", "2", "--worker-type", "process", "--no-periodic"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        states: list[str] = []
        while time.monotonic() < deadline:
            session = db.read_session()
            states = list(
                session.scalars(select(Notification.push_state).where(Notification.id.in_(ids)))
            )
            session.commit()
            if states and all(state != "pending" for state in states):
                break
            time.sleep(0.2)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode(errors="replace")
    assert states == ["sent"] * 6, output[-2000:]
    for someone in people:
        assert someone.device is not None
        [arrived] = push_service.for_device(someone.device)
        assert arrived.message["kind"] == "open_hiring_offer"
        assert arrived.urgency == "high"
    assert push_service.rejected == []
    session = db.read_session()
    logged = session.scalars(
        select(PushDelivery.status).where(PushDelivery.notification_id.in_(ids))
    ).all()
    session.commit()
    assert logged == ["delivered"] * 6
