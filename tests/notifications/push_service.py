"""A local Web Push service for the tests: an HTTP server on 127.0.0.1, in a thread.

It does what a browser's push service does with our requests, and checks them as
strictly:
- the VAPID JWT of `Authorization: vapid t=…, k=…` (RFC 8292): an ES256 signature that
  verifies with the key `k`, `aud` = this service's origin, `exp` in the future and at
  most 24 hours ahead, `sub` a mailto: address or an https URL;
- `TTL` present, `Urgency` and `Topic` valid when present, `Content-Encoding: aes128gcm`;
- the body decrypts (RFC 8291, http_ece) with the subscriber's private key.

It records every message that arrived (with its TTL, Urgency and Topic) and can be told
to answer 404, 410, 429 (with Retry-After), 500, 413 or 403 instead of 201. A message
with a Topic replaces a waiting one with the same Topic (`waiting`), as real services
do while the device is offline. Reusable from any test (the browser tests too):

    with LocalPushService() as service:
        device = service.new_device()
        ...  # register device.subscription_json() through the API
        service.received  # what arrived
"""

from __future__ import annotations

import base64
import json
import os
import re
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

URGENCIES = {"very-low", "low", "normal", "high"}
TOPIC_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
SUB_RE = re.compile(r"^(mailto:[^@\s]+@[^@\s]+|https://[^/\s]+.*)$")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Device:
    """A browser's push subscription: its endpoint, and the keys only it knows."""

    token: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes

    @property
    def p256dh(self) -> str:
        public = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(public)

    def subscription_json(self) -> dict[str, Any]:
        """What PushSubscription.toJSON() gives the app."""
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": self.p256dh, "auth": b64url(self.auth)},
        }


@dataclass
class Received:
    """One push that arrived, decrypted and checked."""

    token: str
    payload: bytes
    ttl: int
    urgency: str | None
    topic: str | None
    claims: dict[str, Any]
    at: float = field(default_factory=time.time)

    @property
    def message(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.payload)
        return parsed


@dataclass
class Rejected:
    token: str
    reason: str


