"""FunctieHuis through HTTP: functions, vacancies, publishing, access rules."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from backend.taxonomy import service as taxonomy
from tests.openapi_check import check_response
from tests.vacancies.conftest import KOK, UNKNOWN_ID, Employer, next_monday, vacancy_fields


def json_fields(**overrides: Any) -> dict[str, Any]:
    """A complete vacancy body as JSON (dates as strings)."""
    body = vacancy_fields(**overrides)
    for name in ("start_date", "end_date", "closes_on"):
        if hasattr(body.get(name), "isoformat"):
            body[name] = body[name].isoformat()
    return body


class TestFunctions:
    def test_skills_are_prefilled_from_the_occupation(
        self, client: FlaskClient, make_employer: Any
    ) -> None:
        employer: Employer = make_employer()
        resp = client.post(
            f"/api/v1/organisations/{employer.org_id}/functions",
            json={"occupation_id": KOK, "description": "Koken in een grote keuken."},
            headers=employer.headers,
        )
        assert resp.status_code == 201, resp.get_json()
        check_response(client, "POST", "/api/v1/organisations/{org_id}/functions", resp)
        listed = client.get(
            f"/api/v1/organisations/{employer.org_id}/functions", headers=employer.headers
        )
        check_response(client, "GET", "/api/v1/organisations/{org_id}/functions", listed)
        body = resp.get_json()
        occupation = taxonomy.get_occupation(KOK)
        assert body["title"] == occupation.label
        essential = {s["skill_id"] for s in body["skills"] if s["importance"] == "essential"}
        optional = {s["skill_id"] for s in body["skills"] if s["importance"] == "optional"}
        assert essential == {str(s.id) for s in occupation.essential_skills}
        assert optional == {str(s.id) for s in occupation.optional_skills}
        assert all(s["label"] for s in body["skills"])
        # Essential skills come first.
        assert body["skills"][0]["importance"] == "essential"
        assert body["postcode"] == "1012"  # the organisation's

    def test_skills_are_editable(
        self, client: FlaskClient, make_employer: Any, make_function: Any
    ) -> None:
        employer: Employer = make_employer()
        function = make_function(employer)
        skill = str(function["skills"][0].skill_id)
        resp = client.patch(
            f"/api/v1/functions/{function['id']}",
            json={"skills": [{"skill_id": skill, "importance": "optional"}], "tasks": ["Snijden"]},
            headers=employer.headers,
        )
        assert resp.status_code == 200, resp.get_json()
        body = resp.get_json()
        assert [(s["skill_id"], s["importance"]) for s in body["skills"]] == [(skill, "optional")]
        assert body["tasks"] == ["Snijden"]

    def test_unknown_skill_occupation_and_level_are_named(
        self, client: FlaskClient, make_employer: Any
    ) -> None:
        employer: Employer = make_employer()
        url = f"/api/v1/organisations/{employer.org_id}/functions"
        resp = client.post(url, json={"occupation_id": UNKNOWN_ID}, headers=employer.headers)
        assert resp.status_code == 422
        assert "occupation_id" in resp.get_json()["errors"]
        resp = client.post(
            url,
            json={"occupation_id": KOK, "skills": [{"skill_id": UNKNOWN_ID}]},
            headers=employer.headers,
        )
        assert resp.status_code == 422
        assert "skills.0.skill_id" in resp.get_json()["errors"]
        resp = client.post(
            url,
            json={"occupation_id": KOK, "education_level": "NOPE"},
            headers=employer.headers,
        )
        assert resp.status_code == 422
        assert "education_level" in resp.get_json()["errors"]
        resp = client.post(
            url,
            json={"occupation_id": KOK, "hours_per_week_min": 30, "hours_per_week_max": 10},
            headers=employer.headers,
        )
        assert resp.status_code == 422
        assert "hours_per_week_max" in resp.get_json()["errors"]

    def test_unknown_fields_and_control_characters_are_refused(
        self, client: FlaskClient, make_employer: Any
    ) -> None:
        employer: Employer = make_employer()
        url = f"/api/v1/organisations/{employer.org_id}/functions"
        resp = client.post(url, json={"occupation_id": KOK, "titel": "x"}, headers=employer.headers)
        assert resp.status_code == 422
        assert "titel" in resp.get_json()["errors"]
        resp = client.post(
            url, json={"occupation_id": KOK, "title": "Kok\x00"}, headers=employer.headers
        )
        assert resp.status_code == 422
        assert "title" in resp.get_json()["errors"]

    def test_a_future_function_needs_a_count_and_a_date(
        self, client: FlaskClient, make_employer: Any
    ) -> None:
        employer: Employer = make_employer()
        url = f"/api/v1/organisations/{employer.org_id}/functions"
        resp = client.post(
            url, json={"occupation_id": KOK, "is_future": True}, headers=employer.headers
        )
        assert resp.status_code == 422
        assert set(resp.get_json()["errors"]) == {"future_count", "future_date"}
        resp = client.post(
            url,
            json={
                "occupation_id": KOK,
                "title": "Zorgassistent",
                "is_future": True,
                "future_count": 20,
                "future_date": "2027-01-01",
            },
            headers=employer.headers,
        )
        assert resp.status_code == 201
        assert resp.get_json()["future_count"] == 20

    def test_only_members_see_and_change_functions(
        self, client: FlaskClient, make_employer: Any, make_function: Any, bearer: Any
    ) -> None:
        owner: Employer = make_employer()
        stranger: Employer = make_employer(name="Andere Bakker")
        function = make_function(owner)
        url = f"/api/v1/functions/{function['id']}"
        assert client.get(url, headers=stranger.headers).status_code == 403
        assert (
            client.patch(url, json={"title": "Kapot"}, headers=stranger.headers).status_code == 403
        )
        assert client.get("/api/v1/functions/999999", headers=owner.headers).status_code == 404
        # The organisation's lists: 403 for a stranger, 404 for a missing organisation.
        org_url = f"/api/v1/organisations/{owner.org_id}/functions"
        assert client.get(org_url, headers=stranger.headers).status_code == 403
        assert (
            client.get("/api/v1/organisations/999999/functions", headers=owner.headers).status_code
            == 404
        )
        # A jobseeker is no employer.
        assert client.get(org_url, headers=bearer("jobseeker")).status_code == 403

    def test_a_function_in_use_cannot_be_deleted(
        self, client: FlaskClient, make_vacancy: Any, make_employer: Any, make_function: Any
    ) -> None:
        vacancy = make_vacancy(publish=False)
        url = f"/api/v1/functions/{vacancy.data['function_id']}"
        resp = client.delete(url, headers=vacancy.employer.headers)
        assert resp.status_code == 409
        assert resp.get_json()["code"] == "function_in_use"
        unused = make_function(vacancy.employer)
        resp = client.delete(f"/api/v1/functions/{unused['id']}", headers=vacancy.employer.headers)
        assert resp.status_code == 204


class TestVacancies:
    def test_create_publish_and_read(
        self, client: FlaskClient, make_employer: Any, make_function: Any
    ) -> None:
        employer: Employer = make_employer()
        function = make_function(employer, hours_per_week_max=20, postcode="3511")
        resp = client.post(
            "/api/v1/vacancies",
            json={"function_id": function["id"], "kind": "stage", "hiring_mode": "open"},
            headers=employer.headers,
        )
        assert resp.status_code == 201, resp.get_json()
        check_response(client, "POST", "/api/v1/vacancies", resp)
        draft = resp.get_json()
        assert draft["status"] == "draft"
        assert draft["title"] == "Hulpkok"  # from the function
        assert draft["hours_per_week"] == 20  # the function's typical hours
        assert draft["postcode"] == "3511"
        assert draft["place"] == "Utrecht"
        assert draft["region"]["code"] == "AM13"
        assert set(draft["missing"]) == {"schedule", "start_date"}
        assert draft["public_url"] is None

        resp = client.post(f"/api/v1/vacancies/{draft['id']}/publish", headers=employer.headers)
        assert resp.status_code == 422
        check_response(client, "POST", "/api/v1/vacancies/{vacancy_id}/publish", resp)
        body = resp.get_json()
        assert body["code"] == "incomplete"
        assert set(body["errors"]) == {"schedule", "start_date"}

        resp = client.patch(
            f"/api/v1/vacancies/{draft['id']}",
            json={"schedule": {"tue": ["morning"]}, "start_date": next_monday().isoformat()},
            headers=employer.headers,
        )
        assert resp.status_code == 200, resp.get_json()
        assert resp.get_json()["missing"] == []
        resp = client.post(f"/api/v1/vacancies/{draft['id']}/publish", headers=employer.headers)
        assert resp.status_code == 200
        published = resp.get_json()
        assert published["status"] == "published"
        assert published["published_at"]
        assert published["public_url"] == f"/vacatures/{draft['id']}"

        # Anyone reads a published vacancy, without logging in.
        resp = client.get(f"/api/v1/vacancies/{draft['id']}")
        assert resp.status_code == 200
        check_response(client, "GET", "/api/v1/vacancies/{vacancy_id}", resp)
        assert resp.get_json()["skills"]

    def test_drafts_are_only_for_the_organisation(
        self, client: FlaskClient, make_vacancy: Any, make_employer: Any, bearer: Any
    ) -> None:
        draft = make_vacancy(publish=False)
        url = f"/api/v1/vacancies/{draft.id}"
        assert client.get(url).status_code == 404
        assert client.get(url, headers=bearer("jobseeker")).status_code == 404
        assert client.get(url, headers=make_employer(name="Ander").headers).status_code == 404
        assert client.get(url, headers=draft.employer.headers).status_code == 200

    def test_only_members_write(
        self, client: FlaskClient, make_vacancy: Any, make_employer: Any, bearer: Any
    ) -> None:
        vacancy = make_vacancy(publish=False)
        stranger: Employer = make_employer(name="Ander")
        url = f"/api/v1/vacancies/{vacancy.id}"
        assert client.patch(url, json={"places": 3}, headers=stranger.headers).status_code == 403
        assert client.post(f"{url}/publish", headers=stranger.headers).status_code == 403
        resp = client.post(f"{url}/end", json={"status": "closed"}, headers=stranger.headers)
        assert resp.status_code == 403
        assert client.patch(url, json={"places": 3}, headers=bearer("jobseeker")).status_code == 403
        assert client.patch(url, json={"places": 3}).status_code == 401
        missing = "/api/v1/vacancies/999999"
        assert (
            client.patch(missing, json={"places": 3}, headers=stranger.headers).status_code == 404
        )
        # A vacancy from another organisation's function is refused too.
        resp = client.post(
            "/api/v1/vacancies",
            json={"function_id": vacancy.data["function_id"], **json_fields()},
            headers=stranger.headers,
        )
        assert resp.status_code == 403
        resp = client.post(
            "/api/v1/vacancies",
            json={"function_id": 999999, **json_fields()},
            headers=stranger.headers,
        )
        assert resp.status_code == 422
        assert "function_id" in resp.get_json()["errors"]

    def test_bad_input_names_the_field(self, client: FlaskClient, make_vacancy: Any) -> None:
        vacancy = make_vacancy(publish=False)
        url = f"/api/v1/vacancies/{vacancy.id}"
        headers = vacancy.employer.headers
        cases = [
            ({"places": 0}, "places"),
            ({"hours_per_week": 61}, "hours_per_week"),
            ({"schedule": {"mon": ["night"]}}, "schedule"),
            ({"schedule": {"monday": ["morning"]}}, "schedule"),
            ({"postcode": "0000"}, "postcode"),
            ({"postcode": "1000"}, "postcode"),
            ({"kind": "baan"}, "kind"),
            ({"min_age": 12}, "min_age"),
            ({"offer_hours": 0}, "offer_hours"),
            ({"start_date": "2027-02-01", "end_date": "2027-01-01"}, "end_date"),
            ({"plaatsen": 3}, "plaatsen"),
        ]
        for body, field in cases:
            resp = client.patch(url, json=body, headers=headers)
            assert resp.status_code == 422, (body, resp.get_json())
            assert field in resp.get_json()["errors"], (body, resp.get_json())

    def test_lifecycle(self, client: FlaskClient, make_vacancy: Any) -> None:
        vacancy = make_vacancy()
        url = f"/api/v1/vacancies/{vacancy.id}"
        headers = vacancy.employer.headers
        assert client.post(f"{url}/publish", headers=headers).status_code == 409
        # The hiring mode is fixed once published.
        resp = client.patch(url, json={"hiring_mode": "open"}, headers=headers)
        assert resp.status_code == 409
        assert resp.get_json()["code"] == "hiring_mode_fixed"
        # A published vacancy stays complete.
        resp = client.patch(url, json={"start_date": None}, headers=headers)
        assert resp.status_code == 422
        assert resp.get_json()["code"] == "incomplete"
        resp = client.post(f"{url}/end", json={"status": "filled"}, headers=headers)
        assert resp.status_code == 200
        assert resp.get_json()["status"] == "filled"
        assert client.patch(url, json={"places": 5}, headers=headers).status_code == 409
        resp = client.post(f"{url}/end", json={"status": "closed"}, headers=headers)
        assert resp.status_code == 409
        resp = client.post(f"{url}/end", json={"status": "draft"}, headers=headers)
        assert resp.status_code == 422

    def test_a_draft_can_be_closed_not_filled(self, client: FlaskClient, make_vacancy: Any) -> None:
        vacancy = make_vacancy(publish=False)
        url = f"/api/v1/vacancies/{vacancy.id}/end"
        headers = vacancy.employer.headers
        assert client.post(url, json={"status": "filled"}, headers=headers).status_code == 409
        assert client.post(url, json={"status": "closed"}, headers=headers).status_code == 200

    def test_past_dates_block_publishing(self, client: FlaskClient, make_vacancy: Any) -> None:
        vacancy = make_vacancy(publish=False, closes_on=next_monday().replace(year=2020))
        resp = client.post(
            f"/api/v1/vacancies/{vacancy.id}/publish", headers=vacancy.employer.headers
        )
        assert resp.status_code == 422
        assert "closes_on" in resp.get_json()["errors"]

    def test_the_organisation_lists_its_vacancies(
        self, client: FlaskClient, make_vacancy: Any, make_employer: Any
    ) -> None:
        first = make_vacancy(publish=False)
        second = make_vacancy(first.employer)
        resp = client.get(
            f"/api/v1/organisations/{first.employer.org_id}/vacancies",
            headers=first.employer.headers,
        )
        assert resp.status_code == 200
        check_response(client, "GET", "/api/v1/organisations/{org_id}/vacancies", resp)
        assert [v["id"] for v in resp.get_json()] == [second.id, first.id]
        other: Employer = make_employer(name="Ander")
        resp = client.get(
            f"/api/v1/organisations/{first.employer.org_id}/vacancies", headers=other.headers
        )
        assert resp.status_code == 403


def test_the_daily_task_expires_vacancies_past_their_dates(
    client: FlaskClient, make_vacancy: Any
) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from backend import db, tasks
    from backend.vacancies.models import Vacancy

    closing, ending, staying = make_vacancy(), make_vacancy(), make_vacancy()
    yesterday = next_monday() - timedelta(days=8)
    with db.transaction() as session:
        session.execute(update(Vacancy).where(Vacancy.id == closing.id).values(closes_on=yesterday))
        session.execute(
            update(Vacancy)
            .where(Vacancy.id == ending.id)
            .values(start_date=yesterday, end_date=yesterday)
        )
    assert tasks.expire_vacancies.call_local() == 2
    assert client.get(f"/api/v1/vacancies/{closing.id}").get_json()["status"] == "expired"
    assert client.get(f"/api/v1/vacancies/{ending.id}").get_json()["status"] == "expired"
    assert client.get(f"/vacatures/{closing.id}").status_code == 410
    assert [v["id"] for v in client.get("/api/v1/vacancies").get_json()] == [staying.id]
    assert tasks.expire_vacancies.call_local() == 0
