"""A crowd for the load tests: many jobseekers at once, and a real server to send them to.

Creating 1,000 accounts through the accounts service would hash 1,000 passwords with
argon2 (about 50 ms each). These people never log in with a password, so the fast path
inserts the account rows with one shared hash, opens one API login session per person
in one statement, and mints each person's Bearer token with flask-jwt-extended, with the
claims `backend.accounts.auth` puts in (`role`, `sid`, `sx`). The server checks these
tokens exactly as it checks any other: signature, expiry, and the session row.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask_jwt_extended import create_access_token
from sqlalchemy import insert, select

from backend import db
from backend.accounts.models import AuthSession, Role, User
from backend.accounts.passwords import hash_password

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Person:
    user_id: int
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def make_crowd(
    app: Flask,
    count: int,
    role: Role = Role.JOBSEEKER,
    *,
    lifetime: timedelta = timedelta(hours=1),
) -> list[Person]:
    """Create `count` accounts with a login session and a Bearer token each, fast."""
    run = uuid.uuid4().hex[:8]
    shared_hash = hash_password(f"niet-om-in-te-loggen-{run}")
    now = db.utcnow()
    names = [f"crowd-{run}-{n}" for n in range(count)]
    with db.engine().begin() as conn:
        conn.execute(
            insert(User),
            [
                {
                    "username": name,
                    "username_key": name,
                    "email": None,
                    "password_hash": shared_hash,
                    "role": role,
                    "is_active": True,
                    "created_at": now,
                }
                for name in names
            ],
        )
        ids = dict(
            conn.execute(select(User.username, User.id).where(User.username_key.in_(names))).all()
        )
        ends = now + lifetime
        sessions = {name: str(uuid.uuid4()) for name in names}
        conn.execute(
            insert(AuthSession),
            [
                {
                    "id": sessions[name],
                    "user_id": ids[name],
                    "created_at": now,
                    "expires_at": ends,
                    "client": "api",
                }
                for name in names
            ],
        )
    people = []
    with app.test_request_context():
        for name in names:
            token = create_access_token(
                str(ids[name]),
                additional_claims={
                    "role": role.value,
                    "sid": sessions[name],
                    "sx": int(ends.timestamp()),
                },
                expires_delta=min(lifetime, timedelta(minutes=15)),
            )
            people.append(Person(user_id=ids[name], token=token))
    return people


# --- The server ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """gunicorn in its own process group, on the test database."""

    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: Any = None
    ) -> tuple[int, Any]:
        """Send one request on a new connection; return the status and the JSON body."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        data = json.dumps(body).encode() if body is not None else None
        all_headers = dict(headers or {})
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=data, headers=all_headers)
            resp = conn.getresponse()
            payload = resp.read()
        finally:
            conn.close()
        return resp.status, json.loads(payload) if payload else None


@contextlib.contextmanager
def serve(app: Flask, database_url: str, tmp: Path) -> Iterator[Server]:
    """Run the app under gunicorn (2 workers, 8 threads each) until the block ends."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp),
        # The same secrets as the test process, so the tokens it mints are valid there.
        "JWT_SECRET_KEY": app.config["JWT_SECRET_KEY"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "HUEY_IMMEDIATE": "1",
        "RATELIMIT_ENABLED": "0",
    }
    env.pop("REDIS_URL", None)
    log = tmp / "gunicorn.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "--workers=2",
                "--worker-class=gthread",
                "--threads=8",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
                "backend:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(port=port, proc=proc, log=log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                server.request("GET", "/api/v1/health")
                break
            time.sleep(0.2)
        yield server
    finally:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
