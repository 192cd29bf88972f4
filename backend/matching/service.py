"""Matching: a person's best vacancies, an employer's candidates, the people to notify.

The person side reads the `match_profile` projection (kept current from the selfie by
projection.py); the vacancy side comes from the vacancies service (the relevant
published vacancies in reach, with their function's skill counts); open-hiring queue
lengths from the open-hiring service. Scoring is scoring.py; the
damping of crowded vacancies is attention.py. See docs/matching.md.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite

from backend import db
from backend.errors import Conflict, InvalidInput
from backend.matching import attention as attention_rules
from backend.matching import interests, projection, scoring
from backend.matching.models import MatchProfile, OccupationPressure
from backend.open_hiring import service as open_hiring
from backend.selfie import service as selfie
from backend.selfie.export import register_exporter
from backend.taxonomy import service as taxonomy
from backend.vacancies import service as vacancies
from backend.vacancies.models import HiringMode, VacancyStatus

PROFILES = cast(Table, MatchProfile.__table__)
PRESSURE = cast(Table, OccupationPressure.__table__)
DEFAULT_LIMIT = 20
MAX_LIMIT = 50
MAX_DISTANCE_KM = 250
# People to notify about a new open-hiring vacancy: within this distance (and within
# their own travel radius), at most NOTIFY_PER_PLACE per place, best matches first.
NOTIFY_RADIUS_KM = 25
NOTIFY_PER_PLACE = 25
# Candidates of a regular vacancy: people within this distance (and their own radius).
CANDIDATE_RADIUS_KM = 50
CONSENTING = ("anonymous", "full")
# A vacancy is "a match" once the person has this share of its essential skills; the
# learning advice calls vacancies below it near misses.
MATCH_COVERAGE = 0.8


@dataclass(frozen=True)
class RankedMatch:
    """A scored vacancy with what the ranking used: its fit and its damping."""

    vacancy: vacancies.MatchableVacancy
    job: scoring.Job
    fit: float
    attention: attention_rules.Attention | None

    @property
    def rank(self) -> float:
        return self.fit * (self.attention.factor if self.attention else 1.0)


@dataclass(frozen=True)
class NearMiss:
    """A vacancy that fits apart from missing essential skills (for the learning advice)."""

    vacancy_id: int
    title: str
    organisation_name: str
    place: str | None
    occupation_id: str
    fit: float
    essential: list[str]


# --- Reference data, remembered per process --------------------------------------------


@cache
def _education_levels() -> dict[str, tuple[int, str, str]]:
    return {
        level.code: (level.eqf, level.name_nl, level.name_en)
        for level in taxonomy.list_education_levels()
    }


def _brief(occupation_id: str) -> taxonomy.OccupationBrief | None:
    return taxonomy.occupation_briefs().get(occupation_id)


# --- The person -----------------------------------------------------------------------


def _profile_row(user_id: int) -> dict[str, Any] | None:
    row = (
        db.read_session()
        .execute(select(PROFILES).where(PROFILES.c.user_id == user_id))
        .mappings()
        .one_or_none()
    )
    return dict(row) if row is not None else None


def _insert_ignoring(dialect: str) -> Any:
    insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert_(PROFILES).on_conflict_do_nothing(index_elements=["user_id"])


def load_profile(user_id: int) -> dict[str, Any]:
    """Return the person's projection; build it from the selfie when there is none yet."""
    row = _profile_row(user_id)
    if row is not None:
        return row
    stored = selfie.load_sections(user_id)
    built = projection.build({name: s.data for name, s in stored.items()})
    if any(s.version for s in stored.values()):
        # A selfie written before the projection existed: store it once. A section
        # write racing with this wins (its listener's upsert); this insert then yields.
        with db.transaction() as session:
            session.execute(
                _insert_ignoring(session.get_bind().dialect.name),
                {**built, "user_id": user_id, "updated_at": db.utcnow()},
            )
        found = _profile_row(user_id)
        if found is not None:
            return found
    return {**built, "user_id": user_id}


