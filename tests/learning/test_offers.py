"""Learning offers: create, change, archive, and the search."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.learning.conftest import offer_fields
from tests.matching.conftest import KASSA, KOK, essential_skills
from tests.openapi_check import check_response

UNKNOWN = "00000000-0000-4000-8000-000000000000"


def post(client: FlaskClient, provider: Any, body: dict[str, Any]) -> Any:
    return client.post(
        f"/api/v1/organisations/{provider.org_id}/learning-offers",
        json=body,
        headers=provider.headers,
    )


class TestCreate:
    def test_a_provider_posts_an_offer(self, client: FlaskClient, make_provider: Any) -> None:
        provider = make_provider()
        resp = post(client, provider, offer_fields(cost="eigen_kosten", cost_eur=49.95))
        assert resp.status_code == 201, resp.get_json()
        check_response(client, "POST", "/api/v1/organisations/{org_id}/learning-offers", resp)
        offer = resp.get_json()
        assert offer["organisation_name"] == "ROC Amsterdam"
        assert offer["status"] == "active"
        assert offer["place"] and offer["region_code"]
        assert offer["cost_eur"] == 49.95
        assert {s["skill_id"] for s in offer["skills"]} == set(essential_skills(KOK)[:3])
        assert all(s["label"] and s["label_en"] for s in offer["skills"])
        assert offer["occupations"][0]["label"] == "kok"
        assert offer["start_dates"] == ["2027-01-11", "2027-03-01"]

    def test_online_needs_no_postcode(self, client: FlaskClient, make_provider: Any) -> None:
        body = offer_fields(online=True, kind="e-learning")
        del body["postcode"]
        resp = post(client, make_provider(), body)
        assert resp.status_code == 201
        assert resp.get_json()["postcode"] is None

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"postcode": None}, "postcode"),
            ({"postcode": "0000"}, "postcode"),
            ({"postcode": "8999"}, "postcode"),
            ({"cost": "eigen_kosten"}, "cost_eur"),
            ({"cost": "gratis", "cost_eur": 10}, "cost_eur"),
            ({"cost": "eigen_kosten", "cost_eur": 0}, "cost_eur"),
            ({"entry_level": 4, "result_level": 2}, "result_level"),
            ({"entry_level": 9}, "entry_level"),
            ({"skill_ids": []}, "skill_ids"),
            ({"skill_ids": [UNKNOWN]}, "skill_ids"),
            ({"occupation_ids": [UNKNOWN]}, "occupation_ids"),
            ({"url": None}, "url"),
            ({"url": "ftp://example.nl"}, "url"),
            ({"title": "x"}, "title"),
            ({"title": "Koken\x00"}, "title"),
            ({"kind": "seminar"}, "kind"),
            ({"duration_weeks": 0}, "duration_weeks"),
            ({"colour": "blue"}, "colour"),
        ],
    )
    def test_bad_input_names_the_field(
        self, client: FlaskClient, make_provider: Any, changes: dict[str, Any], field: str
    ) -> None:
        resp = post(client, make_provider(), offer_fields(**changes))
        assert resp.status_code == 422, resp.get_json()
        assert field in resp.get_json()["errors"]

    def test_contact_instead_of_a_link(self, client: FlaskClient, make_provider: Any) -> None:
        resp = post(client, make_provider(), offer_fields(url=None, contact="020 1234567"))
        assert resp.status_code == 201

    def test_who_may_post(self, client: FlaskClient, make_provider: Any, bearer: Any) -> None:
        provider = make_provider()
        other = make_provider(name="Leerwerkbedrijf")
        path = f"/api/v1/organisations/{provider.org_id}/learning-offers"
        assert client.post(path, json=offer_fields(), headers=other.headers).status_code == 403
        assert client.post(path, json=offer_fields(), headers=bearer("employer")).status_code == 403
        assert client.post(path, json=offer_fields()).status_code == 401
        missing = "/api/v1/organisations/999999/learning-offers"
        assert client.post(missing, json=offer_fields(), headers=other.headers).status_code == 404


class TestChange:
    def test_patch_archive_and_the_organisation_list(
        self, client: FlaskClient, make_provider: Any, make_offer: Any
    ) -> None:
        provider = make_provider()
        offer = make_offer(provider)
        path = f"/api/v1/learning-offers/{offer['id']}"
        resp = client.patch(
            path,
            json={"title": "Koken voor beginners", "cost": "eigen_kosten", "cost_eur": 120},
            headers=provider.headers,
        )
        assert resp.status_code == 200, resp.get_json()
        changed = resp.get_json()
        assert changed["title"] == "Koken voor beginners"
        assert changed["cost_eur"] == 120.0
        assert changed["skills"] == offer["skills"]  # untouched
        back = client.patch(path, json={"cost": "vergoed"}, headers=provider.headers).get_json()
        assert back["cost"] == "vergoed" and back["cost_eur"] is None
        online = client.patch(
            path, json={"online": True, "postcode": None}, headers=provider.headers
        ).get_json()
        assert online["online"] and online["place"] is None
        bad = client.patch(path, json={"online": False}, headers=provider.headers)
        assert bad.status_code == 422 and "postcode" in bad.get_json()["errors"]

        archived = client.post(f"{path}/archive", headers=provider.headers)
        assert archived.status_code == 200
        assert archived.get_json()["status"] == "archived"
        assert client.post(f"{path}/archive", headers=provider.headers).status_code == 409
        assert (
            client.patch(path, json={"title": "Nog eens"}, headers=provider.headers).status_code
            == 409
        )
        assert client.get(path).get_json()["status"] == "archived"  # still readable
        listed = client.get(
            f"/api/v1/organisations/{provider.org_id}/learning-offers", headers=provider.headers
        )
        assert [o["id"] for o in listed.get_json()] == [offer["id"]]

    def test_strangers(self, client: FlaskClient, make_provider: Any, make_offer: Any) -> None:
        offer = make_offer()
        stranger = make_provider(name="Ander")
        path = f"/api/v1/learning-offers/{offer['id']}"
        assert (
            client.patch(path, json={"title": "Van mij"}, headers=stranger.headers).status_code
            == 403
        )
        assert client.post(f"{path}/archive", headers=stranger.headers).status_code == 403
        assert client.get("/api/v1/learning-offers/999999").status_code == 404
        assert (
            client.patch(
                "/api/v1/learning-offers/999999", json={}, headers=stranger.headers
            ).status_code
            == 404
        )


def search(client: FlaskClient, **params: Any) -> tuple[list[int], Any]:
    resp = client.get("/api/v1/learning-offers", query_string=params)
    assert resp.status_code == 200, resp.get_json()
    check_response(client, "GET", "/api/v1/learning-offers", resp)
    return [o["id"] for o in resp.get_json()], resp


class TestSearch:
    def test_filters(self, client: FlaskClient, make_provider: Any, make_offer: Any) -> None:
        provider = make_provider()
        amsterdam = make_offer(provider)
        utrecht = make_offer(provider, postcode="3511", cost="eigen_kosten", cost_eur=300)
        online = make_offer(
            provider,
            postcode=None,
            online=True,
            kind="e-learning",
            skill_ids=[essential_skills(KASSA)[0]],
            occupation_ids=[KASSA],
            entry_level=3,
            result_level=4,
        )
        archived = make_offer(provider)
        client.post(f"/api/v1/learning-offers/{archived['id']}/archive", headers=provider.headers)

        everything, resp = search(client)
        assert everything == [online["id"], utrecht["id"], amsterdam["id"]]  # newest first
        assert json.loads(resp.headers["X-Pagination"])["total"] == 3
        near, resp = search(client, postcode="1012", distance_km=10)
        assert near == [online["id"], amsterdam["id"]]  # online counts as 0 km
        assert [o["distance_km"] for o in resp.get_json()] == [0.0, 0.0]
        assert search(client, postcode="1012", distance_km=10, online="false")[0] == [
            amsterdam["id"]
        ]
        assert search(client, online="true")[0] == [online["id"]]
        assert search(client, skill_id=essential_skills(KOK)[0])[0] == [
            utrecht["id"],
            amsterdam["id"],
        ]
        assert search(client, occupation_id=KASSA)[0] == [online["id"]]
        assert search(client, entry_level_max=2)[0] == [utrecht["id"], amsterdam["id"]]
        assert search(client, result_level_min=3)[0] == [online["id"]]
        assert search(client, cost="gratis")[0] == [online["id"], amsterdam["id"]]
        assert search(client, cost_max_eur=100)[0] == [online["id"], amsterdam["id"]]
        assert search(client, kind=["cursus"])[0] == [utrecht["id"], amsterdam["id"]]
        assert search(client, page_size=1, page=2)[0] == [utrecht["id"]]
        for params in (
            {"postcode": "0000"},
            {"distance_km": 0},
            {"cost": "duur"},
            {"skill_id": "x"},
        ):
            assert client.get("/api/v1/learning-offers", query_string=params).status_code == 422
