"""Settings from the environment, with safe defaults."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def web_workers() -> int:
    """gunicorn's sync workers: WEB_CONCURRENCY, else two per core this process may use.

    A sync worker serves one request at a time and waits while the database commits, so
    one per core leaves the cores idle during those waits. Measured on 2 cores
    (docs/performance.md, "Selfie writes"): 4 workers wrote 15-30% more selfie sections
    per second than 2; 5 (gunicorn's rule: twice the cores plus one) did no better, with
    a worse p99.
    """
    configured = os.environ.get("WEB_CONCURRENCY", "").strip()
    if configured:
        return int(configured)
    return 2 * len(os.sched_getaffinity(0))


def instance_path() -> Path:
    """Return the instance folder (secrets, the SQLite files); create it if needed."""
    path = Path(os.environ.get("INSTANCE_PATH", PROJECT_ROOT / "instance")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _random_secret() -> str:
    return secrets.token_urlsafe(64)


def _new_vapid_key() -> str:
    # A fresh P-256 key pair for VAPID (RFC 8292), as PEM.
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _secret(name: str, filename: str, make: Callable[[], str] = _random_secret) -> str:
    # A secret set in the environment wins; otherwise it is generated once into the
    # instance folder (mode 0600) so restarts keep sessions valid. Never committed.
    value = os.environ.get(name)
    if value:
        return value
    path = instance_path() / filename
    if not path.exists():
        # Write to a private temporary file, then link it into place: when two processes
        # start at once, one link wins and both read the same secret.
        tmp = path.with_name(f".{filename}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(make())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()


def insights_directory() -> Path:
    """Return the folder that holds the published insights (one subfolder per publication)."""
    configured = os.environ.get("INSIGHTS_DIR")
    return Path(configured).resolve() if configured else instance_path() / "insights"


# Minute, hour, day of month, month, day of week (UTC): Mondays at 03:30.
DEFAULT_INSIGHTS_SCHEDULE = "30 3 * * 1"


def insights_schedule() -> tuple[str, str, str, str, str]:
    """Return when the periodic task publishes insights: five cron fields (UTC)."""
    raw = os.environ.get("INSIGHTS_PUBLISH_CRON") or DEFAULT_INSIGHTS_SCHEDULE
    fields = raw.split()
    if len(fields) != 5:
        raise ValueError(
            f"INSIGHTS_PUBLISH_CRON must have five fields (minute hour day month weekday), "
            f"not {raw!r}"
        )
    minute, hour, day, month, weekday = fields
    return minute, hour, day, month, weekday


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def _list(name: str, default: tuple[str, ...]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


# The browsers' push services: Chrome (FCM), Firefox (autopush), Safari (Apple) and
# Edge (WNS). Nothing else may receive our requests (SSRF).
DEFAULT_PUSH_HOSTS = (
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "*.push.apple.com",
    "*.notify.windows.com",
)


def load_settings() -> dict[str, Any]:
    """Build the Flask config from the environment."""
    inst = instance_path()
    redis_url = os.environ.get("REDIS_URL") or None
    return {
        "INSTANCE_PATH": str(inst),
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{inst / 'zelf.db'}"),
        "REDIS_URL": redis_url,
        "SECRET_KEY": _secret("SECRET_KEY", "secret_key"),
        # API and OpenAPI (flask-smorest)
        "API_TITLE": "Zelf aan het Werk API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
        # Tokens (flask-jwt-extended): cookies for the browser, Bearer for API clients.
        "JWT_SECRET_KEY": _secret("JWT_SECRET_KEY", "jwt_secret_key"),
        "JWT_TOKEN_LOCATION": ["headers", "cookies"],
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(minutes=_int("ACCESS_TOKEN_MINUTES", 15)),
        "SESSION_LIFETIME": timedelta(days=_int("SESSION_LIFETIME_DAYS", 30)),
        # How long a worker process trusts its last check that a session is not revoked.
        "SESSION_CHECK_SECONDS": _int("SESSION_CHECK_SECONDS", 5),
        "JWT_ACCESS_COOKIE_NAME": "__Host-access",
        "JWT_REFRESH_COOKIE_NAME": "__Host-refresh",
        "JWT_ACCESS_CSRF_COOKIE_NAME": "__Host-csrf-access",
        "JWT_REFRESH_CSRF_COOKIE_NAME": "__Host-csrf-refresh",
        "JWT_ACCESS_COOKIE_PATH": "/",
        "JWT_REFRESH_COOKIE_PATH": "/",
        "JWT_ACCESS_CSRF_COOKIE_PATH": "/",
        "JWT_REFRESH_CSRF_COOKIE_PATH": "/",
        "JWT_COOKIE_SECURE": True,
        "JWT_COOKIE_SAMESITE": "Strict",
        "JWT_COOKIE_CSRF_PROTECT": True,
        "JWT_CSRF_IN_COOKIES": True,
        "JWT_SESSION_COOKIE": False,
        # Rate limits (flask-limiter): in memory by default, Redis when REDIS_URL is set.
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "REGISTER_RATE_LIMIT": os.environ.get("REGISTER_RATE_LIMIT", "10 per minute"),
        # Compression (flask-compress) of the routes marked for it; the app shell is
        # compressed at build time instead (backend/webapp.py).
        "COMPRESS_REGISTER": False,
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_MIMETYPES": ["application/json"],
        # Task queue (huey)
        "HUEY_IMMEDIATE": _bool("HUEY_IMMEDIATE", False),
        # Regional insights: where publications are written, and when (see tasks.py).
        "INSIGHTS_DIR": str(insights_directory()),
        "INSIGHTS_PUBLISH_CRON": " ".join(insights_schedule()),
        # Where Flask finds the built PWA.
        "PWA_DIST": os.environ.get("PWA_DIST", str(PROJECT_ROOT / "pwa" / "dist")),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # Behind N trusted reverse proxies: take the client address and scheme from their
        # X-Forwarded-* headers (rate limits per real client, HSTS over HTTPS). 0 = none.
        "TRUSTED_PROXIES": _int("TRUSTED_PROXIES", 0),
        # Web Push (backend/notifications/push.py). The VAPID private key (PEM, or the
        # raw key in base64url) is generated once into the instance folder unless set.
        "VAPID_PRIVATE_KEY": _secret("VAPID_PRIVATE_KEY", "vapid_private_key.pem", _new_vapid_key),
        "VAPID_SUBJECT": os.environ.get("VAPID_SUBJECT", "mailto:beheer@zelfaanhetwerk.nl"),
        # Push services a subscription may point at: host names, `*.suffix` for a whole
        # domain, and `host:port` or `host:*` to allow a port other than 443.
        "PUSH_ALLOWED_HOSTS": _list("PUSH_ALLOWED_HOSTS", DEFAULT_PUSH_HOSTS),
        # Only tests talk to a plain-http push service on 127.0.0.1.
        "PUSH_REQUIRE_HTTPS": _bool("PUSH_REQUIRE_HTTPS", True),
        "PUSH_TIMEOUT_SECONDS": float(os.environ.get("PUSH_TIMEOUT_SECONDS", "10")),
        "PUSH_CONCURRENCY": _int("PUSH_CONCURRENCY", 64),
    }
