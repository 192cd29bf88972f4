"""Vacancy search latency: within 25 km of a postcode, over 20,000 published vacancies.

    .venv/bin/python -m tests.bench.vacancy_search        (or: make bench-vacancy-search)

For SQLite (a temporary file) and PostgreSQL (the `bench_vacancy_search` database,
dropped and recreated; never any other one): migrate, import the reference data, make
one employer with one function, and insert 20,000 published vacancies, each at a random
Dutch PC4 area (so they are as dense as the postcode areas: many in the Randstad, few in
the north), with random kinds, hiring modes, hours, days and occupations and publication
dates in the last 60 days. Then the real app runs under gunicorn (2 sync workers) and a
client sends a fixed, seeded set of searches one at a time over HTTP, each followed by a
`GET /api/v1/health` as the baseline of any request on this machine. The same searches
also run straight through the service in a child process (no HTTP, no Flask). The figures
go to docs/performance.md under "Vacancy search".
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.api_throughput import (
    database_version,
    load_api_database,
    postgres_reachable,
    server_env,
    serving,
    settle_database,
)
from tests.bench.harness import recreate_postgres_database, run_meta, write_section

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "performance.md"
POSTCODES = ROOT / "data" / "geo" / "nl_pc4_centroids_am.csv"
SECTION = "## Vacancy search"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_vacancy_search"
PG_DATABASE = "bench_vacancy_search"
VACANCIES = 20_000
TARGET_P95_MS = 50.0
SEED = 20261123

# Runs in a child process with the server's environment: the employer and its function
# through the services, then the vacancies in bulk (the service would take minutes).
SETUP = """
import json, random, sys
from datetime import timedelta
from sqlalchemy import insert, select
from backend import create_app, db
from backend.accounts import service as accounts
from backend.accounts.models import Role
from backend.taxonomy.models import Municipality, Occupation, PostcodeNL
from backend.vacancies import service as vacancies
from backend.vacancies.models import Vacancy

app = create_app({"DATABASE_URL": sys.argv[1]})
count, seed = int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
parts = ("morning", "afternoon", "evening")
with app.app_context():
    user = accounts.create_user(
        username="bench-werkgever", password="bench-wachtwoord-2026", role=Role.EMPLOYER
    )
    org = accounts.create_organisation(user.id, name="Uitzendbureau Bench", postcode="3511")
    function = vacancies.create_function(
        user.id, org.id,
        {"occupation_id": "90f75f67-495d-49fa-ab57-2f320e251d7e", "description": "Werk."},
    )
    session = db.read_session()
    places = session.execute(
        select(PostcodeNL.pc4, PostcodeNL.lat, PostcodeNL.lon, PostcodeNL.place,
               Municipality.region_code)
        .join(Municipality, Municipality.code == PostcodeNL.municipality_code)
        .order_by(PostcodeNL.pc4)
    ).all()
    occupations = list(session.scalars(select(Occupation.id).order_by(Occupation.code)))
    occupations = rng.sample(occupations, 300)
    now = db.utcnow()
    rows = []
    for n in range(count):
        pc4, lat, lon, place, region = rng.choice(places)
        chosen = rng.sample(days, rng.randint(1, 5))
        schedule = {d: sorted(rng.sample(parts, rng.randint(1, 2))) for d in chosen}
        published = now - timedelta(minutes=rng.randint(0, 60 * 24 * 60))
        rows.append({
            "organisation_id": org.id, "organisation_name": org.name,
            "function_id": function["id"], "occupation_id": rng.choice(occupations),
            "title": f"Vacature {n}", "description": "Werk in de buurt.",
            "kind": rng.choice(["job", "job", "job", "stage", "opdracht"]),
            "hiring_mode": "open" if rng.random() < 0.3 else "regular",
            "status": "published", "postcode": pc4, "place": place, "region_code": region,
            "lat": lat, "lon": lon, "schedule": schedule,
            "days_mask": vacancies.days_mask(schedule),
            "hours_per_week": rng.choice([4, 8, 12, 16, 20, 24, 32, 36, 40]),
            "start_date": (now + timedelta(days=rng.randint(1, 60))).date(),
            "places": rng.randint(1, 5), "offer_hours": 48, "reconfirm_days": 14,
            "created_at": published, "updated_at": published, "published_at": published,
        })
    with db.engine().begin() as conn:
        for start in range(0, len(rows), 1000):
            conn.execute(insert(Vacancy), rows[start:start + 1000])
