"""Spreading the attention: crowded vacancies move down, with the reason."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from backend.matching import attention, service
from backend.open_hiring import service as open_hiring
from tests.matching.conftest import KEUKENHULP, KOK, essential_skills


class TestRule:
    def test_damping(self) -> None:
        assert attention.damping(0) == 1.0
        assert attention.damping(attention.FREE_PER_PLACE) == 1.0
        assert attention.damping(10) == pytest.approx((5 / 10) ** 0.5)
        assert attention.damping(20) == pytest.approx(0.5)
        assert attention.damping(1000) == attention.FLOOR
        values = [attention.damping(p) for p in range(0, 60)]
        assert values == sorted(values, reverse=True)  # more people never ranks higher

    def test_reasons(self) -> None:
        assert attention.attention(places=2, queue=10) is None  # 5 per place: fine
        queue = attention.attention(places=2, queue=40)
        assert queue is not None and queue.factor == pytest.approx(0.5)
        assert queue.nl == "Er staan al 40 mensen op de lijst voor 2 plekken."
        assert queue.en == "40 people are already on the list for 2 places."
        region = attention.attention(places=1, region_people=30, region_places=3)
        assert region is not None and region.factor == pytest.approx((5 / 10) ** 0.5)
        assert region.nl == "In deze regio zoeken 30 mensen dit werk, voor 3 plekken."
        one = attention.attention(places=1, queue=12)
        assert one is not None and one.nl.endswith("voor 1 plek.")


class TestInTheRanking:
    def test_a_long_queue_moves_a_vacancy_down(
        self, client: FlaskClient, make_person: Any, make_job: Any, make_user: Any
    ) -> None:
        person = make_person(skills=essential_skills(KOK), wishes=[KOK], kinds=["open_hiring"])
        crowded = make_job(KOK, hiring_mode="open", places=1)
        quiet = make_job(KEUKENHULP, hiring_mode="open", places=1)
        first = client.get("/api/v1/matches", headers=person.headers).get_json()["matches"]
        assert [m["vacancy"]["id"] for m in first] == [crowded.id, quiet.id]
        assert first[0]["attention"] is None
        for _ in range(20):
            waiting = make_user("jobseeker")
            open_hiring.sign_up(crowded.id, user_id=waiting.id, right_to_work_nl=True)
        after = client.get("/api/v1/matches", headers=person.headers).get_json()["matches"]
        assert [m["vacancy"]["id"] for m in after] == [quiet.id, crowded.id]
        damped = after[1]
        assert damped["score"] == first[0]["score"]  # the fit itself is unchanged
        assert damped["attention"]["factor"] == 0.5
        assert damped["attention"]["nl"] == "Er staan al 20 mensen op de lijst voor 1 plek."

    def test_many_people_wanting_the_same_work_in_the_region(
        self, client: FlaskClient, make_person: Any, make_job: Any
    ) -> None:
        person = make_person(skills=essential_skills(KOK), wishes=[KOK, KEUKENHULP])
        popular = make_job(KOK, places=1)
        other = make_job(KEUKENHULP, places=1)
        first = client.get("/api/v1/matches", headers=person.headers).get_json()["matches"]
        assert [m["vacancy"]["id"] for m in first] == [popular.id, other.id]
        for _ in range(24):
            make_person(wishes=[KOK], skills=[])
        assert service.refresh_pressure() == 2  # kok and keukenhulp in Amsterdam's region
        after = client.get("/api/v1/matches", headers=person.headers).get_json()["matches"]
        assert [m["vacancy"]["id"] for m in after] == [other.id, popular.id]
        assert after[1]["attention"]["nl"] == (
            "In deze regio zoeken 25 mensen dit werk, voor 1 plek."
        )
        assert after[0]["attention"] is None  # 1 person wants keukenhulp: not crowded
