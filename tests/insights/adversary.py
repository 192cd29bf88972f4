"""An attacker who tries to work out left-out cells from what was published.

It knows every published count exactly (stronger than reality: the published counts are
rounded), every relation between the counts (a total is the sum of its parts; a part is
at most a known bound) and that counts are never negative. For each left-out cell it
solves two linear programs (scipy's HiGHS): the smallest and the largest value the
published figures still allow. It knows nothing of how the publisher chose the cells.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
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
    found: dict[Hashable, tuple[float, float]] = {}
    for key in unknown:
        c = np.zeros(len(unknown))
        c[index[key]] = 1.0
        ends = []
        for sign in (1.0, -1.0):
            result = linprog(
                sign * c,
                A_ub=np.array(a_ub) if a_ub else None,
                b_ub=np.array(b_ub) if b_ub else None,
                A_eq=np.array(a_eq) if a_eq else None,
                b_eq=np.array(b_eq) if b_eq else None,
                bounds=[(0, None)] * len(unknown),
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