def person_of(row: Mapping[str, Any]) -> scoring.Person:
    """Turn a projection row into what scoring needs."""
    wished = tuple(row.get("wished_occupation_ids") or ())
    briefs = [b for b in (_brief(o) for o in wished) if b is not None]
    kinds_mask = int(row.get("work_kinds_mask") or 0)
    return scoring.Person(
        lat=row.get("lat"),
        lon=row.get("lon"),
        max_distance_km=row.get("max_distance_km"),
        days_mask=int(row.get("days_mask") or 0),
        slots_mask=int(row.get("slots_mask") or 0),
        hours_min=row.get("hours_min"),
        hours_max=row.get("hours_max"),
        skill_ids=frozenset(row.get("skill_ids") or ()),
        education_eqf=row.get("education_eqf"),
        birth_year=row.get("birth_year"),
        wished_occupation_ids=wished,
        wished_isco_groups=frozenset(b.isco_group for b in briefs),
        wished_labels=tuple((b.label, b.label_en) for b in briefs),
        work_kinds=frozenset(
            kind for kind, bit in projection.WORK_KIND_BITS.items() if kinds_mask & bit
        ),
        riasec=row.get("riasec"),
    )


def what_is_missing(row: Mapping[str, Any], *, radius_given: bool = False) -> list[str]:
    """Name the selfie fields matching needs and does not have yet."""
    missing = []
    if row.get("lat") is None:
        missing.append("location.postcode")
    if row.get("max_distance_km") is None and not radius_given:
        missing.append("location.max_distance_km")
    if not row.get("slots_mask"):
        missing.append("availability.schedule")
    return missing


# --- The vacancy ----------------------------------------------------------------------


def job_of(vacancy: vacancies.MatchableVacancy) -> scoring.Job:
    """Turn a matchable vacancy into what scoring needs."""
    brief = _brief(vacancy.occupation_id)
    level = _education_levels().get(vacancy.education_level or "")
    return scoring.Job(
        id=vacancy.id,
        occupation_id=vacancy.occupation_id,
        isco_group=brief.isco_group if brief else "",
        occupation_label=(brief.label, brief.label_en) if brief else ("", ""),
        work_kind=vacancy.work_kind,
        slots_mask=scoring.slots_mask(vacancy.schedule),
        hours_per_week=vacancy.hours_per_week,
        distance_km=vacancy.distance_km,
        essential_total=vacancy.essential_total,
        essential_have=vacancy.essential_have,
        optional_total=vacancy.optional_total,
        optional_have=vacancy.optional_have,
        education_eqf=level[0] if level else None,
        education_name=(level[1], level[2]) if level else None,
        min_age=vacancy.min_age,
        interest_profile=interests.occupation_profile(brief.code) if brief else None,
    )


def _pressure(cells: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, int]]:
    """Return (people, places) of each (occupation id, region) cell that has a count."""
    wanted = {(o, r) for o, r in cells if r}
    if not wanted:
        return {}
    rows = db.read_session().execute(
        select(
            PRESSURE.c.occupation_id, PRESSURE.c.region_code, PRESSURE.c.people, PRESSURE.c.places
        ).where(
            tuple_(PRESSURE.c.occupation_id, PRESSURE.c.region_code).in_(
                [(uuid.UUID(o), r) for o, r in wanted]
            )
        )
    )
    return {(str(o), r): (people, places) for o, r, people, places in rows}


def _attention(
    found: list[vacancies.MatchableVacancy],
) -> dict[int, attention_rules.Attention]:
    """Return the damping of each crowded vacancy among `found`, by vacancy id."""
    queues = open_hiring.queue_lengths(v.id for v in found if v.hiring_mode == HiringMode.OPEN)
    cells = _pressure((v.occupation_id, v.region_code or "") for v in found)
    damped = {}
    for v in found:
        people, places = cells.get((v.occupation_id, v.region_code or ""), (0, 0))
        result = attention_rules.attention(
            places=v.places, queue=queues.get(v.id, 0), region_people=people, region_places=places
        )
        if result is not None:
            damped[v.id] = result
    return damped


