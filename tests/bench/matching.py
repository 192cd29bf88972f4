"""Matching and learning advice latency: 100,000 jobseekers, 10k-40k vacancies, 5,000 offers.

    .venv/bin/python -m tests.bench.matching        (or: make bench-matching)

For SQLite (a temporary file) and PostgreSQL (the `bench_matching` database, dropped and
recreated; never any other one): migrate, import the reference data, and generate the
data with `tests/bench/matching_data.py` (100,000 jobseekers with their matching
profile, 2,000 employers with ~5,000 functions of 600 real occupations, 10,000
published vacancies of which a quarter open hiring, a third of those lists with people
waiting, 5,000 learning offers). Then, in one process through the services (no HTTP):
a seeded sample of people asks for their top 20 matches and their learning advice, and
a sample of open-hiring vacancies asks for the people to notify; each call is followed
by a primary-key read as the baseline of this machine at that moment. Vacancies are
then added up to 20,000 and 40,000 and everything is timed again. At 20,000 the real
app also runs under gunicorn (2 sync workers) and a client sends the same people's
`GET /api/v1/matches` and `GET /api/v1/learning/advice` one at a time, each followed by
`GET /api/v1/health`. The figures go to docs/performance.md under "Matching".
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.bench.api_throughput import (
    database_version,
    load_api_database,
    postgres_reachable,
    server_env,
    serving,
    settle_database,
)
from tests.bench.harness import DOC, recreate_postgres_database, run_meta, write_section
from tests.bench.vacancy_search import percentile

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Matching"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_matching"
PG_DATABASE = "bench_matching"
SIZES = (10_000, 20_000, 40_000)
TARGETS_MS = {"matches": 100.0, "notify": 500.0, "advice": 150.0}
LABELS = {
    "matches": "top 20 matches (`best_matches`)",
    "notify": "people to notify, new open-hiring vacancy, 25 km (`people_to_notify`)",
    "advice": "learning advice (`learning_advice`)",
    "baseline": "baseline: a primary-key read",
}


@dataclass
class Run:
    """The timings of one database at one number of vacancies."""

    times: dict[str, list[float]] = field(default_factory=dict)
    found: dict[str, float] = field(default_factory=dict)
    http: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def child(command: list[str], url: str, env: dict[str, str], timeout: int = 3600) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "tests.bench.matching_data", command[0], url, *command[1:]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{command[0]} on {url} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


class Client:
    """One HTTP/1.1 connection, reopened when gunicorn's sync worker closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, float]:
        started = time.perf_counter()
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.conn.request("GET", path, headers=headers or {})
        resp = self.conn.getresponse()
        resp.read()
        ms = (time.perf_counter() - started) * 1000
        if resp.will_close:
            self.conn.close()
            self.conn = None
        return resp.status, ms

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def run_http(port: int, tokens: list[str], run: Run) -> None:
    client = Client(port)
    paths = {"matches": "/api/v1/matches", "advice": "/api/v1/learning/advice"}
    try:
        for timed in (False, True):
            for token in tokens:
                headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
                for name, path in paths.items():
                    status, ms = client.get(path, headers)
                    if status != 200:
                        run.errors.append(f"{status} {path}")
                    elif timed:
                        run.http.setdefault(name, []).append(ms)
                    status, ms = client.get("/api/v1/health")
                    if timed and status == 200:
                        run.http.setdefault("health", []).append(ms)
    finally:
        client.close()


