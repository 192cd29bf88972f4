"""FunctieHuis: functions and vacancies of employer organisations, and the public search.

Only members of the owning organisation write. A stranger gets 403 for something that
exists and 404 for something that does not, as the organisations endpoints answer.
The search reads only this domain's `vacancy` table: place, region and coordinates are
copied onto the vacancy from the postcode when it is set.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import (
    String,
    Table,
    and_,
    bindparam,
    func,
    literal,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from backend import db
from backend.accounts import service as accounts
from backend.errors import Conflict, DomainError, InvalidFields, InvalidInput, NotFound
from backend.notifications import service as notifications
from backend.selfie import service as selfie
from backend.selfie.export import register_exporter
from backend.taxonomy import service as taxonomy
from backend.vacancies.models import (
    HiringMode,
    InterestShare,
    JobFunction,
    JobFunctionSkill,
    SkillImportance,
    Vacancy,
    VacancyInterest,
    VacancyKind,
    VacancyStatus,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("morning", "afternoon", "evening")
ALL_DAYS_MASK = (1 << len(WEEKDAYS)) - 1
SORTS = ("distance", "newest")
DEFAULT_DISTANCE_KM = 25
MAX_DISTANCE_KM = 250
MAX_SKILLS = 200
MAX_TASKS = 30
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = 111.2
# Publishing needs these; `missing` names them by these keys.
REQUIRED_TO_PUBLISH = (
    "title",
    "description",
    "postcode",
    "schedule",
    "hours_per_week",
    "start_date",
    "places",
)
# Who may see a vacancy that is not a draft: everyone. Ended ones stay readable by id
# (a jobseeker's list still points at them) but leave the search.
ENDED = (VacancyStatus.FILLED, VacancyStatus.CLOSED, VacancyStatus.EXPIRED)


VACANCIES = cast(Table, Vacancy.__table__)
# The search sorts by this without turning it into a datetime (a few thousand rows per
# search): fixed-width ISO text on SQLite, so text order is time order; a datetime
# from the driver on PostgreSQL. Values are only compared with each other.
PUBLISHED_ORDER = type_coerce(VACANCIES.c.published_at, String)


class Gone(DomainError):
    """410: the vacancy existed and was public, but has ended."""

    status, code = 410, "gone"


class InvalidTransition(Conflict):
    code = "invalid_transition"


@dataclass(frozen=True)
class SkillView:
    skill_id: uuid.UUID
    label: str
    importance: SkillImportance


@dataclass(frozen=True)
class RegionView:
    code: str
    name: str


@dataclass(frozen=True)
class SearchFilters:
    """What the search asks for; None means "any"."""

    postcode: str | None = None
    distance_km: int = DEFAULT_DISTANCE_KM
    region: str | None = None
    kind: VacancyKind | None = None
    occupation_id: uuid.UUID | None = None
    hours_min: int | None = None
    hours_max: int | None = None
    days: tuple[str, ...] | None = None
    open_hiring: bool | None = None
    sort: str | None = None


@dataclass(frozen=True)
class SearchPage:
    items: list[dict[str, Any]]
    total: int


@dataclass(frozen=True)
class OpenHiringTerms:
    """What the open-hiring list needs to know about its vacancy."""

    vacancy_id: int
    organisation_id: int
    title: str
    status: VacancyStatus
    hiring_mode: HiringMode
    places: int
    min_age: int | None
    offer_hours: int
    reconfirm_days: int


# --- Reference data, remembered per process --------------------------------------------


@lru_cache(maxsize=4096)
def _postcode(pc4: str) -> taxonomy.Postcode | None:
    # Reference data changes only with a new import; a restart picks that up.
    return taxonomy.find_postcode(pc4)


@lru_cache(maxsize=1)
def _region_names() -> dict[str, str]:
    return {region.code: region.name for region in taxonomy.list_regions()}


def _region(code: str | None) -> RegionView | None:
    if code is None:
        return None
    return RegionView(code=code, name=_region_names().get(code, code))


def _known_postcode(raw: str, field: str = "postcode") -> taxonomy.Postcode:
    pc4 = taxonomy.normalise_postcode(raw)
    if pc4 is None:
        raise InvalidInput(field, taxonomy.POSTCODE_HINT)
    found = _postcode(pc4)
    if found is None:
        raise InvalidInput(field, "We do not know this postcode.")
    return found


# --- Checks -------------------------------------------------------------------------


def _check_hours(low: int | None, high: int | None, field: str) -> None:
    if low is not None and high is not None and low > high:
        raise InvalidInput(field, "The maximum is lower than the minimum.")


def _skills_from_occupation(occupation_id: uuid.UUID) -> list[dict[str, Any]]:
    occupation = taxonomy.get_occupation(occupation_id)
    entries = [
        {"skill_id": s.id, "importance": SkillImportance.ESSENTIAL}
        for s in occupation.essential_skills
    ]
    entries += [
        {"skill_id": s.id, "importance": SkillImportance.OPTIONAL}
        for s in occupation.optional_skills
    ]
    return entries[:MAX_SKILLS]


def _check_skills(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        key = str(entry["skill_id"])
        if key in seen:
            errors[f"skills.{index}.skill_id"] = ["Each skill may appear only once."]
        seen.add(key)
    known = taxonomy.skill_labels(list(seen))
    for index, entry in enumerate(entries):
        if str(entry["skill_id"]) not in known:
            errors.setdefault(f"skills.{index}.skill_id", []).append("No skill with this id.")
    if errors:
        raise InvalidFields(errors)
    return entries


def _skill_row(entry: dict[str, Any]) -> JobFunctionSkill:
    return JobFunctionSkill(
        skill_id=uuid.UUID(str(entry["skill_id"])),
        importance=SkillImportance(entry.get("importance", SkillImportance.ESSENTIAL)),
    )


def _check_function_fields(values: dict[str, Any]) -> None:
    _check_hours(
        values.get("hours_per_week_min"), values.get("hours_per_week_max"), "hours_per_week_max"
    )
    level = values.get("education_level")
    if level is not None and not taxonomy.education_level_exists(level):
        raise InvalidInput("education_level", "No education level with this code.")
    if values.get("is_future"):
        errors = {}
        if not values.get("future_count"):
            errors["future_count"] = ["A future function needs the number of people expected."]
        if not values.get("future_date"):
            errors["future_date"] = ["A future function needs the date the demand starts."]
        if errors:
            raise InvalidFields(errors)


# --- Functions -----------------------------------------------------------------------


def _function_view(function: JobFunction) -> dict[str, Any]:
    labels = taxonomy.skill_labels([str(s.skill_id) for s in function.skills])
    skills = sorted(
        (
            SkillView(
                skill_id=s.skill_id,
                label=labels.get(str(s.skill_id), str(s.skill_id)),
                importance=s.importance,
            )
            for s in function.skills
        ),
        key=lambda s: (s.importance != SkillImportance.ESSENTIAL, s.label.casefold()),
    )
    return {
        "id": function.id,
        "organisation_id": function.organisation_id,
        "occupation_id": function.occupation_id,
        "title": function.title,
        "description": function.description,
        "tasks": list(function.tasks),
        "skills": skills,
        "education_level": function.education_level,
        "hours_per_week_min": function.hours_per_week_min,
        "hours_per_week_max": function.hours_per_week_max,
        "postcode": function.postcode,
        "is_future": function.is_future,
        "future_count": function.future_count,
        "future_date": function.future_date,
        "created_at": function.created_at,
        "updated_at": function.updated_at,
    }


def _function_for_member(session: Session, user_id: int, function_id: int) -> JobFunction:
    function = session.get(JobFunction, function_id)
    if function is None:
        raise NotFound("No function with this id.")
    accounts.require_membership(user_id, function.organisation_id)
    return function


def create_function(user_id: int, organisation_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Describe a function of the organisation, from an ESCO occupation."""
    organisation = accounts.get_organisation(user_id, organisation_id)
    if not taxonomy.occupation_exists(data["occupation_id"]):
        raise InvalidInput("occupation_id", "No ESCO occupation with this id.")
    occupation_id = uuid.UUID(str(data["occupation_id"]))
    values = {**data, "occupation_id": occupation_id}
    _check_function_fields(values)
    if values.get("postcode") is not None:
        values["postcode"] = _known_postcode(values["postcode"]).pc4
    else:
        values["postcode"] = organisation.postcode
    skills = values.pop("skills", None)
    skills = _check_skills(skills) if skills is not None else _skills_from_occupation(occupation_id)
    if not values.get("title"):
        values["title"] = taxonomy.get_occupation(occupation_id).label[:120]
    values.setdefault("description", "")
    values.setdefault("tasks", [])
    if not values.get("is_future"):
        values["future_count"] = values["future_date"] = None
    now = db.utcnow()
    with db.transaction() as session:
        function = JobFunction(
            organisation_id=organisation_id, created_at=now, updated_at=now, **values
        )
        function.skills = [_skill_row(entry) for entry in skills]
        session.add(function)
        session.flush()
        return _function_view(function)


