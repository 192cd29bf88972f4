"""Fixtures for the push tests: the local push service, people with devices, clocks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient

from backend import db
from backend.extensions import huey
from backend.notifications import schedule, sender
from backend.notifications import service as notifications
from tests.learning import conftest as learning_factories
from tests.matching import conftest as matching_factories
from tests.notifications.push_service import Device, LocalPushService
from tests.open_hiring.conftest import make_employer, make_function, make_vacancy, open_vacancy
from tests.vacancies.conftest import token_headers

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

__all__ = ["make_employer", "make_function", "make_vacancy", "open_vacancy"]

# People with a matching-ready selfie, published vacancies of real occupations, and
# learning offers (for the audience tests).
make_person = matching_factories.make_person
make_job = matching_factories.make_job
make_provider = learning_factories.make_provider
make_offer = learning_factories.make_offer


@pytest.fixture
def push_service(app: Flask) -> Iterator[LocalPushService]:
    """The local push service, serving in a thread for this test."""
    with LocalPushService() as service:
        yield service


@pytest.fixture(autouse=True)
def _fresh_sender_and_queue(app: Flask) -> Iterator[None]:
    # VAPID headers are cached per origin, and each test's push service has its own port;
    # retries scheduled by one test must not run in another.
    yield
    sender.configure(sender.settings())
    huey.storage.flush_schedule()


@dataclass
class Person:
    user: Any
    headers: dict[str, str]
    device: Device | None


@pytest.fixture
def person(app: Flask, client: FlaskClient, make_user: Any, push_service: LocalPushService) -> Any:
    """Create a person (jobseeker unless told) with a device registered through the API."""

    def factory(role: str = "jobseeker", *, device: bool = True) -> Person:
        user = make_user(role)
        headers = token_headers(app, user)
        made = None
        if device:
            made = push_service.new_device()
            resp = client.post(
                "/api/v1/push/subscriptions", json=made.subscription_json(), headers=headers
            )
            assert resp.status_code == 201, resp.get_json()
        return Person(user, headers, made)

    return factory


def preferences(**changes: Any) -> dict[str, Any]:
    """A full preferences body: the defaults with `changes` on top."""
    body: dict[str, Any] = {
        "topics": {
            "open_hiring_nearby": True,
            "queue_turn": True,
            "learning_offers": True,
            "daily_checkin": True,
        },
        "quiet_hours": {"start": "21:00", "end": "08:00"},
        "daily_max": 5,
        "checkin": {"time": "09:00", "days": ["mon", "tue", "wed", "thu", "fri"]},
        "time_zone": "Europe/Amsterdam",
    }
    body.update(changes)
    return body


def quiet_now() -> dict[str, str]:
    """Quiet hours around the present moment in Amsterdam (one hour either side)."""
    now = db.utcnow().astimezone(AMSTERDAM)
    start = (now - timedelta(hours=1)).strftime("%H:%M")
    end = (now + timedelta(hours=1)).strftime("%H:%M")
    return {"start": start, "end": end}


def awake_now() -> dict[str, str]:
    """Quiet hours that are certainly not now (six hours away)."""
    now = db.utcnow().astimezone(AMSTERDAM)
    start = (now + timedelta(hours=6)).strftime("%H:%M")
    end = (now + timedelta(hours=8)).strftime("%H:%M")
    return {"start": start, "end": end}


def set_preferences(user_id: int, **changes: Any) -> dict[str, Any]:
    body = preferences(**changes)
    if "checkin" not in changes:
        # Keep the check-in time out of whatever quiet hours the test set.
        quiet = body["quiet_hours"]
        probe = db.utcnow()
        for hour in range(24):
            at = schedule.parse_hhmm(f"{hour:02d}:00")
            moment = schedule.local_moment(probe.astimezone(AMSTERDAM).date(), at, AMSTERDAM)
            start = schedule.parse_hhmm(quiet["start"]) if quiet else None
            end = schedule.parse_hhmm(quiet["end"]) if quiet else None
            if not schedule.in_quiet_hours(moment, start, end, AMSTERDAM):
                body["checkin"] = {**body["checkin"], "time": f"{hour:02d}:00"}
                break
    return notifications.update_preferences(user_id, notifications_body(body))


def notifications_body(body: dict[str, Any]) -> dict[str, Any]:
    """The API body as the schema loads it."""
    from backend.notifications.schemas import PreferencesUpdateSchema

    loaded: dict[str, Any] = PreferencesUpdateSchema().load(body)
    return loaded


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)
