"""Read what the figures need from the other domains' tables, in one pass each.

The insights domain reads every domain's models and writes none of them (see
../shared/ARCHITECTURE.md). Everything here is a read; the result is plain data
(`Sources`) that the figure builders turn into tables without touching the database.

Who counts: a **jobseeker** is an active jobseeker account with at least one stored
selfie section whose statistics consent is not "no" (`visibility.statistics`, which
defaults to yes, as the selfie documents). A withdrawn consent is read at the moment of
publication, so it counts from the next publication on; published files never change.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from backend import db
from backend.accounts.models import Role, User
from backend.learning.models import LearningOffer, LearningOfferSkill, OfferStatus
from backend.open_hiring.models import PlaceState, QueuePlace
from backend.selfie import sections as selfie_sections
from backend.selfie.models import SelfieSection
from backend.selfie.vocabulary import CEFR_LEVELS
from backend.taxonomy.models import (
    EducationLevel,
    IscoGroup,
    LabourMarketRegion,
    Municipality,
    Occupation,
    PostcodeNL,
    Skill,
)
from backend.vacancies.models import (
    HiringMode,
    JobFunction,
    JobFunctionSkill,
    SkillImportance,
    Vacancy,
    VacancyStatus,
)

# The selfie sections the figures read (basics, experience: never).
SECTIONS = (
    "visibility",
    "location",
    "availability",
    "education",
    "languages",
    "interests",
    "skills",
    "wishes",
)
DUTCH_ASPECTS = ("understanding", "speaking", "writing")
IN_LINE = (PlaceState.WAITING, PlaceState.PAUSED, PlaceState.OFFERED)
BATCH = 5000


@dataclass(frozen=True, slots=True)
class Jobseeker:
    """One consenting jobseeker, reduced to what the figures count."""

    region: str | None  # labour market region of the selfie's postcode
    days_per_week: int | None
    education: str | None  # CBS onderwijsniveau of the highest level
    dutch: str | None  # the lowest of the Dutch levels given (CEFR)
    riasec: str | None  # the first letter of the Holland code
    skills: frozenset[str]  # ESCO skill ids
    occupation_groups: frozenset[str]  # ISCO-08 sub-major groups (2 digits) of the wishes
    # The selfie's PC4 (for the distance to work); not compared: it is not a figure.
    pc4: str | None = field(default=None, compare=False)


@dataclass
class Demand:
    """Work asked for, per region (None: no known region)."""

    vacancies: Counter[str | None] = field(default_factory=Counter)
    vacancy_places: Counter[str | None] = field(default_factory=Counter)
    future_places: Counter[str | None] = field(default_factory=Counter)
    # (region, skill id) -> places of published vacancies whose function needs the skill
    skill_places: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    skill_future: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    # (region, ISCO sub-major group) -> places
    group_places: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    group_future: Counter[tuple[str | None, str]] = field(default_factory=Counter)


@dataclass
class OpenHiring:
    """The open-hiring lists per region of the vacancy (consenting people only)."""

    vacancies: Counter[str | None] = field(default_factory=Counter)
    places: Counter[str | None] = field(default_factory=Counter)
    # region -> persons in line (waiting, paused or offered) on a published list there
    in_line: Counter[str | None] = field(default_factory=Counter)
    # region -> days from signing to starting, one per person (their first start there)
    days_to_start: dict[str | None, list[float]] = field(default_factory=dict)

    def started(self, region: str | None) -> int:
        return len(self.days_to_start.get(region, []))

    def median_days(self, regions: Iterable[str | None]) -> float | None:
        values = [d for r in regions for d in self.days_to_start.get(r, [])]
        return statistics.median(values) if values else None


@dataclass
class Learning:
    """Active learning offers per skill they teach (the learning domain)."""

    # (region of the offer's PC4, or None, skill id) -> active offers teaching the skill
    offers: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    # skill id -> active online offers teaching it (they can be followed anywhere)
    online: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class WorkPoint:
    """Where a published vacancy is (its PC4 centroid), and its ISCO-08 sub-major group."""

    isco_group: str
    lat: float
    lon: float


@dataclass
class Reference:
    """Names and codes from the reference data."""

    regions: dict[str, str]  # code -> name, in code order
    isco_groups: dict[str, tuple[str, str]]  # 2-digit code -> (Dutch, English label)
    skill_labels: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    # PC4 -> (lat, lon) of its centroid
    postcode_points: dict[str, tuple[float, float]] = field(default_factory=dict)


@dataclass
class Sources:
    """Everything a publication counts, read at one moment."""

    taken_at: datetime
    reference_date: date
    reference: Reference
    jobseekers: list[Jobseeker]
    demand: Demand
    open_hiring: OpenHiring
    learning: Learning = field(default_factory=Learning)
    work_points: list[WorkPoint] = field(default_factory=list)

    def skill_label(self, skill_id: str) -> tuple[str | None, str]:
        return self.reference.skill_labels.get(skill_id, (None, skill_id))


# --- Reference data ------------------------------------------------------------------


def _postcodes(conn: Connection) -> tuple[dict[str, str], dict[str, tuple[float, float]]]:
    """Every PC4's region, and its centroid."""
    regions: dict[str, str] = {}
    points: dict[str, tuple[float, float]] = {}
    for pc4, lat, lon, region in conn.execute(
        select(PostcodeNL.pc4, PostcodeNL.lat, PostcodeNL.lon, Municipality.region_code).join(
            Municipality, Municipality.code == PostcodeNL.municipality_code, isouter=True
        )
    ):
        if region is not None:
            regions[pc4] = region
        points[pc4] = (lat, lon)
    return regions, points


