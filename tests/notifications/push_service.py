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

import asyncio
import base64
import json
import os
import re
import socket
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
    return check_claims(verify_vapid_signature(header), audience, now)


def verify_vapid_signature(header: str) -> dict[str, Any]:
    """Check the form of a `vapid t=…, k=…` header and its ES256 signature with `k`;
    return the token's claims (not yet checked: see check_claims) or raise ValueError."""
    scheme, _, params = header.partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError(f"scheme {scheme!r} is not vapid")
    parts = dict(p.strip().split("=", 1) for p in params.split(",") if "=" in p)
    if "t" not in parts or "k" not in parts:
        raise ValueError("t= or k= missing")
    token, key = parts["t"], parts["k"]
    try:
        head_b64, claims_b64, sig_b64 = token.split(".")
    except ValueError as exc:
        raise ValueError("t= is not a JWT of three parts") from exc
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
    return claims


def check_claims(claims: dict[str, Any], audience: str, now: float | None = None) -> dict[str, Any]:
    """Check a verified token's claims: `aud`, `exp` within 24 h ahead, `sub`."""
    now = time.time() if now is None else now
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


# aes128gcm (RFC 8188 section 2.1): salt (16), record size (4), key id length (1), key id
# (the sender's ephemeral P-256 public key, 65 for Web Push), then at least one record
# with its 16-byte tag.
_ECE_HEADER = 16 + 4 + 1 + 65


class LocalPushService:
    """The push service; a context manager that serves in a daemon thread.

    `server="threading"` (the default): the standard library's ThreadingHTTPServer, a
    thread per connection. `server="aiohttp"`: aiohttp's web server on an event loop in
    one thread (its C HTTP parser), for the benchmark. Both run the same checks
    (`_handle`).

    `check_every=n` (benchmarks): every message is counted and gets every check but
    decryption (VAPID JWT, TTL, Urgency, Topic, Content-Encoding, the aes128gcm header);
    every n-th one is also decrypted and recorded in `received`. A VAPID header's ES256
    signature is verified once per distinct header (senders reuse one for hours); its
    claims (`aud`, `exp`, `sub`) are checked on every message.
    """

    def __init__(self, *, check_every: int = 1, server: str = "threading") -> None:
        if server not in ("threading", "aiohttp"):
            raise ValueError(f"unknown server {server!r}")
        self.check_every = check_every
        self.server = server
        self.arrived = 0
        self.devices: dict[str, Device] = {}
        self.received: list[Received] = []
        self.rejected: list[Rejected] = []
        self.waiting: dict[str, list[Received]] = defaultdict(list)
        self.connections: set[Any] = set()  # client (host, port) pairs: one per connection
        self.delay = 0.0  # seconds before each answer
        self._answers: dict[str, deque[tuple[int, dict[str, str]]]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._verified: dict[str, dict[str, Any]] = {}  # VAPID header -> its claims
        self._loop: asyncio.AbstractEventLoop | None = None
        if server == "threading":
            self._server = _Server(("127.0.0.1", 0), self._handler())
            self._server.daemon_threads = True
            host, port = self._server.server_address[:2]
            self._address: tuple[str, int] = (str(host), int(port))
            self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        else:
            self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._socket.bind(("127.0.0.1", 0))
            self._socket.listen(1024)
            host, port = self._socket.getsockname()[:2]
            self._address = (str(host), int(port))
            self._thread = threading.Thread(target=self._serve_aiohttp, daemon=True)
            self._started = threading.Event()

    @property
    def origin(self) -> str:
        host, port = self._address
        return f"http://{host}:{port}"

    def __enter__(self) -> LocalPushService:
        self._thread.start()
        if self.server == "aiohttp":
            self._started.wait(timeout=10)
        return self

    def __exit__(self, *_exc: Any) -> None:
        if self.server == "threading":
            self._server.shutdown()
            self._server.server_close()
        elif self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
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

    # --- What every request goes through (both servers) -------------------------------

    def _handle(
        self, path: str, headers: Any, body: bytes, client: Any
    ) -> tuple[int, dict[str, str]]:
        """Check one POST; return the status and headers to answer with."""
        with self._lock:
            self.connections.add(client)
        token = path.rsplit("/", 1)[-1]
        device = self.devices.get(token)
        if device is None or not path.startswith("/push/"):
            return 404, {}
        with self._lock:
            self.arrived += 1
            decrypt = self.arrived % self.check_every == 0
        try:
            received = self._check(device, headers, body, decrypt=decrypt)
        except ValueError as exc:
            with self._lock:
                self.rejected.append(Rejected(token, str(exc)))
            return (400 if "header" in str(exc) else 403), {}
        with self._lock:
            scripted = self._answers[token]
            status, answer_headers = scripted.popleft() if scripted else (201, {})
            if status == 201 and received is not None:
                self.received.append(received)
                waiting = self.waiting[token]
                if received.topic:
                    waiting[:] = [w for w in waiting if w.topic != received.topic]
                waiting.append(received)
        if status == 201:
            answer_headers = {"Location": f"{self.origin}/message/{len(self.received)}"}
        return status, answer_headers

    def _vapid_claims(self, header: str) -> dict[str, Any]:
        claims = self._verified.get(header)
        if claims is None:
            claims = verify_vapid_signature(header)
            with self._lock:
                if len(self._verified) > 1000:
                    self._verified.clear()
                self._verified[header] = claims
        return check_claims(claims, self.origin)

    def _check(
        self, device: Device, headers: Any, body: bytes, *, decrypt: bool
    ) -> Received | None:
        claims = self._vapid_claims(headers.get("Authorization") or "")
        ttl = headers.get("TTL")
        if ttl is None or not ttl.isdigit():
            raise ValueError("TTL header missing")
        urgency = headers.get("Urgency")
        if urgency is not None and urgency not in URGENCIES:
            raise ValueError(f"Urgency header {urgency!r} is not valid")
        topic = headers.get("Topic")
        if topic is not None and not TOPIC_RE.match(topic):
            raise ValueError(f"Topic header {topic!r} is not valid")
        if headers.get("Content-Encoding") != "aes128gcm":
            raise ValueError("Content-Encoding header is not aes128gcm")
        if len(body) < _ECE_HEADER + 17 or body[20] != 65 or body[21] != 4:
            raise ValueError("the body is not aes128gcm with a P-256 key id")
        if not decrypt:
            return None
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

    # --- The two servers ----------------------------------------------------------------

    def _serve_aiohttp(self) -> None:
        from aiohttp import web

        loop = self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)

        async def post(request: web.Request) -> web.Response:
            body = await request.read()
            if self.delay:
                await asyncio.sleep(self.delay)
            client = request.transport.get_extra_info("peername") if request.transport else None
            status, headers = self._handle(request.path, request.headers, body, client)
            return web.Response(status=status, headers=headers)

        app = web.Application(client_max_size=64 * 1024)
        app.router.add_post("/{tail:.*}", post)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.SockSite(runner, self._socket).start())
        self._started.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(runner.cleanup())
            loop.close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real push services

            def log_message(self, *_args: Any) -> None:  # quiet
                return None

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if service.delay:
                    time.sleep(service.delay)
                status, headers = service._handle(
                    self.path, self.headers, body, self.client_address
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

        return Handler
