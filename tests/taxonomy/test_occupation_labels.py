"""The occupation list for the app's offline picker: every occupation, one language, ETag."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta
from typing import Any

import brotli
import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from backend import db
from backend.taxonomy import service
from backend.taxonomy.models import Occupation, TaxonomyImport

URL = "/api/v1/taxonomy/occupations/labels"
KOK = "90f75f67-495d-49fa-ab57-2f320e251d7e"
CACHED = "public, max-age=86400"


def fetch(client: FlaskClient, query: str = "?lang=nl") -> tuple[Any, Any]:
    resp = client.get(URL + query)
    assert resp.status_code == 200, resp.get_json()
    assert resp.headers["Cache-Control"] == CACHED
    return resp.get_json(), resp


@pytest.fixture(scope="module")
def occupation_count(app: Any) -> int:
    with app.app_context():
        return int(db.read_session().scalar(select(func.count()).select_from(Occupation)) or 0)


class TestTheList:
    def test_every_occupation_once_in_dutch(
        self, client: FlaskClient, occupation_count: int
    ) -> None:
        body, _ = fetch(client)
        assert body["lang"] == "nl"
        assert body["count"] == occupation_count == len(body["occupations"]) == 3007
        ids = [item["id"] for item in body["occupations"]]
        assert len(set(ids)) == len(ids)
        kok = next(item for item in body["occupations"] if item["id"] == KOK)
        assert kok["label"] == "kok"
        assert "kokkin" in kok["alt_labels"]
        assert set(kok) == {"id", "label", "alt_labels"}

    def test_english(self, client: FlaskClient) -> None:
        body, _ = fetch(client, "?lang=en")
        assert body["lang"] == "en"
        kok = next(item for item in body["occupations"] if item["id"] == KOK)
        assert kok["label"] == "cook"
        assert "kokkin" not in kok["alt_labels"]

    def test_dutch_is_the_default(self, client: FlaskClient) -> None:
        assert fetch(client, "")[0] == fetch(client, "?lang=nl")[0]

    def test_sorted_by_label_and_alternatives_are_clean(self, client: FlaskClient) -> None:
        body, _ = fetch(client)
        keys = [(item["label"].casefold(), item["id"]) for item in body["occupations"]]
        assert keys == sorted(keys)
        for item in body["occupations"]:
            assert item["label"] not in item["alt_labels"]
            assert len(set(item["alt_labels"])) == len(item["alt_labels"])
        assert sum(len(item["alt_labels"]) for item in body["occupations"]) > 3007

    def test_compact_enough_for_a_phone(self, client: FlaskClient) -> None:
        _, resp = fetch(client)
        # One download for the whole picker; JSON without indentation.
        assert len(resp.data) < 1_500_000
        assert b"\n " not in resp.data


class TestRevalidation:
    def test_etag_is_stable_and_differs_per_language(self, client: FlaskClient) -> None:
        _, first = fetch(client)
        _, again = fetch(client)
        _, english = fetch(client, "?lang=en")
        assert first.headers["ETag"] == again.headers["ETag"]
        # Weak: the same list whether it travels compressed or not.
        assert first.headers["ETag"].startswith('W/"')
        assert english.headers["ETag"] != first.headers["ETag"]

    def test_if_none_match_gets_304_without_a_body(self, client: FlaskClient) -> None:
        _, first = fetch(client)
        etag = first.headers["ETag"]
        strong = etag.removeprefix("W/")
        for header in (etag, strong, f'"other", {etag}', "*"):
            resp = client.get(f"{URL}?lang=nl", headers={"If-None-Match": header})
            assert resp.status_code == 304, header
            assert resp.data == b""
            assert resp.headers["ETag"] == etag
            assert resp.headers["Cache-Control"] == CACHED

    def test_the_list_travels_compressed_with_the_same_etag(self, client: FlaskClient) -> None:
        _, plain = fetch(client)
        for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
            resp = client.get(f"{URL}?lang=nl", headers={"Accept-Encoding": encoding})
            assert resp.status_code == 200
            assert resp.headers["Content-Encoding"] == encoding
            assert "Accept-Encoding" in resp.headers["Vary"]
            assert resp.headers["ETag"] == plain.headers["ETag"]
            assert len(resp.data) < len(plain.data) / 3
            assert json.loads(decode(resp.data)) == plain.get_json()

    def test_another_etag_gets_the_list(self, client: FlaskClient) -> None:
        resp = client.get(f"{URL}?lang=nl", headers={"If-None-Match": '"stale"'})
        assert resp.status_code == 200
        assert resp.get_json()["count"] == 3007

    def test_the_etag_of_the_other_language_is_not_a_match(self, client: FlaskClient) -> None:
        _, english = fetch(client, "?lang=en")
        resp = client.get(f"{URL}?lang=nl", headers={"If-None-Match": english.headers["ETag"]})
        assert resp.status_code == 200

    def test_the_list_is_built_once_per_import_and_its_etag_follows_the_content(
        self, app: Any
    ) -> None:
        with app.app_context():
            session = db.read_session()
            before = service.occupation_labels("nl")
            assert service.occupation_labels("nl") is before  # kept, not rebuilt
            first = session.get(Occupation, before.occupations[0].id)
            last_import = session.get(TaxonomyImport, 1)
            assert first is not None and last_import is not None
            original, imported_at = first.label_nl, last_import.imported_at
            # Labels only change through an import, which also renews its row.
            first.label_nl = original + " (test)"
            last_import.imported_at = imported_at + timedelta(seconds=1)
            session.flush()
            try:
                changed = service.occupation_labels("nl")
                assert changed.etag != before.etag
                assert original + " (test)" in {o.label for o in changed.occupations}
            finally:
                session.rollback()
            assert service.occupation_labels("nl").etag == before.etag


class TestBadInput:
    @pytest.mark.parametrize("lang", ["de", "NL", "", "nl,en", "x" * 50])
    def test_bad_lang_is_422_naming_the_field(self, client: FlaskClient, lang: str) -> None:
        resp = client.get(f"{URL}?lang={lang}")
        assert resp.status_code == 422
        body = resp.get_json()
        assert body["code"] == "validation_error"
        assert "lang" in body["errors"]
        assert resp.headers.get("Cache-Control") != CACHED

    def test_service_refuses_another_language(self, app: Any) -> None:
        from backend.errors import InvalidInput

        with app.app_context(), pytest.raises(InvalidInput):
            service.occupation_labels("de")

    def test_writes_are_not_allowed(self, client: FlaskClient) -> None:
        assert client.post(URL, data=json.dumps({})).status_code == 405


def test_openapi_documents_the_list(client: FlaskClient) -> None:
    paths = client.get("/api/openapi.json").get_json()["paths"]
    responses = paths[URL]["get"]["responses"]
    assert {"200", "304", "422"} <= set(responses)
    assert "ETag" in responses["200"]["headers"]
    assert responses["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert paths[URL]["get"]["parameters"][0]["name"] == "lang"
