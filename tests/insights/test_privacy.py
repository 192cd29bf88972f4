"""The privacy rules on their own: thresholds, rounding, pooling, and secondary suppression
checked by an attacker who solves linear programs over what is published."""

from __future__ import annotations

from collections.abc import Hashable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.insights import privacy
from tests.insights.adversary import Knowledge, grid_knowledge, intervals

THRESHOLD = privacy.THRESHOLD


# --- Primary suppression and rounding -------------------------------------------------


@pytest.mark.parametrize(
    ("count", "published"),
    [(0, None), (1, None), (9, None), (10, 10), (12, 10), (13, 15), (17, 15), (18, 20), (102, 100)],
)
def test_suppress_on_the_true_count_then_round(count: int, published: int | None) -> None:
    # 9 would round to 10, but suppression looks at the true count: it stays hidden.
    assert privacy.publish(count, privacy.is_small(count)) == published


def test_every_published_count_is_a_multiple_of_five_and_at_least_ten() -> None:
    for count in range(0, 500):
        shown = privacy.publish(count, privacy.is_small(count))
        assert shown is None or (shown % 5 == 0 and shown >= THRESHOLD)


def test_rounding_refuses_negative_counts() -> None:
    with pytest.raises(ValueError):
        privacy.round_count(-1)


# --- Pooling the region totals ----------------------------------------------------------


def test_small_regions_are_pooled_with_the_unknown_region() -> None:
    pooling = privacy.pool_regions({"AM01": 50, "AM02": 4, "AM03": 30}, unknown=7)
    assert pooling.published == {"AM01": 50, "AM03": 30}
    assert pooling.pooled == {"AM02"}
    assert pooling.other == 11
    assert pooling.national == 91 and pooling.national_published


def test_a_pool_under_ten_takes_in_the_smallest_region() -> None:
    # 4 + 3 = 7: published, the pool would be the country minus the rest, so worked out.
    pooling = privacy.pool_regions({"AM01": 50, "AM02": 4, "AM03": 30, "AM04": 12}, unknown=3)
    assert pooling.pooled == {"AM02", "AM04"}
    assert pooling.other == 19


def test_an_empty_pool_with_nobody_pooled_is_left_alone() -> None:
    pooling = privacy.pool_regions({"AM01": 50, "AM02": 30}, unknown=0)
    assert pooling.pooled == frozenset()
    assert pooling.other == 0
    assert pooling.row_totals("OVERIG") == {"AM01": 50, "AM02": 30}


def test_a_region_with_nobody_is_hidden_too() -> None:
    # A region with 0 is a cell under 10: pooled, and the pool must not be 0.
    pooling = privacy.pool_regions({"AM01": 50, "AM02": 0, "AM03": 20}, unknown=0)
    assert "AM02" in pooling.pooled
    assert pooling.other >= THRESHOLD


def test_a_small_country_publishes_nothing() -> None:
    pooling = privacy.pool_regions({"AM01": 5, "AM02": 3}, unknown=1)
    assert pooling.published == {}
    assert not pooling.national_published


# --- Secondary suppression in a grid, against the attacker ------------------------------


def _grid(rows: list[list[int]]) -> privacy.Grid:
    names = [f"r{i}" for i in range(len(rows))]
    columns = [f"c{j}" for j in range(len(rows[0]))]
    cells = {(names[i], columns[j]): v for i, row in enumerate(rows) for j, v in enumerate(row)}
    totals = {c: sum(cells[(r, c)] for r in names) for c in columns}
    return privacy.Grid(names, columns, cells, totals)


def _attack_grid(
    grid: privacy.Grid, hidden: set[tuple[Hashable, Hashable]]
) -> dict[Hashable, tuple[float, float]]:
    cells = {k: (None if k in hidden else float(v)) for k, v in grid.cells.items()}
    totals = {
        c: (None if (privacy.TOTAL_ROW, c) in hidden else float(v))
        for c, v in grid.column_totals.items()
    }
    row_totals = {r: float(sum(grid.cells[(r, c)] for c in grid.columns)) for r in grid.rows}
    return intervals(grid_knowledge(grid.rows, grid.columns, cells, totals, row_totals))


def test_the_attacker_recomputes_a_cell_hidden_alone() -> None:
    # Without secondary suppression a row total and the other cells give the cell away.
    grid = _grid([[30, 4, 40], [25, 35, 50]])
    found = _attack_grid(grid, {("r0", "c1")})
    assert found[("cell", "r0", "c1")] == pytest.approx((4, 4))


def test_a_small_cell_gets_a_rectangle_that_the_attacker_cannot_see_through() -> None:
    grid = _grid([[30, 4, 40], [25, 35, 50]])
    hidden = privacy.protect_grid(grid)
    assert ("r0", "c1") in hidden
    assert len(hidden) >= 4
    for key, (low, high) in _attack_grid(grid, hidden).items():
        assert high - low >= THRESHOLD, (key, low, high)


