"""Helpers for the selfie tests: a jobseeker speaking the sync protocol, and test data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from backend.accounts import auth
from tests.conftest import PASSWORD

KOK = "90f75f67-495d-49fa-ab57-2f320e251d7e"  # ESCO "kok"
POSTCODE = "1012"  # Amsterdam
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


def riasec_answers(value: int = 3, per_type: int = 4) -> dict[str, int]:
    """Answers to the first `per_type` items of every type."""
    from backend.selfie import riasec

    answers: dict[str, int] = {}
    for kind in riasec.TYPES:
        for item in [i for i in riasec.ITEMS if i.type == kind][:per_type]:
            answers[item.id] = value
    return answers


def complete_sections() -> dict[str, dict[str, Any]]:
    """A whole selfie in which every section is complete (skills need a real skill id)."""
    from backend.taxonomy import service as taxonomy

    skills = taxonomy.get_occupation(KOK).essential_skills
    return {
        "basics": {
            "display_name": "Sanne",
            "birth_year": 1980,
            "phone": "06 12345678",
            "email": "sanne@example.nl",
            "preferred_language": "nl",
            "contact_methods": ["app", "phone"],
        },
        "location": {
            "postcode": "1012 AB",
            "max_distance_km": 15,
            "travel_modes": ["bike", "public_transport"],
            "has_driving_licence": False,
        },
        "availability": {
            "days_per_week": 2,
            "schedule": {"mon": ["morning"], "wed": ["morning", "afternoon"]},
            "hours_per_week_min": 8,
            "hours_per_week_max": 16,
            "constraints": "Ik zorg voor mijn moeder op vrijdag.",
        },
        "experience": {
            "entries": [
                {
                    "occupation_id": KOK,
                    "kind": "paid",
                    "start": "2015-03",
                    "end": "2019-06",
                    "description": "Koken in een restaurant.",
                },
                {"title": "Mantelzorg", "kind": "informal", "start": "2020-01", "ongoing": True},
            ]
        },
        "skills": {
            "entries": [
                {"skill_id": str(skills[0].id), "level": 3, "source": "from_experience"},
                {"skill_id": str(skills[1].id), "level": 2, "source": "self"},
            ]
        },
        "education": {
            "highest_level": "MBO_2",
            "diplomas": [{"name": "Kok", "level": "MBO_2", "year": 2014, "completed": True}],
            "studying_now": False,
        },
        "languages": {
            "dutch": {"understanding": "B1", "speaking": "B1", "writing": "A2"},
            "others": [
                {"language": "ar", "understanding": "C2", "speaking": "C2", "writing": "B2"}
            ],
        },
        "wishes": {"occupation_ids": [KOK], "work_kinds": ["job", "open_hiring"]},
        "interests": {"answers": riasec_answers(4)},
        "visibility": {"employers": "anonymous", "statistics": True},
    }


@dataclass
class Device:
    """One phone of a jobseeker: its own view of each section's version."""

    client: FlaskClient
    headers: dict[str, str]
    versions: dict[str, int] = field(default_factory=dict)
    user: Any = None

    def get(self, name: str) -> Any:
        return self.client.get(f"/api/v1/selfie/sections/{name}", headers=self.headers)

    def put(
        self,
        name: str,
        data: Any,
        *,
        version: int | str | None = "known",
        key: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """PUT a section; `version` "known" uses the last version this device saw."""
        extra = dict(headers or {})
        if version == "known":
            version = self.versions.get(name, 0)
        if version == 0:
            extra["If-None-Match"] = "*"
        elif version is not None:
            extra["If-Match"] = f'"{version}"'
        if key is not None:
            extra["Idempotency-Key"] = key
        resp = self.client.put(
            f"/api/v1/selfie/sections/{name}", json=data, headers={**self.headers, **extra}
        )
        if resp.status_code == 200:
            self.versions[name] = resp.get_json()["version"]
        elif resp.status_code == 412:
            self.versions[name] = resp.get_json()["current"]["version"]
        return resp

    def fill(self, sections: dict[str, dict[str, Any]]) -> None:
        for name, data in sections.items():
            resp = self.put(name, data)
            assert resp.status_code == 200, resp.get_json()

    def sync(self, operations: list[dict[str, Any]]) -> Any:
        return self.client.post(
            "/api/v1/sync", json={"operations": operations}, headers=self.headers
        )


def bearer_for(app: Flask, user: Any) -> dict[str, str]:
    with app.test_request_context():
        token = auth.issue_api_tokens(user)["access_token"]
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def seeker(app: Flask, client: FlaskClient, make_user: Any) -> Device:
    """A jobseeker's phone, with a Bearer token."""
    user = make_user("jobseeker")
    return Device(client, bearer_for(app, user), user=user)


@pytest.fixture
def employer(app: Flask, make_user: Any) -> dict[str, str]:
    return bearer_for(app, make_user("employer"))


def new_key() -> str:
    return str(uuid.uuid4())


__all__ = ["KOK", "PASSWORD", "POSTCODE", "UNKNOWN_ID", "Device", "complete_sections", "new_key"]
