"""A small real publication for the insights screens' browser tests."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from backend import db
from backend.insights import service
from tests.bench import insights_data

# People live in these regions, so that many of their cells are shown.
REGIONS = ("AM01", "AM18")
PEOPLE = 600


@pytest.fixture
def published(app: Flask, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Insert jobseekers, work and learning offers in two regions; publish them."""
    folder = tmp_path / "insights"
    before = app.config["INSIGHTS_DIR"]
    app.config["INSIGHTS_DIR"] = str(folder)
    with app.app_context():
        world = insights_data.load_world(db.read_session(), occupations=3, seed=11)
        db.Session.remove()
        local = insights_data.World(
            [p for p in world.postcodes if p[1] in REGIONS],
            world.occupations,
            world.essential,
            world.optional,
            world.education,
            world.items,
        )
        rng = random.Random(11)
        people = [insights_data.person_sections(rng, local) for _ in range(PEOPLE)]
        with db.engine().begin() as conn:
            insights_data.insert_jobseekers(conn, people, prefix="inzicht")
            insights_data.insert_work(conn, rng, local, vacancies=400, functions=8)
            insights_data.insert_learning_offers(conn, rng, local, offers=80)
        result: dict[str, Any] = service.publish(folder)
    yield {**result, "folder": folder / result["directory"]}
    app.config["INSIGHTS_DIR"] = before
