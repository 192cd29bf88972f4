"""Regional insights: a publication over 100,000 jobseekers, 20,000 vacancies and 5,000
learning offers, and the region API that serves it.

    .venv/bin/python -m tests.bench.insights        (or: make bench-insights)

For SQLite (a temporary file) and PostgreSQL (the `bench_insights` database, dropped and
recreated; never any other one): migrate, import the reference data, and insert with
`tests/bench/insights_data.py` 100,000 jobseekers with selfies (random PC4 areas, skills
from real ESCO occupations, wishes, education, Dutch levels, RIASEC answers; 8% refuse
statistics), 2,000 functions (10% future ones), 20,000 vacancies (90% published, 30%
open hiring), open-hiring lists on the open vacancies and 5,000 learning offers (20%
online, 10% archived). Then, in a child process with the
server's environment, one real `service.publish()` is timed, with its phases (reading
the domains, building the safe tables, writing the files), against a baseline measured
in the same process: reading every stored selfie section with its JSON decoded, which
any publication must do. Then the real app runs under gunicorn (2 sync workers) serving
that publication, and a client asks for every region and the list, one request at a
time, each followed by `GET /api/v1/health` as the baseline of any request. The figures
go to docs/performance.md under "Regional insights".
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.api_throughput import (
    choose_databases,
    database_version,
    load_api_database,
    server_env,
    serving,
    settle_database,
)
from tests.bench.harness import recreate_postgres_database, report, run_meta
from tests.bench.vacancy_search import Client, percentile

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Regional insights"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_insights"
PG_DATABASE = "bench_insights"
JOBSEEKERS = 100_000
VACANCIES = 20_000
LEARNING_OFFERS = 5_000
TARGET_PUBLISH_S = 60.0
TARGET_P95_MS = 100.0
SEED = 20261205
STEP_TIMEOUT = 1800

# Child process, server environment: generate and insert the data in batches.
SETUP = """
import json, random, sys, time
from backend import create_app, db
from tests.bench import insights_data as data

app = create_app({"DATABASE_URL": sys.argv[1]})
people, vacancies, seed = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
with app.app_context():
    world = data.load_world(db.read_session(), occupations=400, seed=seed)
    db.Session.remove()
rng = random.Random(seed)
ids = []
for start in range(0, people, 2000):
    batch = [data.person_sections(rng, world) for _ in range(min(2000, people - start))]
    with db.engine().begin() as conn:
        ids += data.insert_jobseekers(conn, batch, prefix=f"b{start}")
with db.engine().begin() as conn:
    work = data.insert_work(conn, rng, world, vacancies=vacancies, functions=2000)
    places = data.insert_open_hiring(conn, rng, work.open_vacancy_ids, ids)
    offers = data.insert_learning_offers(conn, rng, world, offers=int(sys.argv[5]))
print(json.dumps({"jobseekers": len(ids), "functions": len(work.function_ids),
                  "open_vacancies": len(work.open_vacancy_ids), "queue_places": places,
                  "learning_offers": len(offers)}))
"""

# Child process, server environment: one real publication, its phases, and the baseline.
PUBLISH = """
import json, resource, sys, time
from sqlalchemy import select
from backend import db
db.configure(sys.argv[1])
from backend.insights import figures, service, sources
from backend.selfie.models import SelfieSection

phases = {}
def timed(name, fn):
    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            phases[name] = phases.get(name, 0.0) + time.perf_counter() - started
    return run

sources.gather = timed("read the domains", sources.gather)
figures.build_all = timed("build the safe tables", figures.build_all)
service.write_package = timed("write the files", service.write_package)
started = time.perf_counter()
published = service.publish(sys.argv[2])
total = time.perf_counter() - started

# Baseline: every stored selfie section, JSON decoded, nothing else.
started = time.perf_counter()
with db.engine().connect() as conn:
    rows = sum(1 for _ in conn.execute(
        select(SelfieSection.user_id, SelfieSection.name, SelfieSection.data)
        .execution_options(yield_per=5000)))
