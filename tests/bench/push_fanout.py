"""Push fan-out and check-in planning.

    .venv/bin/python -m tests.bench.push_fanout          (or: make bench-push)

Fan-out: one new open-hiring vacancy announced to 10,000 people, each with one
subscribed device on the local push service (tests/notifications/push_service.py, its
aiohttp server), which runs in a child process. It counts every message and checks every
one (VAPID JWT, headers, the aes128gcm header) and decrypts every `--check-every`-th
(default 10; 1: all of them). The clock runs from writing the 10,000 inbox entries to
the last delivery decision: inbox, the enqueueing of the delivery tasks (500 each) on a
SQLite huey queue, and a real `flask worker --worker-type process` with `--processes`
worker processes (default 2, one per core; 0: in this process, HUEY_IMMEDIATE) taking
them: delivery decisions, encryption, the HTTP requests, the delivery log. CPU per
notification is measured for the worker's processes, this process and the push service.
For reference, the same machine then sends with a naive loop of pywebpush's `webpush()`
(one request after another, a new VAPID signature and connection each time) to the
first 1,000 devices.

Check-in planning: 100,000 people due in the same minute (in four groups of settings);
the clock runs over `checkin.plan_due()`, which moves everyone on, and the enqueueing of
their digest tasks on a real SqliteHuey queue.

SQLite in a temporary folder by default; `--database-url` for another database (never
`test` or another's benchmark database). The figures go to docs/performance.md under
"Push fan-out and check-in planning".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.harness import cpu_model, write_section

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Push fan-out and check-in planning"
PEOPLE = 10_000
PLANNED = 100_000
NAIVE = 1_000
TARGET_PER_SECOND = 2_000
TARGET_PLAN_SECONDS = 10.0
CHECK_EVERY = 10

SERVICE = """
import json, sys, time
from tests.notifications.push_service import LocalPushService
n, check_every, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with LocalPushService(check_every=check_every, server="aiohttp") as service:
    devices = [service.new_device().subscription_json() for _ in range(n)]
    with open(out, "w") as fh:
        json.dump({"origin": service.origin, "devices": devices}, fh)
    for line in sys.stdin:
        if line.strip() == "count":
            print(json.dumps({"arrived": service.arrived, "checked": len(service.received),
                              "cpu": time.process_time(),
                              "rejected": [r.reason for r in service.rejected][:3]}), flush=True)
        else:
            break
"""


def _push_service(tmp: Path, n: int, check_every: int) -> tuple[subprocess.Popen[str], dict]:
    out = tmp / "devices.json"
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVICE, str(n), str(check_every), str(out)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    for _ in range(600):
        if out.exists() and out.stat().st_size:
            try:
                return proc, json.loads(out.read_text())
            except json.JSONDecodeError:
                pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("the local push service did not start")


def _count(proc: subprocess.Popen[str]) -> dict:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("count\n")
    proc.stdin.flush()
    return json.loads(proc.stdout.readline())


def _people(n: int, devices: list[dict] | None, *, due: bool) -> list[int]:
    """Insert n jobseekers with preferences (no quiet hours) and, when given, a device."""
    from sqlalchemy import insert, select, text

    from backend import db
    from backend.accounts.models import Role, User
    from backend.notifications.models import NotificationPreference, PushSubscription
    from backend.notifications.schedule import days_to_mask, parse_hhmm

    now = db.utcnow()
    stamp = int(time.time() * 1000)
    with db.transaction() as session:
        session.execute(
            insert(User),
            [
                {
                    "username": f"b{stamp}x{i}",
                    "username_key": f"b{stamp}x{i}",
                    "password_hash": "-",
                    "role": Role.JOBSEEKER,
                    "is_active": True,
                    "created_at": now,
                }
                for i in range(n)
            ],
        )
        ids = list(
            session.scalars(
                select(User.id).where(User.username_key.like(f"b{stamp}x%")).order_by(User.id)
            )
        )
        groups = [
            ("09:00", ["mon", "tue", "wed", "thu", "fri"]),
            ("09:00", ["sat"]),
            ("08:30", ["mon", "wed"]),
            ("10:00", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
        ]
        session.execute(
            insert(NotificationPreference),
            [
                {
                    "user_id": uid,
                    "open_hiring_nearby": True,
                    "learning_offers": True,
                    "daily_checkin": True,
                    "quiet_start": None,
                    "quiet_end": None,
                    "daily_max": 5,
                    "checkin_time": parse_hhmm(groups[i % 4][0]),
                    "checkin_days": days_to_mask(groups[i % 4][1]),
                    "time_zone": "Europe/Amsterdam",
                    "next_checkin_at": now if due else None,
                    "updated_at": now,
                }
                for i, uid in enumerate(ids)
            ],
        )
        if devices is not None:
            session.execute(
                insert(PushSubscription),
                [
                    {
                        "user_id": uid,
                        "endpoint": d["endpoint"],
                        "p256dh": d["keys"]["p256dh"],
                        "auth": d["keys"]["auth"],
                        "created_at": now,
                    }
                    for uid, d in zip(ids, devices, strict=True)
                ],
            )
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("ANALYZE"))
    return ids


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _worker_pids(pid: int) -> list[int]:
    """The consumer and its worker processes (huey forks them)."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        pids += [int(c) for c in children]
    return pids


