"""The CSV import of a provider's catalogue: every row checked, all rows or none."""

from __future__ import annotations

import io
from typing import Any

from flask.testing import FlaskClient

from backend.learning import csv_import
from tests.matching.conftest import KASSA, KOK, essential_skills
from tests.openapi_check import check_response

PATH = "/api/v1/organisations/{org_id}/learning-offers/import"


def upload(client: FlaskClient, provider: Any, text: str | bytes, *, dry_run: bool = False) -> Any:
    content = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(
        PATH.format(org_id=provider.org_id),
        query_string={"dry_run": "true"} if dry_run else {},
        data={"file": (io.BytesIO(content), "catalogus.csv")},
        content_type="multipart/form-data",
        headers=provider.headers,
    )


def offers_of(client: FlaskClient, provider: Any) -> list[dict[str, Any]]:
    resp = client.get(
        f"/api/v1/organisations/{provider.org_id}/learning-offers", headers=provider.headers
    )
    result: list[dict[str, Any]] = resp.get_json()
    return result


def catalogue(*rows: str, header: str | None = None, sep: str = ",") -> str:
    kok = "|".join(essential_skills(KOK)[:2])
    kassa = essential_skills(KASSA)[0]
    header = header or sep.join(
        [
            "title",
            "kind",
            "skill_ids",
            "occupation_ids",
            "online",
            "postcode",
            "duration_weeks",
            "cost",
            "cost_eur",
            "start_dates",
            "url",
        ]
    )
    default = [
        sep.join(
            [
                "Koken in de praktijk",
                "training",
                kok,
                KOK,
                "nee",
                "1012 AB",
                "6",
                "eigen_kosten",
                "49,95" if sep == ";" else "49.95",
                "2027-02-01|2027-04-05",
                "https://example.nl/koken",
            ]
        ),
        sep.join(
            [
                "Kassa online",
                "e-learning",
                kassa,
                "",
                "ja",
                "",
                "2",
                "gratis",
                "",
                "",
                "https://example.nl/kassa",
            ]
        ),
    ]
    return "\n".join([header, *(rows or default)]) + "\n"


