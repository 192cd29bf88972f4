"""Container health checks; exit 0 when healthy, 1 when not.

python docker/healthcheck.py web      GET /api/v1/health answers 200
python docker/healthcheck.py worker   the worker wrote its heartbeat recently
"""

from __future__ import annotations

import os
import sys
import time
import urllib.error
import urllib.request

HEALTH_URL = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/api/v1/health")


def check_web() -> bool:
    """Ask the API's health endpoint; a 503 (database or queue down) is unhealthy."""
    try:
        with urllib.request.urlopen(HEALTH_URL, timeout=5) as resp:  # noqa: S310 (fixed URL)
            return bool(resp.status == 200)
    except (urllib.error.URLError, OSError) as exc:
        print(f"health check failed: {exc}", file=sys.stderr)
        return False


def check_worker() -> bool:
    """Read the heartbeat the worker stores in the queue's storage every minute."""
    # Imported here: the web check must not pay for importing the app.
    from backend.extensions import huey
    from backend.system.service import HEARTBEAT_KEY, HEARTBEAT_STALE_SECONDS

    raw = huey.storage.peek_data(HEARTBEAT_KEY)
    if not isinstance(raw, bytes):
        print("no worker heartbeat yet", file=sys.stderr)
        return False
    age = time.time() - float(raw.decode())
    if age >= HEARTBEAT_STALE_SECONDS:
        print(f"worker heartbeat is {age:.0f} s old", file=sys.stderr)
        return False
    return True


def main(argv: list[str]) -> int:
    checks = {"web": check_web, "worker": check_worker}
    if len(argv) != 2 or argv[1] not in checks:
        print(f"usage: {argv[0]} {'|'.join(checks)}", file=sys.stderr)
        return 2
    return 0 if checks[argv[1]]() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
