"""API throughput: the real API against a bare Flask app, in one run, under wrk.

    .venv/bin/python -m tests.bench.api_throughput        (or: make bench-api)

Both apps run side by side under gunicorn with 2 sync workers each, first on SQLite,
then on PostgreSQL when it is reachable. wrk loads one endpoint at a time, in rounds that
visit every endpoint in turn, so that a burst of other work on the machine hits the bare
and the real app alike; each figure is the median of the rounds. Every API figure is
reported as a ratio to the bare figures of the same run, because the absolute numbers
depend on this noisy 2-core machine, whose cores wrk shares with the servers. The table
is printed and written to docs/performance.md under "API throughput".
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.bare_app import prepare_database
from tests.bench.harness import cpu_model, recreate_postgres_database, server_dsn, write_section

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "performance.md"
SECTION = "## API throughput"
VENV_BIN = Path(sys.executable).parent
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"
PG_DATABASE = "bench"
WARMUP_SECONDS = 1
# The whole run stays under 5 minutes: rounds that would end later are left out (noted).
RUN_BUDGET_SECONDS = 285
# The ceiling of this machine when it is quiet, as measured when the benchmark was asked
# for: gunicorn with 2 sync workers, trivial JSON and one PK read on SQLite.
QUIET_JSON_RPS, QUIET_PK_RPS = 4400, 2500
START_TIMEOUT = 60.0

# wrk calls done() once at the end; print the exact figures as one JSON line.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
    .. '"p50_us": %.1f, "p90_us": %.1f, "p99_us": %.1f, "max_us": %.1f, '
    .. '"non_2xx_3xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
"""


@dataclass(frozen=True)
class Target:
    label: str
    server: str  # "bare" or "api"
    path: str
    kind: str  # "json", "pk" or "api"


BARE_JSON = Target("bare: trivial JSON", "bare", "/json", "json")
BARE_PK = Target("bare: PK read (SQLAlchemy)", "bare", "/items/42", "pk")
API_TARGETS = [
    Target("`GET /api/v1/health`", "api", "/api/v1/health", "api"),
    Target(
        "`GET /api/v1/taxonomy/postcodes/1012`", "api", "/api/v1/taxonomy/postcodes/1012", "api"
    ),
    Target(
        "`GET /api/v1/taxonomy/occupations?q=kok`",
        "api",
        "/api/v1/taxonomy/occupations?q=kok",
        "api",
    ),
]


@dataclass
class Result:
    target: Target
    database: str
    rounds: list[dict[str, float]] = field(default_factory=list)
    skipped: str = ""

    def median(self, key: str) -> float | None:
        values = [r[key] for r in self.rounds]
        return statistics.median(values) if values else None

    @property
    def rps(self) -> float | None:
        return self.median("rps")

    @property
    def rps_range(self) -> str:
        values = [r["rps"] for r in self.rounds]
        return f"{min(values):,.0f}-{max(values):,.0f}" if values else ""

    @property
    def errors(self) -> str:
        keys = ("non_2xx_3xx", "connect", "read", "write", "timeout")
        totals = {k: sum(int(r[k]) for r in self.rounds) for k in keys}
        return ", ".join(f"{k} {v}" for k, v in totals.items() if v)


# --- processes ---------------------------------------------------------------------


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Gunicorn:
    """One gunicorn (2 sync workers unless told) in its own process group; stop() ends all."""

    def __init__(self, app: str, env: dict[str, str], log: Path, workers: int = 2) -> None:
        self.port = free_port()
        self.log = log
        self._log = log.open("wb")
        cmd = [
            str(VENV_BIN / "gunicorn"),
            f"--workers={workers}",
            f"--bind=127.0.0.1:{self.port}",
            "--log-level=warning",
            app,
        ]
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.base + path, timeout=2).close()
                return
            time.sleep(0.2)
        self.stop()
        tail = self.log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"gunicorn did not start on port {self.port}:\n{tail}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self._log.close()


@contextlib.contextmanager
def serving(
    app: str, env: dict[str, str], log: Path, ready_path: str, workers: int = 2
) -> Iterator[Gunicorn]:
    server = Gunicorn(app, env, log, workers)
    try:
        server.wait_ready(ready_path)
        yield server
    finally:
        server.stop()


# --- wrk ---------------------------------------------------------------------------


