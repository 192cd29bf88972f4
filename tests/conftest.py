"""Test set-up shared by every domain: one database per run (SQLite or PostgreSQL).

TEST_DATABASE_URL picks the database; without it a fresh SQLite file is used. The schema
is built by the real migrations, the reference data by the real importer, once per run.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Settings must be in place before the backend is imported (huey reads them at import).
_TMP = Path(tempfile.mkdtemp(prefix="zelf-test-"))
os.environ["INSTANCE_PATH"] = str(_TMP / "instance")
os.environ["HUEY_IMMEDIATE"] = "1"
os.environ.pop("REDIS_URL", None)
os.environ.pop("DATABASE_URL", None)

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, delete, text

from backend import create_app, db
from backend.all_models import accounts_models
from backend.config import DEFAULT_PUSH_HOSTS
from backend.extensions import limiter

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{_TMP / 'test.db'}"
IS_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")


def reset_database(url: str) -> None:
    """Drop everything in the test database, so a run starts from nothing."""
    if url.startswith("postgresql"):
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.fixture(scope="session")
def database_url() -> str:
    return TEST_DATABASE_URL


@pytest.fixture(scope="session")
def app() -> Iterator[Flask]:
    reset_database(TEST_DATABASE_URL)
    db.upgrade_database(TEST_DATABASE_URL)
    application = create_app(
        {
            "DATABASE_URL": TEST_DATABASE_URL,
            "TESTING": True,
            "HUEY_IMMEDIATE": True,
            # The test client speaks https: the auth cookies are Secure and __Host- prefixed.
            "PREFERRED_URL_SCHEME": "https",
            # The local push service of tests/notifications/push_service.py: plain http
            # on 127.0.0.1, any port. Nothing else may be a push endpoint.
            "PUSH_ALLOWED_HOSTS": [*DEFAULT_PUSH_HOSTS, "127.0.0.1:*"],
            "PUSH_REQUIRE_HTTPS": False,
            "PUSH_TIMEOUT_SECONDS": 3,
        }
    )
    with application.app_context():
        from backend.taxonomy import importer

        importer.import_all()
    yield application
    db.Session.remove()
    db.engine().dispose()


def _data_tables() -> list[Any]:
    # Everything but reference data is wiped between tests.
    return [t for t in reversed(db.Base.metadata.sorted_tables) if not t.info.get("reference_data")]


@pytest.fixture(autouse=True)
def _clean_state(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "app" not in request.fixturenames:
        return
    db.Session.remove()
    with db.engine().begin() as conn:
        for table in _data_tables():
            conn.execute(delete(table))
    limiter.reset()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


PASSWORD = "paars-fiets-regen-42"


@pytest.fixture
def make_user(app: Flask) -> Any:
    """Create a user directly through the accounts service."""
    from backend.accounts import service

    counter = {"n": 0}

    def factory(
        role: str = "jobseeker",
        *,
        username: str | None = None,
        password: str = PASSWORD,
        email: str | None = None,
    ) -> accounts_models.User:
        counter["n"] += 1
        name = username or f"{role}{counter['n']}"
        return service.create_user(
            username=name, password=password, email=email, role=accounts_models.Role(role)
        )

    return factory


def csrf_headers(client: FlaskClient) -> dict[str, str]:
    """Return the CSRF double-submit header for a cookie-authenticated write."""
    cookie = client.get_cookie("__Host-csrf-access")
    assert cookie is not None, "not logged in"
    return {"X-CSRF-TOKEN": cookie.value}


@pytest.fixture
def login(client: FlaskClient, make_user: Any) -> Any:
    """Log in (cookies) as a new user of `role`; return the user."""

    def do_login(role: str = "jobseeker", **kwargs: Any) -> accounts_models.User:
        user = make_user(role, **kwargs)
        resp = client.post(
            "/api/v1/auth/login",
            json={"username": user.username, "password": kwargs.get("password", PASSWORD)},
        )
        assert resp.status_code == 200, resp.get_json()
        return user

    return do_login


@pytest.fixture
def bearer(client: FlaskClient, make_user: Any) -> Any:
    """Return Authorization headers for a new user of `role` (the API-client flow)."""

    def get(role: str = "jobseeker", **kwargs: Any) -> dict[str, str]:
        user = make_user(role, **kwargs)
        resp = client.post(
            "/api/v1/auth/token",
            json={"username": user.username, "password": kwargs.get("password", PASSWORD)},
        )
        assert resp.status_code == 200, resp.get_json()
        return {"Authorization": f"Bearer {resp.get_json()['access_token']}"}

    return get
