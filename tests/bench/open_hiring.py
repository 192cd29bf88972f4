"""Open-hiring sign-ups per second: `POST /api/v1/open-hiring/{id}/queue` under wrk.

    .venv/bin/python -m tests.bench.open_hiring        (or: make bench-open-hiring)

The real app runs under gunicorn with 2 sync workers, on a fresh SQLite file and, when
reachable, on a PostgreSQL database of its own (`bench_open_hiring`, dropped and
created; never any other one). A child process makes an employer with a published
open-hiring vacancy and thousands of jobseekers, each with a login session and a Bearer
token (the fast path of tests/open_hiring/crowd.py: one shared password hash). wrk then
signs them onto the one list as fast as it can, every request a different person, so
every request is a real sign-up: the token check, the vacancy's terms, the list's lock
and next position, the place, the event, the commit. Afterwards the benchmark checks
that the list holds exactly the people who got a 201, at positions 1…n with no gap.
The bare primary-key read (tests/bench/bare_app.py) is measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.bench.api_throughput import (
    WRK_REPORT,
    Gunicorn,
    _wrk_version,
    database_version,
    load_api_database,
    postgres_reachable,
    run_wrk,
    server_env,
    serving,
    settle_database,
)
from tests.bench.bare_app import prepare_database
from tests.bench.harness import cpu_model, recreate_postgres_database, write_section

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "performance.md"
SECTION = "## Open-hiring sign-ups"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_open_hiring"
PG_DATABASE = "bench_open_hiring"
TARGET_RPS = 500
WARMUP_SECONDS = 2
THREADS = 2
CONNECTIONS = 8
# More people than the fastest run could sign: nobody signs twice (that would be a 409).
WARMUP_PEOPLE = 4000
RUN_PEOPLE_PER_SECOND = 1500

# Runs in a child process with the server's environment (the backend reads INSTANCE_PATH
# at import time; this process never imports the app).
SETUP = """
import json, sys
from datetime import date, timedelta
from backend import create_app
from backend.accounts import service as accounts
from backend.accounts.models import Role
from backend.vacancies import service as vacancies
from tests.open_hiring.crowd import make_crowd

app = create_app({"DATABASE_URL": sys.argv[1]})
people = int(sys.argv[2])
with app.app_context():
    employer = accounts.create_user(
        username="bench-werkgever", password="bench-wachtwoord-2026", role=Role.EMPLOYER
    )
    org = accounts.create_organisation(employer.id, name="Bakkerij Bench", postcode="1012")
    function = vacancies.create_function(
        employer.id, org.id,
        {"occupation_id": "90f75f67-495d-49fa-ab57-2f320e251d7e", "description": "Koken."},
    )
    ids = []
    for title in ("warm-up", "run"):
        made = vacancies.create_vacancy(employer.id, {
            "function_id": function["id"], "title": f"Open hiring ({title})",
            "hiring_mode": "open", "schedule": {"mon": ["morning"]}, "hours_per_week": 8,
            "start_date": date.today() + timedelta(days=7), "places": 10,
        })
        vacancies.publish_vacancy(employer.id, made["id"])
        ids.append(made["id"])
    crowd = make_crowd(app, people, lifetime=timedelta(hours=2))
print(json.dumps({"vacancies": ids, "tokens": [p.token for p in crowd]}))
"""

# Counts the list after a run: everyone on it, the last position, and any gap.
CHECK = """
import json, sys
from sqlalchemy import create_engine, text
engine = create_engine(sys.argv[1])
with engine.connect() as conn:
    row = conn.execute(text(
        "SELECT count(*), coalesce(max(position), 0), count(DISTINCT position), "
        "count(DISTINCT user_id) FROM queue_place WHERE vacancy_id = :v"
    ), {"v": int(sys.argv[2])}).one()
print(json.dumps(list(row)))
"""


# In-process, without HTTP: where a sign-up's time goes. The same person signs once, so
# every request brings a token the server has not seen before (no token cache hit).
BREAKDOWN = """
import json, sys, time, statistics
from datetime import date, timedelta
from backend import create_app, db
from backend.accounts import service as accounts
from backend.accounts.models import Role
from backend.open_hiring import service as open_hiring
from backend.vacancies import service as vacancies
from tests.open_hiring.crowd import make_crowd

