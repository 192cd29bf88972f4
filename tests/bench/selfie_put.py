"""Selfie writes: section PUTs under load, and sync batches of 50 operations.

    .venv/bin/python -m tests.bench.selfie_put        (or: make bench-selfie)

The real app runs under gunicorn with 2 sync workers (the target's condition; `--workers 0`
takes the app's default, two per core), on a fresh SQLite file and, when
reachable, on a PostgreSQL database of its own (`bench_selfie`, dropped and created).
wrk loads it with 32 connections, one per wrk thread, each connection a jobseeker of its
own that writes one section again and again, every write a real one: an `If-Match` with
the ETag of its previous answer (a Lua script keeps it per connection) and a new
`Idempotency-Key`, so each request validates the body, stores the idempotency record,
updates the section conditionally, keeps the revision and prunes the old ones. The bare
primary-key read (tests/bench/bare_app.py) is measured in the same run with the same wrk
settings, and every figure is also given as a ratio to it.

Then one client sends 30 sync batches of 50 operations each (5 chained writes to each of
the 10 sections) and the latency of each batch is reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.config import web_workers
from tests.bench.api_throughput import (
    WRK_REPORT,
    Gunicorn,
    _wrk_version,
    database_version,
    load_api_database,
    postgres_reachable,
    run_wrk,
    serving,
    settle_database,
)
from tests.bench.bare_app import prepare_database
from tests.bench.harness import cpu_model, recreate_postgres_database, write_section

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "performance.md"
SECTION = "## Selfie writes"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_selfie"
PG_DATABASE = "bench_selfie"
WARMUP_SECONDS = 2
CONNECTIONS = 32
TARGET_RPS = 1000
TARGET_P99_MS = 50
TARGET_BATCH_MS = 150
BATCH_SIZE = 50
SECTIONS = (
    "basics",
    "location",
    "availability",
    "experience",
    "skills",
    "education",
    "languages",
    "wishes",
    "interests",
    "visibility",
)

# One body per section for the sync batches: valid, and cheap or not as it comes.
BATCH_BODIES: dict[str, dict[str, Any]] = {
    "basics": {"display_name": "Sanne", "preferred_language": "nl", "contact_methods": ["app"]},
    "location": {"postcode": "3511", "max_distance_km": 10, "travel_modes": ["bike"]},
    "availability": {"days_per_week": 2, "schedule": {"mon": ["morning"], "tue": ["morning"]}},
    "experience": {"entries": [{"title": "Mantelzorg", "kind": "informal", "start": "2020-01"}]},
    "skills": {"entries": []},
    "education": {"highest_level": "MBO_2", "studying_now": False},
    "languages": {"dutch": {"understanding": "B1", "speaking": "B1", "writing": "A2"}},
    "wishes": {"work_kinds": ["job", "open_hiring"], "learn_text": "koken"},
    "interests": {"answers": {"R1": 3, "I1": 4, "A1": 2}},
    "visibility": {"employers": "anonymous", "statistics": True},
}


@dataclass(frozen=True)
class PutTarget:
    label: str
    section: str
    body_format: str  # a Lua format string; %d is the write's number on its connection


PUT_TARGETS = [
    PutTarget(
        "`PUT /api/v1/selfie/sections/basics`",
        "basics",
        '{"display_name": "bench %d", "preferred_language": "nl", "contact_methods": ["app"]}',
    ),
    PutTarget(
        "`PUT /api/v1/selfie/sections/location` (postcode lookup)",
        "location",
        '{"postcode": "1012 AB", "max_distance_km": %d, "travel_modes": ["bike", "car"], '
        '"has_driving_licence": true}',
    ),
]


@dataclass
class Result:
    label: str
    database: str
    rps: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    errors: str = ""
    note: str = ""


# --- the jobseekers ----------------------------------------------------------------

# Runs in a child process with the server's environment (the backend reads INSTANCE_PATH
# at import time): makes the users and Bearer tokens the server will accept.
MAKE_USERS = """
import json, sys
from backend import create_app
from backend.accounts import auth, service
from backend.accounts.models import Role

