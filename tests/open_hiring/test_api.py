"""Open hiring through HTTP: the list, offers, re-confirmation, the employer, the audit."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from backend.open_hiring import service
from backend.vacancies import service as vacancies
from tests.open_hiring.conftest import Seeker, ago, set_place
from tests.openapi_check import check_response
from tests.vacancies.conftest import Employer, MadeVacancy, token_headers

SIGN = {"right_to_work_nl": True}


def sign(client: FlaskClient, vacancy: MadeVacancy | int, seeker: Seeker) -> Any:
    vid = vacancy if isinstance(vacancy, int) else vacancy.id
    return client.post(f"/api/v1/open-hiring/{vid}/queue", json=SIGN, headers=seeker.headers)


def mine(client: FlaskClient, vacancy: MadeVacancy, seeker: Seeker) -> Any:
    resp = client.get(f"/api/v1/open-hiring/{vacancy.id}/queue", headers=seeker.headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def act(client: FlaskClient, vacancy: MadeVacancy, seeker: Seeker, action: str, **body: Any) -> Any:
    return client.post(
        f"/api/v1/open-hiring/{vacancy.id}/queue/{action}", json=body, headers=seeker.headers
    )


def open_places(client: FlaskClient, vacancy: MadeVacancy, count: int) -> Any:
    resp = client.post(
        f"/api/v1/open-hiring/employer/{vacancy.id}/open-places",
        json={"count": count},
        headers=vacancy.employer.headers,
    )
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def inbox(client: FlaskClient, seeker: Seeker) -> list[dict[str, Any]]:
    resp = client.get("/api/v1/notifications", headers=seeker.headers)
    assert resp.status_code == 200
    return list(resp.get_json())


@pytest.fixture
def line(open_vacancy: Any, make_seeker: Any, client: FlaskClient) -> Any:
    """An open-hiring vacancy with `n` people signed, in order."""

    def factory(n: int, **fields: Any) -> tuple[MadeVacancy, list[Seeker]]:
        vacancy = open_vacancy(**fields)
        seekers = [make_seeker() for _ in range(n)]
        for seeker in seekers:
            assert sign(client, vacancy, seeker).status_code == 201
        return vacancy, seekers

    return factory


class TestSigning:
    def test_positions_and_people_ahead(
        self, client: FlaskClient, open_vacancy: Any, make_seeker: Any
    ) -> None:
        vacancy = open_vacancy()
        answers = [sign(client, vacancy, make_seeker()) for _ in range(3)]
        assert [r.status_code for r in answers] == [201, 201, 201]
        for resp in answers:
            check_response(client, "POST", "/api/v1/open-hiring/{vacancy_id}/queue", resp)
        bodies = [r.get_json() for r in answers]
        assert [b["position"] for b in bodies] == [1, 2, 3]
        assert [b["ahead"] for b in bodies] == [0, 1, 2]
        assert all(b["state"] == "waiting" for b in bodies)
        assert bodies[0]["signed_at"] <= bodies[1]["signed_at"] <= bodies[2]["signed_at"]
        assert bodies[0]["reconfirm_by"] > bodies[0]["signed_at"]

    def test_at_most_once(self, client: FlaskClient, open_vacancy: Any, make_seeker: Any) -> None:
        vacancy = open_vacancy()
        seeker = make_seeker()
        assert sign(client, vacancy, seeker).status_code == 201
        again = sign(client, vacancy, seeker)
        assert again.status_code == 409
        assert again.get_json()["code"] == "already_signed"
        # Withdrawing does not give a second go either.
        client.delete(f"/api/v1/open-hiring/{vacancy.id}/queue", headers=seeker.headers)
        assert sign(client, vacancy, seeker).get_json()["code"] == "already_signed"
        # The refused sign-ups took no position: the next person is number 2.
        assert sign(client, vacancy, make_seeker()).get_json()["position"] == 2

    def test_the_right_to_work_must_be_declared(
        self, client: FlaskClient, open_vacancy: Any, make_seeker: Any
    ) -> None:
        vacancy = open_vacancy()
        seeker = make_seeker()
        url = f"/api/v1/open-hiring/{vacancy.id}/queue"
        for body in ({}, {"right_to_work_nl": False}, {"right_to_work_nl": "ja"}):
            resp = client.post(url, json=body, headers=seeker.headers)
            assert resp.status_code == 422, body
            assert "right_to_work_nl" in resp.get_json()["errors"]
        resp = client.post(url, json={**SIGN, "cv": "nee"}, headers=seeker.headers)
        assert resp.status_code == 422
        assert "cv" in resp.get_json()["errors"]

    def test_minimum_age_is_the_only_other_rule(
        self, client: FlaskClient, open_vacancy: Any, make_seeker: Any
    ) -> None:
        vacancy = open_vacancy(min_age=18)
        this_year = vacancies.db.utcnow().year
        no_year = sign(client, vacancy, make_seeker(birth_year=None))
        assert no_year.status_code == 422
        assert no_year.get_json()["code"] == "birth_year_missing"
        assert "basics.birth_year" in no_year.get_json()["errors"]
        young = sign(client, vacancy, make_seeker(birth_year=this_year - 17))
        assert young.status_code == 403
        assert young.get_json()["code"] == "below_minimum_age"
        assert sign(client, vacancy, make_seeker(birth_year=this_year - 18)).status_code == 201
        # Without a minimum age, the birth year is not needed at all.
        assert sign(client, open_vacancy(), make_seeker(birth_year=None)).status_code == 201

    def test_only_open_hiring_published_vacancies(
        self, client: FlaskClient, make_vacancy: Any, open_vacancy: Any, make_seeker: Any
    ) -> None:
        seeker = make_seeker()
        regular = make_vacancy()
        assert sign(client, regular, seeker).get_json()["code"] == "not_open_hiring"
        draft = open_vacancy(publish=False)
        assert sign(client, draft, seeker).status_code == 404
        assert sign(client, 999999, seeker).status_code == 404
        closed = open_vacancy()
        vacancies.end_vacancy(closed.employer.user.id, closed.id, vacancies.VacancyStatus.CLOSED)
        assert sign(client, closed, seeker).get_json()["code"] == "list_closed"

    def test_only_jobseekers_sign(self, client: FlaskClient, open_vacancy: Any) -> None:
        vacancy = open_vacancy()
        url = f"/api/v1/open-hiring/{vacancy.id}/queue"
        assert client.post(url, json=SIGN, headers=vacancy.employer.headers).status_code == 403
        assert client.post(url, json=SIGN).status_code == 401

    def test_my_places(self, client: FlaskClient, open_vacancy: Any, make_seeker: Any) -> None:
        first, second = open_vacancy(), open_vacancy()
        seeker = make_seeker()
        sign(client, first, make_seeker())
        sign(client, first, seeker)
        sign(client, second, seeker)
        resp = client.get("/api/v1/open-hiring/my-places", headers=seeker.headers)
        assert resp.status_code == 200
        places = {p["vacancy_id"]: p for p in resp.get_json()}
        assert places[first.id]["position"] == 2
        assert places[first.id]["ahead"] == 1
        assert places[second.id]["position"] == 1
        assert places[first.id]["title"] == first.data["title"]


class TestOffers:
    def test_the_whole_loop(self, client: FlaskClient, line: Any) -> None:
        # The loop: 2 places, 3 people; one declines, the third gets it; accept, start.
        vacancy, (anna, bram, cem) = line(3, places=2)
        board = open_places(client, vacancy, 2)
        assert board["counts"]["offered"] == 2
        assert board["counts"]["waiting"] == 1
        assert mine(client, vacancy, anna)["state"] == "offered"
        offer = mine(client, vacancy, bram)
        assert offer["state"] == "offered"
        assert offer["offer_deadline"] > offer["offered_at"]
        assert [n["kind"] for n in inbox(client, anna)] == ["open_hiring_offer"]
        assert inbox(client, anna)[0]["data"]["vacancy_id"] == vacancy.id
        # Cem is first in line now: he hears his turn is close.
        assert [n["kind"] for n in inbox(client, cem)] == ["open_hiring_turn_close"]

        declined = act(client, vacancy, bram, "decline")
        assert declined.status_code == 200
        assert declined.get_json()["state"] == "declined"
        assert mine(client, vacancy, cem)["state"] == "offered"
        assert "open_hiring_offer" in [n["kind"] for n in inbox(client, cem)]

        accepted = act(client, vacancy, anna, "accept", share=["display_name", "phone"])
        assert accepted.status_code == 200, accepted.get_json()
        assert accepted.get_json()["state"] == "accepted"
        assert accepted.get_json()["shared_contact"] == {
            "display_name": f"Persoon {anna.user.id}",
            "phone": "06 12345678",
        }
        board = client.get(
            f"/api/v1/open-hiring/employer/{vacancy.id}", headers=vacancy.employer.headers
        ).get_json()
        assert board["list_length"] == 3
        assert board["counts"]["accepted"] == 1
        assert board["counts"]["declined"] == 1
        [person] = board["accepted"]
        # Only what Anna chose to share: no e-mail, no user id, no profile.
        assert person["contact"] == {
            "display_name": f"Persoon {anna.user.id}",
            "phone": "06 12345678",
        }
        assert set(person) == {
            "place_id",
            "position",
            "state",
            "accepted_at",
            "started_at",
            "contact",
        }

        board_resp = client.get(
            f"/api/v1/open-hiring/employer/{vacancy.id}", headers=vacancy.employer.headers
        )
        check_response(client, "GET", "/api/v1/open-hiring/employer/{vacancy_id}", board_resp)
        check_response(client, "POST", "/api/v1/open-hiring/{vacancy_id}/queue/accept", accepted)
        check_response(client, "POST", "/api/v1/open-hiring/{vacancy_id}/queue/decline", declined)
        for path in ("/api/v1/open-hiring/my-places", "/api/v1/notifications"):
            check_response(client, "GET", path, client.get(path, headers=anna.headers))
        check_response(
            client,
            "GET",
            "/api/v1/open-hiring/{vacancy_id}/queue/history",
            client.get(f"/api/v1/open-hiring/{vacancy.id}/queue/history", headers=anna.headers),
        )
        started = client.post(
            f"/api/v1/open-hiring/employer/places/{person['place_id']}/started",
            headers=vacancy.employer.headers,
        )
        check_response(
            client, "POST", "/api/v1/open-hiring/employer/places/{place_id}/started", started
        )
        assert started.status_code == 200
        assert started.get_json()["state"] == "started"
        assert mine(client, vacancy, anna)["state"] == "started"

    def test_accept_shares_nothing_unless_asked(self, client: FlaskClient, line: Any) -> None:
        vacancy, (anna,) = line(1, places=1)
        open_places(client, vacancy, 1)
        resp = act(client, vacancy, anna, "accept")
        assert resp.get_json()["shared_contact"] == {}
        resp = act(client, vacancy, anna, "accept", share=["address"])
        assert resp.status_code == 422

    def test_accept_refusals_are_clear(self, client: FlaskClient, line: Any) -> None:
        vacancy, (anna, bram) = line(2, places=1)
        assert act(client, vacancy, anna, "accept").get_json()["code"] == "no_offer"
        open_places(client, vacancy, 1)
        assert act(client, vacancy, bram, "accept").get_json()["code"] == "no_offer"
        assert act(client, vacancy, anna, "accept").status_code == 200
        again = act(client, vacancy, anna, "accept")
        assert again.status_code == 409
        assert again.get_json()["code"] == "already_accepted"
        assert act(client, vacancy, anna, "decline").get_json()["code"] == "no_offer"

    def test_never_more_accepted_than_places(self, client: FlaskClient, line: Any) -> None:
        vacancy, seekers = line(3, places=3)
        open_places(client, vacancy, 3)
        # The employer lowers the places to 2 while three offers are out.
        vacancies.update_vacancy(vacancy.employer.user.id, vacancy.id, {"places": 2})
        assert act(client, vacancy, seekers[0], "accept").status_code == 200
        assert act(client, vacancy, seekers[1], "accept").status_code == 200
        full = act(client, vacancy, seekers[2], "accept")
        assert full.status_code == 409
        check_response(client, "POST", "/api/v1/open-hiring/{vacancy_id}/queue/accept", full)
        assert full.get_json()["code"] == "places_full"

    def test_opening_more_places_than_the_vacancy_has(self, client: FlaskClient, line: Any) -> None:
        vacancy, _ = line(1, places=2)
        open_places(client, vacancy, 2)
        resp = client.post(
            f"/api/v1/open-hiring/employer/{vacancy.id}/open-places",
            json={"count": 1},
            headers=vacancy.employer.headers,
        )
        assert resp.status_code == 422
        assert "count" in resp.get_json()["errors"]

    def test_places_opened_with_nobody_waiting_go_to_later_signers(
        self, client: FlaskClient, open_vacancy: Any, make_seeker: Any
    ) -> None:
        vacancy = open_vacancy(places=2)
        board = open_places(client, vacancy, 2)
        assert board["counts"]["offered"] == 0
        # Two free places and nobody waiting: the next two to sign get them at once.
        first, second, third = make_seeker(), make_seeker(), make_seeker()
        assert sign(client, vacancy, first).get_json()["state"] == "offered"
        offered = sign(client, vacancy, second).get_json()
        assert offered["state"] == "offered"
        assert offered["offer_deadline"] is not None
        waiting = sign(client, vacancy, third).get_json()
        assert waiting["state"] == "waiting"
        assert waiting["ahead"] == 2
        assert "open_hiring_offer" in [n["kind"] for n in inbox(client, second)]

    def test_expiry_moves_the_offer_on(self, client: FlaskClient, line: Any) -> None:
        vacancy, (anna, bram) = line(2, places=1)
        open_places(client, vacancy, 1)
        place = mine(client, vacancy, anna)
        set_place(place["place_id"], offer_deadline=ago(minutes=1))
        late = act(client, vacancy, anna, "accept")
        assert late.status_code == 409
        assert late.get_json()["code"] == "offer_expired"
        assert service.expire_offers() == 1
        assert mine(client, vacancy, anna)["state"] == "expired"
        assert mine(client, vacancy, bram)["state"] == "offered"
        assert "open_hiring_offer_expired" in [n["kind"] for n in inbox(client, anna)]
        assert service.expire_offers() == 0

    def test_offer_hours_set_the_deadline(self, client: FlaskClient, line: Any) -> None:
        from datetime import datetime

        vacancy, (anna,) = line(1, places=1, offer_hours=4)
        open_places(client, vacancy, 1)
        offer = mine(client, vacancy, anna)
        deadline = datetime.fromisoformat(offer["offer_deadline"])
        offered = datetime.fromisoformat(offer["offered_at"])
        assert (deadline - offered).total_seconds() == 4 * 3600

    def test_no_show_gives_the_place_to_the_next(self, client: FlaskClient, line: Any) -> None:
        vacancy, (anna, bram) = line(2, places=1)
        open_places(client, vacancy, 1)
        act(client, vacancy, anna, "accept", share=["phone"])
        place_id = mine(client, vacancy, anna)["place_id"]
        url = f"/api/v1/open-hiring/employer/places/{place_id}"
        resp = client.post(f"{url}/no-show", headers=vacancy.employer.headers)
        assert resp.status_code == 200
        check_response(
            client, "POST", "/api/v1/open-hiring/employer/places/{place_id}/no-show", resp
        )
        assert resp.get_json()["contact"] == {}  # no longer shared
        assert mine(client, vacancy, bram)["state"] == "offered"
        again = client.post(f"{url}/started", headers=vacancy.employer.headers)
        assert again.status_code == 409
        assert again.get_json()["code"] == "not_accepted"


class TestStayingOnTheList:
    def test_withdraw(self, client: FlaskClient, line: Any) -> None:
        vacancy, (anna, bram, cem) = line(3, places=1)
        url = f"/api/v1/open-hiring/{vacancy.id}/queue"
        resp = client.delete(url, headers=bram.headers)
        assert resp.status_code == 200
        assert resp.get_json()["state"] == "withdrawn"
        assert mine(client, vacancy, cem)["ahead"] == 1
        open_places(client, vacancy, 1)
        # Anna withdraws her offer: it goes to Cem (Bram left).
        client.delete(url, headers=anna.headers)
        assert mine(client, vacancy, cem)["state"] == "offered"
        gone = client.delete(url, headers=anna.headers)
        assert gone.status_code == 409
        assert gone.get_json()["code"] == "place_ended"

    def test_paused_people_keep_their_position_and_are_skipped(
        self, client: FlaskClient, line: Any
    ) -> None:
        vacancy, (anna, bram, cem) = line(3, places=2, reconfirm_days=14)
        anna_place = mine(client, vacancy, anna)["place_id"]
        set_place(anna_place, confirmed_at=ago(days=15))
        set_place(mine(client, vacancy, bram)["place_id"], confirmed_at=ago(days=13))
        assert service.pause_unconfirmed() == 1
        paused = mine(client, vacancy, anna)
        assert paused["state"] == "paused"
        assert paused["position"] == 1
        assert mine(client, vacancy, bram)["ahead"] == 0
        open_places(client, vacancy, 1)
        assert mine(client, vacancy, bram)["state"] == "offered"
        assert mine(client, vacancy, anna)["state"] == "paused"
        # Both places are offered; Anna re-confirms and is back in line at position 1.
        open_places(client, vacancy, 1)
        assert mine(client, vacancy, cem)["state"] == "offered"
        resp = act(client, vacancy, anna, "confirm")
        assert resp.status_code == 200
        assert resp.get_json()["state"] == "waiting"
        assert resp.get_json()["position"] == 1
        assert service.pause_unconfirmed() == 0

    def test_confirm_resumes_into_a_free_place(self, client: FlaskClient, line: Any) -> None:
        vacancy, (anna,) = line(1, places=1)
        set_place(mine(client, vacancy, anna)["place_id"], confirmed_at=ago(days=30))
        service.pause_unconfirmed()
        open_places(client, vacancy, 1)
        assert mine(client, vacancy, anna)["state"] == "paused"
        resp = act(client, vacancy, anna, "confirm")
        assert resp.get_json()["state"] == "offered"

    def test_confirm_restarts_the_period(self, client: FlaskClient, line: Any) -> None:
        vacancy, (anna,) = line(1)
        place = mine(client, vacancy, anna)
        set_place(place["place_id"], confirmed_at=ago(days=10))
        resp = act(client, vacancy, anna, "confirm").get_json()
        assert resp["confirmed_at"] > place["confirmed_at"]
        assert resp["state"] == "waiting"

    def test_history(self, client: FlaskClient, line: Any) -> None:
        vacancy, (anna, bram) = line(2, places=1)
        open_places(client, vacancy, 1)
        act(client, vacancy, anna, "decline")
        resp = client.get(f"/api/v1/open-hiring/{vacancy.id}/queue/history", headers=anna.headers)
        assert resp.status_code == 200
        events = resp.get_json()
        assert [e["kind"] for e in events] == ["signed", "offered", "declined"]
        assert [e["actor"] for e in events] == ["person", "system", "person"]
        assert "deadline" in events[1]["detail"]
        assert all(e["position"] == 1 for e in events)
        assert [
            e["kind"]
            for e in client.get(
                f"/api/v1/open-hiring/{vacancy.id}/queue/history", headers=bram.headers
            ).get_json()
        ] == ["signed", "offered"]


class TestAccess:
    def test_people_only_reach_their_own_place(
        self, client: FlaskClient, line: Any, make_seeker: Any
    ) -> None:
        vacancy, (anna,) = line(1, places=1)
        open_places(client, vacancy, 1)
        other = make_seeker()
        for action in ("accept", "decline", "confirm"):
            resp = act(client, vacancy, other, action)
            assert resp.status_code == 404, action
            assert resp.get_json()["code"] == "not_signed"
        assert (
            client.delete(
                f"/api/v1/open-hiring/{vacancy.id}/queue", headers=other.headers
            ).status_code
            == 404
        )
        assert (
            client.get(
                f"/api/v1/open-hiring/{vacancy.id}/queue/history", headers=other.headers
            ).status_code
            == 404
        )
        assert mine(client, vacancy, anna)["state"] == "offered"
        # Jobseekers never reach the employer's side.
        place_id = mine(client, vacancy, anna)["place_id"]
        for url in (
            f"/api/v1/open-hiring/employer/places/{place_id}/started",
            f"/api/v1/open-hiring/employer/places/{place_id}/no-show",
        ):
            assert client.post(url, headers=anna.headers).status_code == 403

    def test_employers_only_reach_their_own_lists(
        self, client: FlaskClient, line: Any, make_employer: Any
    ) -> None:
        vacancy, (anna,) = line(1, places=1)
        open_places(client, vacancy, 1)
        act(client, vacancy, anna, "accept", share=["phone"])
        place_id = mine(client, vacancy, anna)["place_id"]
        stranger: Employer = make_employer(name="Andere Bakker")
        h = stranger.headers
        assert (
            client.get(f"/api/v1/open-hiring/employer/{vacancy.id}", headers=h).status_code == 403
        )
        resp = client.post(
            f"/api/v1/open-hiring/employer/{vacancy.id}/open-places", json={"count": 1}, headers=h
        )
        assert resp.status_code == 403
        base = f"/api/v1/open-hiring/employer/places/{place_id}"
        assert client.post(f"{base}/started", headers=h).status_code == 403
        assert client.post(f"{base}/no-show", headers=h).status_code == 403
        assert client.get("/api/v1/open-hiring/employer/999999", headers=h).status_code == 404
        assert (
            client.post("/api/v1/open-hiring/employer/places/999999/started", headers=h).status_code
            == 404
        )
        assert mine(client, vacancy, anna)["state"] == "accepted"

    def test_open_places_needs_an_open_published_vacancy(
        self, client: FlaskClient, make_vacancy: Any, open_vacancy: Any
    ) -> None:
        regular = make_vacancy()
        resp = client.post(
            f"/api/v1/open-hiring/employer/{regular.id}/open-places",
            json={"count": 1},
            headers=regular.employer.headers,
        )
        assert resp.get_json()["code"] == "not_open_hiring"
        draft = open_vacancy(publish=False)
        resp = client.post(
            f"/api/v1/open-hiring/employer/{draft.id}/open-places",
            json={"count": 1},
            headers=draft.employer.headers,
        )
        assert resp.get_json()["code"] == "vacancy_not_published"


class TestAudit:
    def test_admins_see_that_the_order_was_respected(
        self, app: Flask, client: FlaskClient, line: Any, make_user: Any
    ) -> None:
        vacancy, seekers = line(5, places=3)
        open_places(client, vacancy, 2)
        act(client, vacancy, seekers[0], "decline")
        set_place(mine(client, vacancy, seekers[3])["place_id"], confirmed_at=ago(days=20))
        service.pause_unconfirmed()
        act(client, vacancy, seekers[1], "accept")
        open_places(client, vacancy, 1)
        client.delete(f"/api/v1/open-hiring/{vacancy.id}/queue", headers=seekers[2].headers)
        act(client, vacancy, seekers[3], "confirm")
        admin = token_headers(app, make_user("admin"))
        resp = client.get(f"/api/v1/open-hiring/admin/{vacancy.id}/audit", headers=admin)
        assert resp.status_code == 200, resp.get_json()
        check_response(client, "GET", "/api/v1/open-hiring/admin/{vacancy_id}/audit", resp)
        audit = resp.get_json()
        assert audit["order_respected"] is True, audit["violations"]
        assert audit["checked_offers"] == audit["event_counts"]["offered"] >= 4
        assert audit["event_counts"]["signed"] == 5
        assert {"paused", "resumed", "withdrawn", "declined", "accepted"} <= set(
            audit["event_counts"]
        )
        assert all("user_id" not in e for e in audit["events"])
        assert (
            client.get(
                f"/api/v1/open-hiring/admin/{vacancy.id}/audit", headers=vacancy.employer.headers
            ).status_code
            == 403
        )
        assert (
            client.get("/api/v1/open-hiring/admin/999999/audit", headers=admin).status_code == 404
        )
