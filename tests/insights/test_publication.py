"""A whole publication over a synthetic population: the counts are right, every small cell
is hidden, no hidden cell can be worked out from the files, and the package is valid."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from frictionless import Package
from sqlalchemy import select

from backend import db
from backend.insights import privacy
from backend.learning.models import LearningOffer, LearningOfferSkill
from backend.open_hiring.models import PlaceState, QueuePlace
from backend.selfie import riasec
from backend.taxonomy import service as taxonomy
from backend.vacancies.models import Vacancy
from backend.vacancies.service import haversine_km
from tests.bench import insights_data
from tests.insights.adversary import (
    GRIDS,
    Published,
    blank_intervals,
    line_knowledge,
    open_hiring_knowledge,
    supply_knowledge,
)

NATIONAL, OTHER, UNKNOWN = "NL", "OVERIG", "onbekend"
THRESHOLD = privacy.THRESHOLD
# Regions and how many people live there: large ones, middling ones and two that are
# too small to publish on their own (so the pool takes them in).
WEIGHTS = {
    "AM01": 260, "AM14": 170, "AM21": 110, "AM30": 70, "AM35": 45,
    "AM12": 25, "AM09": 14, "AM25": 8, "AM03": 3,
}  # fmt: skip


@dataclass
class Population:
    people: list[dict[str, dict[str, Any]]]
    ids: list[int]
    region_of_pc4: dict[str, str]
    group_of: dict[str, str]
    cbs: dict[str, str]
    points: dict[str, tuple[float, float]]


def _world_in(world: insights_data.World, weights: dict[str, int]) -> insights_data.World:
    """The same world, with people only in the given regions, weighted."""
    per_region: dict[str, list[tuple[str, str, float, float, str]]] = {}
    for postcode in world.postcodes:
        per_region.setdefault(postcode[1], []).append(postcode)
    postcodes = []
    for region, weight in weights.items():
        postcodes += [per_region[region][i % len(per_region[region])] for i in range(weight)]
    return insights_data.World(
        postcodes, world.occupations, world.essential, world.optional, world.education, world.items
    )


@pytest.fixture
def population(app: Flask, world: insights_data.World) -> Population:
    rng = random.Random(8)
    local = _world_in(world, WEIGHTS)
    people = [insights_data.person_sections(rng, local) for _ in range(sum(WEIGHTS.values()))]
    with db.engine().begin() as conn:
        ids = insights_data.insert_jobseekers(conn, people, prefix="bevolking")
        work = insights_data.insert_work(
            conn, rng, local, vacancies=160, functions=40, future_share=0.3
        )
        insights_data.insert_open_hiring(conn, rng, work.open_vacancy_ids, ids, people_per_list=30)
        insights_data.insert_learning_offers(conn, rng, local, offers=300)
    return Population(
        people=people,
        ids=ids,
        region_of_pc4={p[0]: p[1] for p in world.postcodes},
        group_of={o: isco[:2] for o, isco in world.occupations},
        cbs={e.code: e.cbs_level.value for e in taxonomy.list_education_levels()},
        points={p[0]: (p[2], p[3]) for p in world.postcodes},
    )


# --- The truth, counted here from what was inserted ------------------------------------


def _category(table: str, sections: dict[str, dict[str, Any]], pop: Population) -> str:
    if table == "supply_days_per_week":
        days = sections.get("availability", {}).get("days_per_week")
        return str(days) if days else UNKNOWN
    if table == "supply_education":
        return pop.cbs.get(sections.get("education", {}).get("highest_level", ""), UNKNOWN)
    if table == "supply_dutch_level":
        dutch = sections.get("languages", {}).get("dutch") or {}
        levels = [dutch[a] for a in ("understanding", "speaking", "writing") if a in dutch]
        order = ["A0", "A1", "A2", "B1", "B2", "C1", "C2"]
        return min(levels, key=order.index) if levels else UNKNOWN
    profile = riasec.score(sections.get("interests", {}).get("answers", {}))
    return profile.holland_code[0] if profile else UNKNOWN


class Truth:
    """True counts per published cell, from the inserted people (consenting ones only)."""

    def __init__(self, pop: Population, published: Published) -> None:
        shown = published.regions()
        self.named = {c for c, v in shown.items() if v != "" and c not in (NATIONAL, OTHER)}
        self.pop = pop
        self.counted = [
            s for s in pop.people if s.get("visibility", {}).get("statistics") is not False
        ]
        self.consenting_ids = {
            uid
            for uid, s in zip(pop.ids, pop.people, strict=True)
            if s.get("visibility", {}).get("statistics") is not False
        }
        self.cells: Counter[tuple[str, str, str]] = Counter()
        self.work = [
            (pop.group_of.get(str(occupation), ""), lat, lon)
            for occupation, lat, lon in db.read_session().execute(
                select(Vacancy.occupation_id, Vacancy.lat, Vacancy.lon).where(
                    Vacancy.status == "published", Vacancy.lat.is_not(None)
                )
            )
        ]
        db.Session.remove()
        for sections in self.counted:
            region = pop.region_of_pc4.get(sections.get("location", {}).get("postcode", ""))
            codes = [NATIONAL, region or OTHER]
            if region not in self.named:
                codes.append(OTHER)
            for code in set(codes):
                self.cells[("regions", code, "")] += 1
                for table in GRIDS:
                    category = (
                        self._distance_band(sections)
                        if table == "distance"
                        else _category(table, sections, pop)
                    )
                    self.cells[(table, code, category)] += 1
                for entry in sections.get("skills", {}).get("entries", []):
                    self.cells[("skills", code, entry["skill_id"])] += 1
                wished = sections.get("wishes", {}).get("occupation_ids", [])
                for group in {pop.group_of[o] for o in wished}:
                    self.cells[("occupation_groups", code, group)] += 1
        self._open_hiring()

    def _distance_band(self, sections: dict[str, dict[str, Any]]) -> str:
        """Counted here by brute force: every published vacancy in a wished group."""
        where = self.pop.points.get(sections.get("location", {}).get("postcode", ""))
        if where is None:
            return UNKNOWN
        wished = {
            self.pop.group_of[o] for o in sections.get("wishes", {}).get("occupation_ids", [])
        }
        fitting = [(lat, lon) for group, lat, lon in self.work if not wished or group in wished]
        if not fitting:
            return "geen"
        km = min(haversine_km(where[0], where[1], lat, lon) for lat, lon in fitting)
        return "0-5" if km < 5 else "5-10" if km < 10 else "10-25" if km < 25 else "25+"

    def _open_hiring(self) -> None:
        rows = db.read_session().execute(
            select(Vacancy.region_code, Vacancy.status, QueuePlace.user_id, QueuePlace.state).join(
                Vacancy, Vacancy.id == QueuePlace.vacancy_id
            )
        )
        in_line: set[tuple[str, int]] = set()
        started: set[tuple[str, int]] = set()
        for region, status, user_id, state in rows:
            if user_id not in self.consenting_ids:
                continue
            if status == "published" and state in ("waiting", "paused", "offered"):
                in_line.add((region, user_id))
            if state == PlaceState.STARTED:
                started.add((region, user_id))
        db.Session.remove()
        for name, pairs in (("people_in_line", in_line), ("started", started)):
            for region, _user in pairs:
                self.cells[("open_hiring", region, name)] += 1
                self.cells[("open_hiring", NATIONAL, name)] += 1

    def __call__(self, table: str, code: str, item: str, _key: str = "") -> float:
        return float(self.cells[(table, code, item)])


def _published(app: Flask, publish: Any, insights_dir: Path) -> Published:
    with app.app_context():
        out = publish()
    return Published.read(insights_dir / out["directory"])


def _cells(published: Published) -> list[tuple[str, str, str, str]]:
    """Every published person count: (table, region, item, the cell as written)."""
    found = [
        ("regions", r["region_code"], "", r["jobseekers"]) for r in published.tables["regions"]
    ]
    for table, column in GRIDS.items():
        found += [
            (table, r["region_code"], r[column], r["jobseekers"]) for r in published.tables[table]
        ]
    found += [
        ("skills", r["region_code"], r["skill_id"], r["jobseekers"])
        for r in published.tables["skills"]
    ]
    found += [
        ("occupation_groups", r["region_code"], r["isco_group"], r["jobseekers"])
        for r in published.tables["occupation_groups"]
    ]
    for row in published.tables["open_hiring"]:
        found += [
            ("open_hiring", row["region_code"], c, row[c]) for c in ("people_in_line", "started")
        ]
    return found


# --- Tests -------------------------------------------------------------------------------


def test_every_count_is_the_true_count_rounded_and_small_ones_are_hidden(
    app: Flask, population: Population, publish: Any, insights_dir: Path
) -> None:
    published = _published(app, publish, insights_dir)
    truth = Truth(population, published)
    hidden = shown = 0
    for table, code, item, cell in _cells(published):
        true = int(truth(table, code, item))
        if code not in truth.named and code not in (NATIONAL, OTHER) and table != "open_hiring":
            assert cell == "", (table, code, item)  # a pooled region shows no supply
        if true < THRESHOLD:
            assert cell == "", (table, code, item, true)
        if cell == "":
            hidden += 1
        else:
            shown += 1
            assert int(cell) == privacy.round_count(true), (table, code, item, true, cell)
            assert int(cell) % 5 == 0
    assert shown > 150 and hidden > 100  # the population makes both kinds
    # The two small regions (8 and 3 people) went into the pool.
    assert {"AM25", "AM03"}.isdisjoint(truth.named)
    assert {"AM01", "AM14", "AM21"} <= truth.named


def test_the_attacker_cannot_work_out_any_hidden_supply_cell(
    app: Flask, population: Population, publish: Any, insights_dir: Path
) -> None:
    published = _published(app, publish, insights_dir)
    truth = Truth(population, published)
    checked = 0
    for table in GRIDS:
        found = blank_intervals(supply_knowledge(published, table, truth))
        checked += len(found)
        narrow = {k: v for k, v in found.items() if v[1] - v[0] < THRESHOLD - 1e-6}
        assert narrow == {}, table
    assert checked > 50


def test_the_attacker_cannot_work_out_any_hidden_skill_or_group_cell(
    app: Flask, population: Population, publish: Any, insights_dir: Path
) -> None:
    published = _published(app, publish, insights_dir)
    truth = Truth(population, published)
    checked = 0
    for table, key in (("skills", "skill_id"), ("occupation_groups", "isco_group")):
        items = sorted({r[key] for r in published.tables[table]})
        for item in items:
            rows = [r for r in published.tables[table] if r[key] == item]
            if all(r["jobseekers"] == "" for r in rows):
                continue  # nothing published about it, nothing to combine
            found = blank_intervals(line_knowledge(published, table, key, item, truth))
            for cell, (low, high) in found.items():
                checked += 1
                assert high - low >= THRESHOLD - 1e-6, (cell, low, high)
    assert checked > 100


def test_the_attacker_cannot_work_out_open_hiring_counts(
    app: Flask, population: Population, publish: Any, insights_dir: Path
) -> None:
    published = _published(app, publish, insights_dir)
    truth = Truth(population, published)
    for column in ("people_in_line", "started"):
        found = blank_intervals(open_hiring_knowledge(published, column, truth))
        for cell, (low, high) in found.items():
            assert high - low >= THRESHOLD - 1e-6, (column, cell, low, high)
    rows = {r["region_code"]: r for r in published.tables["open_hiring"]}
    # A median is only shown with its count.
    for row in rows.values():
        if row["started"] == "":
            assert row["median_days_to_start"] == ""
    assert rows[NATIONAL]["people_in_line"] != ""


def test_the_package_is_a_valid_frictionless_data_package(
    app: Flask, population: Population, publish: Any, insights_dir: Path
) -> None:
    published = _published(app, publish, insights_dir)
    package = Package(str(published.folder / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert [lic["name"] for lic in package.licenses] == ["CC-BY-4.0"]
    assert any("ESCO" in s["title"] for s in package.sources)
    names = {r.name for r in package.resources}
    assert names == {
        "regions",
        "supply_days_per_week",
        "supply_education",
        "supply_dutch_level",
        "supply_riasec",
        "skills",
        "occupation_groups",
        "open_hiring",
        "learning_coverage",
        "distance",
    }
    skills = package.get_resource("skills")
    assert skills.schema.primary_key == ["region_code", "skill_id"]
    assert skills.schema.foreign_keys[0]["reference"]["resource"] == "regions"
    assert skills.schema.missing_values == [""]


def test_without_secondary_suppression_the_attacker_succeeds(
    app: Flask,
    population: Population,
    publish: Any,
    insights_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The attacker has teeth: hide only the small cells, and it works some of them out.
    def only_small(grid: privacy.Grid) -> set[tuple[str, str]]:
        return {k for k in grid.cell_keys() if grid.value(k) < THRESHOLD}

    monkeypatch.setattr(privacy, "protect_grid", only_small)
    published = _published(app, publish, insights_dir)
    truth = Truth(population, published)
    worked_out = []
    for table in GRIDS:
        for cell, (low, high) in blank_intervals(supply_knowledge(published, table, truth)).items():
            if high - low < 0.5:
                worked_out.append((cell, low))
    assert worked_out
    for (table, code, category), value in worked_out:
        assert value == truth(table, code, category)  # ... exactly right


def test_the_distance_grid_has_every_band_and_adds_up(
    app: Flask, population: Population, publish: Any, insights_dir: Path
) -> None:
    published = _published(app, publish, insights_dir)
    truth = Truth(population, published)
    bands = Counter(
        c
        for (t, code, c), n in truth.cells.items()
        if t == "distance" and code == NATIONAL
        for _ in range(n)
    )
    # The population is spread enough that people fall in near and far bands.
    assert len([b for b in ("0-5", "5-10", "10-25", "25+") if bands[b]]) >= 3
    rows = [r for r in published.tables["distance"] if r["region_code"] == NATIONAL]
    assert [r["distance_band"] for r in rows] == ["0-5", "5-10", "10-25", "25+", "geen", "onbekend"]
    assert sum(truth("distance", NATIONAL, r["distance_band"]) for r in rows) == truth(
        "regions", NATIONAL, ""
    )


def test_learning_coverage_counts_offers_for_the_published_most_missing_skills(
    app: Flask, population: Population, publish: Any, insights_dir: Path
) -> None:
    published = _published(app, publish, insights_dir)
    offers: Counter[tuple[str | None, str]] = Counter()
    online: Counter[str] = Counter()
    for region, is_online, skill in db.read_session().execute(
        select(LearningOffer.region_code, LearningOffer.online, LearningOfferSkill.skill_id)
        .join(LearningOfferSkill, LearningOfferSkill.offer_id == LearningOffer.id)
        .where(LearningOffer.status == "active")
    ):
        offers[(region, str(skill))] += 1
        offers[(NATIONAL, str(skill))] += 1
        if is_online:
            online[str(skill)] += 1
    db.Session.remove()
    skills = {(r["region_code"], r["skill_id"]): r for r in published.tables["skills"]}
    coverage = published.tables["learning_coverage"]
    assert coverage, "the population has shortages"
    by_region: dict[str, list[dict[str, str]]] = {}
    for row in coverage:
        by_region.setdefault(row["region_code"], []).append(row)
        skill = skills[(row["region_code"], row["skill_id"])]
        # Chosen from published figures only: the supply of the skill is published there,
        # and the index is the skills table's, above 0.
        assert skill["jobseekers"] != ""
        assert row["mismatch_index"] == skill["mismatch_index"]
        assert float(row["mismatch_index"]) > 0
        assert int(row["offers"]) == privacy.round_count(
            offers[(row["region_code"], row["skill_id"])]
        )
        assert int(row["online_offers"]) == privacy.round_count(online[row["skill_id"]])
    assert OTHER not in by_region  # the pool has no index, so no gaps
    for code, rows in by_region.items():
        assert [int(r["rank"]) for r in rows] == list(range(1, len(rows) + 1))
        # They are the region's highest indexes.
        indexes = sorted(
            (
                float(r["mismatch_index"])
                for (c, _s), r in skills.items()
                if c == code and r["mismatch_index"] != ""
            ),
            reverse=True,
        )
        assert [float(r["mismatch_index"]) for r in rows] == indexes[: len(rows)]
    assert any(int(r["offers"]) > 0 for r in coverage)
