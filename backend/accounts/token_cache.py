"""Per-process caches that keep the token check off the hot path of every request.

Verifying a JWT costs two full decodes in flask-jwt-extended (one unverified, to find the
key, then the verified one), and the session deny-list costs a database read. A phone
sends the same access token for up to 15 minutes, so both are remembered:

- `CachingJWTManager` remembers tokens whose signature has been verified. A remembered
  token is still checked for expiry and CSRF on every use; anything unusual (expired,
  another CSRF value, `allow_expired`) goes the full way again.
- `SessionCache` remembers active login sessions for a few seconds
  (`SESSION_CHECK_SECONDS`, default 5; 0 turns it off). Revoking a session forgets it in
  this process at once; another worker process may accept its token for at most that
  many seconds more. See README, "Decisions".
"""

from __future__ import annotations

import threading
import time
from datetime import datetime
from hmac import compare_digest
from typing import Any

import flask_jwt_extended.utils
import flask_jwt_extended.view_decorators as jwt_views
from cachetools import LRUCache, TTLCache
from flask_jwt_extended import JWTManager

TOKEN_CACHE_SIZE = 4096
SESSION_CACHE_SIZE = 10_000


class CachingJWTManager(JWTManager):
    """flask-jwt-extended's manager, remembering tokens it has verified."""

    def __init__(self) -> None:
        super().__init__()
        self._verified: LRUCache[str, dict[str, Any]] = LRUCache(maxsize=TOKEN_CACHE_SIZE)
        self._headers: LRUCache[str, dict[str, Any]] = LRUCache(maxsize=TOKEN_CACHE_SIZE)
        self._lock = threading.Lock()

    def _decode_jwt_from_config(
        self, encoded_token: str, csrf_value: Any = None, allow_expired: bool = False
    ) -> dict[str, Any]:
        if not allow_expired:
            with self._lock:
                claims = self._verified.get(encoded_token)
            if claims is not None and _still_valid(claims, csrf_value):
                return dict(claims)
        claims = super()._decode_jwt_from_config(encoded_token, csrf_value, allow_expired)
        if not allow_expired:
            with self._lock:
                self._verified[encoded_token] = dict(claims)
        return claims

    def forget_verified_tokens(self) -> None:
        """Forget every remembered token (tests; a key rotation)."""
        with self._lock:
            self._verified.clear()
            self._headers.clear()

    def unverified_headers(self, encoded_token: str) -> dict[str, Any]:
        """Return a token's JOSE header, parsed once per token.

        flask-jwt-extended parses the header of every token again after decoding it
        (`get_unverified_jwt_headers`), which PyJWT does character by character: a few
        percent of a selfie write. It only asks after the token passed
        `decode_token`, so a header remembered here is one of a verified token.
        """
        with self._lock:
            header = self._headers.get(encoded_token)
        if header is None:
            header = _parse_headers(encoded_token)
            with self._lock:
                self._headers[encoded_token] = header
        return dict(header)


# The function the view decorators call (`view_decorators` imported it by name).
_parse_headers = flask_jwt_extended.utils.get_unverified_jwt_headers


def remember_headers(manager: CachingJWTManager) -> None:
    """Let flask-jwt-extended's request check use the manager's remembered headers."""
    setattr(jwt_views, "get_unverified_jwt_headers", manager.unverified_headers)  # noqa: B010


def _still_valid(claims: dict[str, Any], csrf_value: Any) -> bool:
    # Expired, or a CSRF value to compare: let the full decode decide and raise.
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp <= time.time():
        return False
    if csrf_value:
        expected = claims.get("csrf")
        return isinstance(expected, str) and compare_digest(expected, str(csrf_value))
    return True


class SessionCache:
    """Active login sessions, remembered for a few seconds per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ttl = 0.0
        self._entries: TTLCache[str, tuple[int, datetime]] = TTLCache(maxsize=1, ttl=1)

    def configure(self, seconds: float) -> None:
        """Set how long a session check is remembered (0: not at all)."""
        with self._lock:
            self._ttl = seconds
            self._entries = TTLCache(maxsize=SESSION_CACHE_SIZE, ttl=max(seconds, 0.001))

    def get(self, session_id: str) -> tuple[int, datetime] | None:
        """Return (user id, session end) of a remembered active session."""
        if self._ttl <= 0:
            return None
        with self._lock:
            return self._entries.get(session_id)

    def put(self, session_id: str, user_id: int, expires_at: datetime) -> None:
        """Remember that a session is active."""
        if self._ttl <= 0:
            return
        with self._lock:
            self._entries[session_id] = (user_id, expires_at)

    def forget(self, session_id: str | None = None) -> None:
        """Forget one session, or all of them."""
        with self._lock:
            if session_id is None:
                self._entries.clear()
            else:
                self._entries.pop(session_id, None)


sessions = SessionCache()