def measure(url: str, env: dict[str, str], args: argparse.Namespace) -> dict[int, Run]:
    runs: dict[int, Run] = {}
    started = time.perf_counter()
    made = child(
        [
            "generate",
            f"--people={args.people}",
            f"--vacancies={SIZES[0]}",
            f"--offers={args.offers}",
        ],
        url,
        env,
    )
    print(f"  generated in {time.perf_counter() - started:.0f} s: {made}", flush=True)
    have = SIZES[0]
    for size in SIZES:
        if size > have:
            added = child(["add-vacancies", f"--count={size - have}", f"--seed={size}"], url, env)
            print(f"  {size:,} vacancies: {added}", flush=True)
            have = size
        settle_database(url)
        timed = child(["time", f"--samples={args.samples}"], url, env)
        run = Run(times=timed["times"], found=timed["found"])
        if size == 20_000 and not args.no_http:
            tokens = child(["tokens", f"--count={args.http_people}"], url, env)["tokens"]
            tmp = Path(env["INSTANCE_PATH"]).parent
            with serving("backend:create_app()", env, tmp / "api.log", "/api/openapi.json") as s:
                run_http(s.port, tokens, run)
        runs[size] = run
        summary = ", ".join(
            f"{name} p95 {percentile(values, 95):.1f} ms" for name, values in run.times.items()
        )
        print(f"  {size:,} vacancies: {summary}", flush=True)
    return runs


# --- report --------------------------------------------------------------------------


