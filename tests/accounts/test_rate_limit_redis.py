"""With REDIS_URL set, rate limits are kept in Redis (shared by every web process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from flask import Flask

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

SCRIPT = """
import json
from backend import create_app
app = create_app({"PREFERRED_URL_SCHEME": "https"})
client = app.test_client()
body = {"username": "nobody", "password": "wrong-password"}
codes = [client.post("/api/v1/auth/login", json=body).status_code for _ in range(11)]
print(json.dumps(codes))
"""


@pytest.mark.redis
def test_login_limit_is_counted_in_redis(app: Flask, tmp_path: Path, database_url: str) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path),
    }
    try:
        out = subprocess.run(
            [sys.executable, "-c", SCRIPT],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert out.returncode == 0, out.stderr
        codes = json.loads(out.stdout.strip().splitlines()[-1])
        assert codes[:10] == [401] * 10
        assert codes[10] == 429
        assert any(key.startswith(b"LIMITS") for key in client.keys("*"))
    finally:
        client.flushdb()
