"""The public, server-rendered page of a published vacancy (for people and search engines)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template, request

from backend.errors import NotFound
from backend.vacancies import job_posting, service
from backend.vacancies.models import HiringMode, VacancyKind

bp = Blueprint(
    "vacancy_pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/vacatures/static",
)

KIND_NL = {VacancyKind.JOB: "Baan", VacancyKind.STAGE: "Stage", VacancyKind.OPDRACHT: "Opdracht"}
DAY_NL = {
    "mon": "maandag",
    "tue": "dinsdag",
    "wed": "woensdag",
    "thu": "donderdag",
    "fri": "vrijdag",
    "sat": "zaterdag",
    "sun": "zondag",
}
PART_NL = {"morning": "ochtend", "afternoon": "middag", "evening": "avond"}
MONTH_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
# A day's page may be cached by browsers and proxies for a short while only: it ends.
CACHE_CONTROL = "public, max-age=300"


def _date_nl(value: Any) -> str:
    return f"{value.day} {MONTH_NL[value.month - 1]} {value.year}" if value else ""


def _app_path(view: dict[str, Any]) -> str:
    # The PWA's screens for this vacancy (open hiring: the list; otherwise the detail).
    if view["hiring_mode"] == HiringMode.OPEN:
        return f"/open-hiring/{view['id']}"
    return f"/vacancies/{view['id']}"


def _page(template: str, status: int, **context: Any) -> Response:
    resp = Response(render_template(template, **context), status=status)
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    if status == 200:
        resp.headers["Cache-Control"] = CACHE_CONTROL
    return resp


@bp.get("/vacatures/<int:vacancy_id>")
def vacancy_page(vacancy_id: int) -> Response:
    """Show a published vacancy with its schema.org JobPosting."""
    try:
        view = service.public_page(vacancy_id)
    except NotFound:
        return _page("vacancies/not_found.html", 404, title="Vacature niet gevonden", gone=False)
    except service.Gone:
        return _page("vacancies/not_found.html", 410, title="Vacature gesloten", gone=True)
    # No ESCO skills here: ESCO has Dutch labels for about one skill in six, and a list
    # in English does not belong on a plain-Dutch page (the app shows them).
    url = request.url_root.rstrip("/") + f"/vacatures/{vacancy_id}"
    schedule = [
        (DAY_NL[day], ", ".join(PART_NL[p] for p in view["schedule"].get(day, [])))
        for day in service.WEEKDAYS
        if view["schedule"].get(day)
    ]
    return _page(
        "vacancies/vacancy.html",
        200,
        title=view["title"],
        v=view,
        kind=KIND_NL[view["kind"]],
        open_hiring=view["hiring_mode"] == HiringMode.OPEN,
        schedule=schedule,
        start=_date_nl(view["start_date"]),
        end=_date_nl(view["end_date"]),
        closes=_date_nl(view["closes_on"]),
        posted=_date_nl(view["published_at"]),
        app_path=_app_path(view),
        canonical=url,
        json_ld=job_posting.build(view, url),
    )


@bp.get("/vacatures/<path:_anything>")
def not_a_vacancy(_anything: str) -> Response:
    """Answer 404 for any other path under /vacatures/ (not the app shell)."""
    return _page("vacancies/not_found.html", 404, title="Vacature niet gevonden", gone=False)
