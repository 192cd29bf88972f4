"""Factories for the open-hiring tests: jobseekers with a selfie, open-hiring vacancies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update

from backend import db
from backend.open_hiring.models import QueuePlace
from backend.selfie import service as selfie
from tests.vacancies import conftest as vacancy_factories
from tests.vacancies.conftest import Employer, MadeVacancy, token_headers

# The FunctieHuis factories, as fixtures here too.
make_employer = vacancy_factories.make_employer
make_function = vacancy_factories.make_function
make_vacancy = vacancy_factories.make_vacancy


@dataclass
class Seeker:
    user: Any
    headers: dict[str, str]


@pytest.fixture
def make_seeker(app: Flask, make_user: Any) -> Any:
    """Create a jobseeker whose selfie has the basics (birth year, name, phone, e-mail)."""

    def factory(birth_year: int | None = 1990, **basics: Any) -> Seeker:
        user = make_user("jobseeker")
        data = {
            "display_name": f"Persoon {user.id}",
            "phone": "06 12345678",
            "email": f"persoon{user.id}@example.nl",
            **basics,
        }
        if birth_year is not None:
            data["birth_year"] = birth_year
        selfie.put_section(user.id, "basics", data, base_version=0)
        return Seeker(user=user, headers=token_headers(app, user))

    return factory


@pytest.fixture
def open_vacancy(make_vacancy: Any) -> Any:
    """Create a published open-hiring vacancy (2 places unless told otherwise)."""

    def factory(employer: Employer | None = None, **fields: Any) -> MadeVacancy:
        made: MadeVacancy = make_vacancy(employer, **{"hiring_mode": "open", **fields})
        return made

    return factory


def set_place(place_id: int, **values: Any) -> None:
    """Change a place behind the service's back (to move its clock)."""
    with db.transaction() as session:
        session.execute(update(QueuePlace).where(QueuePlace.id == place_id).values(**values))


def ago(**delta: Any) -> datetime:
    from datetime import timedelta

    return db.utcnow() - timedelta(**delta)


__all__ = ["Seeker", "ago", "set_place"]
