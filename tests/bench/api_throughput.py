"""API throughput: the real API against a bare Flask app, in one run, under wrk.

    .venv/bin/python -m tests.bench.api_throughput        (or: make bench-api)

Both apps run under gunicorn with 2 sync workers. wrk loads each endpoint after a short
warm-up, first on SQLite, then on PostgreSQL when it is reachable. Every API figure is
reported as a ratio to the bare figures of the same run, because the absolute numbers
depend on this noisy 2-core machine, whose cores wrk shares with the server. The table
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
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.bench.bare_app import prepare_database

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "performance.md"
SECTION = "## API throughput"
VENV_BIN = Path(sys.executable).parent
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"
PG_DATABASE = "bench"
WARMUP_SECONDS = 2
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
    rps: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    errors: str = ""
    skipped: str = ""


# --- processes ---------------------------------------------------------------------


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Gunicorn:
    """One gunicorn with 2 sync workers in its own process group; stop() ends all of it."""

    def __init__(self, app: str, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.log = log
        self._log = log.open("wb")
        cmd = [
            str(VENV_BIN / "gunicorn"),
            "--workers=2",
            "--worker-class=sync",
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
def serving(app: str, env: dict[str, str], log: Path, ready_path: str) -> Iterator[Gunicorn]:
    server = Gunicorn(app, env, log)
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


def run_wrk(url: str, args: argparse.Namespace, script: Path, seconds: int) -> dict[str, float]:
    cmd = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--timeout=5s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30, check=True)
    match = re.search(r"^WRK_JSON (\{.*\})$", out.stdout, re.MULTILINE)
    if not match:
        raise RuntimeError(f"no summary in wrk's output:\n{out.stdout}\n{out.stderr}")
    stats: dict[str, float] = json.loads(match.group(1))
    return stats


def measure(
    server: Gunicorn, target: Target, database: str, args: argparse.Namespace, script: Path
) -> Result:
    result = Result(target, database)
    url = server.base + target.path
    why = probe(url)
    if why:
        result.skipped = why
        print(f"  {target.label:45} {database:10} skipped: {why}", flush=True)
        return result
    run_wrk(url, args, script, WARMUP_SECONDS)
    stats = run_wrk(url, args, script, args.duration)
    result.rps = stats["requests"] / (stats["duration_us"] / 1e6)
    result.p50_ms = stats["p50_us"] / 1000
    result.p99_ms = stats["p99_us"] / 1000
    errors = {
        k: int(stats[k]) for k in ("non_2xx_3xx", "connect", "read", "write", "timeout") if stats[k]
    }
    result.errors = ", ".join(f"{k} {v}" for k, v in errors.items())
    print(
        f"  {target.label:45} {database:10} {result.rps:8.0f} req/s  "
        f"p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:6.2f} ms  {result.errors}",
        flush=True,
    )
    return result


# --- databases ---------------------------------------------------------------------


def postgres_reachable(url: str) -> str:
    """Return "" when the PostgreSQL server answers, else why not."""
    import psycopg

    try:
        with psycopg.connect(_server_dsn(url), connect_timeout=3):
            return ""
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]


def _server_dsn(url: str, dbname: str = "postgres") -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    parts = [f"host={u.host or '127.0.0.1'}", f"port={u.port or 5432}", f"dbname={dbname}"]
    if u.username:
        parts.append(f"user={u.username}")
    if u.password:
        parts.append(f"password={u.password}")
    return " ".join(parts)


def recreate_postgres_database(url: str) -> None:
    """Drop and create the benchmark database (never any other one)."""
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    if name != PG_DATABASE:
        raise SystemExit(f"refusing to recreate database {name!r}: only {PG_DATABASE!r} is ours")
    with psycopg.connect(_server_dsn(url), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


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
    print(json.dumps({"not imported": "backend.taxonomy.importer is missing"}))
else:
    with app.app_context():
        print(json.dumps({k: str(v) for k, v in dict(import_all(None) or {}).items()}))
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
    report = json.loads(out.stdout.strip().splitlines()[-1])
    return ", ".join(f"{k}: {v}" for k, v in report.items())


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
    bare_json = next((r.rps for r in results if r.target is BARE_JSON), None)
    bare_pk = {r.database: r.rps for r in results if r.target is BARE_PK}
    lines = [
        SECTION,
        "",
        f"Measured on {meta['date']} with `make bench-api`, which runs "
        f"`.venv/bin/python -m tests.bench.api_throughput`: gunicorn with 2 sync workers, "
        f"no access log, loaded by `wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s --latency` after a {WARMUP_SECONDS} s warm-up.",
        "",
        f"Machine: {meta['machine']}. {meta['software']}.",
        "",
        "This machine has 2 cores and is shared, so its figures are noisy, and wrk runs on "
        "the same 2 cores as the server it loads. Read the ratios, not the absolute "
        "figures: each API figure is divided by the bare app's figures from the same run "
        "(`tests/bench/bare_app.py`: plain Flask, one route returning trivial JSON, one "
        "route reading one row by primary key through the SQLAlchemy ORM, with the same "
        "engine settings as the API).",
        "",
        "| Endpoint | Database | req/s | p50 ms | p99 ms | ÷ bare JSON | ÷ bare PK read |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        pk = bare_pk.get(r.database)
        if r.skipped:
            lines.append(f"| {r.target.label} | {r.database} | skipped: {r.skipped} | | | | |")
            continue
        vs_json = "1.00" if r.target is BARE_JSON else ratio(r.rps, bare_json)
        vs_pk = "" if r.target is BARE_JSON else ratio(r.rps, pk)
        label = r.target.label + (f" (errors: {r.errors})" if r.errors else "")
        lines.append(
            f"| {label} | {r.database} | {fmt(r.rps, ',.0f')} | {fmt(r.p50_ms, '.2f')} | "
            f"{fmt(r.p99_ms, '.2f')} | {vs_json} | {vs_pk} |"
        )
    lines += ["", *meta["notes"].splitlines()]
    return "\n".join(lines).rstrip() + "\n"


def write_section(text: str) -> None:
    """Replace the "API throughput" section of docs/performance.md (or append it)."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    # Read right before writing: other sections of this file belong to other benchmarks.
    current = DOC.read_text() if DOC.exists() else "# Performance\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        new = pattern.sub(lambda _m: text + "\n", current, count=1)
    else:
        new = current.rstrip("\n") + "\n\n" + text
    DOC.write_text(new.rstrip("\n") + "\n")


