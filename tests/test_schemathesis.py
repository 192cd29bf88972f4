"""Property-based API testing: every documented operation, generated inputs, no 5xx,
and every response matches the OpenAPI document (status, content type, body, headers)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.openapi import from_wsgi

from backend.accounts import auth
from backend.accounts.models import Role

# A token per role: each operation is called as the kind of account it is meant for.
ROLE_FOR_PREFIX = [
    ("/api/v1/open-hiring/employer", Role.EMPLOYER),
    ("/api/v1/open-hiring/admin", Role.ADMIN),
    ("/api/v1/open-hiring", Role.JOBSEEKER),
    # Regular hiring: the organisation reads interests, a jobseeker shows hers.
    ("/api/v1/vacancies/{vacancy_id}/interests", Role.EMPLOYER),
    ("/api/v1/vacancies/{vacancy_id}/interest", Role.JOBSEEKER),
    ("/api/v1/vacancies/my-interests", Role.JOBSEEKER),
    ("/api/v1/vacancies", Role.EMPLOYER),
    ("/api/v1/matches", Role.JOBSEEKER),
    ("/api/v1/learning/advice", Role.JOBSEEKER),
    ("/api/v1/learning", Role.PROVIDER),
    ("/api/v1/functions", Role.EMPLOYER),
    ("/api/v1/notifications", Role.JOBSEEKER),
    ("/api/v1/organisations", Role.EMPLOYER),
    ("/api/v1/profiles", Role.EMPLOYER),
    ("/api/v1/selfie", Role.JOBSEEKER),
    ("/api/v1/sync", Role.JOBSEEKER),
    ("/api/v1/me", Role.JOBSEEKER),
]
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


@pytest.fixture
def api_schema(app: Flask) -> Any:
    return from_wsgi("/api/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def tokens(app: Flask, make_user: Any) -> dict[Role, Any]:
    """Make one user per role; return a function that opens a fresh session for it."""
    users = {role: make_user(role.value, username=f"st-{role.value}") for role in Role}

    def fresh(role: Role) -> str:
        with app.test_request_context():
            return str(auth.issue_api_tokens(users[role])["access_token"])

    return {role: (lambda r=role: fresh(r)) for role in Role}


def _role_for(path: str) -> Role:
    return next(
        (role for prefix, role in ROLE_FOR_PREFIX if path.startswith(prefix)), Role.JOBSEEKER
    )


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case: Any, tokens: dict[Role, Any]) -> None:
    # A fresh session per call: a generated logout must not starve the next example.
    token = tokens[_role_for(case.path)]()
    # The WSGI transport hands the body over as sent: ask for it uncompressed.
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, checks=CHECKS)
