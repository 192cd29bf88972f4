"""Load the reference data in data/ into the database, in one transaction.

Tables that other domains may point at (occupations, skills, places, education levels)
are upserted, so their rows keep their identity across imports. Tables nobody points
at (relations, the hierarchy, the search labels) are emptied and refilled. Running the
import twice therefore gives the same rows. On SQLite the FTS5 search tables are
rebuilt from the label tables at the end.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import heapq
import logging
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite

from backend import db
from backend.config import PROJECT_ROOT
from backend.db import Base
from backend.taxonomy import search
from backend.taxonomy.models import (
    ESCO_SKILL_URI_PREFIX,
    ConceptType,
    EducationLevel,
    IscoGroup,
    LabourMarketRegion,
    Municipality,
    Occupation,
    OccupationLabel,
    OccupationLabelPrefix,
    OccupationSkill,
    OccupationWord,
    PostcodeBE,
    PostcodeNL,
    Skill,
    SkillGroup,
    SkillHierarchy,
    SkillLabel,
    SkillLabelPrefix,
    SkillRelation,
    SkillWord,
    TaxonomyImport,
)

log = logging.getLogger(__name__)

DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
IMPORT_ROW_ID = 1

# Every file the import reads, relative to the data folder (the fingerprint covers them).
FILES = {
    "isco_groups": "esco/isco_groups.csv",
    "occupations": "esco/occupations.csv.gz",
    "skills": "esco/skills.csv.gz",
    "occupation_skill": "esco/occupation_skill.csv.gz",
    "skill_skill": "esco/skill_skill.csv.gz",
    "skill_groups": "esco/skill_groups.csv",
    "skill_broader": "esco/skill_broader.csv.gz",
    "regions": "geo/am_codes_2025.csv",
    "municipalities": "geo/nl_gemeenten_am.csv",
    "postcodes_nl": "geo/nl_pc4_centroids_am.csv",
    "postcodes_be": "geo/be_postcodes.csv",
    "education": "education/nl_diploma_nlqf_eqf.csv",
}

CONCEPT_TYPES = {
    "KnowledgeSkillCompetence": ConceptType.SKILL,
    "SkillGroup": ConceptType.SKILL_GROUP,
}

SEARCH_INDEXES = (search.OCCUPATION_LABELS, search.SKILL_LABELS)


class DataError(Exception):
    """A data file is missing or does not look like the data the importer knows."""


def _rows(path: Path) -> Iterator[dict[str, str]]:
    if not path.exists():
        raise DataError(f"missing data file: {path}")
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _columns(path: Path, *names: str) -> Iterator[list[str]]:
    """Yield the named columns of each row (faster than dicts for the big files)."""
    if not path.exists():
        raise DataError(f"missing data file: {path}")
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        missing = [name for name in names if name not in header]
        if missing:
            raise DataError(f"{path.name}: missing columns {', '.join(missing)}")
        positions = [header.index(name) for name in names]
        for row in reader:
            yield [row[i] for i in positions]


def fingerprint(data_dir: Path) -> str:
    """Return a SHA-256 over the names and contents of the data files."""
    digest = hashlib.sha256()
    for name in sorted(FILES.values()):
        path = data_dir / name
        if not path.exists():
            raise DataError(f"missing data file: {path}")
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _clean(value: str) -> str:
    return " ".join(value.split())


def _split(value: str) -> list[str]:
    # Alternative labels are pipe-separated; keep the first of any duplicates.
    seen: dict[str, None] = {}
    for part in value.split("|"):
        label = _clean(part)
        if label:
            seen.setdefault(label, None)
    return list(seen)


@dataclass
class _Dataset:
    """All rows to load, keyed by table name."""

    upserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    replaces: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)


def _label_rows(
    owners: Iterable[tuple[uuid.UUID, Sequence[tuple[str, str, bool]]]], owner_column: str
) -> list[dict[str, Any]]:
    # One row per distinct normalised label of an owner, the best kind kept; the rows are
    # numbered in ranking order so the search can read them "ORDER BY id".
    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for position, (owner_id, labels) in enumerate(owners):
        seen: set[str] = set()
        for label, lang, is_preferred in labels:
            norm = search.normalise(label)
            if not norm or norm in seen:
                continue
            seen.add(norm)
            key = (not is_preferred, lang != "nl", len(norm), norm, position)
            rows.append(
                (
                    key,
                    {
                        owner_column: owner_id,
                        "label": label,
                        "norm": norm,
                        "lang": lang,
                        "is_preferred": is_preferred,
                    },
                )
            )
    rows.sort(key=lambda item: item[0])
    numbered = []
    for i, (_key, row) in enumerate(rows, start=1):
        row["id"] = i
        numbered.append(row)
    return numbered


def _word_rows(labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # The vocabulary, numbered short words first: the search takes the first n words that
    # contain a query word, and the short ones are the closest matches.
    words = {word for label in labels for word in label["norm"].split()}
    ordered = sorted(words, key=lambda word: (len(word), word))
    return [{"id": i, "word": word} for i, word in enumerate(ordered, start=1)]


def _prefix_rows(labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # For every common word prefix (PREFIX_MIN_LABELS or more labels, counted per word, so
    # a little generously), the first PREFIX_LABELS label ids in ranking order that have
    # a word starting with it.
    by_word: dict[str, list[int]] = {}
    for label in labels:  # in id order, so every list is sorted
        for word in set(label["norm"].split()):
            by_word.setdefault(word, []).append(label["id"])
    by_prefix: dict[str, list[str]] = {}
    for word in by_word:
        for size in range(1, min(len(word), search.PREFIX_MAX_LENGTH) + 1):
            by_prefix.setdefault(word[:size], []).append(word)
    rows: list[dict[str, Any]] = []
    for prefix, words in by_prefix.items():
        if sum(len(by_word[word]) for word in words) < search.PREFIX_MIN_LABELS:
            continue
        first: list[int] = []
        for label_id in heapq.merge(*(by_word[word] for word in words)):
            if not first or first[-1] != label_id:
                first.append(label_id)
                if len(first) == search.PREFIX_LABELS:
                    break
        rows.extend({"prefix": prefix, "label_id": label_id} for label_id in first)
    return rows


def _labels_of(
    pref_nl: str | None, pref_en: str, alt_nl: list[str], alt_en: list[str]
) -> list[tuple[str, str, bool]]:
    labels: list[tuple[str, str, bool]] = []
    if pref_nl:
        labels.append((pref_nl, "nl", True))
    labels.append((pref_en, "en", True))
    labels.extend((label, "nl", False) for label in alt_nl)
    labels.extend((label, "en", False) for label in alt_en)
    return labels


def read_dataset(data_dir: Path) -> _Dataset:
    """Read every data file into rows for the tables."""
    data = _Dataset()
    path = {key: data_dir / name for key, name in FILES.items()}

    data.upserts["isco_group"] = [
        {"code": r["code"], "label_nl": _clean(r["label_nl"]), "label_en": _clean(r["label_en"])}
        for r in _rows(path["isco_groups"])
    ]

    occupations: list[dict[str, Any]] = []
    occupation_labels = []
    for r in _rows(path["occupations"]):
        occupation_id = uuid.UUID(r["id"])
        alt_nl, alt_en = _split(r["alt_nl"]), _split(r["alt_en"])
        label_nl, label_en = _clean(r["label_nl"]), _clean(r["label_en"])
        occupations.append(
            {
                "id": occupation_id,
                "code": r["code"],
                "isco_group": r["iscoGroup"],
                "label_nl": label_nl,
                "label_en": label_en,
                "alt_labels_nl": alt_nl,
                "alt_labels_en": alt_en,
                "description_nl": r["description_nl"].strip(),
            }
        )
        occupation_labels.append((occupation_id, _labels_of(label_nl, label_en, alt_nl, alt_en)))
    data.upserts["esco_occupation"] = occupations

    skills: list[dict[str, Any]] = []
    skill_labels = []
    for r in _rows(path["skills"]):
        skill_id = uuid.UUID(r["id"])
        alt_nl, alt_en = _split(r["alt_nl"]), _split(r["alt_en"])
        skill_nl, skill_en = _clean(r["label_nl"]) or None, _clean(r["label_en"])
        skills.append(
            {
                "id": skill_id,
                "skill_type": r["skill_type"] or None,
                "reuse_level": r["reuse_level"] or None,
                "label_nl": skill_nl,
                "label_en": skill_en,
                "alt_labels_nl": alt_nl,
                "alt_labels_en": alt_en,
                "collections": _split(r["collections"]),
                "description_en": r["description_en"].strip(),
            }
        )
        skill_labels.append((skill_id, _labels_of(skill_nl, skill_en, alt_nl, alt_en)))
    data.upserts["esco_skill"] = skills

    data.upserts["esco_skill_group"] = [
        {
            "uri": r["uri"],
            "code": r["code"] or None,
            "label_nl": _clean(r["label_nl"]),
            "label_en": _clean(r["label_en"]),
        }
        for r in _rows(path["skill_groups"])
    ]

    # ESCO lists relations of a few occupations it does not publish: skip those rows.
    # The id maps also reuse one UUID object per id across the 124k relation rows.
    occupation_by_text: dict[str, uuid.UUID] = {str(row["id"]): row["id"] for row in occupations}
    skill_by_text: dict[str, uuid.UUID] = {str(row["id"]): row["id"] for row in skills}
    occupation_skills = []
    orphans = 0
    for occupation_text, skill_text, relation in _columns(
        path["occupation_skill"], "occupation_id", "skill_id", "relation"
    ):
        occupation_key = occupation_by_text.get(occupation_text)
        skill_key = skill_by_text.get(skill_text)
        if occupation_key is None or skill_key is None:
            orphans += 1
            continue
        occupation_skills.append(
            {"occupation_id": occupation_key, "skill_id": skill_key, "relation": relation}
        )
    data.replaces["esco_occupation_skill"] = occupation_skills
    data.skipped["esco_occupation_skill"] = orphans

    relations = []
    orphans = 0
    for original, relation, related in _columns(
        path["skill_skill"], "originalSkillUri", "relationType", "relatedSkillUri"
    ):
        skill_key = skill_by_text.get(original.removeprefix(ESCO_SKILL_URI_PREFIX))
        related_key = skill_by_text.get(related.removeprefix(ESCO_SKILL_URI_PREFIX))
        if skill_key is None or related_key is None:
            orphans += 1
            continue
        relations.append(
            {"skill_id": skill_key, "related_skill_id": related_key, "relation": relation}
        )
    data.replaces["esco_skill_relation"] = relations
    data.skipped["esco_skill_relation"] = orphans

    hierarchy = []
    for concept_type, narrower, broader in _columns(
        path["skill_broader"], "conceptType", "conceptUri", "broaderUri"
    ):
        if concept_type not in CONCEPT_TYPES:
            raise DataError(f"skill_broader: unknown conceptType {concept_type!r}")
        hierarchy.append(
            {
                "narrower_uri": narrower,
                "broader_uri": broader,
                "narrower_type": CONCEPT_TYPES[concept_type],
            }
        )
    data.replaces["esco_skill_hierarchy"] = hierarchy

    data.upserts["labour_market_region"] = [
        {"code": r["am_code"], "name": _clean(r["am_naam"])} for r in _rows(path["regions"])
    ]
    data.upserts["municipality"] = [
        {
            "code": r["gm_code"],
            "name": _clean(r["gemeente"]),
            "province": _clean(r["province"]),
            "lat": float(r["lat"]),
            "lon": float(r["lon"]),
            "region_code": r["am_code"],
        }
        for r in _rows(path["municipalities"])
    ]
    data.upserts["postcode_nl"] = [
        {
            "pc4": r["pc4"],
            "lat": float(r["lat"]),
            "lon": float(r["lon"]),
            "place": _clean(r["place"]),
            "municipality_code": r["gm_code"],
        }
        for r in _rows(path["postcodes_nl"])
    ]
    data.upserts["postcode_be"] = [
        {
            "postcode": r["postcode"],
            "place": _clean(r["place"]),
            "region": _clean(r["region"]),
            "province": _clean(r["province"]),
            "arrondissement": _clean(r["arrondissement"]),
            "lat": float(r["lat"]),
            "lon": float(r["lon"]),
        }
        for r in _rows(path["postcodes_be"])
    ]
    data.upserts["education_level"] = [
        {
            "code": r["code"],
            "name_nl": _clean(r["diploma_nl"]),
            "name_en": _clean(r["diploma_en"]),
            "nlqf": r["nlqf"],
            "eqf": int(r["eqf"]),
            "cbs_level": r["cbs_onderwijsniveau"],
            "sort_order": int(r["sort_order"]),
        }
        for r in _rows(path["education"])
    ]

    for kind, owners, owner_column in (
        ("occupation", occupation_labels, "occupation_id"),
        ("skill", skill_labels, "skill_id"),
    ):
        labels = _label_rows(owners, owner_column)
        data.replaces[f"esco_{kind}_label"] = labels
        data.replaces[f"esco_{kind}_word"] = _word_rows(labels)
    return data


UPSERT_ORDER: tuple[type[Base], ...] = (
    IscoGroup,
    Occupation,
    Skill,
    SkillGroup,
    LabourMarketRegion,
    Municipality,
    PostcodeNL,
    PostcodeBE,
    EducationLevel,
)
REPLACE_ORDER: tuple[type[Base], ...] = (
    OccupationSkill,
    SkillRelation,
    SkillHierarchy,
    OccupationLabel,
    SkillLabel,
    OccupationWord,
    SkillWord,
    OccupationLabelPrefix,
    SkillLabelPrefix,
)
# Filled on PostgreSQL only; SQLite's FTS5 prefix indexes do the same job.
POSTGRES_ONLY = (OccupationLabelPrefix, SkillLabelPrefix)


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _upsert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    keys = [col.name for col in table.primary_key.columns]
    dialect = conn.dialect.name
    stmt: Any = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    updates = {col.name: stmt.excluded[col.name] for col in table.columns if col.name not in keys}
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_=updates)
    for chunk in _chunks(rows, 5000):
        conn.execute(stmt, chunk)


def _delete_stale(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> int:
    # Rows the new data no longer has. Other domains may point at them; then the foreign
    # key stops the import, which is right: someone must decide what happens to them.
    keys = list(table.primary_key.columns)
    wanted = {tuple(row[col.name] for col in keys) for row in rows}
    stale = [tuple(pk) for pk in conn.execute(select(*keys)) if tuple(pk) not in wanted]
    for pk in stale:
        conditions = [col == value for col, value in zip(keys, pk, strict=True)]
        conn.execute(delete(table).where(*conditions))
    return len(stale)


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert_all(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        # COPY is several times faster than multi-row INSERTs for 100k+ rows.
        names = [col.name for col in table.columns]
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_copy_value(row[name]) for name in names])
        return
    # SQLite: one prepared statement through the driver, the values converted by each
    # column's own bind processor (what SQLAlchemy would do, minus its per-row overhead).
    processors = [col.type.bind_processor(conn.dialect) for col in table.columns]
    names = [col.name for col in table.columns]
    sql = str(insert(table).compile(dialect=conn.dialect))
    values = [
        tuple(
            proc(row[name]) if proc else row[name]
            for name, proc in zip(names, processors, strict=True)
        )
        for row in rows
    ]
    conn.exec_driver_sql(sql, values)


def _copy_value(value: Any) -> Any:
    # Enum members go in as their value.
    return value.value if hasattr(value, "value") else value


def _rebuild_fts(conn: Connection, index: search.LabelIndex) -> None:
    # External content FTS5 tables read their label and word tables again.
    # Table names are constants of the search module, never input.
    for fts in (index.fts_labels, index.fts_words):
        conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))  # noqa: S608


def _tidy_postgres(conn: Connection) -> None:
    # Bulk inserts land in the GIN indexes' pending lists, which every search would then
    # scan row by row: merge them into the indexes now. Then give the planner fresh
    # statistics. Names come from the metadata, never from input.
    for model in REPLACE_ORDER:
        table = _table(model)
        for index in table.indexes:
            if index.dialect_options["postgresql"].get("using") == "gin":
                conn.execute(
                    text("SELECT gin_clean_pending_list(CAST(:name AS regclass))"),
                    {"name": index.name},
                )
    for model in (*UPSERT_ORDER, *REPLACE_ORDER):
        conn.execute(text(f"ANALYZE {_table(model).name}"))


def _is_loaded(conn: Connection, print_: str) -> bool:
    row = conn.execute(
        select(TaxonomyImport.fingerprint).where(TaxonomyImport.id == IMPORT_ROW_ID)
    ).scalar_one_or_none()
    return row == print_


def _counts(conn: Connection) -> dict[str, int]:
    counts = {}
    for model in (*UPSERT_ORDER, *REPLACE_ORDER):
        table = _table(model)
        counts[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
    return counts


def import_all(data_dir: Path | None = None, *, if_missing: bool = False) -> dict[str, Any]:
    """Load all reference data; with `if_missing`, do nothing when this data is loaded.

    Returns {"counts": rows per table, "skipped_rows": source rows left out (orphans),
    "seconds": time taken, "skipped": whether the import was skipped}.
    """
    started = time.perf_counter()
    data_dir = data_dir or DEFAULT_DATA_DIR
    print_ = fingerprint(data_dir)
    engine = db.engine()

    if if_missing:
        with engine.connect() as conn:
            if _is_loaded(conn, print_):
                return {
                    "counts": _counts(conn),
                    "skipped_rows": {},
                    "seconds": round(time.perf_counter() - started, 3),
                    "skipped": True,
                }

    data = read_dataset(data_dir)
    with engine.begin() as conn:
        for model in REPLACE_ORDER:
            conn.execute(delete(_table(model)))
        # Parents before children; then stale rows, children before parents.
        for model in UPSERT_ORDER:
            _upsert(conn, _table(model), data.upserts[_table(model).name])
        for model in reversed(UPSERT_ORDER):
            _delete_stale(conn, _table(model), data.upserts[_table(model).name])
        if conn.dialect.name == "postgresql":
            for kind in ("occupation", "skill"):
                labels = data.replaces[f"esco_{kind}_label"]
                data.replaces[f"esco_{kind}_label_prefix"] = _prefix_rows(labels)
        for model in REPLACE_ORDER:
            if model in POSTGRES_ONLY and conn.dialect.name != "postgresql":
                continue
            _insert_all(conn, _table(model), data.replaces[_table(model).name])
        if conn.dialect.name == "sqlite":
            for index in SEARCH_INDEXES:
                _rebuild_fts(conn, index)
        counts = _counts(conn)
        _upsert(
            conn,
            _table(TaxonomyImport),
            [
                {
                    "id": IMPORT_ROW_ID,
                    "fingerprint": print_,
                    "imported_at": db.utcnow(),
                    "counts": counts,
                }
            ],
        )
        if conn.dialect.name == "postgresql":
            _tidy_postgres(conn)
    seconds = round(time.perf_counter() - started, 3)
    log.info("taxonomy import: %s rows in %.1f s", sum(counts.values()), seconds)
    return {"counts": counts, "skipped_rows": data.skipped, "seconds": seconds, "skipped": False}
