"""Publishing: what is counted (consent, demand, mismatch, open hiring), versions that are
kept, the weekly task and the command."""

from __future__ import annotations

import csv
import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import insert

from backend import config, db, tasks
from backend.insights import figures, service, sources
from backend.open_hiring.models import OpenHiringList, PlaceState, QueuePlace
from backend.selfie import riasec
from backend.selfie import service as selfie
from backend.taxonomy import service as taxonomy
from tests.vacancies import conftest as vacancy_factories
from tests.vacancies.conftest import KOK

make_employer = vacancy_factories.make_employer
make_function = vacancy_factories.make_function
make_vacancy = vacancy_factories.make_vacancy

AMSTERDAM = "1012"


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _region(pc4: str) -> str:
    found = taxonomy.find_postcode(pc4)
    assert found is not None
    return found.region.code


def _person(pc4: str = AMSTERDAM, **sections: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {"location": {"postcode": pc4}, **sections}


def _nowhere(count: int = 10, **sections: dict[str, Any]) -> list[dict[str, dict[str, Any]]]:
    """People with no postcode: the pooled row (OVERIG) needs 10 before any region with
    fewer than 10 (here: every empty one) may be left out of it."""
    return [{"availability": {"days_per_week": 1}, **sections}] * count


def test_only_consenting_people_count(add_people: Any, publish: Any, insights_dir: Path) -> None:
    add_people(
        [_person(visibility={"statistics": True})] * 15
        + [_person(visibility={"statistics": False, "employers": "none"})] * 15
        + [_person()] * 3  # no choice made: the selfie's default (yes)
        + _nowhere()
    )
    folder = insights_dir / publish()["directory"]
    regions = {r["region_code"]: r for r in _rows(folder, "regions")}
    assert regions[_region(AMSTERDAM)]["jobseekers"] == "20"  # 18, rounded to 5
    assert regions["OVERIG"]["jobseekers"] == "10"
    assert regions["NL"]["jobseekers"] == "30"  # 28


def test_employers_and_accounts_without_a_selfie_do_not_count(
    app: Flask, add_people: Any, make_user: Any, publish: Any, insights_dir: Path
) -> None:
    add_people([_person()] * 12 + _nowhere())
    make_user("jobseeker")  # no selfie
    employer = make_user("employer")
    selfie.put_section(employer.id, "location", {"postcode": AMSTERDAM}, base_version=0)
    folder = insights_dir / publish()["directory"]
    regions = {r["region_code"]: r for r in _rows(folder, "regions")}
    assert regions["NL"]["jobseekers"] == "20"  # 22; 23 would round to 25


def test_an_empty_region_is_hidden_like_any_small_count(
    add_people: Any, publish: Any, insights_dir: Path
) -> None:
    # Everybody in one region and nobody elsewhere: showing it would show that all the
    # other regions have 0, so it goes into the pool too.
    add_people([_person()] * 30)
    folder = insights_dir / publish()["directory"]
    regions = {r["region_code"]: r["jobseekers"] for r in _rows(folder, "regions")}
    assert regions[_region(AMSTERDAM)] == ""
    assert regions["OVERIG"] == regions["NL"] == "30"


def test_a_withdrawn_consent_counts_from_the_next_publication_and_old_ones_stay(
    app: Flask, add_people: Any, client: Any, publish: Any, insights_dir: Path
) -> None:
    ids = add_people([_person()] * 12 + _nowhere())
    region = _region(AMSTERDAM)
    first = publish(now=datetime(2026, 11, 23, 3, 30, tzinfo=UTC))
    old = insights_dir / first["directory"]
    before = {p.name: p.read_bytes() for p in old.iterdir()}
    assert {r["region_code"]: r["jobseekers"] for r in _rows(old, "regions")}[region] == "10"

    # Three people say no to statistics (through the selfie, as the app does).
    for uid in ids[:3]:
        selfie.put_section(
            uid, "visibility", {"employers": "none", "statistics": False}, base_version=0
        )
    second = publish(now=datetime(2026, 11, 30, 3, 30, tzinfo=UTC))
    assert (first["version"], second["version"]) == (1, 2)
    assert (first["directory"], second["directory"]) == ("2026-11-23-v1", "2026-11-30-v2")

    new = {
        r["region_code"]: r["jobseekers"]
        for r in _rows(insights_dir / second["directory"], "regions")
    }
    assert new[region] == ""  # 9 left: too few to show
    assert new["NL"] == "20"  # 19
    # The earlier publication is kept exactly as it was published.
    assert {p.name: p.read_bytes() for p in old.iterdir()} == before
    for entry in first["files"]:
        assert hashlib.sha256((old / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    listed = client.get("/api/v1/insights/publications").get_json()
    assert [p["version"] for p in listed] == [2, 1]
    latest = client.get(f"/api/v1/insights/regions/{region}").get_json()
    assert latest["publication"]["version"] == 2 and latest["region"]["jobseekers"] is None


def test_demand_skills_and_the_mismatch_index(
    app: Flask, add_people: Any, make_employer: Any, make_function: Any, make_vacancy: Any,
    publish: Any, insights_dir: Path,
) -> None:  # fmt: skip
    kok = taxonomy.get_occupation(KOK)
    skill = str(kok.essential_skills[0].id)
    chef = {
        "skills": {"entries": [{"skill_id": skill, "level": 2, "source": "self"}]},
        "wishes": {"occupation_ids": [KOK], "work_kinds": ["job"]},
    }
    add_people([_person(**chef)] * 26 + [_person("3511", **chef)] * 12 + _nowhere(**chef))
    employer = make_employer(postcode=AMSTERDAM)
    make_vacancy(employer, places=20)  # a published vacancy for a KOK function, in 1012
    make_vacancy(employer, places=7, publish=False)  # a draft asks for nobody
    make_function(
        employer,
        is_future=True,
        future_count=15,
        future_date=date.today() + timedelta(days=200),
        postcode=AMSTERDAM,
    )
    make_function(  # due: no longer a future demand
        employer, is_future=True, future_count=99, future_date=date.today() - timedelta(days=1)
    )
    folder = insights_dir / publish()["directory"]
    region = _region(AMSTERDAM)
    skills = {(r["region_code"], r["skill_id"]): r for r in _rows(folder, "skills")}
    row = skills[(region, skill)]
    # 26 people have it (rounded 25); 20 places now and 15 expected (demand 35).
    assert (row["jobseekers"], row["demand_vacancies"], row["demand_future"]) == ("25", "20", "15")
    assert float(row["mismatch_index"]) == pytest.approx(round((35 - 25) / (35 + 25), 2))
    assert row["label_en"] == taxonomy.skill_labels([skill], english=True)[skill]
    national = skills[("NL", skill)]
    assert (national["jobseekers"], national["demand_vacancies"]) == ("50", "20")  # 48
    assert skills[("OVERIG", skill)]["mismatch_index"] == ""  # no index for the pool
    # Every essential skill of the function is asked for; nobody has the others.
    other = str(kok.essential_skills[1].id)
    assert skills[(region, other)]["jobseekers"] == ""
    assert skills[(region, other)]["demand_vacancies"] == "20"
    assert skills[(region, other)]["mismatch_index"] == ""

    groups = {(r["region_code"], r["isco_group"]): r for r in _rows(folder, "occupation_groups")}
    group = kok.isco_group[:2]
    assert groups[(region, group)]["jobseekers"] == "25"
    assert groups[(region, group)]["demand_vacancies"] == "20"
    assert groups[(region, group)]["demand_future"] == "15"
    regions = {r["region_code"]: r for r in _rows(folder, "regions")}
    assert regions[region]["vacancies"] == "0"  # 1 vacancy, rounded to 5
    assert (regions[region]["vacancy_places"], regions[region]["future_places"]) == ("20", "15")


def test_the_mismatch_index() -> None:
    assert figures.mismatch_index(10, 30) == 0.5
    assert figures.mismatch_index(30, 10) == -0.5
    assert figures.mismatch_index(20, 20) == 0.0
    assert figures.mismatch_index(0, 15) == 1.0
    assert figures.mismatch_index(None, 15) is None  # supply not published
    assert figures.mismatch_index(0, 0) is None


def test_what_is_read_of_each_selfie(app: Flask, add_people: Any) -> None:
    answers = {item.id: (5 if item.type == "S" else 2) for item in riasec.ITEMS}
    partial = {item.id: 4 for item in riasec.ITEMS[:10]}
    kok = taxonomy.get_occupation(KOK)
    add_people(
        [
            _person(
                availability={"days_per_week": 3},
                education={"highest_level": "MBO_2"},
                languages={"dutch": {"understanding": "B2", "speaking": "B1", "writing": "A2"}},
                interests={"answers": answers},
                wishes={"occupation_ids": [KOK]},
            ),
            {"languages": {"dutch": {"speaking": "C1"}}, "interests": {"answers": partial}},
        ]
    )
    found = sorted(sources.gather().jobseekers, key=lambda p: p.region or "")
    assert found[0] == sources.Jobseeker(
        region=None, days_per_week=None, education=None, dutch="C1", riasec=None,
        skills=frozenset(), occupation_groups=frozenset(),
    )  # fmt: skip
    assert found[1] == sources.Jobseeker(
        region=_region(AMSTERDAM), days_per_week=3, education="middelbaar", dutch="A2",
        riasec="S", skills=frozenset(), occupation_groups=frozenset({kok.isco_group[:2]}),
    )  # fmt: skip


def test_open_hiring_people_in_line_and_days_to_start(
    app: Flask, add_people: Any, make_employer: Any, make_vacancy: Any, publish: Any,
    insights_dir: Path,
) -> None:  # fmt: skip
    ids = add_people([_person()] * 40 + [_person("3511")] * 25 + _nowhere())
    here = make_vacancy(make_employer(postcode=AMSTERDAM), hiring_mode="open", places=5)
    there = make_vacancy(make_employer(postcode="3511"), hiring_mode="open", places=3)
    signed = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    rows = []
    lists = [(here.id, ids[:40], 11), (there.id, ids[40:65], 10)]
    for vacancy_id, people, starters in lists:
        for n, uid in enumerate(people):
            started = n < starters
            rows.append(
                {
                    "vacancy_id": vacancy_id, "user_id": uid, "position": n + 1,
                    "state": PlaceState.STARTED if started else PlaceState.WAITING,
                    "signed_at": signed, "right_to_work_declared_at": signed,
                    "confirmed_at": signed,
                    "started_at": signed + timedelta(days=n + 1) if started else None,
                }
            )  # fmt: skip
    with db.engine().begin() as conn:
        conn.execute(
            insert(OpenHiringList),
            [
                {"vacancy_id": v, "last_position": len(p), "places_open": 0, "updated_at": signed}
                for v, p, _ in lists
            ],
        )
        conn.execute(insert(QueuePlace), rows)
    folder = insights_dir / publish()["directory"]
    found = {r["region_code"]: r for r in _rows(folder, "open_hiring")}
    amsterdam, utrecht = found[_region(AMSTERDAM)], found[_region("3511")]
    assert (amsterdam["vacancies"], amsterdam["places"]) == ("0", "5")
    assert amsterdam["people_in_line"] == "30"  # 29 waiting
    assert amsterdam["started"] == "10"  # 11 started
    assert amsterdam["median_days_to_start"] == "6"  # 1 … 11 days: the median is 6
    # Every other region has nobody in line: Utrecht's 15 hide those zeros (and its 10
    # starters the other regions' zero starters), and no median goes without its count.
    assert (utrecht["people_in_line"], utrecht["started"]) == ("", "")
    assert utrecht["median_days_to_start"] == ""
    assert (found["NL"]["people_in_line"], found["NL"]["started"]) == ("45", "20")  # 44, 21


def test_nothing_about_people_is_published_for_a_tiny_country(
    add_people: Any, publish: Any, insights_dir: Path
) -> None:
    add_people([_person(availability={"days_per_week": 1})] * 4)
    folder = insights_dir / publish()["directory"]
    for table in ("regions", "supply_days_per_week", "skills", "occupation_groups"):
        assert all(r["jobseekers"] == "" for r in _rows(folder, table)), table


# --- Scheduling and the command -------------------------------------------------------


def test_the_weekly_task_publishes_into_the_configured_folder(app: Flask, add_people: Any) -> None:
    add_people([_person()] * 12)
    version = tasks.publish_insights.call_local()
    assert version == 1
    folder = config.insights_directory()
    assert (folder / service.list_publications(offset=0, limit=1).items[0]["directory"]).is_dir()


def test_the_task_runs_weekly_on_monday_night_by_default() -> None:
    task = tasks.publish_insights.task_class()
    monday = datetime(2026, 11, 23, 3, 30)
    assert task.validate_datetime(monday)
    assert not task.validate_datetime(monday + timedelta(days=1))
    assert not task.validate_datetime(monday + timedelta(hours=1))


def test_the_schedule_is_settable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSIGHTS_PUBLISH_CRON", "0 6 1 * *")
    assert config.insights_schedule() == ("0", "6", "1", "*", "*")
    monkeypatch.setenv("INSIGHTS_PUBLISH_CRON", "weekly")
    with pytest.raises(ValueError, match="five fields"):
        config.insights_schedule()


def test_the_command_publishes(app: Flask, add_people: Any, tmp_path: Path) -> None:
    add_people([_person()] * 12)
    result = app.test_cli_runner().invoke(args=["insights", "publish", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "published version 1" in result.output
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert (folder / "datapackage.json").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".building")]
