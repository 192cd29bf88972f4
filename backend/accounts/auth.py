"""Tokens: JWT in __Host- cookies for the browser, Bearer for API clients.

Every token carries its login session (`sid`) and the session's absolute end (`sx`).
A token is refused when its session is revoked or over: that is the deny-list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, Response, after_this_request, current_app, jsonify
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    get_jwt,
    get_jwt_identity,
    get_jwt_request_location,
    set_access_cookies,
    set_refresh_cookies,
    unset_jwt_cookies,
    verify_jwt_in_request,
)
from flask_jwt_extended.exceptions import CSRFError

from backend.accounts import service, token_cache
from backend.accounts.models import Role, User
from backend.errors import Forbidden, error_body
from backend.extensions import jwt

F = TypeVar("F", bound=Callable[..., Any])


def _claims(user: User, tokens: service.SessionTokens) -> dict[str, Any]:
    return {
        "role": user.role.value,
        "sid": tokens.session_id,
        "sx": int(tokens.expires_at.timestamp()),
    }


def _access_expiry(session_end: datetime) -> timedelta:
    # Never let an access token outlive its session.
    lifetime: timedelta = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    return min(lifetime, session_end - datetime.now(UTC))


def _mint(user: User, tokens: service.SessionTokens) -> tuple[str, str]:
    claims = _claims(user, tokens)
    access = create_access_token(
        str(user.id), additional_claims=claims, expires_delta=_access_expiry(tokens.expires_at)
    )
    refresh = create_refresh_token(
        str(user.id),
        additional_claims=claims,
        expires_delta=tokens.expires_at - datetime.now(UTC),
    )
    return access, refresh


def log_in_browser(user: User) -> None:
    """Open a browser session: set the token cookies on this response."""
    tokens = service.start_session(
        user.id, client="browser", lifetime=current_app.config["SESSION_LIFETIME"]
    )
    access, refresh = _mint(user, tokens)
    max_age = int((tokens.expires_at - datetime.now(UTC)).total_seconds())

    @after_this_request
    def set_cookies(response: Response) -> Response:
        set_access_cookies(response, access, max_age=max_age)
        set_refresh_cookies(response, refresh, max_age=max_age)
        return response


def issue_api_tokens(user: User) -> dict[str, Any]:
    """Open an API-client session and return its Bearer tokens."""
    tokens = service.start_session(
        user.id, client="api", lifetime=current_app.config["SESSION_LIFETIME"]
    )
    access, refresh = _mint(user, tokens)
    return {
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "Bearer",
        "expires_in": int(_access_expiry(tokens.expires_at).total_seconds()),
    }


def _access_from_refresh_claims() -> str:
    claims = get_jwt()
    session_end = datetime.fromtimestamp(claims["sx"], UTC)
    keep = {k: claims[k] for k in ("role", "sid", "sx")}
    return create_access_token(
        claims["sub"], additional_claims=keep, expires_delta=_access_expiry(session_end)
    )


def refresh_browser_access() -> None:
    """Mint a new access cookie from the (already verified) refresh cookie."""
    access = _access_from_refresh_claims()

    @after_this_request
    def set_cookie(response: Response) -> Response:
        set_access_cookies(response, access)
        return response


def refresh_api_access() -> dict[str, Any]:
    """Mint a new access token from the (already verified) Bearer refresh token."""
    access = _access_from_refresh_claims()
    claims = get_jwt()
    remaining = datetime.fromtimestamp(claims["sx"], UTC) - datetime.now(UTC)
    return {
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": int(_access_expiry(datetime.now(UTC) + remaining).total_seconds()),
    }


def log_out() -> None:
    """Revoke the current session and clear the cookies."""
    service.revoke_session(get_jwt()["sid"])
    _clear_cookies()


def log_out_everywhere() -> None:
    """Revoke every session of the current user and clear the cookies."""
    service.revoke_all_sessions(current_user_id())
    _clear_cookies()


def _clear_cookies() -> None:
    @after_this_request
    def clear(response: Response) -> Response:
        unset_jwt_cookies(response)
        return response


def current_user_id() -> int:
    """Return the id of the user of the verified token."""
    return int(get_jwt_identity())


def current_role() -> Role:
    """Return the role carried by the verified token."""
    return Role(get_jwt()["role"])


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Require a valid access token whose user has one of `roles`."""

    def decorator(fn: F) -> F:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            verify_jwt_in_request()
            if current_role() not in roles:
                raise Forbidden("Your account type cannot do this.")
            return fn(*args, **kwargs)

        return cast(F, wrapper)

    return decorator


def _json_error(status: int, message: str, code: str) -> Response:
    resp = jsonify(error_body(status, message, code=code))
    resp.status_code = status
    return resp


def _renew_access_cookie(response: Response) -> Response:
    # Implicit refresh: a browser request whose access token has used more than half of
    # its life gets a fresh one, never past the session's absolute end.
    try:
        if get_jwt_request_location() != "cookies":
            return response
        claims = get_jwt()
    except RuntimeError:
        return response  # no token was verified in this request
    if not claims or claims.get("type") != "access" or response.status_code >= 400:
        return response
    lifetime: timedelta = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    left = datetime.fromtimestamp(claims["exp"], UTC) - datetime.now(UTC)
    session_end = datetime.fromtimestamp(claims["sx"], UTC)
    if left < lifetime / 2 and session_end - datetime.now(UTC) > left:
        keep = {k: claims[k] for k in ("role", "sid", "sx")}
        token = create_access_token(
            claims["sub"], additional_claims=keep, expires_delta=_access_expiry(session_end)
        )
        set_access_cookies(response, token)
    return response


def init_app(app: Flask) -> None:
    """Install the token checks and their JSON errors."""
    token_cache.sessions.configure(app.config["SESSION_CHECK_SECONDS"])
    jwt.forget_verified_tokens()

    @jwt.token_in_blocklist_loader
    def is_revoked(_header: dict[str, Any], payload: dict[str, Any]) -> bool:
        return not service.session_is_active(payload.get("sid"), int(payload["sub"]))

    @jwt.unauthorized_loader
    def missing(reason: str) -> Response:
        return _json_error(401, "Log in first.", "unauthorized")

    @jwt.invalid_token_loader
    def invalid(reason: str) -> Response:
        return _json_error(401, "Your login is not valid. Log in again.", "invalid_token")

    @jwt.expired_token_loader
    def expired(_header: dict[str, Any], _payload: dict[str, Any]) -> Response:
        return _json_error(401, "Your login has expired.", "token_expired")

    @jwt.revoked_token_loader
    def revoked(_header: dict[str, Any], _payload: dict[str, Any]) -> Response:
        return _json_error(401, "You are logged out. Log in again.", "token_revoked")

    @app.errorhandler(CSRFError)
    def csrf_failed(_exc: CSRFError) -> Response:
        return _json_error(403, "The CSRF header is missing or wrong.", "csrf_failed")

    app.after_request(_renew_access_cookie)
