"""Demo accounts for `make run`: one per role, with organisations."""

from __future__ import annotations

from sqlalchemy import select

from backend import db
from backend.accounts import service
from backend.accounts.models import Role, User

DEMO_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105 (demo accounts of `make run`, documented)
DEMO_USERS = [
    ("demo-werkzoekende", Role.JOBSEEKER, None),
    ("demo-werkgever", Role.EMPLOYER, ("Bakkerij De Open Deur", "1012")),
    ("demo-opleider", Role.PROVIDER, ("Leerhuis Utrecht", "3511")),
    ("demo-analist", Role.ANALYST, None),
    ("demo-admin", Role.ADMIN, None),
]


def seed_demo_accounts() -> list[str]:
    """Create the demo accounts that do not exist yet; describe what was done."""
    done = []
    for username, role, org in DEMO_USERS:
        exists = db.read_session().scalar(
            select(User.id).where(User.username_key == username.lower())
        )
        if exists:
            done.append(f"{username}: exists")
            continue
        user = service.create_user(username=username, password=DEMO_PASSWORD, role=role)
        if org:
            service.create_organisation(user.id, name=org[0], postcode=org[1])
        done.append(f"{username} ({role.value}): created, password {DEMO_PASSWORD}")
    return done
