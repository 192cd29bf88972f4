"""Occupation and skill autocomplete latency, and the reference data import, per database.

    .venv/bin/python -m tests.bench.autocomplete        (or: make bench-autocomplete)

For SQLite (a temporary file) and PostgreSQL (the `bench_autocomplete` database, dropped
and recreated; never any other one): migrate, time `import_all()` (a fresh import, a
second full import over the loaded data, and `if_missing=True`), then serve the real app
with gunicorn (2 workers) and send a fixed, seeded set of realistic queries one at a time
over HTTP: prefixes of 1 to 12 characters of Dutch and English occupation and skill
labels, and some with a typo. `GET /api/v1/health` is timed in between, as a baseline for
the cost of any request on this machine. The figures are printed and written to
docs/performance.md under "Reference data import" and "Occupation autocomplete".
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import http.client
import json
import os
import platform
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
    postgres_reachable,
    server_env,
    serving,
)
from tests.bench.harness import cpu_model, recreate_postgres_database, write_section

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "performance.md"
DATA = ROOT / "data" / "esco"
IMPORT_SECTION = "## Reference data import"
SEARCH_SECTION = "## Occupation autocomplete"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_autocomplete"
PG_DATABASE = "bench_autocomplete"
TARGET_P95_MS = 20.0
SEED = 20261123

# Runs in a child process with the server's environment (the backend reads INSTANCE_PATH
# at import time; this process never imports the app).
IMPORT_SCRIPT = """
import json, sys, time
from backend import db
url = sys.argv[1]
started = time.perf_counter()
db.upgrade_database(url)
migrate = time.perf_counter() - started
db.configure(url)
from backend.taxonomy.importer import import_all
fresh = import_all()
again = import_all()
skip = import_all(if_missing=True)
print(json.dumps({"migrate": migrate, "fresh": fresh["seconds"], "again": again["seconds"],
                  "if_missing": skip["seconds"], "rows": sum(fresh["counts"].values())}))
"""

# The same queries straight through the service layer, in a child process with the
# server's environment: the search without HTTP, Flask and gunicorn.
SERVICE_SCRIPT = """
import json, sys, time
from backend import db
db.configure(sys.argv[1])
from backend.taxonomy import service
queries, rounds = json.load(sys.stdin), int(sys.argv[2])
find = {"occupations": service.search_occupations, "skills": service.search_skills}
samples = {"occupations": [], "skills": []}
for timed in [False] + [True] * rounds:
    for kind, text in queries:
        started = time.perf_counter()
        find[kind](text)
        ms = (time.perf_counter() - started) * 1000
        db.Session.remove()
        if timed:
            samples[kind].append(ms)
print(json.dumps(samples))
"""

# --- queries -------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    path: str
    kind: str  # "prefix" or "typo"
    text: str


def _labels(name: str, columns: tuple[str, ...]) -> list[str]:
    with gzip.open(DATA / name, "rt", encoding="utf-8", newline="") as fh:
        labels = []
        for row in csv.DictReader(fh):
            for column in columns:
                labels += [part.strip() for part in row[column].split("|") if part.strip()]
    return labels


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(["swap", "drop", "double", "replace"])
    if edit == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if edit == "drop":
        return word[:i] + word[i + 1 :]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstnl") + word[i + 1 :]


def build_queries(count: int, typo_share: float, rng: random.Random) -> list[Query]:
    """Return `count` queries: label prefixes of 1-12 characters, some with a typo."""
    pools = {
        "/api/v1/taxonomy/occupations": _labels(
            "occupations.csv.gz", ("label_nl", "label_en", "alt_nl", "alt_en")
        ),
        "/api/v1/taxonomy/skills": _labels(
            "skills.csv.gz", ("label_nl", "label_en", "alt_nl", "alt_en")
        ),
    }
    queries = []
    for i in range(count):
        # Three occupation searches for every skill search: occupations are the way in.
        path = "/api/v1/taxonomy/skills" if i % 4 == 3 else "/api/v1/taxonomy/occupations"
        label = rng.choice(pools[path]).lower()
        length = rng.randint(1, 12)
        prefix = label[:length].rstrip()
        if rng.random() < typo_share and len(prefix) >= 5:
            queries.append(Query(path, "typo", _typo(prefix, rng)))
        else:
            queries.append(Query(path, "prefix", prefix or label[:1]))
    return queries


# --- timing --------------------------------------------------------------------------


@dataclass
class Timings:
    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    empty: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, ms: float) -> None:
        self.samples.setdefault(name, []).append(ms)


class Client:
    """Sequential requests over one keep-alive connection (reopened if the server closes)."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(self, url: str) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        try:
            self.conn.request("GET", url)
            resp = self.conn.getresponse()
            body = resp.read()
        except (http.client.HTTPException, ConnectionError):
            # gunicorn's sync workers close the connection after each response.
            self.conn.close()
            self.conn.request("GET", url)
            resp = self.conn.getresponse()
            body = resp.read()
        return resp.status, body, (time.perf_counter() - started) * 1000

    def close(self) -> None:
        self.conn.close()


