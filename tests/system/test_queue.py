"""The task queue: immediate mode in tests, and a real consumer against Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from flask import Flask
from huey import RedisHuey

from backend import tasks
from backend.extensions import huey
from backend.system import service as system

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_tasks_run_immediately_in_tests(app: Flask) -> None:
    assert huey.immediate
    assert tasks.ping("hallo").get() == "pong:hallo"
    assert isinstance(tasks.heartbeat.call_local(), float)


@pytest.mark.redis
def test_a_real_consumer_runs_tasks_from_redis(
    app: Flask, tmp_path: Path, database_url: str
) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # fails (not skips) when Redis is down: the queue must be tested for real
    client.flushdb()
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path),
        "HUEY_IMMEDIATE": "0",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "backend", "worker", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        enqueue = (
            "from backend import tasks; from backend.extensions import huey; "
            "import sys; assert type(huey).__name__ == 'RedisHuey', type(huey); "
            "print(tasks.ping('uit-de-wachtrij').get(blocking=True, timeout=30))"
        )
        started = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-c", enqueue],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "pong:uit-de-wachtrij"
        assert time.monotonic() - started < 30
        # The consumer's start-up heartbeat landed in Redis, where /health reads it.
        seen = RedisHuey("zelf", url=REDIS_URL).storage.peek_data(system.HEARTBEAT_KEY)
        assert isinstance(seen, bytes)
        assert abs(float(seen) - time.time()) < 60
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
        client.flushdb()