# --- main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
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

    started = time.monotonic()
    results: list[Result] = []
    versions: list[str] = []
    try:
        for name, url in databases:
            print(f"{name}: preparing {url}", flush=True)
            if name == "PostgreSQL":
                recreate_postgres_database(url)
            else:
                Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
            env = server_env(tmp, url)
            imported = load_api_database(url, env)
            notes.append(f"Reference data on {name}: {imported}.")
            prepare_database(url)
            versions.append(database_version(url))

            with serving("tests.bench.bare_app:create_app()", env, tmp / "bare.log", "/json") as s:
                if not any(r.target is BARE_JSON for r in results):
                    results.append(measure(s, BARE_JSON, name, args, script))
                results.append(measure(s, BARE_PK, name, args, script))
            with serving("backend:create_app()", env, tmp / "api.log", "/api/openapi.json") as s:
                for target in API_TARGETS:
                    results.append(measure(s, target, name, args, script))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    import gunicorn

    meta = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores ({_cpu_model()}), {platform.system()} "
        f"{platform.release()}",
        "software": f"Python {platform.python_version()}, gunicorn {gunicorn.__version__}, "
        f"{_wrk_version()}, {', '.join(versions)}",
        "notes": "\n".join(f"- {n}" for n in notes),
    }
    text = markdown(results, meta, args)
    print()
    print(text)
    print(f"(took {time.monotonic() - started:.0f} s)")
    if not args.no_write:
        write_section(text)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def _wrk_version() -> str:
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"wrk (\S+)", out.stdout + out.stderr)
    return f"wrk {match.group(1)}" if match else "wrk"


if __name__ == "__main__":
    sys.exit(main())
