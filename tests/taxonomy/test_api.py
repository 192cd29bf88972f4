"""The reference endpoints over HTTP: shapes, status codes, caching, the OpenAPI contract."""

from __future__ import annotations

import csv
from collections import Counter
from typing import Any

import pytest
from flask.testing import FlaskClient

from backend.taxonomy.importer import DEFAULT_DATA_DIR as DATA

BASE = "/api/v1/taxonomy"
KOK = "90f75f67-495d-49fa-ab57-2f320e251d7e"
CACHED = "public, max-age=86400"


def get(client: FlaskClient, url: str, status: int = 200) -> Any:
    resp = client.get(url)
    assert resp.status_code == status, resp.get_json()
    assert resp.is_json
    if status == 200:
        assert resp.headers["Cache-Control"] == CACHED
    else:
        assert resp.headers.get("Cache-Control") != CACHED
    return resp.get_json()


class TestOccupationAutocomplete:
    def test_kok(self, client: FlaskClient) -> None:
        body = get(client, f"{BASE}/occupations?q=kok")
        assert body[0] == {"id": KOK, "code": "5120.1", "label": "kok", "matched_label": None}
        assert len(body) == 10

    def test_verpleegkundige(self, client: FlaskClient) -> None:
        body = get(client, f"{BASE}/occupations?q=verpleegkundige&limit=50")
        found = {item["label"] for item in body}
        assert {"algemeen verpleegkundige", "ambulanceverpleegkundige"} <= found

    def test_heftruk_with_a_typo(self, client: FlaskClient) -> None:
        body = get(client, f"{BASE}/occupations?q=heftruk")
        assert body[0]["label"] == "heftruckchauffeur"

    def test_accents_and_english_and_alternative_labels(self, client: FlaskClient) -> None:
        assert get(client, f"{BASE}/occupations?q=Café&limit=50") == get(
            client, f"{BASE}/occupations?q=cafe&limit=50"
        )
        cook = get(client, f"{BASE}/occupations?q=cook&limit=1")
        assert cook == [{"id": KOK, "code": "5120.1", "label": "kok", "matched_label": "cook"}]
        alt = get(client, f"{BASE}/occupations?q=kokkin&limit=1")
        assert alt[0]["label"] == "kok" and alt[0]["matched_label"] == "kokkin"

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("", "q"),
            ("?q=", "q"),
            ("?q=" + "x" * 101, "q"),
            ("?q=kok&limit=0", "limit"),
            ("?q=kok&limit=51", "limit"),
            ("?q=kok&limit=ten", "limit"),
        ],
    )
    def test_bad_arguments_get_422_naming_the_field(
        self, client: FlaskClient, query: str, field: str
    ) -> None:
        body = get(client, f"{BASE}/occupations{query}", 422)
        assert body["code"] == "validation_error"
        assert field in body["errors"]
        assert field in body["message"]

    def test_limit_bounds(self, client: FlaskClient) -> None:
        assert len(get(client, f"{BASE}/occupations?q=a&limit=1")) == 1
        assert len(get(client, f"{BASE}/occupations?q=a&limit=50")) == 50
        assert get(client, f"{BASE}/occupations?q=" + "x" * 100) == []


class TestSkillAutocomplete:
    def test_dutch_label_with_english_fallback(self, client: FlaskClient) -> None:
        body = get(client, f"{BASE}/skills?q=nederlands&limit=3")
        assert body[0]["label"] == "Nederlands"
        assert set(body[0]) == {"id", "label", "matched_label", "skill_type", "reuse_level"}
        english = get(client, f"{BASE}/skills?q=manage+musical+staff&limit=1")
        assert english[0]["label"] == "manage musical staff"
        assert english[0]["skill_type"] == "skill/competence"

    def test_missing_q(self, client: FlaskClient) -> None:
        body = get(client, f"{BASE}/skills", 422)
        assert "q" in body["errors"]


class TestOccupationDetail:
    def test_kok_with_skills(self, client: FlaskClient) -> None:
        body = get(client, f"{BASE}/occupations/{KOK}")
        assert body["label"] == "kok" and body["label_en"] == "cook"
        assert body["essential_skills"] and body["optional_skills"]
        skill = body["essential_skills"][0]
        assert set(skill) == {"id", "label", "skill_type", "reuse_level"}
        assert skill["label"]

    @pytest.mark.parametrize(
        "occupation_id",
        ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "1234", KOK + "0"],
    )
    def test_unknown_or_malformed_id_is_a_json_404(
        self, client: FlaskClient, occupation_id: str
    ) -> None:
        body = get(client, f"{BASE}/occupations/{occupation_id}", 404)
        assert body["code"] == "not_found"


class TestPostcodes:
    @pytest.mark.parametrize("postcode", ["1011", "1011AB", "1011%20ab", "1011ab"])
    def test_pc4_and_pc6(self, client: FlaskClient, postcode: str) -> None:
        body = get(client, f"{BASE}/postcodes/{postcode}")
        assert body == {
            "pc4": "1011",
            "place": "Amsterdam",
            "lat": pytest.approx(52.371),
            "lon": pytest.approx(4.9042),
            "province": "Noord-Holland",
            "municipality": {"code": "0363", "name": "Amsterdam"},
            "region": {"code": "AM18", "name": "Groot Amsterdam"},
        }

    def test_unknown_postcode_is_404(self, client: FlaskClient) -> None:
        body = get(client, f"{BASE}/postcodes/1000", 404)
        assert body["code"] == "not_found"

    @pytest.mark.parametrize("postcode", ["12", "0123", "12345", "1011ABC", "abcd", "1011-AB"])
    def test_malformed_postcode_is_422(self, client: FlaskClient, postcode: str) -> None:
        body = get(client, f"{BASE}/postcodes/{postcode}", 422)
        assert list(body["errors"]) == ["postcode"]


def test_regions(client: FlaskClient) -> None:
    body = get(client, f"{BASE}/regions")
    assert len(body) == 35
    with (DATA / "geo" / "nl_gemeenten_am.csv").open(encoding="utf-8") as fh:
        per_region = Counter(row["am_code"] for row in csv.DictReader(fh))
    assert {r["code"]: r["municipality_count"] for r in body} == dict(per_region)
    am18 = next(r for r in body if r["code"] == "AM18")
    assert am18["name"] == "Groot Amsterdam"


def test_education_levels(client: FlaskClient) -> None:
    body = get(client, f"{BASE}/education-levels")
    assert len(body) == 15
    assert body[0]["code"] == "VMBO_BB"
    mbo2 = next(level for level in body if level["code"] == "MBO_2")
    assert mbo2 == {
        "code": "MBO_2",
        "name_nl": "Mbo-diploma niveau 2 (basisberoepsopleiding)",
        "name_en": "MBO diploma level 2",
        "nlqf": "2",
        "eqf": 2,
        "cbs_level": "middelbaar",
    }


def test_openapi_documents_every_endpoint_and_its_errors(client: FlaskClient) -> None:
    paths = client.get("/api/openapi.json").get_json()["paths"]
    expected = {
        f"{BASE}/occupations": {"200", "422"},
        f"{BASE}/occupations/{{occupation_id}}": {"200", "404"},
        f"{BASE}/skills": {"200", "422"},
        f"{BASE}/postcodes/{{postcode}}": {"200", "404", "422"},
        f"{BASE}/regions": {"200"},
        f"{BASE}/education-levels": {"200"},
    }
    for path, statuses in expected.items():
        responses = paths[path]["get"]["responses"]
        assert statuses <= set(responses), path
        for status in statuses - {"200"}:
            assert responses[status]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }
