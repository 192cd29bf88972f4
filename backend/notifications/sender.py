"""The Web Push sender: VAPID, aes128gcm (pywebpush), many requests in flight at once.

Flask-free and database-free: it takes messages and returns what each push service
answered. `delivery` decides what to send and what an answer means for the person.

- The VAPID header (RFC 8292) is signed once per push-service origin and reused until
  it is VAPID_REUSE old; its token says `exp` = signing time + VAPID_LIFETIME, so a
  header is never used within an hour of its expiry (the RFC's limit is 24 h).
- Every request has a timeout and never follows a redirect (a push service answers
  201; a redirect could point anywhere).
- pywebpush encrypts (aes128gcm, RFC 8291, `WebPusher.encode`) and aiohttp posts, on
  one event loop per process in its own thread with one session: connections stay open
  between batches, and up to `concurrency` requests are in flight at once. (A
  requests.Session per thread in a thread pool was a third slower here: the threads
  fought over the GIL.) Sending is CPU-bound: a fan-out wants one worker process per
  core (`flask worker --worker-type process`).
"""

from __future__ import annotations

import asyncio
import atexit
import ipaddress
import logging
import os
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import aiohttp
from py_vapid import Vapid02
from py_vapid.utils import b64urlencode
from pywebpush import WebPusher

log = logging.getLogger(__name__)

VAPID_LIFETIME = 12 * 3600  # the token's exp, from signing
VAPID_REUSE = 11 * 3600  # how long a signed header is reused
MAX_PAYLOAD = 3000  # bytes of JSON before encryption (push services take 4 kB after it)


@dataclass(frozen=True)
class PushSettings:
    """What the sender needs from the app's configuration."""

    vapid_private_key: str
    vapid_subject: str
    allowed_hosts: tuple[str, ...]
    require_https: bool = True
    timeout: float = 10.0
    concurrency: int = 64


@dataclass(frozen=True)
class PushMessage:
    """One encrypted push to one device."""

    endpoint: str
    p256dh: str
    auth: str
    payload: bytes
    ttl: int
    urgency: str  # very-low, low, normal, high (RFC 8030 section 5.3)
    topic: str | None = None  # up to 32 base64url characters; replaces an unseen older one


@dataclass(frozen=True)
class PushResult:
    """What the push service answered (status None: no answer, e.g. a timeout)."""

    status: int | None
    retry_after: float | None = None
    error: str | None = None

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _State:
    settings: PushSettings | None = None
    vapid: Vapid02 | None = None
    public_key: str = ""


_state = _State()
_headers_lock = threading.Lock()
_vapid_headers: dict[str, tuple[float, str]] = {}


def _load_key(raw: str) -> Vapid02:
    raw = raw.strip()
    if raw.startswith("-----BEGIN"):
        return Vapid02.from_pem(raw.encode())
    # The raw 32-byte private key in base64url, as other VAPID tools print it.
    return Vapid02.from_raw(raw.encode())


def check_subject(subject: str) -> None:
    """Refuse a VAPID `sub` that is not a mailto: address or an https URL."""
    parts = urlsplit(subject)
    if parts.scheme == "mailto" and "@" in parts.path:
        return
    if parts.scheme == "https" and parts.hostname:
        return
    raise ValueError(f"VAPID_SUBJECT must be a mailto: address or an https URL, not {subject!r}")


def configure(settings: PushSettings) -> None:
    """Load the VAPID key and the allowlist (create_app calls this)."""
    check_subject(settings.vapid_subject)
    vapid = _load_key(settings.vapid_private_key)
    from cryptography.hazmat.primitives import serialization

    public = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    close_connections()
    _state.settings = settings
    _state.vapid = vapid
    _state.public_key = b64urlencode(public)
    with _headers_lock:
        _vapid_headers.clear()


def settings() -> PushSettings:
    if _state.settings is None:
        raise RuntimeError("push not configured: call create_app() first")
    return _state.settings


