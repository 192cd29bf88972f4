"""The learning advice (gap, ranking, leerroute, what it unlocks) and the demand per region."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from backend.learning import advice
from backend.learning.advice import OfferFacts
from backend.taxonomy import service as taxonomy
from tests.matching.conftest import KASSA, KOK, MAGAZIJN, essential_skills
from tests.openapi_check import check_response


def offer(oid: int, skills: str, **kw: Any) -> OfferFacts:
    values: dict[str, Any] = {
        "online": False,
        "distance_km": 0.0,
        "entry_level": None,
        "cost": "gratis",
        "cost_cents": None,
        "duration_weeks": 0,
    }
    values.update(kw)
    return OfferFacts(id=oid, skill_ids=frozenset(skills), **values)


class TestPure:
    GAP = {"a": 2.0, "b": 1.0, "c": 1.0, "d": 1.0}

    def test_factors(self) -> None:
        assert advice.coverage(frozenset("ab"), self.GAP) == pytest.approx(3 / 5)
        assert advice.distance_factor(None, 10) == 1.0
        assert advice.distance_factor(10, 10) == 0.5
        assert advice.level_fit(3, 2) == 0.7
        assert advice.level_fit(4, 2) == 0.3
        assert (
            advice.level_fit(2, 2) == advice.level_fit(None, 2) == advice.level_fit(3, None) == 1.0
        )
        assert advice.cost_factor("gratis", None) == 1.0
        assert advice.cost_factor("vergoed", None) == 0.95
        assert advice.cost_factor("eigen_kosten", 50_000) == 0.5
        assert advice.duration_factor(52) == 0.5

    def test_ranking_is_coverage_times_the_rest(self) -> None:
        offers = [
            offer(1, "a"),
            offer(2, "ab", cost="eigen_kosten", cost_cents=50_000),
            offer(3, "abcd", duration_weeks=52),
            offer(4, "xy"),
        ]
        ranked = advice.rank(offers, self.GAP, person_eqf=2, radius_km=10)
        assert [(r.offer.id, round(r.score, 3)) for r in ranked] == [(3, 0.5), (1, 0.4), (2, 0.3)]
        assert ranked[0].covers == frozenset("abcd")

    def test_the_route_is_a_small_set_that_covers_most(self) -> None:
        offers = [
            offer(1, "ab"),
            offer(2, "cd"),
            offer(3, "a"),
            offer(4, "bcd", duration_weeks=520),
        ]
        route = advice.route(offers, self.GAP, person_eqf=None, radius_km=None)
        assert [r.offer.id for r in route] == [1, 2]
        assert [r.covers for r in route] == [frozenset("ab"), frozenset("cd")]

    def test_the_route_stops_at_the_target(self) -> None:
        gap = {s: 1.0 for s in "abcdefghij"}
        offers = [offer(1, "abcdefgh"), offer(2, "i"), offer(3, "j")]
        assert [r.offer.id for r in advice.route(offers, gap, person_eqf=None, radius_km=None)] == [
            1
        ]
        assert advice.route([], gap, person_eqf=None, radius_km=None) == []
        assert advice.route(offers, {}, person_eqf=None, radius_km=None) == []


def get_advice(client: FlaskClient, person: Any) -> dict[str, Any]:
    resp = client.get("/api/v1/learning/advice", headers=person.headers)
    assert resp.status_code == 200, resp.get_json()
    check_response(client, "GET", "/api/v1/learning/advice", resp)
    result: dict[str, Any] = resp.get_json()
    return result


class TestAdvice:
    def test_gap_offers_route_and_what_it_unlocks(
        self, client: FlaskClient, make_person: Any, make_job: Any, make_offer: Any
    ) -> None:
        kok = essential_skills(KOK)
        person = make_person(skills=kok[:4], wishes=[KOK], postcode="1012", radius=15)
        job = make_job(KOK, postcode="1012")
        first = make_offer(skill_ids=kok[4 : len(kok) // 2 + 4], title="Koken deel 1")
        second = make_offer(skill_ids=kok[len(kok) // 2 + 4 :], title="Koken deel 2")
        far = make_offer(skill_ids=kok[4:], postcode="9711", title="Koken in Groningen")
        online = make_offer(
            skill_ids=kok[4:6],
            postcode=None,
            online=True,
            title="Online hygiëne",
            kind="e-learning",
        )
        make_offer(skill_ids=essential_skills(KASSA)[:2], title="Kassa")  # not in the gap

        body = get_advice(client, person)
        assert body["missing"] == []
        gap = {g["skill_id"]: g for g in body["gap"]}
        assert set(gap) == set(kok[4:])
        reasons = gap[kok[4]]["needed_for"]
        assert {r["kind"] for r in reasons} == {"occupation", "vacancy"}
        assert any(r["label"] == "kok" for r in reasons)

        ranked = [o["id"] for o in body["offers"]]
        assert far["id"] not in ranked  # beyond the travel radius
        assert set(ranked) == {first["id"], second["id"], online["id"]}
        assert body["offers"][0]["score"] >= body["offers"][-1]["score"]

        route = body["route"]
        assert [s["offer"]["id"] for s in route["steps"]] == [first["id"], second["id"]]
        assert route["covered"] == route["gap_size"] == len(kok) - 4
        assert route["nl"] == (
            f"Met deze 2 opleidingen leer je {len(kok) - 4} van de {len(kok) - 4} "
            "vaardigheden die je mist."
        )
        assert route["steps"][0]["nl"].startswith("Hier leer je ")
        unlocks = route["unlocks"]
        assert [v["id"] for v in unlocks["vacancies"]] == [job.id]
        assert [o["occupation_id"] for o in unlocks["occupations"]] == [KOK]
        assert unlocks["nl"] == (
            "Daarna past 1 vacature in de buurt bij je. "
            "Je hebt dan bijna alles wat nodig is voor: kok."
        )

    def test_without_a_location_only_online_offers(
        self, client: FlaskClient, make_user: Any, make_offer: Any, app: Any
    ) -> None:
        from tests.matching.conftest import Person, write_selfie
        from tests.vacancies.conftest import token_headers

        user = make_user("jobseeker")
        write_selfie(user.id, {"wishes": {"occupation_ids": [MAGAZIJN], "work_kinds": ["job"]}})
        person = Person(user=user, headers=token_headers(app, user))
        skills = essential_skills(MAGAZIJN)
        make_offer(skill_ids=skills[:2])
        online = make_offer(skill_ids=skills[:2], postcode=None, online=True)
        body = get_advice(client, person)
        assert body["missing"] == ["skills.entries", "location.postcode"]
        assert [o["id"] for o in body["offers"]] == [online["id"]]
        assert body["route"]["unlocks"]["vacancies"] == []

    def test_nothing_to_advise_yet(
        self, client: FlaskClient, make_user: Any, app: Any, bearer: Any
    ) -> None:
        from tests.matching.conftest import Person
        from tests.vacancies.conftest import token_headers

        user = make_user("jobseeker")
        body = get_advice(client, Person(user=user, headers=token_headers(app, user)))
        assert body["gap"] == [] and body["offers"] == [] and body["route"]["steps"] == []
        assert body["route"]["nl"] == "We vonden nog geen aanbod dat je mist leert."
        assert "wishes.occupation_ids" in body["missing"]
        assert client.get("/api/v1/learning/advice", headers=bearer("provider")).status_code == 403

    def test_archived_offers_are_not_advised(
        self, client: FlaskClient, make_person: Any, make_provider: Any, make_offer: Any
    ) -> None:
        kok = essential_skills(KOK)
        person = make_person(skills=kok[:2], wishes=[KOK])
        provider = make_provider()
        made = make_offer(provider, skill_ids=kok[2:5])
        client.post(f"/api/v1/learning-offers/{made['id']}/archive", headers=provider.headers)
        assert get_advice(client, person)["offers"] == []


class TestDemand:
    def test_counts_under_ten_are_left_out(
        self, client: FlaskClient, make_person: Any, bearer: Any
    ) -> None:
        kok = essential_skills(KOK)
        for _ in range(10):
            make_person(skills=kok[1:], wishes=[KOK])  # all ten miss kok[0]
        for _ in range(3):
            make_person(skills=kok[2:], wishes=[KOK])  # three more miss kok[1]
        make_person(skills=[], wishes=[KOK], statistics=False)  # does not count
        make_person(skills=[], wishes=[KOK], postcode="9711")  # another region
        amsterdam = taxonomy.get_postcode("1012").region.code
        resp = client.get(
            "/api/v1/learning/demand",
            query_string={"region": amsterdam.lower()},
            headers=bearer("provider"),
        )
        assert resp.status_code == 200, resp.get_json()
        check_response(client, "GET", "/api/v1/learning/demand", resp)
        body = resp.get_json()
        assert body["region"]["code"] == amsterdam
        assert body["people"] == 13
        assert [(s["skill_id"], s["people"]) for s in body["skills"]] == [(kok[0], 13)]
        assert body["skills"][0]["label"]
        assert body["suppressed"] == 1  # kok[1]: 3 people
        assert body["suppress_below"] == 10

    def test_access_and_bad_input(self, client: FlaskClient, bearer: Any) -> None:
        path = "/api/v1/learning/demand"
        assert (
            client.get(path, query_string={"region": "AM01"}, headers=bearer("analyst")).status_code
            == 200
        )
        assert (
            client.get(
                path, query_string={"region": "AM01"}, headers=bearer("jobseeker")
            ).status_code
            == 403
        )
        assert client.get(path, query_string={"region": "AM01"}).status_code == 401
        provider = bearer("provider")
        assert (
            client.get(path, query_string={"region": "XX99"}, headers=provider).status_code == 422
        )
        assert client.get(path, headers=provider).status_code == 422
        small = client.get(path, query_string={"region": "AM01"}, headers=provider).get_json()
        assert small["people"] is None and small["skills"] == []
