"""Accounts: users, login sessions (the token deny-list) and organisations."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from backend import db
from backend.accounts import token_cache
from backend.accounts.models import (
    AuthSession,
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from backend.accounts.passwords import (
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from backend.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized

USERNAME_RE = re.compile(r"^[A-Za-z0-9._-]{3,40}$")
SELF_REGISTER_ROLES = {Role.JOBSEEKER, Role.EMPLOYER, Role.PROVIDER}
ORG_KIND_FOR_ROLE = {
    Role.EMPLOYER: OrganisationKind.EMPLOYER,
    Role.PROVIDER: OrganisationKind.PROVIDER,
}


class InvalidCredentials(Unauthorized):
    code = "invalid_credentials"


@dataclass(frozen=True)
class SessionTokens:
    """What a new login session needs to mint its tokens."""

    session_id: str
    expires_at: datetime


def _username_taken() -> InvalidInput:
    return InvalidInput(
        "username", "This username is taken. Choose another one.", code="username_taken"
    )


def _check_username(username: str) -> None:
    if not USERNAME_RE.match(username):
        raise InvalidInput("username", "Use 3 to 40 letters, digits, dots, dashes or underscores.")


def create_user(
    *, username: str, password: str, email: str | None = None, role: Role = Role.JOBSEEKER
) -> User:
    """Create an account of any role (admin tooling, demo data, tests)."""
    _check_username(username)
    problem = password_problem(password, username=username)
    if problem:
        code, message = problem
        raise InvalidInput("password", message, code=code)
    email = email.strip().lower() if email else None
    with db.transaction() as session:
        if session.scalar(select(User.id).where(User.username_key == username.lower())):
            raise _username_taken()
        if email and session.scalar(select(User.id).where(User.email == email)):
            raise InvalidInput(
                "email", "This e-mail address is already in use.", code="email_taken"
            )
        user = User(
            username=username,
            username_key=username.lower(),
            email=email,
            password_hash=hash_password(password),
            role=role,
        )
        session.add(user)
        try:
            session.flush()
        except IntegrityError as exc:
            # Two registrations raced for the same name; the loser gets the same 422.
            raise _username_taken() from exc
    return user


def register(*, username: str, password: str, email: str | None, role: Role) -> User:
    """Self-register: jobseekers, employers and providers only."""
    if role not in SELF_REGISTER_ROLES:
        raise InvalidInput("role", "This role cannot be chosen when you register.")
    return create_user(username=username, password=password, email=email, role=role)


def authenticate(identifier: str, password: str) -> User:
    """Return the user for a username (or e-mail) and password; same error for any miss."""
    key = identifier.strip().lower()
    with db.transaction() as session:
        column = User.email if "@" in key else User.username_key
        user = session.scalar(select(User).where(column == key))
        ok = verify_password(user.password_hash if user else None, password)
        if user is None or not ok or not user.is_active:
            raise InvalidCredentials("The username or the password is not right.")
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = db.utcnow()
    return user


def start_session(user_id: int, *, client: str, lifetime: timedelta) -> SessionTokens:
    """Open a login session with an absolute end."""
    expires_at = db.utcnow() + lifetime
    session_id = str(uuid.uuid4())
    with db.transaction() as session:
        session.add(
            AuthSession(id=session_id, user_id=user_id, expires_at=expires_at, client=client)
        )
    return SessionTokens(session_id=session_id, expires_at=expires_at)


# The session check runs on every request whose session is not remembered (a first
# request, or one more than SESSION_CHECK_SECONDS after the last check). Built once, on
# the table's columns: a select of the ORM's attributes goes through the ORM's loading
# and cost twice as much (docs/performance.md, "Open-hiring sign-ups").
_SESSIONS = cast(Table, AuthSession.__table__)
_ACTIVE_SESSION = select(_SESSIONS.c.user_id, _SESSIONS.c.expires_at).where(
    _SESSIONS.c.id == bindparam("session_id"), _SESSIONS.c.revoked_at.is_(None)
)


def session_is_active(session_id: str | None, user_id: int) -> bool:
    """Tell whether tokens of this session may still be used."""
    if not session_id:
        return False
    known = token_cache.sessions.get(session_id)
    if known is None:
        row = db.read_session().execute(_ACTIVE_SESSION, {"session_id": session_id}).first()
        if row is None:
            return False
        known = (row.user_id, row.expires_at)
        token_cache.sessions.put(session_id, *known)
    owner, expires_at = known
    return owner == user_id and expires_at > db.utcnow()


def revoke_session(session_id: str) -> None:
    """Revoke one login session (log out)."""
    with db.transaction() as session:
        session.execute(
            update(AuthSession)
            .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=db.utcnow())
        )
    token_cache.sessions.forget(session_id)


def revoke_all_sessions(user_id: int) -> int:
    """Revoke every session of a user (log out everywhere); return how many."""
    with db.transaction() as session:
        result = session.execute(
            update(AuthSession)
            .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=db.utcnow())
        )
    token_cache.sessions.forget()  # their ids are not at hand; forgetting all is cheap
    return int(getattr(result, "rowcount", 0) or 0)


def prune_sessions(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete sessions that ended more than `older_than` ago; their tokens are expired."""
    cutoff = db.utcnow() - older_than
    with db.transaction() as session:
        result = session.execute(delete(AuthSession).where(AuthSession.expires_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)


def get_user(user_id: int) -> User:
    """Return a user, or raise NotFound."""
    user = db.read_session().get(User, user_id)
    if user is None or not user.is_active:
        raise Unauthorized("This account does not exist anymore.")
    return user


def get_profile(user_id: int) -> dict[str, object]:
    """Return the account with the organisations the user belongs to."""
    user = get_user(user_id)
    rows = db.read_session().execute(
        select(Organisation, Membership.role)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.user_id == user_id)
        .order_by(Organisation.name)
    )
    return {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "role": user.role,
        "created_at": user.created_at,
        "organisations": [
            {"id": org.id, "name": org.name, "kind": org.kind, "member_role": role}
            for org, role in rows
        ],
    }


