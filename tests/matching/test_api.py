"""GET /api/v1/matches: a person's best vacancies, explained, with what is missing."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from backend.matching import service
from tests.matching.conftest import (
    KASSA,
    KEUKENHULP,
    KOK,
    MAGAZIJN,
    Person,
    essential_skills,
    week,
    write_selfie,
)
from tests.openapi_check import check_response


def matches(client: FlaskClient, person: Person, **params: Any) -> Any:
    resp = client.get("/api/v1/matches", query_string=params, headers=person.headers)
    assert resp.status_code == 200, resp.get_json()
    check_response(client, "GET", "/api/v1/matches", resp)
    return resp.get_json()


def ids(body: dict[str, Any]) -> list[int]:
    return [m["vacancy"]["id"] for m in body["matches"]]


class TestMatches:
    def test_best_fit_first_with_an_explanation_per_component(
        self, client: FlaskClient, make_person: Any, make_job: Any
    ) -> None:
        person = make_person(skills=essential_skills(KOK, 0.8), wishes=[KOK], kinds=["job"])
        kok = make_job(KOK, postcode="1012")
        kassa = make_job(KASSA, postcode="1012")
        body = matches(client, person)
        assert ids(body) == [kok.id, kassa.id]
        best = body["matches"][0]
        assert best["score"] > body["matches"][1]["score"]
        names = [c["name"] for c in best["components"]]
        assert names == [
            "essential_skills",
            "optional_skills",
            "distance",
            "availability",
            "education",
            "wishes",
            "interests",
        ]
        text = {c["name"]: c for c in best["components"]}
        total = len(essential_skills(KOK))
        have = len(essential_skills(KOK, 0.8))
        assert text["essential_skills"]["nl"] == (
            f"Je hebt {have} van de {total} vaardigheden die nodig zijn."
        )
        assert text["essential_skills"]["en"] == (
            f"You have {have} of the {total} skills that are needed."
        )
        assert text["distance"]["nl"].startswith("Je woont minder dan 1 km van deze plek.")
        assert text["wishes"]["nl"] == "Dit is werk dat je zoekt: kok. Je zoekt een baan."
        assert text["interests"]["score"] is None  # no interest test: it does not count
        missing = [s["skill_id"] for s in best["missing_skills"]]
        assert set(missing) == set(essential_skills(KOK)[have:])
        labels = [s["label"].casefold() for s in best["missing_skills"]]
        assert labels == sorted(labels)
        assert all(s["label"] and s["label_en"] for s in best["missing_skills"])
        assert best["vacancy"]["public_url"] == f"/vacatures/{kok.id}"
        assert body["missing"] == [] and body["radius_km"] == 15

    def test_open_hiring_is_included(
        self, client: FlaskClient, make_person: Any, make_job: Any
    ) -> None:
        person = make_person()
        regular = make_job(KOK)
        open_ = make_job(KEUKENHULP, hiring_mode="open")
        body = matches(client, person)
        assert set(ids(body)) == {regular.id, open_.id}
        modes = {m["vacancy"]["id"]: m["vacancy"]["work_kind"] for m in body["matches"]}
        assert modes[open_.id] == "open_hiring"

    def test_hard_filters(self, client: FlaskClient, make_person: Any, make_job: Any) -> None:
        person = make_person(
            postcode="1012", radius=10, schedule=week("mon", "tue"), birth_year=2010
        )
        fits = make_job(KOK, postcode="1012", schedule=week("mon"))
        make_job(KOK, postcode="3511", schedule=week("mon"))  # Utrecht: 35 km away
        make_job(KOK, postcode="1012", schedule=week("sat"))  # no common day
        make_job(KOK, postcode="1012", schedule=week("mon"), hiring_mode="open", min_age=18)
        make_job(KOK, postcode="1012", schedule=week("mon"), publish=False)  # a draft
        assert ids(matches(client, person)) == [fits.id]

    def test_the_kind_and_distance_filters(
        self, client: FlaskClient, make_person: Any, make_job: Any
    ) -> None:
        person = make_person(postcode="1012", radius=5)
        near = make_job(KOK, postcode="1012")
        far = make_job(KOK, postcode="1431")  # Aalsmeer, about 15 km
        open_ = make_job(KOK, postcode="1012", hiring_mode="open")
        stage = make_job(KOK, postcode="1012", kind="stage")
        assert set(ids(matches(client, person))) == {near.id, open_.id, stage.id}
        wider = matches(client, person, distance_km=30)
        assert far.id in ids(wider) and wider["radius_km"] == 30
        assert ids(matches(client, person, kind="open_hiring")) == [open_.id]
        both = matches(client, person, kind=["job", "stage"])
        assert set(ids(both)) == {near.id, stage.id}

    def test_part_time_counts_fully(
        self, client: FlaskClient, make_person: Any, make_job: Any
    ) -> None:
        person = make_person(hours=(16, 24))
        short = make_job(KOK, hours=8)
        fitting = make_job(KOK, hours=20)
        long = make_job(KOK, hours=40)
        body = {m["vacancy"]["id"]: m for m in matches(client, person)["matches"]}
        availability = {
            vid: next(c for c in m["components"] if c["name"] == "availability")
            for vid, m in body.items()
        }
        assert availability[short.id]["score"] == availability[fitting.id]["score"] == 1.0
        assert availability[long.id]["score"] < 1.0
        assert "elke betaalde dag telt" in availability[short.id]["nl"]
        assert "more than you want" in availability[long.id]["en"]

    def test_says_what_is_missing_before_there_can_be_matches(
        self, client: FlaskClient, make_user: Any, make_job: Any, app: Any
    ) -> None:
        from tests.vacancies.conftest import token_headers

        make_job(KOK)
        user = make_user("jobseeker")
        person = Person(user=user, headers=token_headers(app, user))
        body = matches(client, person)
        assert body == {
            "matches": [],
            "missing": [
                "location.postcode",
                "location.max_distance_km",
                "availability.schedule",
            ],
            "radius_km": None,
        }
        write_selfie(user.id, {"location": {"postcode": "1012", "max_distance_km": 10}})
        assert matches(client, person)["missing"] == ["availability.schedule"]
        write_selfie(user.id, {"availability": {"schedule": week("mon")}})
        assert len(matches(client, person)["matches"]) == 1

    def test_limit_and_bad_input(
        self, client: FlaskClient, make_person: Any, make_job: Any, bearer: Any
    ) -> None:
        person = make_person()
        for _ in range(3):
            make_job(KOK)
        assert len(matches(client, person, limit=2)["matches"]) == 2
        for params, field in (
            ({"limit": 0}, "limit"),
            ({"limit": 51}, "limit"),
            ({"distance_km": 0}, "distance_km"),
            ({"kind": "volunteering"}, "kind"),
        ):
            resp = client.get("/api/v1/matches", query_string=params, headers=person.headers)
            assert resp.status_code == 422, params
            assert field in resp.get_json()["errors"]
        assert client.get("/api/v1/matches").status_code == 401
        assert client.get("/api/v1/matches", headers=bearer("employer")).status_code == 403

    def test_an_old_selfie_is_projected_on_first_use(
        self, client: FlaskClient, make_person: Any, make_job: Any
    ) -> None:
        from sqlalchemy import delete

        from backend import db
        from backend.matching.models import MatchProfile

        person = make_person()
        job = make_job(KOK)
        with db.transaction() as session:
            session.execute(delete(MatchProfile))
        assert ids(matches(client, person)) == [job.id]
        assert service.load_profile(person.user.id)["pc4"] == "1012"


class TestAcrossMagazijnAndKok:
    def test_wishes_and_skills_decide_between_similar_places(
        self, client: FlaskClient, make_person: Any, make_job: Any
    ) -> None:
        person = make_person(
            skills=essential_skills(MAGAZIJN, 0.7), wishes=[MAGAZIJN], kinds=["job"]
        )
        kok = make_job(KOK)
        magazijn = make_job(MAGAZIJN)
        assert ids(matches(client, person)) == [magazijn.id, kok.id]


def test_a_changed_function_is_counted_again(
    client: FlaskClient, make_person: Any, make_job: Any
) -> None:
    from backend.vacancies import service as vacancies

    person = make_person(skills=essential_skills(KOK))
    job = make_job(KOK)

    def essential_text() -> str:
        body = matches(client, person)
        part = next(c for c in body["matches"][0]["components"] if c["name"] == "essential_skills")
        return str(part["nl"])

    total = len(essential_skills(KOK))
    assert essential_text() == f"Je hebt {total} van de {total} vaardigheden die nodig zijn."
    function_id = job.data["function_id"]
    skills = [{"skill_id": s, "importance": "essential"} for s in essential_skills(KOK)[:2]]
    vacancies.update_function(job.employer.user.id, function_id, {"skills": skills})
    assert essential_text() == "Je hebt 2 van de 2 vaardigheden die nodig zijn."