def probe(url: str) -> str:
    """Return "" when `url` answers 200 with JSON, else why not."""
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            json.loads(resp.read())
            return ""
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (OSError, ValueError) as exc:
        return type(exc).__name__


def run_wrk(
    url: str, script: Path, seconds: int, *, threads: int, connections: int
) -> dict[str, float]:
    """Load `url` with wrk and return the JSON summary that `script` prints."""
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout=5s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=True)
    match = re.search(r"^WRK_JSON (\{.*\})$", out.stdout, re.MULTILINE)
    if not match:
        raise RuntimeError(f"no summary in wrk's output:\n{out.stdout}\n{out.stderr}")
    stats: dict[str, float] = json.loads(match.group(1))
    return stats


def measure_round(url: str, result: Result, args: argparse.Namespace, script: Path) -> None:
    """Load `url` once for args.duration seconds and add the figures to `result`."""
    stats = run_wrk(url, script, args.duration, threads=args.threads, connections=args.connections)
    stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
    result.rounds.append(stats)
    print(
        f"  {result.target.label:45} {result.database:10} {stats['rps']:8.0f} req/s  "
        f"p50 {stats['p50_us'] / 1000:6.2f} ms  p99 {stats['p99_us'] / 1000:6.2f} ms",
        flush=True,
    )


def measure_all(
    servers: dict[str, Gunicorn],
    targets: list[Target],
    database: str,
    args: argparse.Namespace,
    script: Path,
    deadline: float,
) -> tuple[list[Result], int]:
    """Probe and warm up every target, then run the rounds, every target in each round.

    Return the results and the number of rounds run: a round that would end after
    `deadline` is not started, but the first round always runs.
    """
    results = [Result(t, database) for t in targets]
    live: list[tuple[str, Result]] = []
    for result in results:
        url = servers[result.target.server].base + result.target.path
        result.skipped = probe(url)
        if result.skipped:
            print(f"  {result.target.label:45} {database:10} skipped: {result.skipped}")
            continue
        run_wrk(url, script, WARMUP_SECONDS, threads=args.threads, connections=args.connections)
        live.append((url, result))
    round_seconds = len(live) * (args.duration + 0.5)
    done = 0
    for n in range(1, args.rounds + 1):
        if done and time.monotonic() + round_seconds > deadline:
            print(f"  round {n} left out: the run would take more than its budget", flush=True)
            break
        print(f"  round {n}/{args.rounds}", flush=True)
        for url, result in live:
            measure_round(url, result, args, script)
        done = n
    return results, done


# --- databases ---------------------------------------------------------------------


def postgres_reachable(url: str) -> str:
    """Return "" when the PostgreSQL server answers, else why not."""
    import psycopg

    try:
        with psycopg.connect(server_dsn(url), connect_timeout=3):
            return ""
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]


def choose_databases(
    sqlite_url: str, pg_url: str, *, sqlite_only: bool
) -> tuple[list[tuple[str, str]], list[str]]:
    """SQLite always; PostgreSQL unless skipped or unreachable. Return them and the notes."""
    databases = [("SQLite", sqlite_url)]
    if sqlite_only:
        return databases, ["- PostgreSQL was not measured (`--sqlite-only`)."]
    why = postgres_reachable(pg_url)
    if why:
        print(f"PostgreSQL not reachable ({why}): SQLite only.", flush=True)
        return databases, [f"- PostgreSQL was not reachable in this run ({why})."]
    return [*databases, ("PostgreSQL", pg_url)], []


# Runs in a child process with the server's environment, so that this process never
# imports the app (the backend reads INSTANCE_PATH and REDIS_URL at import time).
LOAD_DATABASE = """
import json, sys
from backend import create_app
from backend.db import upgrade_database

url = sys.argv[1]
upgrade_database(url)
app = create_app({"DATABASE_URL": url})
try:
    from backend.taxonomy.importer import import_all
except ImportError:
    print(json.dumps("not imported: backend.taxonomy.importer is missing"))
    sys.exit(0)
with app.app_context():
    report = import_all(None) or {}
counts = report.get("counts")
if isinstance(counts, dict):
    summary = f"{sum(counts.values()):,} rows in {len(counts)} tables"
    if "seconds" in report:
        summary += f", imported in {float(report['seconds']):.0f} s"
else:
    summary = str(report)
print(json.dumps(summary))
"""
LOAD_TIMEOUT = 180


