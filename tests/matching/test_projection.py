"""The selfie's projection: kept current by one statement per section write."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from backend import db
from backend.errors import PreconditionFailed
from backend.matching import projection, service
from backend.selfie import listeners
from backend.selfie import service as selfie
from tests.conftest import IS_POSTGRES, PASSWORD
from tests.matching.conftest import KOK, essential_skills, riasec, week, write_selfie
from tests.vacancies.conftest import token_headers


def row(user_id: int) -> dict[str, Any]:
    found = service._profile_row(user_id)
    assert found is not None
    return found


@contextmanager
def statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine(), "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine(), "before_cursor_execute", record)


class TestProjection:
    def test_every_section_sets_its_columns(self, app: Flask, make_user: Any) -> None:
        user = make_user("jobseeker")
        write_selfie(
            user.id,
            {
                "basics": {"display_name": "Sam", "birth_year": 1988},
                "location": {"postcode": "3511 AB", "max_distance_km": 12},
                "availability": {
                    "days_per_week": 2,
                    "schedule": {"mon": ["morning"], "wed": ["afternoon", "evening"]},
                    "hours_per_week_min": 8,
                    "hours_per_week_max": 16,
                },
                "skills": {
                    "entries": [{"skill_id": s, "level": 2} for s in essential_skills(KOK)[:3]]
                },
                "education": {"highest_level": "MBO_3", "studying_now": False},
                "wishes": {"occupation_ids": [KOK], "work_kinds": ["job", "open_hiring"]},
                "interests": {"answers": riasec("RS")},
                "visibility": {
                    "employers": "anonymous",
                    "statistics": False,
                    "shared_sections": ["skills"],
                },
            },
        )
        found = row(user.id)
        assert found["birth_year"] == 1988
        assert found["pc4"] == "3511" and found["region_code"] and 52 < found["lat"] < 53
        assert found["max_distance_km"] == 12
        # mon (day 0) morning = bit 0; wed (day 2) afternoon, evening = bits 7, 8.
        assert found["slots_mask"] == 1 | 1 << 7 | 1 << 8
        assert found["days_mask"] == 0b101
        assert (found["hours_min"], found["hours_max"]) == (8, 16)
        assert found["skill_ids"] == essential_skills(KOK)[:3]
        assert found["education_eqf"] == 3
        assert found["wished_occupation_ids"] == [KOK]
        assert found["work_kinds_mask"] == (
            projection.WORK_KIND_BITS["job"] | projection.WORK_KIND_BITS["open_hiring"]
        )
        assert found["riasec"]["R"] == 100.0 and found["riasec"]["C"] == 0.0
        assert found["employers"] == "anonymous" and found["statistics"] is False
        assert found["shared_mask"] == projection.SECTION_BITS["skills"]
        complete = {n for n, bit in projection.SECTION_BITS.items() if found["complete_mask"] & bit}
        # basics misses language and contact; location misses travel modes and licence.
        assert complete == {
            "availability",
            "skills",
            "education",
            "wishes",
            "interests",
            "visibility",
        }

    def test_a_later_write_replaces_only_its_own_columns(self, app: Flask, make_user: Any) -> None:
        user = make_user("jobseeker")
        write_selfie(user.id, {"location": {"postcode": "1012", "max_distance_km": 5}})
        write_selfie(
            user.id, {"skills": {"entries": [{"skill_id": essential_skills(KOK)[0], "level": 1}]}}
        )
        write_selfie(user.id, {"location": {"postcode": "9711", "max_distance_km": 30}})
        found = row(user.id)
        assert found["pc4"] == "9711" and found["max_distance_km"] == 30
        assert found["skill_ids"] == essential_skills(KOK)[:1]
        write_selfie(user.id, {"location": {}})
        assert row(user.id)["lat"] is None

    def test_one_statement_per_write(
        self, app: Flask, make_user: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        user = make_user("jobseeker")
        projection.education_eqf()  # reference data, read once per process
        write_selfie(user.id, {"location": {"postcode": "1012", "max_distance_km": 5}})
        data = {"postcode": "3511", "max_distance_km": 10}
        with statements() as with_listener:
            selfie.put_section(user.id, "location", data, base_version=1)
        for name in ("_CALLS", "_NOT_INLINE", "_INLINE"):
            monkeypatch.setattr(listeners, name, ())
        with statements() as without:
            selfie.put_section(user.id, "location", {**data, "max_distance_km": 11}, base_version=2)
        extra = len(with_listener) - len(without)
        # On PostgreSQL the write of an existing section is one statement, and the upsert
        # is a part of it (the listener's inline form); on SQLite it is one more statement.
        assert extra == (0 if IS_POSTGRES else 1)
        assert sum("match_profile" in s for s in with_listener) == 1
        assert not any("match_profile" in s for s in without)
        assert row(user.id)["max_distance_km"] == 10  # the write without the listener

    def test_a_refused_write_changes_nothing(self, app: Flask, make_user: Any) -> None:
        user = make_user("jobseeker")
        write_selfie(user.id, {"location": {"postcode": "1012", "max_distance_km": 5}})
        with pytest.raises(PreconditionFailed):
            selfie.put_section(user.id, "location", {"postcode": "9711"}, base_version=0)
        assert row(user.id)["pc4"] == "1012"

    def test_a_refused_later_write_changes_nothing(self, app: Flask, make_user: Any) -> None:
        # A write of an existing section (on PostgreSQL one statement with the upsert in
        # it) that loses to another write leaves the projection of the winner.
        user = make_user("jobseeker")
        write_selfie(user.id, {"location": {"postcode": "1012", "max_distance_km": 5}})
        selfie.put_section(user.id, "location", {"postcode": "3511"}, base_version=1)
        with pytest.raises(PreconditionFailed):
            selfie.put_section(user.id, "location", {"postcode": "9711"}, base_version=1)
        assert row(user.id)["pc4"] == "3511"

    def test_sync_batches_keep_it_current(
        self, app: Flask, client: FlaskClient, make_user: Any
    ) -> None:
        user = make_user("jobseeker")
        resp = client.post(
            "/api/v1/sync",
            json={
                "operations": [
                    {
                        "key": "k1",
                        "section": "availability",
                        "base_version": 0,
                        "data": {"schedule": week("fri")},
                    },
                    {
                        "key": "k2",
                        "section": "availability",
                        "base_version": 1,
                        "data": {"schedule": week("sat")},
                    },
                ]
            },
            headers=token_headers(app, user),
        )
        assert resp.status_code == 200
        assert row(user.id)["days_mask"] == 1 << 5

    def test_export_and_erasure(self, app: Flask, client: FlaskClient, make_user: Any) -> None:
        user = make_user("jobseeker")
        headers = token_headers(app, user)
        write_selfie(user.id, {"location": {"postcode": "1012", "max_distance_km": 5}})
        exported = client.get("/api/v1/me/export", headers=headers).get_json()["data"]
        assert exported["matching"]["profile"]["pc4"] == "1012"
        other = make_user("jobseeker")
        assert client.get("/api/v1/me/export", headers=token_headers(app, other)).get_json()[
            "data"
        ]["matching"] == {"profile": None}
        resp = client.delete("/api/v1/me", json={"password": PASSWORD}, headers=headers)
        assert resp.status_code == 204
        assert service._profile_row(user.id) is None
