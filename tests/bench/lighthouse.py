"""Lighthouse scores of the real app, and the first-load JavaScript of the jobseeker shell.

    .venv/bin/python -m tests.bench.lighthouse        (or: make bench-lighthouse)

The app runs the way `make run` serves it: gunicorn with 2 sync workers on a free port of
127.0.0.1, on a fresh SQLite database that is migrated and loaded with the reference data
and the demo accounts. Lighthouse (npm `lighthouse` from pwa/node_modules, Debian's
Chromium) audits each page with its default mobile settings, `--runs` times, in rounds
that visit every page in turn; the figures are the medians. The logged-in page is
audited with the session cookies of a demo login sent as a request header. Both sections,
"Lighthouse" and "First-load JavaScript", are printed and written to docs/performance.md;
the exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from tests.bench.api_throughput import (
    VENV_BIN,
    _code_version,
    load_api_database,
    server_env,
    serving,
)
from tests.bench.harness import DOC, ROOT, cpu_model, write_section

LIGHTHOUSE_SECTION = "## Lighthouse"
BUNDLE_SECTION = "## First-load JavaScript"
DIST = ROOT / "pwa" / "dist"
LIGHTHOUSE = ROOT / "pwa" / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox"
RUN_TIMEOUT = 180

# The quality bar of issue 4: scores out of 100, as Lighthouse shows them.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
# kB as Vite and Lighthouse print them (1,000 bytes): the stricter reading of "60 KB".
FIRST_LOAD_JS_BUDGET = 60_000

DEMO_USER = "demo-werkzoekende"
DEMO_PASSWORD = "demo-wachtwoord-2026"  # documented in README.md; created by `seed demo`


@dataclass(frozen=True)
class Page:
    path: str
    label: str
    logged_in: bool = False


PAGES = [
    Page("/", "Start"),
    Page("/login", "Log in"),
    Page("/register", "Register"),
    Page("/home", "Home (logged in as demo-werkzoekende)", logged_in=True),
]


# --- first-load JavaScript ---------------------------------------------------------


class _ShellScripts(HTMLParser):
    """Collect the module scripts and modulepreload links of the built index.html."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[str] = []
        self.preloads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("type") == "module" and a.get("src"):
            self.entries.append(str(a["src"]))
        elif tag == "link" and a.get("rel") == "modulepreload" and a.get("href"):
            self.preloads.append(str(a["href"]))


# Static imports in Vite's (minified) output: `import{a as b}from"./x.js"`, `import"./x.js"`
# and `export{a}from"./x.js"` / `export*from"./x.js"`. Specifiers of static imports are
# plain string literals; `import(` (a lazy chunk) and `import.meta` never match.
STATIC_IMPORT = re.compile(
    r"""\bimport\s*(?:[\w$*{][^;"'`()]*?\bfrom\s*)?(["'])([^"'`]+)\1"""
    r"""|\bexport\s*(?:\*(?:\s*as\s*[\w$]+)?|\{[^}]*\})\s*from\s*(["'])([^"'`]+)\3"""
)


@dataclass
class FirstLoadJs:
    """The JavaScript a first visit loads: the module entries and their static imports."""

    entries: list[str]
    files: dict[str, tuple[int, int]]  # URL path -> (raw bytes, gzip -9 bytes)
    lazy: dict[str, tuple[int, int]]  # the other .js files under assets/ (dynamic imports)
    service_worker: tuple[int, int] | None

    @property
    def gzip_bytes(self) -> int:
        return sum(gz for _raw, gz in self.files.values())

    @property
    def raw_bytes(self) -> int:
        return sum(raw for raw, _gz in self.files.values())


def _sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    # What the browser receives from a server that gzips at level 9.
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))