def load_api_database(url: str, env: dict[str, str]) -> str:
    """Migrate the database and import the reference data; return what was imported."""
    out = subprocess.run(
        [sys.executable, "-c", LOAD_DATABASE, url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=LOAD_TIMEOUT,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"loading {url} failed:\n{out.stdout}\n{out.stderr[-3000:]}")
    summary: str = json.loads(out.stdout.strip().splitlines()[-1])
    return summary


def settle_database(url: str) -> None:
    """Finish the import's aftermath now, so that it does not run during a measurement."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError

    if url.startswith("sqlite"):
        engine = create_engine(url)
        statements = ["ANALYZE", "PRAGMA wal_checkpoint(TRUNCATE)"]
    else:
        # VACUUM sets the hint bits and ANALYZE the statistics, so autovacuum has nothing
        # left to start mid-run; CHECKPOINT writes the import's dirty pages out now.
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        statements = ["VACUUM ANALYZE", "CHECKPOINT"]
    try:
        with engine.connect() as conn:
            for statement in statements:
                try:
                    conn.execute(text(statement))
                except DBAPIError as exc:  # e.g. CHECKPOINT needs pg_checkpoint
                    print(f"  {statement} failed, going on: {exc.orig}", flush=True)
    finally:
        engine.dispose()


def database_version(url: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if url.startswith("sqlite"):
                return f"SQLite {conn.execute(text('select sqlite_version()')).scalar_one()}"
            return f"PostgreSQL {conn.execute(text('show server_version')).scalar_one()}"
    finally:
        engine.dispose()


# --- report ------------------------------------------------------------------------


def fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def ratio(value: float | None, base: float | None) -> str:
    if value is None or not base:
        return "n/a"
    return f"{value / base:.2f}"


def markdown(results: list[Result], meta: dict[str, str], args: argparse.Namespace) -> str:
    bare_json = {r.database: r.rps for r in results if r.target is BARE_JSON}
    bare_pk = {r.database: r.rps for r in results if r.target is BARE_PK}
    lines = [
        SECTION,
        "",
        f"Measured on {meta['date']} with `make bench-api`, which runs "
        "`.venv/bin/python -m tests.bench.api_throughput`. The bare app and the API run side "
        "by side, each under gunicorn with 2 sync workers and no access log, on a database "
        "freshly migrated and loaded with the reference data, then settled (`VACUUM "
        "ANALYZE` and `CHECKPOINT` on PostgreSQL, `ANALYZE` and a WAL checkpoint on "
        f"SQLite). Each endpoint gets a {WARMUP_SECONDS} s warm-up, then {args.rounds} "
        f"rounds of `wrk -t{args.threads} -c{args.connections} -d{args.duration}s "
        "--latency`; a round loads every endpoint in turn. The figures are the medians of "
        "the rounds; the range is the lowest and highest req/s of a round.",
        "",
        f"Machine: {meta['machine']}. {meta['software']}.",
        "",
        "This machine has 2 cores and is shared, so its figures are noisy, and wrk runs on "
        "the same 2 cores as the servers it loads (and, for PostgreSQL, as the database "
        "server). Read the ratios more than the absolute figures: each API figure is divided "
        "by the bare app's figures from the same database block of the same run "
        "(`tests/bench/bare_app.py`: plain Flask, one route returning trivial JSON, one "
        "route reading one row by primary key through the SQLAlchemy ORM, with the same "
        "engine settings as the API).",
        "",
        "| Endpoint | Database | req/s | range | p50 ms | p99 ms | ÷ bare JSON | ÷ bare PK read |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        if r.skipped:
            lines.append(f"| {r.target.label} | {r.database} | skipped: {r.skipped} | | | | | |")
            continue
        vs_json = ratio(r.rps, bare_json.get(r.database))
        vs_pk = "" if r.target is BARE_JSON else ratio(r.rps, bare_pk.get(r.database))
        label = r.target.label + (f" (errors: {r.errors})" if r.errors else "")
        p50 = r.median("p50_us")
        p99 = r.median("p99_us")
        lines.append(
            f"| {label} | {r.database} | {fmt(r.rps, ',.0f')} | {r.rps_range} | "
            f"{fmt(p50 and p50 / 1000, '.2f')} | {fmt(p99 and p99 / 1000, '.2f')} | "
            f"{vs_json} | {vs_pk} |"
        )
    lines += ["", *meta["notes"].splitlines()]
    if bare_json.get("SQLite") and bare_pk.get("SQLite"):
        lines.append(
            f"- On a quiet machine the bare app does about {QUIET_JSON_RPS:,} (trivial JSON) "
            f"and {QUIET_PK_RPS:,} req/s (PK read on SQLite); this run's "
            f"{bare_json['SQLite']:,.0f} and {bare_pk['SQLite']:,.0f} req/s show how busy "
            "the machine was."
        )
    return "\n".join(lines).rstrip() + "\n"


# --- main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=4, help="seconds per endpoint and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all endpoints")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", PG_URL))
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--no-write", action="store_true", help="do not touch the docs")
    return parser.parse_args(argv)


def server_env(tmp: Path, database_url: str) -> dict[str, str]:
    """Return the servers' environment: a throw-away instance folder, no Redis."""
    # The benchmark must never touch the real instance folder, database or queue.
    drop = {"REDIS_URL", "HUEY_IMMEDIATE", "SECRET_KEY", "JWT_SECRET_KEY"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        INSTANCE_PATH=str(tmp / "instance"),
        DATABASE_URL=database_url,
        BENCH_DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
    )
    return env


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print(
            "wrk is not installed. Install it (Debian: `apt-get install -y wrk`) and run again.",
            file=sys.stderr,
        )
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="zelf-bench-api-"))
    script = tmp / "report.lua"
    script.write_text(WRK_REPORT)

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
    started = time.monotonic()
    # What is left of the budget after the SQLite block is kept for PostgreSQL's.
    deadline = started + RUN_BUDGET_SECONDS
    results: list[Result] = []
    versions: list[str] = []
    try:
        for name, url in databases:
            print(f"{name}: preparing {url}", flush=True)
            if name == "PostgreSQL":
                recreate_postgres_database(url, only=PG_DATABASE)
            else:
                Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
            env = server_env(tmp, url)
            imported = load_api_database(url, env)
            notes.append(f"Reference data on {name}: {imported}.")
            prepare_database(url)
            settle_database(url)
            versions.append(database_version(url))

            with (
                serving(
                    "tests.bench.bare_app:create_app()", env, tmp / "bare.log", "/json"
                ) as bare,
                serving("backend:create_app()", env, tmp / "api.log", "/api/openapi.json") as api,
            ):
                servers = {"bare": bare, "api": api}
                targets = [BARE_JSON, BARE_PK, *API_TARGETS]
                # SQLite must leave PostgreSQL (about) half of what is left.
                block_deadline = (
                    (time.monotonic() + deadline) / 2 if name != databases[-1][0] else deadline
                )
                block, rounds = measure_all(servers, targets, name, args, script, block_deadline)
                results += block
                if rounds < args.rounds:
                    notes.append(
                        f"Only {rounds} of {args.rounds} rounds on {name} fitted in the "
                        f"{RUN_BUDGET_SECONDS} s budget of the run."
                    )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    import gunicorn

    notes.append(
        f"Load average (1 min) just before the run: {load_before:.2f}; other work on the "
        "machine during the run lowers every figure."
    )

    meta = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores ({cpu_model()}), {platform.system()} "
        f"{platform.release()}",
        "software": f"Python {platform.python_version()}, gunicorn {gunicorn.__version__}, "
        f"{_wrk_version()}, {', '.join(versions)}; {_code_version()}",
        "notes": "\n".join(f"- {n}" for n in notes),
    }
    text = markdown(results, meta, args)
    print()
    print(text)
    print(f"(took {time.monotonic() - started:.0f} s)")
    if not args.no_write:
        write_section(SECTION, text)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


def _code_version() -> str:
    """Name the commit measured, and say so when the app's code has uncommitted changes."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return "code: not a git checkout"
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "backend", "migrations", "tests/bench"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"code: commit {head.stdout.strip()}" + (" with uncommitted changes" if dirty else "")


def _wrk_version() -> str:
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"wrk (\S+)", out.stdout + out.stderr)
    return f"wrk {match.group(1)}" if match else "wrk"


if __name__ == "__main__":
    sys.exit(main())
