"""Declarative base, engine set-up and session handling."""

from __future__ import annotations

import enum
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy.dialects.postgresql  # noqa: F401  (func.to_tsvector & co. get their real types)
from sqlalchemy import DateTime, Engine, Enum, MetaData, create_engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, scoped_session, sessionmaker
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on both SQLite and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        # SQLite hands back naive values: they were stored as UTC.
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    """Base class of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime}


def string_enum(cls: type[enum.Enum], name: str) -> Enum:
    """Store an enum as VARCHAR with a CHECK constraint: portable, and easy to migrate."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
    )


def utcnow() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


# One session per thread; the app removes it at the end of every request and task.
Session = scoped_session(sessionmaker(expire_on_commit=False))
_engine: Engine | None = None


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str) -> Engine:
    """Create an engine with the right settings for SQLite or PostgreSQL."""
    if url.startswith("sqlite"):
        # The pool keeps connections open; the pragmas run once per new connection.
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url, pool_size=5, max_overflow=10)
    event.listen(engine, "checkin", _mark_idle)
    event.listen(engine, "checkout", _ping_if_idle(engine))
    return engine


class SqliteWriters:
    """Lets one selfie write at a time into a SQLite file, across processes and threads.

    SQLite lets one connection write at a time; another that wants to write waits in
    SQLite's busy handler, which sleeps 1, 2, 5, 10 ms ... between its tries, while the
    write it waits for takes a fraction of a millisecond. With two or more web workers
    writing selfie sections that idled the workers (docs/performance.md, "Selfie
    writes"). A writer that takes this lock first waits in the kernel instead (flock on a
    file next to the database) and goes on the moment the other commits. Writers that do
    not take it (other domains, the task worker) still meet SQLite's own locking, as
    before, so the lock only orders the selfie's writes among themselves.
    """

    def __init__(self, database: str) -> None:
        # Per process: a forked child makes its own (_forget_inherited_connections), as a
        # descriptor shared with the parent would share its flock too (see flock(2)).
        self._fd = os.open(database + ".writers", os.O_RDWR | os.O_CREAT, 0o600)
        self._threads = threading.Lock()  # flock does not order the threads of a process

    def acquire(self) -> None:
        self._threads.acquire()
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise

    def release(self) -> None:
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._threads.release()


_WRITERS: dict[str, SqliteWriters] = {}


