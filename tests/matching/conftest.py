"""Factories for the matching tests: people with a selfie, vacancies of real occupations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask

from backend.accounts import service as accounts
from backend.selfie import service as selfie
from backend.taxonomy import service as taxonomy
from backend.vacancies import service as vacancies
from tests.vacancies import conftest as vacancy_factories
from tests.vacancies.conftest import Employer, MadeVacancy, next_monday, token_headers

make_employer = vacancy_factories.make_employer

# Real ESCO occupations (id by code, see data/esco/occupations.csv.gz).
KOK = "90f75f67-495d-49fa-ab57-2f320e251d7e"  # 5120.1 kok
KEUKENHULP = "e1cf6897-158d-4b48-a39e-2a3a8cac216c"  # 9412.1 keukenhulp
MAGAZIJN = "bea705fe-06ac-4147-b8e0-6e8ac1208d8f"  # 9333.8 magazijnmedewerker
ORDERPICKER = "cd94def5-3442-4c2e-ae3d-0761a3008bcb"  # 9333.8.1 orderpicker
KASSA = "2b871272-bd61-4206-bd1a-0b96d7023098"  # 5230.1 kassamedewerker
HOVENIER = "e7970c7a-7769-4002-87d3-0a8ea94fdd6f"  # 6113.5 hovenier

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def week(*days: str, parts: tuple[str, ...] = ("morning", "afternoon")) -> dict[str, list[str]]:
    """A schedule: these days (default Monday to Friday), these parts of the day."""
    return {day: list(parts) for day in (days or WEEKDAYS)}


def essential_skills(occupation_id: str, share: float = 1.0) -> list[str]:
    """The first `share` of an occupation's essential skills (in the taxonomy's order)."""
    skills = [str(s.id) for s in taxonomy.get_occupation(occupation_id).essential_skills]
    return skills[: round(len(skills) * share)]


def riasec(high: str, *, low: int = 1, top: int = 5) -> dict[str, int]:
    """Interest answers: 4 items per type, `top` for the types in `high`, else `low`."""
    from backend.selfie import riasec as items

    answers: dict[str, int] = {}
    for kind in items.TYPES:
        for item in [i for i in items.ITEMS if i.type == kind][:4]:
            answers[item.id] = top if kind in high else low
    return answers


@dataclass
class Person:
    user: Any
    headers: dict[str, str]


def write_selfie(user_id: int, sections: dict[str, dict[str, Any]]) -> None:
    """Write sections through the selfie service (as a phone would), each as a new version."""
    for name, data in sections.items():
        current = selfie.get_section(user_id, name)["version"]
        selfie.put_section(user_id, name, data, base_version=current)


@pytest.fixture
def make_person(app: Flask, make_user: Any) -> Any:
    """Create a jobseeker with a matching-ready selfie; keyword arguments change it."""

    def factory(
        *,
        postcode: str = "1012",
        radius: int = 15,
        schedule: dict[str, list[str]] | None = None,
        hours: tuple[int, int] = (8, 24),
        skills: list[str] | None = None,
        education: str | None = "MBO_2",
        wishes: list[str] | None = None,
        kinds: list[str] | None = None,
        interests: str | None = None,
        birth_year: int | None = 1990,
        employers: str = "anonymous",
        statistics: bool = True,
        sections: dict[str, dict[str, Any]] | None = None,
    ) -> Person:
        user = make_user("jobseeker")
        data: dict[str, dict[str, Any]] = {
            "basics": {
                "display_name": f"Persoon {user.id}",
                "preferred_language": "nl",
                "contact_methods": ["app"],
                **({"birth_year": birth_year} if birth_year else {}),
            },
            "location": {
                "postcode": postcode,
                "max_distance_km": radius,
                "travel_modes": ["bike"],
                "has_driving_licence": False,
            },
            "availability": {
                "days_per_week": 1,
                "schedule": schedule or week(),
                "hours_per_week_min": hours[0],
                "hours_per_week_max": hours[1],
            },
            "skills": {
                "entries": [
                    {"skill_id": s, "level": 3}
                    for s in (essential_skills(KOK) if skills is None else skills)
                ]
            },
            "visibility": {"employers": employers, "statistics": statistics},
        }
        if education:
            data["education"] = {"highest_level": education, "studying_now": False}
        if wishes is not None or kinds is not None:
            data["wishes"] = {"occupation_ids": wishes or [], "work_kinds": kinds or []}
        if interests:
            data["interests"] = {"answers": riasec(interests)}
        data.update(sections or {})
        write_selfie(user.id, data)
        return Person(user=user, headers=token_headers(app, user))

    return factory


@pytest.fixture
def make_job(make_employer: Any) -> Any:
    """Create a published vacancy of a real occupation (its ESCO skills as the function's)."""

    def factory(
        occupation_id: str = KOK,
        *,
        employer: Employer | None = None,
        postcode: str = "1012",
        schedule: dict[str, list[str]] | None = None,
        hours: int = 16,
        education: str | None = None,
        hiring_mode: str = "regular",
        kind: str = "job",
        places: int = 2,
        min_age: int | None = None,
        title: str | None = None,
        publish: bool = True,
    ) -> MadeVacancy:
        employer = employer or make_employer(postcode=postcode)
        function = vacancies.create_function(
            employer.user.id,
            employer.org_id,
            {
                "occupation_id": occupation_id,
                "description": "Werk.",
                **({"education_level": education} if education else {}),
                **({"title": title} if title else {}),
            },
        )
        made = vacancies.create_vacancy(
            employer.user.id,
            {
                "function_id": function["id"],
                "kind": kind,
                "hiring_mode": hiring_mode,
                "postcode": postcode,
                "schedule": schedule or week("mon", "wed", parts=("morning",)),
                "hours_per_week": hours,
                "start_date": next_monday(),
                "places": places,
                **({"min_age": min_age} if min_age else {}),
            },
        )
        if publish:
            made = vacancies.publish_vacancy(employer.user.id, made["id"])
        return MadeVacancy(id=made["id"], employer=employer, data=made)

    return factory


@pytest.fixture
def employer_of(app: Flask, make_user: Any) -> Any:
    """Create an employer with an organisation (for candidates of its own vacancies)."""

    def factory(postcode: str = "1012") -> Employer:
        user = make_user("employer")
        org = accounts.create_organisation(user.id, name="Werkplaats Oost", postcode=postcode)
        return Employer(user=user, headers=token_headers(app, user), org_id=org.id)

    return factory


__all__ = [
    "HOVENIER",
    "KASSA",
    "KEUKENHULP",
    "KOK",
    "MAGAZIJN",
    "ORDERPICKER",
    "Person",
    "essential_skills",
    "riasec",
    "week",
    "write_selfie",
]
