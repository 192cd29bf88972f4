"""Push delivery through the real sender to the local push service: every rule."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select, update

from backend import db
from backend.extensions import huey
from backend.notifications import delivery, inbox, sender
from backend.notifications import service as notifications
from backend.notifications.models import Notification, PushSubscription
from backend.open_hiring import service as open_hiring
from backend.selfie import service as selfie
from tests.matching.conftest import week, write_selfie
from tests.notifications.conftest import Person, awake_now, quiet_now, set_preferences
from tests.notifications.push_service import LocalPushService, verify_vapid


def _log(client: FlaskClient, person: Person) -> list[dict[str, Any]]:
    body: list[dict[str, Any]] = client.get(
        "/api/v1/notifications", headers=person.headers
    ).get_json()
    return body


def _devices(user_id: int) -> int:
    return len(
        db.read_session()
        .scalars(select(PushSubscription.id).where(PushSubscription.user_id == user_id))
        .all()
    )


def _scheduled() -> list[Any]:
    return list(huey.scheduled())


def _seconds_until(eta: datetime) -> float:
    # huey keeps its times as naive UTC.
    return (eta.replace(tzinfo=UTC) - db.utcnow()).total_seconds()


# --- Keys and devices ------------------------------------------------------------------


def test_the_vapid_public_key_is_the_senders(client: FlaskClient) -> None:
    resp = client.get("/api/v1/push/vapid-public-key")
    assert resp.status_code == 200
    key = resp.get_json()["public_key"]
    assert key == sender.public_key()
    assert len(key) == 87  # 65 bytes, base64url without padding


def test_register_list_update_and_delete_a_device(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    assert anna.device is not None
    listed = client.get("/api/v1/push/subscriptions", headers=anna.headers).get_json()
    assert [d["endpoint"] for d in listed] == [anna.device.endpoint]
    assert listed[0]["service"] == push_service.origin
    # The same device again (new keys) is the same subscription, updated.
    again = push_service.new_device()
    body = {**again.subscription_json(), "endpoint": anna.device.endpoint}
    resp = client.post("/api/v1/push/subscriptions", json=body, headers=anna.headers)
    assert resp.status_code == 201
    assert resp.get_json()["id"] == listed[0]["id"]
    assert _devices(anna.user.id) == 1
    # The device changes hands: it now belongs to whoever registered it last.
    bram: Person = person(device=False)
    resp = client.post("/api/v1/push/subscriptions", json=body, headers=bram.headers)
    assert resp.status_code == 201
    assert (_devices(anna.user.id), _devices(bram.user.id)) == (0, 1)
    # Anna cannot remove Bram's device; Bram can.
    gone = {"endpoint": anna.device.endpoint}
    assert (
        client.delete("/api/v1/push/subscriptions", json=gone, headers=anna.headers).status_code
        == 204
    )
    assert _devices(bram.user.id) == 1
    assert (
        client.delete("/api/v1/push/subscriptions", json=gone, headers=bram.headers).status_code
        == 204
    )
    assert _devices(bram.user.id) == 0
    assert client.get("/api/v1/push/subscriptions").status_code == 401


@pytest.mark.parametrize(
    ("keys", "field"),
    [
        ({"p256dh": "bm90LWEta2V5", "auth": "AAAAAAAAAAAAAAAAAAAAAA"}, "keys.p256dh"),
        ({"p256dh": "%%%", "auth": "AAAAAAAAAAAAAAAAAAAAAA"}, "keys.p256dh"),
        (None, "keys.auth"),
    ],
)
def test_bad_keys_are_refused_by_name(
    client: FlaskClient, person: Any, push_service: LocalPushService, keys: Any, field: str
) -> None:
    anna: Person = person(device=False)
    device = push_service.new_device()
    body = device.subscription_json()
    body["keys"] = keys or {"p256dh": device.p256dh, "auth": "c2hvcnQ"}
    resp = client.post("/api/v1/push/subscriptions", json=body, headers=anna.headers)
    assert resp.status_code == 422
    assert list(resp.get_json()["errors"]) == [field]


# --- What arrives, and how -------------------------------------------------------------


def test_an_offer_is_pushed_at_once_with_high_urgency_and_its_deadline(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    # Even in quiet hours: an offer is the person's turn.
    set_preferences(anna.user.id, quiet_hours=quiet_now())
    deadline = db.utcnow() + timedelta(hours=24)
    notifications.notify(
        anna.user.id,
        "open_hiring_offer",
        {"vacancy_id": 7, "title": "Bakker", "position": 1, "deadline": deadline.isoformat()},
    )
    assert anna.device is not None
    [arrived] = push_service.for_device(anna.device)
    assert arrived.urgency == "high"
    assert 23 * 3600 < arrived.ttl <= 24 * 3600  # worth nothing after the deadline
    message = arrived.message
    assert message["nl"]["title"] == "Je bent aan de beurt!"
    local = deadline.astimezone(delivery.Prefs().tz).strftime("%H:%M")
    assert "Zeg ja vóór" in message["nl"]["body"] and local in message["nl"]["body"]
    assert "Bakker" in message["en"]["body"]
    assert message["url"] == "/open-hiring/7/offer"
    assert [a["nl"] for a in message["actions"]] == ["Bekijk", "Ik doe mee"]
    assert arrived.claims["sub"].startswith("mailto:")
    [entry] = _log(client, anna)
    assert entry["push"]["state"] == "sent" and entry["push"]["pushed_at"]
    assert [(e["status"], e["http_status"], e["attempt"]) for e in entry["push"]["log"]] == [
        ("delivered", 201, 1)
    ]
    assert push_service.rejected == []


def test_every_device_of_the_person_gets_it(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    phone = push_service.new_device()
    client.post("/api/v1/push/subscriptions", json=phone.subscription_json(), headers=anna.headers)
    set_preferences(anna.user.id, quiet_hours=awake_now())
    notifications.notify(anna.user.id, "open_hiring_turn_close", {"title": "Bakker", "ahead": 2})
    assert anna.device is not None
    assert len(push_service.for_device(anna.device)) == len(push_service.for_device(phone)) == 1
    message = push_service.for_device(phone)[0]
    assert message.urgency == "normal" and message.ttl == delivery.DEFAULT_TTL


@pytest.mark.parametrize("status", [404, 410])
def test_404_and_410_delete_the_device(
    client: FlaskClient, person: Any, push_service: LocalPushService, status: int
) -> None:
    anna: Person = person()
    assert anna.device is not None
    push_service.answer(anna.device, status)
    set_preferences(anna.user.id, quiet_hours=None)
    notifications.notify(anna.user.id, "open_hiring_offer_expired", {"title": "Bakker"})
    assert _devices(anna.user.id) == 0
    [entry] = _log(client, anna)
    assert [(e["status"], e["http_status"]) for e in entry["push"]["log"]][-1] == ("gone", status)


def test_429_waits_as_long_as_retry_after_says(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    assert anna.device is not None
    set_preferences(anna.user.id, quiet_hours=None)
    push_service.answer(anna.device, (429, {"Retry-After": "120"}))
    notifications.notify(anna.user.id, "open_hiring_turn_close", {"title": "Bakker", "ahead": 1})
    assert push_service.for_device(anna.device) == []
    [task] = _scheduled()
    assert task.name.endswith("retry_push")
    assert 110 < _seconds_until(task.eta) <= 120
    [entry] = _log(client, anna)
    assert entry["push"]["state"] == "retrying"
    assert entry["push"]["log"][-1]["status"] == "retry"
    assert entry["push"]["log"][-1]["http_status"] == 429
    # The retry, when its time comes, delivers.
    task.execute()
    assert len(push_service.for_device(anna.device)) == 1
    [entry] = _log(client, anna)
    assert entry["push"]["state"] == "sent"
    assert [e["status"] for e in entry["push"]["log"]] == ["retry", "delivered"]
    assert entry["push"]["log"][-1]["attempt"] == 2


def test_5xx_is_retried_with_backoff_then_given_up(
    client: FlaskClient, person: Any, push_service: LocalPushService, caplog: Any
) -> None:
    anna: Person = person()
    assert anna.device is not None
    set_preferences(anna.user.id, quiet_hours=None)
    push_service.answer(anna.device, *([500] * delivery.MAX_ATTEMPTS))
    notifications.notify(anna.user.id, "open_hiring_turn_close", {"title": "Bakker", "ahead": 1})
    delays, attempts = [], []
    for _ in range(delivery.MAX_ATTEMPTS - 1):
        [task] = _scheduled()
        huey.storage.flush_schedule()
        delays.append(round(_seconds_until(task.eta), -1))
        attempts.append(task.args[2])
        with caplog.at_level(logging.WARNING):
            task.execute()
    assert _scheduled() == []
    assert attempts == [2, 3, 4]
    assert delays == [30, 120, 600]
    [entry] = _log(client, anna)
    statuses = [(e["status"], e["http_status"], e["attempt"]) for e in entry["push"]["log"]]
    assert statuses == [("retry", 500, 1), ("retry", 500, 2), ("retry", 500, 3), ("failed", 500, 4)]
    assert "gave up after 4 attempts" in entry["push"]["log"][-1]["error"]
    assert entry["push"]["state"] == "failed"
    assert _devices(anna.user.id) == 1  # a busy service is no reason to drop the device
    assert "gave up" in caplog.text


def test_backoff_grows_and_honours_retry_after() -> None:
    assert delivery._backoff(2, None) == 30
    assert delivery._backoff(3, None) == 120
    assert delivery._backoff(4, 900) == 900
    assert delivery._backoff(5, None) is None
    assert delivery._backoff(2, delivery.MAX_RETRY_DELAY + 1) is None
    assert sender.retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412420) == 60
    assert sender.retry_after_seconds("soon") is None


@pytest.mark.parametrize(("status", "words"), [(413, "our bug"), (403, "VAPID")])
def test_413_and_403_are_logged_as_errors_and_keep_the_device(
    client: FlaskClient,
    person: Any,
    push_service: LocalPushService,
    caplog: Any,
    status: int,
    words: str,
) -> None:
    anna: Person = person()
    assert anna.device is not None
    set_preferences(anna.user.id, quiet_hours=None)
    push_service.answer(anna.device, status)
    with caplog.at_level(logging.ERROR, logger="backend.notifications.delivery"):
        notifications.notify(anna.user.id, "open_hiring_turn_close", {"title": "B", "ahead": 1})
    assert [r.levelno for r in caplog.records if r.name.endswith("delivery")] == [logging.ERROR]
    assert _scheduled() == []  # not retried
    assert _devices(anna.user.id) == 1
    [entry] = _log(client, anna)
    assert entry["push"]["log"][-1]["status"] == "failed"
    assert words in entry["push"]["log"][-1]["error"]


def test_no_answer_in_time_is_retried(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    set_preferences(anna.user.id, quiet_hours=None)
    push_service.delay = sender.settings().timeout + 1
    notifications.notify(anna.user.id, "open_hiring_turn_close", {"title": "B", "ahead": 1})
    push_service.delay = 0
    [entry] = _log(client, anna)
    assert entry["push"]["log"][-1]["status"] == "retry"
    assert "Timeout" in entry["push"]["log"][-1]["error"]
    assert len(_scheduled()) == 1


def test_a_redirect_is_not_followed(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    assert anna.device is not None
    set_preferences(anna.user.id, quiet_hours=None)
    elsewhere = push_service.new_device()
    push_service.answer(anna.device, (307, {"Location": elsewhere.endpoint}))
    notifications.notify(anna.user.id, "open_hiring_turn_close", {"title": "B", "ahead": 1})
    assert push_service.received == []
    [entry] = _log(client, anna)
    assert (entry["push"]["log"][-1]["status"], entry["push"]["log"][-1]["http_status"]) == (
        "failed",
        307,
    )


# --- The sender's mechanics ------------------------------------------------------------


def test_the_vapid_header_is_cached_per_origin_for_under_a_day() -> None:
    now = time.time()
    first = sender.vapid_header("https://fcm.googleapis.com", now=now)
    assert sender.vapid_header("https://fcm.googleapis.com", now=now + 3600) == first
    other = sender.vapid_header("https://updates.push.services.mozilla.com", now=now)
    assert other != first
    claims = verify_vapid(first, "https://fcm.googleapis.com", now=now)
    assert now < claims["exp"] <= now + 24 * 3600
    # Renewed before the token is within an hour of its expiry.
    later = now + sender.VAPID_REUSE + 1
    renewed = sender.vapid_header("https://fcm.googleapis.com", now=later)
    assert renewed != first
    assert verify_vapid(renewed, "https://fcm.googleapis.com", now=later)["exp"] > claims["exp"]


def test_many_requests_in_flight_over_reused_connections(
    push_service: LocalPushService,
) -> None:
    devices = [push_service.new_device() for _ in range(24)]
    messages = [
        sender.PushMessage(
            endpoint=d.endpoint,
            p256dh=d.p256dh,
            auth=d.subscription_json()["keys"]["auth"],
            payload=b'{"n": 1}',
            ttl=60,
            urgency="normal",
        )
        for d in devices
    ]
    push_service.delay = 0.25
    started = time.monotonic()
    results = sender.send_all(messages)
    took = time.monotonic() - started
    push_service.delay = 0
    assert [r.status for r in results] == [201] * 24
    assert took < 24 * 0.25 / 3  # far quicker than one after another
    first_connections = len(push_service.connections)
    assert first_connections <= sender.settings().concurrency
    sender.send_all(messages)
    # The second round reuses the first round's connections (keep-alive per thread).
    assert len(push_service.connections) <= first_connections + 2
    assert len(push_service.received) == 48


def test_sending_works_while_the_calling_thread_runs_an_event_loop(
    push_service: LocalPushService,
) -> None:
    # The browser tests (Playwright) leave an event loop running in the test thread; a
    # worker could run one too. The sender's own loop runs in its own thread.
    device = push_service.new_device()
    keys = device.subscription_json()["keys"]
    message = sender.PushMessage(device.endpoint, keys["p256dh"], keys["auth"], b"{}", 60, "low")

    async def inside_a_loop() -> list[sender.PushResult]:
        return sender.send_all([message, message])

    results: list[sender.PushResult] = []
    caller = threading.Thread(target=lambda: results.extend(asyncio.run(inside_a_loop())))
    caller.start()
    caller.join(timeout=30)
    assert [r.status for r in results] == [201, 201]
    assert len(push_service.for_device(device)) == 2


def test_a_check_in_collapses_an_unseen_older_one(
    person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    assert anna.device is not None
    set_preferences(anna.user.id, quiet_hours=None)
    for n in (1, 2):
        notifications.notify(anna.user.id, "daily_checkin", {"summary_nl": f"dag {n}"})
    arrived = push_service.for_device(anna.device)
    assert [a.topic for a in arrived] == ["checkin", "checkin"]
    # The device was offline: only the newest check-in waits for it.
    [waiting] = push_service.waiting[anna.device.token]
    assert waiting.message["nl"]["body"] == "dag 2"


# --- Preferences, quiet hours, the daily maximum ----------------------------------------


def test_quiet_hours_defer_until_they_end(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    from backend import tasks

    anna: Person = person()
    assert anna.device is not None
    set_preferences(anna.user.id, quiet_hours=quiet_now())
    [note_id] = inbox.write(
        [(anna.user.id, "open_hiring_nearby", {"vacancy_id": 3, "title": "Kok"})]
    )
    delivery.deliver([note_id])
    assert push_service.received == []
    [entry] = _log(client, anna)
    assert entry["push"]["state"] == "deferred"
    due = datetime.fromisoformat(entry["push"]["due_at"])
    assert timedelta(minutes=55) < due - db.utcnow() <= timedelta(hours=1, minutes=1)
    assert entry["push"]["log"][0]["status"] == "deferred"
    # Before the end nothing goes; the sweeper sends it once the quiet hours are over.
    assert tasks.deliver_due_pushes.call_local() == 0
    with db.transaction() as session:
        session.execute(
            update(Notification).where(Notification.id == note_id).values(push_due_at=db.utcnow())
        )
    set_preferences(anna.user.id, quiet_hours=awake_now())
    assert tasks.deliver_due_pushes.call_local() == 1
    [arrived] = push_service.for_device(anna.device)
    assert arrived.message["nl"]["title"] == "Nieuwe plek bij jou in de buurt"
    assert [e["status"] for e in _log(client, anna)[0]["push"]["log"]] == ["deferred", "delivered"]


def test_a_topic_switched_off_is_not_pushed_but_kept_in_the_inbox(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    body = set_preferences(anna.user.id, quiet_hours=None)
    set_preferences(
        anna.user.id, quiet_hours=None, topics={**body["topics"], "open_hiring_nearby": False}
    )
    [note_id] = inbox.write(
        [(anna.user.id, "open_hiring_nearby", {"vacancy_id": 3, "title": "Kok"})]
    )
    delivery.deliver([note_id])
    assert push_service.received == []
    [entry] = _log(client, anna)
    assert entry["push"]["state"] == "skipped"
    assert entry["push"]["log"][0]["error"] == "topic open_hiring_nearby is switched off"
    # The queue is always on.
    notifications.notify(anna.user.id, "open_hiring_turn_close", {"title": "B", "ahead": 1})
    assert len(push_service.received) == 1


def test_the_daily_maximum_counts_the_optional_topics(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    set_preferences(anna.user.id, quiet_hours=None, daily_max=2)
    ids = inbox.write(
        [
            (anna.user.id, "open_hiring_nearby", {"vacancy_id": n, "title": f"V{n}"})
            for n in range(3)
        ]
    )
    delivery.deliver(ids[:1])
    delivery.deliver(ids[1:])
    assert len(push_service.received) == 2
    entries = {e["id"]: e for e in _log(client, anna)}
    assert entries[ids[2]]["push"]["log"][0]["error"] == "daily maximum of 2 reached"
    # Queue messages never count and are never held back.
    notifications.notify(anna.user.id, "open_hiring_turn_close", {"title": "B", "ahead": 1})
    assert len(push_service.received) == 3


def test_a_learning_offer_is_pushed_at_most_once_a_day(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    set_preferences(anna.user.id, quiet_hours=None)
    first = inbox.write([(anna.user.id, "learning_offer", {"offer_id": 1, "title": "Hygiëne"})])
    delivery.deliver(first)
    second = inbox.write([(anna.user.id, "learning_offer", {"offer_id": 2, "title": "Kassa"})])
    delivery.deliver(second)
    assert [r.message["data"]["offer_id"] for r in push_service.received] == [1]
    entries = {e["id"]: e for e in _log(client, anna)}
    assert entries[second[0]]["push"]["log"][0]["error"] == (
        "a learning offer was already pushed today"
    )
    assert len(_log(client, anna)) == 2  # both are in the inbox


def test_read_in_the_app_before_delivery_is_not_pushed(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person()
    set_preferences(anna.user.id, quiet_hours=None)
    [note_id] = inbox.write([(anna.user.id, "open_hiring_nearby", {"vacancy_id": 3, "title": "K"})])
    notifications.mark_read(anna.user.id, note_id)
    delivery.deliver([note_id])
    assert push_service.received == []


# --- Triggers: a new open-hiring vacancy, and the queue ---------------------------------


def _near(user_id: int, postcode: str, km: int) -> None:
    # A selfie matching's candidate query can use: a place, a travel distance, and days
    # that share Monday morning with the test vacancies.
    write_selfie(
        user_id,
        {
            "location": {"postcode": postcode, "max_distance_km": km, "travel_modes": ["bike"]},
            "availability": {
                "days_per_week": 1,
                "schedule": week(),
                "hours_per_week_min": 8,
                "hours_per_week_max": 24,
            },
        },
    )


def test_a_new_open_hiring_vacancy_reaches_the_people_near(
    client: FlaskClient,
    person: Any,
    push_service: LocalPushService,
    open_vacancy: Any,
    make_vacancy: Any,
) -> None:
    near: Person = person()
    far: Person = person()
    _near(near.user.id, "1013", 10)  # Amsterdam, next to 1012
    _near(far.user.id, "9711", 20)  # Groningen
    for someone in (near, far):
        set_preferences(someone.user.id, quiet_hours=None)
    made = open_vacancy()  # postcode 1012 (the employer's), published: the trigger runs
    assert near.device is not None and far.device is not None
    [arrived] = push_service.for_device(near.device)
    assert arrived.message["nl"]["title"] == "Nieuwe plek bij jou in de buurt"
    assert arrived.message["url"] == f"/open-hiring/{made.id}"
    assert arrived.urgency == "normal"
    assert push_service.for_device(far.device) == []
    # A regular vacancy is not announced.
    make_vacancy(postcode="1012")
    assert len(push_service.received) == 1


def test_open_hiring_offers_and_turn_close_are_pushed(
    client: FlaskClient, person: Any, push_service: LocalPushService, open_vacancy: Any
) -> None:
    vacancy = open_vacancy(places=1)
    anna: Person = person()
    bram: Person = person()
    for seeker in (anna, bram):
        selfie.put_section(seeker.user.id, "basics", {"birth_year": 1990}, base_version=0)
        set_preferences(seeker.user.id, quiet_hours=quiet_now())
        open_hiring.sign_up(vacancy.id, user_id=seeker.user.id, right_to_work_nl=True)
    open_hiring.open_places(vacancy.employer.user.id, vacancy.id, 1)
    assert anna.device is not None and bram.device is not None
    [offer] = push_service.for_device(anna.device)
    assert offer.message["kind"] == "open_hiring_offer" and offer.urgency == "high"
    # Bram is next in line, but it is quiet time for him: that message waits.
    assert push_service.for_device(bram.device) == []
    [bram_entry] = _log(client, bram)
    assert bram_entry["kind"] == "open_hiring_turn_close"
    assert bram_entry["push"]["state"] == "deferred"


def test_endpoint_rules_with_the_production_allowlist() -> None:
    from backend.config import DEFAULT_PUSH_HOSTS

    current = sender.settings()
    strict = sender.PushSettings(
        vapid_private_key=current.vapid_private_key,
        vapid_subject=current.vapid_subject,
        allowed_hosts=DEFAULT_PUSH_HOSTS,
        require_https=True,
    )
    sender.configure(strict)
    try:
        ok = [
            "https://fcm.googleapis.com/fcm/send/abc:APA91b",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
            "https://web.push.apple.com/QGx",
            "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
            "https://fcm.googleapis.com:443/fcm/send/x",
        ]
        for endpoint in ok:
            assert sender.endpoint_problem(endpoint) is None, endpoint
        refused = [
            "http://fcm.googleapis.com/fcm/send/abc",  # not https
            "https://evil.example.com/fcm/send/abc",  # not a push service
            "https://fcm.googleapis.com.evil.example/x",  # a look-alike
            "https://notify.windows.com.evil.example/x",
            "https://evilpush.apple.com/x",  # *.push.apple.com means a sub-domain
            "https://127.0.0.1:8443/push/x",  # an IP literal
            "https://[::1]/push/x",
            "https://169.254.169.254/latest/meta-data",
            "https://user:pw@fcm.googleapis.com/fcm/send/abc",  # userinfo
            "https://fcm.googleapis.com@evil.example/x",
            "https://fcm.googleapis.com:8443/fcm/send/abc",  # an odd port
            "https://fcm.googleapis.com:99999/x",
            "ftp://fcm.googleapis.com/x",
            "fcm.googleapis.com/fcm/send/abc",
            "https://fcm.googleapis.com/x#frag",
            "https://" + "a" * 2100,
        ]
        for endpoint in refused:
            assert sender.endpoint_problem(endpoint) is not None, endpoint
    finally:
        sender.configure(current)


def test_a_device_off_the_allowlist_is_a_422_naming_the_endpoint(
    client: FlaskClient, person: Any, push_service: LocalPushService
) -> None:
    anna: Person = person(device=False)
    device = push_service.new_device()
    for endpoint in (
        "https://evil.example.com/push/x",
        "http://localhost:6379/",
        "http://10.0.0.1/push",
        "https://user@fcm.googleapis.com/x",
    ):
        body = {**device.subscription_json(), "endpoint": endpoint}
        resp = client.post("/api/v1/push/subscriptions", json=body, headers=anna.headers)
        assert resp.status_code == 422, endpoint
        assert list(resp.get_json()["errors"]) == ["endpoint"]
    assert _devices(anna.user.id) == 0


def test_vapid_keys_are_made_once_privately_or_come_from_the_environment(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backend.config import load_settings

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("VAPID_PRIVATE_KEY", raising=False)
    first = load_settings()["VAPID_PRIVATE_KEY"]
    assert first.startswith("-----BEGIN PRIVATE KEY-----")
    key_file = tmp_path / "vapid_private_key.pem"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert load_settings()["VAPID_PRIVATE_KEY"] == first  # kept across restarts
    monkeypatch.setenv("VAPID_PRIVATE_KEY", "from-the-environment")
    assert load_settings()["VAPID_PRIVATE_KEY"] == "from-the-environment"


@pytest.mark.parametrize(
    "subject", ["beheer@zelfaanhetwerk.nl", "http://zelfaanhetwerk.nl", "mailto:", "https://"]
)
def test_the_vapid_subject_must_be_mailto_or_https(subject: str) -> None:
    current = sender.settings()
    with pytest.raises(ValueError, match="VAPID_SUBJECT"):
        sender.configure(
            sender.PushSettings(
                vapid_private_key=current.vapid_private_key,
                vapid_subject=subject,
                allowed_hosts=current.allowed_hosts,
            )
        )
    assert sender.settings() == current  # a refused configuration changes nothing