def _reference(conn: Connection) -> Reference:
    regions = {
        code: name
        for code, name in conn.execute(
            select(LabourMarketRegion.code, LabourMarketRegion.name).order_by(
                LabourMarketRegion.code
            )
        )
    }
    groups = {
        code: (nl, en)
        for code, nl, en in conn.execute(
            select(IscoGroup.code, IscoGroup.label_nl, IscoGroup.label_en)
            .where(func.length(IscoGroup.code) == 2)
            .order_by(IscoGroup.code)
        )
    }
    # Every ESCO skill (about 14,000 short rows): Dutch label (ESCO has few) and English.
    labels = {
        str(sid): (nl, en)
        for sid, nl, en in conn.execute(select(Skill.id, Skill.label_nl, Skill.label_en))
    }
    return Reference(regions=regions, isco_groups=groups, skill_labels=labels)


# --- Jobseekers ------------------------------------------------------------------------


def _lowest_dutch(dutch: Any) -> str | None:
    if not isinstance(dutch, dict):
        return None
    given = [dutch.get(a) for a in DUTCH_ASPECTS if dutch.get(a) in CEFR_LEVELS]
    return min(given, key=CEFR_LEVELS.index) if given else None


def _primary_riasec(data: dict[str, Any]) -> str | None:
    # The selfie's own scoring (backend/selfie/riasec.py): None until every type has
    # enough answers; the Holland code's first letter is the strongest interest.
    answers = data.get("answers")
    if not isinstance(answers, dict) or not answers:
        return None
    profile = selfie_sections.riasec_profile(data)
    return str(profile["holland_code"][0]) if profile else None


class _Person:
    __slots__ = (
        "consents",
        "days",
        "dutch",
        "education",
        "groups",
        "pc4",
        "region",
        "riasec",
        "skills",
    )

    def __init__(self) -> None:
        self.consents = True  # the selfie's default: yes
        self.region: str | None = None
        self.pc4: str | None = None
        self.days: int | None = None
        self.education: str | None = None
        self.dutch: str | None = None
        self.riasec: str | None = None
        self.skills: frozenset[str] = frozenset()
        self.groups: frozenset[str] = frozenset()