print(json.dumps({"vacancies": count}))
"""

# The same searches through the service only, in a child process with the server's
# environment: the search without HTTP, Flask and gunicorn.
SERVICE_SCRIPT = """
import json, sys, time
from backend import db
db.configure(sys.argv[1])
from backend.vacancies import service
searches, rounds = json.load(sys.stdin), int(sys.argv[2])
samples, found = {}, {}
for timed in [False] + [True] * rounds:
    for label, params in searches:
        filters = dict(params)
        page, size = int(filters.pop("page", 1)), int(filters.pop("page_size", 20))
        if "days" in filters:
            filters["days"] = tuple(filters["days"])
        if "open_hiring" in filters:
            filters["open_hiring"] = filters["open_hiring"] == "true"
        if "distance_km" in filters:
            filters["distance_km"] = int(filters["distance_km"])
        started = time.perf_counter()
        result = service.search_vacancies(
            service.SearchFilters(**filters), offset=(page - 1) * size, limit=size
        )
        ms = (time.perf_counter() - started) * 1000
        db.Session.remove()
        if timed:
            samples.setdefault(label, []).append(ms)
            found.setdefault(label, []).append(result.total)
print(json.dumps({"samples": samples, "found": found}))
"""


@dataclass(frozen=True)
class Search:
    label: str
    params: dict[str, object]


@dataclass
class Timings:
    samples: dict[str, list[float]] = field(default_factory=dict)
    found: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, label: str, ms: float) -> None:
        self.samples.setdefault(label, []).append(ms)


LABELS = {
    "near": "25 km, nearest first",
    "near_open": "25 km, open hiring, nearest first",
    "near_newest": "25 km, newest first",
    "near_filters": "25 km, hours 8-24, days mon-wed",
    "near_page3": "25 km, page 3",
}


def build_searches(count: int, rng: random.Random) -> list[Search]:
    """Random Dutch PC4 areas (every area equally likely), with a mix of filters."""
    with POSTCODES.open(encoding="utf-8", newline="") as fh:
        postcodes = [row["pc4"] for row in csv.DictReader(fh)]
    searches = []
    kinds = list(LABELS)
    for n in range(count):
        base: dict[str, object] = {"postcode": rng.choice(postcodes), "distance_km": 25}
        kind = kinds[n % len(kinds)]
        if kind == "near_open":
            base["open_hiring"] = "true"
        elif kind == "near_newest":
            base["sort"] = "newest"
        elif kind == "near_filters":
            base.update(hours_min=8, hours_max=24, days=["mon", "tue", "wed"])
        elif kind == "near_page3":
            base["page"] = 3
        searches.append(Search(kind, base))
    return searches


class Client:
    """One HTTP/1.1 connection, reopened when gunicorn's sync worker closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, bytes, dict[str, str], float]:
        started = time.perf_counter()
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        self.conn.request("GET", path)
        resp = self.conn.getresponse()
        body = resp.read()
        ms = (time.perf_counter() - started) * 1000
        if resp.getheader("Connection", "").lower() == "close" or resp.will_close:
            self.conn.close()
            self.conn = None
        return resp.status, body, dict(resp.getheaders()), ms

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def query_string(params: dict[str, object]) -> str:
    return urllib.parse.urlencode(params, doseq=True)


def run_searches(port: int, searches: list[Search], rounds: int) -> Timings:
    client = Client(port)
    timings = Timings()
    try:
        for s in searches:  # warm-up
            client.get(f"/api/v1/vacancies?{query_string(s.params)}")
            client.get("/api/v1/health")
        for _ in range(rounds):
            for s in searches:
                path = f"/api/v1/vacancies?{query_string(s.params)}"
                status, _body, headers, ms = client.get(path)
                if status != 200:
                    timings.errors.append(f"{status} {path}")
                    continue
                timings.add("all searches", ms)
                timings.add(s.label, ms)
                total = json.loads(headers.get("X-Pagination", "{}")).get("total", 0)
                timings.found.setdefault(s.label, []).append(total)
                timings.found.setdefault("all searches", []).append(total)
                status, _body, _headers, ms = client.get("/api/v1/health")
                if status == 200:
                    timings.add("health", ms)
    finally:
        client.close()
    return timings