def first_load_js(dist: Path = DIST) -> FirstLoadJs:
    """Measure the built shell's first-load JavaScript: index.html's module scripts and
    modulepreload links, followed through their static imports (lazy chunks excluded)."""
    index = dist / "index.html"
    if not index.is_file():
        raise FileNotFoundError(f"{index} is missing: build the PWA first (`make build`)")
    parser = _ShellScripts()
    parser.feed(index.read_text())
    todo = [urlsplit(urljoin("/", u)).path for u in parser.entries + parser.preloads]
    if not parser.entries:
        raise ValueError(f"{index} has no <script type=module src=...>")
    files: dict[str, tuple[int, int]] = {}
    while todo:
        url = todo.pop()
        if url in files:
            continue
        path = dist / url.lstrip("/")
        if not path.is_file():
            raise FileNotFoundError(f"{url} (loaded by the shell) is not in {dist}")
        files[url] = _sizes(path)
        for match in STATIC_IMPORT.finditer(path.read_text(errors="replace")):
            spec = match.group(2) or match.group(4)
            if not spec.startswith(("./", "../", "/")):
                # A bare specifier cannot load in a browser: the parse went wrong.
                raise ValueError(f"{url}: unexpected static import {spec!r}")
            todo.append(urlsplit(urljoin(url, spec)).path)
    lazy = {
        f"/{p.relative_to(dist).as_posix()}": _sizes(p)
        for p in sorted(dist.glob("assets/**/*.js"))
        if f"/{p.relative_to(dist).as_posix()}" not in files
    }
    sw = dist / "sw.js"
    entries = [urlsplit(urljoin("/", u)).path for u in parser.entries]
    return FirstLoadJs(entries, files, lazy, _sizes(sw) if sw.is_file() else None)


def kb(n: int) -> str:
    return f"{n / 1000:,.1f} kB"


def bundle_markdown(js: FirstLoadJs, date: str) -> str:
    met = "yes" if js.gzip_bytes <= FIRST_LOAD_JS_BUDGET else "**no**"
    lines = [
        BUNDLE_SECTION,
        "",
        f"Measured on {date} with `make bench-lighthouse` (and checked on every `make test` "
        "by `tests/system/test_bundle_budget.py`), on the build in `pwa/dist/`: the module "
        "scripts and `modulepreload` links of `index.html`, followed through the static "
        "`import`/`export … from` statements of the built files; chunks that are only "
        "loaded through a dynamic `import()` do not count. Each file is gzipped at level 9 "
        "on its own, as a browser would receive it. 1 kB = 1,000 bytes.",
        "",
        f"Budget: {kb(FIRST_LOAD_JS_BUDGET)} gzipped. Measured: **{kb(js.gzip_bytes)}** "
        f"gzipped ({kb(js.raw_bytes)} before gzip) in {len(js.files)} file(s). "
        f"Within budget: {met}.",
        "",
        "| File | bytes | gzip -9 bytes |",
        "| --- | ---: | ---: |",
    ]
    for url, (raw, gz) in sorted(js.files.items()):
        entry = " (entry)" if url in js.entries else ""
        lines.append(f"| `{url}`{entry} | {raw:,} | {gz:,} |")
    lazy_gz = sum(gz for _raw, gz in js.lazy.values())
    lines += [
        "",
        f"- Lazy chunks (dynamic imports, not counted): {len(js.lazy)} file(s), "
        f"{kb(lazy_gz)} gzipped in all.",
    ]
    if js.service_worker:
        lines.append(
            f"- The service worker (`/sw.js`, {kb(js.service_worker[1])} gzipped) is "
            "registered after the first render and does not count either."
        )
    lines.append(
        "- The server of `make run` (Flask's `send_from_directory`) does not compress, so "
        "today a browser receives the files at their size before gzip."
    )
    return "\n".join(lines).rstrip() + "\n"


# --- the app -----------------------------------------------------------------------


def seed_demo(env: dict[str, str]) -> None:
    """Create the demo accounts, as `make run` does (`flask seed demo`)."""
    subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "backend", "seed", "demo"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


