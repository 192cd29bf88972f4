"""Pieces every benchmark shares: the report file, the machine, and the benchmark databases."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "performance.md"


def cpu_model() -> str:
    """Name the CPU, for the report."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def server_dsn(url: str, dbname: str = "postgres") -> str:
    """Return a libpq DSN for `dbname` on the server of the SQLAlchemy `url`."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    parts = [f"host={u.host or '127.0.0.1'}", f"port={u.port or 5432}", f"dbname={dbname}"]
    if u.username:
        parts.append(f"user={u.username}")
    if u.password:
        parts.append(f"password={u.password}")
    return " ".join(parts)


def recreate_postgres_database(url: str, *, only: str) -> None:
    """Drop and create the benchmark's own database; refuse any name but `only`."""
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    if name != only:
        raise SystemExit(f"refusing to recreate database {name!r}: only {only!r} is ours")
    with psycopg.connect(server_dsn(url), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def write_section(section: str, text: str) -> None:
    """Replace one "## ..." section of docs/performance.md (or append it)."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    # Read right before writing: the other sections belong to other benchmarks.
    current = DOC.read_text() if DOC.exists() else "# Performance\n"
    pattern = re.compile(rf"^{re.escape(section)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        new = pattern.sub(lambda _m: text + "\n", current, count=1)
    else:
        new = current.rstrip("\n") + "\n\n" + text
    DOC.write_text(new.rstrip("\n") + "\n")


def run_meta(
    load_before: float, load_after: list[str], db_versions: list[str], notes: list[str]
) -> dict[str, str]:
    """Describe a gunicorn benchmark's run for its report: date, machine, software, load."""
    import gunicorn

    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores ({cpu_model()}), {platform.system()} "
        f"{platform.release()}",
        "software": f"Python {platform.python_version()}, gunicorn {gunicorn.__version__}, "
        f"{', '.join(db_versions)}",
        "load": f"{load_before:.2f}"
        + (
            " (2 cores: the machine is shared and was busy; read the ratios to the baseline "
            "more than the absolute figures)"
            if load_before > 1.0
            else ""
        ),
        "load_after": ", ".join(load_after),
        "notes": "\n".join(notes),
    }
