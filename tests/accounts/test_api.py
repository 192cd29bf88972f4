"""Registration, login, tokens, revocation and rate limits through the HTTP API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_jwt_extended import create_access_token

from tests.conftest import PASSWORD, csrf_headers

GOOD = "blauwe-tram-zingt-7"


def register(client: FlaskClient, **body: Any) -> Any:
    return client.post(
        "/api/v1/auth/register", json={"username": "sanne", "password": GOOD, **body}
    )


class TestRegistration:
    def test_register_logs_in_with_host_cookies(self, client: FlaskClient) -> None:
        resp = register(client)
        assert resp.status_code == 201
        body = resp.get_json()
        assert body["username"] == "sanne"
        assert body["role"] == "jobseeker"
        assert body["email"] is None
        cookies = resp.headers.getlist("Set-Cookie")
        access = next(c for c in cookies if c.startswith("__Host-access="))
        assert "HttpOnly" in access and "Secure" in access and "SameSite=Strict" in access
        assert "Path=/" in access and "Domain" not in access
        csrf = next(c for c in cookies if c.startswith("__Host-csrf-access="))
        assert "HttpOnly" not in csrf
        assert client.get("/api/v1/auth/me").get_json()["username"] == "sanne"

    def test_email_is_optional_and_stored_lowercase(self, client: FlaskClient) -> None:
        resp = register(client, email="Sanne@Example.NL")
        assert resp.status_code == 201
        assert resp.get_json()["email"] == "sanne@example.nl"

    @pytest.mark.parametrize(
        ("password", "fragment", "code"),
        [
            ("kort", "at least 10", "password_too_short"),
            ("a" * 129, "at most 128", "password_too_long"),
            ("password123", "too common", "password_too_common"),
            ("wachtwoord2024!", "too common", "password_too_common"),
            ("1234567890", "too common", "password_too_common"),
            ("aaaaaaaaaaaa", "too easy", "password_too_simple"),
            ("ik-ben-sanne-echt", "username", "password_contains_username"),
        ],
    )
    def test_weak_short_and_overlong_passwords(
        self, client: FlaskClient, password: str, fragment: str, code: str
    ) -> None:
        resp = register(client, password=password)
        assert resp.status_code == 422
        body = resp.get_json()
        assert body["code"] == code
        assert list(body["errors"]) == ["password"]
        assert fragment in body["errors"]["password"][0]
        assert "password" in body["message"]

    def test_duplicate_username_case_insensitive(self, client: FlaskClient) -> None:
        assert register(client).status_code == 201
        other = client.application.test_client()
        resp = register(other, username="SANNE")
        assert resp.status_code == 422
        assert list(resp.get_json()["errors"]) == ["username"]
        assert resp.get_json()["code"] == "username_taken"

    def test_duplicate_email(self, client: FlaskClient) -> None:
        assert register(client, email="a@example.nl").status_code == 201
        resp = register(client, username="other", email="A@example.nl")
        assert resp.status_code == 422
        assert list(resp.get_json()["errors"]) == ["email"]
        assert resp.get_json()["code"] == "email_taken"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"username": "ab"}, "username"),
            ({"username": "with space"}, "username"),
            ({"email": "not-an-email"}, "email"),
            ({"role": "admin"}, "role"),
            ({"role": "analyst"}, "role"),
            ({"role": "astronaut"}, "role"),
            ({"surprise": 1}, "surprise"),
        ],
    )
    def test_invalid_fields_are_named(
        self, client: FlaskClient, body: dict[str, Any], field: str
    ) -> None:
        resp = register(client, **body)
        assert resp.status_code == 422
        assert field in resp.get_json()["errors"]

    def test_missing_body_fields(self, client: FlaskClient) -> None:
        resp = client.post("/api/v1/auth/register", json={})
        assert resp.status_code == 422
        assert set(resp.get_json()["errors"]) == {"username", "password"}

    def test_employer_and_provider_may_self_register(self, client: FlaskClient) -> None:
        assert register(client, username="baas", role="employer").status_code == 201
        assert register(client, username="school", role="provider").status_code == 201


class TestLogin:
    def test_login_with_username_or_email(self, client: FlaskClient, make_user: Any) -> None:
        make_user(username="piet", email="piet@example.nl")
        for ident in ("piet", "PIET", "piet@example.nl"):
            resp = client.post("/api/v1/auth/login", json={"username": ident, "password": PASSWORD})
            assert resp.status_code == 200, ident

    def test_wrong_password_and_unknown_user_look_the_same(
        self, client: FlaskClient, make_user: Any
    ) -> None:
        make_user(username="piet")
        wrong = client.post("/api/v1/auth/login", json={"username": "piet", "password": "x" * 12})
        unknown = client.post(
            "/api/v1/auth/login", json={"username": "nobody-here", "password": "x" * 12}
        )
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.get_json() == unknown.get_json()
        assert wrong.get_json()["code"] == "invalid_credentials"

    def test_eleventh_login_in_a_minute_is_refused(
        self, client: FlaskClient, make_user: Any
    ) -> None:
        make_user(username="piet")
        codes = [
            client.post(
                "/api/v1/auth/login", json={"username": "piet", "password": "wrong-password!"}
            ).status_code
            for _ in range(11)
        ]
        assert codes[:10] == [401] * 10
        assert codes[10] == 429
        last = client.post("/api/v1/auth/login", json={"username": "piet", "password": PASSWORD})
        assert last.status_code == 429
        assert last.get_json()["code"] == "too_many_requests"
        assert "Retry-After" in last.headers

    def test_registration_is_rate_limited(self, client: FlaskClient) -> None:
        codes = [register(client, username=f"user{i}", password="x").status_code for i in range(11)]
        assert codes[:10] == [422] * 10
        assert codes[10] == 429

    def test_api_tokens_are_rate_limited(self, client: FlaskClient) -> None:
        body = {"username": "nobody", "password": "wrong-password!"}
        codes = [client.post("/api/v1/auth/token", json=body).status_code for _ in range(11)]
        assert codes == [401] * 10 + [429]

    def test_other_routes_carry_no_limit(self, client: FlaskClient) -> None:
        # Only the routes with a limit of their own are checked (RouteLimiter).
        for _ in range(30):
            resp = client.get("/api/v1/taxonomy/education-levels")
            assert resp.status_code == 200
            assert "X-RateLimit-Limit" not in resp.headers

    def test_a_limit_for_every_route_is_refused(self) -> None:
        # It would never be checked: RouteLimiter skips the check before every request.
        from backend.extensions import RouteLimiter

        app = Flask(__name__)
        with pytest.raises(RuntimeError, match="decorated routes only"):
            RouteLimiter(
                lambda: "x", app=app, default_limits=["10 per minute"], storage_uri="memory://"
            )


class TestCookiesAndCsrf:
    def test_write_without_csrf_header_is_refused(self, client: FlaskClient, login: Any) -> None:
        login()
        resp = client.post("/api/v1/auth/logout")
        assert resp.status_code in (401, 403)
        assert resp.get_json()["code"] == "csrf_failed"
        # The session is still alive: nothing was revoked.
        assert client.get("/api/v1/auth/me").status_code == 200

    def test_write_with_wrong_csrf_header_is_refused(self, client: FlaskClient, login: Any) -> None:
        login()
        resp = client.post("/api/v1/auth/logout", headers={"X-CSRF-TOKEN": "guess"})
        assert resp.status_code in (401, 403)

    def test_logout_revokes_the_session(self, client: FlaskClient, login: Any) -> None:
        login()
        access = client.get_cookie("__Host-access")
        assert access is not None
        stolen = access.value
        assert client.post("/api/v1/auth/logout", headers=csrf_headers(client)).status_code == 204
        assert client.get_cookie("__Host-access") is None
        # The old token, replayed as a Bearer token, is revoked.
        resp = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {stolen}"})
        assert resp.status_code == 401
        assert resp.get_json()["code"] == "token_revoked"

    def test_refresh_cookie_renews_access(self, client: FlaskClient, login: Any) -> None:
        login()
        client.delete_cookie("__Host-access")
        assert client.get("/api/v1/auth/me").status_code == 401
        csrf = client.get_cookie("__Host-csrf-refresh")
        assert csrf is not None
        resp = client.post("/api/v1/auth/refresh", headers={"X-CSRF-TOKEN": csrf.value})
        assert resp.status_code == 200
        assert client.get("/api/v1/auth/me").status_code == 200

    def test_implicit_refresh_near_expiry(
        self, app: Flask, client: FlaskClient, login: Any
    ) -> None:
        user = login()
        me = client.get("/api/v1/auth/me")
        assert not any(c.startswith("__Host-access=") for c in me.headers.getlist("Set-Cookie"))
        # Replace the access cookie with one that has only a minute left in the same session.
        access = client.get_cookie("__Host-access")
        assert access is not None
        from flask_jwt_extended import decode_token

        with app.app_context():
            claims = decode_token(access.value)
            short = create_access_token(
                str(user.id),
                additional_claims={k: claims[k] for k in ("role", "sid", "sx")},
                expires_delta=timedelta(minutes=1),
            )
        client.set_cookie("__Host-access", short, secure=True)
        resp = client.get("/api/v1/auth/me")
        assert resp.status_code == 200
        assert any(c.startswith("__Host-access=") for c in resp.headers.getlist("Set-Cookie"))


class TestBearerTokens:
    def test_token_endpoint_and_bearer_access(self, client: FlaskClient, make_user: Any) -> None:
        make_user(username="api-user")
        resp = client.post(
            "/api/v1/auth/token", json={"username": "api-user", "password": PASSWORD}
        )
        assert resp.status_code == 200
        body = resp.get_json()
        assert body["token_type"] == "Bearer"
        assert set(body) >= {"access_token", "refresh_token", "expires_in"}
        assert not resp.headers.getlist("Set-Cookie")
        me = client.get(
            "/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
        )
        assert me.status_code == 200
        assert me.get_json()["username"] == "api-user"

    def test_bearer_write_needs_no_csrf(self, client: FlaskClient, bearer: Any) -> None:
        headers = bearer()
        assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
        assert client.get("/api/v1/auth/me", headers=headers).status_code == 401

    def test_refresh_token_is_not_an_access_token(
        self, client: FlaskClient, make_user: Any
    ) -> None:
        make_user(username="api-user")
        tokens = client.post(
            "/api/v1/auth/token", json={"username": "api-user", "password": PASSWORD}
        ).get_json()
        refresh = {"Authorization": f"Bearer {tokens['refresh_token']}"}
        assert client.get("/api/v1/auth/me", headers=refresh).status_code == 401
        renewed = client.post("/api/v1/auth/token/refresh", headers=refresh)
        assert renewed.status_code == 200
        access = {"Authorization": f"Bearer {renewed.get_json()['access_token']}"}
        assert client.get("/api/v1/auth/me", headers=access).status_code == 200
        # ...and an access token cannot refresh.
        old_access = {"Authorization": f"Bearer {tokens['access_token']}"}
        assert client.post("/api/v1/auth/token/refresh", headers=old_access).status_code == 401

    def test_expired_token(self, app: Flask, client: FlaskClient, bearer: Any) -> None:
        headers = bearer()
        from flask_jwt_extended import decode_token

        with app.app_context():
            claims = decode_token(headers["Authorization"].split()[1])
            expired = create_access_token(
                claims["sub"],
                additional_claims={k: claims[k] for k in ("role", "sid", "sx")},
                expires_delta=timedelta(seconds=-5),
            )
        resp = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {expired}"})
        assert resp.status_code == 401
        assert resp.get_json()["code"] == "token_expired"

    def test_garbage_and_forged_tokens(self, client: FlaskClient, bearer: Any) -> None:
        for token in ("garbage", "a.b.c", bearer()["Authorization"].split()[1][:-4] + "AAAA"):
            resp = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
            assert resp.status_code == 401, token
            assert resp.get_json()["code"] in {"invalid_token", "unauthorized"}

    def test_logout_everywhere_revokes_every_session(
        self, client: FlaskClient, make_user: Any
    ) -> None:
        make_user(username="multi")
        creds = {"username": "multi", "password": PASSWORD}
        phone = client.post("/api/v1/auth/token", json=creds).get_json()
        laptop = client.post("/api/v1/auth/token", json=creds).get_json()
        phone_h = {"Authorization": f"Bearer {phone['access_token']}"}
        laptop_h = {"Authorization": f"Bearer {laptop['access_token']}"}
        assert client.post("/api/v1/auth/logout-everywhere", headers=phone_h).status_code == 204
        assert client.get("/api/v1/auth/me", headers=laptop_h).status_code == 401
        laptop_refresh = {"Authorization": f"Bearer {laptop['refresh_token']}"}
        assert client.post("/api/v1/auth/token/refresh", headers=laptop_refresh).status_code == 401

    def test_session_has_an_absolute_end(self, app: Flask, client: FlaskClient) -> None:
        from backend.accounts import service
        from backend.accounts.models import Role

        user = service.create_user(username="short-lived", password=PASSWORD, role=Role.JOBSEEKER)
        tokens = service.start_session(user.id, client="api", lifetime=timedelta(seconds=-1))
        with app.app_context():
            claims = {"role": "jobseeker", "sid": tokens.session_id, "sx": 0}
            token = create_access_token(str(user.id), additional_claims=claims)
        resp = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert resp.status_code == 401


class TestOrganisations:
    def test_employer_creates_organisation_and_adds_colleague(
        self, client: FlaskClient, bearer: Any, make_user: Any
    ) -> None:
        boss = bearer("employer", username="baas")
        make_user("employer", username="collega")
        resp = client.post(
            "/api/v1/organisations",
            json={"name": "Bakkerij Brood", "postcode": "1012 AB", "kvk_number": "12345678"},
            headers=boss,
        )
        assert resp.status_code == 201, resp.get_json()
        org = resp.get_json()
        assert org["kind"] == "employer"
        assert org["postcode"] == "1012"
        added = client.post(
            f"/api/v1/organisations/{org['id']}/members", json={"username": "collega"}, headers=boss
        )
        assert added.status_code == 201
        members = client.get(f"/api/v1/organisations/{org['id']}/members", headers=boss).get_json()
        assert {m["username"] for m in members} == {"baas", "collega"}
        again = client.post(
            f"/api/v1/organisations/{org['id']}/members", json={"username": "collega"}, headers=boss
        )
        assert again.status_code == 409
        me = client.get("/api/v1/auth/me", headers=boss).get_json()
        assert me["organisations"] == [
            {"id": org["id"], "name": "Bakkerij Brood", "kind": "employer", "member_role": "owner"}
        ]

    def test_employer_cannot_act_for_another_organisation(
        self, client: FlaskClient, bearer: Any, make_user: Any
    ) -> None:
        owner = bearer("employer", username="eigenaar")
        stranger = bearer("employer", username="vreemde")
        make_user("employer", username="slachtoffer")
        org = client.post(
            "/api/v1/organisations", json={"name": "Zorg BV", "postcode": "3511"}, headers=owner
        ).get_json()
        for method, path, body in [
            ("get", f"/api/v1/organisations/{org['id']}", None),
            ("get", f"/api/v1/organisations/{org['id']}/members", None),
            ("post", f"/api/v1/organisations/{org['id']}/members", {"username": "slachtoffer"}),
        ]:
            resp = getattr(client, method)(path, json=body, headers=stranger)
            assert resp.status_code == 403, path
        assert client.get("/api/v1/organisations", headers=stranger).get_json() == []
        assert client.get("/api/v1/organisations/999999", headers=stranger).status_code == 404

    def test_member_who_is_not_owner_cannot_add(
        self, client: FlaskClient, bearer: Any, make_user: Any
    ) -> None:
        owner = bearer("employer", username="eigenaar")
        member = bearer("employer", username="lid")
        make_user("employer", username="derde")
        org = client.post(
            "/api/v1/organisations", json={"name": "Zorg BV", "postcode": "3511"}, headers=owner
        ).get_json()
        client.post(
            f"/api/v1/organisations/{org['id']}/members", json={"username": "lid"}, headers=owner
        )
        resp = client.post(
            f"/api/v1/organisations/{org['id']}/members", json={"username": "derde"}, headers=member
        )
        assert resp.status_code == 403
        assert client.get(f"/api/v1/organisations/{org['id']}", headers=member).status_code == 200

    def test_roles_and_kinds(self, client: FlaskClient, bearer: Any, make_user: Any) -> None:
        seeker = bearer("jobseeker")
        resp = client.post(
            "/api/v1/organisations", json={"name": "Mijn BV", "postcode": "3511"}, headers=seeker
        )
        assert resp.status_code == 403
        provider = bearer("provider", username="school")
        make_user("employer", username="werkgever")
        org = client.post(
            "/api/v1/organisations", json={"name": "ROC", "postcode": "3511"}, headers=provider
        ).get_json()
        assert org["kind"] == "provider"
        resp = client.post(
            f"/api/v1/organisations/{org['id']}/members",
            json={"username": "werkgever"},
            headers=provider,
        )
        assert resp.status_code == 422
        assert list(resp.get_json()["errors"]) == ["username"]

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"name": "X BV", "postcode": "0000"}, "postcode"),
            ({"name": "X BV", "postcode": "abcd"}, "postcode"),
            ({"name": "X BV", "postcode": "3511", "kvk_number": "123"}, "kvk_number"),
            ({"name": "", "postcode": "3511"}, "name"),
            ({"postcode": "3511"}, "name"),
        ],
    )
    def test_invalid_organisation_fields(
        self, client: FlaskClient, bearer: Any, body: dict[str, Any], field: str
    ) -> None:
        resp = client.post("/api/v1/organisations", json=body, headers=bearer("employer"))
        assert resp.status_code == 422
        assert field in resp.get_json()["errors"]
