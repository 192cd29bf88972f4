"""Write a publication's files: CSV per table, datapackage.json, and the API's documents.

The Data Package follows Frictionless Data Package v2 (https://datapackage.org): every
table is a resource with its Table Schema (fields, primary key, foreign keys to
`regions`, "" as the missing value that marks a left-out cell), its size and sha256,
the licence (CC BY 4.0) and the sources. `api.json` holds the precomputed figures the
regions API serves; it is built from the same safe rows, never from the raw counts.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from backend.insights.figures import NATIONAL, OTHER, Context, Table, most_missing

PACKAGE_NAME = "zelf-aan-het-werk-regionale-inzichten"
PACKAGE_FORMAT = 1  # the major version: raised when a table's schema changes incompatibly
DATAPACKAGE = "datapackage.json"
API_DOCUMENT = "api.json"
CSV_MEDIA_TYPE = "text/csv"
JSON_MEDIA_TYPE = "application/json"
TOP = 10

LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
SOURCES = [
    {
        "title": "Zelf aan het Werk: selfies van werkzoekenden (met toestemming), vacatures, "
        "toekomstige functies en open-hiring-lijsten op het platform",
    },
    {
        "title": "ESCO v1.1.1 (European Skills, Competences, Qualifications and Occupations), "
        "© European Union",
        "path": "https://esco.ec.europa.eu/",
    },
    {
        "title": "CBS, Gebieden in Nederland 2026 (gemeenten en arbeidsmarktregio's), CC BY 4.0",
        "path": "https://www.cbs.nl/",
    },
    {"title": "GeoNames postal codes (PC4), CC BY 4.0", "path": "https://www.geonames.org/"},
    {
        "title": "RIASEC Markers (Liao, Armstrong & Rounds, 2008), public domain",
    },
]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """The table as RFC 4180 CSV in UTF-8 (a left-out cell is empty)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    names = [c.name for c in table.columns]
    writer.writerow(names)
    for row in table.rows:
        writer.writerow([_cell(row.get(name)) for name in names])
    return out.getvalue().encode("utf-8")


def _write(path: Path, data: bytes) -> dict[str, Any]:
    path.write_bytes(data)
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def resource(table: Table, written: dict[str, Any]) -> dict[str, Any]:
    """The Data Package resource of one table."""
    schema: dict[str, Any] = {
        "fields": [c.describe() for c in table.columns],
        "primaryKey": table.primary_key,
        "missingValues": [""],
    }
    if table.refers_to_regions:
        schema["foreignKeys"] = [
            {
                "fields": ["region_code"],
                "reference": {"resource": "regions", "fields": ["region_code"]},
            }
        ]
    return {
        "name": table.name,
        "type": "table",
        "path": f"{table.name}.csv",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": CSV_MEDIA_TYPE,
        "encoding": "utf-8",
        "bytes": written["bytes"],
        "hash": f"sha256:{written['sha256']}",
        "schema": schema,
    }


def descriptor(
    ctx: Context, version: int, created: datetime, resources: list[dict[str, Any]]
) -> dict[str, Any]:
    """The datapackage.json of a publication."""
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": PACKAGE_NAME,
        "title": "Zelf aan het Werk: regionale inzichten per arbeidsmarktregio | regional "
        "insights per labour market region",
        "description": (
            "Aanbod (werkzoekenden met een selfie die toestemming geven), vraag (vacatures en "
            "toekomstige functies), mismatch en open hiring per arbeidsmarktregio en voor heel "
            "Nederland. Privacy: cellen met minder dan 10 personen (ook 0) zijn leeg, net als "
            "de cellen die nodig zijn om ze te beschermen; daarna is elk getal afgerond op een "
            "veelvoud van 5, dus totalen kunnen een paar afwijken van de som. | Supply, demand, "
            "mismatch and open hiring per labour market region and for the Netherlands. Cells "
            "under 10 people (zero included) are empty, and so are the cells needed to protect "
            "them; then every count is rounded to a multiple of 5."
        ),
        "version": f"{PACKAGE_FORMAT}.{version}.0",
        "created": created.isoformat(),
        "keywords": [
            "arbeidsmarkt",
            "arbeidsmarktregio",
            "vaardigheden",
            "ESCO",
            "RIASEC",
            "open hiring",
        ],
        "licenses": [LICENSE],
        "sources": SOURCES,
        "contributors": [{"title": "Zelf aan het Werk", "roles": ["publisher"]}],
        "resources": resources,
    }


# --- The API's documents ---------------------------------------------------------------


def _index(table: Table) -> dict[str, list[dict[str, Any]]]:
    by_region: dict[str, list[dict[str, Any]]] = {}
    for row in table.rows:
        by_region.setdefault(row["region_code"], []).append(row)
    return by_region


def _ranked(
    rows: list[dict[str, Any]], value: Callable[[dict[str, Any]], int | None], n: int = TOP
) -> list[dict[str, Any]]:
    """The n skill rows with the highest published value (left out or 0: not ranked)."""
    ranked = [r for r in rows if value(r)]
    ranked.sort(key=lambda r: (-(value(r) or 0), r["skill_id"]))
    return ranked[:n]