# --- Organisations -----------------------------------------------------------------


def _require_role(user: User, *roles: Role) -> None:
    if user.role not in roles:
        raise Forbidden("Your account type cannot do this.")


def _check_postcode(postcode: str) -> str:
    from backend.taxonomy import service as taxonomy

    pc4 = taxonomy.normalise_postcode(postcode)
    if pc4 is None or taxonomy.find_postcode(pc4) is None:
        raise InvalidInput("postcode", "We do not know this postcode.")
    return pc4


def create_organisation(
    user_id: int, *, name: str, postcode: str, kvk_number: str | None = None
) -> Organisation:
    """Create an employer or provider organisation; its creator becomes the owner."""
    user = get_user(user_id)
    _require_role(user, Role.EMPLOYER, Role.PROVIDER)
    pc4 = _check_postcode(postcode)
    with db.transaction() as session:
        if kvk_number and session.scalar(
            select(Organisation.id).where(Organisation.kvk_number == kvk_number)
        ):
            raise InvalidInput("kvk_number", "An organisation with this KvK number exists.")
        org = Organisation(
            name=name.strip(),
            kind=ORG_KIND_FOR_ROLE[user.role],
            postcode=pc4,
            kvk_number=kvk_number,
        )
        session.add(org)
        session.flush()
        session.add(Membership(user_id=user.id, organisation_id=org.id, role=MemberRole.OWNER))
    return org


def require_membership(user_id: int, organisation_id: int) -> Membership:
    """Return the membership, or raise: not found for strangers, so ids do not leak."""
    membership = db.read_session().get(Membership, (user_id, organisation_id))
    if membership is None:
        if db.read_session().get(Organisation, organisation_id) is None:
            raise NotFound("This organisation does not exist.")
        raise Forbidden("You are not a member of this organisation.")
    return membership


def get_organisation(user_id: int, organisation_id: int) -> Organisation:
    """Return an organisation the user is a member of."""
    require_membership(user_id, organisation_id)
    org = db.read_session().get(Organisation, organisation_id)
    assert org is not None
    return org