def test_two_small_cells_in_a_row_are_not_enough_on_their_own() -> None:
    # 3 and 2 hidden in one row: their sum (5) is known, so each lies in 0..5 only.
    grid = _grid([[30, 3, 2, 40], [25, 35, 50, 60]])
    naive = _attack_grid(grid, {("r0", "c1"), ("r0", "c2"), ("r1", "c1"), ("r1", "c2")})
    assert naive[("cell", "r0", "c1")][1] - naive[("cell", "r0", "c1")][0] < THRESHOLD
    hidden = privacy.protect_grid(grid)
    for key, (low, high) in _attack_grid(grid, hidden).items():
        assert high - low >= THRESHOLD, (key, low, high)


def test_small_column_totals_are_hidden_and_protected() -> None:
    grid = _grid([[30, 1, 40], [25, 2, 50], [20, 3, 10]])
    hidden = privacy.protect_grid(grid)
    assert (privacy.TOTAL_ROW, "c1") in hidden
    for key, (low, high) in _attack_grid(grid, hidden).items():
        assert high - low >= THRESHOLD, (key, low, high)


def test_large_cells_are_left_alone() -> None:
    assert privacy.protect_grid(_grid([[30, 40], [25, 35]])) == set()


counts = st.one_of(st.integers(0, 12), st.integers(0, 300))


@st.composite
def grids(draw: st.DrawFn) -> privacy.Grid:
    columns = draw(st.integers(2, 5))
    rows = draw(st.integers(1, 5))
    table = []
    for _ in range(rows):
        row = draw(st.lists(counts, min_size=columns, max_size=columns))
        if sum(row) < THRESHOLD:  # a grid row is a published region total: at least 10
            row[0] += THRESHOLD - sum(row)
        table.append(row)
    return _grid(table)


@given(grids())
@settings(
    max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_no_hidden_grid_cell_can_be_narrowed_below_ten(grid: privacy.Grid) -> None:
    hidden = privacy.protect_grid(grid)
    small = {k for k in grid.cell_keys() if grid.value(k) < THRESHOLD}
    assert small <= hidden
    found = _attack_grid(grid, hidden)
    for key in hidden:
        name = ("column", key[1]) if key[0] == privacy.TOTAL_ROW else ("cell", *key)
        low, high = found[name]
        assert high - low >= THRESHOLD - 1e-6, (key, low, high)
        # The engine's own (max-flow) interval is exactly the attacker's.
        engine = privacy.grid_interval(grid, hidden, key)
        assert engine[0] == pytest.approx(low) and engine[1] == pytest.approx(min(high, 1e12))


# --- Lines (skills per region, open hiring per region) ----------------------------------


def _attack_line(line: privacy.Line, hidden: set[Hashable]) -> dict[Hashable, tuple[float, float]]:
    k = Knowledge()
    for part, value in line.parts.items():
        k.values[part] = None if part in hidden else float(value)
        bound = line.bounds.get(part)
        if bound is not None:
            k.at_most.append((part, float(bound)))
    k.values["total"] = None if privacy.LINE_TOTAL in hidden else float(line.total)
    if line.total_bound is not None:
        k.at_most.append(("total", float(line.total_bound)))
    k.add_sum("total", list(line.parts))
    return intervals(k)


@st.composite
def lines(draw: st.DrawFn) -> privacy.Line:
    parts = draw(st.lists(counts, min_size=1, max_size=7))
    bounded = draw(st.booleans())
    names = [f"p{i}" for i in range(len(parts))]
    bounds: dict[Hashable, int | None] = {}
    for name, value in zip(names, parts, strict=True):
        slack = draw(st.sampled_from([0, 1, 5, 100]))
        bounds[name] = max(value, THRESHOLD) + slack if bounded else None
    total_bound = sum(b or 0 for b in bounds.values()) if bounded else None
    return privacy.Line(dict(zip(names, parts, strict=True)), sum(parts), bounds, total_bound)


@given(lines())
@settings(
    max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_no_hidden_line_cell_can_be_narrowed_below_ten(line: privacy.Line) -> None:
    hidden = privacy.protect_line(line)
    keys = [*line.parts, privacy.LINE_TOTAL]
    assert {k for k in keys if line.value(k) < THRESHOLD} <= hidden
    found = _attack_line(line, hidden)
    for key in hidden:
        low, high = found["total" if key == privacy.LINE_TOTAL else key]
        assert high - low >= THRESHOLD - 1e-6, (key, low, high)
        engine = privacy.line_interval(line, hidden, key)
        assert engine[0] == pytest.approx(low) and min(engine[1], 1e12) == pytest.approx(
            min(high, 1e12)
        )


def test_a_part_near_its_bound_needs_more_than_one_partner() -> None:
    # p1 is nearly its whole region (bound 20): hiding it with p0 would pin p0 from below.
    line = privacy.Line({"p0": 3, "p1": 19, "p2": 200}, 222, {"p0": 40, "p1": 20, "p2": 400}, 460)
    hidden = privacy.protect_line(line)
    found = _attack_line(line, hidden)
    for key in hidden:
        low, high = found["total" if key == privacy.LINE_TOTAL else key]
        assert high - low >= THRESHOLD, (key, low, high)
