"""Fixtures for the insights tests: a synthetic population, and publishing into tmp_path."""

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


@pytest.fixture(scope="session")
def world(app: Flask) -> insights_data.World:
    with app.app_context():
        found = insights_data.load_world(db.read_session(), occupations=120, seed=7)
        db.Session.remove()
        return found


@pytest.fixture
def insights_dir(app: Flask, tmp_path: Path) -> Iterator[Path]:
    """Publish into a fresh folder; the app serves from it."""
    folder = tmp_path / "insights"
    before = app.config["INSIGHTS_DIR"]
    app.config["INSIGHTS_DIR"] = str(folder)
    yield folder
    app.config["INSIGHTS_DIR"] = before


@pytest.fixture
def publish(app: Flask, insights_dir: Path) -> Any:
    def run(**kwargs: Any) -> dict[str, Any]:
        with app.app_context():
            return service.publish(insights_dir, **kwargs)

    return run


@pytest.fixture
def add_people(app: Flask) -> Any:
    """Insert jobseekers with the given selfie sections; return their user ids."""
    counter = {"n": 0}

    def insert(people: list[dict[str, dict[str, Any]]]) -> list[int]:
        counter["n"] += 1
        with db.engine().begin() as conn:
            return insights_data.insert_jobseekers(conn, people, prefix=f"p{counter['n']}")

    return insert


@pytest.fixture
def random_people(world: insights_data.World) -> Any:
    def make(count: int, seed: int = 1) -> list[dict[str, dict[str, Any]]]:
        rng = random.Random(seed)
        return [insights_data.person_sections(rng, world) for _ in range(count)]

    return make
