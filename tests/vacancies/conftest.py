"""Factories for the FunctieHuis tests: employers with an organisation, functions, vacancies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask

from backend.accounts import auth
from backend.accounts import service as accounts
from backend.vacancies import service

KOK = "90f75f67-495d-49fa-ab57-2f320e251d7e"  # ESCO "kok"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


def token_headers(app: Flask, user: Any) -> dict[str, str]:
    """Bearer headers for a user (a fresh API session)."""
    with app.test_request_context():
        token = auth.issue_api_tokens(user)["access_token"]
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Employer:
    """An employer account, its Bearer headers and its organisation."""

    user: Any
    headers: dict[str, str]
    org_id: int


@dataclass
class MadeVacancy:
    id: int
    employer: Employer
    data: dict[str, Any] = field(default_factory=dict)


def next_monday() -> date:
    today = date.today()
    return today + timedelta(days=7 - today.weekday())


def vacancy_fields(**overrides: Any) -> dict[str, Any]:
    """A complete vacancy body (without function_id)."""
    return {
        "kind": "job",
        "hiring_mode": "regular",
        "schedule": {"mon": ["morning"], "wed": ["morning", "afternoon"]},
        "hours_per_week": 16,
        "start_date": next_monday(),
        "places": 2,
        **overrides,
    }


@pytest.fixture
def make_employer(app: Flask, make_user: Any) -> Any:
    """Create an employer with an organisation (through the accounts service)."""

    def factory(name: str = "Bakkerij De Open Deur", postcode: str = "1012") -> Employer:
        user = make_user("employer")
        org = accounts.create_organisation(user.id, name=name, postcode=postcode)
        return Employer(user=user, headers=token_headers(app, user), org_id=org.id)

    return factory


@pytest.fixture
def make_function(make_employer: Any) -> Any:
    """Create a function (from ESCO "kok") for an employer's organisation."""

    def factory(employer: Employer | None = None, **fields: Any) -> dict[str, Any]:
        employer = employer or make_employer()
        data = {
            "occupation_id": KOK,
            "title": "Hulpkok",
            "description": "Je helpt in de keuken: groenten snijden, afwassen, opruimen.",
            **fields,
        }
        return service.create_function(employer.user.id, employer.org_id, data)

    return factory


@pytest.fixture
def make_vacancy(make_employer: Any, make_function: Any) -> Any:
    """Create a vacancy (published unless publish=False) through the service."""

    def factory(
        employer: Employer | None = None, *, publish: bool = True, **fields: Any
    ) -> MadeVacancy:
        employer = employer or make_employer()
        function = make_function(employer)
        data = vacancy_fields(**fields)
        made = service.create_vacancy(employer.user.id, {"function_id": function["id"], **data})
        if publish:
            made = service.publish_vacancy(employer.user.id, made["id"])
        return MadeVacancy(id=made["id"], employer=employer, data=made)

    return factory


__all__ = [
    "KOK",
    "UNKNOWN_ID",
    "Employer",
    "MadeVacancy",
    "make_employer",
    "make_function",
    "make_vacancy",
    "next_monday",
    "token_headers",
    "vacancy_fields",
]