app = create_app({"DATABASE_URL": sys.argv[1]})
tokens = []
with app.app_context(), app.test_request_context():
    for n in range(int(sys.argv[2])):
        user = service.create_user(
            username=f"bench-{n}", password="bench-wachtwoord-2026", role=Role.JOBSEEKER
        )
        tokens.append(auth.issue_api_tokens(user)["access_token"])
print(json.dumps(tokens))
"""


def make_users(url: str, env: dict[str, str], count: int) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", MAKE_USERS, url, str(count)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"making users failed:\n{out.stderr[-3000:]}")
    tokens: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return tokens


def request(
    base: str, method: str, path: str, token: str, body: Any = None, headers: Any = None
) -> tuple[int, dict[str, str], Any, float]:
    """Send one request on a new connection; return status, headers, JSON and seconds."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    data = json.dumps(body).encode() if body is not None else None
    all_headers = {"Authorization": f"Bearer {token}", **(headers or {})}
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    started = time.perf_counter()
    conn.request(method, path, body=data, headers=all_headers)
    resp = conn.getresponse()
    payload = resp.read()
    elapsed = time.perf_counter() - started
    conn.close()
    return resp.status, dict(resp.getheaders()), json.loads(payload or b"null"), elapsed


def versions(base: str, tokens: list[str], section: str) -> list[int]:
    path = f"/api/v1/selfie/sections/{section}"
    return [int(request(base, "GET", path, t)[2]["version"]) for t in tokens]


# --- wrk ---------------------------------------------------------------------------


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal here


def put_script(target: PutTarget, tokens: list[str], start: list[int], run: str) -> str:
    """A wrk script: connection i writes as jobseeker i, If-Match = its last ETag."""
    return (
        f"local tokens = {{{', '.join(lua_string(t) for t in tokens)}}}\n"
        f"local versions = {{{', '.join(str(v) for v in start)}}}\n"
        f"local run = {lua_string(run)}\n"
        f"local path = {lua_string('/api/v1/selfie/sections/' + target.section)}\n"
        f"local body_format = {lua_string(target.body_format)}\n"
        + """
local count = 0
function setup(thread)
  count = count + 1
  thread:set("token", tokens[count])
  thread:set("version", versions[count])
  thread:set("tid", count)
end

function init(args)
  n = 0
  refused = 0
end

function request()
  n = n + 1
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = run .. "-" .. tid .. "-" .. n,
  }
  if version == 0 then
    headers["If-None-Match"] = "*"
  else
    headers["If-Match"] = '"' .. version .. '"'
  end
  return wrk.format("PUT", path, headers, string.format(body_format, n % 200 + 1))
end

function response(status, headers, body)
  if status == 200 then
    version = tonumber(string.match(headers["ETag"], "%d+"))
  elseif status == 412 then
    -- A write of the warm-up landed after the versions were read: go on from the
    -- server's copy (counted as a non-2xx answer).
    version = tonumber(string.match(body, '"version":%s*(%d+)'))
  end
end
"""
        + WRK_REPORT
    )


def to_result(label: str, database: str, stats: dict[str, float]) -> Result:
    errors = {
        k: int(stats[k]) for k in ("non_2xx_3xx", "connect", "read", "write", "timeout") if stats[k]
    }
    result = Result(
        label,
        database,
        rps=stats["requests"] / (stats["duration_us"] / 1e6),
        p50_ms=stats["p50_us"] / 1000,
        p99_ms=stats["p99_us"] / 1000,
        errors=", ".join(f"{k} {v}" for k, v in errors.items()),
    )
    print(
        f"  {label:60} {database:10} {result.rps:8.0f} req/s  p50 {result.p50_ms:6.2f} ms  "
        f"p99 {result.p99_ms:6.2f} ms  {result.errors}",
        flush=True,
    )
    return result