def list_members(user_id: int, organisation_id: int) -> list[dict[str, object]]:
    """List the members of an organisation the user belongs to."""
    require_membership(user_id, organisation_id)
    rows = db.read_session().execute(
        select(User.id, User.username, Membership.role, Membership.created_at)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation_id)
        .order_by(func.lower(User.username))
    )
    return [
        {"user_id": uid, "username": name, "member_role": role, "joined_at": joined}
        for uid, name, role, joined in rows
    ]


def member_ids(organisation_id: int) -> list[int]:
    """Return the account ids of an organisation's members (for notifying them)."""
    return list(
        db.read_session().scalars(
            select(Membership.user_id)
            .where(Membership.organisation_id == organisation_id)
            .order_by(Membership.user_id)
        )
    )


def add_member(
    user_id: int, organisation_id: int, *, username: str, role: MemberRole = MemberRole.MEMBER
) -> dict[str, object]:
    """Add a colleague (an account of the matching role) to the organisation."""
    membership = require_membership(user_id, organisation_id)
    if membership.role != MemberRole.OWNER:
        raise Forbidden("Only an owner of the organisation can add colleagues.")
    with db.transaction() as session:
        org = session.get(Organisation, organisation_id)
        assert org is not None
        colleague = session.scalar(select(User).where(User.username_key == username.lower()))
        if colleague is None:
            raise InvalidInput("username", "There is no account with this username.")
        if ORG_KIND_FOR_ROLE.get(colleague.role) != org.kind:
            raise InvalidInput("username", f"This account is not a {org.kind.value} account.")
        if session.get(Membership, (colleague.id, organisation_id)) is not None:
            raise Conflict("This person is already a member.", code="already_member")
        new = Membership(user_id=colleague.id, organisation_id=organisation_id, role=role)
        session.add(new)
        session.flush()
        return {
            "user_id": colleague.id,
            "username": colleague.username,
            "member_role": new.role,
            "joined_at": new.created_at,
        }


def list_organisations(user_id: int) -> list[Organisation]:
    """List the organisations the user belongs to."""
    return list(
        db.read_session().scalars(
            select(Organisation)
            .join(Membership, Membership.organisation_id == Organisation.id)
            .where(Membership.user_id == user_id)
            .order_by(Organisation.name)
        )
    )


# --- The person's own data ---------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_account(user_id: int) -> dict[str, object]:
    """Return everything the accounts domain keeps about a person, JSON-ready."""
    user = get_user(user_id)
    session = db.read_session()
    sessions = session.scalars(
        select(AuthSession).where(AuthSession.user_id == user_id).order_by(AuthSession.created_at)
    )
    memberships = session.execute(
        select(Organisation.id, Organisation.name, Membership.role, Membership.created_at)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.user_id == user_id)
        .order_by(Organisation.name)
    )
    return {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "role": user.role.value,
        "is_active": user.is_active,
        "created_at": _iso(user.created_at),
        "last_login_at": _iso(user.last_login_at),
        "organisations": [
            {"id": oid, "name": name, "member_role": role.value, "joined_at": _iso(joined)}
            for oid, name, role, joined in memberships
        ],
        "login_sessions": [
            {
                "client": s.client,
                "created_at": _iso(s.created_at),
                "expires_at": _iso(s.expires_at),
                "revoked_at": _iso(s.revoked_at),
            }
            for s in sessions
        ],
    }


def erase_user(user_id: int, password: str, *, before: Callable[[], None] | None = None) -> None:
    """Erase an account and, through the foreign keys, everything linked to it.

    `before` runs once the password is confirmed, right before the rows go.
    """
    user = get_user(user_id)
    if not verify_password(user.password_hash, password):
        raise InvalidInput("password", "This is not your password.", code="wrong_password")
    if before is not None:
        before()
    with db.transaction() as session:
        # ON DELETE CASCADE on every table that refers to the account removes the rest.
        session.execute(delete(User).where(User.id == user_id))
    db.read_session().expunge_all()
    token_cache.sessions.forget()
