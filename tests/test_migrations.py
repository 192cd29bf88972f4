"""Migrations: empty → head, no drift from the models, and head → base, on each database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from backend import db
from tests.conftest import TEST_DATABASE_URL


@pytest.fixture
def scratch_url(tmp_path: Path) -> Iterator[str]:
    """A separate, empty database of the same kind as the test database."""
    if not TEST_DATABASE_URL.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    url = make_url(TEST_DATABASE_URL)
    name = f"{url.database}_migrations"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_check_downgrade(scratch_url: str) -> None:
    cfg = db.alembic_config(scratch_url)
    command.upgrade(cfg, "head")
    engine = create_engine(scratch_url)
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in db.Base.metadata.sorted_tables} <= tables
    engine.dispose()

    command.check(cfg)  # raises when the models and the migrations differ

    command.downgrade(cfg, "base")
    engine = create_engine(scratch_url)
    left = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    assert left == set()

    command.upgrade(cfg, "head")  # and up again: downgrades leave nothing behind
