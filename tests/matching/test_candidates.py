"""Candidates for an employer's regular vacancy, and the people to notify about open hiring."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from backend.errors import Conflict, NotFound
from backend.matching import service
from backend.open_hiring import service as open_hiring
from tests.matching.conftest import KOK, essential_skills, week, write_selfie
from tests.openapi_check import check_response


def candidates(client: FlaskClient, job: Any, **params: Any) -> Any:
    path = f"/api/v1/vacancies/{job.id}/candidates"
    return client.get(path, query_string=params, headers=job.employer.headers)


class TestCandidates:
    def test_consenting_people_only_as_anonymous_profiles(
        self, client: FlaskClient, make_person: Any, make_job: Any
    ) -> None:
        job = make_job(KOK)
        good = make_person(skills=essential_skills(KOK), employers="anonymous")
        full = make_person(skills=essential_skills(KOK, 0.5), employers="full")
        make_person(skills=essential_skills(KOK), employers="none")
        resp = candidates(client, job)
        assert resp.status_code == 200, resp.get_json()
        check_response(client, "GET", "/api/v1/vacancies/{vacancy_id}/candidates", resp)
        body = resp.get_json()
        assert json.loads(resp.headers["X-Pagination"])["total"] == 2
        assert [c["profile"]["visibility"] for c in body] == ["anonymous", "anonymous"]
        assert body[0]["score"] > body[1]["score"]
        raw = resp.get_data(as_text=True)
        for secret in (f"Persoon {good.user.id}", f"Persoon {full.user.id}", '"1012"'):
            assert secret not in raw  # no names, no postcodes
        profile_ids = [c["profile"]["profile_id"] for c in body]
        assert str(good.user.id) not in profile_ids
        first = {c["name"]: c for c in body[0]["components"]}
        assert set(first) == {
            "essential_skills",
            "optional_skills",
            "distance",
            "availability",
            "education",
        }  # never wishes or interests: the anonymous profile does not show them
        assert first["distance"]["nl"] == "Woont binnen 5 km."
        assert first["essential_skills"]["nl"].startswith("Heeft ")
        assert body[1]["missing_skills"]  # the half-skilled person misses some

    def test_only_shared_and_complete_sections_count(
        self, client: FlaskClient, make_person: Any, make_job: Any
    ) -> None:
        job = make_job(KOK)
        person = make_person(skills=essential_skills(KOK))
        write_selfie(
            person.user.id,
            {
                "visibility": {
                    "employers": "anonymous",
                    "statistics": True,
                    "shared_sections": ["location", "availability"],
                }
            },
        )
        body = candidates(client, job).get_json()
        assert len(body) == 1
        assert {c["name"] for c in body[0]["components"]} == {"distance", "availability"}
        assert body[0]["missing_skills"] == []
        assert "skills" not in body[0]["profile"]

    def test_hard_filters_apply(self, client: FlaskClient, make_person: Any, make_job: Any) -> None:
        job = make_job(KOK, postcode="1012", schedule=week("mon"))
        make_person(postcode="1012", schedule=week("sat"))  # no common day
        make_person(postcode="3511", radius=20)  # Utrecht: further than they travel
        near = make_person(postcode="1012")
        body = candidates(client, job).get_json()
        assert len(body) == 1
        assert body[0]["profile"]["region"]["code"]
        assert near.user.id  # the only one who fits

    def test_open_hiring_and_access(
        self, client: FlaskClient, make_job: Any, make_employer: Any, bearer: Any
    ) -> None:
        open_ = make_job(KOK, hiring_mode="open")
        resp = candidates(client, open_)
        assert resp.status_code == 409
        assert resp.get_json()["code"] == "open_hiring_has_no_candidates"
        draft = make_job(KOK, publish=False)
        assert candidates(client, draft).status_code == 409
        regular = make_job(KOK)
        stranger = make_employer()
        path = f"/api/v1/vacancies/{regular.id}/candidates"
        assert client.get(path, headers=stranger.headers).status_code == 403
        assert client.get(path, headers=bearer("jobseeker")).status_code == 403
        assert client.get(path).status_code == 401
        missing = client.get("/api/v1/vacancies/999999/candidates", headers=stranger.headers)
        assert missing.status_code == 404
        bad = client.get(path, query_string={"lang": "fr"}, headers=regular.employer.headers)
        assert bad.status_code == 422

    def test_pages(self, client: FlaskClient, make_person: Any, make_job: Any) -> None:
        job = make_job(KOK)
        for share in (1.0, 0.8, 0.6, 0.4, 0.2):
            make_person(skills=essential_skills(KOK, share))
        first = candidates(client, job, page_size=2).get_json()
        second = candidates(client, job, page_size=2, page=2).get_json()
        third = candidates(client, job, page_size=2, page=3).get_json()
        scores = [c["score"] for c in first + second + third]
        assert len(scores) == 5 and scores == sorted(scores, reverse=True)
        ids = {c["profile"]["profile_id"] for c in first + second + third}
        assert len(ids) == 5


class TestPeopleToNotify:
    def test_who_is_told_about_a_new_open_hiring_vacancy(
        self, make_person: Any, make_job: Any
    ) -> None:
        job = make_job(KOK, hiring_mode="open", postcode="1012", schedule=week("mon"), min_age=18)
        best = make_person(skills=essential_skills(KOK), kinds=["open_hiring"])
        unsaid = make_person(skills=essential_skills(KOK, 0.5))  # said nothing about kinds
        make_person(kinds=["job"])  # does not want open hiring
        make_person(postcode="3511", radius=50)  # Utrecht: beyond 25 km
        make_person(postcode="1431", radius=5)  # 15 km away, travels 5
        make_person(schedule=week("sat"))  # no common day
        make_person(birth_year=2015)  # too young
        assert service.people_to_notify(job.id) == [best.user.id, unsaid.user.id]

    def test_people_on_the_list_are_not_told_again(self, make_person: Any, make_job: Any) -> None:
        job = make_job(KOK, hiring_mode="open")
        signed = make_person()
        other = make_person()
        open_hiring.sign_up(job.id, user_id=signed.user.id, right_to_work_nl=True)
        assert service.people_to_notify(job.id) == [other.user.id]

    def test_at_most_a_number_per_place(
        self, make_person: Any, make_job: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(service, "NOTIFY_PER_PLACE", 2)
        job = make_job(KOK, hiring_mode="open", places=1)
        people = [make_person(skills=essential_skills(KOK, share)) for share in (0.2, 1.0, 0.6)]
        assert service.people_to_notify(job.id) == [people[1].user.id, people[2].user.id]
        open_hiring.sign_up(job.id, user_id=people[0].user.id, right_to_work_nl=True)
        # One is waiting already: one more is told, the best one.
        assert service.people_to_notify(job.id) == [people[1].user.id]

    def test_only_published_open_hiring(self, make_job: Any) -> None:
        with pytest.raises(Conflict):
            service.people_to_notify(make_job(KOK).id)
        with pytest.raises(NotFound):
            service.people_to_notify(make_job(KOK, hiring_mode="open", publish=False).id)
