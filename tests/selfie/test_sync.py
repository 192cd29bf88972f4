"""POST /api/v1/sync, and concurrent writes from real threads."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from flask import Flask

from tests.conftest import IS_POSTGRES
from tests.selfie.conftest import Device, new_key


def op(section: str, base: int, data: dict[str, Any], key: str | None = None) -> dict[str, Any]:
    return {"key": key or new_key(), "section": section, "base_version": base, "data": data}


class TestBatch:
    def test_each_operation_gets_its_own_answer(self, seeker: Device) -> None:
        seeker.put("wishes", {"work_kinds": ["job"]}, version=0)
        seeker.put("wishes", {"work_kinds": ["stage"]}, version=1)
        operations: list[Any] = [
            op("basics", 0, {"display_name": "Sanne"}),
            op("hobbies", 0, {}),
            op("availability", 0, {"days_per_week": 0}),
            op("wishes", 1, {"work_kinds": ["opdracht"]}),
            {"key": new_key(), "section": "location", "data": {}},
            "not an operation",
            {**op("languages", 0, {}), "extra": 1, "key": "nul\u0000", "base_version": 2**40},
            op("basics", 1, {"display_name": "Sanne B."}),
        ]
        resp = seeker.sync(operations)
        assert resp.status_code == 200
        results = resp.get_json()["results"]
        assert [r["status"] for r in results] == [200, 422, 422, 412, 428, 422, 422, 200]
        assert [r["key"] for r in results[:5]] == [o["key"] for o in operations[:5]]
        assert results[0]["result"]["version"] == 1
        assert results[1]["error"]["errors"] == {
            "section": [results[1]["error"]["errors"]["section"][0]]
        }
        assert "availability.days_per_week" in results[2]["error"]["errors"]
        assert results[3]["result"]["data"] == {"work_kinds": ["stage"]}  # the server's copy
        assert results[3]["error"]["code"] == "precondition_failed"
        assert results[4]["error"]["code"] == "precondition_required"
        assert results[5]["key"] is None
        assert set(results[6]["error"]["errors"]) == {"extra", "key", "base_version"}
        assert results[7]["result"]["version"] == 2
        assert seeker.get("basics").get_json()["data"] == {"display_name": "Sanne B."}
        assert seeker.get("availability").get_json()["version"] == 0
        assert seeker.get("languages").get_json()["version"] == 0

    def test_a_duplicate_batch_is_replayed(self, seeker: Device) -> None:
        operations = [
            op("basics", 0, {"display_name": "A"}),
            op("basics", 1, {"display_name": "B"}),
            op("location", 0, {"postcode": "1012"}),
        ]
        first = seeker.sync(operations).get_json()["results"]
        second = seeker.sync(operations).get_json()["results"]
        assert [r["status"] for r in first] == [200, 200, 200]
        assert [r["replayed"] for r in first] == [False] * 3
        assert [r["replayed"] for r in second] == [True] * 3
        assert [r["result"] for r in second] == [r["result"] for r in first]
        assert seeker.get("basics").get_json()["version"] == 2

    def test_a_put_and_a_sync_operation_share_their_key(self, seeker: Device) -> None:
        key = new_key()
        put = seeker.put("basics", {"display_name": "A"}, version=0, key=key)
        again = seeker.sync([op("basics", 0, {"display_name": "A"}, key)]).get_json()["results"]
        assert again[0]["replayed"] is True
        assert again[0]["result"] == put.get_json()
        other = seeker.sync([op("basics", 1, {"display_name": "B"}, key)]).get_json()["results"]
        assert other[0]["status"] == 422
        assert other[0]["error"]["code"] == "idempotency_key_reused"

    @pytest.mark.parametrize(
        "body",
        [
            {"operations": []},
            {"operations": [op("basics", 0, {}) for _ in range(101)]},
            {"operations": "x"},
            {"ops": []},
            [],
        ],
    )
    def test_the_batch_itself_must_be_right(self, seeker: Device, body: Any) -> None:
        resp = seeker.client.post("/api/v1/sync", json=body, headers=seeker.headers)
        assert resp.status_code == 422
        assert "operations" in resp.get_json()["errors"]

    def test_100_operations_are_accepted(self, seeker: Device) -> None:
        operations = [op("basics", n, {"display_name": f"v{n}"}) for n in range(100)]
        results = seeker.sync(operations).get_json()["results"]
        assert Counter(r["status"] for r in results) == {200: 100}
        assert seeker.get("basics").get_json()["version"] == 100


def run_in_threads(app: Flask, count: int, work: Any) -> list[Any]:
    """Run work(client, index) in `count` threads released at the same moment."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def target(index: int) -> None:
        client = app.test_client()
        try:
            barrier.wait(timeout=30)
            results[index] = work(client, index)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


THREADS = 8


