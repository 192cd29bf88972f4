"""The selfie's searchable projection: which columns of `match_profile` each section sets.

`columns(name, data)` is pure apart from reference data it keeps in memory (postcode
centroids and education levels, each read once per process). The listener writes them
with one statement per section write: an upsert of that section's columns, inside the
selfie write's transaction; on PostgreSQL, where a write of an existing section is one
statement, the upsert is a part of that statement (`inline_write`). `build(sections)`
makes a whole row from every section (a person whose selfie predates the projection gets
it on their first match request).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, cast

from sqlalchemy import BindParameter, Connection, Table, bindparam
from sqlalchemy.dialects import postgresql, sqlite

from backend import db
from backend.matching import models
from backend.matching.models import MatchProfile
from backend.matching.scoring import days_of_slots, slots_mask
from backend.selfie import sections as selfie_sections
from backend.selfie.listeners import InlinePart, register_section_listener
from backend.selfie.vocabulary import SECTION_NAMES, WORK_KINDS
from backend.taxonomy import service as taxonomy

PROFILES = cast(Table, MatchProfile.__table__)
SECTION_BITS = {name: 1 << index for index, name in enumerate(SECTION_NAMES)}
SHAREABLE = tuple(name for name in SECTION_NAMES if name != "visibility")
ALL_SHAREABLE = sum(SECTION_BITS[name] for name in SHAREABLE)
assert ALL_SHAREABLE == models.ALL_SHAREABLE
WORK_KIND_BITS = {kind: 1 << index for index, kind in enumerate(WORK_KINDS)}
# The columns each section owns; experience and languages only set their complete bit.
SECTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "basics": ("birth_year",),
    "location": ("pc4", "lat", "lon", "region_code", "max_distance_km"),
    "availability": ("days_mask", "slots_mask", "hours_min", "hours_max"),
    "experience": (),
    "skills": ("skill_ids",),
    "education": ("education_eqf",),
    "languages": (),
    "wishes": ("wished_occupation_ids", "work_kinds_mask", "learn_skill_ids"),
    "interests": ("riasec",),
    "visibility": ("employers", "shared_mask", "statistics"),
}
assert tuple(SECTION_COLUMNS) == SECTION_NAMES


@cache
def education_eqf() -> dict[str, int]:
    """Return the EQF level of each education level code (reference data, once)."""
    return {level.code: level.eqf for level in taxonomy.list_education_levels()}


def _ids(values: Any) -> list[str]:
    return [str(v) for v in values or [] if v]


def columns(name: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Return the projection columns a section sets, from its cleaned data."""
    if name == "basics":
        return {"birth_year": data.get("birth_year")}
    if name == "location":
        pc4 = data.get("postcode")
        centroid = taxonomy.postcode_centroids().get(pc4) if pc4 else None
        return {
            "pc4": pc4 if centroid else None,
            "lat": centroid.lat if centroid else None,
            "lon": centroid.lon if centroid else None,
            "region_code": centroid.region_code if centroid else None,
            "max_distance_km": data.get("max_distance_km"),
        }
    if name == "availability":
        slots = slots_mask(data.get("schedule"))
        return {
            "days_mask": days_of_slots(slots),
            "slots_mask": slots,
            "hours_min": data.get("hours_per_week_min"),
            "hours_max": data.get("hours_per_week_max"),
        }
    if name == "skills":
        entries = data.get("entries") or []
        return {"skill_ids": _ids(e.get("skill_id") for e in entries if isinstance(e, dict))}
    if name == "education":
        level = data.get("highest_level")
        return {"education_eqf": education_eqf().get(level) if level else None}
    if name == "wishes":
        kinds = data.get("work_kinds") or []
        return {
            "wished_occupation_ids": _ids(data.get("occupation_ids")),
            "work_kinds_mask": sum(WORK_KIND_BITS[k] for k in set(kinds) if k in WORK_KIND_BITS),
            "learn_skill_ids": _ids(data.get("learn_skill_ids")),
        }
    if name == "interests":
        profile = selfie_sections.riasec_profile(dict(data))
        return {"riasec": dict(profile["scores"]) if profile else None}
    if name == "visibility":
        shared = data.get("shared_sections")
        names = SHAREABLE if shared is None else shared
        return {
            "employers": data.get("employers") or "none",
            "shared_mask": sum(SECTION_BITS[n] for n in set(names) if n in SECTION_BITS),
            "statistics": data.get("statistics") is not False,
        }
    return {}


