"""Consent, export and erasure: what an employer sees, what the person gets, what is left."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select, text

from backend import db
from tests.conftest import PASSWORD, csrf_headers
from tests.selfie.conftest import Device, bearer_for, complete_sections, new_key

ANONYMOUS_FIELDS = {
    "profile_id",
    "visibility",
    "skills",
    "region",
    "availability",
    "education_level",
    "languages",
}
HIDDEN_WHEN_ANONYMOUS = [
    "display_name",
    "contact",
    "birth_year",
    "postcode",
    "max_distance_km",
    "travel",
    "experience",
    "education",
    "wishes",
    "interests",
]


def profile_id(seeker: Device) -> str:
    return str(seeker.client.get("/api/v1/selfie", headers=seeker.headers).get_json()["profile_id"])


def view(seeker: Device, employer: dict[str, str], pid: str | None = None) -> Any:
    return seeker.client.get(f"/api/v1/profiles/{pid or profile_id(seeker)}", headers=employer)


def share(seeker: Device, **visibility: Any) -> None:
    resp = seeker.put("visibility", {"statistics": True, **visibility})
    assert resp.status_code == 200, resp.get_json()


class TestEmployerView:
    def test_employers_only(self, seeker: Device) -> None:
        seeker.fill(complete_sections())
        assert view(seeker, seeker.headers).status_code == 403

    def test_nothing_without_consent(self, seeker: Device, employer: dict[str, str]) -> None:
        sections = complete_sections()
        del sections["visibility"]
        seeker.fill(sections)
        resp = view(seeker, employer)
        assert resp.status_code == 404
        unknown = view(seeker, employer, "x" * 22)
        assert unknown.status_code == 404
        assert resp.get_json() == unknown.get_json()  # "not shared" looks like "no such id"
        share(seeker, employers="none")
        assert view(seeker, employer).status_code == 404

    def test_the_user_id_is_not_the_profile_id(
        self, seeker: Device, employer: dict[str, str]
    ) -> None:
        seeker.fill(complete_sections())
        assert view(seeker, employer, str(seeker.user.id)).status_code == 404
        assert profile_id(seeker) != str(seeker.user.id)

    def test_anonymous_profile_hides_who_the_person_is(
        self, seeker: Device, employer: dict[str, str]
    ) -> None:
        seeker.fill(complete_sections())  # visibility: anonymous
        resp = view(seeker, employer)
        assert resp.status_code == 200
        body = resp.get_json()
        assert set(body) == ANONYMOUS_FIELDS
        for hidden in HIDDEN_WHEN_ANONYMOUS:
            assert hidden not in body, hidden
        assert body["visibility"] == "anonymous"
        assert body["region"]["name"]
        assert "constraints" not in body["availability"]  # free text may say who it is
        assert body["availability"]["days_per_week"] == 2
        assert body["education_level"]["code"] == "MBO_2"
        assert body["languages"]["dutch"]["speaking"] == "B1"
        assert len(body["skills"]) == 2
        raw = resp.get_data(as_text=True)
        for secret in ("Sanne", "06 12345678", "sanne@example.nl", "1012", "1980", "moeder"):
            assert secret not in raw, secret

    def test_full_profile_shows_the_shared_sections(
        self, seeker: Device, employer: dict[str, str]
    ) -> None:
        seeker.fill(complete_sections())
        share(seeker, employers="full")
        body = view(seeker, employer).get_json()
        assert body["visibility"] == "full"
        assert body["display_name"] == "Sanne"
        assert body["contact"] == {
            "contact_methods": ["app", "phone"],
            "phone": "06 12345678",
            "email": "sanne@example.nl",
        }
        assert body["birth_year"] == 1980
        assert body["postcode"] == "1012"
        assert body["experience"][0]["label"] == "kok"
        assert body["interests"]["holland_code"]
        assert "visibility" not in json.dumps(body["availability"])

    def test_only_shared_sections_are_shown(self, seeker: Device, employer: dict[str, str]) -> None:
        seeker.fill(complete_sections())
        share(seeker, employers="full", shared_sections=["skills", "languages"])
        body = view(seeker, employer).get_json()
        assert set(body) == {"profile_id", "visibility", "skills", "languages"}
        share(seeker, employers="anonymous", shared_sections=[])
        assert set(view(seeker, employer).get_json()) == {"profile_id", "visibility"}

    def test_draft_sections_are_not_shown(self, seeker: Device, employer: dict[str, str]) -> None:
        seeker.fill({"basics": {"display_name": "Sanne"}, "skills": {"entries": []}})
        share(seeker, employers="full")
        body = view(seeker, employer).get_json()
        assert set(body) == {"profile_id", "visibility"}


class TestExport:
    def test_export_holds_account_selfie_revisions_and_consents(self, seeker: Device) -> None:
        seeker.put("basics", {"display_name": "Eerst"}, key=new_key())
        seeker.fill(complete_sections())
        resp = seeker.client.get("/api/v1/me/export", headers=seeker.headers)
        assert resp.status_code == 200
        body = resp.get_json()
        assert body["exported_at"]
        data = body["data"]
        assert data["account"]["username"] == seeker.user.username
        assert "password_hash" not in json.dumps(data)
        assert data["account"]["login_sessions"]
        selfie = data["selfie"]
        assert selfie["sections"]["basics"]["data"]["display_name"] == "Sanne"
        assert selfie["sections"]["basics"]["version"] == 2
        basics = [r["data"] for r in selfie["revisions"] if r["section"] == "basics"]
        assert basics[0] == {"display_name": "Eerst"}
        assert selfie["consents"] == {
            "employers": "anonymous",
            "shared_sections": sorted(n for n in selfie["sections"] if n != "visibility"),
            "statistics": True,
        }
        assert len(selfie["idempotency_keys"]) == 1
        # Every domain that keeps data about people is in it, also when it has none.
        assert data["vacancy_interests"] == {"interests": []}
        assert data["open_hiring"] == {"places": [], "events": []}
        assert data["notifications"] == {"inbox": [], "preferences": None, "push_devices": []}
        assert data["checkins"] == []

    def test_default_consents(self, seeker: Device) -> None:
        body = seeker.client.get("/api/v1/me/export", headers=seeker.headers).get_json()
        consents = body["data"]["selfie"]["consents"]
        assert consents["employers"] == "none"
        assert consents["statistics"] is True

    def test_any_account_can_export(self, client: FlaskClient, employer: dict[str, str]) -> None:
        resp = client.get("/api/v1/me/export", headers=employer)
        assert resp.status_code == 200
        assert resp.get_json()["data"]["account"]["role"] == "employer"


def rows_about(user_id: int) -> dict[str, int]:
    """Count, in every table that refers to user_account, the rows about this user."""
    engine = db.engine()
    inspector = inspect(engine)
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for table in inspector.get_table_names():
            for fk in inspector.get_foreign_keys(table):
                if fk["referred_table"] != "user_account":
                    continue
                for column in fk["constrained_columns"]:
                    n = conn.execute(
                        text(f'SELECT count(*) FROM "{table}" WHERE "{column}" = :uid'),  # noqa: S608
                        {"uid": user_id},
                    ).scalar_one()
                    counts[f"{table}.{column}"] = int(n)
        counts["user_account.id"] = int(
            conn.execute(
                text("SELECT count(*) FROM user_account WHERE id = :uid"), {"uid": user_id}
            ).scalar_one()
        )
    return counts


class TestErasure:
    def test_every_user_column_has_a_cascading_foreign_key(self) -> None:
        # Erasure relies on it: a new table about people must refer to the account.
        for table in db.Base.metadata.sorted_tables:
            for column in table.columns:
                if column.name == "user_id":
                    fks = list(column.foreign_keys)
                    assert fks, f"{table.name}.user_id has no foreign key"
                    assert all(fk.ondelete == "CASCADE" for fk in fks), table.name

    @pytest.mark.usefixtures("app")
    def test_erase_needs_the_password(self, seeker: Device) -> None:
        seeker.fill(complete_sections())
        resp = seeker.client.delete(
            "/api/v1/me", json={"password": "niet-het-wachtwoord"}, headers=seeker.headers
        )
        assert resp.status_code == 422
        assert resp.get_json()["code"] == "wrong_password"
        assert rows_about(seeker.user.id)["selfie_section.user_id"] == 10

    def test_erase_leaves_no_row_about_the_person(
        self, app: Flask, client: FlaskClient, make_user: Any, seeker: Device
    ) -> None:
        other = Device(client, bearer_for(app, make_user("jobseeker")))
        other.fill({"basics": {"display_name": "Blijft"}})
        for n in range(3):
            seeker.put("basics", {"display_name": f"v{n}"}, key=new_key())
        seeker.fill({k: v for k, v in complete_sections().items() if k != "basics"})
        client.post(
            "/api/v1/auth/login", json={"username": seeker.user.username, "password": PASSWORD}
        )
        before = rows_about(seeker.user.id)
        assert before["selfie_revision.user_id"] > 10
        assert before["idempotency_record.user_id"] == 3
        assert before["match_profile.user_id"] == 1
        assert before["auth_session.user_id"] >= 2

        resp = client.delete(
            "/api/v1/me", json={"password": PASSWORD}, headers=csrf_headers(client)
        )
        assert resp.status_code == 204
        cookies = " ".join(resp.headers.getlist("Set-Cookie"))
        assert "__Host-access=;" in cookies

        after = rows_about(seeker.user.id)
        assert set(after) >= {
            "selfie_section.user_id",
            "selfie_revision.user_id",
            "selfie_profile.user_id",
            "idempotency_record.user_id",
            "match_profile.user_id",
            "auth_session.user_id",
            "membership.user_id",
            "queue_place.user_id",
            "queue_event.user_id",
            "notification.user_id",
            "vacancy_interest.user_id",
            "user_account.id",
        }
        assert after == dict.fromkeys(after, 0)
        # The person's tokens die with the account; other people keep their data.
        assert seeker.get("basics").status_code == 401
        assert other.get("basics").get_json()["data"] == {"display_name": "Blijft"}

    def test_an_employer_can_erase_too(
        self, app: Flask, client: FlaskClient, make_user: Any
    ) -> None:
        user = make_user("employer")
        headers = bearer_for(app, user)
        created = client.post(
            "/api/v1/organisations",
            json={"name": "Bakkerij", "postcode": "1012"},
            headers=headers,
        )
        assert created.status_code == 201
        resp = client.delete("/api/v1/me", json={"password": PASSWORD}, headers=headers)
        assert resp.status_code == 204
        assert rows_about(user.id) == dict.fromkeys(rows_about(user.id), 0)
        with db.engine().connect() as conn:
            # The organisation itself is not the person's data; it stays.
            assert conn.execute(select(text("count(*)")).select_from(text("organisation"))).scalar()
