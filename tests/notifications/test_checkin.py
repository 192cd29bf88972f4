"""The daily check-in: DST-correct planning, the periodic planner through huey, the
digest, opening and answering it, the gentle streak, export and erasure."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from backend import db, tasks
from backend.notifications import checkin, schedule
from backend.notifications.models import CheckIn, Notification, NotificationPreference
from backend.open_hiring import service as open_hiring
from backend.selfie import service as selfie
from tests.conftest import PASSWORD
from tests.notifications.conftest import AMSTERDAM, Person, set_preferences
from tests.notifications.push_service import LocalPushService
from tests.open_hiring.conftest import ago, set_place
from tests.selfie.test_privacy import rows_about

WEEKDAYS = schedule.days_to_mask(["mon", "tue", "wed", "thu", "fri"])
EVERY_DAY = schedule.days_to_mask(list(schedule.WEEKDAYS))
NINE = time(9, 0)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- Daylight saving time, Europe/Amsterdam --------------------------------------------


class TestDaylightSaving:
    def test_the_last_sunday_of_march(self) -> None:
        # Saturday 28 March 2026 is still winter time (UTC+1), Sunday 29 is summer (UTC+2).
        sat = schedule.next_checkin(utc("2026-03-28T05:00"), NINE, EVERY_DAY, AMSTERDAM)
        assert sat == utc("2026-03-28T08:00")
        sun = schedule.next_checkin(sat, NINE, EVERY_DAY, AMSTERDAM)
        assert sun == utc("2026-03-29T07:00")
        assert sun.astimezone(AMSTERDAM).strftime("%H:%M") == "09:00"
        assert sun - sat == timedelta(hours=23)

    def test_the_last_sunday_of_october(self) -> None:
        # Saturday 24 October 2026 is summer time, Sunday 25 winter time.
        sat = schedule.next_checkin(utc("2026-10-24T05:00"), NINE, EVERY_DAY, AMSTERDAM)
        assert sat == utc("2026-10-24T07:00")
        sun = schedule.next_checkin(sat, NINE, EVERY_DAY, AMSTERDAM)
        assert sun == utc("2026-10-25T08:00")
        assert sun - sat == timedelta(hours=25)

    def test_weekdays_across_the_change(self) -> None:
        friday = utc("2026-03-27T08:00")  # 09:00 CET
        monday = schedule.next_checkin(friday, NINE, WEEKDAYS, AMSTERDAM)
        assert monday == utc("2026-03-30T07:00")  # 09:00 CEST

    def test_a_time_in_the_gap_and_a_time_that_happens_twice(self) -> None:
        spring = schedule.local_moment(date(2026, 3, 29), time(2, 30), AMSTERDAM)
        assert spring == utc("2026-03-29T01:00")  # 03:00 CEST, where the clock jumps to
        autumn = schedule.local_moment(date(2026, 10, 25), time(2, 30), AMSTERDAM)
        assert autumn == utc("2026-10-25T00:30")  # the first 02:30 (CEST)

    def test_quiet_hours_over_the_spring_night(self) -> None:
        late = utc("2026-03-28T22:00")  # 23:00 CET
        assert schedule.in_quiet_hours(late, time(21), time(8), AMSTERDAM)
        end = schedule.quiet_hours_end(late, time(21), time(8), AMSTERDAM)
        assert end == utc("2026-03-29T06:00")  # 08:00 CEST
        assert not schedule.in_quiet_hours(end, time(21), time(8), AMSTERDAM)

    def test_the_planner_moves_on_correctly_on_both_change_days(
        self, app: Flask, make_user: Any
    ) -> None:
        user = make_user("jobseeker")
        set_preferences(
            user.id, quiet_hours=None, checkin={"time": "09:00", "days": list(schedule.WEEKDAYS)}
        )
        for due, following in (
            ("2026-03-28T08:00", "2026-03-29T07:00"),
            ("2026-03-29T07:00", "2026-03-30T07:00"),
            ("2026-10-24T07:00", "2026-10-25T08:00"),
            ("2026-10-25T08:00", "2026-10-26T08:00"),
        ):
            with db.transaction() as session:
                session.execute(
                    update(NotificationPreference)
                    .where(NotificationPreference.user_id == user.id)
                    .values(next_checkin_at=utc(due))
                )
            assert list(checkin.plan_due(now=utc(due) + timedelta(seconds=30))) == [[user.id]]
            stored = db.read_session().get(NotificationPreference, user.id, populate_existing=True)
            assert stored is not None
            assert stored.next_checkin_at == utc(following), due


# --- Planning through huey, the digest -------------------------------------------------


def _due_now(*user_ids: int) -> None:
    with db.transaction() as session:
        session.execute(
            update(NotificationPreference)
            .where(NotificationPreference.user_id.in_(user_ids))
            .values(next_checkin_at=db.utcnow() - timedelta(minutes=1))
        )


def test_the_periodic_planner_sends_one_digest_each(
    person: Any, push_service: LocalPushService, make_user: Any
) -> None:
    people: list[Person] = [person() for _ in range(3)]
    later: Person = person()
    for someone in [*people, later]:
        set_preferences(someone.user.id, quiet_hours=None)
    _due_now(*(p.user.id for p in people))
    assert tasks.plan_checkins.call_local() == 3
    assert tasks.plan_checkins.call_local() == 0  # moved on: nobody is due twice
    for someone in people:
        assert someone.device is not None
        [arrived] = push_service.for_device(someone.device)
        assert arrived.topic == "checkin"
        assert arrived.message["nl"]["title"] == "Je check-in van vandaag"
        stored = db.read_session().get(
            NotificationPreference, someone.user.id, populate_existing=True
        )
        assert stored is not None and stored.next_checkin_at is not None
        assert stored.next_checkin_at > db.utcnow()
        local = stored.next_checkin_at.astimezone(AMSTERDAM)
        assert local.weekday() < 5
    assert later.device is not None and push_service.for_device(later.device) == []


def test_a_nudge_with_one_selfie_step_when_nothing_is_new(app: Flask, make_user: Any) -> None:
    user = make_user("jobseeker")
    digest = checkin.build_digest(user.id)
    assert digest["nudge"] is True
    assert digest["places"] == digest["queue_moves"] == digest["learning_offers"] == []
    assert digest["next_step"]["section"] == "basics"
    assert digest["summary_nl"] == "Eén kleine stap vandaag: Over mij."
    assert digest["summary_en"] == "One small step today: About me."


def test_the_digest_has_new_places_and_moves_in_my_queues(
    app: Flask, make_user: Any, open_vacancy: Any
) -> None:
    user = make_user("jobseeker")
    selfie.put_section(user.id, "basics", {"birth_year": 1990}, base_version=0)
    selfie.put_section(
        user.id, "location", {"postcode": "1013", "max_distance_km": 10}, base_version=0
    )
    vacancy = open_vacancy(places=1)
    other = make_user("jobseeker")
    selfie.put_section(other.id, "basics", {"birth_year": 1990}, base_version=0)
    open_hiring.sign_up(vacancy.id, user_id=other.id, right_to_work_nl=True)
    open_hiring.sign_up(vacancy.id, user_id=user.id, right_to_work_nl=True)
    [first] = checkin.send_digests([user.id])
    digest = db.read_session().get(Notification, first).data  # type: ignore[union-attr]
    assert [p["vacancy_id"] for p in digest["places"]] == [vacancy.id]
    assert digest["queues"][0]["ahead"] == 1
    assert digest["nudge"] is False
    assert digest["summary_nl"].startswith("1 nieuwe plek in de buurt")
    # Later: the person ahead took the place; the place itself is no longer new.
    open_hiring.open_places(vacancy.employer.user.id, vacancy.id, 1)
    open_hiring.accept_offer(vacancy.id, user_id=other.id)
    [second] = checkin.send_digests([user.id])
    digest = db.read_session().get(Notification, second).data  # type: ignore[union-attr]
    assert digest["places"] == []
    [move] = digest["queue_moves"]
    assert (move["ahead_before"], move["ahead"]) == (1, 0)
    assert digest["summary_en"] == "1 change in your queue."


# --- Opening, answering, the streak ----------------------------------------------------


def test_open_and_answer_yes_reconfirms_and_resumes(
    client: FlaskClient, person: Any, open_vacancy: Any
) -> None:
    anna: Person = person(device=False)
    selfie.put_section(anna.user.id, "basics", {"birth_year": 1990}, base_version=0)
    waiting, paused = open_vacancy(), open_vacancy()
    for vacancy in (waiting, paused):
        open_hiring.sign_up(vacancy.id, user_id=anna.user.id, right_to_work_nl=True)
    place = open_hiring.get_my_place(paused.id, user_id=anna.user.id)
    set_place(place["place_id"], confirmed_at=ago(days=30))
    open_hiring.pause_unconfirmed()
    assert open_hiring.get_my_place(paused.id, user_id=anna.user.id)["state"] == "paused"
    old = open_hiring.get_my_place(waiting.id, user_id=anna.user.id)["confirmed_at"]

    resp = client.post("/api/v1/checkins", headers=anna.headers)
    assert resp.status_code == 200, resp.get_json()
    opened = resp.get_json()
    assert opened["question"] == {"nl": "Ben je nog beschikbaar?", "en": "Are you still available?"}
    assert opened["answered_at"] is None
    assert opened["streak"]["days"] == 1
    assert opened["streak"]["message_nl"] == "Je eerste check-in. Goed begin!"
    # Opening again the same day is the same check-in.
    again = client.post("/api/v1/checkins", headers=anna.headers).get_json()
    assert again["id"] == opened["id"]

    resp = client.post(
        f"/api/v1/checkins/{opened['id']}/answer", json={"available": True}, headers=anna.headers
    )
    assert resp.status_code == 200, resp.get_json()
    answered = resp.get_json()
    assert answered["available"] is True and answered["answered_at"]
    assert answered["confirmed"] == [waiting.id]
    assert answered["resumed"] == [paused.id]
    assert open_hiring.get_my_place(paused.id, user_id=anna.user.id)["state"] == "waiting"
    assert open_hiring.get_my_place(waiting.id, user_id=anna.user.id)["confirmed_at"] > old


def test_answer_no_changes_nothing(client: FlaskClient, person: Any, open_vacancy: Any) -> None:
    anna: Person = person(device=False)
    selfie.put_section(anna.user.id, "basics", {"birth_year": 1990}, base_version=0)
    vacancy = open_vacancy()
    open_hiring.sign_up(vacancy.id, user_id=anna.user.id, right_to_work_nl=True)
    before = open_hiring.get_my_place(vacancy.id, user_id=anna.user.id)["confirmed_at"]
    opened = client.post("/api/v1/checkins", headers=anna.headers).get_json()
    answered = client.post(
        f"/api/v1/checkins/{opened['id']}/answer", json={"available": False}, headers=anna.headers
    ).get_json()
    assert answered["available"] is False and answered["confirmed"] == []
    assert open_hiring.get_my_place(vacancy.id, user_id=anna.user.id)["confirmed_at"] == before


def test_checkins_are_mine_and_for_jobseekers(
    client: FlaskClient, person: Any, app: Flask, make_user: Any
) -> None:
    anna: Person = person(device=False)
    bram: Person = person(device=False)
    opened = client.post("/api/v1/checkins", headers=anna.headers).get_json()
    resp = client.post(
        f"/api/v1/checkins/{opened['id']}/answer", json={"available": True}, headers=bram.headers
    )
    assert resp.status_code == 404
    resp = client.post(
        f"/api/v1/checkins/{opened['id']}/answer", json={"available": "ja"}, headers=anna.headers
    )
    assert resp.status_code == 422 and "available" in resp.get_json()["errors"]
    from tests.vacancies.conftest import token_headers

    employer = token_headers(app, make_user("employer"))
    assert client.post("/api/v1/checkins", headers=employer).status_code == 403
    assert client.post("/api/v1/checkins").status_code == 401


def test_the_streak_is_gentle(app: Flask, make_user: Any) -> None:
    user = make_user("jobseeker")
    set_preferences(user.id, quiet_hours=None)
    today = schedule.local_day(db.utcnow(), AMSTERDAM)

    def opened_on(*days_ago: int) -> None:
        with db.transaction() as session:
            for n in days_ago:
                session.add(CheckIn(user_id=user.id, day=today - timedelta(days=n), digest={}))

    # Every weekday of the last two weeks but one: one missed day is forgiven.
    weekdays = [n for n in range(1, 15) if (today - timedelta(days=n)).weekday() < 5]
    opened_on(*[n for n in weekdays if n != weekdays[2]])
    result = checkin.streak(user.id)
    assert result["days"] == len(weekdays) - 1
    assert result["total"] == len(weekdays) - 1
    assert result["message_nl"].endswith("Goed bezig!")


def test_two_missed_days_in_a_row_end_the_streak(app: Flask, make_user: Any) -> None:
    user = make_user("jobseeker")
    set_preferences(
        user.id, quiet_hours=None, checkin={"time": "09:00", "days": list(schedule.WEEKDAYS)}
    )
    today = schedule.local_day(db.utcnow(), AMSTERDAM)
    with db.transaction() as session:
        for n in (1, 2, 5, 6, 7):  # 3 and 4 days ago were missed
            session.add(CheckIn(user_id=user.id, day=today - timedelta(days=n), digest={}))
    assert checkin.streak(user.id)["days"] == 2
    assert checkin.streak(user.id)["total"] == 5


def test_export_and_erasure_of_push_and_checkins(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    set_preferences(anna.user.id, quiet_hours=None)
    from backend.notifications import service as notifications

    notifications.notify(anna.user.id, "open_hiring_turn_close", {"title": "B", "ahead": 1})
    client.post("/api/v1/checkins", headers=anna.headers)
    data = client.get("/api/v1/me/export", headers=anna.headers).get_json()["data"]
    exported = data["notifications"]
    assert exported["inbox"][0]["delivery_log"][0]["status"] == "delivered"
    assert exported["inbox"][0]["push_state"] == "sent"
    assert anna.device is not None
    assert [d["endpoint"] for d in exported["push_devices"]] == [anna.device.endpoint]
    assert exported["preferences"]["quiet_hours"] is None
    assert len(data["checkins"]) == 1 and data["checkins"][0]["digest"]["nudge"] is True

    before = rows_about(anna.user.id)
    assert before["push_subscription.user_id"] == 1
    assert before["notification_preference.user_id"] == 1
    assert before["checkin.user_id"] == 1
    resp = client.delete("/api/v1/me", json={"password": PASSWORD}, headers=anna.headers)
    assert resp.status_code == 204
    after = rows_about(anna.user.id)
    assert after == dict.fromkeys(after, 0)
    from backend.notifications.models import PushDelivery

    assert db.read_session().scalars(select(PushDelivery.id)).all() == []


@pytest.mark.usefixtures("app")
def test_planning_many_people_is_one_statement_per_group(make_user: Any) -> None:
    users = [make_user("jobseeker") for _ in range(5)]
    for user in users:
        set_preferences(user.id, quiet_hours=None)
    _due_now(*(u.id for u in users))
    batches = list(checkin.plan_due())
    assert sorted(uid for batch in batches for uid in batch) == sorted(u.id for u in users)
    assert list(checkin.plan_due()) == []


def test_real_answers_match_the_openapi_document(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    from backend.notifications import service as notifications
    from tests.openapi_check import check_response

    anna: Person = person()
    set_preferences(anna.user.id, quiet_hours=None)
    notifications.notify(anna.user.id, "open_hiring_turn_close", {"title": "B", "ahead": 1})
    h = anna.headers
    check_response(
        client, "GET", "/api/v1/notifications", client.get("/api/v1/notifications", headers=h)
    )
    check_response(
        client,
        "GET",
        "/api/v1/notifications/preferences",
        client.get("/api/v1/notifications/preferences", headers=h),
    )
    check_response(
        client,
        "GET",
        "/api/v1/push/subscriptions",
        client.get("/api/v1/push/subscriptions", headers=h),
    )
    device = push_service.new_device()
    check_response(
        client,
        "POST",
        "/api/v1/push/subscriptions",
        client.post("/api/v1/push/subscriptions", json=device.subscription_json(), headers=h),
    )
    check_response(
        client,
        "GET",
        "/api/v1/push/vapid-public-key",
        client.get("/api/v1/push/vapid-public-key"),
    )
    opened = client.post("/api/v1/checkins", headers=h)
    check_response(client, "POST", "/api/v1/checkins", opened)
    answered = client.post(
        f"/api/v1/checkins/{opened.get_json()['id']}/answer", json={"available": True}, headers=h
    )
    check_response(client, "POST", "/api/v1/checkins/{checkin_id}/answer", answered)
    check_response(
        client, "GET", "/api/v1/checkins/streak", client.get("/api/v1/checkins/streak", headers=h)
    )
