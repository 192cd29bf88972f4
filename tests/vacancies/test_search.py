"""The vacancy search: distance, filters, sorting, pagination."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from flask.testing import FlaskClient

from backend.vacancies import service
from tests.openapi_check import check_response
from tests.vacancies.conftest import MadeVacancy

# Postcode → (place, km from 1012 Amsterdam centre, roughly).
NEAR = {"1017": 1.2, "1381": 12.6, "2011": 17.6, "3511": 35.0, "9711": 150.0}


@pytest.fixture
def spread(make_employer: Any, make_vacancy: Any) -> dict[str, MadeVacancy]:
    """One published vacancy in each postcode of NEAR, of different kinds and hours."""
    employer = make_employer()
    made = {}
    for n, postcode in enumerate(NEAR):
        made[postcode] = make_vacancy(
            employer,
            postcode=postcode,
            kind=["job", "stage", "opdracht", "job", "job"][n],
            hiring_mode="open" if n % 2 == 0 else "regular",
            hours_per_week=8 * (n + 1),
            schedule={["mon", "tue", "wed", "thu", "fri"][n]: ["morning"]},
        )
    return made


def search(client: FlaskClient, **params: Any) -> Any:
    resp = client.get("/api/v1/vacancies", query_string=params)
    assert resp.status_code == 200, resp.get_json()
    return resp


def ids(resp: Any) -> list[int]:
    return [v["id"] for v in resp.get_json()]


class TestDistance:
    def test_haversine(self) -> None:
        # Amsterdam Dam square to Utrecht Dom tower: 34-35 km.
        km = service.haversine_km(52.3731, 4.8926, 52.0907, 5.1214)
        assert 34 < km < 36
        assert service.haversine_km(52.0, 5.0, 52.0, 5.0) == 0

    def test_the_bounding_box_holds_the_circle(self) -> None:
        lat, lon, km = 52.37, 4.89, 25
        lat_min, lat_max, lon_min, lon_max = service.bounding_box(lat, lon, km)
        for bearing in range(0, 360, 5):
            # A point on the circle, by the spherical destination formula.
            d = km / service.EARTH_RADIUS_KM
            b = math.radians(bearing)
            p1, l1 = math.radians(lat), math.radians(lon)
            p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
            l2 = l1 + math.atan2(
                math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
            )
            assert lat_min <= math.degrees(p2) <= lat_max
            assert lon_min <= math.degrees(l2) <= lon_max

    def test_within_25_km_nearest_first(
        self, client: FlaskClient, spread: dict[str, MadeVacancy]
    ) -> None:
        resp = search(client, postcode="1012 AB")
        check_response(client, "GET", "/api/v1/vacancies", resp)
        found = resp.get_json()
        assert [v["postcode"] for v in found] == ["1017", "1381", "2011"]
        for vacancy in found:
            assert vacancy["distance_km"] == pytest.approx(NEAR[vacancy["postcode"]], abs=0.6)
        pagination = json.loads(resp.headers["X-Pagination"])
        assert pagination["total"] == 3

    def test_distance_km_widens_the_circle(
        self, client: FlaskClient, spread: dict[str, MadeVacancy]
    ) -> None:
        assert len(search(client, postcode="1012", distance_km=50).get_json()) == 4
        assert len(search(client, postcode="1012", distance_km=5).get_json()) == 1
        assert len(search(client, postcode="1012", distance_km=250).get_json()) == 5

    def test_newest_first(self, client: FlaskClient, spread: dict[str, MadeVacancy]) -> None:
        newest = ids(search(client, postcode="1012", sort="newest"))
        assert newest == [spread[p].id for p in ("2011", "1381", "1017")]
        assert ids(search(client)) == [spread[p].id for p in reversed(list(NEAR))]

    def test_distance_sort_needs_a_postcode(self, client: FlaskClient) -> None:
        resp = client.get("/api/v1/vacancies?sort=distance")
        assert resp.status_code == 422
        assert "sort" in resp.get_json()["errors"]

    def test_unknown_or_malformed_postcode(self, client: FlaskClient) -> None:
        for postcode in ("1000", "abcd", "1012 ABC", "\x00"):
            resp = client.get("/api/v1/vacancies", query_string={"postcode": postcode})
            assert resp.status_code == 422, postcode
            assert "postcode" in resp.get_json()["errors"]


class TestFilters:
    def test_region(self, client: FlaskClient, spread: dict[str, MadeVacancy]) -> None:
        found = search(client, region="AM18").get_json()  # Groot Amsterdam
        assert {v["postcode"] for v in found} == {"1017", "1381"}
        assert found[0]["region"]["name"] == "Groot Amsterdam"
        resp = client.get("/api/v1/vacancies?region=XX99")
        assert resp.status_code == 422
        assert "region" in resp.get_json()["errors"]

    def test_kind_and_open_hiring(
        self, client: FlaskClient, spread: dict[str, MadeVacancy]
    ) -> None:
        assert {v["postcode"] for v in search(client, kind="stage").get_json()} == {"1381"}
        open_ones = search(client, open_hiring="true").get_json()
        assert {v["postcode"] for v in open_ones} == {"1017", "2011", "9711"}
        assert all(v["hiring_mode"] == "open" for v in open_ones)
        regular = search(client, open_hiring="false").get_json()
        assert {v["postcode"] for v in regular} == {"1381", "3511"}

    def test_hours(self, client: FlaskClient, spread: dict[str, MadeVacancy]) -> None:
        # Hours are 8, 16, 24, 32 and 40 in the order of NEAR.
        found = search(client, hours_min=16, hours_max=32).get_json()
        assert {v["hours_per_week"] for v in found} == {16, 24, 32}
        resp = client.get("/api/v1/vacancies?hours_min=30&hours_max=10")
        assert resp.status_code == 422
        assert "hours_max" in resp.get_json()["errors"]

    def test_days_fit_the_days_given(
        self, client: FlaskClient, spread: dict[str, MadeVacancy]
    ) -> None:
        # Days are mon, tue, wed, thu and fri in the order of NEAR.
        found = search(client, days=["mon", "wed", "sat"]).get_json()
        assert {v["postcode"] for v in found} == {"1017", "2011"}
        assert client.get("/api/v1/vacancies?days=maandag").status_code == 422

    def test_occupation(
        self, client: FlaskClient, spread: dict[str, MadeVacancy], make_vacancy: Any
    ) -> None:
        kok = spread["1017"].data["occupation_id"]
        assert len(search(client, occupation_id=kok).get_json()) == 5
        other = "00000000-0000-4000-8000-000000000000"
        assert search(client, occupation_id=other).get_json() == []

    def test_only_published_vacancies(
        self, client: FlaskClient, make_vacancy: Any, spread: dict[str, MadeVacancy]
    ) -> None:
        make_vacancy(publish=False, postcode="1017")
        assert len(search(client, postcode="1012").get_json()) == 3
        ended = spread["1017"]
        service.end_vacancy(ended.employer.user.id, ended.id, service.VacancyStatus.CLOSED)
        assert len(search(client, postcode="1012").get_json()) == 2

    def test_filters_combine(self, client: FlaskClient, spread: dict[str, MadeVacancy]) -> None:
        found = search(client, postcode="1012", open_hiring="true", days=["mon", "wed"])
        assert [v["postcode"] for v in found.get_json()] == ["1017", "2011"]


class TestPagination:
    def test_pages(self, client: FlaskClient, make_employer: Any, make_vacancy: Any) -> None:
        employer = make_employer()
        made = [make_vacancy(employer, postcode="1017").id for _ in range(5)]
        first = search(client, postcode="1012", page_size=2)
        second = search(client, postcode="1012", page_size=2, page=2)
        third = search(client, postcode="1012", page_size=2, page=3)
        # Equal distance: newest first.
        assert ids(first) + ids(second) + ids(third) == list(reversed(made))
        pagination = json.loads(first.headers["X-Pagination"])
        assert pagination == {
            "total": 5,
            "total_pages": 3,
            "first_page": 1,
            "last_page": 3,
            "page": 1,
            "next_page": 2,
        }
        assert ids(search(client, postcode="1012", page_size=2, page=4)) == []
        plain = search(client, page_size=2, page=2)
        assert ids(plain) == list(reversed(made))[2:4]

    def test_page_size_is_bounded(self, client: FlaskClient) -> None:
        assert client.get("/api/v1/vacancies?page_size=51").status_code == 422
        assert client.get("/api/v1/vacancies?page=0").status_code == 422


def test_within_distance_is_the_haversine() -> None:
    rows = [(n, 52.0 + n / 100, 4.5 + n / 50, n) for n in range(50)]
    hits = service.within_distance(52.3, 4.9, rows, 30)
    expected = [
        (vid, service.haversine_km(52.3, 4.9, lat, lon), published)
        for vid, lat, lon, published in rows
        if service.haversine_km(52.3, 4.9, lat, lon) <= 30
    ]
    assert [h[0] for h in hits] == [e[0] for e in expected]
    assert all(h[1] == pytest.approx(e[1], abs=1e-9) for h, e in zip(hits, expected, strict=True))
    assert 0 < len(hits) < len(rows)