def _start_worker(processes: int) -> subprocess.Popen[bytes]:
    """Run `flask worker` as deployed (Procfile): huey process workers on this queue."""
    env = {**os.environ, "HUEY_IMMEDIATE": "0"}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "backend",
            "worker",
            "--workers",
            str(processes),
            "--worker-type",
            "process",
            "--no-periodic",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    from backend import tasks

    # Wait until every worker process takes tasks (imports on a busy machine take seconds).
    pings = [tasks.ping(str(i)) for i in range(processes * 4)]
    for ping in pings:
        ping.get(blocking=True, timeout=120)
    return worker


def fan_out(people: int, check_every: int, processes: int, tmp: Path) -> dict:
    from sqlalchemy import func, select

    from backend import db
    from backend.notifications import inbox, sender
    from backend.notifications import tasks as push_tasks
    from backend.notifications.models import Notification

    proc, service = _push_service(tmp, people, check_every)
    worker: subprocess.Popen[bytes] | None = None
    try:
        from backend import create_app

        create_app(
            {
                "DATABASE_URL": os.environ["DATABASE_URL"],
                "HUEY_IMMEDIATE": processes == 0,
                "PUSH_ALLOWED_HOSTS": ["127.0.0.1:*"],
                "PUSH_REQUIRE_HTTPS": False,
            }
        )
        ids = _people(people, service["devices"], due=False)
        if processes:
            worker = _start_worker(processes)
            pids = _worker_pids(worker.pid)
        else:
            pids = []
        data = {"vacancy_id": 1, "title": "Inpakker", "place": "Amsterdam"}
        before = _count(proc)
        workers_cpu = sum(_cpu_seconds(pid) for pid in pids)
        cpu_started = time.process_time()
        started = time.perf_counter()
        notes = inbox.write([(uid, "open_hiring_nearby", data) for uid in ids])
        push_tasks.deliver_soon(notes)
        pending = select(func.count()).where(
            Notification.id >= min(notes), Notification.push_state == "pending"
        )
        while processes:
            # The worker processes deliver; done when no notification is pending.
            time.sleep(0.02)
            with db.engine().connect() as conn:
                if conn.execute(pending).scalar_one() == 0:
                    break
        took = time.perf_counter() - started
        bench_cpu = time.process_time() - cpu_started
        workers_cpu = sum(_cpu_seconds(pid) for pid in pids) - workers_cpu
        counted = _count(proc)
        with db.engine().connect() as conn:
            from sqlalchemy import text

            delivered = conn.execute(
                text("SELECT count(*) FROM push_delivery WHERE status = 'delivered'")
            ).scalar_one()

        # The naive loop: pywebpush's webpush(), one after another.
        from pywebpush import webpush

        key = sender._state.vapid
        naive_started = time.perf_counter()
        for device in service["devices"][:NAIVE]:
            webpush(
                device,
                json.dumps({"title": "Inpakker"}),
                vapid_private_key=key,
                vapid_claims={"sub": sender.settings().vapid_subject},
                ttl=3600,
                timeout=10,
            )
        naive_took = time.perf_counter() - naive_started
        after = _count(proc)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        assert proc.stdin is not None
        proc.stdin.write("stop\n")
        proc.stdin.flush()
        proc.wait(timeout=30)
    return {
        "people": people,
        "processes": processes,
        "seconds": took,
        "per_second": people / took,
        "delivered": delivered,
        "arrived": counted["arrived"],
        "checked": counted["checked"],
        "rejected": counted["rejected"],
        "bench_cpu_us": bench_cpu / people * 1e6,
        "workers_cpu_us": workers_cpu / people * 1e6,
        "service_cpu_us": (counted["cpu"] - before["cpu"]) / people * 1e6,
        "naive_per_second": NAIVE / naive_took,
        "naive_arrived": after["arrived"] - counted["arrived"],
    }