def sqlite_writers(engine: Engine) -> SqliteWriters | None:
    """The writers' lock of a SQLite file database (None: PostgreSQL, or in memory)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    writers = _WRITERS.get(database)
    if writers is None:
        writers = _WRITERS[database] = SqliteWriters(database)
    return writers


def take_write_turn(conn: Any) -> None:
    """Before a selfie write's first statement on SQLite: wait for the writers' lock.

    Held until the connection's transaction ends: the connection must come from
    `writing_connection`, which lets go after the commit or rollback.
    """
    if "writers" in conn.info:
        return
    if not conn.info.get("writing"):  # else nothing would ever let go of the lock
        raise RuntimeError("take_write_turn needs a connection from writing_connection()")
    writers = sqlite_writers(conn.engine)
    if writers is not None:
        writers.acquire()
        conn.info["writers"] = writers


@contextmanager
def writing_connection(engine: Engine) -> Iterator[Any]:
    """A connection for writes that may take the writers' lock (take_write_turn); the
    lock is let go when the connection closes, after its transaction ended."""
    with engine.connect() as conn:
        conn.info["writing"] = True  # the pooled connection's info: cleared below
        try:
            yield conn
        finally:
            del conn.info["writing"]
            writers = conn.info.pop("writers", None)
            if writers is not None:
                writers.release()


# A pooled PostgreSQL connection is pinged before use only when it sat idle for this
# long. SQLAlchemy's pool_pre_ping pings on every checkout: one more round trip to the
# server on every request, a sixth of a selfie write (docs/performance.md). A connection
# that served a request a moment ago is alive; one that idled may have been closed by
# the server, a restart or a proxy, and is replaced before anyone uses it.
PING_AFTER_IDLE_SECONDS = 5.0


def _mark_idle(_dbapi_conn: Any, record: Any) -> None:
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(engine: Engine) -> Any:
    def ping(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return  # new (just connected), or busy a moment ago
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:
            # The pool drops this connection and checks out another (up to 3 times).
            raise DisconnectionError("the database connection was closed") from exc

    return ping


def configure(url: str) -> Engine:
    """Bind the session factory to the database at `url` (idempotent per URL)."""
    global _engine
    if _engine is not None and str(_engine.url) == str(make_url_safe(url)):
        return _engine
    if _engine is not None:
        Session.remove()
        _engine.dispose()
    _engine = make_engine(url)
    Session.configure(bind=_engine)
    return _engine


def _forget_inherited_connections() -> None:
    """In a forked child (huey's process workers, gunicorn's workers): drop the parent's
    pooled connections without closing them (they are the parent's), so the child opens
    its own. SQLAlchemy's advice for multiprocessing; a shared socket or SQLite handle
    would corrupt both."""
    Session.registry.clear()
    if _engine is not None:
        _engine.dispose(close=False)
    _WRITERS.clear()  # the parent's flock descriptors too: the child opens its own


os.register_at_fork(after_in_child=_forget_inherited_connections)


def make_url_safe(url: str) -> str:
    """Normalise a URL the way the engine reports it."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    from sqlalchemy.engine import make_url

    return str(make_url(url))


def engine() -> Engine:
    """Return the configured engine."""
    if _engine is None:
        raise RuntimeError("database not configured: call create_app() first")
    return _engine


@contextmanager
def transaction() -> Iterator[OrmSession]:
    """Run a unit of work: commit on success, roll back on any error."""
    session = Session()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def insert_for(session: OrmSession) -> Any:
    """Return the session's dialect's insert(), which has on_conflict_do_nothing/update()."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def read_session() -> OrmSession:
    """Return the thread's session for reads."""
    return Session()


def alembic_config(url: str) -> Any:
    """Return an alembic Config for the project's migrations against `url`."""
    from alembic.config import Config

    from backend.config import PROJECT_ROOT

    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.attributes["url"] = url
    return cfg


def upgrade_database(url: str, revision: str = "head") -> None:
    """Apply the migrations up to `revision`."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


class DriverStatement:
    """A Core statement run straight on the connection's DBAPI cursor: for the hottest writes.

    SQLAlchemy's `execute()` costs about 25 µs per statement on top of SQLite's own 5 µs
    (parameter processing, result set-up, events); a selfie write runs four. This compiles
    the statement once per dialect and set of parameter names, keeps the bind processors of
    its typed parameters (JSON, UTC timestamps), and runs it on the DBAPI cursor of the
    given connection, inside that connection's transaction. Use it for plain statements
    whose parameters are all given: no `IN` lists, no Python-side defaults. Errors come
    from the driver, unwrapped. Listeners on `before_cursor_execute` see the statement
    (they cannot change it).
    """

    def __init__(self, statement: Any) -> None:
        self.statement = statement
        self._compiled: dict[tuple[str, tuple[str, ...]], tuple[str, Any]] = {}

    def _compile(self, dialect: Any, keys: tuple[str, ...]) -> tuple[str, Any]:
        compiled = self.statement.compile(dialect=dialect, column_keys=list(keys))
        processors: dict[str, Any] = {}
        fixed: dict[str, Any] = {}  # the statement's own constants, processed once
        for name, bind in compiled.binds.items():
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if name in keys:
                processors[name] = process
            elif bind.required:
                raise KeyError(f"no value for the parameter {name!r}")
            else:
                constant = bind.effective_value
                fixed[name] = constant if process is None else process(constant)

        def value(params: dict[str, Any], name: str) -> Any:
            if name in fixed:
                return fixed[name]
            process = processors[name]
            return params[name] if process is None else process(params[name])

        positions = compiled.positiontup
        if positions is not None:  # qmark / numeric: a tuple in the compiled order

            def arguments(params: dict[str, Any]) -> Any:
                return tuple(value(params, name) for name in positions)
        else:
            names = list(compiled.binds)

            def arguments(params: dict[str, Any]) -> Any:
                return {name: value(params, name) for name in names}

        found = self._compiled[dialect.name, keys] = (compiled.string, arguments)
        return found

    def cursor(self, conn: Any, params: dict[str, Any]) -> Any:
        """Run the statement and return the DBAPI cursor (close it when done)."""
        dialect = conn.dialect
        keys = tuple(params)
        found = self._compiled.get((dialect.name, keys)) or self._compile(dialect, keys)
        sql, arguments = found
        args = arguments(params)
        cursor = conn.connection.dbapi_connection.cursor()
        listeners = conn.dispatch.before_cursor_execute
        if listeners:  # someone watches the statements (a test, tracing): let them see it
            for listener in listeners:
                listener(conn, cursor, sql, args, None, False)
        cursor.execute(sql, args)
        return cursor

    def rowcount(self, conn: Any, params: dict[str, Any]) -> int:
        """Run the statement; return how many rows it changed."""
        cursor = self.cursor(conn, params)
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def first(self, conn: Any, params: dict[str, Any]) -> Any:
        """Run the statement; return its first row (None when there is none)."""
        cursor = self.cursor(conn, params)
        try:
            return cursor.fetchone()
        finally:
            cursor.close()