def _demand(row: dict[str, Any]) -> int:
    return int(row["demand_vacancies"]) + int(row["demand_future"])


def _supply(row: dict[str, Any]) -> int | None:
    value = row["jobseekers"]
    return None if value is None else int(value)


def _skill_view(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "skill_id": row["skill_id"],
        "label_nl": row["label_nl"],
        "label_en": row["label_en"],
        "jobseekers": row["jobseekers"],
        "demand_vacancies": row["demand_vacancies"],
        "demand_future": row["demand_future"],
        "mismatch_index": row["mismatch_index"],
    }


def api_document(ctx: Context, version: int, published_at: datetime) -> dict[str, Any]:
    """Everything the regions API answers, per region and for the country."""
    tables = ctx.tables
    regions = {row["region_code"]: row for row in tables["regions"].rows}
    open_hiring = {row["region_code"]: row for row in tables["open_hiring"].rows}
    breakdowns = {
        "days_per_week": ("supply_days_per_week", "days_per_week"),
        "education_level": ("supply_education", "education_level"),
        "dutch_level": ("supply_dutch_level", "dutch_level"),
        "riasec_type": ("supply_riasec", "riasec_type"),
    }
    supply = {name: (_index(tables[t]), c) for name, (t, c) in breakdowns.items()}
    skills = _index(tables["skills"])
    groups = _index(tables["occupation_groups"])
    coverage = _index(tables["learning_coverage"])
    distance = _index(tables["distance"])

    def summary(code: str) -> dict[str, Any]:
        row, oh = regions[code], open_hiring[code]
        return {
            "code": code,
            "name": row["region_name"],
            "jobseekers": row["jobseekers"],
            "vacancies": row["vacancies"],
            "vacancy_places": row["vacancy_places"],
            "future_places": row["future_places"],
            "open_hiring_places": oh["places"],
            "people_in_line": oh["people_in_line"],
        }

    def detail(code: str) -> dict[str, Any]:
        skill_rows = skills.get(code, [])
        mismatched = most_missing(skill_rows, TOP)
        return {
            **summary(code),
            "supply": {
                name: [
                    {"category": r[column], "jobseekers": r["jobseekers"]}
                    for r in by_region.get(code, [])
                ]
                for name, (by_region, column) in supply.items()
            },
            "skills": {
                "on_offer": [_skill_view(r) for r in _ranked(skill_rows, _supply)],
                "asked_for": [_skill_view(r) for r in _ranked(skill_rows, _demand)],
                "mismatch": [_skill_view(r) for r in mismatched[:TOP]],
            },
            "occupation_groups": [
                {
                    "isco_group": r["isco_group"],
                    "label_nl": r["label_nl"],
                    "label_en": r["label_en"],
                    "jobseekers": r["jobseekers"],
                    "demand_vacancies": r["demand_vacancies"],
                    "demand_future": r["demand_future"],
                    "mismatch_index": r["mismatch_index"],
                }
                for r in groups.get(code, [])
            ],
            "learning_coverage": [
                {
                    key: r[key]
                    for key in (
                        "rank",
                        "skill_id",
                        "label_nl",
                        "label_en",
                        "mismatch_index",
                        "offers",
                        "online_offers",
                    )
                }
                for r in coverage.get(code, [])
            ],
            "distance": [
                {"category": r["distance_band"], "jobseekers": r["jobseekers"]}
                for r in distance.get(code, [])
            ],
            "open_hiring": {
                key: open_hiring[code][key]
                for key in (
                    "vacancies",
                    "places",
                    "people_in_line",
                    "started",
                    "median_days_to_start",
                )
            },
        }

    document = {
        "version": version,
        "published_at": published_at.isoformat(),
        "reference_date": ctx.sources.reference_date.isoformat(),
        "regions": [summary(code) for code in ctx.region_codes],
        "national": summary(NATIONAL),
        "other": summary(OTHER),
        "details": {code: detail(code) for code in [*ctx.region_codes, NATIONAL]},
    }
    return document


def write_package(
    ctx: Context, folder: Path, version: int, published_at: datetime
) -> list[dict[str, Any]]:
    """Write every file of a publication into `folder`; return the downloadable files."""
    files: list[dict[str, Any]] = []
    resources = []
    for table in ctx.tables.values():
        data = csv_bytes(table)
        written = _write(folder / f"{table.name}.csv", data)
        resources.append(resource(table, written))
        files.append(
            {
                "name": f"{table.name}.csv",
                "media_type": CSV_MEDIA_TYPE,
                "rows": len(table.rows),
                **written,
            }
        )
    package = descriptor(ctx, version, published_at, resources)
    data = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files.insert(
        0,
        {
            "name": DATAPACKAGE,
            "media_type": JSON_MEDIA_TYPE,
            "rows": None,
            **_write(folder / DATAPACKAGE, data),
        },
    )
    api = api_document(ctx, version, published_at)
    (folder / API_DOCUMENT).write_bytes(json.dumps(api, ensure_ascii=False).encode("utf-8"))
    return files