def login_cookie(base: str) -> str:
    """Log the demo jobseeker in; return the Cookie header a browser would send next."""
    body = json.dumps({"username": DEMO_USER, "password": DEMO_PASSWORD}).encode()
    req = urllib.request.Request(
        base + "/api/v1/auth/login", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        cookies = [h.split(";", 1)[0] for h in resp.headers.get_all("Set-Cookie") or []]
    if not any(c.startswith("__Host-access=") for c in cookies):
        raise RuntimeError(f"the demo login set no access cookie: {cookies}")
    return "; ".join(cookies)


# --- Lighthouse --------------------------------------------------------------------


@dataclass
class PageResult:
    page: Page
    runs: list[dict[str, Any]] = field(default_factory=list)  # Lighthouse's JSON reports
    invalid: list[str] = field(default_factory=list)  # why a run does not count

    def score(self, category: str) -> int | None:
        values = [
            round(r["categories"][category]["score"] * 100)
            for r in self.runs
            if r["categories"].get(category, {}).get("score") is not None
        ]
        return round(statistics.median(values)) if values else None

    def scores(self, category: str) -> str:
        return " ".join(
            str(round(r["categories"][category]["score"] * 100))
            for r in self.runs
            if r["categories"].get(category, {}).get("score") is not None
        )

    def metric(self, audit: str) -> float | None:
        values = [r["audits"][audit]["numericValue"] for r in self.runs]
        return statistics.median(values) if values else None

    def missed(self) -> list[str]:
        if not self.runs:
            return ["no valid run"]
        return [
            f"{category} {self.score(category)} < {target}"
            for category, target in TARGETS.items()
            if (self.score(category) or 0) < target
        ]


def lighthouse_command(url: str, out: Path, headers: Path | None) -> list[str]:
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    if headers:
        cmd.append(f"--extra-headers={headers}")
    return cmd


def run_lighthouse(url: str, out: Path, headers: Path | None) -> dict[str, Any]:
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    out.unlink(missing_ok=True)  # a report left from an earlier run must not pass for this one
    # Its own process group, so that a run that hangs is ended with its Chromium.
    proc = subprocess.Popen(
        lighthouse_command(url, out, headers),
        cwd=ROOT / "pwa",
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{stdout}\n{stderr[-3000:]}")
    report: dict[str, Any] = json.loads(out.read_text())
    return report


def check_run(page: Page, report: dict[str, Any]) -> str:
    """Return "" when the report audited the page asked for, else why it does not count."""
    if report.get("runtimeError"):
        return f"runtime error: {report['runtimeError'].get('message')}"
    final = urlsplit(report.get("finalDisplayedUrl", "")).path
    if final != page.path:
        # The app redirects (client-side) from /home to /login without a session.
        return f"ended on {final}, not {page.path}"
    if page.logged_in:
        items = report["audits"]["network-requests"]["details"]["items"]
        me = [i.get("statusCode") for i in items if urlsplit(i["url"]).path == "/api/v1/auth/me"]
        if 200 not in me:
            return f"GET /api/v1/auth/me answered {me or 'nothing'}, not 200: not logged in"
    return ""


def audit_rounds(
    base: str, pages: list[Page], runs: int, headers: Path, reports: Path
) -> list[PageResult]:
    """Run Lighthouse `runs` times on every page, one page after the other in each round, so
    that a burst of other work on this shared machine falls on all pages alike."""
    results = [PageResult(p) for p in pages]
    for n in range(1, runs + 1):
        for result in results:
            page = result.page
            try:
                slug = page.path.strip("/") or "start"
                report = run_lighthouse(
                    base + page.path,
                    reports / f"{slug}-{n}.json",
                    headers if page.logged_in else None,
                )
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                # One failed run (a Chromium hiccup) should not lose the others' figures.
                print(exc, file=sys.stderr, flush=True)
                report, why = {}, f"Lighthouse failed ({type(exc).__name__})"
            else:
                why = check_run(page, report)
            if why:
                result.invalid.append(why)
                print(f"  round {n} {page.path:10} does not count: {why}", flush=True)
                continue
            result.runs.append(report)
            cats = report["categories"]
            print(
                f"  round {n} {page.path:10} "
                + "  ".join(f"{c} {round(cats[c]['score'] * 100)}" for c in CATEGORIES),
                flush=True,
            )
    return results


def _detail(audit: dict[str, Any]) -> str:
    """A short "what" for a failing audit: its display value, or its first items."""
    if audit.get("displayValue"):
        return str(audit["displayValue"])
    details = audit.get("details") or {}
    # Only tables list the offending things; other detail kinds hold prose or trees.
    items = (details.get("items") or []) if details.get("type") in ("table", "opportunity") else []
    parts = []
    for item in items[:2]:
        text = item.get("description") or (item.get("node") or {}).get("snippet") or ""
        # An error's first line says what it is; the minified stack trace says nothing.
        text = text.strip().splitlines()[0][:200] if text.strip() else ""
        url = item.get("url") or (item.get("sourceLocation") or {}).get("url")
        if url:
            text = f"{text} ({urlsplit(url).path})" if text else urlsplit(url).path
        text = text.replace("|", "\\|")
        if text and text not in parts:
            parts.append(text)
    return "; ".join(parts)


def flagged(result: PageResult) -> list[str]:
    """Audits other than the metrics that cost points (weight > 0, score < 1), and the
    performance hints that Lighthouse scores below 0.9, with the runs that flagged them."""
    seen: dict[tuple[str, str], list[str]] = {}
    for report in result.runs:
        for cid, category in report["categories"].items():
            for ref in category["auditRefs"]:
                audit = report["audits"][ref["id"]]
                score = audit.get("score")
                if score is None or audit.get("scoreDisplayMode") in ("informative", "manual"):
                    continue
                if ref["id"] in METRICS or ref["id"] in ("interactive", "max-potential-fid"):
                    continue  # the metrics: their figures are in the table
                costs = ref.get("weight", 0) > 0 and score < 1
                hint = cid == "performance" and ref.get("weight", 0) == 0 and score < 0.9
                if costs or hint:
                    kind = "costs points" if costs else "hint"
                    key = (cid, f"{audit['title']} (`{ref['id']}`, {kind})")
                    seen.setdefault(key, []).append(_detail(audit))
    return [
        f"{cid}: {title}, in {len(details)} of {len(result.runs)} runs"
        + (f": {details[0]}" if details[0] else "")
        for (cid, title), details in sorted(seen.items())
    ]


def lighthouse_markdown(results: list[PageResult], meta: dict[str, str], runs: int) -> str:
    command = (
        f"CHROME_PATH={CHROME_PATH} pwa/node_modules/.bin/lighthouse <url> --output=json "
        f'--output-path=<file> --chrome-flags="{CHROME_FLAGS}" --quiet'
    )
    lines = [
        LIGHTHOUSE_SECTION,
        "",
        f"Measured on {meta['date']} with `make bench-lighthouse`, which builds the PWA and "
        "runs `.venv/bin/python -m tests.bench.lighthouse`. The app is served as `make run` "
        "serves it (gunicorn, 2 sync workers, on 127.0.0.1) on a fresh SQLite database, "
        "migrated and loaded with the reference data and the demo accounts, from a copy of "
        "`pwa/dist` taken at the start (the build the next section measures). Each page is "
        f"audited {runs} times, in rounds that visit every page in turn, with",
        "",
        f"    {command}",
        "",
        "that is Lighthouse's default settings: mobile form factor (Moto G Power screen), "
        "simulated slow 4G and 4x CPU slowdown, storage and cache cleared before each run "
        "(a first visit, no service worker yet). The logged-in page gets "
        "`--extra-headers=<file>` with the `Cookie` header that a browser sends after "
        "logging in as the demo jobseeker (the four `__Host-` session cookies from `POST "
        "/api/v1/auth/login`); Chromium also keeps `Secure` cookies on http://127.0.0.1, "
        "but Lighthouse's own browser profile starts empty. A run only counts when it ends "
        "on the page asked for and, logged in, when `GET /api/v1/auth/me` answered 200 (the "
        "app sends a visitor without a session from `/home` to `/login`). Scores are the "
        "medians of the runs (each run's score in parentheses); metrics are medians too.",
        "",
        f"Machine: {meta['machine']}. {meta['software']}. Load average (1 min) before the "
        f"run: {meta['load']}; Lighthouse's CPU benchmark index (median): {meta['bench']}.",
        "",
        "Targets: performance ≥ 95, accessibility 100, best practices ≥ 95.",
        "",
        "| Page | Performance | Accessibility | Best practices | SEO | FCP s | LCP s | TBT ms "
        "| CLS | SI s | targets met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        if not r.runs:
            why = "; ".join(sorted(set(r.invalid)))
            lines.append(f"| {r.page.label} (`{r.page.path}`) | not audited: {why} |" + " |" * 9)
            continue
        cells = [f"{r.score(c)} ({r.scores(c)})" for c in CATEGORIES]
        m = {k: r.metric(k) or 0.0 for k in METRICS}
        missed = r.missed()
        met = "yes" if not missed else "**no**: " + ", ".join(missed)
        if r.invalid:
            met += f" ({len(r.invalid)} run(s) did not count: {'; '.join(set(r.invalid))})"
        lines.append(
            f"| {r.page.label} (`{r.page.path}`) | {' | '.join(cells)} | "
            f"{m['first-contentful-paint'] / 1000:.2f} | "
            f"{m['largest-contentful-paint'] / 1000:.2f} | "
            f"{m['total-blocking-time']:.0f} | {m['cumulative-layout-shift']:.3f} | "
            f"{m['speed-index'] / 1000:.2f} | {met} |"
        )
    lines += [
        "",
        "What Lighthouse flagged (audits that cost points, other than the metrics above, "
        "and the performance hints it scores below 0.9):",
        "",
    ]
    for r in results:
        items = flagged(r)
        lines.append(f"- {r.page.label} (`{r.page.path}`):" + ("" if items else " nothing"))
        lines += [f"  - {item}" for item in items]
    return "\n".join(lines).rstrip() + "\n"


# --- main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--no-write", action="store_true", help="do not touch the docs")
    parser.add_argument(
        "--reports", type=Path, help="keep Lighthouse's JSON reports in this folder"
    )
    return parser.parse_args(argv)


def _pwa_state() -> str:
    """Say when the PWA was built from sources with uncommitted changes (shared tree)."""
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "pwa"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return "; the PWA was built from uncommitted changes in pwa/" if dirty else ""


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for needed, how in (
        (Path(CHROME_PATH), "apt-get install -y chromium"),
        (LIGHTHOUSE, "make install"),
    ):
        if not needed.exists():
            print(f"{needed} is missing; run `{how}` first.", file=sys.stderr)
            return 2

    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    tmp = Path(tempfile.mkdtemp(prefix="zelf-bench-lighthouse-"))
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    try:
        # The working tree is shared: someone may rebuild pwa/dist during the run. Measure
        # and serve a copy, so that every run and both sections see one and the same build.
        dist = Path(shutil.copytree(DIST, tmp / "dist"))
        js = first_load_js(dist)
        bundle_text = bundle_markdown(js, date)
        print(bundle_text)

        url = f"sqlite:///{tmp / 'bench.db'}"
        env = {**server_env(tmp, url), "PWA_DIST": str(dist)}
        print(f"preparing {url}", flush=True)
        load_api_database(url, env)
        seed_demo(env)
        with serving("backend:create_app()", env, tmp / "api.log", "/api/v1/health") as api:
            headers = tmp / "headers.json"
            headers.write_text(json.dumps({"Cookie": login_cookie(api.base)}))
            reports = args.reports or tmp / "reports"
            reports.mkdir(parents=True, exist_ok=True)
            results = audit_rounds(api.base, PAGES, args.runs, headers, reports)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    counted = [report for r in results for report in r.runs]
    lh_version = counted[0]["lighthouseVersion"] if counted else "?"
    indexes = [r["environment"].get("benchmarkIndex", 0) for r in counted]
    meta = {
        "date": date,
        "machine": f"{os.cpu_count()} cores ({cpu_model()}), {platform.system()} "
        f"{platform.release()}",
        "software": f"Lighthouse {lh_version}, {_version([CHROME_PATH, '--version'])} "
        f"(headless), Node.js {_version(['node', '--version'])}; "
        f"{_code_version()}{_pwa_state()}",
        "load": f"{load_before:.2f}",
        "bench": f"{statistics.median(indexes):.0f}" if indexes else "n/a",
    }
    text = lighthouse_markdown(results, meta, args.runs)
    print(text)
    print(f"(took {time.monotonic() - started:.0f} s)")
    if not args.no_write:
        write_section(LIGHTHOUSE_SECTION, text)
        write_section(BUNDLE_SECTION, bundle_text)
        print(f"written to {DOC.relative_to(ROOT)}")

    missed = [f"{r.page.path}: {', '.join(r.missed())}" for r in results if r.missed()]
    if js.gzip_bytes > FIRST_LOAD_JS_BUDGET:
        missed.append(f"first-load JS {kb(js.gzip_bytes)} > {kb(FIRST_LOAD_JS_BUDGET)}")
    for line in missed:
        print(f"target missed: {line}", file=sys.stderr)
    return 1 if missed else 0


def _version(cmd: list[str]) -> str:
    # The user agent in Lighthouse's report is reduced (Chrome/156.0.0.0): ask the binary.
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else "?"


if __name__ == "__main__":
    sys.exit(main())