def complete_bit(name: str, data: Mapping[str, Any]) -> int:
    """Return the section's bit when it is complete, else 0."""
    assessment = selfie_sections.assess(name, dict(data))
    return SECTION_BITS[name] if assessment.status == selfie_sections.COMPLETE else 0


def build(sections: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Return a whole projection row (without user_id) from every section's data."""
    # Every section's columns, the empty ones too: columns(name, {}) is the default.
    row: dict[str, Any] = {"complete_mask": 0}
    for name in SECTION_NAMES:
        data = sections.get(name) or {}
        row.update(columns(name, data))
        row["complete_mask"] |= complete_bit(name, data)
    return row


# --- The listener ------------------------------------------------------------------------

_UPSERTS: dict[tuple[str, str], Any] = {}


def _upsert(dialect: str, name: str) -> Any:
    """INSERT … ON CONFLICT (user_id) DO UPDATE of one section's columns (built once)."""
    stmt = _UPSERTS.get((dialect, name))
    if stmt is None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        base = insert(PROFILES)
        keep_other_bits = ((1 << len(SECTION_NAMES)) - 1) & ~SECTION_BITS[name]
        updates: dict[str, Any] = {col: base.excluded[col] for col in SECTION_COLUMNS[name]}
        updates["complete_mask"] = PROFILES.c.complete_mask.op("&")(keep_other_bits).op("|")(
            base.excluded.complete_mask
        )
        updates["updated_at"] = base.excluded.updated_at
        stmt = _UPSERTS[dialect, name] = db.DriverStatement(
            base.on_conflict_do_update(index_elements=["user_id"], set_=updates)
        )
    return stmt


def _values(user_id: int, name: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        **columns(name, data),
        "user_id": user_id,
        "complete_mask": complete_bit(name, data),
        "updated_at": db.utcnow(),
    }


_INLINE_SQL: dict[str, tuple[str, tuple[BindParameter[Any], ...]]] = {}


def _inline_sql(name: str) -> tuple[str, tuple[BindParameter[Any], ...]]:
    """The PostgreSQL upsert of one section's columns as a part of the selfie's WITH.

    The same upsert as `_upsert`, fed by the row of `written` (none: nothing happens).
    Every value is cast to its column's type: in a SELECT list PostgreSQL would read an
    untyped NULL as text.
    """
    found = _INLINE_SQL.get(name)
    if found is None:
        dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
        cols = ("user_id", "complete_mask", "updated_at", *SECTION_COLUMNS[name])
        casts = ", ".join(
            f"CAST(:m_{col} AS {PROFILES.c[col].type.compile(dialect=dialect)})" for col in cols
        )
        keep_other_bits = ((1 << len(SECTION_NAMES)) - 1) & ~SECTION_BITS[name]
        sets = [f"{col} = EXCLUDED.{col}" for col in SECTION_COLUMNS[name]]
        sets.append(
            f"complete_mask = ({PROFILES.name}.complete_mask & {keep_other_bits}) "
            "| EXCLUDED.complete_mask"
        )
        sets.append("updated_at = EXCLUDED.updated_at")
        # Only names from the table's own columns and constants: nothing from a request.
        sql = (
            f"INSERT INTO {PROFILES.name} ({', '.join(cols)}) SELECT {casts} FROM written "  # noqa: S608
            f"ON CONFLICT (user_id) DO UPDATE SET {', '.join(sets)}"
        )
        binds = tuple(bindparam(f"m_{col}", type_=PROFILES.c[col].type) for col in cols)
        found = _INLINE_SQL[name] = (sql, binds)
    return found


def inline_write(user_id: int, name: str, data: dict[str, Any]) -> InlinePart:
    """The listener's inline form: its upsert inside the selfie's PostgreSQL statement."""
    sql, binds = _inline_sql(name)
    values = {f"m_{col}": value for col, value in _values(user_id, name, data).items()}
    return InlinePart(sql=sql, values=values, binds=binds)


@register_section_listener("matching", inline=inline_write)
def section_written(conn: Connection, user_id: int, name: str, data: dict[str, Any]) -> None:
    """Keep the person's projection current: one upsert, in the selfie write's transaction.

    Only the section's own columns are sent; a new row takes the server defaults.
    """
    _upsert(conn.dialect.name, name).rowcount(conn, _values(user_id, name, data))