def list_functions(user_id: int, organisation_id: int) -> list[dict[str, Any]]:
    """List the organisation's functions, by title."""
    accounts.require_membership(user_id, organisation_id)
    functions = db.read_session().scalars(
        select(JobFunction)
        .where(JobFunction.organisation_id == organisation_id)
        .order_by(func.lower(JobFunction.title), JobFunction.id)
    )
    return [_function_view(f) for f in functions]


def get_function(user_id: int, function_id: int) -> dict[str, Any]:
    """Show one of the organisation's functions."""
    return _function_view(_function_for_member(db.read_session(), user_id, function_id))


def update_function(user_id: int, function_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Change a function; the fields given replace the stored ones (null clears)."""
    with db.transaction() as session:
        function = _function_for_member(session, user_id, function_id)
        values = {
            name: getattr(function, name)
            for name in (
                "hours_per_week_min",
                "hours_per_week_max",
                "education_level",
                "is_future",
                "future_count",
                "future_date",
            )
        }
        values.update(data)
        _check_function_fields(values)
        changes = dict(data)
        if "postcode" in changes:
            changes["postcode"] = (
                _known_postcode(changes["postcode"]).pc4 if changes["postcode"] else None
            )
        if "skills" in changes:
            skills = _check_skills(changes.pop("skills"))
            function.skills = [_skill_row(entry) for entry in skills]
        if changes.get("is_future") is False:
            changes["future_count"] = changes["future_date"] = None
        for name, value in changes.items():
            setattr(function, name, value)
        function.updated_at = db.utcnow()
        session.flush()
        return _function_view(function)


def delete_function(user_id: int, function_id: int) -> None:
    """Delete a function that no vacancy was made from."""
    with db.transaction() as session:
        function = _function_for_member(session, user_id, function_id)
        used = session.scalar(select(func.count()).where(Vacancy.function_id == function_id))
        if used:
            raise Conflict(
                f"{used} vacancies were made from this function; it cannot be deleted.",
                code="function_in_use",
            )
        session.delete(function)


# --- Vacancies -----------------------------------------------------------------------


def days_mask(schedule: dict[str, list[str]] | None) -> int:
    """Return the bit mask of the weekdays with at least one part of the day."""
    mask = 0
    for index, day in enumerate(WEEKDAYS):
        if (schedule or {}).get(day):
            mask |= 1 << index
    return mask


def missing_to_publish(vacancy: Vacancy) -> list[str]:
    """Name what a vacancy still needs before it can be published."""
    missing = []
    for name in REQUIRED_TO_PUBLISH:
        value = getattr(vacancy, name)
        if name == "schedule":
            if not days_mask(value):
                missing.append(name)
        elif value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    return missing


def _public_path(vacancy: Vacancy) -> str | None:
    return f"/vacatures/{vacancy.id}" if vacancy.status == VacancyStatus.PUBLISHED else None


def _vacancy_view(vacancy: Vacancy, distance_km: float | None = None) -> dict[str, Any]:
    return {
        "id": vacancy.id,
        "organisation_id": vacancy.organisation_id,
        "organisation_name": vacancy.organisation_name,
        "function_id": vacancy.function_id,
        "occupation_id": vacancy.occupation_id,
        "title": vacancy.title,
        "description": vacancy.description,
        "kind": vacancy.kind,
        "hiring_mode": vacancy.hiring_mode,
        "status": vacancy.status,
        "postcode": vacancy.postcode,
        "place": vacancy.place,
        "region": _region(vacancy.region_code),
        "schedule": vacancy.schedule,
        "hours_per_week": vacancy.hours_per_week,
        "start_date": vacancy.start_date,
        "end_date": vacancy.end_date,
        "closes_on": vacancy.closes_on,
        "places": vacancy.places,
        "min_age": vacancy.min_age,
        "offer_hours": vacancy.offer_hours,
        "reconfirm_days": vacancy.reconfirm_days,
        "created_at": vacancy.created_at,
        "updated_at": vacancy.updated_at,
        "published_at": vacancy.published_at,
        "ended_at": vacancy.ended_at,
        "missing": missing_to_publish(vacancy),
        "public_url": _public_path(vacancy),
        "distance_km": None if distance_km is None else round(distance_km, 1),
    }


def _vacancy_detail(session: Session, vacancy: Vacancy) -> dict[str, Any]:
    view = _vacancy_view(vacancy)
    function = session.get(JobFunction, vacancy.function_id)
    view["skills"] = _function_view(function)["skills"] if function else []
    view["tasks"] = list(function.tasks) if function else []
    view["education_level"] = function.education_level if function else None
    return view


def _set_postcode(vacancy: Vacancy, raw: str | None) -> None:
    if raw is None:
        vacancy.postcode = vacancy.place = vacancy.region_code = None
        vacancy.lat = vacancy.lon = None
        return
    found = _known_postcode(raw)
    vacancy.postcode = found.pc4
    vacancy.place = found.place
    vacancy.region_code = found.region.code
    vacancy.lat = found.lat
    vacancy.lon = found.lon


def _check_dates(vacancy: Vacancy) -> None:
    if vacancy.start_date and vacancy.end_date and vacancy.end_date < vacancy.start_date:
        raise InvalidInput("end_date", "The end date is before the start date.")


def _vacancy_for_member(session: Session, user_id: int, vacancy_id: int) -> Vacancy:
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFound("No vacancy with this id.")
    accounts.require_membership(user_id, vacancy.organisation_id)
    return vacancy


VACANCY_FIELDS = (
    "kind",
    "hiring_mode",
    "title",
    "description",
    "hours_per_week",
    "start_date",
    "end_date",
    "closes_on",
    "places",
    "min_age",
    "offer_hours",
    "reconfirm_days",
)


def _coerce_enums(data: dict[str, Any]) -> dict[str, Any]:
    # Services are called with plain strings too (demo data, tests), not only by schemas.
    data = dict(data)
    if "kind" in data:
        data["kind"] = VacancyKind(data["kind"])
    if "hiring_mode" in data:
        data["hiring_mode"] = HiringMode(data["hiring_mode"])
    return data


def create_vacancy(user_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Make a draft vacancy from one of the organisation's functions."""
    with db.transaction() as session:
        function = session.get(JobFunction, data["function_id"])
        if function is None:
            raise InvalidInput("function_id", "No function with this id.")
        organisation = accounts.get_organisation(user_id, function.organisation_id)
        now = db.utcnow()
        vacancy = Vacancy(
            organisation_id=organisation.id,
            organisation_name=organisation.name,
            function_id=function.id,
            occupation_id=function.occupation_id,
            title=data.get("title") or function.title,
            description=data.get("description") or function.description,
            kind=VacancyKind(data.get("kind", VacancyKind.JOB)),
            hiring_mode=HiringMode(data.get("hiring_mode", HiringMode.REGULAR)),
            status=VacancyStatus.DRAFT,
            schedule=data.get("schedule") or {},
            created_at=now,
            updated_at=now,
        )
        for name in VACANCY_FIELDS:
            if name in data and name not in ("kind", "hiring_mode", "title", "description"):
                setattr(vacancy, name, data[name])
        if data.get("hours_per_week") is None:
            vacancy.hours_per_week = function.hours_per_week_max
        vacancy.days_mask = days_mask(vacancy.schedule)
        _set_postcode(vacancy, data.get("postcode") or function.postcode)
        _check_dates(vacancy)
        session.add(vacancy)
        session.flush()
        return _vacancy_detail(session, vacancy)


def update_vacancy(user_id: int, vacancy_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Change a draft or published vacancy; the fields given replace the stored ones."""
    with db.transaction() as session:
        vacancy = _vacancy_for_member(session, user_id, vacancy_id)
        if vacancy.status in ENDED:
            raise InvalidTransition(f"This vacancy is {vacancy.status.value}; it cannot change.")
        data = _coerce_enums(data)
        if (
            "hiring_mode" in data
            and data["hiring_mode"] != vacancy.hiring_mode
            and vacancy.status != VacancyStatus.DRAFT
        ):
            raise InvalidTransition(
                "The hiring mode cannot change after publishing.", code="hiring_mode_fixed"
            )
        for name in VACANCY_FIELDS:
            if name in data:
                setattr(vacancy, name, data[name])
        if "schedule" in data:
            vacancy.schedule = data["schedule"] or {}
            vacancy.days_mask = days_mask(vacancy.schedule)
        if "postcode" in data:
            _set_postcode(vacancy, data["postcode"])
        _check_dates(vacancy)
        if vacancy.status == VacancyStatus.PUBLISHED:
            missing = missing_to_publish(vacancy)
            if missing:
                raise InvalidFields(
                    {name: ["A published vacancy needs this."] for name in missing},
                    code="incomplete",
                )
        vacancy.updated_at = db.utcnow()
        session.flush()
        return _vacancy_detail(session, vacancy)


def publish_vacancy(user_id: int, vacancy_id: int) -> dict[str, Any]:
    """Publish a complete draft; say what is missing otherwise."""
    with db.transaction() as session:
        vacancy = _vacancy_for_member(session, user_id, vacancy_id)
        if vacancy.status != VacancyStatus.DRAFT:
            raise InvalidTransition(
                f"Only a draft can be published; this one is {vacancy.status.value}."
            )
        errors = {name: ["Fill this in before publishing."] for name in missing_to_publish(vacancy)}
        today = db.utcnow().date()
        if vacancy.closes_on is not None and vacancy.closes_on < today:
            errors["closes_on"] = ["This date has passed."]
        if vacancy.end_date is not None and vacancy.end_date < today:
            errors["end_date"] = ["This date has passed."]
        if errors:
            raise InvalidFields(errors, code="incomplete")
        organisation = accounts.get_organisation(user_id, vacancy.organisation_id)
        vacancy.organisation_name = organisation.name
        vacancy.status = VacancyStatus.PUBLISHED
        vacancy.published_at = vacancy.updated_at = db.utcnow()
        session.flush()
        view = _vacancy_detail(session, vacancy)
    if view["hiring_mode"] == HiringMode.OPEN:
        # After the commit: people near are told about the new place (on the task queue).
        notifications.vacancy_published(
            view["id"], title=view["title"], place=view["place"], postcode=view["postcode"]
        )
    return view


def end_vacancy(user_id: int, vacancy_id: int, status: VacancyStatus) -> dict[str, Any]:
    """Mark a vacancy filled or closed (a draft can only be closed)."""
    assert status in (VacancyStatus.FILLED, VacancyStatus.CLOSED)
    with db.transaction() as session:
        vacancy = _vacancy_for_member(session, user_id, vacancy_id)
        allowed = vacancy.status == VacancyStatus.PUBLISHED or (
            vacancy.status == VacancyStatus.DRAFT and status == VacancyStatus.CLOSED
        )
        if not allowed:
            raise InvalidTransition(
                f"A {vacancy.status.value} vacancy cannot become {status.value}."
            )
        vacancy.status = status
        vacancy.ended_at = vacancy.updated_at = db.utcnow()
        session.flush()
        return _vacancy_detail(session, vacancy)


def list_organisation_vacancies(user_id: int, organisation_id: int) -> list[dict[str, Any]]:
    """List every vacancy of the organisation, drafts included, newest first."""
    accounts.require_membership(user_id, organisation_id)
    vacancies = db.read_session().scalars(
        select(Vacancy)
        .where(Vacancy.organisation_id == organisation_id)
        .order_by(Vacancy.created_at.desc(), Vacancy.id.desc())
    )
    return [_vacancy_view(v) for v in vacancies]


def _is_member(user_id: int | None, organisation_id: int) -> bool:
    if user_id is None:
        return False
    try:
        accounts.require_membership(user_id, organisation_id)
    except DomainError:
        return False
    return True


def get_vacancy(vacancy_id: int, *, viewer_id: int | None = None) -> dict[str, Any]:
    """Show a vacancy: to everyone once published, to its organisation's members as a draft."""
    session = db.read_session()
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None or (
        vacancy.status == VacancyStatus.DRAFT and not _is_member(viewer_id, vacancy.organisation_id)
    ):
        # A draft is nobody else's business: it looks like no vacancy at all.
        raise NotFound("No vacancy with this id.")
    return _vacancy_detail(session, vacancy)


def public_page(vacancy_id: int) -> dict[str, Any]:
    """Return what the public page of a published vacancy shows; Gone once it has ended."""
    session = db.read_session()
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.status == VacancyStatus.DRAFT:
        raise NotFound("No vacancy with this id.")
    if vacancy.status != VacancyStatus.PUBLISHED:
        raise Gone("This vacancy is no longer open.")
    view = _vacancy_detail(session, vacancy)
    found = _postcode(vacancy.postcode) if vacancy.postcode else None
    view["province"] = found.province if found else None
    view["municipality"] = found.municipality.name if found else None
    return view


def expire_vacancies(today: date | None = None) -> int:
    """Expire published vacancies whose closing date or end date has passed."""
    today = today or db.utcnow().date()
    now = db.utcnow()
    with db.transaction() as session:
        result = session.execute(
            update(Vacancy)
            .where(
                Vacancy.status == VacancyStatus.PUBLISHED,
                (Vacancy.closes_on < today) | (Vacancy.end_date < today),
            )
            .values(status=VacancyStatus.EXPIRED, ended_at=now, updated_at=now)
        )
    return int(getattr(result, "rowcount", 0) or 0)


# --- Search --------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def within_distance(
    lat: float, lon: float, rows: Iterable[Any], km: float
) -> list[tuple[int, float, Any]]:
    """Keep the (id, lat, lon, published) rows within `km`: (id, distance, published).

    The haversine formula of `haversine_km`, inlined with the origin's terms computed
    once: this loop runs for every vacancy in the bounding box.
    """
    radians, sin, cos, asin, sqrt = math.radians, math.sin, math.cos, math.asin, math.sqrt
    p1, l1 = radians(lat), radians(lon)
    cos_p1 = cos(p1)
    diameter = 2 * EARTH_RADIUS_KM
    hits = []
    for vid, lat2, lon2, published in rows:
        p2 = radians(lat2)
        a = sin((p2 - p1) / 2) ** 2 + cos_p1 * cos(p2) * sin((radians(lon2) - l1) / 2) ** 2
        distance = diameter * asin(min(1.0, sqrt(a)))
        if distance <= km:
            hits.append((vid, distance, published))
    return hits


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """Return (lat_min, lat_max, lon_min, lon_max) of a box holding the circle of `km`."""
    dlat = km / KM_PER_DEGREE_LAT
    # A degree of longitude shrinks with the cosine of the latitude; widen a little
    # so rounding never cuts the circle.
    dlon = km / (KM_PER_DEGREE_LAT * max(math.cos(math.radians(abs(lat) + dlat)), 0.01))
    return lat - dlat * 1.001, lat + dlat * 1.001, lon - dlon * 1.001, lon + dlon * 1.001


def _filter_conditions(filters: SearchFilters) -> list[Any]:
    conditions: list[Any] = [VACANCIES.c.status == VacancyStatus.PUBLISHED]
    if filters.region is not None:
        if filters.region.upper() not in _region_names():
            raise InvalidInput("region", "No labour market region with this code (e.g. AM01).")
        conditions.append(VACANCIES.c.region_code == filters.region.upper())
    if filters.kind is not None:
        conditions.append(VACANCIES.c.kind == filters.kind)
    if filters.occupation_id is not None:
        conditions.append(VACANCIES.c.occupation_id == filters.occupation_id)
    _check_hours(filters.hours_min, filters.hours_max, "hours_max")
    if filters.hours_min is not None:
        conditions.append(VACANCIES.c.hours_per_week >= filters.hours_min)
    if filters.hours_max is not None:
        conditions.append(VACANCIES.c.hours_per_week <= filters.hours_max)
    if filters.days is not None:
        # Every day the vacancy asks for is among the days given.
        other_days = ALL_DAYS_MASK & ~days_mask({day: ["any"] for day in filters.days})
        conditions.append(VACANCIES.c.days_mask.op("&")(other_days) == 0)
    if filters.open_hiring is not None:
        mode = HiringMode.OPEN if filters.open_hiring else HiringMode.REGULAR
        conditions.append(VACANCIES.c.hiring_mode == mode)
    return conditions


def search_vacancies(filters: SearchFilters, *, offset: int, limit: int) -> SearchPage:
    """Find published vacancies: filters, distance from a postcode, newest or nearest first.

    With a postcode, the database reads only the published vacancies inside the
    bounding box of the circle (an index range on lat, lon), and the exact distance is
    computed here for those few; without one, sorting and paging happen in SQL.
    """
    sort = filters.sort or ("distance" if filters.postcode else "newest")
    if sort == "distance" and not filters.postcode:
        raise InvalidInput("sort", "Sorting by distance needs a postcode.")
    conditions = _filter_conditions(filters)
    session = db.read_session()
    distances: dict[int, float] = {}
    if filters.postcode:
        origin = _known_postcode(filters.postcode)
        lat_min, lat_max, lon_min, lon_max = bounding_box(
            origin.lat, origin.lon, filters.distance_km
        )
        # Core columns, not ORM attributes: a few thousand plain tuples come back fast.
        rows = session.execute(
            select(VACANCIES.c.id, VACANCIES.c.lat, VACANCIES.c.lon, PUBLISHED_ORDER).where(
                *conditions,
                VACANCIES.c.lat.between(lat_min, lat_max),
                VACANCIES.c.lon.between(lon_min, lon_max),
            )
        ).all()
        hits = within_distance(origin.lat, origin.lon, rows, filters.distance_km)
        # Newest first (then the highest id); for "distance", a stable sort on the
        # distance keeps that order among vacancies at the same distance.
        hits.sort(key=lambda h: (h[2], h[0]), reverse=True)
        if sort == "distance":
            hits.sort(key=lambda h: h[1])
        total = len(hits)
        distances = {h[0]: h[1] for h in hits[offset : offset + limit]}
        ids = list(distances)
    else:
        total = int(session.scalar(select(func.count()).where(*conditions)) or 0)
        ids = list(
            session.scalars(
                select(Vacancy.id)
                .where(*conditions)
                .order_by(Vacancy.published_at.desc(), Vacancy.id.desc())
                .offset(offset)
                .limit(limit)
            )
        )
    by_id = (
        {v.id: v for v in session.scalars(select(Vacancy).where(Vacancy.id.in_(ids)))}
        if ids
        else {}
    )
    items = [_vacancy_view(by_id[i], distances.get(i)) for i in ids if i in by_id]
    return SearchPage(items=items, total=total)


# --- For the open-hiring list --------------------------------------------------------


def _terms(vacancy: Any) -> OpenHiringTerms:
    return OpenHiringTerms(
        vacancy_id=vacancy.id,
        organisation_id=vacancy.organisation_id,
        title=vacancy.title,
        status=vacancy.status,
        hiring_mode=vacancy.hiring_mode,
        places=vacancy.places,
        min_age=vacancy.min_age,
        offer_hours=vacancy.offer_hours,
        reconfirm_days=vacancy.reconfirm_days,
    )


TERMS_COLUMNS = [
    VACANCIES.c[name]
    for name in (
        "id",
        "organisation_id",
        "title",
        "status",
        "hiring_mode",
        "places",
        "min_age",
        "offer_hours",
        "reconfirm_days",
    )
]
# Every sign-up reads these: one statement, built once.
TERMS = select(*TERMS_COLUMNS).where(VACANCIES.c.id == bindparam("vacancy_id"))


def open_hiring_terms(vacancy_id: int) -> OpenHiringTerms:
    """Return the terms of a vacancy that is not a draft (NotFound otherwise)."""
    row = db.read_session().execute(TERMS, {"vacancy_id": vacancy_id}).one_or_none()
    if row is None or row.status == VacancyStatus.DRAFT:
        raise NotFound("No vacancy with this id.")
    return _terms(row)


def open_hiring_terms_many(vacancy_ids: Iterable[int]) -> dict[int, OpenHiringTerms]:
    """Return the terms of several vacancies by id (missing ones are left out)."""
    ids = list(set(vacancy_ids))
    if not ids:
        return {}
    rows = db.read_session().execute(select(*TERMS_COLUMNS).where(VACANCIES.c.id.in_(ids)))
    return {row.id: _terms(row) for row in rows}


def terms_for_member(user_id: int, vacancy_id: int) -> OpenHiringTerms:
    """Return a vacancy's terms for a member of its organisation (403/404 otherwise)."""
    return _terms(_vacancy_for_member(db.read_session(), user_id, vacancy_id))


def vacancy_titles(vacancy_ids: Iterable[int]) -> dict[int, str]:
    """Return the title of each vacancy by id."""
    ids = list(set(vacancy_ids))
    if not ids:
        return {}
    rows = db.read_session().execute(select(Vacancy.id, Vacancy.title).where(Vacancy.id.in_(ids)))
    return {vid: title for vid, title in rows}


# --- Regular hiring: interest, and the profile shared with it -------------------------

INTERESTS = cast(Table, VacancyInterest.__table__)
MAX_MESSAGE = 1000


class NotInterested(NotFound):
    code = "not_interested"


def _insert_interest_stmt(dialect_name: str) -> Any:
    """INSERT … ON CONFLICT (vacancy_id, user_id) DO NOTHING RETURNING id."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return (
        dialect.insert(INTERESTS)
        .on_conflict_do_nothing(index_elements=["vacancy_id", "user_id"])
        .returning(INTERESTS.c.id)
    )


def _visible_vacancy(session: Session, vacancy_id: int) -> Vacancy:
    # A draft is nobody else's business: it looks like no vacancy at all.
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.status == VacancyStatus.DRAFT:
        raise NotFound("No vacancy with this id.")
    return vacancy


def _interest_view(interest: Any, vacancy: Vacancy) -> dict[str, Any]:
    return {
        "id": interest.id,
        "vacancy_id": vacancy.id,
        "title": vacancy.title,
        "organisation_name": vacancy.organisation_name,
        "vacancy_status": vacancy.status,
        "share": interest.share,
        "message": interest.message,
        "created_at": interest.created_at,
    }


def _clean_message(message: str | None) -> str | None:
    if message is None:
        return None
    message = message.strip()
    if len(message) > MAX_MESSAGE:
        raise InvalidInput("message", f"Use at most {MAX_MESSAGE} characters.")
    return message or None


def show_interest(
    vacancy_id: int, *, user_id: int, share: InterestShare | str, message: str | None = None
) -> dict[str, Any]:
    """Show interest in a published regular vacancy, sharing my profile at `share`."""
    share = InterestShare(share)
    message = _clean_message(message)
    with db.transaction() as session:
        vacancy = _visible_vacancy(session, vacancy_id)
        if vacancy.hiring_mode == HiringMode.OPEN:
            raise Conflict(
                "This vacancy uses open hiring: put yourself on its list instead.",
                code="use_open_hiring",
            )
        if vacancy.status != VacancyStatus.PUBLISHED:
            raise Conflict(
                f"This vacancy is {vacancy.status.value}; it takes no interest any more.",
                code="not_published",
            )
        now = db.utcnow()
        # Two taps at once: the second one inserts nothing (no 500 from the constraint).
        interest_id = session.execute(
            _insert_interest_stmt(session.get_bind().dialect.name),
            {
                "vacancy_id": vacancy_id,
                "user_id": user_id,
                "share": share,
                "message": message,
                "created_at": now,
            },
        ).scalar_one_or_none()
        if interest_id is None:
            raise Conflict(
                "You already showed interest in this vacancy.", code="already_interested"
            )
        interest = session.get(VacancyInterest, interest_id)
        assert interest is not None
        view = _interest_view(interest, vacancy)
        organisation_id = vacancy.organisation_id
    # After the commit, so the inbox never announces an interest that was rolled back.
    notifications.notify_many(
        (member, "vacancy_interest", {"vacancy_id": vacancy_id, "title": view["title"]})
        for member in accounts.member_ids(organisation_id)
    )
    return view


def _my_interest(session: Session, vacancy_id: int, user_id: int) -> VacancyInterest:
    interest = session.scalar(
        select(VacancyInterest).where(
            VacancyInterest.vacancy_id == vacancy_id, VacancyInterest.user_id == user_id
        )
    )
    if interest is None:
        raise NotInterested("You did not show interest in this vacancy.")
    return interest


def get_my_interest(vacancy_id: int, *, user_id: int) -> dict[str, Any]:
    """Return my interest in a vacancy (NotFound when I showed none)."""
    session = db.read_session()
    vacancy = _visible_vacancy(session, vacancy_id)
    return _interest_view(_my_interest(session, vacancy_id, user_id), vacancy)


def withdraw_interest(vacancy_id: int, *, user_id: int) -> None:
    """Withdraw my interest: the row goes, and the employer no longer sees my profile."""
    with db.transaction() as session:
        _visible_vacancy(session, vacancy_id)
        session.delete(_my_interest(session, vacancy_id, user_id))


def list_my_interests(user_id: int) -> list[dict[str, Any]]:
    """Return every vacancy I showed interest in, newest first."""
    rows = db.read_session().execute(
        select(VacancyInterest, Vacancy)
        .join(Vacancy, Vacancy.id == VacancyInterest.vacancy_id)
        .where(VacancyInterest.user_id == user_id)
        .order_by(VacancyInterest.created_at.desc(), VacancyInterest.id.desc())
    )
    return [_interest_view(interest, vacancy) for interest, vacancy in rows]


def list_interests(
    user_id: int, vacancy_id: int, *, lang: str = "nl", offset: int = 0, limit: int = 20
) -> SearchPage:
    """Return a page of a vacancy's interests, newest first, for its organisation's members.

    Each carries the profile its person agreed to show this organisation.
    """
    session = db.read_session()
    _vacancy_for_member(session, user_id, vacancy_id)
    condition = VacancyInterest.vacancy_id == vacancy_id
    total = int(session.scalar(select(func.count()).where(condition)) or 0)
    interests = list(
        session.scalars(
            select(VacancyInterest)
            .where(condition)
            .order_by(VacancyInterest.created_at.desc(), VacancyInterest.id.desc())
            .offset(offset)
            .limit(limit)
        )
    )
    profiles = selfie.shared_profiles({i.user_id: i.share.value for i in interests}, lang)
    items = [
        {
            "id": i.id,
            "created_at": i.created_at,
            "message": i.message,
            "share": i.share,
            "profile": profiles[i.user_id],
        }
        for i in interests
    ]
    return SearchPage(items=items, total=total)


@register_exporter("vacancy_interests")
def export_interests(user_id: int) -> dict[str, Any]:
    """Return the person's interests in vacancies, JSON-ready."""
    return {
        "interests": [
            {
                "vacancy_id": view["vacancy_id"],
                "title": view["title"],
                "organisation_name": view["organisation_name"],
                "share": view["share"].value,
                "message": view["message"],
                "created_at": view["created_at"].isoformat(),
            }
            for view in list_my_interests(user_id)
        ]
    }


# --- For matching -----------------------------------------------------------------------

FUNCTIONS = cast(Table, JobFunction.__table__)
FUNCTION_SKILLS = cast(Table, JobFunctionSkill.__table__)
# The kinds of work of the selfie's wishes that a vacancy can be: open hiring is a kind
# of its own there, whatever the vacancy's kind.
WORK_KINDS = ("job", "stage", "opdracht", "open_hiring")


@dataclass(frozen=True)
class MatchableVacancy:
    """A published vacancy as matching scores it, with its function's skill counts.

    `essential_have` and `optional_have` count the function's skills that are among
    the skill ids the query was given (the person's).
    """

    id: int
    title: str
    organisation_name: str
    place: str | None
    region_code: str | None
    occupation_id: str
    function_id: int
    kind: VacancyKind
    hiring_mode: HiringMode
    lat: float
    lon: float
    schedule: dict[str, list[str]]
    hours_per_week: int | None
    min_age: int | None
    places: int
    education_level: str | None
    essential_total: int
    essential_have: int
    optional_total: int
    optional_have: int
    distance_km: float

    @property
    def work_kind(self) -> str:
        """The kind of work as the selfie's wishes name it (open hiring is its own)."""
        return "open_hiring" if self.hiring_mode == HiringMode.OPEN else self.kind.value


@dataclass(frozen=True)
class FunctionSkills:
    essential: list[str]
    optional: list[str]


def _work_kind_condition(work_kinds: Iterable[str]) -> Any:
    wanted = set(work_kinds)
    parts = []
    if "open_hiring" in wanted:
        parts.append(VACANCIES.c.hiring_mode == HiringMode.OPEN)
    kinds = [VacancyKind(k) for k in sorted(wanted - {"open_hiring"})]
    if kinds:
        parts.append(
            and_(VACANCIES.c.hiring_mode == HiringMode.REGULAR, VACANCIES.c.kind.in_(kinds))
        )
    return or_(*parts) if parts else literal(False)


# A vacancy row with what scoring needs of its function; the skill counts come apart.
MATCHABLE = select(
    VACANCIES.c.id,
    VACANCIES.c.title,
    VACANCIES.c.organisation_name,
    VACANCIES.c.place,
    VACANCIES.c.region_code,
    VACANCIES.c.occupation_id,
    VACANCIES.c.function_id,
    VACANCIES.c.kind,
    VACANCIES.c.hiring_mode,
    VACANCIES.c.lat,
    VACANCIES.c.lon,
    VACANCIES.c.schedule,
    VACANCIES.c.hours_per_week,
    VACANCIES.c.min_age,
    VACANCIES.c.places,
    FUNCTIONS.c.education_level,
    FUNCTIONS.c.updated_at.label("function_updated_at"),
).select_from(VACANCIES.join(FUNCTIONS, FUNCTIONS.c.id == VACANCIES.c.function_id))

# function id → (its updated_at, essential skills, optional skills). A function's skills
# change only with the function (update_function sets updated_at), so a count is reused
# while updated_at is the same: in every process, whoever changed it.
_SKILL_TOTALS: dict[int, tuple[Any, int, int]] = {}
MAX_REMEMBERED_FUNCTIONS = 200_000


def _skill_totals(session: Session, functions: dict[int, Any]) -> dict[int, tuple[int, int]]:
    """Return (essential, optional) skill counts of each function id (→ its updated_at)."""
    stale = [fid for fid, at in functions.items() if _SKILL_TOTALS.get(fid, (None,))[0] != at]
    if len(_SKILL_TOTALS) + len(stale) > MAX_REMEMBERED_FUNCTIONS:
        _SKILL_TOTALS.clear()
        stale = list(functions)
    for start in range(0, len(stale), 5000):
        chunk = stale[start : start + 5000]
        counts = {fid: [0, 0] for fid in chunk}
        rows = session.execute(
            select(FUNCTION_SKILLS.c.function_id, FUNCTION_SKILLS.c.importance, func.count())
            .where(FUNCTION_SKILLS.c.function_id.in_(chunk))
            .group_by(FUNCTION_SKILLS.c.function_id, FUNCTION_SKILLS.c.importance)
        )
        for fid, importance, n in rows:
            counts[fid][0 if importance == SkillImportance.ESSENTIAL else 1] = int(n)
        for fid in chunk:
            _SKILL_TOTALS[fid] = (functions[fid], counts[fid][0], counts[fid][1])
    return {fid: _SKILL_TOTALS[fid][1:] for fid in functions}


def _have_counts(session: Session, skill_ids: list[str]) -> dict[int, tuple[int, int]]:
    """Return, per function that needs any of these skills, how many (essential, optional)."""
    if not skill_ids:
        return {}
    rows = session.execute(
        select(FUNCTION_SKILLS.c.function_id, FUNCTION_SKILLS.c.importance, func.count())
        .where(FUNCTION_SKILLS.c.skill_id.in_([uuid.UUID(s) for s in skill_ids]))
        .group_by(FUNCTION_SKILLS.c.function_id, FUNCTION_SKILLS.c.importance)
    )
    found: dict[int, list[int]] = {}
    for fid, importance, n in rows:
        found.setdefault(fid, [0, 0])[0 if importance == SkillImportance.ESSENTIAL else 1] = int(n)
    return {fid: (have[0], have[1]) for fid, have in found.items()}


def _matchable(
    row: Any, distance_km: float, have: tuple[int, int], totals: tuple[int, int]
) -> MatchableVacancy:
    return MatchableVacancy(
        id=row.id,
        title=row.title,
        organisation_name=row.organisation_name,
        place=row.place,
        region_code=row.region_code,
        occupation_id=str(row.occupation_id),
        function_id=row.function_id,
        kind=row.kind,
        hiring_mode=row.hiring_mode,
        lat=row.lat,
        lon=row.lon,
        schedule=row.schedule or {},
        hours_per_week=row.hours_per_week,
        min_age=row.min_age,
        places=row.places,
        education_level=row.education_level,
        essential_total=totals[0],
        essential_have=have[0],
        optional_total=totals[1],
        optional_have=have[1],
        distance_km=distance_km,
    )


def matchable_near(
    lat: float,
    lon: float,
    km: float,
    *,
    days_mask: int,
    skill_ids: Iterable[str],
    occupation_ids: Iterable[str] = (),
    work_kinds: Iterable[str] | None = None,
    fill: int = 0,
) -> list[MatchableVacancy]:
    """Find the published vacancies within `km` that share a working day and are relevant.

    Relevant: the function needs (essentially or optionally) one of `skill_ids`, or the
    occupation is one of `occupation_ids`. When that finds fewer than `fill`, the
    nearest other vacancies fill up to it. Three reads: per function, how many of the
    skills it needs (the index on job_function_skill.skill_id); the relevant vacancies
    in the bounding box of the circle (the index on status, lat, lon) that share a day
    (a bit test); and the skill counts of functions not counted before in this process.
    The exact distance is the haversine, here.
    """
    lat_min, lat_max, lon_min, lon_max = bounding_box(lat, lon, km)
    skills = list(dict.fromkeys(skill_ids))
    occupations = [uuid.UUID(o) for o in dict.fromkeys(occupation_ids)]
    session = db.read_session()
    have = _have_counts(session, skills)
    base = MATCHABLE.where(
        VACANCIES.c.status == VacancyStatus.PUBLISHED,
        VACANCIES.c.lat.between(lat_min, lat_max),
        VACANCIES.c.lon.between(lon_min, lon_max),
        VACANCIES.c.days_mask.op("&")(days_mask) != 0,
    )
    if work_kinds is not None:
        base = base.where(_work_kind_condition(work_kinds))
    relevance = []
    if skills:
        relevance.append(
            VACANCIES.c.function_id.in_(
                select(FUNCTION_SKILLS.c.function_id).where(
                    FUNCTION_SKILLS.c.skill_id.in_([uuid.UUID(s) for s in skills])
                )
            )
        )
    if occupations:
        relevance.append(VACANCIES.c.occupation_id.in_(occupations))
    rows = list(session.execute(base.where(or_(*relevance))).all()) if relevance else []
    hits = within_distance(lat, lon, ((r.id, r.lat, r.lon, r) for r in rows), km)
    if len(hits) < fill:
        # Too little that fits: add the nearest others (an arithmetic distance for the
        # order; the haversine decides). Enough rows to survive the exact distance.
        scale = math.cos(math.radians(lat))
        nearest = base.order_by(
            (VACANCIES.c.lat - lat) * (VACANCIES.c.lat - lat)
            + (VACANCIES.c.lon - lon) * (VACANCIES.c.lon - lon) * (scale * scale)
        ).limit(fill + len(hits))
        seen = {vid for vid, _, _ in hits}
        more = [r for r in session.execute(nearest).all() if r.id not in seen]
        hits += within_distance(lat, lon, ((r.id, r.lat, r.lon, r) for r in more), km)
    totals = _skill_totals(session, {r.function_id: r.function_updated_at for _, _, r in hits})
    return [
        _matchable(r, d, have.get(r.function_id, (0, 0)), totals[r.function_id]) for _, d, r in hits
    ]


def matchable_vacancy(vacancy_id: int) -> MatchableVacancy:
    """Return one published vacancy as matching scores it (NotFound when not published)."""
    session = db.read_session()
    row = session.execute(
        MATCHABLE.where(VACANCIES.c.id == vacancy_id, VACANCIES.c.status == VacancyStatus.PUBLISHED)
    ).one_or_none()
    if row is None or row.lat is None:
        raise NotFound("No published vacancy with this id.")
    totals = _skill_totals(session, {row.function_id: row.function_updated_at})
    return _matchable(row, 0.0, (0, 0), totals[row.function_id])


def function_skill_ids(
    function_ids: Iterable[int], *, essential_only: bool = False
) -> dict[int, FunctionSkills]:
    """Return the essential and optional skill ids of each function, by function id."""
    ids = list(set(function_ids))
    found: dict[int, FunctionSkills] = {fid: FunctionSkills([], []) for fid in ids}
    if not ids:
        return found
    stmt = (
        select(
            FUNCTION_SKILLS.c.function_id,
            FUNCTION_SKILLS.c.skill_id,
            FUNCTION_SKILLS.c.importance,
        )
        .where(FUNCTION_SKILLS.c.function_id.in_(ids))
        .order_by(FUNCTION_SKILLS.c.function_id, FUNCTION_SKILLS.c.skill_id)
    )
    if essential_only:
        stmt = stmt.where(FUNCTION_SKILLS.c.importance == SkillImportance.ESSENTIAL)
    rows = db.read_session().execute(stmt)
    for fid, skill_id, importance in rows:
        skills = found[fid]
        target = skills.essential if importance == SkillImportance.ESSENTIAL else skills.optional
        target.append(str(skill_id))
    return found


def published_places_by_occupation_region() -> list[tuple[str, str, int]]:
    """Return (occupation id, region code, places) of the published vacancies."""
    rows = db.read_session().execute(
        select(VACANCIES.c.occupation_id, VACANCIES.c.region_code, func.sum(VACANCIES.c.places))
        .where(
            VACANCIES.c.status == VacancyStatus.PUBLISHED,
            VACANCIES.c.region_code.is_not(None),
        )
        .group_by(VACANCIES.c.occupation_id, VACANCIES.c.region_code)
    )
    return [(str(occupation), region, int(places)) for occupation, region, places in rows]