app = create_app({"DATABASE_URL": sys.argv[1]})
n = int(sys.argv[2])
with app.app_context():
    employer = accounts.create_user(
        username="bench-breakdown", password="bench-wachtwoord-2026", role=Role.EMPLOYER
    )
    org = accounts.create_organisation(employer.id, name="Bakkerij Uitsplitsing", postcode="1012")
    function = vacancies.create_function(
        employer.id, org.id,
        {"occupation_id": "90f75f67-495d-49fa-ab57-2f320e251d7e", "description": "Koken."},
    )
    ids = []
    for title in ("service", "http"):
        made = vacancies.create_vacancy(employer.id, {
            "function_id": function["id"], "title": title, "hiring_mode": "open",
            "schedule": {"mon": ["morning"]}, "hours_per_week": 8,
            "start_date": date.today() + timedelta(days=7), "places": 10,
        })
        vacancies.publish_vacancy(employer.id, made["id"])
        ids.append(made["id"])
    crowd = make_crowd(app, 3 * n + 60)
db.Session.remove()
client = app.test_client()
def timed(fn, people):
    samples = []
    for person in people:
        started = time.perf_counter()
        fn(person)
        samples.append((time.perf_counter() - started) * 1000)
        db.Session.remove()
    return statistics.median(samples[20:])
def service(p):
    with app.app_context():
        open_hiring.sign_up(ids[0], user_id=p.user_id, right_to_work_nl=True)
def http(p):
    r = client.post(f"/api/v1/open-hiring/{ids[1]}/queue", json={"right_to_work_nl": True},
                    headers=p.headers)
    assert r.status_code == 201, r.get_json()
def read(p):
    r = client.get("/api/v1/open-hiring/my-places", headers=p.headers)
    assert r.status_code == 200
out = {
    "service": timed(service, crowd[: n + 20]),
    "http": timed(http, crowd[n + 20 : 2 * n + 40]),
    "read": timed(read, crowd[2 * n + 40 :]),
}
print(json.dumps(out))
"""


@dataclass
class Result:
    label: str
    database: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: str = ""
    note: str = ""


def child(script: str, args: list[str], env: dict[str, str], timeout: int = 600) -> str:
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"child process failed:\n{out.stderr[-3000:]}")
    return out.stdout.strip().splitlines()[-1]


def lua(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal here


def sign_up_script(vacancy_id: int, tokens: list[str]) -> str:
    """A wrk script: every request signs the next person (threads take turns)."""
    return (
        f"local tokens = {{{', '.join(lua(t) for t in tokens)}}}\n"
        f"local path = {lua(f'/api/v1/open-hiring/{vacancy_id}/queue')}\n"
        f"local threads = {THREADS}\n"
        + """
local body = '{"right_to_work_nl": true}'
local count = 0
function setup(thread)
  count = count + 1
  thread:set("tid", count)
end

function init(args)
  n = 0
end

function request()
  local token = tokens[n * threads + tid]
  n = n + 1
  if token == nil then
    token = tokens[1]  -- out of people: a repeat, answered 409 and counted as an error
  end
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
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
        f"  {label:50} {database:10} {result.rps:8.0f} req/s  p50 {result.p50_ms:6.2f} ms  "
        f"p99 {result.p99_ms:6.2f} ms  {result.errors}",
        flush=True,
    )
    return result


def measure_bare(server: Gunicorn, database: str, tmp: Path, seconds: int) -> Result:
    script = tmp / "bare.lua"
    script.write_text(WRK_REPORT)
    url = server.base + "/items/42"
    run_wrk(url, script, WARMUP_SECONDS, threads=THREADS, connections=CONNECTIONS)
    stats = run_wrk(url, script, seconds, threads=THREADS, connections=CONNECTIONS)
    return to_result("bare: PK read (SQLAlchemy)", database, stats)