def verify_vapid(header: str, audience: str, now: float | None = None) -> dict[str, Any]:
    """Check a `vapid t=…, k=…` header; return the JWT claims or raise ValueError."""
    now = time.time() if now is None else now
    scheme, _, params = header.partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError(f"scheme {scheme!r} is not vapid")
    parts = dict(p.strip().split("=", 1) for p in params.split(",") if "=" in p)
    if "t" not in parts or "k" not in parts:
        raise ValueError("t= or k= missing")
    token, key = parts["t"], parts["k"]
    head_b64, claims_b64, sig_b64 = token.split(".")
    head = json.loads(unb64url(head_b64))
    if head.get("alg") != "ES256":
        raise ValueError(f"alg {head.get('alg')!r} is not ES256")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    raw_sig = unb64url(sig_b64)
    if len(raw_sig) != 64:
        raise ValueError("an ES256 signature is 64 bytes")
    der = encode_dss_signature(
        int.from_bytes(raw_sig[:32], "big"), int.from_bytes(raw_sig[32:], "big")
    )
    try:
        public.verify(der, f"{head_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise ValueError("the signature does not verify with k") from exc
    claims: dict[str, Any] = json.loads(unb64url(claims_b64))
    if claims.get("aud") != audience:
        raise ValueError(f"aud {claims.get('aud')!r} is not {audience!r}")
    exp = claims.get("exp")
    if not isinstance(exp, int) or exp <= now or exp > now + 24 * 3600:
        raise ValueError(f"exp {exp!r} is not within the next 24 hours")
    if not isinstance(claims.get("sub"), str) or not SUB_RE.match(claims["sub"]):
        raise ValueError(f"sub {claims.get('sub')!r} is not mailto: or https")
    return claims


class _Server(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: a client that opens many connections at
    # once (the sender keeps up to 64 in flight) would see its SYNs dropped and wait
    # seconds for the retransmission. Real push services accept them at once.
    request_queue_size = 1024


class LocalPushService:
    """The push service; a context manager that serves in a daemon thread."""

    def __init__(self, *, check_every: int = 1) -> None:
        # Check (VAPID, decryption) every message, or every n-th one (benchmarks).
        self.check_every = check_every
        self.arrived = 0
        self.devices: dict[str, Device] = {}
        self.received: list[Received] = []
        self.rejected: list[Rejected] = []
        self.waiting: dict[str, list[Received]] = defaultdict(list)
        self.connections: set[Any] = set()  # client (host, port) pairs: one per connection
        self.delay = 0.0  # seconds before each answer
        self._answers: dict[str, deque[tuple[int, dict[str, str]]]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> LocalPushService:
        self._thread.start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def new_device(self) -> Device:
        """Make a subscription with a fresh key pair, as PushManager.subscribe() would."""
        token = b64url(os.urandom(12))
        device = Device(
            token=token,
            endpoint=f"{self.origin}/push/{token}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth=os.urandom(16),
        )
        with self._lock:
            self.devices[token] = device
        return device

    def answer(self, device: Device, *answers: int | tuple[int, dict[str, str]]) -> None:
        """Answer the next requests to this device with these statuses (then 201 again)."""
        with self._lock:
            for item in answers:
                status, headers = item if isinstance(item, tuple) else (item, {})
                self._answers[device.token].append((status, headers))

    def for_device(self, device: Device) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.token == device.token]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real push services

            def log_message(self, *_args: Any) -> None:  # quiet
                return None

            def _reply(self, status: int, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with service._lock:
                    service.connections.add(self.client_address)
                if service.delay:
                    time.sleep(service.delay)
                token = self.path.rsplit("/", 1)[-1]
                device = service.devices.get(token)
                if device is None or not self.path.startswith("/push/"):
                    self._reply(404)
                    return
                with service._lock:
                    service.arrived += 1
                    check = service.arrived % service.check_every == 0
                try:
                    received = self._check(device, body) if check else None
                except ValueError as exc:
                    with service._lock:
                        service.rejected.append(Rejected(token, str(exc)))
                    self._reply(400 if "header" in str(exc) else 403)
                    return
                with service._lock:
                    scripted = service._answers[token]
                    status, headers = scripted.popleft() if scripted else (201, {})
                    if status == 201 and received is not None:
                        service.received.append(received)
                        waiting = service.waiting[token]
                        if received.topic:
                            waiting[:] = [w for w in waiting if w.topic != received.topic]
                        waiting.append(received)
                if status == 201:
                    headers = {"Location": f"{service.origin}/message/{len(service.received)}"}
                self._reply(status, headers)

            def _check(self, device: Device, body: bytes) -> Received:
                claims = verify_vapid(self.headers.get("Authorization") or "", service.origin)
                ttl = self.headers.get("TTL")
                if ttl is None or not ttl.isdigit():
                    raise ValueError("TTL header missing")
                urgency = self.headers.get("Urgency")
                if urgency is not None and urgency not in URGENCIES:
                    raise ValueError(f"Urgency header {urgency!r} is not valid")
                topic = self.headers.get("Topic")
                if topic is not None and not TOPIC_RE.match(topic):
                    raise ValueError(f"Topic header {topic!r} is not valid")
                if self.headers.get("Content-Encoding") != "aes128gcm":
                    raise ValueError("Content-Encoding header is not aes128gcm")
                try:
                    payload = http_ece.decrypt(
                        body,
                        private_key=device.private_key,
                        auth_secret=device.auth,
                        version="aes128gcm",
                    )
                except Exception as exc:
                    raise ValueError(f"the body does not decrypt: {exc}") from exc
                return Received(device.token, payload, int(ttl), urgency, topic, claims)

        return Handler