def measure_bare(server: Gunicorn, database: str, tmp: Path, seconds: int) -> Result:
    script = tmp / "bare.lua"
    script.write_text(WRK_REPORT)
    url = server.base + "/items/42"
    run_wrk(url, script, WARMUP_SECONDS, threads=CONNECTIONS, connections=CONNECTIONS)
    return to_result(
        "bare: PK read (SQLAlchemy)",
        database,
        run_wrk(url, script, seconds, threads=CONNECTIONS, connections=CONNECTIONS),
    )


def measure_put(
    server: Gunicorn, target: PutTarget, database: str, tokens: list[str], tmp: Path, seconds: int
) -> Result:
    script = tmp / f"put-{target.section}.lua"
    url = server.base + "/api/v1/selfie/sections/" + target.section
    for phase, duration in (("warm-up", WARMUP_SECONDS), ("run", seconds)):
        time.sleep(0.5)  # the writes wrk left on their way land first
        before = versions(server.base, tokens, target.section)
        script.write_text(put_script(target, tokens, before, f"{phase}-{uuid.uuid4().hex[:8]}"))
        stats = run_wrk(url, script, duration, threads=CONNECTIONS, connections=CONNECTIONS)
    after = versions(server.base, tokens, target.section)
    result = to_result(target.label, database, stats)
    # Every 2xx must be one new version: nothing lost, nothing written twice.
    written = sum(a - b for a, b in zip(after, before, strict=True))
    ok = int(stats["requests"]) - int(stats["non_2xx_3xx"])
    # wrk may stop while a request is on its way; its write lands but is not counted.
    if not 0 <= written - ok <= CONNECTIONS:
        raise RuntimeError(f"{target.section}: {ok} writes answered 2xx, {written} versions")
    result.note = f"{written:,} writes, each a new version"
    return result


# --- sync batches ------------------------------------------------------------------


def measure_batches(server: Gunicorn, token: str, rounds: int) -> dict[str, float]:
    base_versions = dict.fromkeys(SECTIONS, 0)
    per_section = BATCH_SIZE // len(SECTIONS)
    timings = []
    for round_ in range(rounds + 1):  # the first round warms up
        operations = []
        for section in SECTIONS:
            for _ in range(per_section):
                operations.append(
                    {
                        "key": str(uuid.uuid4()),
                        "section": section,
                        "base_version": base_versions[section],
                        "data": BATCH_BODIES[section],
                    }
                )
                base_versions[section] += 1
        status, _headers, body, elapsed = request(
            server.base, "POST", "/api/v1/sync", token, {"operations": operations}
        )
        if status != 200 or any(r["status"] != 200 for r in body["results"]):
            raise RuntimeError(f"sync batch failed: {status} {str(body)[:500]}")
        if round_:
            timings.append(elapsed * 1000)
    timings.sort()
    return {
        "n": len(timings),
        "p50": statistics.median(timings),
        "p95": timings[int(0.95 * (len(timings) - 1))],
        "max": timings[-1],
    }


# --- databases ---------------------------------------------------------------------


def server_env(tmp: Path, database_url: str) -> dict[str, str]:
    """The servers' environment: a throw-away instance folder, no Redis."""
    drop = {"REDIS_URL", "HUEY_IMMEDIATE", "SECRET_KEY", "JWT_SECRET_KEY"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        INSTANCE_PATH=str(tmp / "instance"),
        DATABASE_URL=database_url,
        BENCH_DATABASE_URL=database_url,
        ACCESS_TOKEN_MINUTES="120",
        PYTHONPATH=str(ROOT),
    )
    return env


# --- report ------------------------------------------------------------------------


