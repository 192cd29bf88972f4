"""Behind a trusted proxy, the real client address and scheme come from X-Forwarded-*."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json
from backend import create_app
app = create_app()
client = app.test_client()
body = {"username": "nobody", "password": "wrong-password"}
def login(ip):
    headers = {"X-Forwarded-For": ip, "X-Forwarded-Proto": "https"}
    return client.post("/api/v1/auth/login", json=body, headers=headers, base_url="http://localhost")
# Eleven attempts from eleven clients: none is limited. Then one client exhausts its own limit.
spread = [login(f"203.0.113.{i}").status_code for i in range(11)]
same = [login("198.51.100.7").status_code for _ in range(11)]
hsts = "Strict-Transport-Security" in login("198.51.100.8").headers
print(json.dumps({"spread": spread, "same": same, "hsts": hsts}))
"""


def test_trusted_proxy_headers(app: Flask, tmp_path: Path, database_url: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path),
        "TRUSTED_PROXIES": "1",
    }
    env.pop("REDIS_URL", None)
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
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["spread"] == [401] * 11
    assert result["same"][:10] == [401] * 10
    assert result["same"][10] == 429
    assert result["hsts"] is True
