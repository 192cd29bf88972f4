"""db.DriverStatement runs a Core statement on the DBAPI cursor: what it stores must be
exactly what SQLAlchemy's own execute() stores, inside the same transaction."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from backend import db

METADATA = MetaData()
PROBE = Table(
    "driver_statement_probe",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", String(40), nullable=False),
    Column("data", JSON),
    Column("at", db.UTCDateTime()),
    Column("mask", Integer, nullable=False, server_default="0"),
)
DATA = {"naam": "Sanne", "dagen": ["ma", "di"], "uren": 16, "leeg": None, "é": "ë"}
AMSTERDAM = timezone(timedelta(hours=1))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    made = db.make_engine(database_url)
    METADATA.drop_all(made)
    METADATA.create_all(made)
    yield made
    METADATA.drop_all(made)
    made.dispose()


def rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        found = conn.execute(select(PROBE).order_by(PROBE.c.id)).mappings()
        return [dict(row) for row in found]


def test_it_stores_what_core_stores(engine: Engine) -> None:
    at = datetime(2026, 12, 5, 9, 30, 15, 123456, tzinfo=AMSTERDAM)
    driver = db.DriverStatement(insert(PROBE))
    with engine.begin() as conn:
        conn.execute(insert(PROBE), {"id": 1, "name": "core", "data": DATA, "at": at})
        assert driver.rowcount(conn, {"id": 2, "name": "core", "data": DATA, "at": at}) == 1
    core, direct = rows(engine)
    assert direct == {**core, "id": 2}
    assert direct["data"] == DATA
    assert direct["at"] == at and direct["at"].tzinfo is not None
    assert direct["mask"] == 0  # a column left out takes its server default


def test_rowcount_first_and_the_statements_own_constants(engine: Engine) -> None:
    set_mask = db.DriverStatement(
        update(PROBE)
        .where(PROBE.c.id == bindparam("w_id"))
        # 6 & 3 | 8: two constants of the statement, bound by SQLAlchemy, not by the caller
        .values(mask=PROBE.c.mask.op("&")(3).op("|")(bindparam("w_bit")), name="changed")
    )
    with engine.begin() as conn:
        conn.execute(insert(PROBE), {"id": 1, "name": "a", "mask": 6})
        assert set_mask.rowcount(conn, {"w_id": 1, "w_bit": 8}) == 1
        assert set_mask.rowcount(conn, {"w_id": 99, "w_bit": 8}) == 0
    assert rows(engine)[0]["mask"] == 6 & 3 | 8 and rows(engine)[0]["name"] == "changed"

    dialect_insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    once = db.DriverStatement(
        dialect_insert(PROBE).on_conflict_do_nothing(index_elements=["id"]).returning(PROBE.c.id)
    )
    with engine.begin() as conn:
        assert tuple(once.first(conn, {"id": 2, "name": "b"})) == (2,)
        assert once.first(conn, {"id": 2, "name": "b again"}) is None
    assert [row["name"] for row in rows(engine)] == ["changed", "b"]


def test_it_runs_in_the_connections_transaction(engine: Engine) -> None:
    driver = db.DriverStatement(insert(PROBE))
    with engine.connect() as conn:
        conn.begin()
        driver.rowcount(conn, {"id": 1, "name": "gone", "data": DATA, "at": datetime.now(UTC)})
        conn.rollback()
    assert rows(engine) == []


def test_a_missing_parameter_is_an_error_not_a_null(engine: Engine) -> None:
    rename = db.DriverStatement(
        update(PROBE).where(PROBE.c.id == bindparam("w_id")).values(name=bindparam("w_name"))
    )
    with engine.begin() as conn, pytest.raises(KeyError, match="w_name"):
        rename.rowcount(conn, {"w_id": 1})


def test_statement_listeners_see_it(engine: Engine) -> None:
    seen: list[str] = []

    def record(_conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    with engine.begin() as conn:
        db.DriverStatement(insert(PROBE)).rowcount(conn, {"id": 1, "name": "x"})
    assert len(seen) == 1 and seen[0].startswith("INSERT INTO driver_statement_probe")