# --- A person's best vacancies -----------------------------------------------------------


def _rank(
    person: scoring.Person,
    found: list[vacancies.MatchableVacancy],
    radius_km: float,
) -> list[RankedMatch]:
    this_year = db.utcnow().year
    damped = _attention(found)
    ranked = []
    for vacancy in found:
        job = job_of(vacancy)
        if scoring.hard_filters(person, job, this_year=this_year, radius_km=radius_km):
            continue
        fit = scoring.fit(person, job, radius_km=radius_km)
        ranked.append(RankedMatch(vacancy, job, fit, damped.get(vacancy.id)))
    ranked.sort(key=lambda m: (-m.rank, -m.fit, m.vacancy.id))
    return ranked


@cache
def _occupations_by_group() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for brief in taxonomy.occupation_briefs().values():
        groups.setdefault(brief.isco_group, []).append(brief.id)
    return groups


def relevant_occupations(person: scoring.Person) -> list[str]:
    """The wished occupations and those in the same ISCO unit groups."""
    similar = [
        o for g in sorted(person.wished_isco_groups) for o in _occupations_by_group().get(g, [])
    ]
    return list(dict.fromkeys([*person.wished_occupation_ids, *similar]))


def _find(
    row: Mapping[str, Any],
    person: scoring.Person,
    radius_km: float,
    work_kinds: Iterable[str] | None = None,
    fill: int = 0,
) -> list[vacancies.MatchableVacancy]:
    """The vacancies in reach that need one of the person's skills or are work they wish
    (or alike); the nearest others when that gives fewer than `fill`."""
    return vacancies.matchable_near(
        row["lat"],
        row["lon"],
        radius_km,
        days_mask=int(row["days_mask"]),
        skill_ids=sorted(person.skill_ids),
        occupation_ids=relevant_occupations(person),
        work_kinds=work_kinds,
        fill=fill,
    )


def _by_label(labels: Mapping[str, dict[str, str]], ids: Iterable[str]) -> list[dict[str, str]]:
    return sorted((labels[s] for s in ids), key=lambda s: (s["label"].casefold(), s["skill_id"]))


def _component_view(component: scoring.Component) -> dict[str, Any]:
    return {
        "name": component.name,
        "score": None if component.score is None else round(component.score, 3),
        "weight": component.weight,
        "nl": component.nl,
        "en": component.en,
    }


def _vacancy_view(v: vacancies.MatchableVacancy) -> dict[str, Any]:
    return {
        "id": v.id,
        "title": v.title,
        "organisation_name": v.organisation_name,
        "place": v.place,
        "region_code": v.region_code,
        "occupation_id": v.occupation_id,
        "kind": v.kind.value,
        "hiring_mode": v.hiring_mode.value,
        "work_kind": v.work_kind,
        "schedule": v.schedule,
        "hours_per_week": v.hours_per_week,
        "places": v.places,
        "distance_km": round(v.distance_km, 1),
        "public_url": f"/vacatures/{v.id}",
    }


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput("limit", f"Use a number from 1 to {MAX_LIMIT}.")