def _read_jobseekers(conn: Connection, regions: dict[str, str]) -> dict[int, _Person]:
    """Every jobseeker with a selfie, with what the figures need (consent not applied)."""
    jobseeker = (User.id == SelfieSection.user_id) & (User.role == Role.JOBSEEKER) & User.is_active
    people: dict[int, _Person] = {
        uid: _Person()
        for uid in conn.scalars(select(SelfieSection.user_id).join(User, jobseeker).distinct())
    }
    cbs = {
        code: level.value
        for code, level in conn.execute(select(EducationLevel.code, EducationLevel.cbs_level))
    }
    groups = {
        str(oid): isco[:2]
        for oid, isco in conn.execute(select(Occupation.id, Occupation.isco_group))
    }
    rows = conn.execute(
        select(SelfieSection.user_id, SelfieSection.name, SelfieSection.data)
        .join(User, jobseeker)
        .where(SelfieSection.name.in_(SECTIONS))
        .execution_options(yield_per=BATCH)
    )
    for user_id, name, data in rows:
        person = people.get(user_id)
        if person is None or not isinstance(data, dict):
            continue
        if name == "visibility":
            person.consents = data.get("statistics") is not False
        elif name == "location":
            postcode = str(data.get("postcode") or "")
            person.region = regions.get(postcode)
            person.pc4 = postcode or None
        elif name == "availability":
            days = data.get("days_per_week")
            person.days = days if isinstance(days, int) and 1 <= days <= 7 else None
        elif name == "education":
            person.education = cbs.get(str(data.get("highest_level") or ""))
        elif name == "languages":
            person.dutch = _lowest_dutch(data.get("dutch"))
        elif name == "interests":
            person.riasec = _primary_riasec(data)
        elif name == "skills":
            person.skills = frozenset(
                str(e["skill_id"])
                for e in data.get("entries") or []
                if isinstance(e, dict) and e.get("skill_id")
            )
        elif name == "wishes":
            person.groups = frozenset(
                groups[o] for o in data.get("occupation_ids") or [] if o in groups
            )
    return people


# --- Demand ------------------------------------------------------------------------------


def _read_demand(conn: Connection, today: date, postcode_region: dict[str, str]) -> Demand:
    demand = Demand()
    published = Vacancy.status == VacancyStatus.PUBLISHED
    for region, count, places in conn.execute(
        select(Vacancy.region_code, func.count(), func.sum(Vacancy.places))
        .where(published)
        .group_by(Vacancy.region_code)
    ):
        demand.vacancies[region] += count
        demand.vacancy_places[region] += int(places or 0)
    for region, skill_id, places in conn.execute(
        select(Vacancy.region_code, JobFunctionSkill.skill_id, func.sum(Vacancy.places))
        .join(JobFunctionSkill, JobFunctionSkill.function_id == Vacancy.function_id)
        .where(published, JobFunctionSkill.importance == SkillImportance.ESSENTIAL)
        .group_by(Vacancy.region_code, JobFunctionSkill.skill_id)
    ):
        demand.skill_places[(region, str(skill_id))] += int(places or 0)
    for region, isco, places in conn.execute(
        select(Vacancy.region_code, Occupation.isco_group, func.sum(Vacancy.places))
        .join(Occupation, Occupation.id == Vacancy.occupation_id)
        .where(published)
        .group_by(Vacancy.region_code, Occupation.isco_group)
    ):
        demand.group_places[(region, isco[:2])] += int(places or 0)

    # Future functions: expected demand from their date on; one that is due has become
    # (or should have become) vacancies.
    future = JobFunction.is_future.is_(True) & (JobFunction.future_date >= today)
    for postcode, isco, expected in conn.execute(
        select(JobFunction.postcode, Occupation.isco_group, func.sum(JobFunction.future_count))
        .join(Occupation, Occupation.id == JobFunction.occupation_id)
        .where(future)
        .group_by(JobFunction.postcode, Occupation.isco_group)
    ):
        region = postcode_region.get(postcode or "")
        demand.future_places[region] += int(expected or 0)
        demand.group_future[(region, isco[:2])] += int(expected or 0)
    for postcode, skill_id, expected_for_skill in conn.execute(
        select(JobFunction.postcode, JobFunctionSkill.skill_id, func.sum(JobFunction.future_count))
        .join(JobFunctionSkill, JobFunctionSkill.function_id == JobFunction.id)
        .where(future, JobFunctionSkill.importance == SkillImportance.ESSENTIAL)
        .group_by(JobFunction.postcode, JobFunctionSkill.skill_id)
    ):
        region = postcode_region.get(postcode or "")
        demand.skill_future[(region, str(skill_id))] += int(expected_for_skill or 0)
    return demand


# --- Open hiring ----------------------------------------------------------------------


