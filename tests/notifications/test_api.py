"""The inbox: notify, list newest first, unread, mark read, only my own."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from backend.notifications import service
from tests.vacancies.conftest import token_headers


@pytest.fixture
def person(app: Flask, make_user: Any) -> Any:
    user = make_user("jobseeker")
    return user, token_headers(app, user)


def test_notify_and_list_newest_first(client: FlaskClient, person: Any) -> None:
    user, headers = person
    first = service.notify(user.id, "open_hiring_offer", {"vacancy_id": 1, "title": "Bakker"})
    second = service.notify(user.id, "open_hiring_turn_close", {"vacancy_id": 2})
    resp = client.get("/api/v1/notifications", headers=headers)
    assert resp.status_code == 200
    body = resp.get_json()
    assert [n["id"] for n in body] == [second, first]
    assert body[1] == {
        "id": first,
        "kind": "open_hiring_offer",
        "data": {"vacancy_id": 1, "title": "Bakker"},
        "created_at": body[1]["created_at"],
        "read_at": None,
        # No device: the inbox has it, push was skipped, and the log says why.
        "push": {
            "state": "skipped",
            "due_at": None,
            "pushed_at": None,
            "log": [
                {
                    "at": body[1]["push"]["log"][0]["at"],
                    "status": "skipped",
                    "attempt": 0,
                    "device_id": None,
                    "service": None,
                    "http_status": None,
                    "error": "no device registered for push",
                }
            ],
        },
    }
    assert resp.headers["X-Unread-Count"] == "2"
    assert json.loads(resp.headers["X-Pagination"])["total"] == 2


def test_pages_and_unread(client: FlaskClient, person: Any) -> None:
    user, headers = person
    made = [service.notify(user.id, "open_hiring_turn_close", {"n": n}) for n in range(5)]
    page = client.get("/api/v1/notifications?page_size=2&page=2", headers=headers).get_json()
    assert [n["id"] for n in page] == [made[2], made[1]]
    resp = client.post(f"/api/v1/notifications/{made[4]}/read", headers=headers)
    assert resp.status_code == 200
    first_read = resp.get_json()["read_at"]
    assert first_read is not None
    unread = client.get("/api/v1/notifications?unread=true", headers=headers)
    assert [n["id"] for n in unread.get_json()] == list(reversed(made[:4]))
    assert unread.headers["X-Unread-Count"] == "4"
    resp = client.post("/api/v1/notifications/read-all", headers=headers)
    assert resp.get_json() == {"marked": 4}
    assert client.get("/api/v1/notifications?unread=true", headers=headers).get_json() == []
    # Reading again keeps the first time it was read.
    again = client.post(f"/api/v1/notifications/{made[4]}/read", headers=headers).get_json()
    assert again["read_at"] == first_read


def test_only_my_own_notifications(
    app: Flask, client: FlaskClient, person: Any, make_user: Any
) -> None:
    _user, headers = person
    other = make_user("employer")
    theirs = service.notify(other.id, "open_hiring_offer", {})
    assert client.get("/api/v1/notifications", headers=headers).get_json() == []
    resp = client.post(f"/api/v1/notifications/{theirs}/read", headers=headers)
    assert resp.status_code == 404
    resp_missing = client.post("/api/v1/notifications/999999/read", headers=headers)
    assert resp.get_json() == resp_missing.get_json()
    other_headers = token_headers(app, other)
    assert (
        client.get("/api/v1/notifications", headers=other_headers).get_json()[0]["read_at"] is None
    )
    assert client.get("/api/v1/notifications").status_code == 401


def test_unknown_kinds_are_a_programming_error(person: Any) -> None:
    user, _ = person
    with pytest.raises(ValueError, match="unknown notification kind"):
        service.notify(user.id, "something_else", {})
    with pytest.raises(ValueError):
        service.notify_many([(user.id, "nope", {})])


def test_notify_many_and_export(client: FlaskClient, person: Any) -> None:
    user, headers = person
    assert service.notify_many([]) == 0
    assert service.notify_many([(user.id, "open_hiring_offer", {"a": 1})] * 3) == 3
    export = client.get("/api/v1/me/export", headers=headers).get_json()["data"]
    inbox = export["notifications"]["inbox"]
    assert [n["kind"] for n in inbox] == ["open_hiring_offer"] * 3
    assert inbox[0]["read_at"] is None and inbox[0]["created_at"]
