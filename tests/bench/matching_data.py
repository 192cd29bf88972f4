"""The matching benchmark's synthetic data, and its in-process timings (run as a child).

    python -m tests.bench.matching_data generate URL --people 100000 --vacancies 10000 --offers 5000
    python -m tests.bench.matching_data add-vacancies URL --count 10000
    python -m tests.bench.matching_data time URL --samples 200
    python -m tests.bench.matching_data tokens URL --count 100

Every run needs the server's environment (INSTANCE_PATH, DATABASE_URL) and a migrated
database with the reference data. The data is made in bulk, not through the services
(those would take hours), but from the same rules: each person's `match_profile` row is
`backend.matching.projection.build` of a generated selfie, exactly what the selfie
listener would have written; functions take their occupation's ESCO skills, as
`create_function` does; vacancies and offers copy their postcode's centroid and region.

People and vacancies sit at random Dutch PC4 areas (every area equally likely, so they
are as dense as the postcode areas: many in the Randstad, few in the north). Their work
comes from one pool of 600 real occupations, so people's skills and wishes meet the
vacancies' needs as they would in a region: partly.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import func, insert, select

from backend.db import utcnow

SEED = 20261205
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("morning", "afternoon", "evening")
WORK_KINDS = ("job", "stage", "opdracht", "open_hiring", "volunteering")
LEVELS = ("VMBO_BB", "MBO_1", "MBO_2", "MBO_2", "MBO_3", "MBO_4", "HAVO", "BACHELOR_HBO")
RADII = (5, 10, 10, 15, 15, 15, 20, 20, 25, 30, 40)
BATCH = 2000
POOL = 600
ORGANISATIONS = 2000
PROVIDERS = 200


def _app(url: str) -> Any:
    from backend import create_app

    return create_app({"DATABASE_URL": url, "RATELIMIT_ENABLED": False})


def _insert(table: Any, rows: list[dict[str, Any]], *, returning: Any = None) -> list[Any]:
    from backend import db

    found: list[Any] = []
    with db.engine().begin() as conn:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            if returning is not None:
                found += conn.execute(insert(table).returning(returning), chunk).scalars().all()
            else:
                conn.execute(insert(table), chunk)
    return found


class World:
    """Reference data the generator draws from."""

    def __init__(self, rng: random.Random) -> None:
        from backend import db
        from backend.taxonomy.models import (
            Municipality,
            Occupation,
            OccupationSkill,
            PostcodeNL,
            Relation,
        )

        session = db.read_session()
        self.places = session.execute(
            select(
                PostcodeNL.pc4,
                PostcodeNL.lat,
                PostcodeNL.lon,
                PostcodeNL.place,
                Municipality.region_code,
            )
            .join(Municipality, Municipality.code == PostcodeNL.municipality_code)
            .order_by(PostcodeNL.pc4)
        ).all()
        counts = (
            select(OccupationSkill.occupation_id, func.count().label("n"))
            .where(OccupationSkill.relation == Relation.ESSENTIAL)
            .group_by(OccupationSkill.occupation_id)
            .subquery()
        )
        candidates = list(
            session.scalars(
                select(Occupation.id)
                .join(counts, counts.c.occupation_id == Occupation.id)
                .where(counts.c.n >= 5)
                .order_by(Occupation.code)
            )
        )
        self.pool = [str(o) for o in rng.sample(candidates, POOL)]
        self.essential: dict[str, list[str]] = {o: [] for o in self.pool}
        self.optional: dict[str, list[str]] = {o: [] for o in self.pool}
        rows = session.execute(
            select(
                OccupationSkill.occupation_id, OccupationSkill.skill_id, OccupationSkill.relation
            )
            .where(OccupationSkill.occupation_id.in_([uuid.UUID(o) for o in self.pool]))
            .order_by(OccupationSkill.occupation_id, OccupationSkill.skill_id)
        )
        for occupation_id, skill_id, relation in rows:
            target = self.essential if relation == Relation.ESSENTIAL else self.optional
            target[str(occupation_id)].append(str(skill_id))


def _schedule(rng: random.Random, low: int, high: int) -> dict[str, list[str]]:
    days = rng.sample(WEEKDAYS, rng.randint(low, high))
    return {d: sorted(rng.sample(PARTS, rng.randint(1, 2))) for d in days}


def _selfie(rng: random.Random, world: World) -> dict[str, dict[str, Any]]:
    from backend.selfie import riasec

    pc4 = rng.choice(world.places).pc4
    done = rng.sample(world.pool, rng.randint(1, 2))
    skills: list[str] = []
    for occupation_id in done:
        essential = world.essential[occupation_id]
        skills += rng.sample(essential, max(1, round(len(essential) * rng.uniform(0.4, 1.0))))
    wished = rng.sample(world.pool, rng.randint(1, 3))
    if rng.random() < 0.6:
        wished[0] = done[0]
    low = rng.choice((4, 8, 12, 16, 24))
    sections: dict[str, dict[str, Any]] = {
        "basics": {"birth_year": rng.randint(1960, 2007)},
        "location": {"postcode": pc4, "max_distance_km": rng.choice(RADII)},
        "availability": {
            "schedule": _schedule(rng, 1, 5),
            "hours_per_week_min": low,
            "hours_per_week_max": rng.randint(low, 40),
        },
        "skills": {"entries": [{"skill_id": s, "level": 3} for s in dict.fromkeys(skills)]},
        "education": {"highest_level": rng.choice(LEVELS), "studying_now": False},
        "wishes": {
            "occupation_ids": list(dict.fromkeys(wished)),
            "work_kinds": rng.sample(WORK_KINDS, rng.randint(1, 3)),
        },
        "visibility": {
            "employers": rng.choice(("none", "none", "anonymous", "anonymous", "full")),
            "statistics": rng.random() < 0.9,
        },
    }
    if rng.random() < 0.7:
        answers = {
            item.id: rng.randint(1, 5)
            for kind in riasec.TYPES
            for item in [i for i in riasec.ITEMS if i.type == kind][:4]
        }
        sections["interests"] = {"answers": answers}
    return sections


def make_people(count: int, rng: random.Random, world: World) -> list[int]:
    from backend import db
    from backend.accounts.models import User
    from backend.matching import projection
    from backend.matching.models import MatchProfile

    now = db.utcnow()
    users = [
        {
            "username": f"bench-p{n}",
            "username_key": f"bench-p{n}",
            "password_hash": "!bench",
            "role": "jobseeker",
            "is_active": True,
            "created_at": now,
        }
        for n in range(count)
    ]
    ids = _insert(User.__table__, users, returning=User.__table__.c.id)
    profiles = [
        {**projection.build(_selfie(rng, world)), "user_id": uid, "updated_at": now} for uid in ids
    ]
    _insert(MatchProfile.__table__, profiles)
    return [int(i) for i in ids]


def make_organisations(
    rng: random.Random, world: World, kind: str, count: int
) -> list[dict[str, Any]]:
    from backend.accounts.models import Organisation

    rows = [
        {
            "name": f"Bench {kind} {n}",
            "kind": kind,
            "postcode": rng.choice(world.places).pc4,
            "created_at": utcnow(),
        }
        for n in range(count)
    ]
    ids = _insert(Organisation.__table__, rows, returning=Organisation.__table__.c.id)
    return [{**row, "id": oid} for row, oid in zip(rows, ids, strict=True)]


def make_functions(
    rng: random.Random, world: World, organisations: list[dict[str, Any]]
) -> dict[int, list[dict[str, Any]]]:
    from backend.vacancies.models import JobFunction, JobFunctionSkill

    now = utcnow()
    rows = []
    for org in organisations:
        for occupation_id in rng.sample(world.pool, rng.randint(2, 3)):
            rows.append(
                {
                    "organisation_id": org["id"],
                    "occupation_id": uuid.UUID(occupation_id),
                    "title": f"Functie {occupation_id[:8]}",
                    "description": "Werk.",
                    "tasks": [],
                    "education_level": rng.choice((None, None, "MBO_1", "MBO_2", "MBO_3", "MBO_4")),
                    "postcode": org["postcode"],
                    "is_future": False,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    ids = _insert(JobFunction.__table__, rows, returning=JobFunction.__table__.c.id)
    skills = []
    by_org: dict[int, list[dict[str, Any]]] = {}
    for row, fid in zip(rows, ids, strict=True):
        occupation_id = str(row["occupation_id"])
        entries = [(s, "essential") for s in world.essential[occupation_id]]
        entries += [(s, "optional") for s in world.optional[occupation_id]]
        for skill_id, importance in entries[:200]:
            skills.append(
                {"function_id": fid, "skill_id": uuid.UUID(skill_id), "importance": importance}
            )
        by_org.setdefault(row["organisation_id"], []).append({**row, "id": fid})
    _insert(JobFunctionSkill.__table__, skills)
    return by_org


def make_vacancies(
    count: int,
    rng: random.Random,
    world: World,
    organisations: list[dict[str, Any]],
    functions: dict[int, list[dict[str, Any]]],
) -> None:
    from backend.vacancies import service as vacancies
    from backend.vacancies.models import Vacancy

    now = utcnow()
    rows = []
    for _ in range(count):
        org = rng.choice(organisations)
        function = rng.choice(functions[org["id"]])
        pc4, lat, lon, place, region = rng.choice(world.places)
        schedule = _schedule(rng, 1, 5)
        published = now - timedelta(minutes=rng.randint(0, 60 * 24 * 60))
        is_open = rng.random() < 0.25
        rows.append(
            {
                "organisation_id": org["id"],
                "organisation_name": org["name"],
                "function_id": function["id"],
                "occupation_id": function["occupation_id"],
                "title": function["title"],
                "description": "Werk in de buurt.",
                "kind": rng.choice(("job", "job", "job", "job", "stage", "opdracht")),
                "hiring_mode": "open" if is_open else "regular",
                "status": "published",
                "postcode": pc4,
                "place": place,
                "region_code": region,
                "lat": lat,
                "lon": lon,
                "schedule": schedule,
                "days_mask": vacancies.days_mask(schedule),
                "hours_per_week": rng.choice((4, 8, 12, 16, 20, 24, 32, 36, 40)),
                "start_date": (now + timedelta(days=rng.randint(1, 60))).date(),
                "places": rng.randint(1, 5),
                "min_age": 18 if is_open and rng.random() < 0.3 else None,
                "offer_hours": 48,
                "reconfirm_days": 14,
                "created_at": published,
                "updated_at": published,
                "published_at": published,
            }
        )
    _insert(Vacancy.__table__, rows)


def make_queues(rng: random.Random, people: list[int]) -> int:
    """Put people on a third of the open-hiring lists (0 to 60 waiting): real queue lengths."""
    from backend import db
    from backend.open_hiring.models import OpenHiringList, QueuePlace
    from backend.vacancies.models import Vacancy

    now = utcnow()
    session = db.read_session()
    open_ids = list(
        session.scalars(
            select(Vacancy.id).where(Vacancy.hiring_mode == "open").order_by(Vacancy.id)
        )
    )
    have = set(session.scalars(select(OpenHiringList.vacancy_id)))
    session.close()
    lists, places = [], []
    for vid in open_ids:
        if vid in have or rng.random() > 1 / 3:
            continue
        waiting = rng.sample(people, rng.randint(0, 60))
        lists.append(
            {"vacancy_id": vid, "last_position": len(waiting), "places_open": 0, "updated_at": now}
        )
        for position, uid in enumerate(waiting, start=1):
            places.append(
                {
                    "vacancy_id": vid,
                    "user_id": uid,
                    "position": position,
                    "state": "waiting",
                    "signed_at": now,
                    "right_to_work_declared_at": now,
                    "confirmed_at": now,
                }
            )
    _insert(OpenHiringList.__table__, lists)
    _insert(QueuePlace.__table__, places)
    return len(places)


def make_offers(
    count: int, rng: random.Random, world: World, providers: list[dict[str, Any]]
) -> None:
    from backend.learning.models import LearningOffer, LearningOfferOccupation, LearningOfferSkill

    now = utcnow()
    rows, chosen = [], []
    for n in range(count):
        provider = rng.choice(providers)
        occupation_id = rng.choice(world.pool)
        essential = world.essential[occupation_id]
        skills = rng.sample(essential, min(len(essential), rng.randint(2, 6)))
        online = rng.random() < 0.2
        pc4, lat, lon, place, region = rng.choice(world.places)
        cost = rng.choice(("gratis", "vergoed", "eigen_kosten"))
        entry = rng.randint(1, 4)
        rows.append(
            {
                "organisation_id": provider["id"],
                "organisation_name": provider["name"],
                "title": f"Cursus {n}",
                "description": "Leren.",
                "kind": rng.choice(
                    ("opleiding", "training", "cursus", "e-learning", "boek", "werkplekleren")
                ),
                "status": "active",
                "entry_level": entry,
                "result_level": min(8, entry + rng.randint(0, 2)),
                "online": online,
                "postcode": None if online else pc4,
                "place": None if online else place,
                "region_code": None if online else region,
                "lat": None if online else lat,
                "lon": None if online else lon,
                "duration_weeks": rng.choice((1, 2, 4, 8, 12, 26, 52)),
                "cost": cost,
                "cost_cents": rng.randint(2500, 150000) if cost == "eigen_kosten" else None,
                "start_dates": [],
                "url": "https://example.nl/cursus",
                "created_at": now,
                "updated_at": now,
            }
        )
        chosen.append((occupation_id, skills))
    ids = _insert(LearningOffer.__table__, rows, returning=LearningOffer.__table__.c.id)
    _insert(
        LearningOfferSkill.__table__,
        [
            {"offer_id": oid, "skill_id": uuid.UUID(s)}
            for oid, (_, skills) in zip(ids, chosen, strict=True)
            for s in skills
        ],
    )
    _insert(
        LearningOfferOccupation.__table__,
        [
            {"offer_id": oid, "occupation_id": uuid.UUID(o)}
            for oid, (o, _) in zip(ids, chosen, strict=True)
        ],
    )


def _organisations(kind: str) -> list[dict[str, Any]]:
    from backend import db
    from backend.accounts.models import Organisation

    rows = db.read_session().execute(
        select(Organisation.id, Organisation.name, Organisation.postcode)
        .where(Organisation.kind == kind)
        .order_by(Organisation.id)
    )
    return [{"id": i, "name": n, "postcode": p} for i, n, p in rows]


def _functions() -> dict[int, list[dict[str, Any]]]:
    from backend import db
    from backend.vacancies.models import JobFunction

    found: dict[int, list[dict[str, Any]]] = {}
    rows = db.read_session().execute(
        select(
            JobFunction.id,
            JobFunction.organisation_id,
            JobFunction.occupation_id,
            JobFunction.title,
        )
    )
    for fid, org, occupation_id, title in rows:
        found.setdefault(org, []).append(
            {"id": fid, "occupation_id": occupation_id, "title": title}
        )
    return found


def generate(args: argparse.Namespace) -> dict[str, Any]:
    from backend.matching import service as matching

    rng = random.Random(args.seed)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    world = World(rng)
    people = make_people(args.people, rng, world)
    timings["people"] = time.perf_counter() - started
    organisations = make_organisations(rng, world, "employer", ORGANISATIONS)
    functions = make_functions(rng, world, organisations)
    make_vacancies(args.vacancies, rng, world, organisations, functions)
    queued = make_queues(rng, people)
    timings["vacancies"] = time.perf_counter() - started - timings["people"]
    providers = make_organisations(rng, world, "provider", PROVIDERS)
    make_offers(args.offers, rng, world, providers)
    started = time.perf_counter()
    cells = matching.refresh_pressure()
    timings["refresh_pressure"] = time.perf_counter() - started
    return {"people": len(people), "queued": queued, "pressure_cells": cells, "seconds": timings}


def add_vacancies(args: argparse.Namespace) -> dict[str, Any]:
    from backend.matching import service as matching

    rng = random.Random(args.seed)
    world = World(random.Random(SEED))  # the same pool as the first run
    from backend import db
    from backend.accounts.models import User

    people = list(db.read_session().scalars(select(User.id).where(User.role == "jobseeker")))
    make_vacancies(args.count, rng, world, _organisations("employer"), _functions())
    queued = make_queues(rng, people)
    started = time.perf_counter()
    cells = matching.refresh_pressure()
    return {
        "queued": queued,
        "pressure_cells": cells,
        "refresh_seconds": time.perf_counter() - started,
    }


# --- Timing, in process ---------------------------------------------------------------------


def samples(rng: random.Random, count: int) -> tuple[list[int], list[int]]:
    """Return seeded samples of people (with a place and a schedule) and open vacancies."""
    from backend import db
    from backend.matching.models import MatchProfile
    from backend.vacancies.models import Vacancy

    session = db.read_session()
    people = list(
        session.scalars(
            select(MatchProfile.user_id)
            .where(MatchProfile.lat.is_not(None), MatchProfile.slots_mask != 0)
            .order_by(MatchProfile.user_id)
        )
    )
    open_ids = list(
        session.scalars(
            select(Vacancy.id)
            .where(Vacancy.hiring_mode == "open", Vacancy.status == "published")
            .order_by(Vacancy.id)
        )
    )
    session.close()
    return rng.sample(people, count), rng.sample(open_ids, count)


def time_calls(args: argparse.Namespace) -> dict[str, Any]:
    from backend import db
    from backend.accounts.models import User
    from backend.learning import service as learning
    from backend.matching import service as matching

    people, open_ids = samples(random.Random(args.seed), args.samples)
    calls = {
        "matches": (people, lambda uid: len(matching.best_matches(uid, limit=20)["matches"])),
        "notify": (open_ids, lambda vid: len(matching.people_to_notify(vid))),
        "advice": (people, lambda uid: len(learning.learning_advice(uid)["route"]["steps"])),
    }
    times: dict[str, list[float]] = {name: [] for name in calls}
    times["baseline"] = []
    found: dict[str, list[int]] = {name: [] for name in calls}

    def baseline(uid: int) -> None:
        started = time.perf_counter()
        db.read_session().execute(select(User.id).where(User.id == uid)).scalar_one()
        times["baseline"].append((time.perf_counter() - started) * 1000)
        db.Session.remove()

    for timed in [False] + [True] * args.rounds:
        for name, (keys, call) in calls.items():
            for key in keys:
                started = time.perf_counter()
                result = call(key)
                elapsed = (time.perf_counter() - started) * 1000
                db.Session.remove()
                if timed:
                    times[name].append(elapsed)
                    found[name].append(result)
                    baseline(people[len(times[name]) % len(people)])
    return {
        "times": times,
        "found": {name: statistics.median(values) for name, values in found.items()},
    }


def tokens(args: argparse.Namespace) -> dict[str, Any]:
    from flask import current_app

    from backend import db
    from backend.accounts import auth
    from backend.accounts.models import User

    people, _ = samples(random.Random(args.seed), args.count)
    users = {u.id: u for u in db.read_session().scalars(select(User).where(User.id.in_(people)))}
    with current_app.test_request_context():
        return {"tokens": [auth.issue_api_tokens(users[uid])["access_token"] for uid in people]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("generate", "add-vacancies", "time", "tokens"))
    parser.add_argument("url")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=10_000)
    parser.add_argument("--offers", type=int, default=5_000)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    app = _app(args.url)
    commands = {
        "generate": generate,
        "add-vacancies": add_vacancies,
        "time": time_calls,
        "tokens": tokens,
    }
    with app.app_context():
        result = commands[args.command](args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
