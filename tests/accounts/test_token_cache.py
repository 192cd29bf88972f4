"""The per-process token caches never accept what the full check would refuse.

Remembered tokens are still checked for expiry and CSRF; a revoked session is refused
at once in the process that revoked it, and by any other process after at most
SESSION_CHECK_SECONDS (simulated here by revoking straight in the database).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_jwt_extended import create_access_token
from sqlalchemy import update

from backend import db
from backend.accounts import service, token_cache
from backend.accounts.models import AuthSession
from backend.extensions import jwt
from tests.conftest import csrf_headers

ME = "/api/v1/auth/me"


@pytest.fixture
def session_seconds(app: Flask) -> Iterator[Any]:
    """Let a test set how long session checks are remembered; restore it after."""
    yield token_cache.sessions.configure
    token_cache.sessions.configure(app.config["SESSION_CHECK_SECONDS"])


def revoke_elsewhere(session_id: str) -> None:
    """Revoke a session the way another worker process would: only in the database."""
    with db.transaction() as session:
        session.execute(
            update(AuthSession).where(AuthSession.id == session_id).values(revoked_at=db.utcnow())
        )


def token_for(app: Flask, make_user: Any, *, seconds: float = 900) -> tuple[str, str]:
    user = make_user()
    with app.test_request_context():
        tokens = service.start_session(user.id, client="api", lifetime=timedelta(days=1))
        token = create_access_token(
            str(user.id),
            additional_claims={
                "role": "jobseeker",
                "sid": tokens.session_id,
                "sx": int(tokens.expires_at.timestamp()),
            },
            expires_delta=timedelta(seconds=seconds),
        )
    return token, tokens.session_id


def test_a_remembered_token_is_refused_once_it_expires(
    app: Flask, client: FlaskClient, make_user: Any
) -> None:
    token, _ = token_for(app, make_user, seconds=2)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(ME, headers=headers).status_code == 200
    assert token in jwt._verified  # the second use is answered from the cache
    assert client.get(ME, headers=headers).status_code == 200
    time.sleep(2.1)
    resp = client.get(ME, headers=headers)
    assert resp.status_code == 401
    assert resp.get_json()["code"] == "token_expired"


def test_a_changed_signature_is_refused_even_after_the_token_was_remembered(
    app: Flask, client: FlaskClient, make_user: Any
) -> None:
    token, _ = token_for(app, make_user)
    assert client.get(ME, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    head, payload, signature = token.split(".")
    forged = f"{head}.{payload}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    resp = client.get(ME, headers={"Authorization": f"Bearer {forged}"})
    assert resp.status_code == 401
    assert resp.get_json()["code"] == "invalid_token"


def test_a_remembered_cookie_token_still_needs_the_right_csrf_header(
    client: FlaskClient, login: Any
) -> None:
    login()
    good = csrf_headers(client)
    # A write with the right CSRF header remembers the token ...
    put = "/api/v1/selfie/sections/basics"
    body = {"display_name": "Sanne"}
    first = client.put(put, json=body, headers={**good, "If-None-Match": "*"})
    assert first.status_code in (200, 201), first.get_json()
    # ... and the same token with a wrong or missing header is still refused.
    wrong = client.put(put, json=body, headers={"X-CSRF-TOKEN": "x" * 36, "If-Match": '"1"'})
    assert wrong.status_code == 403
    assert wrong.get_json()["code"] == "csrf_failed"
    missing = client.put(put, json=body, headers={"If-Match": '"1"'})
    assert missing.status_code in (401, 403)


def test_logging_out_refuses_the_token_at_once_in_this_process(
    client: FlaskClient, bearer: Any
) -> None:
    headers = bearer()
    assert client.get(ME, headers=headers).status_code == 200  # now remembered
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    resp = client.get(ME, headers=headers)
    assert resp.status_code == 401
    assert resp.get_json()["code"] == "token_revoked"


def test_a_revocation_by_another_process_counts_within_the_check_seconds(
    app: Flask, client: FlaskClient, make_user: Any, session_seconds: Any
) -> None:
    session_seconds(1)
    token, session_id = token_for(app, make_user)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(ME, headers=headers).status_code == 200
    revoke_elsewhere(session_id)
    # This process checked the session less than a second ago: it may still trust it ...
    assert client.get(ME, headers=headers).status_code == 200
    time.sleep(1.1)
    # ... but no longer than SESSION_CHECK_SECONDS.
    resp = client.get(ME, headers=headers)
    assert resp.status_code == 401
    assert resp.get_json()["code"] == "token_revoked"


def test_with_zero_check_seconds_a_revocation_elsewhere_counts_at_once(
    app: Flask, client: FlaskClient, make_user: Any, session_seconds: Any
) -> None:
    session_seconds(0)
    token, session_id = token_for(app, make_user)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(ME, headers=headers).status_code == 200
    revoke_elsewhere(session_id)
    assert client.get(ME, headers=headers).status_code == 401


def test_a_remembered_session_of_another_user_is_refused(
    app: Flask, client: FlaskClient, make_user: Any
) -> None:
    token, session_id = token_for(app, make_user)
    assert client.get(ME, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    other = make_user()
    with app.test_request_context():
        forged = create_access_token(
            str(other.id), additional_claims={"role": "jobseeker", "sid": session_id, "sx": 0}
        )
    assert client.get(ME, headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_the_header_of_a_verified_token_is_parsed_once_and_only_after_verification(
    app: Flask, client: FlaskClient, make_user: Any
) -> None:
    import flask_jwt_extended.utils

    token, _ = token_for(app, make_user)
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert client.get(ME, headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    assert forged not in jwt._headers  # a token that failed never gets this far

    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(ME, headers=headers).status_code == 200
    assert jwt._headers[token] == flask_jwt_extended.utils.get_unverified_jwt_headers(token)
    assert jwt._headers[token]["alg"] == "HS256"
    assert client.get(ME, headers=headers).status_code == 200
