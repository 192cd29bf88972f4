"""The reference data import: counts, orphans, idempotency, stale rows, if_missing."""

from __future__ import annotations

import csv
import gzip
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from backend import db
from backend.taxonomy import importer
from backend.taxonomy.models import (
    EducationLevel,
    LabourMarketRegion,
    Municipality,
    Occupation,
    OccupationLabel,
    OccupationLabelPrefix,
    OccupationSkill,
    PostcodeBE,
    PostcodeNL,
    Skill,
    SkillGroup,
    SkillHierarchy,
    SkillLabel,
    SkillRelation,
)

pytestmark = pytest.mark.usefixtures("app")

KOK = uuid.UUID("90f75f67-495d-49fa-ab57-2f320e251d7e")
OCCUPATION_SKILL_ROWS = 123_855
ORPHAN_RELATIONS = 67


def _count(model: Any) -> int:
    return db.read_session().scalar(select(func.count()).select_from(model)) or 0


def _snapshot() -> dict[str, Any]:
    session = db.read_session()
    return {
        "counts": {
            model.__tablename__: _count(model)
            for model in (Occupation, Skill, OccupationSkill, OccupationLabel, SkillLabel)
        },
        # The label rows, ids included: their order is the search ranking.
        "labels": session.execute(
            select(OccupationLabel.id, OccupationLabel.occupation_id, OccupationLabel.norm)
            .order_by(OccupationLabel.id)
            .limit(2000)
        ).all(),
        "label_sum": session.scalar(select(func.sum(SkillLabel.id))),
    }


def test_every_table_has_the_published_rows() -> None:
    assert _count(Occupation) == 3007
    assert _count(Skill) == 13_896
    assert _count(OccupationSkill) == OCCUPATION_SKILL_ROWS - ORPHAN_RELATIONS
    assert _count(SkillRelation) == 5899
    assert _count(SkillGroup) == 640
    assert _count(SkillHierarchy) == 20_656
    assert _count(PostcodeNL) == 4086
    assert _count(Municipality) == 342
    assert _count(LabourMarketRegion) == 35
    assert _count(PostcodeBE) == 2781
    assert _count(EducationLevel) == 15


def test_labels_cover_preferred_and_alternative_labels() -> None:
    session = db.read_session()
    preferred_nl = session.scalar(
        select(func.count())
        .select_from(OccupationLabel)
        .where(OccupationLabel.is_preferred, OccupationLabel.lang == "nl")
    )
    assert preferred_nl == 3007
    kok = session.scalars(
        select(OccupationLabel.label).where(OccupationLabel.occupation_id == KOK)
    ).all()
    assert {"kok", "cook", "chef-kok", "kokkin", "sous-chef", "fry cook"} <= set(kok)
    # Only about one skill in six has a Dutch label in ESCO.
    skill_nl = session.scalar(
        select(func.count())
        .select_from(SkillLabel)
        .where(SkillLabel.is_preferred, SkillLabel.lang == "nl")
    )
    assert skill_nl == 2218


def test_if_missing_skips_a_loaded_database() -> None:
    result = importer.import_all(if_missing=True)
    assert result["skipped"] is True
    assert result["counts"]["esco_occupation"] == 3007
    assert result["seconds"] < 5


def test_a_missing_file_stops_the_import_before_it_touches_the_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(importer.DEFAULT_DATA_DIR, data)
    (data / "esco" / "skills.csv.gz").unlink()
    with pytest.raises(importer.DataError, match=r"skills\.csv\.gz"):
        importer.import_all(data)
    assert _count(Skill) == 13_896


def _without_occupation(source: Path, target: Path, occupation_id: uuid.UUID) -> None:
    with gzip.open(source, "rt", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    with gzip.open(target, "wt", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(row for row in rows if row[0] != str(occupation_id))


def test_import_is_idempotent_and_removes_stale_rows(tmp_path: Path) -> None:
    before = _snapshot()

    # A data release without "kok": its row, its labels and its relations go.
    data = tmp_path / "data"
    shutil.copytree(importer.DEFAULT_DATA_DIR, data)
    occupations = data / "esco" / "occupations.csv.gz"
    _without_occupation(importer.DEFAULT_DATA_DIR / "esco/occupations.csv.gz", occupations, KOK)
    result = importer.import_all(data)
    assert result["counts"]["esco_occupation"] == 3006
    assert db.read_session().get(Occupation, KOK) is None
    kok_relations = result["skipped_rows"]["esco_occupation_skill"] - ORPHAN_RELATIONS
    assert kok_relations > 0
    assert _count(OccupationSkill) == OCCUPATION_SKILL_ROWS - ORPHAN_RELATIONS - kok_relations
    db.Session.remove()

    # The real data again: exactly the rows of the first import, ids included.
    result = importer.import_all()
    db.Session.remove()
    assert result["skipped"] is False
    assert _snapshot() == before
    assert importer.import_all(if_missing=True)["skipped"] is True


def test_prefix_rows_list_the_first_labels_of_common_prefixes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importer.search, "PREFIX_MIN_LABELS", 3)
    monkeypatch.setattr(importer.search, "PREFIX_LABELS", 2)
    labels = [
        {"id": 1, "norm": "kok"},
        {"id": 2, "norm": "chef kok"},
        {"id": 3, "norm": "kapper"},
        {"id": 4, "norm": "koster kok"},
        {"id": 5, "norm": "chauffeur"},
    ]
    listed: dict[str, list[int]] = {}
    for row in importer._prefix_rows(labels):
        listed.setdefault(row["prefix"], []).append(row["label_id"])
    # "k" starts a word in 4 labels (counted per word: 5), "ko" in 3: the first two each;
    # "c" in 2 labels only, "kok" in 3 labels.
    assert listed == {"k": [1, 2], "ko": [1, 2], "kok": [1, 2]}


def test_postgres_lists_common_prefixes(database_url: str) -> None:
    session = db.read_session()
    listed = session.scalars(
        select(OccupationLabelPrefix.label_id)
        .where(OccupationLabelPrefix.prefix == "ma")
        .order_by(OccupationLabelPrefix.label_id)
    ).all()
    if not database_url.startswith("postgresql"):
        # SQLite's FTS5 prefix indexes do this job; the table stays empty there.
        assert _count(OccupationLabelPrefix) == 0
        return
    norms = session.execute(
        select(OccupationLabel.id, OccupationLabel.norm).order_by(OccupationLabel.id)
    )
    expected = [i for i, norm in norms if any(w.startswith("ma") for w in norm.split())]
    assert listed == expected[: importer.search.PREFIX_LABELS]