def public_key() -> str:
    """Return the VAPID public key (uncompressed P-256 point, base64url) for the app."""
    settings()
    return _state.public_key


# --- Which endpoints we send to (SSRF protection) -------------------------------------


def _host_allowed(host: str, port: int | None, allowed: Iterable[str]) -> bool:
    for entry in allowed:
        name, _, allowed_port = entry.partition(":")
        if allowed_port == "*":
            port_ok = True
        elif allowed_port:
            port_ok = port == int(allowed_port)
        else:
            port_ok = port is None or port == 443
        if not port_ok:
            continue
        name = name.lower()
        if name.startswith("*."):
            if host.endswith(name[1:]) and len(host) > len(name) - 1:
                return True
        elif host == name:
            return True
    return False


def endpoint_problem(endpoint: str) -> str | None:
    """Say why we will not send to this endpoint, or None when it is a known push service."""
    current = settings()
    if len(endpoint) > 2048:
        return "The address is too long."
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return "This is not a valid address."
    allowed_schemes = ("https",) if current.require_https else ("https", "http")
    if parts.scheme not in allowed_schemes:
        return "Push addresses must start with https://."
    host = (parts.hostname or "").lower()
    if not host:
        return "This is not a valid address."
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "A push address may not hold a user name or password."
    if parts.fragment:
        return "A push address has no #fragment."
    try:
        ipaddress.ip_address(host)
        is_ip = True
    except ValueError:
        is_ip = False
    if is_ip and host not in {e.partition(":")[0] for e in current.allowed_hosts}:
        return "A push address names the push service, not an IP address."
    if not _host_allowed(host, port, current.allowed_hosts):
        return "This is not the address of a known push service (Chrome, Firefox, Safari, Edge)."
    return None


