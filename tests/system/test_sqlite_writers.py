"""The selfie's SQLite writers' lock (db.SqliteWriters): one writer at a time across
processes and threads, held from the first write until the transaction ends."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from backend import db


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = db.make_engine(f"sqlite:///{tmp_path / 'writers.db'}")
    with made.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    yield made
    made.dispose()


def _hold(path: str, started: object, seconds: float) -> None:
    """In another process: take the lock, say so, hold it a while."""
    writers = db.SqliteWriters(path)
    writers.acquire()
    started.set()  # type: ignore[attr-defined]
    time.sleep(seconds)
    writers.release()


def test_only_sqlite_files_have_one() -> None:
    assert db.sqlite_writers(db.make_engine("sqlite://")) is None
    assert db.sqlite_writers(db.make_engine("postgresql+psycopg://u@127.0.0.1/x")) is None


def test_a_writer_in_another_process_waits_for_the_lock(engine: Engine) -> None:
    writers = db.sqlite_writers(engine)
    assert writers is not None
    started = multiprocessing.get_context("fork").Event()
    holder = multiprocessing.get_context("fork").Process(
        target=_hold, args=(str(engine.url.database), started, 0.5)
    )
    holder.start()
    try:
        assert started.wait(10)
        began = time.monotonic()
        with db.writing_connection(engine) as conn, conn.begin():
            db.take_write_turn(conn)
            waited = time.monotonic() - began
            conn.execute(text("INSERT INTO t VALUES (1)"))
    finally:
        holder.join(10)
    assert 0.3 < waited < 5  # it waited for the other process, and no longer


def _wait_for_turn(engine: Engine, took: object) -> None:
    """In a forked child: take the lock through the same engine the parent used."""
    writers = db.sqlite_writers(engine)
    assert writers is not None
    writers.acquire()
    took.set()  # type: ignore[attr-defined]
    writers.release()


def test_a_forked_child_has_a_lock_of_its_own(engine: Engine) -> None:
    # A descriptor inherited from the parent would share the parent's flock: the child
    # would get the lock while the parent holds it.
    writers = db.sqlite_writers(engine)
    assert writers is not None
    writers.acquire()
    fork = multiprocessing.get_context("fork")
    took = fork.Event()
    child = fork.Process(target=_wait_for_turn, args=(engine, took))
    child.start()
    try:
        assert not took.wait(0.5)  # waits while the parent holds it
    finally:
        writers.release()
    assert took.wait(10)
    child.join(10)
    assert child.exitcode == 0


def test_threads_take_turns_and_each_commit_lands(engine: Engine) -> None:
    inside: list[int] = []
    overlaps: list[int] = []

    def write(n: int) -> None:
        with db.writing_connection(engine) as conn, conn.begin():
            db.take_write_turn(conn)
            inside.append(n)
            if len(inside) > 1:
                overlaps.append(n)
            conn.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
            time.sleep(0.01)
            inside.remove(n)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert overlaps == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 8


def test_the_lock_is_let_go_after_a_rollback(engine: Engine) -> None:
    writers = db.sqlite_writers(engine)
    assert writers is not None
    with pytest.raises(RuntimeError), db.writing_connection(engine) as conn, conn.begin():
        db.take_write_turn(conn)
        conn.execute(text("INSERT INTO t VALUES (1)"))
        raise RuntimeError("a refused write")
    # Free again: another thread gets it at once, and the row was rolled back.
    got = threading.Event()

    def take() -> None:
        writers.acquire()
        got.set()
        writers.release()

    thread = threading.Thread(target=take)
    thread.start()
    assert got.wait(5)
    thread.join(5)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 0


def test_a_second_turn_on_one_connection_is_the_same_turn(engine: Engine) -> None:
    # A sync batch writes several sections in one transaction: one turn for all.
    with db.writing_connection(engine) as conn, conn.begin():
        db.take_write_turn(conn)
        db.take_write_turn(conn)
        conn.execute(text("INSERT INTO t VALUES (1)"))
    with db.writing_connection(engine) as conn, conn.begin():
        db.take_write_turn(conn)  # would wait forever if the first turn were still held


def test_a_turn_needs_a_writing_connection(engine: Engine) -> None:
    # Only writing_connection() lets go of the lock: a turn on any other connection would
    # keep it for good.
    with engine.connect() as conn, pytest.raises(RuntimeError):
        db.take_write_turn(conn)
    with db.writing_connection(engine) as conn, conn.begin():
        db.take_write_turn(conn)  # free, and taken
