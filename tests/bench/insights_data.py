"""Synthetic data for the regional insights: jobseekers with selfies, functions, vacancies,
future functions and open-hiring lists, inserted in bulk.

Used by `tests/bench/insights.py` (100,000 jobseekers, 20,000 vacancies, 5,000 learning
offers) and, in small numbers, by `tests/insights/` (whose tests count the same people
themselves).

The people are drawn from the real reference data: a random Dutch PC4 area (so regions
are as large as their postcode areas), skills taken from a real ESCO occupation's
essential skills, wishes from real occupations, real education levels, and RIASEC
answers to the real 48 items. Accounts are inserted with one shared password hash
(nobody logs in) and the selfie sections straight into `selfie_section`, as stored data.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from backend import db
from backend.accounts.models import Organisation, OrganisationKind, Role, User
from backend.accounts.passwords import hash_password
from backend.learning.models import LearningOffer, LearningOfferSkill
from backend.open_hiring.models import OpenHiringList, PlaceState, QueuePlace
from backend.selfie import riasec
from backend.selfie.models import SelfieSection
from backend.selfie.vocabulary import CEFR_LEVELS, WEEKDAYS
from backend.taxonomy.models import (
    EducationLevel,
    Municipality,
    Occupation,
    OccupationSkill,
    PostcodeNL,
    Relation,
)
from backend.vacancies.models import JobFunction, JobFunctionSkill, Vacancy

CHUNK = 2000
_shared_hash: list[str] = []


def shared_hash() -> str:
    """One real argon2 hash for every generated account (nobody logs in with it)."""
    if not _shared_hash:
        _shared_hash.append(hash_password(f"niet-om-in-te-loggen-{uuid.uuid4().hex}"))
    return _shared_hash[0]


@dataclass
class World:
    """The reference data the generator draws from."""

    postcodes: list[tuple[str, str, float, float, str]]  # pc4, region, lat, lon, place
    occupations: list[tuple[str, str]]  # id, ISCO group
    essential: dict[str, list[str]]  # occupation id -> essential skill ids
    optional: dict[str, list[str]]
    education: list[str]
    items: dict[str, list[str]] = field(default_factory=dict)  # RIASEC type -> item ids


def load_world(session: Session, occupations: int = 400, seed: int = 1) -> World:
    """Read postcodes, occupations with skills, education levels; `occupations` of them."""
    postcodes = [
        (pc4, region, lat, lon, place)
        for pc4, region, lat, lon, place in session.execute(
            select(
                PostcodeNL.pc4,
                Municipality.region_code,
                PostcodeNL.lat,
                PostcodeNL.lon,
                PostcodeNL.place,
            )
            .join(Municipality, Municipality.code == PostcodeNL.municipality_code)
            .order_by(PostcodeNL.pc4)
        )
    ]
    all_occupations = [
        (str(oid), isco)
        for oid, isco in session.execute(
            select(Occupation.id, Occupation.isco_group).order_by(Occupation.code)
        )
    ]
    chosen = random.Random(seed).sample(all_occupations, min(occupations, len(all_occupations)))
    ids = [uuid.UUID(o) for o, _ in chosen]
    essential: dict[str, list[str]] = {}
    optional: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):
        for oid, sid, relation in session.execute(
            select(
                OccupationSkill.occupation_id, OccupationSkill.skill_id, OccupationSkill.relation
            )
            .where(OccupationSkill.occupation_id.in_(ids[start : start + 500]))
            .order_by(OccupationSkill.occupation_id, OccupationSkill.skill_id)
        ):
            target = essential if relation == Relation.ESSENTIAL else optional
            target.setdefault(str(oid), []).append(str(sid))
    chosen = [(o, isco) for o, isco in chosen if essential.get(o)]
    education = list(
        session.scalars(select(EducationLevel.code).order_by(EducationLevel.sort_order))
    )
    items: dict[str, list[str]] = {}
    for item in riasec.ITEMS:
        items.setdefault(item.type, []).append(item.id)
    return World(postcodes, chosen, essential, optional, education, items)


# --- Jobseekers ------------------------------------------------------------------------


def person_sections(rng: random.Random, world: World) -> dict[str, dict[str, Any]]:
    """One jobseeker's stored selfie sections (some missing, some partial, like real ones)."""
    out: dict[str, dict[str, Any]] = {}
    if rng.random() < 0.95:
        pc4 = rng.choice(world.postcodes)[0]
        out["location"] = {
            "postcode": pc4,
            "max_distance_km": rng.choice([5, 10, 15, 25, 40]),
            "travel_modes": rng.sample(
                ["walk", "bike", "public_transport", "car"], rng.randint(1, 3)
            ),
            "has_driving_licence": rng.random() < 0.5,
        }
    if rng.random() < 0.92:
        days = rng.choices(range(1, 8), weights=[30, 25, 18, 12, 10, 3, 2])[0]
        out["availability"] = {
            "days_per_week": days,
            "schedule": {d: ["morning"] for d in WEEKDAYS[:days]},
            "hours_per_week_min": 4 * days,
            "hours_per_week_max": 8 * days,
        }
    if rng.random() < 0.88:
        out["education"] = {
            "highest_level": rng.choice(world.education),
            "studying_now": rng.random() < 0.1,
        }
    if rng.random() < 0.9:
        base = rng.choices(range(len(CEFR_LEVELS)), weights=[3, 8, 15, 25, 25, 16, 8])[0]
        out["languages"] = {
            "dutch": {
                aspect: CEFR_LEVELS[max(0, min(len(CEFR_LEVELS) - 1, base + rng.randint(-1, 1)))]
                for aspect in ("understanding", "speaking", "writing")
            }
        }
    roll = rng.random()
    if roll < 0.8:
        # 60% answer every item; 20% only a few (no profile yet).
        per_type = 8 if roll < 0.6 else rng.randint(1, 3)
        bias = {t: rng.uniform(-1.5, 1.5) for t in riasec.TYPES}
        out["interests"] = {
            "answers": {
                item: max(1, min(5, round(3 + bias[t] + rng.gauss(0, 1))))
                for t, ids in world.items.items()
                for item in ids[:per_type]
            }
        }
    occupation, _isco = rng.choice(world.occupations)
    if rng.random() < 0.85:
        pool = world.essential[occupation] + world.optional.get(occupation, [])
        skills = rng.sample(pool, min(len(pool), rng.randint(3, 12)))
        out["skills"] = {
            "entries": [
                {"skill_id": s, "level": rng.randint(1, 4), "source": "self"} for s in skills
            ]
        }
    if rng.random() < 0.85:
        wished = {occupation, *(rng.choice(world.occupations)[0] for _ in range(rng.randint(0, 2)))}
        out["wishes"] = {
            "occupation_ids": sorted(wished),
            "work_kinds": ["job"],
        }
    roll = rng.random()
    if roll < 0.08:
        out["visibility"] = {"employers": "none", "statistics": False}
    elif roll < 0.6:
        out["visibility"] = {"employers": "anonymous", "statistics": True}
    return out