def best_matches(
    user_id: int,
    *,
    limit: int = DEFAULT_LIMIT,
    distance_km: int | None = None,
    work_kinds: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Return the person's best published vacancies (open hiring included), explained.

    `distance_km` replaces the person's own travel radius for this request; `work_kinds`
    keeps only those kinds of work (job, stage, opdracht, open_hiring).
    """
    _check_limit(limit)
    if distance_km is not None and not 1 <= distance_km <= MAX_DISTANCE_KM:
        raise InvalidInput("distance_km", f"Use a number from 1 to {MAX_DISTANCE_KM}.")
    kinds = None if work_kinds is None else list(dict.fromkeys(work_kinds))
    if kinds is not None:
        unknown = [k for k in kinds if k not in vacancies.WORK_KINDS]
        if unknown or not kinds:
            raise InvalidInput("kind", "Use job, stage, opdracht or open_hiring.")
    row = load_profile(user_id)
    missing = what_is_missing(row, radius_given=distance_km is not None)
    radius = distance_km or row.get("max_distance_km")
    if missing or radius is None:
        return {"matches": [], "missing": missing, "radius_km": radius}
    person = person_of(row)
    ranked = _rank(person, _find(row, person, radius, kinds, fill=limit), radius)[:limit]
    skills = vacancies.function_skill_ids(
        (m.vacancy.function_id for m in ranked), essential_only=True
    )
    gaps = {
        m.vacancy.id: scoring.missing_skills(
            skills[m.vacancy.function_id].essential, person.skill_ids
        )
        for m in ranked
    }
    labels = {
        s["skill_id"]: s
        for s in taxonomy.labelled_skills(sorted({s for g in gaps.values() for s in g}))
    }
    matches = []
    for m in ranked:
        explained = scoring.explain(person, m.job, radius_km=radius)
        matches.append(
            {
                "vacancy": _vacancy_view(m.vacancy),
                "score": round(100 * m.fit),
                "components": [_component_view(c) for c in explained.components],
                "missing_skills": _by_label(labels, gaps[m.vacancy.id]),
                "attention": None
                if m.attention is None
                else {
                    "factor": round(m.attention.factor, 2),
                    "nl": m.attention.nl,
                    "en": m.attention.en,
                },
            }
        )
    return {"matches": matches, "missing": [], "radius_km": radius}


def near_misses(user_id: int, *, limit: int = 20) -> list[NearMiss]:
    """Return the best vacancies in reach the person lacks essential skills for.

    A near miss passes the hard filters and has less than MATCH_COVERAGE of the
    essential skills; the learning advice looks for what closes the gap.
    """
    row = load_profile(user_id)
    radius = row.get("max_distance_km")
    if what_is_missing(row) or radius is None:
        return []
    person = person_of(row)
    misses = [
        m
        for m in _rank(person, _find(row, person, radius), radius)
        if m.vacancy.essential_total
        and m.vacancy.essential_have / m.vacancy.essential_total < MATCH_COVERAGE
    ][:limit]
    skills = vacancies.function_skill_ids(
        (m.vacancy.function_id for m in misses), essential_only=True
    )
    return [
        NearMiss(
            vacancy_id=m.vacancy.id,
            title=m.vacancy.title,
            organisation_name=m.vacancy.organisation_name,
            place=m.vacancy.place,
            occupation_id=m.vacancy.occupation_id,
            fit=m.fit,
            essential=skills[m.vacancy.function_id].essential,
        )
        for m in misses
    ]


# --- People around a vacancy -------------------------------------------------------------


def _people_around(
    vacancy: vacancies.MatchableVacancy, km: float, *conditions: Any
) -> list[tuple[dict[str, Any], float]]:
    """Return the people within `km` of the vacancy and within their own travel radius,
    who share a working day with it, with their distance.

    Two reads: the box of the circle on the (lat, lon) index with only the columns the
    distance needs, then the whole projection rows of the people the haversine keeps.
    """
    lat_min, lat_max, lon_min, lon_max = vacancies.bounding_box(vacancy.lat, vacancy.lon, km)
    days = scoring.days_of_slots(scoring.slots_mask(vacancy.schedule))
    session = db.read_session()
    near = session.execute(
        select(
            PROFILES.c.user_id, PROFILES.c.lat, PROFILES.c.lon, PROFILES.c.max_distance_km
        ).where(
            PROFILES.c.lat.between(lat_min, lat_max),
            PROFILES.c.lon.between(lon_min, lon_max),
            PROFILES.c.days_mask.op("&")(days) != 0,
            PROFILES.c.max_distance_km.is_not(None),
            *conditions,
        )
    ).all()
    radius = {uid: travel for uid, _, _, travel in near}
    hits = {
        uid: d
        for uid, d, _ in vacancies.within_distance(
            vacancy.lat, vacancy.lon, ((uid, la, lo, None) for uid, la, lo, _ in near), km
        )
        if d <= radius[uid]
    }
    if not hits:
        return []
    rows = session.execute(select(PROFILES).where(PROFILES.c.user_id.in_(list(hits)))).mappings()
    found = [(dict(r), hits[r["user_id"]]) for r in rows]
    found.sort(key=lambda item: item[0]["user_id"])
    return found


def _fitting_people(
    vacancy: vacancies.MatchableVacancy, km: float, *conditions: Any
) -> list[tuple[dict[str, Any], scoring.Person, scoring.Job, float]]:
    """The people around the vacancy who pass the hard filters: (row, person, job, radius)."""
    skills = vacancies.function_skill_ids([vacancy.function_id])[vacancy.function_id]
    essential, optional = set(skills.essential), set(skills.optional)
    base = job_of(vacancy)
    this_year = db.utcnow().year
    found = []
    for row, distance_km in _people_around(vacancy, km, *conditions):
        person = person_of(row)
        job = replace(
            base,
            essential_have=len(essential & person.skill_ids),
            optional_have=len(optional & person.skill_ids),
            distance_km=distance_km,
        )
        radius = float(row["max_distance_km"])
        if not scoring.hard_filters(person, job, this_year=this_year, radius_km=radius):
            found.append((row, person, job, radius))
    return found


def people_to_notify(vacancy_id: int) -> list[int]:
    """Return the user ids to tell about a new open-hiring vacancy, best matches first.

    For the push issue: the people within NOTIFY_RADIUS_KM of the place and within
    their own travel radius, who share a working day with it, are old enough for its
    minimum age, want open hiring (or did not say which kinds of work they want), and
    are not on its list yet. At most NOTIFY_PER_PLACE per place minus the people
    already waiting, so a few popular lists do not take everyone's attention.
    """
    vacancy = vacancies.matchable_vacancy(vacancy_id)
    if vacancy.hiring_mode != HiringMode.OPEN:
        raise Conflict("This vacancy does not use open hiring.", code="not_open_hiring")
    waiting = open_hiring.queue_lengths([vacancy_id]).get(vacancy_id, 0)
    room = vacancy.places * NOTIFY_PER_PLACE - waiting
    if room <= 0:
        return []
    open_bit = projection.WORK_KIND_BITS["open_hiring"]
    signed = open_hiring.signed_user_ids(vacancy_id)
    scored = [
        (scoring.fit(person, job, radius_km=radius), row["user_id"])
        for row, person, job, radius in _fitting_people(
            vacancy,
            NOTIFY_RADIUS_KM,
            (PROFILES.c.work_kinds_mask == 0) | (PROFILES.c.work_kinds_mask.op("&")(open_bit) != 0),
        )
        if row["user_id"] not in signed
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [user_id for _, user_id in scored[:room]]


def candidates(
    employer_id: int, vacancy_id: int, *, offset: int, limit: int, lang: str = "nl"
) -> tuple[list[dict[str, Any]], int]:
    """Return a page of the consenting anonymous profiles that fit a regular vacancy.

    Only people who share their profile with employers (anonymous or full) are
    considered, and each is shown through the selfie's anonymous view. The ranking uses
    only what that view shows: skills, availability and education, and the distance in
    5 km steps, each only when its section is shared and complete.
    """
    terms = vacancies.terms_for_member(employer_id, vacancy_id)
    if terms.hiring_mode == HiringMode.OPEN:
        raise Conflict(
            "Open hiring has no candidates: the list decides, not a profile.",
            code="open_hiring_has_no_candidates",
        )
    if terms.status != VacancyStatus.PUBLISHED:
        raise Conflict("Only a published vacancy has candidates.", code="not_published")
    vacancy = vacancies.matchable_vacancy(vacancy_id)
    essential = vacancies.function_skill_ids([vacancy.function_id], essential_only=True)[
        vacancy.function_id
    ].essential
    scored = []
    for row, person, job, radius in _fitting_people(
        vacancy, CANDIDATE_RADIUS_KM, PROFILES.c.employers.in_(CONSENTING)
    ):
        usable = int(row["shared_mask"]) & int(row["complete_mask"])
        only = [
            name
            for name, section in scoring.EMPLOYER_COMPONENTS.items()
            if usable & projection.SECTION_BITS[section]
        ]
        scored.append(
            (scoring.fit(person, job, radius_km=radius, only=only), row, person, job, only, radius)
        )
    scored.sort(key=lambda item: (-item[0], item[1]["user_id"]))
    page = scored[offset : offset + limit]
    views = selfie.anonymous_views([item[1]["user_id"] for item in page], lang)
    gaps = {
        item[1]["user_id"]: scoring.missing_skills(essential, item[2].skill_ids)
        for item in page
        if "essential_skills" in item[4]
    }
    labels = {
        s["skill_id"]: s
        for s in taxonomy.labelled_skills(sorted({s for g in gaps.values() for s in g}))
    }
    items = []
    for fit, row, person, job, only, radius in page:
        view = views.get(row["user_id"])
        if view is None:  # consent withdrawn since the projection was written
            continue
        explained = scoring.explain(person, job, radius_km=radius, only=only, employer=True)
        items.append(
            {
                "profile": view,
                "score": round(100 * fit),
                "components": [_component_view(c) for c in explained.components],
                "missing_skills": _by_label(labels, gaps.get(row["user_id"], [])),
            }
        )
    return items, len(scored)


# --- For statistics ----------------------------------------------------------------------


@dataclass(frozen=True)
class StatisticsPerson:
    """What a regional statistic may use of one person who allows it."""

    skill_ids: frozenset[str]
    wished_occupation_ids: tuple[str, ...]


def statistics_profiles(region_code: str) -> list[StatisticsPerson]:
    """Return the skills and wished occupations of the people in a region who allow statistics."""
    rows = db.read_session().execute(
        select(PROFILES.c.skill_ids, PROFILES.c.wished_occupation_ids).where(
            PROFILES.c.region_code == region_code, PROFILES.c.statistics.is_(True)
        )
    )
    return [
        StatisticsPerson(frozenset(skills or ()), tuple(wished or ())) for skills, wished in rows
    ]


# --- The regional pressure ----------------------------------------------------------------


def refresh_pressure() -> int:
    """Recount, per occupation and region, the people who want it and its open places.

    Run by a periodic task; attention.py reads the counts. Returns the number of cells
    where both are above zero (the only ones stored: nothing else can be crowded).
    """
    people: Counter[tuple[str, str]] = Counter()
    rows = db.read_session().execute(
        select(PROFILES.c.region_code, PROFILES.c.wished_occupation_ids).where(
            PROFILES.c.region_code.is_not(None)
        )
    )
    for region, wished in rows:
        for occupation_id in set(wished or ()):
            people[occupation_id, region] += 1
    now = db.utcnow()
    cells = [
        {
            "occupation_id": uuid.UUID(occupation_id),
            "region_code": region,
            "people": people[occupation_id, region],
            "places": places,
            "computed_at": now,
        }
        for occupation_id, region, places in vacancies.published_places_by_occupation_region()
        if people.get((occupation_id, region)) and places > 0
    ]
    with db.transaction() as session:
        session.execute(delete(PRESSURE))
        if cells:
            session.execute(insert(PRESSURE), cells)
    return len(cells)


# --- The person's own data ---------------------------------------------------------------


@register_exporter("matching")
def export_matching(user_id: int) -> dict[str, Any]:
    """Return the person's matching profile (derived from the selfie), JSON-ready."""
    row = _profile_row(user_id)
    if row is None:
        return {"profile": None}
    row.pop("user_id")
    row["updated_at"] = row["updated_at"].isoformat()
    return {"profile": row}
