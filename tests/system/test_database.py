"""The connection pool on PostgreSQL: a connection that sat idle is pinged before use and
replaced when the server closed it; a connection used a moment ago is not pinged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from backend import db
from tests.conftest import IS_POSTGRES

pytestmark = pytest.mark.skipif(not IS_POSTGRES, reason="PostgreSQL's pool (SQLite is a file)")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    made = db.make_engine(database_url)  # its own pool: one connection, in a known state
    yield made
    made.dispose()


def _pid(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _count_pings(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    pings: list[int] = []
    real = engine.dialect.do_ping

    def counting(dbapi_conn: Any) -> bool:
        pings.append(1)
        return real(dbapi_conn)

    monkeypatch.setattr(engine.dialect, "do_ping", counting)
    return pings


def test_a_connection_used_a_moment_ago_is_not_pinged(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings = _count_pings(engine, monkeypatch)
    first = _pid(engine)
    assert _pid(engine) == first  # the same pooled connection, reused
    assert pings == []


def test_an_idle_connection_the_server_closed_is_replaced(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings = _count_pings(engine, monkeypatch)
    closed = _pid(engine)
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": closed}).scalar()
    admin.dispose()
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)  # it idled "long enough"

    # The ping finds the closed connection; the pool opens a new one; the caller never
    # sees an error.
    assert _pid(engine) != closed
    assert len(pings) == 1
