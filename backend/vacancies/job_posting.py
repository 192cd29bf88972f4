"""schema.org JobPosting (JSON-LD) for the public page of a vacancy."""

from __future__ import annotations

from html import escape
from typing import Any

from backend.vacancies.models import HiringMode, VacancyKind

# Google's employmentType values; a job of 32 hours or more counts as full time in NL.
FULL_TIME_HOURS = 32


def employment_types(view: dict[str, Any]) -> list[str]:
    """Return the schema.org employmentType values of a vacancy."""
    if view["kind"] == VacancyKind.STAGE:
        return ["INTERN"]
    if view["kind"] == VacancyKind.OPDRACHT:
        return ["CONTRACTOR"]
    hours = view["hours_per_week"] or 0
    types = ["FULL_TIME" if hours >= FULL_TIME_HOURS else "PART_TIME"]
    if view["end_date"] is not None:
        types.append("TEMPORARY")
    return types


def description_html(view: dict[str, Any]) -> str:
    """Return the description as simple HTML (paragraphs and the tasks), escaped."""
    parts = [
        f"<p>{escape(paragraph.strip())}</p>"
        for paragraph in view["description"].split("\n\n")
        if paragraph.strip()
    ]
    if view["tasks"]:
        items = "".join(f"<li>{escape(task)}</li>" for task in view["tasks"])
        parts.append(f"<p>Taken:</p><ul>{items}</ul>")
    return "".join(parts)


def build(view: dict[str, Any], url: str) -> dict[str, Any]:
    """Return the JobPosting of a published vacancy; `url` is its public page."""
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": view["title"],
        "description": description_html(view),
        "datePosted": view["published_at"].date().isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": view["organisation_name"]},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "postalCode": view["postcode"],
                "addressLocality": view["place"],
                "addressRegion": view.get("province"),
                "addressCountry": "NL",
            },
        },
        "employmentType": employment_types(view),
        "identifier": {
            "@type": "PropertyValue",
            "name": view["organisation_name"],
            "value": str(view["id"]),
        },
        "url": url,
        "totalJobOpenings": view["places"],
        "inLanguage": "nl",
    }
    valid_through = view["closes_on"] or view["end_date"]
    if valid_through is not None:
        posting["validThrough"] = valid_through.isoformat()
    if view["start_date"] is not None:
        posting["jobStartDate"] = view["start_date"].isoformat()
    if view["hours_per_week"] is not None:
        posting["workHours"] = f"{view['hours_per_week']} uur per week"
    if view["hiring_mode"] == HiringMode.OPEN:
        # Open hiring: signing the list on this site is the whole application.
        posting["directApply"] = True
    if posting["jobLocation"]["address"]["addressRegion"] is None:
        del posting["jobLocation"]["address"]["addressRegion"]
    return posting