def insert_users(conn: Connection, count: int, role: Role, prefix: str) -> list[int]:
    """Insert `count` accounts (one shared hash: nobody logs in); return their ids in order."""
    now = db.utcnow()
    ids: list[int] = []
    for start in range(0, count, CHUNK):
        names = [f"{prefix}-{n}" for n in range(start, min(count, start + CHUNK))]
        conn.execute(
            insert(User),
            [
                {
                    "username": name,
                    "username_key": name,
                    "email": None,
                    "password_hash": shared_hash(),
                    "role": role,
                    "is_active": True,
                    "created_at": now,
                }
                for name in names
            ],
        )
        found = {
            key: uid
            for key, uid in conn.execute(
                select(User.username_key, User.id).where(User.username_key.in_(names))
            )
        }
        ids.extend(found[name] for name in names)
    return ids


def insert_jobseekers(
    conn: Connection, people: Sequence[dict[str, dict[str, Any]]], prefix: str = "zoeker"
) -> list[int]:
    """Insert jobseeker accounts with the given selfie sections; return their ids."""
    ids = insert_users(conn, len(people), Role.JOBSEEKER, prefix)
    now = db.utcnow()
    rows = (
        {"user_id": uid, "name": name, "version": 1, "data": data, "updated_at": now}
        for uid, sections in zip(ids, people, strict=True)
        for name, data in sections.items()
    )
    for batch in _chunks(rows, CHUNK):
        conn.execute(insert(SelfieSection), batch)
    return ids


