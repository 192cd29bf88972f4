"""Account services: hashing, sessions and the admin command."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from backend import db
from backend.accounts import passwords, service
from backend.accounts.models import AuthSession, Role, User
from backend.errors import InvalidInput
from tests.conftest import PASSWORD


def test_passwords_are_hashed_with_argon2id(make_user: Any) -> None:
    user = make_user()
    stored = db.read_session().scalar(select(User.password_hash).where(User.id == user.id))
    assert stored is not None
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_password_rules() -> None:
    assert passwords.password_problem("paars-fiets-regen-42") is None
    assert passwords.password_problem("x" * 9) is not None
    assert passwords.password_problem("Welkom01!!!") is not None
    assert passwords.password_problem("annie-rules-2026", username="annie") is not None


def test_verify_rejects_unknown_hash() -> None:
    assert passwords.verify_password(None, "whatever-password") is False
    assert passwords.verify_password("not-a-hash", "whatever-password") is False


def test_admin_cannot_self_register(app: Flask) -> None:
    with pytest.raises(InvalidInput) as info:
        service.register(username="boss", password=PASSWORD, email=None, role=Role.ADMIN)
    assert info.value.errors == {"role": [info.value.errors["role"][0]]}


def test_prune_sessions_removes_only_old_ones(app: Flask, make_user: Any) -> None:
    user = make_user()
    old = service.start_session(user.id, client="api", lifetime=timedelta(days=-3))
    live = service.start_session(user.id, client="api", lifetime=timedelta(days=3))
    assert service.prune_sessions() == 1
    ids = set(db.read_session().scalars(select(AuthSession.id)))
    assert ids == {live.session_id}
    assert old.session_id not in ids


def test_create_admin_command(app: Flask) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create-admin", "--username", "beheer", "--password-stdin"],
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    user = db.read_session().scalar(select(User).where(User.username_key == "beheer"))
    assert user is not None and user.role == Role.ADMIN
    weak = runner.invoke(
        args=["users", "create-admin", "--username", "beheer2", "--password-stdin"],
        input="short\n",
    )
    assert weak.exit_code != 0
    assert "10 characters" in weak.output


def test_demo_seed_is_idempotent(app: Flask) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed", "demo"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["seed", "demo"])
    assert second.exit_code == 0
    assert second.output.count("exists") == 5
    roles = set(db.read_session().scalars(select(User.role)))
    assert roles == set(Role)
