"""The privacy rules of every published count: suppression, then rounding.

Pure functions over true counts; no database, no Flask. The rules (docs/insights.md):

1. **Primary suppression.** A count of persons under THRESHOLD (10), zero included, is
   not published.
2. **Secondary suppression.** More cells are left out until no left-out cell can be
   worked out from what is published. "Worked out" is measured against an attacker who
   knows every published count *exactly* (as if it were not rounded), every relation
   between the counts (rows and columns add up to their totals; a part is never more
   than its region's total) and that no count is negative: for every left-out cell,
   the values such an attacker cannot rule out must span at least THRESHOLD (its
   interval, max - min, is >= 10). So nobody learns more than "fewer than 10" did.
3. **Rounding.** Only then is every published count rounded to a multiple of ROUNDING
   (5). Suppression decides on the true counts; rounding never un-suppresses anything.

Two shapes of table occur, and both are solved exactly (not by a heuristic check):

- a **grid**: regions x categories, where every person is in exactly one category, with
  the row totals (the regions' jobseekers, shared by several tables, so always
  published) and the column totals (the national row) as margins. The interval of a
  left-out cell in a grid is a max-flow problem (a table with margins is a network);
- a **line**: parts that add up to a total, where a part may have a known upper bound
  (persons with a skill in a region are at most that region's jobseekers).

Region totals are made safe first, by pooling (`pool_regions`), so that every row total
a grid leans on is published.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

THRESHOLD = 10
ROUNDING = 5


def is_small(count: int) -> bool:
    """Tell whether a count of persons is too small to publish (primary suppression)."""
    return count < THRESHOLD


def round_count(count: int) -> int:
    """Round a count to the nearest multiple of ROUNDING (12 -> 10, 13 -> 15)."""
    if count < 0:
        raise ValueError("a count is never negative")
    return ROUNDING * ((count + ROUNDING // 2) // ROUNDING)


def publish(count: int, suppressed: bool) -> int | None:
    """The published value of a cell: None when suppressed, else rounded."""
    return None if suppressed else round_count(count)


# --- Region totals ---------------------------------------------------------------------


@dataclass(frozen=True)
class Pooling:
    """Which regions publish their own jobseekers, and who goes into the pooled row."""

    published: dict[str, int]  # region -> jobseekers (each >= THRESHOLD)
    pooled: frozenset[str]  # regions whose persons are counted in the pooled row
    other: int  # the pooled row: no known region, plus the pooled regions
    national: int
    national_published: bool

    def row_totals(self, other_key: str) -> dict[str, int]:
        """The grid rows with their (published) totals: every published region, the pool."""
        rows = dict(self.published)
        if self.other or not self.published:
            rows[other_key] = self.other
        return rows


def pool_regions(totals: Mapping[str, int], unknown: int) -> Pooling:
    """Decide which regions' jobseeker totals are published.

    A region under THRESHOLD is pooled with the persons who have no known region. While
    that pool is under THRESHOLD (so it could be worked out as the national total minus
    the published regions) the smallest published region joins it (ties: by code).
    The pool is published as its own row; the pooled regions' totals are not. When
    everybody is pooled, the pool is the national total.
    """
    national = unknown + sum(totals.values())
    published = {code: n for code, n in totals.items() if not is_small(n)}
    pooled = {code for code in totals if code not in published}
    other = national - sum(published.values())
    # A pool of 0 with nothing pooled is an empty row (nobody to protect), not a cell.
    while published and (0 < other < THRESHOLD or (pooled and other < THRESHOLD)):
        code = min(published, key=lambda c: (published[c], c))
        other += published.pop(code)
        pooled.add(code)
    return Pooling(
        published=published,
        pooled=frozenset(pooled),
        other=other,
        national=national,
        national_published=not is_small(national),
    )


# --- Grids ------------------------------------------------------------------------------

TOTAL_ROW = "__total__"  # the row of column totals (the national row) inside a grid


@dataclass
class Grid:
    """Rows x columns of person counts with fixed, published row totals.

    `cells[(row, column)]` are the inner counts; `column_totals[column]` the national
    counts per column. Each row adds up to its row total, each column to its column
    total. Row totals and the grand total are published (see pool_regions).
    """

    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], int]
    column_totals: dict[str, int]

    def __post_init__(self) -> None:
        for column in self.columns:
            if sum(self.cells[(r, column)] for r in self.rows) != self.column_totals[column]:
                raise ValueError(f"column {column!r} does not add up to its total")

    def value(self, key: tuple[str, str]) -> int:
        row, column = key
        return self.column_totals[column] if row == TOTAL_ROW else self.cells[key]

    def cell_keys(self) -> list[tuple[str, str]]:
        """Every cell: the inner cells, then the column totals (row TOTAL_ROW)."""
        inner = [(r, c) for r in self.rows for c in self.columns]
        return inner + [(TOTAL_ROW, c) for c in self.columns]


Node = tuple[str, str | None]


def _max_flow(capacity: dict[Node, dict[Node, int]], source: Node, sink: Node) -> int:
    """Edmonds-Karp on a small graph (`capacity` is changed: it becomes the residual)."""
    total = 0
    while True:
        parent: dict[Node, Node] = {source: source}
        queue = deque([source])
        while queue and sink not in parent:
            node = queue.popleft()
            for nxt, cap in capacity.get(node, {}).items():
                if cap > 0 and nxt not in parent:
                    parent[nxt] = node
                    queue.append(nxt)
        if sink not in parent:
            return total
        bottleneck, node = None, sink
        while node != source:
            prev = parent[node]
            cap = capacity[prev][node]
            bottleneck = cap if bottleneck is None else min(bottleneck, cap)
            node = prev
        assert bottleneck is not None
        node = sink
        while node != source:
            prev = parent[node]
            capacity[prev][node] -= bottleneck
            capacity.setdefault(node, {})
            capacity[node][prev] = capacity[node].get(prev, 0) + bottleneck
            node = prev
        total += bottleneck


def grid_interval(
    grid: Grid, suppressed: set[tuple[str, str]], key: tuple[str, str]
) -> tuple[int, int]:
    """The smallest and largest value of a left-out cell that the attacker cannot rule out.

    With the published cells fixed, the left-out cells can only change together along
    alternating cycles that keep every row and column total: a circulation in the
    bipartite graph of rows (and the row of column totals) and columns. Raising an
    inner cell is unlimited, lowering it is limited by its value; for a column total it
    is the other way round (a column total moves with its cells). The largest rise of
    `key` is the max flow that can come back around without it, and so is its largest
    fall (capped by its value).
    """
    big = sum(grid.column_totals.values()) + 1
    capacity: dict[Node, dict[Node, int]] = {}

    def arc(a: Node, b: Node, cap: int) -> None:
        capacity.setdefault(a, {})
        capacity[a][b] = capacity[a].get(b, 0) + cap
        capacity.setdefault(b, {}).setdefault(a, 0)

    for other in suppressed:
        if other == key:
            continue
        row, column = other
        value = grid.value(other)
        if row == TOTAL_ROW:
            arc(("z", None), ("c", column), value)  # lower the column total
            arc(("c", column), ("z", None), big)  # raise it
        else:
            arc(("r", row), ("c", column), big)  # raise the cell
            arc(("c", column), ("r", row), value)  # lower it
    row, column = key
    value = grid.value(key)
    here: Node = ("z", None) if row == TOTAL_ROW else ("r", row)
    if row == TOTAL_ROW:
        rise = _max_flow(_copy(capacity), here, ("c", column))
        fall = min(value, _max_flow(_copy(capacity), ("c", column), here))
    else:
        rise = _max_flow(_copy(capacity), ("c", column), here)
        fall = min(value, _max_flow(_copy(capacity), here, ("c", column)))
    return value - fall, value + rise


def _copy(capacity: dict[Node, dict[Node, int]]) -> dict[Node, dict[Node, int]]:
    return {node: dict(arcs) for node, arcs in capacity.items()}


def _rectangle_bound(
    grid: Grid, key: tuple[str, str], partner_row: str, partner_column: str
) -> int:
    """How far a cell can surely move when its rectangle with (partner_row, partner_column)
    is left out: the four cells move together by +t/-t and stay non-negative."""
    row, column = key
    a = grid.value(key)
    b = grid.value((row, partner_column))
    c = grid.value((partner_row, column))
    d = grid.value((partner_row, partner_column))
    if TOTAL_ROW in (row, partner_row):
        # A column total moves with its column's cells: the signs of that row flip.
        return min(a, c) + min(b, d)
    return min(a, d) + min(b, c)


def protect_grid(grid: Grid) -> set[tuple[str, str]]:
    """Return the cells to leave out: the small ones, and enough others to protect them.

    Every left-out cell (a small one, or one left out to protect it) gets an interval
    of at least THRESHOLD. A failing cell is protected with the cheapest rectangle
    (three more cells, least persons hidden) that surely gives it that room; when no
    single rectangle does, the one that helps most is taken and the exact interval is
    checked again. Leaving cells out only ever widens intervals, so a cell once
    protected stays protected. In the worst case every cell is left out, and then each
    inner cell can be anything up to its (published, >= 10) row total.
    """
    suppressed = {k for k in grid.cell_keys() if is_small(grid.value(k))}
    queue = sorted(suppressed, key=lambda k: (grid.value(k), repr(k)))
    checked: set[tuple[str, str]] = set()
    while queue:
        key = queue.pop(0)
        if key in checked:
            continue
        while _width(grid, suppressed, key) < THRESHOLD:
            added = _best_rectangle(grid, suppressed, key)
            if not added:
                suppressed.update(grid.cell_keys())
                return suppressed
            suppressed |= added
            queue.extend(sorted(added, key=lambda k: (grid.value(k), repr(k))))
        checked.add(key)
    return suppressed


def _width(grid: Grid, suppressed: set[tuple[str, str]], key: tuple[str, str]) -> int:
    low, high = grid_interval(grid, suppressed, key)
    return high - low


def _rectangles(
    grid: Grid, suppressed: set[tuple[str, str]], key: tuple[str, str]
) -> Iterator[tuple[str, str, set[tuple[str, str]]]]:
    """Every rectangle through `key` that would hide at least one more cell."""
    row, column = key
    for partner_row in [*grid.rows, TOTAL_ROW]:
        if partner_row == row:
            continue
        for partner_column in grid.columns:
            if partner_column == column:
                continue
            cells = {(row, partner_column), (partner_row, column), (partner_row, partner_column)}
            new = cells - suppressed
            if new:
                yield partner_row, partner_column, new


def _best_rectangle(
    grid: Grid, suppressed: set[tuple[str, str]], key: tuple[str, str]
) -> set[tuple[str, str]]:
    options: list[tuple[int, str, set[tuple[str, str]]]] = []
    for partner_row, partner_column, new in _rectangles(grid, suppressed, key):
        if _rectangle_bound(grid, key, partner_row, partner_column) >= THRESHOLD:
            cost = sum(grid.value(k) for k in new)
            options.append((cost, repr(sorted(new)), new))
    if options:
        return min(options, key=lambda o: (o[0], o[1]))[2]
    # No single rectangle surely does it: take the one that widens the interval most.
    current = _width(grid, suppressed, key)
    best: tuple[int, int, str, set[tuple[str, str]]] | None = None
    for _row, _column, new in _rectangles(grid, suppressed, key):
        width = _width(grid, suppressed | new, key)
        option = (-width, sum(grid.value(k) for k in new), repr(sorted(new)), new)
        if best is None or option[:3] < best[:3]:
            best = option
    if best is None or -best[0] <= current:
        return set()
    return best[3]


# --- Lines ------------------------------------------------------------------------------

LINE_TOTAL = "__total__"


@dataclass
class Line:
    """Parts that add up to a total; a part may have a known upper bound.

    Persons with a skill in a region are at most the region's (published) jobseekers:
    the attacker knows that, so the bound is part of the computation. None: no bound.
    """

    parts: dict[str, int]
    total: int
    bounds: dict[str, int | None]
    total_bound: int | None = None
    # What the attacker may know of a left-out total without seeing it (a skill listed
    # because its national count is at least 10).
    total_at_least: int = 0

    def __post_init__(self) -> None:
        if sum(self.parts.values()) != self.total:
            raise ValueError("the parts do not add up to the total")

    def value(self, key: str) -> int:
        return self.total if key == LINE_TOTAL else self.parts[key]


def line_interval(line: Line, suppressed: set[str], key: str) -> tuple[float, float]:
    """The smallest and largest value of a left-out cell the attacker cannot rule out."""
    hidden = [p for p in line.parts if p in suppressed]
    shown = sum(v for p, v in line.parts.items() if p not in suppressed)
    inf = float("inf")

    def bound(part: str) -> float:
        value = line.bounds.get(part)
        return inf if value is None else value

    if LINE_TOTAL not in suppressed:
        rest = line.total - shown  # what the hidden parts add up to
        if key == LINE_TOTAL:
            raise ValueError("the total is published")
        others = sum(bound(p) for p in hidden if p != key)
        return max(0.0, rest - others), min(bound(key), rest)
    cap = inf if line.total_bound is None else line.total_bound - shown
    if key == LINE_TOTAL:
        top = inf if line.total_bound is None else line.total_bound
        return float(max(shown, line.total_at_least)), min(
            top, shown + sum(bound(p) for p in hidden)
        )
    others = sum(bound(p) for p in hidden if p != key)
    return max(0.0, line.total_at_least - shown - others), min(bound(key), cap)


def protect_line(line: Line) -> set[str]:
    """Return the cells to leave out of a line (parts and perhaps its total).

    The small cells, then the smallest published parts until every left-out cell's
    interval spans THRESHOLD; if all parts are out and that is still not enough, the
    total too (then only the bounds limit a part).
    """
    keys = [*line.parts, LINE_TOTAL]
    suppressed = {k for k in keys if is_small(line.value(k))}
    if LINE_TOTAL in suppressed:
        suppressed.update(line.parts)  # every part is at most its total
    while True:
        failing = [
            k for k in sorted(suppressed, key=repr) if _line_width(line, suppressed, k) < THRESHOLD
        ]
        if not failing:
            return suppressed
        shown = [p for p in line.parts if p not in suppressed]
        if shown:
            suppressed.add(min(shown, key=lambda p: (line.parts[p], repr(p))))
        elif LINE_TOTAL not in suppressed:
            suppressed.add(LINE_TOTAL)
        else:
            return suppressed  # nothing left to hide: only the bounds remain


def _line_width(line: Line, suppressed: set[str], key: str) -> float:
    low, high = line_interval(line, suppressed, key)
    return high - low


def protect_lines(lines: Iterable[tuple[str, Line]]) -> dict[str, set[str]]:
    """Protect independent lines (one per skill, per occupation group, ...)."""
    return {name: protect_line(line) for name, line in lines}