def run_queries(port: int, queries: list[Query], rounds: int) -> Timings:
    client = Client(port)
    timings = Timings()
    try:
        # Warm-up: every query once (worker start-up, caches, connection pools).
        for q in queries:
            client.get(f"{q.path}?{urllib.parse.urlencode({'q': q.text})}")
            client.get("/api/v1/health")
        for _ in range(rounds):
            for q in queries:
                url = f"{q.path}?{urllib.parse.urlencode({'q': q.text})}"
                status, body, ms = client.get(url)
                if status != 200:
                    timings.errors.append(f"{status} {url}")
                    continue
                name = q.path.rsplit("/", 1)[1]
                timings.add(name, ms)
                timings.add(f"{name} ({q.kind})", ms)
                if not json.loads(body):
                    timings.empty[name] = timings.empty.get(name, 0) + 1
                status, _body, ms = client.get("/api/v1/health")
                if status == 200:
                    timings.add("health", ms)
                else:
                    timings.errors.append(f"{status} /api/v1/health")
    finally:
        client.close()
    return timings


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


# --- databases -----------------------------------------------------------------------


def time_import(url: str, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_SCRIPT, url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"importing into {url} failed:\n{out.stderr[-3000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def time_service(url: str, env: dict[str, str], queries: list[Query], rounds: int) -> Timings:
    payload = json.dumps([[q.path.rsplit("/", 1)[1], q.text] for q in queries])
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
    timings = Timings()
    for kind, values in json.loads(out.stdout.strip().splitlines()[-1]).items():
        timings.samples[f"{kind} (service only)"] = values
    return timings


# --- report --------------------------------------------------------------------------


def _machine() -> str:
    return (
        f"{os.cpu_count()} cores ({cpu_model()}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; shared and noisy"
    )


COMMAND = "`make bench-autocomplete` (`.venv/bin/python -m tests.bench.autocomplete`)"


def import_markdown(imports: dict[str, dict[str, float]], meta: dict[str, str]) -> str:
    lines = [
        IMPORT_SECTION,
        "",
        f"Measured on {meta['date']} with {COMMAND}. Machine: {meta['machine']}. "
        f"{meta['versions']}. Load average (1 min) before the run: {meta['load']}.",
        "",
        "`backend.taxonomy.importer.import_all()` loads `data/` in one transaction: "
        "upserts for the tables other domains point at, delete and bulk insert for "
        "relations and search labels (executemany through the driver on SQLite, COPY on "
        "PostgreSQL), then the FTS5 rebuild (SQLite) or a GIN pending-list merge and "
        "ANALYZE (PostgreSQL). Roughly a third of the time is Python reading and "
        "normalising the CSV files (about 175,000 labels), a third the bulk inserts and "
        "a third the search indexes. A full re-import replaces the relation and label rows "
        "of a loaded database; `if_missing` only compares a fingerprint of the data files "
        "with the one stored by the last import. `make db` runs "
        "`flask taxonomy import --if-missing`; the test suite imports once per run.",
        "",
        "| Database | rows | migrate s | fresh import s | full re-import s | if_missing s |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in imports.items():
        lines.append(
            f"| {name} | {int(r['rows']):,} | {r['migrate']:.1f} | {r['fresh']:.1f} | "
            f"{r['again']:.1f} | {r['if_missing']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def search_markdown(
    results: dict[str, Timings], meta: dict[str, str], args: argparse.Namespace
) -> str:
    lines = [
        SEARCH_SECTION,
        "",
        f"Measured on {meta['date']} with {COMMAND}. Machine: {meta['machine']}. "
        f"{meta['versions']}. Load average (1 min) before the run: {meta['load']}.",
        "",
        f"The real app under gunicorn (2 sync workers), {args.queries} queries (seed {SEED}): "
        "prefixes of 1 to 12 characters of random Dutch and English, preferred and "
        f"alternative labels (three occupation searches to one skill search), "
        f"{args.typos:.0%} of those of 5+ characters with one typo (swap, drop, double or "
        f"replace a letter). After a warm-up round, {args.rounds} rounds one request at a "
        "time over HTTP/1.1 from `http.client` (gunicorn's sync workers close each "
        "connection, so every request includes a local TCP connect); each query is "
        "followed by a `GET /api/v1/health` (one `SELECT 1` and a queue check) as the "
        "baseline. Latency is client-side, request to last byte. The `service only` rows "
        "time the same queries through `backend.taxonomy.service` in one process, without "
        "HTTP, Flask or gunicorn (ratios there are to the same health baseline). "
        f"Target: p95 under "
        f"{TARGET_P95_MS:.0f} ms on both databases.",
        "",
        "How the search works is described in `backend/taxonomy/search.py`: word prefixes "
        "first (SQLite FTS5 with prefix indexes; PostgreSQL full text on a GIN index, plus "
        "a list of the first labels of each common prefix made at import), then substrings inside "
        "compound words, then typos, through a vocabulary of the labels' words. On "
        "PostgreSQL a typical search is one to three statements.",
        "",
        "Read the ratios to the health baseline rather than the absolute figures: this "
        "2-core machine is shared, and the load changes from run to run. The max column "
        "also catches Python's occasional full garbage collection (tens of ms).",
        "",
        "| Database | Requests | n | p50 ms | p95 ms | p99 ms | max ms | p50 ÷ health | "
        "p95 ÷ health |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    order = [
        "occupations",
        "occupations (prefix)",
        "occupations (typo)",
        "occupations (service only)",
        "skills",
        "skills (prefix)",
        "skills (typo)",
        "skills (service only)",
        "health",
    ]
    verdicts = []
    for name, timings in results.items():
        health = timings.samples.get("health", [])
        h50 = statistics.median(health) if health else 0.0
        h95 = percentile(health, 95) if health else 0.0
        for key in order:
            values = timings.samples.get(key)
            if not values:
                continue
            p50, p95, p99 = (
                statistics.median(values),
                percentile(values, 95),
                percentile(values, 99),
            )
            label = f"`GET /api/v1/{key}`" if key == "health" else key
            lines.append(
                f"| {name} | {label} | {len(values)} | {p50:.2f} | {p95:.2f} | {p99:.2f} | "
                f"{max(values):.2f} | {p50 / h50:.1f} | {p95 / h95:.1f} |"
            )
        for key in ("occupations", "skills"):
            values = timings.samples.get(key, [])
            if values:
                p95 = percentile(values, 95)
                ok = "met" if p95 < TARGET_P95_MS else "MISSED"
                verdicts.append(f"{name} {key}: p95 {p95:.1f} ms, target {ok}")
        if timings.errors:
            verdicts.append(f"{name}: {len(timings.errors)} errors, e.g. {timings.errors[0]}")
        for key, n in timings.empty.items():
            verdicts.append(f"{name} {key}: {n} of the timed requests found nothing")
    lines += ["", *(f"- {v}." for v in verdicts)]
    return "\n".join(lines) + "\n"


# --- main ----------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=800, help="distinct queries")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds over the queries")
    parser.add_argument("--typos", type=float, default=0.1, help="share of queries with a typo")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_AUTOCOMPLETE_PG_URL", PG_URL))
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--no-write", action="store_true", help="do not touch the docs")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    queries = build_queries(args.queries, args.typos, random.Random(SEED))
    tmp = Path(tempfile.mkdtemp(prefix="zelf-bench-autocomplete-"))
    databases = [("SQLite", f"sqlite:///{tmp / 'bench.db'}")]
    if not args.sqlite_only:
        why = postgres_reachable(args.pg_url)
        if why:
            print(f"PostgreSQL not reachable ({why}): SQLite only.", flush=True)
        else:
            databases.append(("PostgreSQL", args.pg_url))

    load = f"{os.getloadavg()[0]:.2f}"
    started = time.monotonic()
    imports: dict[str, dict[str, float]] = {}
    loads: dict[str, str] = {}
    results: dict[str, Timings] = {}
    versions = []
    try:
        for name, url in databases:
            print(f"{name}: migrating and importing into {url}", flush=True)
            if name == "PostgreSQL":
                recreate_postgres_database(url, only=PG_DATABASE)
            env = server_env(tmp, url)
            env["RATELIMIT_ENABLED"] = "0"
            imports[name] = time_import(url, env)
            print(f"  import: {imports[name]}", flush=True)
            versions.append(database_version(url))
            log = tmp / f"gunicorn-{name}.log"
            with serving("backend:create_app()", env, log, "/api/v1/health") as server:
                results[name] = run_queries(server.port, queries, args.rounds)
            results[name].samples.update(time_service(url, env, queries, args.rounds).samples)
            loads[name] = f"{os.getloadavg()[0]:.2f}"
            for key in ("occupations", "skills", "health"):
                values = results[name].samples.get(key, [])
                if values:
                    print(
                        f"  {key:12} n={len(values):5}  p50 {statistics.median(values):6.2f} ms"
                        f"  p95 {percentile(values, 95):6.2f} ms"
                        f"  p99 {percentile(values, 99):6.2f} ms",
                        flush=True,
                    )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    meta = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": _machine(),
        "versions": ", ".join(versions),
        "load": load
        + "; after each database: "
        + ", ".join(f"{name} {value}" for name, value in loads.items()),
    }
    import_text = import_markdown(imports, meta)
    search_text = search_markdown(results, meta, args)
    print()
    print(import_text)
    print(search_text)
    print(f"(took {time.monotonic() - started:.0f} s)")
    if not args.no_write:
        write_section(IMPORT_SECTION, import_text)
        write_section(SEARCH_SECTION, search_text)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
