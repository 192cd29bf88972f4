"""Correctness under load, against a real server process (gunicorn, 2 workers of 8 threads).

Run on SQLite by default and on PostgreSQL with TEST_DATABASE_URL, like every test.
"""

from __future__ import annotations

import itertools
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select, update

from backend import db
from backend.open_hiring import service
from backend.open_hiring.models import OpenHiringList, QueueEvent, QueuePlace
from backend.vacancies import service as vacancies
from tests.open_hiring.crowd import Person, Server, make_crowd, serve
from tests.vacancies.conftest import MadeVacancy

SIGN = {"right_to_work_nl": True}
THREADS = 48


@pytest.fixture(scope="module")
def server(
    app: Flask, database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with serve(app, database_url, tmp_path_factory.mktemp("server")) as running:
        yield running


def fire(jobs: list[Any], threads: int = THREADS) -> list[Any]:
    """Run the callables on `threads` threads, the first wave released at one moment."""
    go = threading.Event()

    def run(job: Any) -> Any:
        go.wait(timeout=30)
        return job()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(run, job) for job in jobs]
        time.sleep(0.2)  # let the first wave of threads start and wait
        go.set()
        return [f.result() for f in futures]


def places(vacancy_id: int) -> list[Any]:
    db.Session.remove()  # read what the server wrote, not this thread's old snapshot
    return list(
        db.read_session().execute(
            select(QueuePlace.__table__)
            .where(QueuePlace.vacancy_id == vacancy_id)
            .order_by(QueuePlace.position)
        )
    )


def events(vacancy_id: int) -> list[Any]:
    return list(
        db.read_session().execute(
            select(QueueEvent.__table__)
            .where(QueueEvent.vacancy_id == vacancy_id)
            .order_by(QueueEvent.id)
        )
    )


def sign_all(vacancy: MadeVacancy, crowd: list[Person]) -> None:
    for person in crowd:
        service.sign_up(vacancy.id, user_id=person.user_id, right_to_work_nl=True)


def test_1000_concurrent_sign_ups_get_unique_gapless_positions(
    app: Flask, server: Server, open_vacancy: Any
) -> None:
    vacancy = open_vacancy(places=5)
    crowd = make_crowd(app, 1000)
    # 50 people tap twice at the same moment: one of the two taps signs them.
    twice = crowd[:50]
    jobs = [
        (
            lambda p=p: server.request(
                "POST", f"/api/v1/open-hiring/{vacancy.id}/queue", p.headers, SIGN
            )
        )
        for p in crowd + twice
    ]
    random.Random(5).shuffle(jobs)
    started = time.monotonic()
    answers = fire(jobs)
    elapsed = time.monotonic() - started
    statuses = Counter(status for status, _ in answers)
    assert statuses == {201: 1000, 409: 50}, (statuses, elapsed)
    assert all(body["code"] == "already_signed" for status, body in answers if status == 409)

    rows = places(vacancy.id)
    assert [r.position for r in rows] == list(range(1, 1001))
    assert len({r.user_id for r in rows}) == 1000
    # Server time never goes back along the positions (ties keep the position order).
    assert all(a.signed_at <= b.signed_at for a, b in itertools.pairwise(rows))
    # What each person was told is what was stored.
    told = {body["place_id"]: body["position"] for status, body in answers if status == 201}
    assert told == {r.id: r.position for r in rows}
    assert (
        db.read_session().scalar(
            select(OpenHiringList.last_position).where(OpenHiringList.vacancy_id == vacancy.id)
        )
        == 1000
    )
    audit = service.audit(vacancy.id)
    assert audit["order_respected"], audit["violations"][:5]
    assert audit["event_counts"] == {"signed": 1000}