def _chunks(rows: Iterator[dict[str, Any]] | Any, size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- Functions, vacancies, open hiring --------------------------------------------------


@dataclass
class Work:
    """What `insert_work` made: ids to refer to."""

    organisation_id: int
    function_ids: list[int]
    open_vacancy_ids: list[int]


def insert_work(
    conn: Connection,
    rng: random.Random,
    world: World,
    *,
    vacancies: int,
    functions: int = 1500,
    future_share: float = 0.1,
    today: date | None = None,
) -> Work:
    """One organisation with `functions` functions (some future) and published vacancies."""
    today = today or date.today()
    now = db.utcnow()
    org_id = conn.execute(
        insert(Organisation).returning(Organisation.id),
        {
            "name": "Werkgevers Bench",
            "kind": OrganisationKind.EMPLOYER,
            "postcode": "3511",
            "created_at": now,
        },
    ).scalar_one()
    function_rows = []
    skill_rows: list[dict[str, Any]] = []
    for _n in range(functions):
        occupation, _isco = rng.choice(world.occupations)
        pc4 = rng.choice(world.postcodes)[0]
        future = rng.random() < future_share
        function_rows.append(
            {
                "organisation_id": org_id,
                "occupation_id": uuid.UUID(occupation),
                "title": "Functie",
                "description": "Werk.",
                "tasks": [],
                "postcode": pc4,
                "is_future": future,
                "future_count": rng.randint(1, 40) if future else None,
                "future_date": today + timedelta(days=rng.randint(30, 700)) if future else None,
                "created_at": now,
                "updated_at": now,
            }
        )
    function_ids = list(
        conn.execute(
            insert(JobFunction).returning(JobFunction.id, sort_by_parameter_order=True),
            function_rows,
        ).scalars()
    )
    occupations_of = {}
    for fid, row in zip(function_ids, function_rows, strict=True):
        occupation = str(row["occupation_id"])
        occupations_of[fid] = occupation
        for sid in world.essential[occupation]:
            skill_rows.append(
                {"function_id": fid, "skill_id": uuid.UUID(sid), "importance": "essential"}
            )
        for sid in world.optional.get(occupation, [])[:10]:
            skill_rows.append(
                {"function_id": fid, "skill_id": uuid.UUID(sid), "importance": "optional"}
            )
    for batch in _chunks(iter(skill_rows), CHUNK):
        conn.execute(insert(JobFunctionSkill), batch)
    rows = []
    for n in range(vacancies):
        fid = rng.choice(function_ids)
        pc4, region, lat, lon, place = rng.choice(world.postcodes)
        schedule = {d: ["morning"] for d in rng.sample(WEEKDAYS, rng.randint(1, 5))}
        published = now - timedelta(minutes=rng.randint(0, 60 * 24 * 60))
        rows.append(
            {
                "organisation_id": org_id,
                "organisation_name": "Werkgevers Bench",
                "function_id": fid,
                "occupation_id": uuid.UUID(occupations_of[fid]),
                "title": f"Vacature {n}",
                "description": "Werk in de buurt.",
                "kind": "job",
                "hiring_mode": "open" if rng.random() < 0.3 else "regular",
                "status": "published" if rng.random() < 0.9 else "filled",
                "postcode": pc4,
                "place": place,
                "region_code": region,
                "lat": lat,
                "lon": lon,
                "schedule": schedule,
                "days_mask": sum(1 << WEEKDAYS.index(d) for d in schedule),
                "hours_per_week": rng.choice([8, 16, 24, 32]),
                "start_date": today + timedelta(days=rng.randint(1, 60)),
                "places": rng.randint(1, 5),
                "offer_hours": 48,
                "reconfirm_days": 14,
                "created_at": published,
                "updated_at": published,
                "published_at": published,
            }
        )
    open_ids: list[int] = []
    for batch in _chunks(iter(rows), CHUNK):
        made = conn.execute(
            insert(Vacancy).returning(
                Vacancy.id, Vacancy.hiring_mode, sort_by_parameter_order=True
            ),
            batch,
        ).all()
        open_ids.extend(vid for vid, mode in made if mode == "open")
    return Work(org_id, function_ids, open_ids)


def insert_open_hiring(
    conn: Connection,
    rng: random.Random,
    vacancy_ids: Sequence[int],
    jobseeker_ids: Sequence[int],
    *,
    people_per_list: int = 12,
) -> int:
    """Open-hiring lists on the given vacancies with random jobseekers in every state."""
    now = db.utcnow()
    states = [PlaceState.WAITING] * 6 + [
        PlaceState.PAUSED,
        PlaceState.OFFERED,
        PlaceState.STARTED,
        PlaceState.STARTED,
        PlaceState.WITHDRAWN,
        PlaceState.ACCEPTED,
    ]
    lists = []
    places = []
    for vid in vacancy_ids:
        people = rng.sample(
            list(jobseeker_ids), min(len(jobseeker_ids), rng.randint(0, people_per_list))
        )
        lists.append(
            {"vacancy_id": vid, "last_position": len(people), "places_open": 0, "updated_at": now}
        )
        for position, uid in enumerate(people, start=1):
            signed: datetime = now - timedelta(days=rng.randint(20, 200), minutes=position)
            state = rng.choice(states)
            started = (
                signed + timedelta(days=rng.randint(1, 60)) if state == PlaceState.STARTED else None
            )
            places.append(
                {
                    "vacancy_id": vid,
                    "user_id": uid,
                    "position": position,
                    "state": state,
                    "signed_at": signed,
                    "right_to_work_declared_at": signed,
                    "confirmed_at": signed,
                    "started_at": started,
                    "accepted_at": started,
                }
            )
    for batch in _chunks(iter(lists), CHUNK):
        conn.execute(insert(OpenHiringList), batch)
    for batch in _chunks(iter(places), CHUNK):
        conn.execute(insert(QueuePlace), batch)
    return len(places)


def insert_learning_offers(
    conn: Connection, rng: random.Random, world: World, *, offers: int, online_share: float = 0.2
) -> list[int]:
    """One provider with `offers` learning offers (some online, some archived), each
    teaching a few essential skills of a real occupation (so they meet the demand)."""
    now = db.utcnow()
    org_id = conn.execute(
        insert(Organisation).returning(Organisation.id),
        {
            "name": "Opleiders Bench",
            "kind": OrganisationKind.PROVIDER,
            "postcode": "3511",
            "created_at": now,
        },
    ).scalar_one()
    rows = []
    taught: list[list[str]] = []
    for n in range(offers):
        occupation, _isco = rng.choice(world.occupations)
        skills = world.essential[occupation]
        taught.append(rng.sample(skills, min(len(skills), rng.randint(1, 4))))
        online = rng.random() < online_share
        pc4, region, lat, lon, place = rng.choice(world.postcodes)
        located = not online or rng.random() < 0.5
        rows.append(
            {
                "organisation_id": org_id,
                "organisation_name": "Opleiders Bench",
                "title": f"Cursus {n}",
                "description": "Leer iets nieuws.",
                "kind": "cursus",
                "status": "active" if rng.random() < 0.9 else "archived",
                "online": online,
                "postcode": pc4 if located else None,
                "place": place if located else None,
                "region_code": region if located else None,
                "lat": lat if located else None,
                "lon": lon if located else None,
                "duration_weeks": rng.randint(1, 40),
                "cost": rng.choice(["gratis", "vergoed", "eigen_kosten"]),
                "start_dates": [],
                "created_at": now,
                "updated_at": now,
            }
        )
    ids: list[int] = []
    for batch in _chunks(iter(rows), CHUNK):
        ids += conn.execute(
            insert(LearningOffer).returning(LearningOffer.id, sort_by_parameter_order=True),
            batch,
        ).scalars()
    skill_rows = [
        {"offer_id": oid, "skill_id": uuid.UUID(sid)}
        for oid, skills in zip(ids, taught, strict=True)
        for sid in skills
    ]
    for batch in _chunks(iter(skill_rows), CHUNK):
        conn.execute(insert(LearningOfferSkill), batch)
    return ids