def time_service(url: str, env: dict[str, str], searches: list[Search], rounds: int) -> Timings:
    payload = json.dumps([[s.label, s.params] for s in searches])
    out = subprocess.run(
        [sys.executable, "-c", SERVICE_SCRIPT, url, str(rounds)],
        cwd=ROOT,
        env=env,
        input=payload,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"timing the service on {url} failed:\n{out.stderr[-3000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    timings = Timings()
    everything = [ms for values in data["samples"].values() for ms in values]
    timings.samples["all searches (service only)"] = everything
    return timings


def setup_database(url: str, env: dict[str, str], count: int) -> None:
    out = subprocess.run(
        [sys.executable, "-c", SETUP, url, str(count), str(SEED)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"making vacancies in {url} failed:\n{out.stderr[-3000:]}")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


# --- report --------------------------------------------------------------------------


def markdown(results: dict[str, Timings], meta: dict[str, str], args: argparse.Namespace) -> str:
    lines = [
        SECTION,
        "",
        f"Measured on {meta['date']} with `make bench-vacancy-search`, which runs "
        "`.venv/bin/python -m tests.bench.vacancy_search`. Machine: "
        f"{meta['machine']}. {meta['software']}. Load average (1 min) before the run: "
        f"{meta['load']}; after each database: {meta['load_after']}.",
        "",
        f"{args.vacancies:,} published vacancies at random Dutch PC4 areas (as dense as the "
        "postcode areas), random kinds, hiring modes (30% open), hours, days and 300 "
        "occupations, published in the last 60 days; the database migrated, loaded with "
        "the reference data and settled. The real app under gunicorn (2 sync workers); "
        f"{args.searches} searches (seed {SEED}) around random PC4 areas, 25 km, default "
        "page size 20, in five equal groups: nearest first; open hiring only; newest "
        "first; hours 8 to 24 and days Monday to Wednesday; page 3. After a warm-up round, "
        f"{args.rounds} rounds one request at a time over HTTP/1.1 from `http.client` "
        "(gunicorn's sync workers close each connection, so every request includes a local "
        "TCP connect); each search is followed by a `GET /api/v1/health` as the baseline. "
        "Latency is client-side, request to last byte. The `service only` row times the "
        "same searches through `backend.vacancies.service` in one process.",
        "",
        "How it works (`backend/vacancies/service.py`): the vacancy row carries the "
        "coordinates of its postcode; the search reads the id, coordinates and date of "
        "the published vacancies inside the bounding box of the circle (an index range on "
        "`(status, lat, lon)`), keeps those within the distance by the exact haversine, "
        "sorts and pages them in Python, and then loads the 20 rows of the page.",
        "",
        f"Target: p95 under {TARGET_P95_MS:.0f} ms on both databases.",
        "",
        "| Database | Requests | n | found (median) | p50 ms | p95 ms | p99 ms | max ms | "
        "p95 ÷ health p95 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    verdicts = []
    for database, timings in results.items():
        health = timings.samples.get("health", [])
        health_p95 = percentile(health, 95) if health else 0.0
        order = ["all searches", *LABELS, "all searches (service only)", "health"]
        for label in order:
            values = timings.samples.get(label)
            if not values:
                continue
            found = timings.found.get(label)
            median_found = f"{statistics.median(found):,.0f}" if found else ""
            name = LABELS.get(label, label)
            if label == "health":
                name = "`GET /api/v1/health`"
            p95 = percentile(values, 95)
            lines.append(
                f"| {database} | {name} | {len(values)} | {median_found} | "
                f"{statistics.median(values):.2f} | {p95:.2f} | {percentile(values, 99):.2f} | "
                f"{max(values):.2f} | {p95 / health_p95 if health_p95 else 0:.1f} |"
            )
        everything = timings.samples.get("all searches", [])
        if everything:
            p95 = percentile(everything, 95)
            met = "target met" if p95 < TARGET_P95_MS else "**target missed**"
            verdicts.append(f"- {database}: p95 {p95:.1f} ms over all searches, {met}.")
        if timings.errors:
            verdicts.append(
                f"- {database}: {len(timings.errors)} searches failed, e.g. {timings.errors[0]}."
            )
    lines += ["", *verdicts, *meta["notes"].splitlines()]
    return "\n".join(lines).rstrip() + "\n"


# --- main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=VACANCIES)
    parser.add_argument("--searches", type=int, default=300, help="searches per round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_VACANCY_PG_URL", PG_URL))
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--no-write", action="store_true", help="do not touch the docs")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="zelf-bench-vacancy-search-"))
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
    searches = build_searches(args.searches, random.Random(SEED))
    load_before = os.getloadavg()[0]
    load_after: list[str] = []
    results: dict[str, Timings] = {}
    db_versions: list[str] = []
    try:
        for name, url in databases:
            print(f"{name}: preparing {url}", flush=True)
            if name == "PostgreSQL":
                recreate_postgres_database(url, only=PG_DATABASE)
            env = {**server_env(tmp, url), "RATELIMIT_ENABLED": "0"}
            load_api_database(url, env)
            started = time.perf_counter()
            setup_database(url, env, args.vacancies)
            print(f"  {args.vacancies:,} vacancies in {time.perf_counter() - started:.0f} s")
            settle_database(url)
            db_versions.append(database_version(url))
            with serving("backend:create_app()", env, tmp / "api.log", "/api/openapi.json") as s:
                timings = run_searches(s.port, searches, args.rounds)
            service_only = time_service(url, env, searches, args.rounds)
            timings.samples.update(service_only.samples)
            results[name] = timings
            everything = timings.samples["all searches"]
            print(
                f"  {name}: p50 {statistics.median(everything):.1f} ms, "
                f"p95 {percentile(everything, 95):.1f} ms, "
                f"found (median) {statistics.median(timings.found['all searches']):.0f}",
                flush=True,
            )
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
