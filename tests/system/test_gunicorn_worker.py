"""The sync worker that closes a finished connection at once (backend/gunicorn_worker.py).

The unit tests parse real requests with gunicorn's own parser on a socket pair; the
others run gunicorn with one worker and a tiny app (tests/system/wsgi_echo.py).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gunicorn import http
from gunicorn.config import Config

from backend.gunicorn_worker import nothing_pending, read_to_the_end
from tests.open_hiring.crowd import free_port  # the same helper as the crowd test

ROOT = Path(__file__).resolve().parents[2]
QUICK = "backend.gunicorn_worker.QuickCloseSyncWorker"


def _parsed(raw: bytes) -> tuple[object, socket.socket, socket.socket]:
    """Send `raw` down a socket pair and parse the first request on the other end."""
    server, client = socket.socketpair()
    client.sendall(raw)
    req = next(http.get_parser(Config(), server, ("127.0.0.1", 1)))
    return req, server, client


def test_a_request_without_a_body_is_read_to_the_end() -> None:
    req, server, client = _parsed(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    with server, client:
        assert read_to_the_end(req)
        assert nothing_pending(server)


def test_a_body_counts_once_it_is_read() -> None:
    req, server, client = _parsed(b"PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
    with server, client:
        assert not read_to_the_end(req)
        assert req.body.read() == b"hello"  # type: ignore[attr-defined]
        assert read_to_the_end(req)


def test_a_pipelined_request_is_not_the_end() -> None:
    raw = b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"
    req, server, client = _parsed(raw)
    with server, client:
        assert not read_to_the_end(req)  # /b was read ahead with /a


def test_a_chunked_body_is_left_to_the_graceful_close() -> None:
    raw = b"PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    req, server, client = _parsed(raw)
    with server, client:
        assert req.body.read() == b"hello"  # type: ignore[attr-defined]
        assert not read_to_the_end(req)


def test_bytes_waiting_in_the_kernel_are_seen() -> None:
    _req, server, client = _parsed(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    with server, client:
        client.sendall(b"more")
        deadline = time.monotonic() + 5
        while nothing_pending(server) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not nothing_pending(server)


# --- under gunicorn ----------------------------------------------------------------


@contextlib.contextmanager
def _gunicorn(worker_class: str, tmp: Path, *extra: str) -> Iterator[int]:
    port = free_port()
    log = tmp / "gunicorn.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(Path(__file__).parent)])}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers=1",
                f"--worker-class={worker_class}",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
                *extra,
                "wsgi_echo:app",
            ],
            cwd=tmp,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                break
            time.sleep(0.1)
        yield port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)


def _exchange(port: int, raw: bytes, tls: ssl.SSLContext | None = None) -> socket.socket:
    """Send a request and read its whole answer (up to the server's FIN); the
    connection stays open on this side, like a client that is slow to close."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if tls is not None:
        sock = tls.wrap_socket(sock)
    sock.sendall(raw)
    answer = b""
    while chunk := sock.recv(65536):
        answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *fields = head.split(b"\r\n")
    headers = dict(field.lower().split(b": ", 1) for field in fields)
    assert status.startswith(b"HTTP/1.1 200"), answer
    assert len(body) == int(headers[b"content-length"]), answer  # all of it arrived
    assert body.startswith(b"read "), answer
    return sock


def _post(body: bytes, query: str = "") -> bytes:
    return (
        b"POST /%s HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % (query.encode(), len(body))
        + body
    )


@pytest.mark.parametrize(("worker_class", "waits"), [(QUICK, False), ("sync", True)])
def test_a_client_slow_to_close_does_not_hold_the_worker(
    worker_class: str, waits: bool, tmp_path: Path
) -> None:
    # gunicorn's own sync worker, the control, lingers up to 2 s for the client's FIN.
    with _gunicorn(worker_class, tmp_path) as port:
        _exchange(port, _post(b"")).close()  # the worker is done with the start-up probe
        slow = _exchange(port, _post(b"hello"))  # read all, then not closed
        began = time.monotonic()
        _exchange(port, _post(b"next")).close()
        took = time.monotonic() - began
        slow.close()
    assert (took > 1.5) if waits else (took < 1.0), took


def test_an_unread_body_still_gets_the_graceful_close(tmp_path: Path) -> None:
    # The app answers without reading the body: the worker drains it before closing
    # (else the kernel could reset the connection and cut the answer short), so it waits
    # for this client as gunicorn always did.
    with _gunicorn(QUICK, tmp_path) as port:
        _exchange(port, _post(b"")).close()
        slow = _exchange(port, _post(b"x" * 32_768, "?noread"))
        began = time.monotonic()
        _exchange(port, _post(b"next")).close()
        took = time.monotonic() - began
        slow.close()
    assert took > 1.5, took


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_tls_in_gunicorn_keeps_the_graceful_close(tmp_path: Path) -> None:
    # Bytes may wait decrypted in the TLS layer, unseen by the kernel's count.
    cert, key = _self_signed(tmp_path)
    tls = ssl.create_default_context()
    tls.check_hostname = False
    tls.verify_mode = ssl.CERT_NONE
    with _gunicorn(QUICK, tmp_path, f"--certfile={cert}", f"--keyfile={key}") as port:
        _exchange(port, _post(b""), tls).close()
        slow = _exchange(port, _post(b"hello"), tls)
        began = time.monotonic()
        _exchange(port, _post(b"next"), tls).close()
        took = time.monotonic() - began
        slow.close()
    assert took > 1.5, took
