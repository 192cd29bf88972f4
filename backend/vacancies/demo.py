"""Demo data for `make run`: a function and two published vacancies of the demo employer."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from backend import db
from backend.accounts import service as accounts
from backend.vacancies import service
from backend.vacancies.models import JobFunction, Vacancy

DEMO_EMPLOYER = "demo-werkgever"
FUNCTION_TITLE = "Bakkerijmedewerker"
OPEN_TITLE = "Bakkerijmedewerker, open hiring: 3 plekken vanaf maandag"
REGULAR_TITLE = "Leerling-bakker (stage, mbo 2)"


def _baker_occupation() -> str:
    from backend.taxonomy import service as taxonomy

    matches = taxonomy.search_occupations("bakker", limit=5)
    if not matches:
        raise RuntimeError("the reference data has no occupation 'bakker': import it first")
    return str(matches[0].id)


def seed_demo_vacancies() -> list[str]:
    """Create the demo employer's function and vacancies when they are missing."""
    from backend.accounts.demo import DEMO_PASSWORD
    from backend.errors import DomainError

    try:
        # Through the accounts service, as the demo employer would log in.
        user_id = accounts.authenticate(DEMO_EMPLOYER, DEMO_PASSWORD).id
    except DomainError:
        return [f"{DEMO_EMPLOYER} is missing (or its password changed): no demo vacancies"]
    organisations = accounts.list_organisations(user_id)
    if not organisations:
        return [f"{DEMO_EMPLOYER} has no organisation: no demo vacancies"]
    organisation = organisations[0]
    session = db.read_session()
    if session.scalar(
        select(Vacancy.id).where(
            Vacancy.organisation_id == organisation.id, Vacancy.title == OPEN_TITLE
        )
    ):
        return ["demo vacancies: exist"]
    function_id = session.scalar(
        select(JobFunction.id).where(
            JobFunction.organisation_id == organisation.id, JobFunction.title == FUNCTION_TITLE
        )
    )
    if function_id is None:
        function = service.create_function(
            user_id,
            organisation.id,
            {
                "occupation_id": _baker_occupation(),
                "title": FUNCTION_TITLE,
                "description": "Je helpt in de bakkerij: deeg maken, brood en koek bakken, "
                "de winkel vullen en schoonmaken.",
                "tasks": ["Deeg afwegen en kneden", "Ovens vullen en legen", "Schoonmaken"],
                "hours_per_week_min": 8,
                "hours_per_week_max": 24,
            },
        )
        function_id = function["id"]
    start = db.utcnow().date() + timedelta(days=(7 - db.utcnow().weekday()) % 7 or 7)
    early = {"mon": ["morning"], "tue": ["morning"], "wed": ["morning"]}
    open_vacancy = service.create_vacancy(
        user_id,
        {
            "function_id": function_id,
            "title": OPEN_TITLE,
            "kind": "job",
            "hiring_mode": "open",
            "schedule": early,
            "hours_per_week": 12,
            "start_date": start,
            "places": 3,
            "min_age": 16,
        },
    )
    service.publish_vacancy(user_id, open_vacancy["id"])
    regular = service.create_vacancy(
        user_id,
        {
            "function_id": function_id,
            "title": REGULAR_TITLE,
            "kind": "stage",
            "hiring_mode": "regular",
            "schedule": {"thu": ["morning", "afternoon"], "fri": ["morning", "afternoon"]},
            "hours_per_week": 16,
            "start_date": start + timedelta(days=28),
            "end_date": start + timedelta(days=28 + 180),
            "places": 1,
        },
    )
    service.publish_vacancy(user_id, regular["id"])
    return [
        f"demo vacancy (open hiring): created, /vacatures/{open_vacancy['id']}",
        f"demo vacancy (stage): created, /vacatures/{regular['id']}",
    ]
