"""An attacker who tries to work out left-out cells from what was published.

It knows every published count exactly (stronger than reality: the published counts are
rounded), every relation between the counts (a total is the sum of its parts; a part is
at most a known bound) and that counts are never negative. For each left-out cell it
solves two linear programs (scipy's HiGHS): the smallest and the largest value the
published figures still allow. It knows nothing of how the publisher chose the cells.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import linprog


@dataclass
class Knowledge:
    """What the attacker knows: values (None where left out), sums, bounds."""

    values: dict[Hashable, float | None] = field(default_factory=dict)
    # total = sum(parts)
    sums: list[tuple[Hashable, Sequence[Hashable]]] = field(default_factory=list)
    # cell <= bound, where bound is a number or another cell
    at_most: list[tuple[Hashable, Hashable | float]] = field(default_factory=list)

    def add_sum(self, total: Hashable, parts: Sequence[Hashable]) -> None:
        self.sums.append((total, list(parts)))


def intervals(knowledge: Knowledge) -> dict[Hashable, tuple[float, float]]:
    """The range of values each left-out cell can still take."""
    unknown = [k for k, v in knowledge.values.items() if v is None]
    if not unknown:
        return {}
    index = {k: i for i, k in enumerate(unknown)}
    a_eq: list[np.ndarray] = []
    b_eq: list[float] = []
    for total, parts in knowledge.sums:
        row = np.zeros(len(unknown))
        rhs = 0.0
        for key, sign in [(total, -1.0), *((p, 1.0) for p in parts)]:
            value = knowledge.values[key]
            if value is None:
                row[index[key]] += sign
            else:
                rhs -= sign * value
        if row.any():
            a_eq.append(row)
            b_eq.append(rhs)
        elif abs(rhs) > 1e-9:
            raise ValueError(f"the published figures contradict {total!r} = sum of its parts")
    a_ub: list[np.ndarray] = []
    b_ub: list[float] = []
    for cell, bound in knowledge.at_most:
        row = np.zeros(len(unknown))
        rhs = 0.0
        if knowledge.values.get(cell) is None and cell in index:
            row[index[cell]] += 1.0
        else:
            rhs -= float(knowledge.values[cell] or 0)
        if isinstance(bound, (int, float)):
            rhs += float(bound)
        elif knowledge.values.get(bound) is None and bound in index:
            row[index[bound]] -= 1.0
        else:
            rhs += float(knowledge.values[bound] or 0)
        if row.any():
            a_ub.append(row)
            b_ub.append(rhs)
    # Built once, sparse: hundreds of programs share the same constraints.
    eq = (sparse.csr_matrix(np.array(a_eq)), np.array(b_eq)) if a_eq else (None, None)
    ub = (sparse.csr_matrix(np.array(a_ub)), np.array(b_ub)) if a_ub else (None, None)
    found: dict[Hashable, tuple[float, float]] = {}
    for key in unknown:
        c = np.zeros(len(unknown))
        c[index[key]] = 1.0
        ends = []
        for sign in (1.0, -1.0):
            result = linprog(
                sign * c,
                A_ub=ub[0],
                b_ub=ub[1],
                A_eq=eq[0],
                b_eq=eq[1],
                bounds=(0, None),
                method="highs",
            )
            if result.status == 3:  # unbounded
                ends.append(float("inf") if sign < 0 else 0.0)
                continue
            assert result.status == 0, result.message
            ends.append(sign * result.fun)
        found[key] = (ends[0], ends[1])
    return found


def grid_knowledge(
    rows: Sequence[Hashable],
    columns: Sequence[Hashable],
    cells: Mapping[tuple[Hashable, Hashable], float | None],
    column_totals: Mapping[Hashable, float | None],
    row_totals: Mapping[Hashable, float],
) -> Knowledge:
    """A table with margins: each row adds up to its total, each column to its total."""
    k = Knowledge()
    for key, value in cells.items():
        k.values[("cell", *key)] = value
    for column, value in column_totals.items():
        k.values[("column", column)] = value
    for row, value in row_totals.items():
        k.values[("row", row)] = value
    k.values[("grand",)] = float(sum(row_totals.values()))
    for row in rows:
        k.add_sum(("row", row), [("cell", row, c) for c in columns])
    for column in columns:
        k.add_sum(("column", column), [("cell", r, column) for r in rows])
    k.add_sum(("grand",), [("column", c) for c in columns])
    return k


# --- A whole publication ---------------------------------------------------------------

NATIONAL, OTHER = "NL", "OVERIG"
GRIDS = {
    "supply_days_per_week": "days_per_week",
    "supply_education": "education_level",
    "supply_dutch_level": "dutch_level",
    "supply_riasec": "riasec_type",
    "distance": "distance_band",
}
Value = Callable[[str, str, str, str], float]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass
class Published:
    """The published tables of one publication, read back from its CSV files."""

    folder: Path
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Published:
        found = cls(folder)
        for path in sorted(folder.glob("*.csv")):
            found.tables[path.stem] = read_csv(path)
        return found

    def regions(self) -> dict[str, str]:
        return {r["region_code"]: r["jobseekers"] for r in self.tables["regions"]}


def _value(cell: str, truth: float) -> float | None:
    """What the attacker knows of a cell: nothing if it is empty, else its true count."""
    return None if cell == "" else truth


def _region_knowledge(
    k: Knowledge, published: Published, truth: Callable[[str], float]
) -> list[str]:
    """The regions' jobseekers: published regions and the pool add up to the country;
    the pool holds the people without a region and the regions left empty."""
    shown = published.regions()
    for code, cell in shown.items():
        k.values[("regions", code)] = _value(cell, truth(code))
    k.values[("regions", "ONB")] = None
    blank = [c for c, v in shown.items() if v == "" and c not in (NATIONAL, OTHER)]
    named = [c for c, v in shown.items() if v != "" and c not in (NATIONAL, OTHER)]
    k.add_sum(("regions", NATIONAL), [("regions", c) for c in [*named, OTHER]])
    k.add_sum(("regions", OTHER), [("regions", c) for c in ["ONB", *blank]])
    return blank


def _region_rows(k: Knowledge, table: str, item: str, blank: list[str], codes: list[str]) -> None:
    """Per column: the country is the named regions plus the pool; the pool is the
    people without region plus the regions left empty."""
    named = [c for c in codes if c not in blank and c not in (NATIONAL, OTHER)]
    k.add_sum((table, NATIONAL, item), [(table, c, item) for c in [*named, OTHER]])
    k.add_sum((table, OTHER, item), [(table, c, item) for c in ["ONB", *blank]])


def supply_knowledge(published: Published, table: str, truth: Value) -> Knowledge:
    """The regions and one supply grid.

    The grids share only the regions' totals. Whatever totals the regions allow, every
    other grid can be filled in (a table whose row and column totals agree always has a
    non-negative filling), so solving each grid with the regions is as strong as solving
    all of them at once, and much faster.
    """
    k = Knowledge()
    blank = _region_knowledge(k, published, lambda code: truth("regions", code, "", ""))
    codes = list(published.regions())
    column = GRIDS[table]
    categories: list[str] = []
    for row in published.tables[table]:
        code, category = row["region_code"], row[column]
        if category not in categories:
            categories.append(category)
        k.values[(table, code, category)] = _value(
            row["jobseekers"], truth(table, code, category, "")
        )
    for category in categories:
        k.values[(table, "ONB", category)] = None
        _region_rows(k, table, category, blank, codes)
    for code in [*codes, "ONB"]:
        if code != NATIONAL:
            k.add_sum(("regions", code), [(table, code, c) for c in categories])
    k.add_sum(("regions", NATIONAL), [(table, NATIONAL, c) for c in categories])
    return k


def line_knowledge(
    published: Published, table: str, key: str, item: str, truth: Value
) -> Knowledge:
    """One skill or occupation group: regions add up to the country, and nobody in a
    region is counted more often than the region has jobseekers."""
    k = Knowledge()
    blank = _region_knowledge(k, published, lambda code: truth("regions", code, "", ""))
    codes = list(published.regions())
    for row in published.tables[table]:
        if row[key] == item:
            code = row["region_code"]
            k.values[(table, code, item)] = _value(row["jobseekers"], truth(table, code, item, key))
    k.values[(table, "ONB", item)] = None
    _region_rows(k, table, item, blank, codes)
    for code in [*codes, "ONB"]:
        k.at_most.append(((table, code, item), ("regions", code)))
    return k


def open_hiring_knowledge(published: Published, column: str, truth: Value) -> Knowledge:
    """People in line (or started) per region add up to the country."""
    k = Knowledge()
    codes = []
    for row in published.tables["open_hiring"]:
        code = row["region_code"]
        k.values[("open_hiring", code)] = _value(
            row[column], truth("open_hiring", code, column, "")
        )
        if code != NATIONAL:
            codes.append(code)
    k.add_sum(("open_hiring", NATIONAL), [("open_hiring", c) for c in codes])
    return k


def blank_intervals(k: Knowledge) -> dict[Hashable, tuple[float, float]]:
    """The attacker's intervals of the published-but-empty cells (not the helpers)."""
    return {
        key: span
        for key, span in intervals(k).items()
        if not (isinstance(key, tuple) and "ONB" in key)
    }
