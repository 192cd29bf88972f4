"""Push preferences: defaults, saving, every bad field named, the check-in plan."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from backend import db
from tests.notifications.conftest import AMSTERDAM, preferences
from tests.vacancies.conftest import token_headers


@pytest.fixture
def seeker(app: Flask, make_user: Any) -> Any:
    user = make_user("jobseeker")
    return user, token_headers(app, user)


def test_the_defaults(client: FlaskClient, seeker: Any) -> None:
    _user, headers = seeker
    body = client.get("/api/v1/notifications/preferences", headers=headers).get_json()
    # The defaults (tests/notifications/conftest.py spells them out), nothing planned yet.
    assert body == {**preferences(), "next_checkin_at": None}
    assert body["quiet_hours"] == {"start": "21:00", "end": "08:00"}
    assert body["checkin"] == {"time": "09:00", "days": ["mon", "tue", "wed", "thu", "fri"]}
    assert client.get("/api/v1/notifications/preferences").status_code == 401


def test_save_and_plan_the_next_checkin(client: FlaskClient, seeker: Any) -> None:
    _user, headers = seeker
    body = preferences(
        quiet_hours={"start": "22:30", "end": "07:00"},
        daily_max=3,
        checkin={"time": "07:45", "days": ["sat", "sun"]},
    )
    resp = client.put("/api/v1/notifications/preferences", json=body, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    saved = resp.get_json()
    assert saved["quiet_hours"] == {"start": "22:30", "end": "07:00"}
    assert saved["checkin"] == {"time": "07:45", "days": ["sat", "sun"]}
    nxt = datetime.fromisoformat(saved["next_checkin_at"]).astimezone(AMSTERDAM)
    assert nxt.strftime("%a %H:%M") in ("Sat 07:45", "Sun 07:45")
    assert nxt > db.utcnow()
    assert client.get("/api/v1/notifications/preferences", headers=headers).get_json() == saved
    # No quiet hours at all, and the check-in off: nothing is planned.
    off = preferences(quiet_hours=None)
    off["topics"]["daily_checkin"] = False
    saved = client.put("/api/v1/notifications/preferences", json=off, headers=headers).get_json()
    assert saved["quiet_hours"] is None and saved["next_checkin_at"] is None


def test_only_jobseekers_get_a_checkin_planned(
    app: Flask, client: FlaskClient, make_user: Any
) -> None:
    headers = token_headers(app, make_user("employer"))
    resp = client.put("/api/v1/notifications/preferences", json=preferences(), headers=headers)
    assert resp.status_code == 200
    assert resp.get_json()["next_checkin_at"] is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"daily_max": 0}, "daily_max"),
        ({"daily_max": 51}, "daily_max"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": "../../etc/passwd"}, "time_zone"),
        ({"quiet_hours": {"start": "25:00", "end": "08:00"}}, "quiet_hours"),
        ({"quiet_hours": {"start": "9:00", "end": "08:00"}}, "quiet_hours"),
        ({"quiet_hours": {"start": "08:00", "end": "08:00"}}, "quiet_hours.end"),
        ({"checkin": {"time": "22:00", "days": ["mon"]}}, "checkin.time"),
        ({"checkin": {"time": "09:00", "days": ["maandag"]}}, "checkin"),
        ({"checkin": {"time": "09:00", "days": []}}, "checkin.days"),
        ({"checkin": {"time": "09:00", "days": ["mon", "mon"]}}, "checkin.days"),
        ({"colour": "blue"}, "colour"),
        (
            {
                "topics": {
                    "open_hiring_nearby": True,
                    "queue_turn": False,
                    "learning_offers": True,
                    "daily_checkin": True,
                }
            },
            "topics.queue_turn",
        ),
    ],
)
def test_every_bad_field_is_named(
    client: FlaskClient, seeker: Any, change: dict[str, Any], field: str
) -> None:
    _user, headers = seeker
    resp = client.put(
        "/api/v1/notifications/preferences", json=preferences(**change), headers=headers
    )
    assert resp.status_code == 422, resp.get_json()
    assert field in resp.get_json()["errors"]
    # Nothing was stored.
    saved = client.get("/api/v1/notifications/preferences", headers=headers).get_json()
    assert saved["daily_max"] == 5


def test_a_missing_part_is_named(client: FlaskClient, seeker: Any) -> None:
    _user, headers = seeker
    body = preferences()
    del body["checkin"]
    resp = client.put("/api/v1/notifications/preferences", json=body, headers=headers)
    assert resp.status_code == 422
    assert list(resp.get_json()["errors"]) == ["checkin"]