class TestConcurrentWrites:
    @pytest.mark.parametrize("round_", range(3))
    def test_same_if_match_exactly_one_wins(self, app: Flask, seeker: Device, round_: int) -> None:
        seeker.put("basics", {"display_name": "start"}, version=0)

        def write(client: Any, index: int) -> tuple[int, Any]:
            resp = client.put(
                "/api/v1/selfie/sections/basics",
                json={"display_name": f"thread {index}"},
                headers={**seeker.headers, "If-Match": '"1"', "Idempotency-Key": new_key()},
            )
            return resp.status_code, resp.get_json()

        results = run_in_threads(app, THREADS, write)
        statuses = Counter(status for status, _ in results)
        assert statuses == {200: 1, 412: THREADS - 1}, statuses
        winner = next(body for status, body in results if status == 200)
        current = seeker.get("basics").get_json()
        assert current["version"] == 2
        assert current["data"] == winner["data"]
        for status, body in results:
            if status == 412:
                assert body["current"]["version"] == 2
                assert body["current"]["data"] == winner["data"]

    def test_concurrent_first_writes(self, app: Flask, seeker: Device) -> None:
        def write(client: Any, index: int) -> int:
            return int(
                client.put(
                    "/api/v1/selfie/sections/location",
                    json={"max_distance_km": index + 1},
                    headers={**seeker.headers, "If-None-Match": "*"},
                ).status_code
            )

        assert Counter(run_in_threads(app, THREADS, write)) == {200: 1, 412: THREADS - 1}

    def test_the_same_write_sent_twice_at_once_is_written_once(
        self, app: Flask, seeker: Device
    ) -> None:
        seeker.put("basics", {"display_name": "start"}, version=0)
        key = new_key()

        def write(client: Any, index: int) -> tuple[int, Any, str | None]:
            resp = client.put(
                "/api/v1/selfie/sections/basics",
                json={"display_name": "same"},
                headers={**seeker.headers, "If-Match": '"1"', "Idempotency-Key": key},
            )
            return resp.status_code, resp.get_json(), resp.headers.get("Idempotent-Replayed")

        results = run_in_threads(app, THREADS, write)
        assert {status for status, _, _ in results} == {200}
        assert sum(1 for *_, replayed in results if replayed) == THREADS - 1
        assert {body["version"] for _, body, _ in results} == {2}
        assert seeker.get("basics").get_json()["version"] == 2

    def test_one_key_for_two_sections_at_once_never_fails_or_writes_twice(
        self, app: Flask, seeker: Device
    ) -> None:
        # A client bug: two different writes with one key, sent together. Each write that
        # is answered 200 is exactly one new version; the key stays with one of them, and a
        # retry of the other is refused as a reused key (docs/selfie.md, Decisions).
        seeker.put("basics", {"display_name": "start"}, version=0)
        seeker.put("languages", {"dutch": {"speaking": "B1"}}, version=0)
        key = new_key()
        bodies = {"basics": {"display_name": "nieuw"}, "languages": {"dutch": {"speaking": "B2"}}}

        def write(client: Any, index: int) -> tuple[str, int]:
            name = ("basics", "languages")[index % 2]
            resp = client.put(
                f"/api/v1/selfie/sections/{name}",
                json=bodies[name],
                headers={**seeker.headers, "If-Match": '"1"', "Idempotency-Key": key},
            )
            return name, resp.status_code

        results = run_in_threads(app, 2, write)
        assert {status for _, status in results} <= {200, 422}, results
        assert any(status == 200 for _, status in results)
        for name, status in results:
            version = seeker.get(name).get_json()["version"]
            assert version == (2 if status == 200 else 1), (name, status, version)
        replays = [
            seeker.client.put(
                f"/api/v1/selfie/sections/{name}",
                json=bodies[name],
                headers={**seeker.headers, "If-Match": '"1"', "Idempotency-Key": key},
            )
            for name, _ in results
        ]
        # The key's owner is replayed; the other is refused, however it went the first time.
        assert sorted(r.status_code for r in replays) == [200, 422]
        assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in replays) == 1


@pytest.mark.skipif(not IS_POSTGRES, reason="PostgreSQL's plan cache")
@pytest.mark.parametrize(
    ("section", "body"),
    [
        ("basics", {"display_name": "Sanne", "preferred_language": "nl"}),
        ("location", {"postcode": "1012", "max_distance_km": 10}),  # with matching's upsert
    ],
)
def test_a_write_keeps_one_generic_plan(
    app: Flask, make_user: Any, section: str, body: dict[str, Any]
) -> None:
    # PostgreSQL plans a prepared statement anew on every run while a plan for the values
    # at hand looks cheaper than its generic plan; for the write statement that was about
    # 40% of the server's work (service._PG_PRUNE). After its first five runs on a
    # connection, a write that prunes nothing must run on one generic plan.
    from backend import db
    from backend.selfie import service

    # The plans' costs come from the table's statistics: give it a realistic size.
    other = make_user("jobseeker")
    with db.engine().begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO selfie_revision (user_id, section, version, data, created_at) "
            "SELECT %(user)s, name, v, '{}', now() FROM generate_series(1, 2000) v, "
            "unnest(ARRAY['basics', 'location', 'skills', 'wishes', 'experience']) name",
            {"user": other.id},
        )
        conn.exec_driver_sql("ANALYZE selfie_revision")
    user = make_user("jobseeker")
    db.engine().dispose()  # a fresh pool: the writes below share one or two connections
    for version in range(40):
        data = {**body, "max_distance_km": version + 1} if section == "location" else body
        service.put_section(user.id, section, data, base_version=version, idempotency_key=new_key())
    engine = db.engine()
    held = [engine.connect() for _ in range(engine.pool.checkedin())]  # type: ignore[attr-defined]
    try:
        plans = [
            row
            for conn in held
            for row in conn.exec_driver_sql(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                "WHERE statement LIKE '%%WITH written AS%%' AND statement LIKE %(section)s "
                "AND generic_plans + custom_plans >= 10",
                {"section": "%match_profile%" if section == "location" else "%"},
            )
        ]
    finally:
        for conn in held:
            conn.close()
    # (A pruning write, one in ten, has a statement of its own: it ran too few times.)
    assert plans, "the write statement was not prepared"
    assert all(custom <= 5 < generic for generic, custom in plans), plans
