"""Alembic environment: the app's metadata, the URL from the environment."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection

from backend import all_models  # noqa: F401  (fills Base.metadata)
from backend.config import load_settings
from backend.db import Base, make_engine

config = context.config
target_metadata = Base.metadata

# Full-text search indexes (SQLite FTS5 virtual tables and their shadow tables) are
# created by hand in the migrations; they are not in the metadata, so autogenerate
# and `alembic check` must not see them as drift.
SEARCH_INDEX_PREFIX = "fts_"


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_INDEX_PREFIX))


def _url() -> str:
    return config.attributes.get("url") or load_settings()["DATABASE_URL"]


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        user_module_prefix="backend.db.",
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_url())
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