def markdown(
    results: list[Result], batches: dict[str, dict[str, float]], meta: dict[str, str], args: Any
) -> str:
    bare = {r.database: r.rps for r in results if r.label.startswith("bare")}
    lines = [
        SECTION,
        "",
        f"Measured on {meta['date']} with `make bench-selfie`, which runs "
        "`.venv/bin/python -m tests.bench.selfie_put`. Machine: "
        f"{meta['machine']}. {meta['software']}. Load average (1 min) before the run: "
        f"{meta['load']}.",
        "",
        f"gunicorn with {meta['workers']} sync workers ({meta['workers_why']}) of the class "
        "`gunicorn.conf.py` sets (`backend/gunicorn_worker.py`: gunicorn's sync worker, "
        "but a finished connection is closed without waiting for the client), no access "
        "log, rate limits on as in production, on a fresh database (migrated, "
        "reference data imported, then settled). wrk with "
        f"`-t{CONNECTIONS} -c{CONNECTIONS} -d{args.duration}s --latency`, after a "
        f"{WARMUP_SECONDS} s warm-up: {CONNECTIONS} connections, each one jobseeker of its own "
        "writing its section again and again. Every request is a real write: `If-Match` "
        "with the ETag of the previous answer (kept per connection by the Lua script), a new "
        "`Idempotency-Key`, validation, the idempotency record, the conditional update, the "
        "revision and the pruning of revisions beyond 20, in one transaction. After each "
        "run the benchmark checks that the number of new versions equals the number of 2xx "
        "answers. The bare primary-key read (`tests/bench/bare_app.py`) is loaded with the "
        "same wrk settings and workers in the same run. wrk runs on the same "
        f"{os.cpu_count()} cores as the server.",
        "",
        f"Targets: at least {TARGET_RPS:,} writes/s with p99 under {TARGET_P99_MS} ms.",
        "",
        "| Request | Database | req/s | p50 ms | p99 ms | ÷ bare PK read | target met | notes |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in results:
        is_bare = r.label.startswith("bare")
        met = ""
        if not is_bare and r.rps is not None and r.p99_ms is not None:
            met = "yes" if r.rps >= TARGET_RPS and r.p99_ms < TARGET_P99_MS else "**no**"
        ratio = "1.00" if is_bare else f"{(r.rps or 0) / (bare.get(r.database) or 1):.2f}"
        notes = "; ".join(x for x in (r.note, f"errors: {r.errors}" if r.errors else "") if x)
        lines.append(
            f"| {r.label} | {r.database} | {r.rps:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | "
            f"{ratio} | {met} | {notes} |"
        )
    lines += [
        "",
        f"Sync batches: one client sends {args.batches} batches of {BATCH_SIZE} operations "
        f"(5 chained writes to each of the 10 sections, every operation a new key) to "
        f"`POST /api/v1/sync` on an idle server, after one warm-up batch; latency measured "
        f"by the client, including a local TCP connect. Target: under {TARGET_BATCH_MS} ms.",
        "",
        "| Database | batches | p50 ms | p95 ms | max ms | target met |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for database, b in batches.items():
        met = "yes" if b["max"] < TARGET_BATCH_MS else "**no**"
        lines.append(
            f"| {database} | {b['n']:.0f} | {b['p50']:.1f} | {b['p95']:.1f} | {b['max']:.1f} | "
            f"{met} |"
        )
    lines += ["", WHERE_THE_TIME_GOES, "", *meta["notes"].splitlines()]
    return "\n".join(lines).rstrip() + "\n"


WHERE_THE_TIME_GOES = (
    "What was done, measured with cProfile in-process: the token check was half of a "
    "PUT (flask-jwt-extended decodes each token twice, and the session deny-list was "
    "one read per request); verified tokens and active sessions are now remembered per "
    'process (`backend/accounts/token_cache.py`, README "Decisions"). The write\'s '
    "statements are built once instead of per request, webargs gets schema instances, "
    "the unused Flask session is skipped, and gunicorn freezes the loaded app for the "
    "GC (`gunicorn.conf.py`). Together these roughly doubled the PUT rate against the "
    "bare read (0.21-0.23 of it before, on a quiet machine). On PostgreSQL most of a "
    "PUT was waiting for the server: six round trips (a pool ping, BEGIN, three "
    "statements, COMMIT). Now a pooled connection is pinged only after 5 s idle "
    "(`backend/db.py`), and the write is one statement (a data-modifying WITH: claim "
    "the key, update the section at its base version, keep the revision, prune; "
    "`backend/selfie/service.py`), so a PUT is BEGIN, that statement and COMMIT: "
    "measured in one process with the same 1,000 PUTs, 24% less CPU (Python and the "
    "PostgreSQL backend together).\n\n"
    "Then (2026-12-05, sampled with py-spy, in one process and in a gunicorn worker "
    "under this load): SQLAlchemy's `execute()` was a fifth of a PUT on SQLite, four "
    "statements at ~25 µs each on top of SQLite's own ~5 µs; the write's statements and "
    "matching's upsert now run on the DBAPI cursor, compiled once per dialect "
    "(`db.DriverStatement`, tested to store exactly what SQLAlchemy stores), in a Core "
    "transaction instead of an ORM session (in one process: 1,260 → 1,010 µs of CPU per "
    "PUT). flask-limiter's check before every request looked for limits no route but "
    "login and registration has (~10% of a PUT in one process); only the routes with a "
    "limit are checked now (`RouteLimiter`, `backend/extensions.py`), and this benchmark "
    "runs with rate limits on, as in production. On PostgreSQL the BEGIN and COMMIT "
    "round trips around the one statement cost the server ~110 µs and the worker "
    "~120 µs of CPU per write (measured with the backend's /proc counters); the "
    "statement now updates first and records the key from the updated row, so it needs "
    "no transaction around it and a PUT runs it in autocommit (docs/selfie.md, "
    "Decisions). Last, a sync worker waits while the database commits: with one per "
    "core the cores idled; `gunicorn.conf.py` now starts two per core. In one run each, "
    "PUTs as a share of the bare read: 2 workers 0.50-0.52 (SQLite) and 0.48-0.50 "
    "(PostgreSQL), 3 workers 0.53-0.56 and 0.60-0.62, 4 workers 0.54-0.58 and "
    "0.62-0.66, 5 workers 0.52-0.60 and 0.55-0.57 with a p99 over 50 ms on SQLite. "
    "What is left per PUT is spread thin: Flask and flask-smorest, gunicorn (sending "
    "the head and the body as one packet with TCP_CORK was tried: +3%, within the "
    "noise, left out), validation, the fingerprint, the durable "
    "commit, the JSON of the answer; we keep synchronous commits, because an "
    "acknowledged write must never be lost.\n\n"
    "Then (2026-12-06, counted with callgrind: instructions per PUT in one process, "
    "the same from run to run, where timings on this machine wander by a third within "
    "minutes): a section was answered through flask-smorest's marshmallow dump and an "
    "after-request hook for its ETag; it is now made directly (what `SectionSchema` "
    "dumps, checked by a test), -4.5%. webargs parsed the three write headers through "
    "`WriteHeadersSchema` on every PUT; they are now read directly while they are "
    "plainly right, and only a doubtful value goes through the schema (same 422, same "
    "OpenAPI parameters), -7.3%. On PostgreSQL, PostgreSQL planned the write statement "
    "anew on every run: its generic plan guessed that the prune would delete a third of "
    "a section's revisions, so it looked dearer than a plan for the values at hand "
    "(nothing to prune); planning was ~170 µs of ~430 µs of the server's CPU for a "
    "write (measured with the backend's /proc counters, custom against generic plans "
    "in turns). The prune is now a part of the statement only on a pruning write (one "
    "in ten), and a test checks that the others run on one generic plan. On SQLite, "
    "two workers that wanted to write at once met SQLite's busy handler, which sleeps "
    "1 ms and more while the other write takes a fraction of that (strace: a "
    "`clock_nanosleep` for more than half the PUTs under load); selfie writers now "
    "take turns on a file lock (`db.SqliteWriters`), +4 to +16% PUTs/s in turns "
    "against the same code without it. Against the code before these changes, in "
    "turns on one database: PostgreSQL +11 to +22% PUTs/s, SQLite +11 to +19%. Tried "
    "and left out: gunicorn's C parser (`gunicorn[fast]`: no gain, 0.89-1.02 in "
    "turns), an autocommit engine for the one statement (-0.2% instructions), dropping "
    "the foreign keys of the idempotency record and the revision (their checks are "
    "~13% of the server's CPU for a write, 20-50 µs: not worth losing the guarantee), "
    "gunicorn's heartbeat file on /dev/shm (no gain in turns).\n\n"
    "Then (2026-12-06, later, on this machine's new host, an AMD EPYC): gunicorn's sync "
    "worker (27.0.1) closes a connection gracefully: it half-closes, then blocks "
    "until the client closes too (up to 2 s), so that request bytes left unread cannot "
    "make the kernel reset the connection and cut the answer short. Under this load the "
    "worker spent about a tenth of its time there, waiting for wrk to be scheduled, read "
    "the answer and close (py-spy in the workers: `close_graceful` 12%); with a trivial "
    "app and one worker, a second client waits the full 2 s behind a first that is slow "
    "to close. `backend/gunicorn_worker.py` closes at once when there is nothing to "
    "drain (the request read to its last byte, nothing pipelined, nothing waiting in the "
    "kernel), and leaves every other case to gunicorn's graceful close; tests run both "
    "workers under gunicorn. In turns on one database, 8 s each: PostgreSQL +12% "
    "PUTs/s (8 rounds, every one faster: 1.02-1.20), SQLite +7% (6 rounds, 1.05-1.10). "
    "Tried and left out: making `(user_id, section, version)` the primary key of "
    "`selfie_revision` instead of a surrogate id with a unique index (one index and one "
    "sequence less per write): PostgreSQL's CPU per write stayed the same (173-180 against "
    "170-177 µs, 3,000 PUTs each, in turns).\n\n"
    "Runs of 2026-12-06 (`make bench-selfie`, 2 workers; PUTs/s basics / location, bare "
    "reads SQLite / PostgreSQL). On the earlier host, an Intel Xeon, before the new "
    "worker class: 01:16 UTC, before the changes of that night, SQLite 1,064 / 1,039 and "
    "PostgreSQL 941 / 944 (p99 48 ms); after them, 02:38 SQLite 1,178 / 1,163 (p99 34 / "
    "38 ms) and PostgreSQL 1,084 / 954 (p99 46 / 53 ms), bare 2,416 / 1,572; 02:44 SQLite"
    " 1,084 / 1,022 and PostgreSQL 917 / 863 (p99 52 / 60 ms); 02:50 PostgreSQL 504 / 555"
    " with a bare read of 1,154/s while the machine stalled; 02:53 SQLite 1,047 / 957 and"
    " PostgreSQL 836 / 833 (p99 62 / 64 ms), bare 1,814 / 1,352. On the new host, still "
    "without the new worker class: 04:17 SQLite 1,820 / 1,355 and PostgreSQL 1,325 / "
    "1,186 (p99 36 / 40 ms), bare 3,133 / 2,493; 04:21 SQLite 2,029 / 1,829 and "
    "PostgreSQL 1,095 / 1,023 (p99 51 / 57 ms: the target missed), bare 3,756 / 2,346. "
    "With it: 04:37 SQLite 2,182 / 2,017 and PostgreSQL 1,573 / 1,473 (p99 28 / 30 ms), "
    "bare 3,963 / 2,698; 04:39 SQLite 2,241 / 1,909 and PostgreSQL 1,491 / 1,502 (p99 31 "
    "/ 28 ms), bare 4,116 / 2,721; 04:46 SQLite 2,195 / 2,062 and PostgreSQL 1,462 / "
    "1,431 (p99 32 / 35 ms), bare 4,096 / 2,662; 04:48 SQLite 2,125 / 1,962 and "
    "PostgreSQL 1,243 / 1,182 (p99 41 / 48 ms), bare 4,017 / 2,655; 04:50 in the table "
    "above; 05:39, the machine slower, SQLite 1,587 / 1,407 and PostgreSQL 1,353 / 1,292 "
    "(p99 33 / 35 ms), bare 3,643 / 2,408. Every run with the new worker class met both "
    "targets on both databases; the p99 on PostgreSQL is the figure closest to its limit."
    " What is left on PostgreSQL, sampled with perf in the server: starting the executor "
    "for the five-part statement (~16% of the backend's CPU), the commit's WAL flush "
    "(~14%, mostly waiting for the disk), the foreign-key checks (~13%) and the index "
    "inserts (~7%). In the worker, a PUT costs ~400 µs of CPU when one process runs PUTs "
    "one after another (on PostgreSQL, with ~180 µs in the server), and gunicorn ~100 µs "
    "a request (a trivial app under wrk); under this load each costs about twice that (a "
    "worker ~830 µs, the server ~280 µs, wrk ~140 µs per PUT, read from /proc), as wrk's "
    "32 threads, two workers and PostgreSQL share the two cores."
)


# --- main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--batches", type=int, default=30, help="sync batches to time")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_SELFIE_PG_URL", PG_URL))
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="gunicorn sync workers (default 2, as the target is set; 0: the app's default)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch the docs")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed (Debian: `apt-get install -y wrk`).", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="zelf-bench-selfie-"))
    databases = [("SQLite", f"sqlite:///{tmp / 'bench.db'}")]
    notes: list[str] = []
    if args.sqlite_only:
        notes.append("PostgreSQL was not measured (`--sqlite-only`).")
    else:
        why = postgres_reachable(args.pg_url)
        if why:
            print(f"PostgreSQL not reachable ({why}): SQLite only.", flush=True)
            notes.append(f"PostgreSQL was not reachable in this run ({why}).")
        else:
            databases.append(("PostgreSQL", args.pg_url))

    load_before = os.getloadavg()[0]
    workers = args.workers or web_workers()
    results: list[Result] = []
    batches: dict[str, dict[str, float]] = {}
    db_versions: list[str] = []
    try:
        for name, url in databases:
            print(f"{name}: preparing {url}", flush=True)
            if name == "PostgreSQL":
                recreate_postgres_database(url, only=PG_DATABASE)
            env = server_env(tmp, url)
            load_api_database(url, env)
            prepare_database(url)
            tokens = make_users(url, env, CONNECTIONS + 1)
            settle_database(url)
            db_versions.append(database_version(url))
            bare, api = "tests.bench.bare_app:create_app()", "backend:create_app()"
            with serving(bare, env, tmp / "bare.log", "/json", workers) as s:
                results.append(measure_bare(s, name, tmp, args.duration))
            with serving(api, env, tmp / "api.log", "/api/openapi.json", workers) as s:
                for target in PUT_TARGETS:
                    results.append(
                        measure_put(s, target, name, tokens[:CONNECTIONS], tmp, args.duration)
                    )
                batches[name] = measure_batches(s, tokens[CONNECTIONS], args.batches)
                b = batches[name]
                print(
                    f"  sync batch of {BATCH_SIZE}: p50 {b['p50']:.1f} ms, p95 {b['p95']:.1f} ms,"
                    f" max {b['max']:.1f} ms",
                    flush=True,
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    import gunicorn

    meta = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores ({cpu_model()}), {platform.system()} "
        f"{platform.release()}",
        "software": f"Python {platform.python_version()}, gunicorn {gunicorn.__version__}, "
        f"{_wrk_version()}, {', '.join(db_versions)}",
        "load": f"{load_before:.2f}",
        "workers": str(workers),
        "workers_why": "as the target is set; `--workers` changes it"
        if args.workers
        else "the default of `gunicorn.conf.py`: two per core, or `WEB_CONCURRENCY`",
        "notes": "\n".join(f"- {n}" for n in notes),
    }
    text = markdown(results, batches, meta, args)
    print()
    print(text)
    if not args.no_write:
        write_section(SECTION, text)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