def planning(planned: int, tmp: Path) -> dict:
    from huey import SqliteHuey

    from backend import tasks
    from backend.extensions import huey
    from backend.notifications import checkin

    _people(planned, None, due=True)
    queue = SqliteHuey("bench", filename=str(tmp / "queue.db"))
    huey.immediate = False
    original = huey.storage
    huey.storage = queue.storage
    try:
        started = time.perf_counter()
        moved = 0
        batches = 0
        for batch in checkin.plan_due():
            tasks.send_checkins(batch)
            moved += len(batch)
            batches += 1
        took = time.perf_counter() - started
        queued = queue.storage.queue_size()
    finally:
        huey.storage = original
        huey.immediate = True
    return {"planned": moved, "seconds": took, "tasks": batches, "queued": queued}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--planned", type=int, default=PLANNED)
    parser.add_argument(
        "--check-every",
        type=int,
        default=CHECK_EVERY,
        help="decrypt every n-th message (every message gets the other checks)",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=2,
        help="huey worker processes that deliver (0: in this process, HUEY_IMMEDIATE)",
    )
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--no-write", action="store_true", help="print, do not edit the doc")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-push-"))
    os.environ["INSTANCE_PATH"] = str(tmp / "instance")
    os.environ["HUEY_IMMEDIATE"] = "1"
    os.environ.pop("REDIS_URL", None)
    url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    os.environ["DATABASE_URL"] = url
    # The worker processes read their configuration from the environment.
    os.environ["PUSH_ALLOWED_HOSTS"] = "127.0.0.1:*"
    os.environ["PUSH_REQUIRE_HTTPS"] = "0"
    from backend import db

    db.upgrade_database(url)
    load = os.getloadavg()
    fan = fan_out(args.people, args.check_every, args.processes, tmp)
    plan = planning(args.planned, tmp)
    kind = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    load_after = os.getloadavg()
    checked = (
        "every message decrypted"
        if args.check_every == 1
        else f"every {args.check_every}th message decrypted ({fan['checked']:,} of "
        f"{fan['arrived']:,})"
    )
    ratio = fan["per_second"] / fan["naive_per_second"]
    sending = fan["workers_cpu_us"] + fan["bench_cpu_us"]
    total_cpu = sending + fan["service_cpu_us"]
    command = "make bench-push" + (
        f" (--processes {args.processes})" if args.processes != 2 else ""
    )
    if args.check_every != CHECK_EVERY:
        command += f" --check-every {args.check_every}"
    rows = [
        (
            f"fan-out: one vacancy to {fan['people']:,} people, one device each",
            f"{fan['per_second']:,.0f} notifications/s ({fan['seconds']:.1f} s; "
            f"{fan['delivered']:,} delivered, {fan['arrived']:,} arrived)",
            f">= {TARGET_PER_SECOND:,}/s",
        ),
        (
            "naive `webpush()` loop, same machine, same run",
            f"{fan['naive_per_second']:,.0f}/s ({NAIVE:,} pushes)",
            "-",
        ),
        ("fan-out / naive", f"{ratio:.1f} times", ">= 4 times"),
        (
            "CPU per notification: sending (worker processes + writing the inbox)",
            f"{sending:,.0f} us ({fan['workers_cpu_us']:,.0f} + {fan['bench_cpu_us']:,.0f})",
            "-",
        ),
        (
            "CPU per notification: the local push service (checking)",
            f"{fan['service_cpu_us']:,.0f} us",
            "-",
        ),
        (
            "estimate, not measured: 2 free cores / that CPU per notification",
            f"{2e6 / total_cpu:,.0f} notifications/s",
            f">= {TARGET_PER_SECOND:,}/s",
        ),
        (
            f"check-in planning: {plan['planned']:,} people due in one minute",
            f"{plan['seconds']:.2f} s ({plan['tasks']:,} digest tasks enqueued on SqliteHuey)",
            f"< {TARGET_PLAN_SECONDS:.0f} s",
        ),
    ]
    table = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows)
    text = (
        f"{SECTION}\n\n"
        f"Measured by `{command}` ({time.strftime('%Y-%m-%d %H:%M')}, {cpu_model()}, "
        f"{os.cpu_count()} cores shared with other work, {kind}; load average "
        f"{load[0]:.2f} before the run, {load_after[0]:.2f} after).\n\n"
        "| what | result | target |\n|---|---|---|\n"
        f"{table}\n\n"
        "How it runs: the clock runs from writing the inbox entries to the last delivery "
        "decision. The entries are written and the delivery tasks (500 notifications each) "
        "enqueued on a SQLite huey queue, as `announce_vacancy` does; a real `flask worker "
        f"--workers {args.processes} --worker-type process` (the Procfile's worker) takes "
        "them, each process encrypting and sending over its own aiohttp session, and writes "
        "the delivery log. CPU is measured per process from /proc (the worker's processes) "
        "and `time.process_time()` (the bench, the push service).\n\n"
        "The local push service (`tests/notifications/push_service.py`, its aiohttp "
        "server) ran in a child process. It received and counted every message and "
        "checked every one of them but for decryption: the VAPID JWT (the ES256 signature "
        "verified once per distinct header, as the sender reuses one header per origin for "
        "hours; `aud`, `exp` and `sub` on every message), TTL, Urgency, Topic, "
        "Content-Encoding and the aes128gcm header; "
        f"{checked}; rejected: {fan['rejected'] or 'none'}.\n\n"
        "Where the time goes: sending is CPU-bound, about a third of it encryption "
        "(pywebpush's WebPusher.encode; RFC 8291 needs a fresh ECDH key pair per "
        "message) and most of the rest "
        "aiohttp's request handling; delivery's database work (one read of the "
        "notifications, preferences and devices per task, one multi-row insert of the "
        "log) is small beside it. Two worker processes put the encryption on both cores. "
        "On a busy shared machine the notifications per second follow the CPU the run "
        "gets (the load average above); the CPU per notification, and what it allows on "
        "two free cores, is the steadier figure. "
        "Planning is one UPDATE ... RETURNING per group of equal settings, then one "
        "enqueue per 100 people.\n"
    )
    print(text)
    if not args.no_write:
        write_section(SECTION, text)


if __name__ == "__main__":
    main()