def markdown(
    results: dict[str, dict[int, Run]], meta: dict[str, str], args: argparse.Namespace
) -> str:
    lines = [
        SECTION,
        "",
        f"Measured on {meta['date']} with `make bench-matching`, which runs "
        "`.venv/bin/python -m tests.bench.matching`. Machine: "
        f"{meta['machine']}. {meta['software']}. Load average (1 min) before the run: "
        f"{meta['load']}; after each database: {meta['load_after']}.",
        "",
        f"Data (`tests/bench/matching_data.py`, seeded): {args.people:,} jobseekers at random "
        "PC4 areas (as dense as the postcode areas), each with the matching profile the "
        "selfie listener would write for a generated selfie (1 to 5 working days, a travel "
        "radius of 5 to 40 km, the essential skills of one or two of 600 real occupations, "
        "1 to 3 wished occupations, 70% with an interest test); 2,000 employers with about "
        "5,000 functions carrying their occupation's ESCO skills (about 40 each); published "
        "vacancies at random PC4 areas, a quarter open hiring, a third of those lists with "
        "0 to 60 people waiting; 5,000 learning offers (a fifth online) teaching 2 to 6 "
        "essential skills of an occupation; the regional pressure counted. Each database "
        "was settled (ANALYZE / VACUUM ANALYZE) after every change.",
        "",
        f"Timing: {args.samples} seeded people (with a place and a schedule) and "
        f"{args.samples} open-hiring vacancies, called once to warm up and then timed, "
        "through the services in one process (no HTTP, no Flask request); after every "
        "call a primary-key read through SQLAlchemy is timed as the baseline of the "
        "machine at that moment. At 20,000 vacancies the real app also ran under gunicorn "
        f"(2 sync workers): {args.http_people} of those people's Bearer tokens, "
        "`GET /api/v1/matches` and `GET /api/v1/learning/advice` one at a time over "
        "HTTP/1.1 after a warm-up round, each followed by `GET /api/v1/health`.",
        "",
        "Targets (at 20,000 vacancies): top 20 matches p95 under 100 ms; people to notify "
        "for a new vacancy within 25 km p95 under 500 ms; learning advice p95 under 150 ms.",
        "",
        "| Database | Vacancies | Call | n | p50 ms | p95 ms | max ms | p95 ÷ baseline p95 | "
        "result (median) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    verdicts: list[str] = []
    for database, runs in results.items():
        for size, run in runs.items():
            base = percentile(run.times["baseline"], 95)
            for name in ("matches", "notify", "advice", "baseline"):
                values = run.times[name]
                p95 = percentile(values, 95)
                found = run.found.get(name)
                lines.append(
                    f"| {database} | {size:,} | {LABELS[name]} | {len(values)} | "
                    f"{statistics.median(values):.1f} | {p95:.1f} | {max(values):.1f} | "
                    f"{p95 / base:.0f} | {'' if found is None else f'{found:g}'} |"
                )
    lines += [
        "",
        "`result`: matches returned, people to notify, offers in the leerroute.",
        "",
        "Over HTTP, at 20,000 vacancies (client-side latency, request to last byte):",
        "",
        "| Database | Request | n | p50 ms | p95 ms | max ms | p95 ÷ health p95 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for database, runs in results.items():
        run = runs.get(20_000)
        if run is None or not run.http:
            continue
        health = percentile(run.http["health"], 95)
        for name, path in (
            ("matches", "`GET /api/v1/matches`"),
            ("advice", "`GET /api/v1/learning/advice`"),
            ("health", "`GET /api/v1/health`"),
        ):
            values = run.http[name]
            lines.append(
                f"| {database} | {path} | {len(values)} | {statistics.median(values):.1f} | "
                f"{percentile(values, 95):.1f} | {max(values):.1f} | "
                f"{percentile(values, 95) / health:.1f} |"
            )
        if run.errors:
            verdicts.append(
                f"- {database}: {len(run.errors)} requests failed, e.g. {run.errors[0]}."
            )
    lines += [
        "",
        "Growth with the number of vacancies (p50 of the service call, ÷ its value at 10,000):",
        "",
    ]
    lines += [
        "| Database | Call | 10,000 | 20,000 | 40,000 |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for database, runs in results.items():
        for name in ("matches", "advice"):
            first = statistics.median(runs[SIZES[0]].times[name])
            cells = " | ".join(
                f"{statistics.median(runs[s].times[name]) / first:.2f}" for s in SIZES if s in runs
            )
            lines.append(f"| {database} | {LABELS[name]} | {cells} |")
    for database, runs in results.items():
        run = runs.get(20_000)
        if run is None:
            continue
        for name, target in TARGETS_MS.items():
            source = run.http.get(name) if name != "notify" and run.http else None
            values = source or run.times[name]
            where = "over HTTP" if source else "in the service"
            p95 = percentile(values, 95)
            met = "target met" if p95 < target else "**target missed**"
            verdicts.append(
                f"- {database}, {LABELS[name]}: p95 {p95:.1f} ms {where} "
                f"at 20,000 vacancies, {met}."
            )
    lines += ["", *verdicts, *meta["notes"].splitlines()]
    return "\n".join(lines).rstrip() + "\n"


# --- main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=5_000)
    parser.add_argument("--samples", type=int, default=200, help="people and vacancies timed")
    parser.add_argument("--http-people", type=int, default=100)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_MATCHING_PG_URL", PG_URL))
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--no-http", action="store_true", help="time the services only")
    parser.add_argument("--no-write", action="store_true", help="do not touch the docs")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="zelf-bench-matching-"))
    databases = [("SQLite", f"sqlite:///{tmp / 'bench.db'}")]
    notes: list[str] = []
    if args.sqlite_only:
        notes.append("- PostgreSQL was not measured (`--sqlite-only`).")
    else:
        why = postgres_reachable(args.pg_url)
        if why:
            print(f"PostgreSQL not reachable ({why}): SQLite only.", flush=True)
            notes.append(f"- PostgreSQL was not reachable in this run ({why}).")
        else:
            databases.append(("PostgreSQL", args.pg_url))
    load_before = os.getloadavg()[0]
    load_after: list[str] = []
    results: dict[str, dict[int, Run]] = {}
    db_versions: list[str] = []
    try:
        for name, url in databases:
            print(f"{name}: preparing {url}", flush=True)
            if name == "PostgreSQL":
                recreate_postgres_database(url, only=PG_DATABASE)
            env = {**server_env(tmp, url), "RATELIMIT_ENABLED": "0"}
            load_api_database(url, env)
            results[name] = measure(url, env, args)
            db_versions.append(database_version(url))
            load_after.append(f"{name} {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    meta = run_meta(load_before, load_after, db_versions, notes)
    text = markdown(results, meta, args)
    print()
    print(text)
    if not args.no_write:
        write_section(SECTION, text)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
