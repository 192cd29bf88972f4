"""A bare Flask app: the ceiling the real API is measured against (see api_throughput.py).

Two routes and nothing else: no extensions, no schemas, no after-request hooks.
- `GET /json`: a trivial JSON body.
- `GET /items/<id>`: one primary-key read through the SQLAlchemy ORM.

The engine comes from `backend.db.make_engine`, so the bare PK read runs with the same
pool and SQLite pragmas as the real API; the difference between the two is the app.
Run under gunicorn with `BENCH_DATABASE_URL` set: `gunicorn 'tests.bench.bare_app:create_app()'`.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, abort
from sqlalchemy import Engine, String, delete, insert
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from backend.db import make_engine

ROWS = 1000


class BareBase(DeclarativeBase):
    pass


class Item(BareBase):
    __tablename__ = "bench_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(80))


def prepare_database(url: str) -> None:
    """Create the table and fill it with ROWS rows (run once, before the server starts)."""
    engine = make_engine(url)
    try:
        BareBase.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(delete(Item))
            conn.execute(
                insert(Item),
                [{"id": i, "code": f"{i:04d}", "name": f"Item {i}"} for i in range(1, ROWS + 1)],
            )
    finally:
        engine.dispose()


def create_app() -> Flask:
    """Build the bare app on the database in BENCH_DATABASE_URL."""
    app = Flask(__name__)
    engine: Engine = make_engine(os.environ["BENCH_DATABASE_URL"])

    @app.get("/json")
    def trivial_json() -> dict[str, Any]:
        return {"status": "ok"}

    @app.get("/items/<int:item_id>")
    def read_item(item_id: int) -> dict[str, Any]:
        with Session(engine) as session:
            item = session.get(Item, item_id)
            if item is None:
                abort(404)
            return {"id": item.id, "code": item.code, "name": item.name}

    return app