def test_200_accepts_race_for_10_places(app: Flask, server: Server, open_vacancy: Any) -> None:
    vacancy = open_vacancy(places=200)
    crowd = make_crowd(app, 200)
    sign_all(vacancy, crowd)
    service.open_places(vacancy.employer.user.id, vacancy.id, 200)
    # 200 offers are out when the employer lowers the places to 10: 200 race for 10.
    vacancies.update_vacancy(vacancy.employer.user.id, vacancy.id, {"places": 10})
    jobs = [
        (
            lambda p=p: server.request(
                "POST", f"/api/v1/open-hiring/{vacancy.id}/queue/accept", p.headers, {}
            )
        )
        for p in crowd
    ]
    answers = fire(jobs)
    statuses = Counter(status for status, _ in answers)
    assert statuses == {200: 10, 409: 190}, statuses
    assert {body["code"] for status, body in answers if status == 409} == {"places_full"}
    states = Counter(r.state.value for r in places(vacancy.id))
    assert states == {"accepted": 10, "offered": 190}
    assert Counter(e.kind.value for e in events(vacancy.id))["accepted"] == 10


def test_repeated_accepts_of_10_offers(app: Flask, server: Server, open_vacancy: Any) -> None:
    vacancy = open_vacancy(places=10)
    crowd = make_crowd(app, 30)
    sign_all(vacancy, crowd)
    service.open_places(vacancy.employer.user.id, vacancy.id, 10)
    # The 10 people with an offer tap accept 20 times each, all at once; the others once.
    jobs = [
        (
            lambda p=p: server.request(
                "POST", f"/api/v1/open-hiring/{vacancy.id}/queue/accept", p.headers, {}
            )
        )
        for p in crowd[:10] * 19 + crowd
    ]
    random.Random(7).shuffle(jobs)
    answers = fire(jobs)
    statuses = Counter(status for status, _ in answers)
    assert statuses == {200: 10, 409: 210}, statuses
    codes = Counter(body["code"] for status, body in answers if status == 409)
    assert codes == {"already_accepted": 190, "no_offer": 20}
    rows = places(vacancy.id)
    assert [r.state.value for r in rows] == ["accepted"] * 10 + ["waiting"] * 20
    assert Counter(e.kind.value for e in events(vacancy.id))["accepted"] == 10


def test_expiry_racing_with_accept_is_one_or_the_other(
    app: Flask, server: Server, open_vacancy: Any
) -> None:
    vacancy = open_vacancy(places=40)
    crowd = make_crowd(app, 40)
    sign_all(vacancy, crowd)
    service.open_places(vacancy.employer.user.id, vacancy.id, 40)
    rows = places(vacancy.id)
    # Deadlines 1.5 to 2.5 s from now, one every 25 ms. Each person taps accept between
    # 0.6 s before and 0.2 s after their deadline: the early taps win even on a busy
    # machine, the late ones lose, and the taps close to the deadline race the task.
    base = db.utcnow() + timedelta(seconds=1.5)
    deadlines = {r.user_id: base + timedelta(milliseconds=25 * n) for n, r in enumerate(rows)}
    rng = random.Random(11)
    jitter = {r.user_id: rng.uniform(-0.6, 0.2) for r in rows}
    with db.transaction() as session:
        for r in rows:
            session.execute(
                update(QueuePlace)
                .where(QueuePlace.id == r.id)
                .values(offer_deadline=deadlines[r.user_id])
            )
    stop = threading.Event()
    expired_by_task: list[int] = []

    def expiry_task() -> None:
        while not stop.is_set():
            expired_by_task.append(service.expire_offers())
            db.Session.remove()
            time.sleep(0.005)

    def accept(person: Person) -> tuple[int, Any, float]:
        wait = (deadlines[person.user_id] - db.utcnow()).total_seconds() + jitter[person.user_id]
        time.sleep(max(wait, 0))
        sent = time.monotonic()
        status, body = server.request(
            "POST", f"/api/v1/open-hiring/{vacancy.id}/queue/accept", person.headers, {}
        )
        return status, body, sent

    task = threading.Thread(target=expiry_task)
    task.start()
    try:
        answers = fire([lambda p=p: accept(p) for p in crowd], threads=len(crowd))
        time.sleep(0.3)
    finally:
        stop.set()
        task.join(timeout=30)
    service.expire_offers()

    by_user = {p.user_id: a for p, a in zip(crowd, answers, strict=True)}
    final = places(vacancy.id)
    kinds_by_place: dict[int, list[str]] = {}
    for e in events(vacancy.id):
        kinds_by_place.setdefault(e.place_id, []).append(e.kind.value)
    accepted = expired = 0
    for row in final:
        status, body, _sent = by_user[row.user_id]
        kinds = kinds_by_place[row.id]
        assert row.state.value in ("accepted", "expired"), row
        # Never both: exactly one of the two events, matching the state and the answer.
        assert ("accepted" in kinds) != ("expired" in kinds), kinds
        if row.state.value == "accepted":
            accepted += 1
            assert status == 200 and "accepted" in kinds
            assert row.accepted_at < row.offer_deadline
        else:
            expired += 1
            assert status == 409 and body["code"] == "offer_expired", (status, body)
            assert "expired" in kinds
    assert accepted + expired == 40
    # Both sides must have won, or the test raced nothing.
    statuses = Counter(a[0] for a in answers)
    assert accepted > 0 and expired > 0, (accepted, expired, statuses, expired_by_task)