class TestImport:
    def test_all_rows_are_imported(self, client: FlaskClient, make_provider: Any) -> None:
        provider = make_provider()
        resp = upload(client, provider, catalogue())
        assert resp.status_code == 200, resp.get_json()
        check_response(
            client, "POST", "/api/v1/organisations/{org_id}/learning-offers/import", resp
        )
        report = resp.get_json()
        assert report["imported"] is True and report["rejected"] == []
        assert [(r["line"], r["title"]) for r in report["accepted"]] == [
            (2, "Koken in de praktijk"),
            (3, "Kassa online"),
        ]
        stored = {o["id"]: o for o in offers_of(client, provider)}
        assert set(stored) == {r["id"] for r in report["accepted"]}
        koken = stored[report["accepted"][0]["id"]]
        assert koken["cost_eur"] == 49.95 and koken["postcode"] == "1012"
        assert koken["start_dates"] == ["2027-02-01", "2027-04-05"]
        assert stored[report["accepted"][1]["id"]]["online"] is True

    def test_a_dutch_spreadsheet_semicolons_and_a_byte_order_mark(
        self, client: FlaskClient, make_provider: Any
    ) -> None:
        provider = make_provider()
        text = "\ufeff" + catalogue(sep=";")
        resp = upload(client, provider, text.encode("utf-8"))
        assert resp.status_code == 200, resp.get_json()
        assert len(offers_of(client, provider)) == 2
        assert offers_of(client, provider)[1]["cost_eur"] == 49.95

    def test_one_bad_row_and_nothing_is_imported(
        self, client: FlaskClient, make_provider: Any
    ) -> None:
        provider = make_provider()
        good = catalogue().splitlines()[1]
        bad_skill = good.replace(essential_skills(KOK)[0], "00000000-0000-4000-8000-000000000000")
        bad_many = (
            good.replace("training", "seminar").replace("1012 AB", "8999").replace(",6,", ",zes,")
        )
        text = catalogue(good, bad_skill, good, bad_many)
        resp = upload(client, provider, text)
        assert resp.status_code == 422
        check_response(
            client, "POST", "/api/v1/organisations/{org_id}/learning-offers/import", resp
        )
        body = resp.get_json()
        assert body["code"] == "import_rejected"
        assert body["message"] == "2 of 4 rows are not right; nothing was imported."
        report = body["report"]
        assert report["imported"] is False
        assert [r["line"] for r in report["accepted"]] == [2, 4]
        assert all(r["id"] is None for r in report["accepted"])
        rejected = {r["line"]: r["errors"] for r in report["rejected"]}
        assert set(rejected) == {3, 5}
        assert "skill_ids" in rejected[3]
        assert set(rejected[5]) == {"kind", "postcode", "duration_weeks"}
        assert "line 5.kind" in body["errors"]
        assert offers_of(client, provider) == []  # nothing half-imported

    def test_a_dry_run_checks_and_stores_nothing(
        self, client: FlaskClient, make_provider: Any
    ) -> None:
        provider = make_provider()
        resp = upload(client, provider, catalogue(), dry_run=True)
        assert resp.status_code == 200
        assert resp.get_json()["imported"] is False
        assert len(resp.get_json()["accepted"]) == 2
        assert offers_of(client, provider) == []

    def test_files_that_cannot_be_read(self, client: FlaskClient, make_provider: Any) -> None:
        provider = make_provider()
        cases = [
            (
                catalogue(header="title,kind,skill_ids,duration_weeks,cost,colour"),
                "Unknown columns: colour",
            ),
            (
                catalogue(header="title,kind,duration_weeks,cost"),
                "Required columns are missing: skill_ids",
            ),
            ("title,kind,skill_ids,duration_weeks,cost\n", "no rows"),
            ("", "first line"),
            ("Koken;training".encode("utf-16"), "UTF-8"),
            (
                'title,kind,skill_ids,duration_weeks,cost\n"open quote,x,y,1,gratis\n',
                "not valid CSV",
            ),
        ]
        for content, problem in cases:
            resp = upload(client, provider, content)
            assert resp.status_code == 422, content
            assert problem in resp.get_json()["errors"]["file"][0], resp.get_json()
        no_file = client.post(
            PATH.format(org_id=provider.org_id),
            data={},
            content_type="multipart/form-data",
            headers=provider.headers,
        )
        assert no_file.status_code == 422

    def test_too_many_rows(self, client: FlaskClient, make_provider: Any, monkeypatch: Any) -> None:
        from backend.learning import service

        monkeypatch.setattr(service, "MAX_IMPORT_ROWS", 1)
        resp = upload(client, make_provider(), catalogue())
        assert resp.status_code == 422
        assert "at most 1 rows" in resp.get_json()["errors"]["file"][0]

    def test_only_members(self, client: FlaskClient, make_provider: Any, bearer: Any) -> None:
        provider = make_provider()
        stranger = make_provider(name="Ander")
        stranger.org_id = provider.org_id
        assert upload(client, stranger, catalogue()).status_code == 403
        resp = client.post(
            PATH.format(org_id=provider.org_id),
            data={"file": (io.BytesIO(b"x"), "c.csv")},
            content_type="multipart/form-data",
            headers=bearer("jobseeker"),
        )
        assert resp.status_code == 403


class TestRows:
    def test_each_cell_is_turned_into_a_value(self) -> None:
        header = ["title", "online", "entry_level", "cost_eur", "start_dates", "skill_ids"]
        row = csv_import.convert(7, header, ["Koken", "JA", "2", "12,5", "2027-01-04", "a| b |"])
        assert row.line == 7
        assert row.values == {
            "title": "Koken",
            "online": True,
            "entry_level": 2,
            "cost_eur": csv_import.Decimal("12.5"),
            "start_dates": [csv_import.date(2027, 1, 4)],
            "skill_ids": ["a", "b"],
        }
        assert set(row.errors) == {"kind", "duration_weeks", "cost"}  # required, left empty
        bad = csv_import.convert(2, header, ["K", "misschien", "twee", "€5", "4-1-2027", ""])
        assert set(bad.errors) >= {"online", "entry_level", "cost_eur", "start_dates", "skill_ids"}
        short = csv_import.convert(3, header, ["Koken"])
        assert list(short.errors) == ["row"]
