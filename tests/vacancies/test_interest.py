"""Regular hiring: showing interest, and the profile the organisation sees with it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from backend.accounts import service as accounts
from backend.selfie import service as selfie
from backend.vacancies import service
from tests.conftest import PASSWORD
from tests.openapi_check import check_response
from tests.selfie.conftest import complete_sections
from tests.selfie.test_privacy import ANONYMOUS_FIELDS, HIDDEN_WHEN_ANONYMOUS, rows_about
from tests.vacancies.conftest import Employer, MadeVacancy, token_headers

# Who the person is: none of it may reach the employer of an anonymous interest.
SECRETS = ("Sanne", "06 12345678", "sanne@example.nl", "1012", "1980", "moeder", "Mantelzorg")


@dataclass
class Person:
    user: Any
    headers: dict[str, str]


@pytest.fixture
def person(app: Flask, make_user: Any) -> Any:
    """A jobseeker whose selfie is complete, shared with employers as `visibility`."""

    def factory(**visibility: Any) -> Person:
        user = make_user("jobseeker")
        for name, data in complete_sections().items():
            if name == "visibility":
                data = {**data, **visibility}
            selfie.put_section(user.id, name, data, base_version=0)
        return Person(user=user, headers=token_headers(app, user))

    return factory


def interest_url(vacancy: MadeVacancy | int) -> str:
    vid = vacancy if isinstance(vacancy, int) else vacancy.id
    return f"/api/v1/vacancies/{vid}/interest"


def show(client: FlaskClient, vacancy: MadeVacancy | int, who: Person, **body: Any) -> Any:
    return client.post(
        interest_url(vacancy), json={"share": "anonymous", **body}, headers=who.headers
    )


def interests(client: FlaskClient, vacancy: MadeVacancy, **query: Any) -> Any:
    resp = client.get(
        f"/api/v1/vacancies/{vacancy.id}/interests",
        query_string=query,
        headers=vacancy.employer.headers,
    )
    assert resp.status_code == 200, resp.get_json()
    check_response(client, "GET", "/api/v1/vacancies/{vacancy_id}/interests", resp)
    return resp


class TestShowingInterest:
    def test_show_read_and_list(self, client: FlaskClient, make_vacancy: Any, person: Any) -> None:
        vacancy = make_vacancy()
        sanne = person()
        resp = show(client, vacancy, sanne, message="  Ik kan op maandag beginnen.  ")
        assert resp.status_code == 201, resp.get_json()
        check_response(client, "POST", "/api/v1/vacancies/{vacancy_id}/interest", resp)
        body = resp.get_json()
        assert body["vacancy_id"] == vacancy.id
        assert body["title"] == "Hulpkok"
        assert body["organisation_name"] == "Bakkerij De Open Deur"
        assert body["vacancy_status"] == "published"
        assert body["share"] == "anonymous"
        assert body["message"] == "Ik kan op maandag beginnen."

        mine = client.get(interest_url(vacancy), headers=sanne.headers)
        assert mine.status_code == 200
        check_response(client, "GET", "/api/v1/vacancies/{vacancy_id}/interest", mine)
        assert mine.get_json() == body

        listed = client.get("/api/v1/vacancies/my-interests", headers=sanne.headers)
        assert listed.status_code == 200
        check_response(client, "GET", "/api/v1/vacancies/my-interests", listed)
        assert listed.get_json() == [body]

    def test_once_per_person_and_vacancy(
        self, client: FlaskClient, make_vacancy: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        sanne = person()
        assert show(client, vacancy, sanne).status_code == 201
        again = show(client, vacancy, sanne, share="full")
        assert again.status_code == 409
        assert again.get_json()["code"] == "already_interested"
        # The first choice stands.
        assert client.get(interest_url(vacancy), headers=sanne.headers).get_json()["share"] == (
            "anonymous"
        )

    def test_open_hiring_draft_and_ended_vacancies_are_refused(
        self, client: FlaskClient, make_vacancy: Any, make_employer: Any, person: Any
    ) -> None:
        sanne = person()
        open_hiring = make_vacancy(hiring_mode="open")
        resp = show(client, open_hiring, sanne)
        assert resp.status_code == 409
        assert resp.get_json()["code"] == "use_open_hiring"

        employer: Employer = make_employer()
        draft = make_vacancy(employer, publish=False)
        # A draft is nobody else's business: it looks like no vacancy at all.
        assert show(client, draft, sanne).status_code == 404
        assert show(client, 999_999, sanne).status_code == 404

        closed = make_vacancy(employer)
        service.end_vacancy(employer.user.id, closed.id, service.VacancyStatus.CLOSED)
        resp = show(client, closed, sanne)
        assert resp.status_code == 409
        assert resp.get_json()["code"] == "not_published"

    def test_bad_input_names_the_field(
        self, client: FlaskClient, make_vacancy: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        sanne = person()
        for body, field in (
            ({"share": "everything"}, "share"),
            ({}, "share"),
            ({"share": "full", "message": "x" * 1001}, "message"),
            ({"share": "full", "message": "a\x00b"}, "message"),
            ({"share": "full", "cv": "yes"}, "cv"),
        ):
            resp = client.post(interest_url(vacancy), json=body, headers=sanne.headers)
            assert resp.status_code == 422, body
            assert field in resp.get_json()["errors"], resp.get_json()
        # A blank message is no message.
        resp = show(client, vacancy, sanne, message="   ")
        assert resp.status_code == 201
        assert resp.get_json()["message"] is None

    def test_only_jobseekers_show_interest(
        self, client: FlaskClient, make_vacancy: Any, make_employer: Any
    ) -> None:
        vacancy = make_vacancy()
        other: Employer = make_employer("Ander bedrijf")
        resp = client.post(interest_url(vacancy), json={"share": "full"}, headers=other.headers)
        assert resp.status_code == 403
        assert client.post(interest_url(vacancy), json={"share": "full"}).status_code == 401

    def test_withdraw(self, client: FlaskClient, make_vacancy: Any, person: Any) -> None:
        vacancy = make_vacancy()
        sanne = person()
        assert show(client, vacancy, sanne).status_code == 201
        assert interests(client, vacancy).get_json() != []
        resp = client.delete(interest_url(vacancy), headers=sanne.headers)
        assert resp.status_code == 204
        # The employer no longer sees it, and nothing of it is kept.
        assert interests(client, vacancy).get_json() == []
        missing = client.get(interest_url(vacancy), headers=sanne.headers)
        assert missing.status_code == 404
        assert missing.get_json()["code"] == "not_interested"
        again = client.delete(interest_url(vacancy), headers=sanne.headers)
        assert again.status_code == 404
        assert client.get("/api/v1/vacancies/my-interests", headers=sanne.headers).get_json() == []
        # Withdrawn, the person may show interest again later.
        assert show(client, vacancy, sanne, share="full").status_code == 201

    def test_the_organisation_hears_of_it_in_its_inbox(
        self, client: FlaskClient, make_vacancy: Any, make_user: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        colleague = make_user("employer")
        accounts.add_member(
            vacancy.employer.user.id, vacancy.employer.org_id, username=colleague.username
        )
        sanne = person()
        assert show(client, vacancy, sanne).status_code == 201
        for headers in (vacancy.employer.headers, token_headers(client.application, colleague)):
            inbox = client.get("/api/v1/notifications", headers=headers).get_json()
            assert [(n["kind"], n["data"]) for n in inbox] == [
                ("vacancy_interest", {"vacancy_id": vacancy.id, "title": "Hulpkok"})
            ]
        # The person's own inbox is not told; nothing names the person.
        assert client.get("/api/v1/notifications", headers=sanne.headers).get_json() == []


class TestWhatTheEmployerSees:
    def test_anonymous_interest_hides_who_the_person_is(
        self, client: FlaskClient, make_vacancy: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        # Even someone who shares a full profile with every employer can choose anonymous.
        sanne = person(employers="full")
        assert show(client, vacancy, sanne, message="Tot snel").status_code == 201
        resp = interests(client, vacancy)
        [item] = resp.get_json()
        assert set(item) == {"id", "created_at", "message", "share", "profile"}
        assert item["message"] == "Tot snel" and item["share"] == "anonymous"
        profile = item["profile"]
        assert set(profile) == ANONYMOUS_FIELDS - {"profile_id"}
        for hidden in [*HIDDEN_WHEN_ANONYMOUS, "profile_id"]:
            assert hidden not in profile, hidden
        assert profile["visibility"] == "anonymous"
        assert "constraints" not in profile["availability"]
        raw = resp.get_data(as_text=True)
        for secret in SECRETS:
            assert secret not in raw, secret
        assert sanne.user.username not in raw
        assert "user_id" not in raw

    def test_full_interest_shows_the_shared_sections_even_without_general_consent(
        self, client: FlaskClient, make_vacancy: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        # Shares nothing with employers in general: the interest is the consent here.
        sanne = person(employers="none")
        assert show(client, vacancy, sanne, share="full").status_code == 201
        [item] = interests(client, vacancy).get_json()
        profile = item["profile"]
        assert profile["visibility"] == "full"
        assert profile["display_name"] == "Sanne"
        assert profile["contact"]["phone"] == "06 12345678"
        assert profile["postcode"] == "1012"
        assert profile["experience"][0]["label"] == "kok"
        assert "profile_id" not in profile
        # And the general consent did not change: other employers still see nothing.
        overview = client.get("/api/v1/selfie", headers=sanne.headers).get_json()
        other = client.get(
            f"/api/v1/profiles/{overview['profile_id']}", headers=vacancy.employer.headers
        )
        assert other.status_code == 404

    def test_only_shared_and_complete_sections(
        self, client: FlaskClient, make_vacancy: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        sanne = person(shared_sections=["skills", "languages", "basics"])
        # A section that is no longer complete is not shown either.
        selfie.put_section(sanne.user.id, "languages", {"dutch": {}}, base_version=1)
        assert show(client, vacancy, sanne, share="full").status_code == 201
        [item] = interests(client, vacancy).get_json()
        assert set(item["profile"]) == {
            "visibility",
            "skills",
            "display_name",
            "contact",
            "birth_year",
        }

    def test_the_profile_follows_the_selfie_and_the_labels_the_language(
        self, client: FlaskClient, make_vacancy: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        sanne = person()
        assert show(client, vacancy, sanne).status_code == 201
        nl = interests(client, vacancy, lang="nl").get_json()[0]["profile"]
        en = interests(client, vacancy, lang="en").get_json()[0]["profile"]
        assert nl["education_level"]["code"] == en["education_level"]["code"] == "MBO_2"
        assert nl["education_level"]["name"] != en["education_level"]["name"]
        # She stops sharing her skills: the employer no longer sees them.
        selfie.put_section(
            sanne.user.id,
            "visibility",
            {"employers": "anonymous", "statistics": True, "shared_sections": ["languages"]},
            base_version=1,
        )
        profile = interests(client, vacancy).get_json()[0]["profile"]
        assert set(profile) == {"visibility", "languages"}

    def test_newest_first_and_paginated(
        self, client: FlaskClient, make_vacancy: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        people = [person() for _ in range(3)]
        ids = [show(client, vacancy, p).get_json()["id"] for p in people]
        resp = interests(client, vacancy, page_size=2)
        assert [i["id"] for i in resp.get_json()] == ids[::-1][:2]
        assert json.loads(resp.headers["X-Pagination"])["total"] == 3
        page2 = interests(client, vacancy, page_size=2, page=2).get_json()
        assert [i["id"] for i in page2] == ids[:1]

    def test_only_the_organisation_sees_them(
        self, client: FlaskClient, make_vacancy: Any, make_employer: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        sanne = person()
        assert show(client, vacancy, sanne).status_code == 201
        stranger: Employer = make_employer("Ander bedrijf")
        url = f"/api/v1/vacancies/{vacancy.id}/interests"
        assert client.get(url, headers=stranger.headers).status_code == 403
        assert (
            client.get("/api/v1/vacancies/999999/interests", headers=stranger.headers).status_code
            == 404
        )
        assert client.get(url, headers=sanne.headers).status_code == 403
        assert client.get(url).status_code == 401
        bad = client.get(url, query_string={"lang": "fr"}, headers=vacancy.employer.headers)
        assert bad.status_code == 422 and "lang" in bad.get_json()["errors"]


class TestPrivacy:
    def test_export_has_my_interests(
        self, client: FlaskClient, make_vacancy: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        sanne = person()
        assert show(client, vacancy, sanne, share="full", message="Hallo").status_code == 201
        data = client.get("/api/v1/me/export", headers=sanne.headers).get_json()["data"]
        [entry] = data["vacancy_interests"]["interests"]
        assert entry["vacancy_id"] == vacancy.id
        assert entry["title"] == "Hulpkok"
        assert entry["share"] == "full" and entry["message"] == "Hallo"
        assert entry["created_at"]

    def test_erasure_removes_my_interests(
        self, client: FlaskClient, make_vacancy: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        sanne, bram = person(), person()
        for who in (sanne, bram):
            assert show(client, vacancy, who).status_code == 201
        assert rows_about(sanne.user.id)["vacancy_interest.user_id"] == 1
        resp = client.delete("/api/v1/me", json={"password": PASSWORD}, headers=sanne.headers)
        assert resp.status_code == 204
        after = rows_about(sanne.user.id)
        assert after == dict.fromkeys(after, 0)
        # The employer sees the others still.
        assert len(interests(client, vacancy).get_json()) == 1

    def test_erasing_the_employer_keeps_the_interest(
        self, client: FlaskClient, make_vacancy: Any, person: Any
    ) -> None:
        vacancy = make_vacancy()
        sanne = person()
        assert show(client, vacancy, sanne).status_code == 201
        # The employer erases their account; the organisation stays, so does the interest.
        resp = client.delete(
            "/api/v1/me", json={"password": PASSWORD}, headers=vacancy.employer.headers
        )
        assert resp.status_code == 204
        assert client.get(interest_url(vacancy), headers=sanne.headers).status_code == 200