baseline = time.perf_counter() - started
print(json.dumps({
    "total": total, "phases": phases, "baseline": baseline, "sections": rows,
    "directory": published["directory"], "version": published["version"],
    "files": published["files"], "summary": published["summary"],
    "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}, default=str))
"""


def run_child(script: str, args: list[str], env: dict[str, str], what: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def time_api(port: int, codes: list[str], rounds: int) -> dict[str, list[float]]:
    client = Client(port)
    samples: dict[str, list[float]] = {"region": [], "list": [], "health": []}
    errors: list[str] = []
    paths: list[tuple[str, str]] = []
    for n, code in enumerate(codes):
        if n % 6 == 0:  # the list too, as often as a sixth of the regions
            paths.append(("list", "/api/v1/insights/regions"))
        paths.append(("region", f"/api/v1/insights/regions/{code}"))
    try:
        for _label, path in paths:  # warm-up: every worker reads api.json once
            client.get(path)
        for _ in range(rounds):
            for label, path in paths:
                status, _body, _headers, ms = client.get(path)
                if status != 200:
                    errors.append(f"{status} {path}")
                    continue
                samples[label].append(ms)
                status, _body, _headers, ms = client.get("/api/v1/health")
                if status == 200:
                    samples["health"].append(ms)
    finally:
        client.close()
    if errors:
        raise RuntimeError(f"the region API failed: {errors[:3]}")
    return samples


# --- report --------------------------------------------------------------------------


def markdown(
    results: dict[str, dict[str, Any]], meta: dict[str, str], args: argparse.Namespace
) -> str:
    lines = [
        SECTION,
        "",
        f"Measured on {meta['date']} with `make bench-insights`, which runs "
        "`.venv/bin/python -m tests.bench.insights`. Machine: "
        f"{meta['machine']}. {meta['software']}. Load average (1 min) before the run: "
        f"{meta['load']}; after each database: {meta['load_after']}.",
        "",
        f"Data (`tests/bench/insights_data.py`, seed {SEED}): {args.jobseekers:,} jobseekers "
        "with selfies at random Dutch PC4 areas (skills from real ESCO occupations, wishes, "
        "education, Dutch levels, RIASEC answers; some sections missing, 8% refusing "
        f"statistics), 2,000 functions (10% future ones), {args.vacancies:,} vacancies (90% "
        "published, 30% open hiring), open-hiring lists on the open vacancies and "
        f"{args.learning_offers:,} learning offers (20% online, 10% archived) teaching 1 to 4 "
        "essential skills of an occupation. The publication includes learning coverage of "
        "the most-missing skills and the distance grid (every jobseeker's nearest fitting "
        "vacancy).",
        "",
        "Publication: one real `backend.insights.service.publish()` in its own process, with "
        "its phases. Baseline: reading every stored selfie section with its JSON decoded, in "
        "the same process right after (what any publication must at least do). Region API: "
        "the real app under gunicorn (2 sync workers) serving that publication; after a "
        f"warm-up, {args.rounds} rounds of `GET /api/v1/insights/regions` and "
        "`GET /api/v1/insights/regions/{code}` for the 35 regions and NL, one request at a "
        "time over HTTP/1.1, each followed by `GET /api/v1/health` as the baseline.",
        "",
        "Where the read goes (profiled once on PostgreSQL, not in every run): decoding every "
        "section's JSON (the baseline), and scoring the RIASEC answers of every selfie with "
        "the selfie's own scoring (`backend/selfie/riasec.py`, exact fractions), about a "
        "third of the read. Building the tables, with all the privacy rules and the distance "
        "to the nearest fitting vacancy, is in the table below.",
        "",
        f"Targets: a publication under {TARGET_PUBLISH_S:.0f} s and the region API p95 under "
        f"{TARGET_P95_MS:.0f} ms, on both databases.",
        "",
        "| Database | publish s | read the domains s | build the safe tables s | write the files s "
        "| baseline s | publish ÷ baseline | peak memory MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    verdicts = []
    for database, result in results.items():
        pub = result["publish"]
        read, build, write = (
            pub["phases"].get(p, 0.0)
            for p in ("read the domains", "build the safe tables", "write the files")
        )
        ratio = pub["total"] / pub["baseline"]
        lines.append(
            f"| {database} | {pub['total']:.1f} | {read:.1f} | {build:.1f} | {write:.1f} | "
            f"{pub['baseline']:.1f} | {ratio:.1f} | {pub['max_rss_mb']:.0f} |"
        )
    lines += [
        "",
        "| Database | Requests | n | p50 ms | p95 ms | p99 ms | max ms | p95 ÷ health p95 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for database, result in results.items():
        samples = result["api"]
        health_p95 = percentile(samples["health"], 95)
        for label, name in (
            ("region", "`/regions/{code}`"),
            ("list", "`/regions`"),
            ("health", "`GET /api/v1/health`"),
        ):
            values = samples[label]
            p95 = percentile(values, 95)
            lines.append(
                f"| {database} | {name} | {len(values)} | {statistics.median(values):.2f} | "
                f"{p95:.2f} | {percentile(values, 99):.2f} | {max(values):.2f} | "
                f"{p95 / health_p95:.1f} |"
            )
        pub = result["publish"]
        api_p95 = percentile(samples["region"] + samples["list"], 95)
        met_pub = "met" if pub["total"] < TARGET_PUBLISH_S else "**missed**"
        met_api = "met" if api_p95 < TARGET_P95_MS else "**missed**"
        verdicts.append(
            f"- {database}: publication {pub['total']:.1f} s (target {met_pub}); region API p95 "
            f"{api_p95:.1f} ms (target {met_api}). {pub['sections']:,} selfie sections read; "
            f"published: {pub['summary']['jobseekers']:,} jobseekers, "
            + ", ".join(f"{f['name']} {f['bytes'] / 1024:.0f} kB" for f in pub["files"])
            + "."
        )
    lines += ["", *verdicts, *meta["notes"].splitlines()]
    return "\n".join(lines).rstrip() + "\n"


# --- main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobseekers", type=int, default=JOBSEEKERS)
    parser.add_argument("--vacancies", type=int, default=VACANCIES)
    parser.add_argument("--learning-offers", type=int, default=LEARNING_OFFERS)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_INSIGHTS_PG_URL", PG_URL))
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--no-write", action="store_true", help="do not touch the docs")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="zelf-bench-insights-"))
    databases, notes = choose_databases(
        f"sqlite:///{tmp / 'bench.db'}", args.pg_url, sqlite_only=args.sqlite_only
    )
    load_before = os.getloadavg()[0]
    load_after: list[str] = []
    results: dict[str, dict[str, Any]] = {}
    db_versions: list[str] = []
    try:
        for name, url in databases:
            print(f"{name}: preparing {url}", flush=True)
            if name == "PostgreSQL":
                recreate_postgres_database(url, only=PG_DATABASE)
            env = {**server_env(tmp / name, url), "RATELIMIT_ENABLED": "0"}
            env["INSIGHTS_DIR"] = str(tmp / name / "insights")
            load_api_database(url, env)
            started = time.perf_counter()
            made = run_child(
                SETUP,
                [
                    url,
                    str(args.jobseekers),
                    str(args.vacancies),
                    str(SEED),
                    str(args.learning_offers),
                ],
                env,
                "setup",
            )
            print(f"  {made} in {time.perf_counter() - started:.0f} s", flush=True)
            settle_database(url)
            db_versions.append(database_version(url))
            published = run_child(PUBLISH, [url, env["INSIGHTS_DIR"]], env, "publish")
            print(
                f"  published in {published['total']:.1f} s {published['phases']} "
                f"(baseline {published['baseline']:.1f} s)",
                flush=True,
            )
            codes = [*(f"AM{n:02d}" for n in range(1, 41)), "NL"]
            with serving(
                "backend:create_app()", env, tmp / f"{name}-api.log", "/api/v1/health"
            ) as s:
                document = json.loads(
                    (Path(env["INSIGHTS_DIR"]) / published["directory"] / "api.json").read_text()
                )
                codes = [c for c in codes if c in document["details"]]
                samples = time_api(s.port, codes, args.rounds)
            results[name] = {"publish": published, "api": samples}
            print(
                f"  region API p95 {percentile(samples['region'], 95):.1f} ms, "
                f"health p95 {percentile(samples['health'], 95):.1f} ms",
                flush=True,
            )
            load_after.append(f"{name} {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    meta = run_meta(load_before, load_after, db_versions, notes)
    report(SECTION, markdown(results, meta, args), write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