def _read_open_hiring(conn: Connection, counted: set[int]) -> OpenHiring:
    found = OpenHiring()
    open_published = (Vacancy.status == VacancyStatus.PUBLISHED) & (
        Vacancy.hiring_mode == HiringMode.OPEN
    )
    for region, count, places in conn.execute(
        select(Vacancy.region_code, func.count(), func.sum(Vacancy.places))
        .where(open_published)
        .group_by(Vacancy.region_code)
    ):
        found.vacancies[region] += count
        found.places[region] += int(places or 0)
    in_line: dict[str | None, set[int]] = defaultdict(set)
    for region, user_id in conn.execute(
        select(Vacancy.region_code, QueuePlace.user_id)
        .join(Vacancy, Vacancy.id == QueuePlace.vacancy_id)
        .where(open_published, QueuePlace.state.in_(IN_LINE))
    ):
        if user_id in counted:
            in_line[region].add(user_id)
    found.in_line.update({region: len(users) for region, users in in_line.items()})
    first_start: dict[tuple[str | None, int], tuple[datetime, datetime]] = {}
    for region, user_id, signed_at, started_at in conn.execute(
        select(Vacancy.region_code, QueuePlace.user_id, QueuePlace.signed_at, QueuePlace.started_at)
        .join(Vacancy, Vacancy.id == QueuePlace.vacancy_id)
        .where(QueuePlace.started_at.is_not(None))
    ):
        if user_id not in counted or started_at is None:
            continue
        key = (region, user_id)
        if key not in first_start or started_at < first_start[key][1]:
            first_start[key] = (signed_at, started_at)
    for (region, _user), (signed_at, started_at) in first_start.items():
        days = max(0.0, (started_at - signed_at).total_seconds() / 86400)
        found.days_to_start.setdefault(region, []).append(days)
    return found


# --- Learning offers and where work is -------------------------------------------------


def _read_learning(conn: Connection) -> Learning:
    """Active offers per (region of their PC4, skill), and online offers per skill."""
    found = Learning()
    for region, online, skill_id, count in conn.execute(
        select(
            LearningOffer.region_code,
            LearningOffer.online,
            LearningOfferSkill.skill_id,
            func.count(),
        )
        .join(LearningOfferSkill, LearningOfferSkill.offer_id == LearningOffer.id)
        .where(LearningOffer.status == OfferStatus.ACTIVE)
        .group_by(LearningOffer.region_code, LearningOffer.online, LearningOfferSkill.skill_id)
    ):
        found.offers[(region, str(skill_id))] += count
        if online:
            found.online[str(skill_id)] += count
    return found


def _read_work_points(conn: Connection) -> list[WorkPoint]:
    """Published vacancies with a location: one point per (place, ISCO sub-major group)."""
    points = set()
    for isco, lat, lon in conn.execute(
        select(Occupation.isco_group, Vacancy.lat, Vacancy.lon)
        .join(Occupation, Occupation.id == Vacancy.occupation_id)
        .where(
            Vacancy.status == VacancyStatus.PUBLISHED,
            Vacancy.lat.is_not(None),
            Vacancy.lon.is_not(None),
        )
        .distinct()
    ):
        if lat is not None and lon is not None:
            points.add(WorkPoint(isco[:2], float(lat), float(lon)))
    return sorted(points, key=lambda p: (p.isco_group, p.lat, p.lon))


# --- All of it ---------------------------------------------------------------------


def gather(now: datetime | None = None) -> Sources:
    """Read everything a publication counts."""
    taken_at = now or db.utcnow()
    engine = db.engine()
    # PostgreSQL: one read-only snapshot for every query, so the tables agree with each
    # other even while people keep writing. (SQLite reads each query's own snapshot.)
    options: dict[str, Any] = (
        {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        if engine.dialect.name == "postgresql"
        else {}
    )
    # Core, not the ORM: a publication reads about a million rows, and the ORM's loading
    # machinery cost a third of the time here.
    with engine.connect().execution_options(**options) as conn:
        reference = _reference(conn)
        postcode_region, postcode_points = _postcodes(conn)
        reference.postcode_points = postcode_points
        people = _read_jobseekers(conn, postcode_region)
        counted = {uid for uid, p in people.items() if p.consents}
        jobseekers = [
            Jobseeker(
                region=p.region,
                days_per_week=p.days,
                education=p.education,
                dutch=p.dutch,
                riasec=p.riasec,
                skills=p.skills,
                occupation_groups=p.groups,
                pc4=p.pc4,
            )
            for uid, p in people.items()
            if uid in counted
        ]
        demand = _read_demand(conn, taken_at.date(), postcode_region)
        open_hiring = _read_open_hiring(conn, counted)
        learning = _read_learning(conn)
        work_points = _read_work_points(conn)
        conn.rollback()
    return Sources(
        taken_at=taken_at,
        reference_date=taken_at.date(),
        reference=reference,
        jobseekers=jobseekers,
        demand=demand,
        open_hiring=open_hiring,
        learning=learning,
        work_points=work_points,
    )