def measure_sign_ups(
    server: Gunicorn,
    database: str,
    url: str,
    env: dict[str, str],
    setup: dict[str, list],  # type: ignore[type-arg]
    tmp: Path,
    seconds: int,
) -> Result:
    warm_id, run_id = setup["vacancies"]
    tokens = setup["tokens"]
    script = tmp / "sign-up.lua"
    script.write_text(sign_up_script(warm_id, tokens[:WARMUP_PEOPLE]))
    path = f"/api/v1/open-hiring/{warm_id}/queue"
    run_wrk(server.base + path, script, WARMUP_SECONDS, threads=THREADS, connections=CONNECTIONS)
    script.write_text(sign_up_script(run_id, tokens[WARMUP_PEOPLE:]))
    path = f"/api/v1/open-hiring/{run_id}/queue"
    stats = run_wrk(server.base + path, script, seconds, threads=THREADS, connections=CONNECTIONS)
    result = to_result("`POST /api/v1/open-hiring/{id}/queue`", database, stats)
    count, last, distinct, people = json.loads(child(CHECK, [url, str(run_id)], env))
    ok = int(stats["requests"]) - int(stats["non_2xx_3xx"])
    # wrk may stop while a request is on its way: its sign-up lands but is not counted.
    if not (count == last == distinct == people and 0 <= count - ok <= CONNECTIONS):
        raise RuntimeError(
            f"{database}: {ok} answered 201, but the list has {count} places, last position "
            f"{last}, {distinct} distinct positions, {people} people"
        )
    result.note = f"{count:,} sign-ups, positions 1-{last:,} without a gap"
    return result


# --- report --------------------------------------------------------------------------


