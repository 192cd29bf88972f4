"""The published tables: one builder per table, each with its CSV schema.

A builder takes the `Context` (what was read, the region pooling, the tables built
before it) and returns a `Table`: its Frictionless field descriptions and its rows,
with every count already suppressed and rounded (backend/insights/privacy.py). The
package writer (package.py) turns the tables into CSV files and `datapackage.json`.

Adding a figure is adding a builder to FIGURES. Learning coverage reads the `skills`
table built before it from the context, so the skills it picks are chosen from published
figures only.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from backend.insights import privacy
from backend.insights.sources import Jobseeker, Sources
from backend.selfie.vocabulary import CEFR_LEVELS, RIASEC_TYPES
from backend.vacancies.service import haversine_km

NATIONAL = "NL"
OTHER = "OVERIG"
UNKNOWN = "onbekend"
REGION_NAMES_EXTRA = {
    OTHER: "Overig: geen bekende regio, of een regio met te weinig werkzoekenden",
    NATIONAL: "Nederland",
}
TOP_SKILLS_NATIONAL = 50
TOP_SKILLS_REGIONAL = 10
MOST_MISSING = 10

SUPPRESSED_NOTE = (
    "Leeg: niet gepubliceerd (minder dan 10 personen, of weggelaten om zo'n cel te "
    "beschermen). Afgerond op een veelvoud van 5. | Empty: not published (fewer than 10 "
    "people, or left out to protect such a cell). Rounded to a multiple of 5."
)


@dataclass(frozen=True)
class Column:
    """One CSV column and its Frictionless field description."""

    name: str
    type: str  # Frictionless: string, integer, number
    title: str
    description: str
    constraints: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "description": self.description,
        }
        if self.constraints:
            described["constraints"] = dict(self.constraints)
        return described


@dataclass
class Table:
    """A published table: what it is, its columns and its (safe) rows."""

    name: str
    title: str
    description: str
    columns: list[Column]
    primary_key: list[str]
    rows: list[dict[str, Any]]
    refers_to_regions: bool = True


@dataclass
class Context:
    """What the builders share: the sources, the pooling of regions, earlier tables."""

    sources: Sources
    pooling: privacy.Pooling
    tables: dict[str, Table] = field(default_factory=dict)

    @property
    def region_codes(self) -> list[str]:
        return list(self.sources.reference.regions)

    @property
    def all_codes(self) -> list[str]:
        """Every row of a region table: the 35 regions, the pooled row, the country."""
        return [*self.region_codes, OTHER, NATIONAL]

    @property
    def national_shown(self) -> bool:
        return self.pooling.national_published

    @property
    def empty_pool(self) -> bool:
        """Nobody is in the pooled row: its cells are 0, and are shown as 0."""
        return self.national_shown and self.pooling.other == 0

    def grid_rows(self) -> dict[str, int]:
        """The rows that carry their own supply figures, with their published totals."""
        if not self.national_shown:
            return {}
        return self.pooling.row_totals(OTHER)

    def row_of(self, person: Jobseeker) -> str:
        """The grid row a jobseeker is counted in."""
        region = person.region
        if (
            region is None
            or region in self.pooling.pooled
            or region not in self.sources.reference.regions
        ):
            return OTHER
        return region

    def region_name(self, code: str) -> str:
        return self.sources.reference.regions.get(code) or REGION_NAMES_EXTRA[code]


def _region_of_demand(ctx: Context, region: str | None) -> str:
    return region if region in ctx.sources.reference.regions else OTHER


# --- Columns used by several tables -----------------------------------------------------


def region_column(ctx: Context) -> Column:
    return Column(
        "region_code",
        "string",
        "Arbeidsmarktregio",
        "Code van de arbeidsmarktregio (AM01 … AM38, CBS); NL: heel Nederland; OVERIG: "
        "werkzoekenden zonder bekende regio en regio's met te weinig werkzoekenden. | "
        "Labour market region code; NL: the whole country; OVERIG: no known region, or a "
        "region with too few jobseekers.",
        {"required": True, "enum": ctx.all_codes},
    )


def count_column(name: str, title: str, description: str) -> Column:
    return Column(name, "integer", title, f"{description} {SUPPRESSED_NOTE}", {"minimum": 0})


def plain_count_column(name: str, title: str, description: str) -> Column:
    """A count of vacancies or places (not of persons): rounded, never left out."""
    return Column(
        name,
        "integer",
        title,
        f"{description} Afgerond op een veelvoud van 5. | Rounded to a multiple of 5.",
        {"required": True, "minimum": 0},
    )


# --- regions ------------------------------------------------------------------------------


def build_regions(ctx: Context) -> Table:
    """Per region: jobseekers counted, vacancies and places asked for."""
    pooling = ctx.pooling
    demand = ctx.sources.demand
    rows = []
    for code in ctx.all_codes:
        if not ctx.national_shown:
            jobseekers = None
        elif code == NATIONAL:
            jobseekers = privacy.round_count(pooling.national)
        elif code == OTHER:
            # An empty pool protects nobody: it shows 0 (it is the country minus the rest).
            jobseekers = privacy.round_count(pooling.other)
        else:
            shown = pooling.published.get(code)
            jobseekers = None if shown is None else privacy.round_count(shown)
        vacancies = _regional(demand.vacancies, ctx, code)
        places = _regional(demand.vacancy_places, ctx, code)
        future = _regional(demand.future_places, ctx, code)
        rows.append(
            {
                "region_code": code,
                "region_name": ctx.region_name(code),
                "jobseekers": jobseekers,
                "vacancies": privacy.round_count(vacancies),
                "vacancy_places": privacy.round_count(places),
                "future_places": privacy.round_count(future),
            }
        )
    return Table(
        name="regions",
        title="Regio's: werkzoekenden en vraag naar werk | Regions: jobseekers and demand",
        description=(
            "Per arbeidsmarktregio: werkzoekenden met een selfie die meetellen in de "
            "statistiek, gepubliceerde vacatures met hun plaatsen, en verwachte plaatsen "
            "van toekomstige functies. | Per labour market region: jobseekers with a selfie "
            "who allow statistics, published vacancies and their places, and expected "
            "places of future functions."
        ),
        columns=[
            region_column(ctx),
            Column(
                "region_name",
                "string",
                "Naam",
                "Naam van de regio. | Name of the region.",
                {"required": True},
            ),
            count_column(
                "jobseekers",
                "Werkzoekenden",
                "Werkzoekenden met een selfie die toestemming geven voor statistiek. | "
                "Jobseekers with a selfie who allow anonymous statistics.",
            ),
            plain_count_column(
                "vacancies", "Vacatures", "Gepubliceerde vacatures. | Published vacancies."
            ),
            plain_count_column(
                "vacancy_places",
                "Plaatsen",
                "Plaatsen in gepubliceerde vacatures. | Places in published vacancies.",
            ),
            plain_count_column(
                "future_places",
                "Toekomstige plaatsen",
                "Verwachte plaatsen van toekomstige functies (vanaf vandaag). | Expected "
                "places of future functions (from today on).",
            ),
        ],
        primary_key=["region_code"],
        rows=rows,
        refers_to_regions=False,
    )


def _regional(counter: Counter[str | None], ctx: Context, code: str) -> int:
    """A regional count of demand; OVERIG holds what has no known region."""
    if code == NATIONAL:
        return sum(counter.values())
    if code == OTHER:
        return sum(v for r, v in counter.items() if r not in ctx.sources.reference.regions)
    return counter[code]


# --- Supply: four grids -----------------------------------------------------------------


@dataclass(frozen=True)
class Breakdown:
    """A way to split the jobseekers of a region into categories."""

    name: str
    column: str
    title: str
    description: str
    categories: Sequence[str]
    category_of: Callable[[Jobseeker], str | None]


BREAKDOWNS = (
    Breakdown(
        "supply_days_per_week",
        "days_per_week",
        "Dagen per week beschikbaar | Days available a week",
        "Hoeveel dagen per week iemand kan werken (selfie: beschikbaarheid). | How many days "
        "a week a person can work (selfie: availability).",
        [*(str(d) for d in range(1, 8)), UNKNOWN],
        lambda p: None if p.days_per_week is None else str(p.days_per_week),
    ),
    Breakdown(
        "supply_education",
        "education_level",
        "Opleidingsniveau | Education level",
        "Het CBS-onderwijsniveau (laag, middelbaar, hoog) van de hoogste opleiding. | The "
        "CBS education band (low, middle, high) of the highest level.",
        ["laag", "middelbaar", "hoog", UNKNOWN],
        lambda p: p.education,
    ),
    Breakdown(
        "supply_dutch_level",
        "dutch_level",
        "Niveau Nederlands | Dutch language level",
        "Het laagste ERK-niveau (A0 … C2) dat iemand opgaf voor begrijpen, spreken en "
        "schrijven. | The lowest CEFR level a person gave for understanding, speaking "
        "and writing.",
        [*CEFR_LEVELS, UNKNOWN],
        lambda p: p.dutch,
    ),
    Breakdown(
        "supply_riasec",
        "riasec_type",
        "Passieprofiel (RIASEC) | Passion profile (RIASEC)",
        "De sterkste interesse (eerste letter van de Holland-code: R, I, A, S, E, C); "
        "onbekend tot de vragenlijst ver genoeg is ingevuld. | The strongest interest (first "
        "letter of the Holland code); onbekend until enough questions are answered.",
        [*RIASEC_TYPES, UNKNOWN],
        lambda p: p.riasec,
    ),
)


def build_breakdown(breakdown: Breakdown) -> Callable[[Context], Table]:
    """Make the builder of one supply grid: regions x categories, with margins."""

    def build(ctx: Context) -> Table:
        rows_total = ctx.grid_rows()
        counts: Counter[tuple[str, str]] = Counter()
        for person in ctx.sources.jobseekers:
            category = breakdown.category_of(person) or UNKNOWN
            counts[(ctx.row_of(person), category)] += 1
        grid_rows = [r for r in rows_total if rows_total[r] > 0]
        values: dict[tuple[str, str], int | None] = {}
        if grid_rows:
            cells = {(r, c): counts[(r, c)] for r in grid_rows for c in breakdown.categories}
            totals = {c: sum(cells[(r, c)] for r in grid_rows) for c in breakdown.categories}
            grid = privacy.Grid(
                list(grid_rows), list(breakdown.categories), dict(cells), dict(totals)
            )
            hidden = privacy.protect_grid(grid)
            for key, value in cells.items():
                values[key] = privacy.publish(value, key in hidden)
            for column, value in totals.items():
                values[(NATIONAL, column)] = privacy.publish(
                    value, (privacy.TOTAL_ROW, column) in hidden
                )
        if ctx.empty_pool:
            # Nobody in the pool: its cells are 0 whatever is shown; say so.
            values.update({(OTHER, c): 0 for c in breakdown.categories})
        rows = [
            {
                "region_code": code,
                breakdown.column: category,
                "jobseekers": values.get((code, category)),
            }
            for code in ctx.all_codes
            for category in breakdown.categories
        ]
        return Table(
            name=breakdown.name,
            title=f"Aanbod: {breakdown.title}",
            description=(
                f"{breakdown.description} Per regio tellen de rijen op tot de werkzoekenden "
                "in `regions`; de rij NL is het totaal van de regio's en OVERIG. | Per region "
                "the rows add up to the jobseekers in `regions`; NL is the sum of the regions "
                "and OVERIG."
            ),
            columns=[
                region_column(ctx),
                Column(
                    breakdown.column,
                    "string",
                    breakdown.title,
                    breakdown.description,
                    {"required": True, "enum": list(breakdown.categories)},
                ),
                count_column(
                    "jobseekers",
                    "Werkzoekenden",
                    "Werkzoekenden in deze groep. | Jobseekers in this group.",
                ),
            ],
            primary_key=["region_code", breakdown.column],
            rows=rows,
        )

    build.__name__ = f"build_{breakdown.name}"
    return build


# --- Skills and occupation groups: supply, demand, mismatch -----------------------------


def mismatch_index(supply: int | None, demand: int) -> float | None:
    """(demand - supply) / (demand + supply) of the published counts, or None.

    +1: only asked for (shortage); -1: only on offer (surplus); 0: in balance. Computed
    from the published (rounded) counts, so it tells nothing they do not; None when the
    supply is not published or both are 0.
    """
    if supply is None or supply + demand == 0:
        return None
    return round((demand - supply) / (demand + supply), 2)


def _protect_supply(
    ctx: Context, items: Sequence[str], supply: Counter[tuple[str, str]], at_least: set[str]
) -> dict[tuple[str, str], int | None]:
    """Suppress the supply per (row, item): one line per item over the grid rows."""
    rows_total = ctx.grid_rows()
    shown: dict[tuple[str, str], int | None] = {}
    if not rows_total:
        return shown
    parts_rows = [r for r in rows_total if rows_total[r] > 0]
    for item in items:
        parts = {r: supply[(r, item)] for r in parts_rows}
        line = privacy.Line(
            parts=parts,
            total=sum(parts.values()),
            bounds={r: rows_total[r] for r in parts_rows},
            total_bound=ctx.pooling.national,
            total_at_least=privacy.THRESHOLD if item in at_least else 0,
        )
        hidden = privacy.protect_line(line)
        for row, value in parts.items():
            shown[(str(row), item)] = privacy.publish(value, row in hidden)
        shown[(NATIONAL, item)] = privacy.publish(line.total, privacy.LINE_TOTAL in hidden)
        if ctx.empty_pool:
            shown[(OTHER, item)] = 0
    return shown


def _demand_rows(
    ctx: Context, counter: Counter[tuple[str | None, str]]
) -> Counter[tuple[str, str]]:
    """Demand per (row code, item), with OVERIG for no known region and NL for all."""
    out: Counter[tuple[str, str]] = Counter()
    for (region, item), value in counter.items():
        out[(_region_of_demand(ctx, region), item)] += value
        out[(NATIONAL, item)] += value
    return out


def _supply_rows(
    ctx: Context, items_of: Callable[[Jobseeker], Iterable[str]], keep: set[str]
) -> Counter[tuple[str, str]]:
    """Jobseekers per (grid row, item), for the items in `keep`."""
    supply: Counter[tuple[str, str]] = Counter()
    for person in ctx.sources.jobseekers:
        row = ctx.row_of(person)
        for item in items_of(person):
            if item in keep:
                supply[(row, item)] += 1
    return supply


def _top(counter: Counter[str], n: int) -> list[str]:
    ranked = sorted(
        (item for item, v in counter.items() if v > 0),
        key=lambda item: (-privacy.round_count(counter[item]), item),
    )
    return ranked[:n]


def choose_skills(ctx: Context) -> tuple[list[str], set[str]]:
    """The skills to publish, and those chosen for their national supply.

    The 50 skills most asked for nationally, the 10 most asked for in each region
    (demand counts vacancies, which are public), and the 50 held by the most consenting
    jobseekers nationally among those held by at least 10 (ranked by the rounded count,
    then by id, so the choice reveals nothing a published count does not).
    """
    demand = ctx.sources.demand
    national_demand: Counter[str] = Counter()
    regional_demand: dict[str, Counter[str]] = {}
    for counter in (demand.skill_places, demand.skill_future):
        for (region, skill), value in counter.items():
            national_demand[skill] += value
            regional_demand.setdefault(_region_of_demand(ctx, region), Counter())[skill] += value
    chosen = set(_top(national_demand, TOP_SKILLS_NATIONAL))
    for regional in regional_demand.values():
        chosen.update(_top(regional, TOP_SKILLS_REGIONAL))
    supply: Counter[str] = Counter()
    if ctx.national_shown:
        for person in ctx.sources.jobseekers:
            supply.update(person.skills)
    held = Counter({s: n for s, n in supply.items() if not privacy.is_small(n)})
    by_supply = set(_top(held, TOP_SKILLS_NATIONAL))
    return sorted(chosen | by_supply), by_supply


def _supply_and_demand(
    ctx: Context,
    items: Sequence[str],
    key: str,
    items_of: Callable[[Jobseeker], Iterable[str]],
    at_least: set[str],
    places: Counter[tuple[str | None, str]],
    future: Counter[tuple[str | None, str]],
    labels: Callable[[str], tuple[str | None, str]],
) -> list[dict[str, Any]]:
    """The rows of a supply-and-demand table: per region and item, safe and rounded."""
    keep = set(items)
    supply = _protect_supply(ctx, items, _supply_rows(ctx, items_of, keep), at_least)
    vacancies, expected = _demand_rows(ctx, places), _demand_rows(ctx, future)
    rows = []
    for code in ctx.all_codes:
        for item in items:
            shown = supply.get((code, item))
            demand_now = privacy.round_count(vacancies[(code, item)])
            demand_future = privacy.round_count(expected[(code, item)])
            label_nl, label_en = labels(item)
            rows.append(
                {
                    "region_code": code,
                    key: item,
                    "label_nl": label_nl,
                    "label_en": label_en,
                    "jobseekers": shown,
                    "demand_vacancies": demand_now,
                    "demand_future": demand_future,
                    # The pooled row's demand is only what has no region: no index there.
                    "mismatch_index": None
                    if code == OTHER
                    else mismatch_index(shown, demand_now + demand_future),
                }
            )
    return rows


def _mismatch_columns() -> list[Column]:
    return [
        plain_count_column(
            "demand_vacancies",
            "Gevraagd (vacatures)",
            "Plaatsen in gepubliceerde vacatures waarvoor dit essentieel is. | Places in "
            "published vacancies for which this is essential.",
        ),
        plain_count_column(
            "demand_future",
            "Gevraagd (toekomst)",
            "Verwachte plaatsen van toekomstige functies waarvoor dit essentieel is. | "
            "Expected places of future functions for which this is essential.",
        ),
        Column(
            "mismatch_index",
            "number",
            "Mismatch-index",
            "(gevraagd - aanbod) / (gevraagd + aanbod), uit de gepubliceerde getallen; "
            "gevraagd = vacatures + toekomst. +1: alleen gevraagd (tekort), -1: alleen "
            "aanbod (overschot), 0: in evenwicht. Leeg als het aanbod niet gepubliceerd is, "
            "bij 0 en 0, en in de rij OVERIG. | (demand - supply) / (demand + supply) of "
            "the published counts; empty when the supply is not published, for 0 and 0, "
            "and in the OVERIG row.",
            {"minimum": -1, "maximum": 1},
        ),
    ]


def build_skills(ctx: Context) -> Table:
    """Skills on offer and asked for per region, with their mismatch index."""
    skills, by_supply = choose_skills(ctx)
    demand = ctx.sources.demand
    rows = _supply_and_demand(
        ctx,
        skills,
        "skill_id",
        lambda p: p.skills,
        by_supply,
        demand.skill_places,
        demand.skill_future,
        ctx.sources.skill_label,
    )
    return Table(
        name="skills",
        title="Vaardigheden: aanbod, vraag en mismatch | Skills: supply, demand and mismatch",
        description=(
            "Per regio en ESCO-vaardigheid: werkzoekenden die de vaardigheid hebben "
            "(selfie), en plaatsen in vacatures en toekomstige functies waarvoor ze "
            "essentieel is. Gekozen: de 50 landelijk meest gevraagde, de 10 meest gevraagde "
            "per regio en de 50 landelijk meest aangeboden. Een persoon telt bij elke "
            "vaardigheid die hij heeft. | Per region and ESCO skill: jobseekers who have it, "
            "and places in vacancies and future functions that need it."
        ),
        columns=[
            region_column(ctx),
            Column(
                "skill_id",
                "string",
                "ESCO-vaardigheid",
                "ESCO v1.1.1 skill id (UUID). | ESCO skill id.",
                {"required": True},
            ),
            Column(
                "label_nl",
                "string",
                "Naam (NL)",
                "Nederlandse naam uit ESCO (soms leeg: ESCO heeft er weinig). | "
                "Dutch ESCO label (often missing).",
            ),
            Column(
                "label_en",
                "string",
                "Naam (EN)",
                "Engelse naam uit ESCO. | English ESCO label.",
                {"required": True},
            ),
            count_column(
                "jobseekers",
                "Aanbod",
                "Werkzoekenden met deze vaardigheid. | Jobseekers with this skill.",
            ),
            *_mismatch_columns(),
        ],
        primary_key=["region_code", "skill_id"],
        rows=rows,
    )


def build_occupation_groups(ctx: Context) -> Table:
    """Occupation groups wished for and asked for per region, with the mismatch index."""
    groups = list(ctx.sources.reference.isco_groups)
    demand = ctx.sources.demand
    rows = _supply_and_demand(
        ctx,
        groups,
        "isco_group",
        lambda p: p.occupation_groups,
        set(),
        demand.group_places,
        demand.group_future,
        ctx.sources.reference.isco_groups.__getitem__,
    )
    return Table(
        name="occupation_groups",
        title="Beroepsgroepen: aanbod, vraag en mismatch | "
        "Occupation groups: supply, demand and mismatch",
        description=(
            "Per regio en ISCO-08-beroepsgroep (2 cijfers): werkzoekenden die werk in die "
            "groep wensen (selfie: wensen), en plaatsen in vacatures en toekomstige functies "
            "in die groep. Een persoon telt bij elke groep die hij wenst. | Per region and "
            "ISCO-08 sub-major group: jobseekers who wish work in it, and places in "
            "vacancies and future functions in it."
        ),
        columns=[
            region_column(ctx),
            Column(
                "isco_group",
                "string",
                "ISCO-08-groep",
                "ISCO-08 sub-major group (2 digits).",
                {"required": True, "pattern": "^[0-9]{2}$"},
            ),
            Column(
                "label_nl",
                "string",
                "Naam (NL)",
                "Nederlandse naam (ESCO). | Dutch label.",
                {"required": True},
            ),
            Column(
                "label_en",
                "string",
                "Naam (EN)",
                "Engelse naam (ESCO). | English label.",
                {"required": True},
            ),
            count_column(
                "jobseekers",
                "Aanbod",
                "Werkzoekenden die werk in deze groep wensen. | "
                "Jobseekers who wish work in this group.",
            ),
            *_mismatch_columns(),
        ],
        primary_key=["region_code", "isco_group"],
        rows=rows,
    )


# --- Open hiring -------------------------------------------------------------------------


def build_open_hiring(ctx: Context) -> Table:
    """Open-hiring places against people in line, and the time from signing to starting."""
    found = ctx.sources.open_hiring
    codes = [*ctx.region_codes, OTHER]

    def per_row(counter: Counter[str | None]) -> dict[str, int]:
        return {code: _regional(counter, ctx, code) for code in codes}

    started_counter: Counter[str | None] = Counter(
        {region: len(days) for region, days in found.days_to_start.items()}
    )
    lines = {"people_in_line": per_row(found.in_line), "started": per_row(started_counter)}
    shown: dict[str, dict[str, int | None]] = {}
    for name, parts in lines.items():
        total = sum(parts.values())
        line = privacy.Line(parts=dict(parts), total=total, bounds={})
        hidden = privacy.protect_line(line)
        shown[name] = {code: privacy.publish(v, code in hidden) for code, v in parts.items()}
        shown[name][NATIONAL] = privacy.publish(total, privacy.LINE_TOTAL in hidden)

    def regions_of(code: str) -> list[str | None]:
        if code == NATIONAL:
            return list(found.days_to_start)
        if code == OTHER:
            return [r for r in found.days_to_start if r not in ctx.sources.reference.regions]
        return [code]

    rows = []
    for code in ctx.all_codes:
        started = shown["started"][code]
        # The median is published only with its count: a median under a left-out count
        # would tell that count is at least 10.
        median = found.median_days(regions_of(code)) if started is not None else None
        rows.append(
            {
                "region_code": code,
                "vacancies": privacy.round_count(_regional(found.vacancies, ctx, code)),
                "places": privacy.round_count(_regional(found.places, ctx, code)),
                "people_in_line": shown["people_in_line"][code],
                "started": started,
                "median_days_to_start": None if median is None else round(median),
            }
        )
    return Table(
        name="open_hiring",
        title="Open hiring: plaatsen, wachtenden en starttijd | "
        "Open hiring: places, people in line and time to start",
        description=(
            "Per regio van de vacature: gepubliceerde open-hiring-vacatures en hun plaatsen, "
            "mensen op de lijsten (wachtend, gepauzeerd of met een aanbod), mensen die "
            "begonnen, en de mediaan van het aantal dagen van inschrijven tot beginnen. Wie "
            "op lijsten in twee regio's staat, telt in beide; NL is de som van de regio's. | "
            "Per region of the vacancy: open-hiring vacancies and places, people in line, "
            "people who started, and the median days from signing to starting."
        ),
        columns=[
            region_column(ctx),
            plain_count_column(
                "vacancies",
                "Vacatures",
                "Gepubliceerde open-hiring-vacatures. | Published open-hiring vacancies.",
            ),
            plain_count_column(
                "places", "Plaatsen", "Plaatsen in die vacatures. | Places in those vacancies."
            ),
            count_column(
                "people_in_line",
                "Op de lijst",
                "Mensen op een lijst (wachtend, gepauzeerd of met een aanbod). | People in line.",
            ),
            count_column(
                "started",
                "Begonnen",
                "Mensen die via open hiring begonnen (ooit). | "
                "People who started through open hiring.",
            ),
            Column(
                "median_days_to_start",
                "integer",
                "Dagen tot start (mediaan)",
                "Mediaan van de dagen van inschrijven tot beginnen, per persoon de eerste "
                "start; alleen als `started` gepubliceerd is. | Median days from signing to "
                "starting; only when `started` is published.",
                {"minimum": 0},
            ),
        ],
        primary_key=["region_code"],
        rows=rows,
    )


# --- Work against education: learning offers for the most-missing skills -----------------


def _demand_of(row: dict[str, Any]) -> int:
    return int(row["demand_vacancies"]) + int(row["demand_future"])


def most_missing(rows: Iterable[dict[str, Any]], n: int = MOST_MISSING) -> list[dict[str, Any]]:
    """The n skill rows of a region with the highest published mismatch index.

    Ties by demand, then by id. A skill whose supply is not published has no index and
    is never chosen, so the choice is made from published figures only.
    """
    ranked = [r for r in rows if r["mismatch_index"] is not None]
    ranked.sort(key=lambda r: (-r["mismatch_index"], -_demand_of(r), r["skill_id"]))
    return ranked[:n]


def build_learning_coverage(ctx: Context) -> Table:
    """Per region, its most-missing skills and the learning offers that teach them."""
    learning = ctx.sources.learning
    by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in ctx.tables["skills"].rows:
        by_region[row["region_code"]].append(row)
    national_offers: Counter[str] = Counter()
    for (_region, skill), count in learning.offers.items():
        national_offers[skill] += count
    rows = []
    for code in [*ctx.region_codes, NATIONAL]:
        # A gap is a shortage: more asked for than on offer (index above 0).
        gaps = [r for r in most_missing(by_region.get(code, [])) if r["mismatch_index"] > 0]
        for rank, row in enumerate(gaps, start=1):
            skill = row["skill_id"]
            offers = national_offers[skill] if code == NATIONAL else learning.offers[(code, skill)]
            rows.append(
                {
                    "region_code": code,
                    "rank": rank,
                    "skill_id": skill,
                    "label_nl": row["label_nl"],
                    "label_en": row["label_en"],
                    "mismatch_index": row["mismatch_index"],
                    "offers": privacy.round_count(offers),
                    "online_offers": privacy.round_count(learning.online[skill]),
                }
            )
    return Table(
        name="learning_coverage",
        title="Werk tegenover opleiding | Work against education",
        description=(
            "Per regio de (hoogstens 10) vaardigheden met de hoogste mismatch-index boven 0 "
            "(uit `skills`: meer gevraagd dan aangeboden), en hoeveel actieve leeraanbiedingen "
            "ze leren: in de regio (de postcode van het aanbod ligt in de regio) en online "
            "(overal te volgen, dus in elke regio hetzelfde). NL: landelijk. | Per region "
            "its (at most 10) skills with the highest mismatch index above 0 (from `skills`), "
            "and how many active learning offers teach them: in the region (the offer's "
            "postcode lies in it) and online (anywhere, so the same in every region)."
        ),
        columns=[
            Column(
                "region_code",
                "string",
                "Arbeidsmarktregio",
                "Code van de arbeidsmarktregio (AM01 … AM38); NL: heel Nederland. | Labour "
                "market region code; NL: the whole country.",
                {"required": True, "enum": [*ctx.region_codes, NATIONAL]},
            ),
            Column(
                "rank",
                "integer",
                "Plaats",
                "1: de hoogste mismatch-index van de regio. | 1: the region's highest index.",
                {"required": True, "minimum": 1, "maximum": MOST_MISSING},
            ),
            Column(
                "skill_id",
                "string",
                "ESCO-vaardigheid",
                "ESCO v1.1.1 skill id (UUID). | ESCO skill id.",
                {"required": True},
            ),
            Column(
                "label_nl",
                "string",
                "Naam (NL)",
                "Nederlandse naam uit ESCO (soms leeg). | Dutch ESCO label (often missing).",
            ),
            Column(
                "label_en",
                "string",
                "Naam (EN)",
                "Engelse naam uit ESCO. | English ESCO label.",
                {"required": True},
            ),
            Column(
                "mismatch_index",
                "number",
                "Mismatch-index",
                "De mismatch-index uit `skills` (boven 0: een tekort). | The mismatch index "
                "from `skills` (above 0: a shortage).",
                {"required": True, "minimum": -1, "maximum": 1},
            ),
            plain_count_column(
                "offers",
                "Leeraanbod in de regio",
                "Actieve leeraanbiedingen die de vaardigheid leren, met een postcode in de "
                "regio (ook online met een postcode daar). | Active learning offers teaching "
                "the skill whose postcode lies in the region.",
            ),
            plain_count_column(
                "online_offers",
                "Online leeraanbod",
                "Actieve online leeraanbiedingen die de vaardigheid leren, in heel Nederland. "
                "| Active online learning offers teaching the skill, anywhere.",
            ),
        ],
        primary_key=["region_code", "skill_id"],
        rows=rows,
    )


# --- Distance: how far the fitting work is from the people -------------------------------

DISTANCE_BANDS = ("0-5", "5-10", "10-25", "25+")
NO_WORK = "geen"  # no fitting published vacancy with a location at all
_BAND_LIMITS = (5.0, 10.0, 25.0)
# Grid cells of about 5 km: at least _CELL_KM each way anywhere in the Netherlands (lat
# 50.7 … 53.6), so after searching k rings of cells around a person's own, every point
# not yet seen is more than k * _CELL_KM away.
_CELL_LAT = 0.045
_CELL_LON = 0.075
_CELL_KM = 4.9
_RINGS = math.ceil(_BAND_LIMITS[-1] / _CELL_KM)
_ALL = "*"


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_LAT), math.floor(lon / _CELL_LON)


def _ring(row: int, col: int, k: int) -> Iterable[tuple[int, int]]:
    """The cells at Chebyshev distance k from (row, col)."""
    if k == 0:
        yield row, col
        return
    for dc in range(-k, k + 1):
        yield row - k, col + dc
        yield row + k, col + dc
    for dr in range(-k + 1, k):
        yield row + dr, col - k
        yield row + dr, col + k


class _NearestWork:
    """The distance to the nearest published vacancy per ISCO group, up to 25 km."""

    def __init__(self, points: Iterable[Any]) -> None:
        self.cells: dict[str, dict[tuple[int, int], list[tuple[float, float]]]] = {}
        for point in points:
            for group in (point.isco_group, _ALL):
                by_cell = self.cells.setdefault(group, {})
                by_cell.setdefault(_cell(point.lat, point.lon), []).append((point.lat, point.lon))
        self.memo: dict[tuple[str, str], float | None] = {}

    def km(self, pc4: str, lat: float, lon: float, group: str) -> float | None:
        """The distance in km if under 25, inf if further, None if the group has no work."""
        key = (pc4, group)
        if key in self.memo:
            return self.memo[key]
        by_cell = self.cells.get(group)
        found: float | None = None
        if by_cell:
            # Nearest by a local flat projection (exact enough under 30 km to choose the
            # point), then the haversine of that point, as matching measures distance.
            ky = 110.57
            kx = 111.32 * math.cos(math.radians(lat))
            best, nearest = math.inf, None
            row, col = _cell(lat, lon)
            for k in range(_RINGS + 1):
                # Rings 0 … k-1 are searched: anything unseen is over (k - 1) cells away.
                if best <= ((k - 1) * _CELL_KM) ** 2:
                    break
                for cell in _ring(row, col, k):
                    for point in by_cell.get(cell, ()):
                        dy = (point[0] - lat) * ky
                        dx = (point[1] - lon) * kx
                        squared = dx * dx + dy * dy
                        if squared < best:
                            best, nearest = squared, point
            found = math.inf
            if nearest is not None:
                found = haversine_km(lat, lon, nearest[0], nearest[1])
            if found >= _BAND_LIMITS[-1]:
                found = math.inf
        self.memo[key] = found
        return found


def distance_bands(sources: Sources) -> dict[int, str]:
    """Each jobseeker's band (by `id`) of the distance to the nearest fitting work.

    Fitting work is a published vacancy in an ISCO-08 sub-major group the person wishes
    (matching's wishes: the same group); without wishes every published vacancy fits, as
    matching leaves an empty component out. The distance is from the centroid of the
    selfie's PC4 to the vacancy's (as matching measures it).
    """
    nearest = _NearestWork(sources.work_points)
    points = sources.reference.postcode_points
    bands: dict[int, str] = {}
    for person in sources.jobseekers:
        where = points.get(person.pc4 or "")
        if where is None:
            bands[id(person)] = UNKNOWN
            continue
        lat, lon = where
        found = [
            nearest.km(person.pc4 or "", lat, lon, group)
            for group in sorted(person.occupation_groups or {_ALL})
        ]
        distances = [d for d in found if d is not None]
        if not distances:
            bands[id(person)] = NO_WORK
            continue
        km = min(distances)
        band = next(
            (b for b, limit in zip(DISTANCE_BANDS, _BAND_LIMITS, strict=False) if km < limit),
            DISTANCE_BANDS[-1],
        )
        bands[id(person)] = band
    return bands


def build_distance(ctx: Context) -> Table:
    """Jobseekers per region by the distance to their nearest fitting vacancy: a grid."""
    bands = distance_bands(ctx.sources)
    breakdown = Breakdown(
        "distance",
        "distance_band",
        "Afstand tot passend werk | Distance to fitting work",
        "Afstand in km van de postcode van de werkzoekende tot de dichtstbijzijnde "
        "gepubliceerde vacature in een beroepsgroep (ISCO-08, 2 cijfers) die hij wenst; "
        "zonder wensen telt elke vacature. 0-5 is minder dan 5 km, 25+ is 25 km of meer; "
        "geen: er is geen passende vacature; onbekend: geen postcode. | Distance in km from "
        "the jobseeker's postcode to the nearest published vacancy in an occupation group "
        "they wish (any vacancy without wishes); geen: no fitting vacancy; onbekend: no "
        "postcode.",
        [*DISTANCE_BANDS, NO_WORK, UNKNOWN],
        lambda p: bands[id(p)],
    )
    return build_breakdown(breakdown)(ctx)


Builder = Callable[[Context], Table]

# In order: later builders may read earlier tables from the context.
FIGURES: list[Builder] = [
    build_regions,
    *(build_breakdown(b) for b in BREAKDOWNS),
    build_skills,
    build_occupation_groups,
    build_open_hiring,
    build_learning_coverage,
    build_distance,
]


def build_all(sources: Sources) -> Context:
    """Build every table of a publication from what was read."""
    totals: Counter[str] = Counter()
    unknown = 0
    for person in sources.jobseekers:
        if person.region in sources.reference.regions:
            totals[person.region] += 1
        else:
            unknown += 1
    regions = {code: totals[code] for code in sources.reference.regions}
    ctx = Context(sources=sources, pooling=privacy.pool_regions(regions, unknown))
    for builder in FIGURES:
        table = builder(ctx)
        ctx.tables[table.name] = table
    return ctx
