"""Factories for the learning tests: providers with an organisation, and offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask

from backend.accounts import service as accounts
from backend.learning import service
from tests.matching import conftest as matching_factories
from tests.matching.conftest import KOK, essential_skills
from tests.vacancies.conftest import token_headers

# The matching factories, as fixtures here too.
make_employer = matching_factories.make_employer
make_person = matching_factories.make_person
make_job = matching_factories.make_job


@dataclass
class Provider:
    user: Any
    headers: dict[str, str]
    org_id: int


@pytest.fixture
def make_provider(app: Flask, make_user: Any) -> Any:
    """Create a provider account with its own organisation."""

    def factory(name: str = "ROC Amsterdam", postcode: str = "1012") -> Provider:
        user = make_user("provider")
        org = accounts.create_organisation(user.id, name=name, postcode=postcode)
        return Provider(user=user, headers=token_headers(app, user), org_id=org.id)

    return factory


def offer_fields(**overrides: Any) -> dict[str, Any]:
    """A complete offer body: a cooking course in Amsterdam teaching three kok skills."""
    return {
        "title": "Basiscursus koken",
        "description": "Je leert de basis van het koken in een echte keuken.",
        "kind": "cursus",
        "skill_ids": essential_skills(KOK)[:3],
        "occupation_ids": [KOK],
        "entry_level": 1,
        "result_level": 2,
        "postcode": "1012",
        "duration_weeks": 8,
        "hours_per_week": 4,
        "cost": "gratis",
        "start_dates": ["2027-01-11", "2027-03-01"],
        "places": 12,
        "url": "https://example.nl/koken",
        **overrides,
    }


@pytest.fixture
def make_offer(make_provider: Any) -> Any:
    """Create an offer through the service (a cooking course unless told otherwise)."""

    def factory(provider: Provider | None = None, **overrides: Any) -> dict[str, Any]:
        provider = provider or make_provider()
        return service.create_offer(provider.user.id, provider.org_id, offer_fields(**overrides))

    return factory


__all__ = ["Provider", "offer_fields"]
