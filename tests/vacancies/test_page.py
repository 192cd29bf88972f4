"""The public page of a vacancy: Dutch HTML, schema.org JobPosting JSON-LD, 404/410."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

from flask.testing import FlaskClient

from backend.vacancies import service
from tests.vacancies.conftest import next_monday

# Google's required JobPosting properties, and the values it knows for employmentType.
REQUIRED = ("title", "description", "datePosted", "hiringOrganization", "jobLocation")
EMPLOYMENT_TYPES = {
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class PageParser(HTMLParser):
    """Collect the JSON-LD blocks, the headings and the document language."""

    def __init__(self) -> None:
        super().__init__()
        self.json_ld: list[str] = []
        self.h1: list[str] = []
        self.lang: str | None = None
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "script" and values.get("type") == "application/ld+json":
            self._in = "ld"
            self.json_ld.append("")
        if tag == "h1":
            self._in = "h1"
            self.h1.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "h1"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "ld":
            self.json_ld[-1] += data
        elif self._in == "h1":
            self.h1[-1] += data


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def check_job_posting(posting: dict[str, Any]) -> None:
    """Fail unless `posting` is a JobPosting with Google's required properties, well typed."""
    assert posting["@context"] in ("https://schema.org/", "https://schema.org")
    assert posting["@type"] == "JobPosting"
    for name in REQUIRED:
        assert posting.get(name), f"{name} is missing"
    assert isinstance(posting["title"], str)
    assert isinstance(posting["description"], str)
    assert ISO_DATE.match(posting["datePosted"])
    organisation = posting["hiringOrganization"]
    assert organisation["@type"] == "Organization" and organisation["name"]
    location = posting["jobLocation"]
    assert location["@type"] == "Place"
    address = location["address"]
    assert address["@type"] == "PostalAddress"
    assert address["addressCountry"] == "NL"
    assert address["postalCode"] and address["addressLocality"]
    if "validThrough" in posting:
        assert ISO_DATE.match(posting["validThrough"])
        assert posting["validThrough"] >= posting["datePosted"]
    if "employmentType" in posting:
        types = posting["employmentType"]
        assert set(types if isinstance(types, list) else [types]) <= EMPLOYMENT_TYPES
    if "directApply" in posting:
        assert isinstance(posting["directApply"], bool)


def test_a_published_vacancy_has_a_page_with_a_job_posting(
    client: FlaskClient, make_vacancy: Any
) -> None:
    vacancy = make_vacancy(
        title="Hulpkok </script><script>alert(1)</script>",
        description="Je helpt in de keuken.\n\nGeen ervaring nodig.",
        hiring_mode="open",
        min_age=16,
        hours_per_week=12,
        closes_on=date(next_monday().year + 1, 1, 31),
    )
    resp = client.get(f"/vacatures/{vacancy.id}")
    assert resp.status_code == 200
    assert resp.content_type == "text/html; charset=utf-8"
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    html = resp.get_data(as_text=True)
    page = parse(html)
    assert page.lang == "nl"
    assert page.h1 == ["Hulpkok </script><script>alert(1)</script>"]
    # The title is escaped everywhere: no second script element sneaks in.
    assert html.count("<script") == 1
    assert "Zet mij op de lijst" in html
    assert f'href="/open-hiring/{vacancy.id}"' in html
    assert "minstens\n    16 jaar" in html or "minstens 16 jaar" in html

    assert len(page.json_ld) == 1
    posting = json.loads(page.json_ld[0])
    check_job_posting(posting)
    assert posting["title"] == vacancy.data["title"]
    assert posting["hiringOrganization"]["name"] == "Bakkerij De Open Deur"
    assert posting["jobLocation"]["address"]["postalCode"] == "1012"
    assert posting["jobLocation"]["address"]["addressLocality"] == "Amsterdam"
    assert posting["employmentType"] == ["PART_TIME"]
    assert posting["directApply"] is True
    assert posting["validThrough"] == f"{next_monday().year + 1}-01-31"
    assert posting["url"].endswith(f"/vacatures/{vacancy.id}")
    assert "<p>Geen ervaring nodig.</p>" in posting["description"]


def test_employment_types(make_vacancy: Any) -> None:
    full = make_vacancy(hours_per_week=36)
    stage = make_vacancy(full.employer, kind="stage")
    opdracht = make_vacancy(full.employer, kind="opdracht", end_date=date(2099, 1, 1))
    temporary = make_vacancy(full.employer, end_date=date(2099, 1, 1))
    from backend.vacancies import job_posting

    def types(made: Any) -> list[str]:
        return job_posting.employment_types(service.public_page(made.id))

    assert types(full) == ["FULL_TIME"]
    assert types(stage) == ["INTERN"]
    assert types(opdracht) == ["CONTRACTOR"]
    assert types(temporary) == ["PART_TIME", "TEMPORARY"]
    posting = job_posting.build(service.public_page(full.id), "https://example.nl/vacatures/1")
    check_job_posting(posting)
    assert "directApply" not in posting  # regular hiring: apply through the app


def test_drafts_and_unknown_ids_are_404_ended_ones_410(
    client: FlaskClient, make_vacancy: Any
) -> None:
    draft = make_vacancy(publish=False)
    for path in (f"/vacatures/{draft.id}", "/vacatures/999999", "/vacatures/abc", "/vacatures/1/x"):
        resp = client.get(path)
        assert resp.status_code == 404, path
        assert resp.content_type.startswith("text/html")
        assert "niet gevonden" in resp.get_data(as_text=True)
    published = make_vacancy(draft.employer)
    service.end_vacancy(draft.employer.user.id, published.id, service.VacancyStatus.FILLED)
    resp = client.get(f"/vacatures/{published.id}")
    assert resp.status_code == 410
    assert "niet meer open" in resp.get_data(as_text=True)
    assert "application/ld+json" not in resp.get_data(as_text=True)


def test_the_stylesheet_is_served(client: FlaskClient) -> None:
    resp = client.get("/vacatures/static/vacancy.css")
    assert resp.status_code == 200
    assert resp.content_type.startswith("text/css")