def markdown(
    results: list[Result],
    breakdowns: dict[str, dict[str, float]],
    meta: dict[str, str],
    args: argparse.Namespace,
) -> str:
    bare = {r.database: r.rps for r in results if r.label.startswith("bare")}
    lines = [
        SECTION,
        "",
        f"Measured on {meta['date']} with `make bench-open-hiring`, which runs "
        "`.venv/bin/python -m tests.bench.open_hiring`. Machine: "
        f"{meta['machine']}. {meta['software']}. Load average (1 min) before the run: "
        f"{meta['load']}; after each database: {meta['load_after']}.",
        "",
        "gunicorn with 2 sync workers, no access log, on a fresh database (migrated, "
        "reference data imported, then settled). wrk with "
        f"`-t{THREADS} -c{CONNECTIONS} -d{args.duration}s --latency` after a "
        f"{WARMUP_SECONDS} s warm-up on another list; every request signs a different "
        "jobseeker (its own Bearer token and login session) onto one open-hiring list, so "
        "each is a real sign-up: token and session check, the vacancy's terms, the "
        "list's lock and next position, the place, the audit event and the commit. After "
        "the run the benchmark checks that the list holds exactly the people who got a "
        "201, at positions 1…n without a gap. The vacancy has no minimum age; with one, "
        "each sign-up also reads the person's selfie basics (one more primary-key read). "
        "The bare primary-key read (`tests/bench/bare_app.py`) is loaded with the same wrk "
        "settings in the same run; wrk runs on the same 2 cores as the servers.",
        "",
        f"Target: at least {TARGET_RPS} sign-ups/s on both databases.",
        "",
        "| Request | Database | req/s | p50 ms | p99 ms | ÷ bare PK read | target met | notes |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in results:
        is_bare = r.label.startswith("bare")
        met = "" if is_bare else ("yes" if r.rps >= TARGET_RPS and not r.errors else "**no**")
        ratio = "1.00" if is_bare else f"{r.rps / (bare.get(r.database) or 1):.2f}"
        notes = "; ".join(x for x in (r.note, f"errors: {r.errors}" if r.errors else "") if x)
        lines.append(
            f"| {r.label} | {r.database} | {r.rps:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | "
            f"{ratio} | {met} | {notes} |"
        )
    lines += [
        "",
        "Where a sign-up's time goes: the same sign-ups timed in one process without HTTP "
        "(median of 300, each with a token the process has not seen before, after a "
        "warm-up): the open-hiring service alone; the whole request through Flask (the "
        "Flask test client); and `GET /api/v1/open-hiring/my-places` for someone on no "
        "list, a request that does almost nothing but the token check and the framework.",
        "",
        "| Database | sign-up service ms | sign-up request ms | my-places request ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for database, b in breakdowns.items():
        lines.append(f"| {database} | {b['service']:.2f} | {b['http']:.2f} | {b['read']:.2f} |")
    lines += ["", where_the_time_goes(breakdowns), "", *meta["notes"].splitlines()]
    return "\n".join(lines).rstrip() + "\n"


def where_the_time_goes(breakdowns: dict[str, dict[str, float]]) -> str:
    """Say, from the in-process figures, how much of a sign-up is the sign-up itself."""
    parts = []
    for database, b in breakdowns.items():
        if not b["http"]:
            continue
        share = b["service"] / b["http"]
        where = (
            "the next gain is in the token check and the framework"
            if share < 0.4
            else "the sign-up's own round trips to the database weigh as much as the rest"
        )
        parts.append(
            f"{database}: the service is {share:.0%} of the request and the almost-empty "
            f"request costs {b['read'] / b['http']:.0%} of it, so {where}"
        )
    return (
        "; ".join(parts) + ". The sign-up itself is the vacancy's terms, then in one "
        "transaction the list's lock with the next position, the place and the event (on "
        "PostgreSQL one statement, a data-modifying WITH, so the list's row lock is held for "
        "that statement and the commit only); the people ahead are the list's own count of "
        "people in line, kept on the list's row by every transition, so no sign-up counts "
        "the list (`backend/open_hiring/service.py`). The rest is what every authenticated request "
        "pays: verifying a token seen for the first time (flask-jwt-extended decodes it "
        "twice, and the session deny-list is one read, a prebuilt query on the table's "
        "columns, in `backend/accounts`), and Flask, flask-smorest and webargs. Measured in "
        "one process on PostgreSQL, the one-statement sign-up, the pool's idle-only ping and "
        "the table-column session check together took a sign-up from 3.8 to 2.4 ms of CPU "
        "(Python and the PostgreSQL backend), and from 9 round trips to 6."
    )


# --- main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of measurement")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_OPEN_HIRING_PG_URL", PG_URL))
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--no-write", action="store_true", help="do not touch the docs")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed (Debian: `apt-get install -y wrk`).", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="zelf-bench-open-hiring-"))
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
    load_after: list[str] = []
    results: list[Result] = []
    breakdowns: dict[str, dict[str, float]] = {}
    db_versions: list[str] = []
    people = WARMUP_PEOPLE + RUN_PEOPLE_PER_SECOND * args.duration
    try:
        for name, url in databases:
            print(f"{name}: preparing {url}", flush=True)
            if name == "PostgreSQL":
                recreate_postgres_database(url, only=PG_DATABASE)
            env = {**server_env(tmp, url), "RATELIMIT_ENABLED": "0"}
            load_api_database(url, env)
            prepare_database(url)
            setup = json.loads(child(SETUP, [url, str(people)], env))
            settle_database(url)
            db_versions.append(database_version(url))
            with serving("tests.bench.bare_app:create_app()", env, tmp / "bare.log", "/json") as s:
                results.append(measure_bare(s, name, tmp, args.duration))
            with serving("backend:create_app()", env, tmp / "api.log", "/api/openapi.json") as s:
                results.append(measure_sign_ups(s, name, url, env, setup, tmp, args.duration))
            load_after.append(f"{name} {os.getloadavg()[0]:.2f}")
            breakdowns[name] = json.loads(child(BREAKDOWN, [url, "300"], env))
            b = breakdowns[name]
            print(
                f"  in-process: sign-up service {b['service']:.2f} ms, sign-up request "
                f"{b['http']:.2f} ms, my-places request {b['read']:.2f} ms",
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
        "load": f"{load_before:.2f}"
        + (
            " (2 cores: the machine is shared and was busy; read the ratios to the baseline "
            "more than the absolute figures)"
            if load_before > 1.0
            else ""
        ),
        "load_after": ", ".join(load_after),
        "notes": "\n".join(f"- {n}" for n in notes),
    }
    text = markdown(results, breakdowns, meta, args)
    print()
    print(text)
    if not args.no_write:
        write_section(SECTION, text)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
