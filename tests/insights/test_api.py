"""The public insights API: latest figures from the stored publication, the list of
publications, and downloads that can only reach a publication's own files."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from backend import db
from backend.insights import service, sources
from backend.insights.models import Publication
from tests.openapi_check import check_response

REGION = "AM01"


@pytest.fixture
def published(add_people: Any, random_people: Any, publish: Any) -> dict[str, Any]:
    add_people(random_people(500, seed=3))
    result: dict[str, Any] = publish()
    return result


def test_nothing_published_yet(client: FlaskClient, insights_dir: Path) -> None:
    for path in ("/api/v1/insights/regions", f"/api/v1/insights/regions/{REGION}"):
        resp = client.get(path)
        assert resp.status_code == 404
        assert resp.get_json()["code"] == "not_published"
    resp = client.get("/api/v1/insights/publications")
    assert resp.status_code == 200 and resp.get_json() == []
    assert json.loads(resp.headers["X-Pagination"])["total"] == 0


def test_the_regions_list(client: FlaskClient, published: dict[str, Any]) -> None:
    resp = client.get("/api/v1/insights/regions")  # public: no login
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["publication"]["version"] == published["version"]
    assert len(body["regions"]) == 35
    assert [r["code"] for r in body["regions"]] == sorted(r["code"] for r in body["regions"])
    assert body["national"]["code"] == "NL" and body["other"]["code"] == "OVERIG"
    assert body["national"]["jobseekers"] % 5 == 0
    assert "max-age" in resp.headers["Cache-Control"]


def test_one_region_and_the_country(client: FlaskClient, published: dict[str, Any]) -> None:
    body = client.get(f"/api/v1/insights/regions/{REGION}").get_json()
    region = body["region"]
    assert region["code"] == REGION and region["name"] == "Groningen"
    assert [c["category"] for c in region["supply"]["days_per_week"]] == [
        "1", "2", "3", "4", "5", "6", "7", "onbekend",
    ]  # fmt: skip
    assert [c["category"] for c in region["supply"]["riasec_type"]] == [*"RIASEC", "onbekend"]
    assert len(region["occupation_groups"]) == 43
    assert set(region["skills"]) == {"on_offer", "asked_for", "mismatch"}
    assert set(region["open_hiring"]) == {
        "vacancies", "places", "people_in_line", "started", "median_days_to_start",
    }  # fmt: skip
    assert [c["category"] for c in region["distance"]] == [
        "0-5", "5-10", "10-25", "25+", "geen", "onbekend",
    ]  # fmt: skip
    assert isinstance(region["learning_coverage"], list)
    # Lower case works too, and NL is the country.
    assert client.get(f"/api/v1/insights/regions/{REGION.lower()}").status_code == 200
    national = client.get("/api/v1/insights/regions/NL").get_json()["region"]
    assert national["name"] == "Nederland"
    offer = national["skills"]["on_offer"]
    assert offer and [s["jobseekers"] for s in offer] == sorted(
        (s["jobseekers"] for s in offer), reverse=True
    )


def test_the_api_answers_what_the_files_say(
    client: FlaskClient, published: dict[str, Any], insights_dir: Path
) -> None:
    folder = insights_dir / published["directory"]
    with (folder / "regions.csv").open(encoding="utf-8", newline="") as fh:
        from_csv = {r["region_code"]: r["jobseekers"] for r in csv.DictReader(fh)}
    body = client.get("/api/v1/insights/regions").get_json()
    for region in [*body["regions"], body["national"], body["other"]]:
        shown = region["jobseekers"]
        assert from_csv[region["code"]] == ("" if shown is None else str(shown))


def test_answers_match_the_openapi_document(client: FlaskClient, published: dict[str, Any]) -> None:
    base = "/api/v1/insights"
    for template, path in (
        (f"{base}/regions", f"{base}/regions"),
        (f"{base}/regions/{{am_code}}", f"{base}/regions/{REGION}"),
        (f"{base}/regions/{{am_code}}", f"{base}/regions/NL"),
        (f"{base}/regions/{{am_code}}", f"{base}/regions/AM99"),
        (f"{base}/publications", f"{base}/publications"),
        (
            f"{base}/publications/{{version}}/files/{{name}}",
            f"{base}/publications/{published['version']}/files/datapackage.json",
        ),
        (
            f"{base}/publications/{{version}}/files/{{name}}",
            f"{base}/publications/{published['version']}/files/nope.csv",
        ),
    ):
        resp = client.get(path)
        check_response(client, "GET", template, resp)
        resp.close()


@pytest.mark.parametrize("code", ["AM99", "AM04", "XX", "OVERIG", "AM1", "nl1"])
def test_unknown_region(client: FlaskClient, published: dict[str, Any], code: str) -> None:
    # AM04 does not exist (the codes skip it), nor does the pooled row have a page.
    resp = client.get(f"/api/v1/insights/regions/{code}")
    assert resp.status_code == 404
    assert resp.get_json()["code"] == "unknown_region"


def test_figures_are_served_from_the_publication_never_computed(
    app: Flask,
    client: FlaskClient,
    published: dict[str, Any],
    add_people: Any,
    random_people: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = client.get(f"/api/v1/insights/regions/{REGION}").get_json()

    def no_reading(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the API must not read the domains")

    monkeypatch.setattr(sources, "gather", no_reading)
    add_people(random_people(300, seed=4))  # new people count from the next publication
    assert client.get(f"/api/v1/insights/regions/{REGION}").get_json() == before
    assert client.get("/api/v1/insights/regions").status_code == 200


def test_publications_list_with_download_links(
    client: FlaskClient, published: dict[str, Any], publish: Any
) -> None:
    second = publish()
    resp = client.get("/api/v1/insights/publications")
    listed = resp.get_json()
    assert [p["version"] for p in listed] == [second["version"], published["version"]]
    latest = listed[0]
    names = [f["name"] for f in latest["files"]]
    assert names[0] == "datapackage.json" and "skills.csv" in names and "api.json" not in names
    assert latest["datapackage_url"] == (
        f"/api/v1/insights/publications/{second['version']}/files/datapackage.json"
    )
    for entry in latest["files"]:
        download = client.get(entry["url"])
        assert download.status_code == 200, entry
        assert hashlib.sha256(download.data).hexdigest() == entry["sha256"]
        assert len(download.data) == entry["bytes"]
        assert download.mimetype == entry["media_type"]
        assert "immutable" in download.headers["Cache-Control"]
        assert download.headers["ETag"].strip('"') == entry["sha256"]
        assert "attachment" in download.headers["Content-Disposition"]
        download.close()
    paged = client.get("/api/v1/insights/publications?page_size=1&page=2")
    assert [p["version"] for p in paged.get_json()] == [published["version"]]


@pytest.mark.parametrize(
    "name",
    [
        "api.json",  # on disk, but not one of the published files
        "..%2F..%2Fsecret_key",
        "%2e%2e%2fregions.csv",
        "..",
        "regions.csv%00",
        "..%5Cregions.csv",
        "REGIONS.CSV",
        "%2Fetc%2Fpasswd",
    ],
)
def test_downloads_reach_only_the_published_files(
    client: FlaskClient, published: dict[str, Any], name: str
) -> None:
    resp = client.get(f"/api/v1/insights/publications/{published['version']}/files/{name}")
    assert resp.status_code == 404
    assert resp.get_json()["code"] == "not_found"


def test_traversal_through_the_path_itself(client: FlaskClient, published: dict[str, Any]) -> None:
    version = published["version"]
    for path in (
        f"/api/v1/insights/publications/{version}/files/../../../../etc/passwd",
        f"/api/v1/insights/publications/{version}/files/sub/regions.csv",
        "/api/v1/insights/publications/999/files/regions.csv",
        "/api/v1/insights/publications/-1/files/regions.csv",
    ):
        resp = client.get(path)
        assert resp.status_code == 404, path
        assert b"root:" not in resp.data


def test_a_tampered_folder_name_is_never_followed(
    app: Flask, client: FlaskClient, published: dict[str, Any]
) -> None:
    with db.transaction() as session:
        session.execute(update(Publication).values(directory="../../etc"))
    resp = client.get(f"/api/v1/insights/publications/{published['version']}/files/regions.csv")
    assert resp.status_code == 503
    assert resp.get_json()["code"] == "publication_unavailable"


def test_missing_files_are_a_clear_503(
    client: FlaskClient, published: dict[str, Any], insights_dir: Path
) -> None:
    shutil.rmtree(insights_dir / published["directory"])
    service._documents.clear()
    for path in (
        "/api/v1/insights/regions",
        f"/api/v1/insights/publications/{published['version']}/files/regions.csv",
    ):
        resp = client.get(path)
        assert resp.status_code == 503, path
        assert resp.get_json()["code"] == "publication_unavailable"