def origin(endpoint: str) -> str:
    """Return scheme://host[:port] of an endpoint: the VAPID `aud` and the log's device."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


# --- VAPID ----------------------------------------------------------------------------


def vapid_header(audience: str, *, now: float | None = None) -> str:
    """Return the Authorization header for one push-service origin (cached, see above)."""
    now = time.time() if now is None else now
    with _headers_lock:
        cached = _vapid_headers.get(audience)
        if cached is not None and now - cached[0] < VAPID_REUSE:
            return cached[1]
    vapid = _state.vapid
    if vapid is None:
        raise RuntimeError("push not configured: call create_app() first")
    claims = {"aud": audience, "sub": settings().vapid_subject, "exp": int(now) + VAPID_LIFETIME}
    header = str(vapid.sign(claims)["Authorization"])
    with _headers_lock:
        _vapid_headers[audience] = (now, header)
    return header


# --- Sending --------------------------------------------------------------------------


def encrypt(message: PushMessage) -> bytes:
    """Encrypt one payload for one device: aes128gcm (RFC 8291) by pywebpush's
    `WebPusher.encode` (http_ece underneath): a fresh ephemeral P-256 key pair and a fresh
    random salt per message. Only the encryption is pywebpush's: the request is ours
    (below), so that it never follows a redirect and reuses one aiohttp session.

    Calling http_ece directly would skip WebPusher's copy of the subscription and a key
    header aes128gcm does not use (about a fifth of the encryption's CPU); we keep the
    design's library for the cryptography instead.
    """
    pusher = WebPusher(
        {"endpoint": message.endpoint, "keys": {"p256dh": message.p256dh, "auth": message.auth}}
    )
    return bytes(pusher.encode(message.payload, content_encoding="aes128gcm")["body"])


class _Runner:
    """The process's sending loop: one event loop in its own thread, with one aiohttp
    session, so connections stay open between batches and every worker thread's pushes
    share them; up to `concurrency` requests are in flight at once."""

    def __init__(self, concurrency: int) -> None:
        self.pid = os.getpid()
        self.concurrency = concurrency
        self.session: aiohttp.ClientSession | None = None
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="push", daemon=True)
        self.thread.start()

    async def _send(
        self,
        message: PushMessage,
        session: aiohttp.ClientSession,
        timeout: aiohttp.ClientTimeout,
    ) -> PushResult:
        # The same request pywebpush's send_async() makes (its encode(), then a POST with
        # TTL and Content-Encoding), without its per-message copies of the subscription
        # and headers; and never following a redirect, which pywebpush does not ask for.
        headers = {
            "Authorization": vapid_header(origin(message.endpoint)),
            "TTL": str(message.ttl),
            "Urgency": message.urgency,
            "Content-Encoding": "aes128gcm",
        }
        if message.topic:
            headers["Topic"] = message.topic
        body = encrypt(message)
        try:
            async with session.post(
                message.endpoint,
                data=body,
                headers=headers,
                allow_redirects=False,
                timeout=timeout,
            ) as response:
                delivered = 200 <= response.status < 300
                text = "" if delivered else await response.text(errors="replace")
                return PushResult(
                    response.status,
                    retry_after=retry_after_seconds(response.headers.get("Retry-After")),
                    error=None if delivered else text[:500],
                )
        except (aiohttp.ClientError, TimeoutError) as exc:
            return PushResult(None, error=f"{type(exc).__name__}: {exc}"[:500])

    async def _send_all(self, messages: Sequence[PushMessage]) -> list[PushResult]:
        if self.session is None:
            # No cookies (push services set none; a jar is searched on every request),
            # no decompression (answers have no body worth it), no User-Agent/Accept
            # headers nobody reads: less work per request.
            self.session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.concurrency, ttl_dns_cache=300),
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,
                skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"),
            )
        # One timeout object per batch: every request has the same limit.
        timeout = aiohttp.ClientTimeout(total=settings().timeout)
        session = self.session
        results: list[PushResult] = []
        results.extend(PushResult(None) for _ in messages)
        todo = iter(enumerate(messages))

        async def sending() -> None:
            # `concurrency` of these take the next message when one is answered: as many
            # requests in flight as a task per message behind a semaphore, with fewer
            # tasks to create and schedule.
            for index, message in todo:
                results[index] = await self._send(message, session, timeout)

        await asyncio.gather(*(sending() for _ in range(min(self.concurrency, len(messages)))))
        return results

    def send_all(self, messages: Sequence[PushMessage]) -> list[PushResult]:
        return asyncio.run_coroutine_threadsafe(self._send_all(messages), self.loop).result()

    def close(self) -> None:
        if self.pid != os.getpid() or self.loop.is_closed():
            return
        if self.session is not None:
            asyncio.run_coroutine_threadsafe(self.session.close(), self.loop).result(timeout=5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
        self.loop.close()


_runner_lock = threading.Lock()
_runner_now: list[_Runner] = []


def _runner() -> _Runner:
    with _runner_lock:
        # A forked worker process starts its own loop (threads do not survive a fork).
        if not _runner_now or _runner_now[0].pid != os.getpid():
            _runner_now[:] = [_Runner(settings().concurrency)]
        return _runner_now[0]


@atexit.register
def close_connections() -> None:
    """Close the sending loop and its connections (at exit, or when settings change)."""
    with _runner_lock:
        runners = list(_runner_now)
        _runner_now.clear()
    for runner in runners:
        runner.close()


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Read Retry-After: seconds, or an HTTP date (RFC 9110 section 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    now = time.time() if now is None else now
    return max(when.timestamp() - now, 0.0)


def send_one(message: PushMessage) -> PushResult:
    """Encrypt and send one push; never raises for what the network or service does."""
    return send_all([message])[0]


def send_all(messages: Sequence[PushMessage]) -> list[PushResult]:
    """Send many pushes at once; the results in the order of `messages`."""
    if not messages:
        return []
    return _runner().send_all(messages)