def test_strangers_are_refused_by_the_real_server(
    app: Flask, server: Server, open_vacancy: Any, make_employer: Any
) -> None:
    vacancy = open_vacancy(places=1)
    anna, bram = make_crowd(app, 2)
    service.sign_up(vacancy.id, user_id=anna.user_id, right_to_work_nl=True)
    service.open_places(vacancy.employer.user.id, vacancy.id, 1)
    base = f"/api/v1/open-hiring/{vacancy.id}/queue"
    # Bram cannot act on Anna's place: he has none on this list.
    for path in (f"{base}/accept", f"{base}/decline", f"{base}/confirm"):
        status, body = server.request("POST", path, bram.headers, {} if "accept" in path else None)
        assert (status, body["code"]) == (404, "not_signed"), path
    assert server.request("DELETE", base, bram.headers)[0] == 404
    [row] = places(vacancy.id)
    assert row.state.value == "offered"
    place = f"/api/v1/open-hiring/employer/places/{row.id}"
    # A jobseeker never reaches the employer's side; another employer gets 403, 404 when missing.
    assert server.request("POST", f"{place}/started", anna.headers)[0] == 403
    other = make_employer(name="Andere Bakker")
    assert (
        server.request("GET", f"/api/v1/open-hiring/employer/{vacancy.id}", other.headers)[0] == 403
    )
    assert server.request("POST", f"{place}/no-show", other.headers)[0] == 403
    status, _ = server.request(
        "POST",
        f"/api/v1/open-hiring/employer/{vacancy.id}/open-places",
        other.headers,
        {"count": 1},
    )
    assert status == 403
    status, _ = server.request(
        "PATCH", f"/api/v1/vacancies/{vacancy.id}", other.headers, {"places": 9}
    )
    assert status == 403
    assert server.request("GET", "/api/v1/open-hiring/employer/999999", other.headers)[0] == 404
    assert (
        server.request("POST", "/api/v1/open-hiring/employer/places/999999/started", other.headers)[
            0
        ]
        == 404
    )
    # And the real owner may.
    status, board = server.request(
        "GET", f"/api/v1/open-hiring/employer/{vacancy.id}", vacancy.employer.headers
    )
    assert status == 200 and board["counts"]["offered"] == 1


def test_the_server_log_has_no_errors(server: Server) -> None:
    # Runs last in this module: not one request above ended in an unhandled error.
    text = Path(server.log).read_text(errors="replace")
    assert "Traceback" not in text and "unhandled error" not in text, text[-3000:]
