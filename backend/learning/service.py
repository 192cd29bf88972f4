"""NationaalLeerAdvies: learning offers of providers, the learning advice, and the demand.

Only members of the owning provider organisation write offers; a stranger gets 403 for
an offer that exists and 404 for one that does not (as for vacancies). Everyone can
search active offers. The advice reads the person's matching profile and near misses
through the matching service; see docs/learning.md.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, and_, func, or_, select
from sqlalchemy.orm import Session

from backend import db
from backend.accounts import service as accounts
from backend.errors import Conflict, DomainError, InvalidFields, InvalidInput, NotFound
from backend.learning import advice, csv_import
from backend.learning.models import (
    CostKind,
    LearningOffer,
    LearningOfferOccupation,
    LearningOfferSkill,
    OfferKind,
    OfferStatus,
)
from backend.matching import service as matching
from backend.notifications import service as notifications
from backend.taxonomy import service as taxonomy
from backend.vacancies import service as vacancies

OFFERS = cast(Table, LearningOffer.__table__)
OFFER_SKILLS = cast(Table, LearningOfferSkill.__table__)
OFFER_OCCUPATIONS = cast(Table, LearningOfferOccupation.__table__)
MAX_SKILLS = 50
MAX_OCCUPATIONS = 20
MAX_START_DATES = 20
MAX_LEVEL = 8
MAX_WEEKS = 520
MAX_PLACES = 10_000
MAX_COST_EUR = Decimal("100000")
DEFAULT_DISTANCE_KM = 25
MAX_DISTANCE_KM = 250
MAX_IMPORT_ROWS = 2000
MAX_IMPORT_BYTES = 2 * 1024 * 1024
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# Published statistics never show a count under this (README, security baseline).
SUPPRESS_BELOW = 10
ADVICE_OFFERS = 10
UNLOCK_LIST = 10
DIGEST_OFFERS = 5
OFFER_FIELDS = (
    "title",
    "description",
    "kind",
    "entry_level",
    "result_level",
    "online",
    "duration_weeks",
    "hours_per_week",
    "cost",
    "start_dates",
    "places",
    "url",
    "contact",
)


class InvalidTransition(Conflict):
    code = "invalid_transition"


class ImportRejected(DomainError):
    """422 with the whole report: which rows would be accepted, which not and why."""

    status, code = 422, "import_rejected"


@dataclass(frozen=True)
class SearchFilters:
    """What the offer search asks for; None means "any"."""

    skill_id: uuid.UUID | None = None
    occupation_id: uuid.UUID | None = None
    postcode: str | None = None
    distance_km: int = DEFAULT_DISTANCE_KM
    entry_level_max: int | None = None
    result_level_min: int | None = None
    cost: tuple[CostKind, ...] | None = None
    cost_max_eur: float | None = None
    online: bool | None = None
    kind: tuple[OfferKind, ...] | None = None


@dataclass(frozen=True)
class SearchPage:
    items: list[dict[str, Any]]
    total: int


# --- Reference data ---------------------------------------------------------------------


def _known_postcode(raw: str) -> taxonomy.Postcode:
    """The postcode's area; a 422 naming `postcode` when it is malformed or unknown."""
    try:
        return taxonomy.get_postcode(raw)
    except NotFound as exc:
        raise InvalidInput("postcode", "We do not know this postcode.") from exc


def _region_names() -> dict[str, str]:
    return {region.code: region.name for region in taxonomy.list_regions()}


def _occupation_labels(occupation_ids: list[str]) -> list[dict[str, str]]:
    briefs = taxonomy.occupation_briefs()
    return [
        {
            "occupation_id": o,
            "label": briefs[o].label if o in briefs else o,
            "label_en": briefs[o].label_en if o in briefs else o,
        }
        for o in occupation_ids
    ]


# --- Checks ---------------------------------------------------------------------------------


def _range(
    errors: dict[str, list[str]], values: dict[str, Any], name: str, low: int, high: int
) -> None:
    value = values.get(name)
    if value is not None and not low <= value <= high:
        errors.setdefault(name, []).append(f"Use a number from {low} to {high}.")


def _uuids(
    errors: dict[str, list[str]], name: str, raw: list[Any], exists: Any, most: int
) -> list[str]:
    found: list[str] = []
    if len(raw) > most:
        errors.setdefault(name, []).append(f"Give at most {most}.")
    for value in raw:
        try:
            key = str(uuid.UUID(str(value)))
        except ValueError:
            errors.setdefault(name, []).append(f"{value} is not an ESCO id.")
            continue
        if key in found:
            errors.setdefault(name, []).append(f"{key} is listed twice.")
        elif not exists(key):
            errors.setdefault(name, []).append(f"{key} is not a known ESCO id.")
        else:
            found.append(key)
    return found


def check_offer(values: dict[str, Any]) -> dict[str, Any]:
    """Check an offer's fields (a request, or a CSV row); return them ready to store.

    Raises InvalidFields naming every wrong field. An update merges the fields given
    with the stored ones first, so every rule sees the whole offer.
    """
    errors: dict[str, list[str]] = {}
    out = {k: v for k, v in values.items() if k in OFFER_FIELDS}
    title = values.get("title")
    if not isinstance(title, str) or not 2 <= len(title.strip()) <= 120:
        errors["title"] = ["Use 2 to 120 characters."]
    else:
        out["title"] = title.strip()
    description = values.get("description") or ""
    if len(description) > 5000:
        errors["description"] = ["Use at most 5,000 characters."]
    out["description"] = description
    for name, enum in (("kind", OfferKind), ("cost", CostKind)):
        try:
            out[name] = enum(values.get(name) or "")
        except ValueError:
            errors[name] = ["Use one of: " + ", ".join(m.value for m in enum) + "."]
    _range(errors, values, "entry_level", 1, MAX_LEVEL)
    _range(errors, values, "result_level", 1, MAX_LEVEL)
    _range(errors, values, "duration_weeks", 1, MAX_WEEKS)
    _range(errors, values, "hours_per_week", 1, 60)
    _range(errors, values, "places", 1, MAX_PLACES)
    if values.get("duration_weeks") is None:
        errors.setdefault("duration_weeks", []).append("Fill this in.")
    entry, result = values.get("entry_level"), values.get("result_level")
    if entry is not None and result is not None and result < entry:
        errors.setdefault("result_level", []).append("The result level is below the entry level.")
    out["online"] = bool(values.get("online", False))
    postcode = values.get("postcode")
    if postcode:
        try:
            found = _known_postcode(str(postcode))
        except InvalidInput as exc:
            errors["postcode"] = list((exc.errors or {}).get("postcode", [exc.message]))
        else:
            out.update(
                postcode=found.pc4,
                place=found.place,
                region_code=found.region.code,
                lat=found.lat,
                lon=found.lon,
            )
    else:
        out.update(postcode=None, place=None, region_code=None, lat=None, lon=None)
        if not out["online"]:
            errors.setdefault("postcode", []).append("Give the postcode, or make it online.")
    cost = out.get("cost")
    amount = values.get("cost_eur")
    if cost == CostKind.EIGEN_KOSTEN:
        price = Decimal(str(amount)) if amount is not None else None
        if price is None:
            errors.setdefault("cost_eur", []).append("Give the price with eigen_kosten.")
        elif (
            not price.is_finite()
            or not Decimal("0.01") <= price <= MAX_COST_EUR
            or price != price.quantize(Decimal("0.01"))
        ):
            errors.setdefault("cost_eur", []).append("Use an amount from 0.01 to 100000 euros.")
        else:
            out["cost_cents"] = int(price * 100)
    else:
        if amount not in (None, 0):
            errors.setdefault("cost_eur", []).append("Only eigen_kosten has a price.")
        out["cost_cents"] = None
    starts = values.get("start_dates") or []
    if len(starts) > MAX_START_DATES:
        errors["start_dates"] = [f"Give at most {MAX_START_DATES} start dates."]
    out["start_dates"] = sorted({d.isoformat() if isinstance(d, date) else str(d) for d in starts})
    url = values.get("url")
    if url is not None and (len(url) > 500 or not URL_RE.match(url)):
        errors["url"] = ["Use a link that starts with https:// or http://."]
    contact = values.get("contact")
    if contact is not None and not 1 <= len(contact.strip()) <= 200:
        errors["contact"] = ["Use 1 to 200 characters."]
    if not url and not (contact or "").strip():
        errors.setdefault("url", []).append("Give a link or a contact.")
    for name in ("title", "description", "contact", "url"):
        text = values.get(name)
        if isinstance(text, str) and csv_import.has_control_characters(text):
            errors.setdefault(name, []).append("Remove the control characters from this text.")
    skills = _uuids(
        errors, "skill_ids", list(values.get("skill_ids") or []), taxonomy.skill_exists, MAX_SKILLS
    )
    if not skills and "skill_ids" not in errors:
        errors["skill_ids"] = ["Name at least one skill the offer teaches."]
    out["skill_ids"] = skills
    out["occupation_ids"] = _uuids(
        errors,
        "occupation_ids",
        list(values.get("occupation_ids") or []),
        taxonomy.occupation_exists,
        MAX_OCCUPATIONS,
    )
    if errors:
        raise InvalidFields(errors)
    return out


# --- Offers -----------------------------------------------------------------------------------


def _offer_view(offer: LearningOffer, distance_km: float | None = None) -> dict[str, Any]:
    return {
        "id": offer.id,
        "organisation_id": offer.organisation_id,
        "organisation_name": offer.organisation_name,
        "title": offer.title,
        "description": offer.description,
        "kind": offer.kind,
        "status": offer.status,
        "skills": taxonomy.labelled_skills(sorted(str(s.skill_id) for s in offer.skills)),
        "occupations": _occupation_labels(sorted(str(o.occupation_id) for o in offer.occupations)),
        "entry_level": offer.entry_level,
        "result_level": offer.result_level,
        "online": offer.online,
        "postcode": offer.postcode,
        "place": offer.place,
        "region_code": offer.region_code,
        "duration_weeks": offer.duration_weeks,
        "hours_per_week": offer.hours_per_week,
        "cost": offer.cost,
        "cost_eur": None if offer.cost_cents is None else offer.cost_cents / 100,
        "start_dates": list(offer.start_dates),
        "places": offer.places,
        "url": offer.url,
        "contact": offer.contact,
        "created_at": offer.created_at,
        "updated_at": offer.updated_at,
        "archived_at": offer.archived_at,
        "distance_km": None if distance_km is None else round(distance_km, 1),
    }


def _apply(offer: LearningOffer, values: dict[str, Any]) -> None:
    for name in (*OFFER_FIELDS, "postcode", "place", "region_code", "lat", "lon", "cost_cents"):
        if name in values:
            setattr(offer, name, values[name])
    if "skill_ids" in values:
        offer.skills = [LearningOfferSkill(skill_id=uuid.UUID(s)) for s in values["skill_ids"]]
    if "occupation_ids" in values:
        offer.occupations = [
            LearningOfferOccupation(occupation_id=uuid.UUID(o)) for o in values["occupation_ids"]
        ]


def _new_offer(
    organisation_id: int, organisation_name: str, values: dict[str, Any]
) -> LearningOffer:
    now = db.utcnow()
    offer = LearningOffer(
        organisation_id=organisation_id,
        organisation_name=organisation_name,
        status=OfferStatus.ACTIVE,
        created_at=now,
        updated_at=now,
    )
    _apply(offer, values)
    return offer


def create_offer(user_id: int, organisation_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Post a learning offer of the provider organisation."""
    organisation = accounts.get_organisation(user_id, organisation_id)
    values = check_offer(data)
    with db.transaction() as session:
        offer = _new_offer(organisation.id, organisation.name, values)
        session.add(offer)
        session.flush()
        view = _offer_view(offer)
    # After the commit: the people whose gap it closes are told (on the task queue).
    notifications.learning_offer_published(view["id"], title=view["title"])
    return view


def _offer_for_member(session: Session, user_id: int, offer_id: int) -> LearningOffer:
    offer = session.get(LearningOffer, offer_id)
    if offer is None:
        raise NotFound("No learning offer with this id.")
    accounts.require_membership(user_id, offer.organisation_id)
    return offer


def _stored_values(offer: LearningOffer) -> dict[str, Any]:
    return {
        **{name: getattr(offer, name) for name in OFFER_FIELDS},
        "postcode": offer.postcode,
        "cost_eur": None if offer.cost_cents is None else Decimal(offer.cost_cents) / 100,
        "skill_ids": [str(s.skill_id) for s in offer.skills],
        "occupation_ids": [str(o.occupation_id) for o in offer.occupations],
    }


def update_offer(user_id: int, offer_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Change an active offer; the fields given replace the stored ones (null clears)."""
    with db.transaction() as session:
        offer = _offer_for_member(session, user_id, offer_id)
        if offer.status == OfferStatus.ARCHIVED:
            raise InvalidTransition("This offer is archived; it cannot change.")
        merged = {**_stored_values(offer), **data}
        if data.get("cost") not in (None, CostKind.EIGEN_KOSTEN) and "cost_eur" not in data:
            merged["cost_eur"] = None  # another kind of cost has no price
        values = check_offer(merged)
        _apply(offer, values)
        offer.updated_at = db.utcnow()
        session.flush()
        return _offer_view(offer)


def archive_offer(user_id: int, offer_id: int) -> dict[str, Any]:
    """Archive an offer: it leaves the search and the advice, and stays readable by id."""
    with db.transaction() as session:
        offer = _offer_for_member(session, user_id, offer_id)
        if offer.status == OfferStatus.ARCHIVED:
            raise InvalidTransition("This offer is archived already.")
        offer.status = OfferStatus.ARCHIVED
        offer.archived_at = offer.updated_at = db.utcnow()
        session.flush()
        return _offer_view(offer)


def get_offer(offer_id: int) -> dict[str, Any]:
    """Show an offer (archived ones too: an advice may still point at them)."""
    offer = db.read_session().get(LearningOffer, offer_id)
    if offer is None:
        raise NotFound("No learning offer with this id.")
    return _offer_view(offer)


def list_organisation_offers(user_id: int, organisation_id: int) -> list[dict[str, Any]]:
    """List every offer of the organisation, archived ones included, newest first."""
    accounts.require_membership(user_id, organisation_id)
    offers = db.read_session().scalars(
        select(LearningOffer)
        .where(LearningOffer.organisation_id == organisation_id)
        .order_by(LearningOffer.created_at.desc(), LearningOffer.id.desc())
    )
    return [_offer_view(o) for o in offers]


# --- Search ---------------------------------------------------------------------------------


def _conditions(filters: SearchFilters) -> list[Any]:
    conditions: list[Any] = [OFFERS.c.status == OfferStatus.ACTIVE]
    if filters.skill_id is not None:
        conditions.append(
            OFFERS.c.id.in_(
                select(OFFER_SKILLS.c.offer_id).where(OFFER_SKILLS.c.skill_id == filters.skill_id)
            )
        )
    if filters.occupation_id is not None:
        conditions.append(
            OFFERS.c.id.in_(
                select(OFFER_OCCUPATIONS.c.offer_id).where(
                    OFFER_OCCUPATIONS.c.occupation_id == filters.occupation_id
                )
            )
        )
    if filters.entry_level_max is not None:
        conditions.append(
            or_(OFFERS.c.entry_level.is_(None), OFFERS.c.entry_level <= filters.entry_level_max)
        )
    if filters.result_level_min is not None:
        conditions.append(OFFERS.c.result_level >= filters.result_level_min)
    if filters.cost is not None:
        conditions.append(OFFERS.c.cost.in_(list(filters.cost)))
    if filters.cost_max_eur is not None:
        cents = round(filters.cost_max_eur * 100)
        conditions.append(or_(OFFERS.c.cost_cents.is_(None), OFFERS.c.cost_cents <= cents))
    if filters.online is not None:
        conditions.append(OFFERS.c.online.is_(filters.online))
    if filters.kind is not None:
        conditions.append(OFFERS.c.kind.in_(list(filters.kind)))
    return conditions


def search_offers(filters: SearchFilters, *, offset: int, limit: int) -> SearchPage:
    """Find active offers: by skill, occupation, level, cost, kind, online, and distance.

    With a postcode: offers on location within the distance, and online offers (distance
    0, unless online=false); nearest first, then newest. Without: newest first.
    """
    conditions = _conditions(filters)
    session = db.read_session()
    distances: dict[int, float] = {}
    if filters.postcode:
        origin = _known_postcode(filters.postcode)
        lat_min, lat_max, lon_min, lon_max = vacancies.bounding_box(
            origin.lat, origin.lon, filters.distance_km
        )
        rows = session.execute(
            select(
                OFFERS.c.id, OFFERS.c.lat, OFFERS.c.lon, OFFERS.c.online, OFFERS.c.created_at
            ).where(
                *conditions,
                or_(
                    OFFERS.c.online.is_(True),
                    and_(
                        OFFERS.c.lat.between(lat_min, lat_max),
                        OFFERS.c.lon.between(lon_min, lon_max),
                    ),
                ),
            )
        ).all()
        hits: list[tuple[int, float, Any]] = []
        for oid, lat, lon, online, created in rows:
            if online:
                hits.append((oid, 0.0, created))
            elif lat is not None:
                km = vacancies.haversine_km(origin.lat, origin.lon, lat, lon)
                if km <= filters.distance_km:
                    hits.append((oid, km, created))
        hits.sort(key=lambda h: (h[2], h[0]), reverse=True)
        hits.sort(key=lambda h: h[1])
        total = len(hits)
        distances = {h[0]: h[1] for h in hits[offset : offset + limit]}
        ids = list(distances)
    else:
        total = int(session.scalar(select(func.count()).where(*conditions)) or 0)
        ids = list(
            session.scalars(
                select(OFFERS.c.id)
                .where(*conditions)
                .order_by(OFFERS.c.created_at.desc(), OFFERS.c.id.desc())
                .offset(offset)
                .limit(limit)
            )
        )
    by_id = (
        {o.id: o for o in session.scalars(select(LearningOffer).where(LearningOffer.id.in_(ids)))}
        if ids
        else {}
    )
    items = [_offer_view(by_id[i], distances.get(i)) for i in ids if i in by_id]
    return SearchPage(items=items, total=total)


# --- Bulk import ----------------------------------------------------------------------------


def import_offers(
    user_id: int, organisation_id: int, content: bytes, *, dry_run: bool = False
) -> dict[str, Any]:
    """Import a catalogue from CSV: every row, or none.

    Each row is checked like a single offer. When any row is wrong, nothing is stored
    and ImportRejected (422) carries the report of every row; otherwise all rows are
    stored in one transaction (not with `dry_run`) and the report lists them.
    """
    organisation = accounts.get_organisation(user_id, organisation_id)
    if len(content) > MAX_IMPORT_BYTES:
        raise InvalidInput("file", f"Send at most {MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
    try:
        rows = csv_import.read_rows(content, max_rows=MAX_IMPORT_ROWS)
    except csv_import.FileProblem as exc:
        raise InvalidInput("file", str(exc)) from exc
    accepted: list[tuple[csv_import.Row, dict[str, Any]]] = []
    rejected: list[dict[str, Any]] = []
    for row in rows:
        errors = dict(row.errors)
        values: dict[str, Any] = {}
        try:
            values = check_offer(row.values)
        except InvalidFields as exc:
            for column, problems in (exc.errors or {}).items():
                errors.setdefault(column, []).extend(
                    p for p in problems if p not in errors.get(column, [])
                )
        if errors:
            rejected.append({"line": row.line, "title": row.values.get("title"), "errors": errors})
        else:
            accepted.append((row, values))
    report: dict[str, Any] = {
        "imported": False,
        "accepted": [
            {"line": row.line, "title": values["title"], "id": None} for row, values in accepted
        ],
        "rejected": rejected,
    }
    if rejected:
        raise ImportRejected(
            f"{len(rejected)} of {len(rows)} rows are not right; nothing was imported.",
            errors={
                f"line {r['line']}.{column}": problems
                for r in rejected
                for column, problems in r["errors"].items()
            },
            body={"report": report},
        )
    if dry_run:
        return report
    with db.transaction() as session:
        offers = [_new_offer(organisation.id, organisation.name, values) for _, values in accepted]
        session.add_all(offers)
        session.flush()
        for entry, offer in zip(report["accepted"], offers, strict=True):
            entry["id"] = offer.id
    report["imported"] = True
    return report


# --- The learning advice ---------------------------------------------------------------------


@dataclass
class GapSkill:
    """A missing skill and what needs it."""

    skill_id: str
    needed_for: list[dict[str, Any]]


def _gap(
    user_id: int, profile: dict[str, Any]
) -> tuple[dict[str, GapSkill], list[matching.NearMiss], dict[str, list[str]]]:
    have = set(profile.get("skill_ids") or ())
    gap: dict[str, GapSkill] = {}

    def need(skill: str, reason: dict[str, Any]) -> None:
        if skill not in have:
            gap.setdefault(skill, GapSkill(skill, [])).needed_for.append(reason)

    wished = list(profile.get("wished_occupation_ids") or ())
    essentials = taxonomy.essential_skill_ids(wished)
    briefs = taxonomy.occupation_briefs()
    for occupation_id in wished:
        brief = briefs.get(occupation_id)
        reason = {
            "kind": "occupation",
            "id": occupation_id,
            "label": brief.label if brief else occupation_id,
            "label_en": brief.label_en if brief else occupation_id,
        }
        for skill in essentials.get(occupation_id, []):
            need(skill, reason)
    misses = matching.near_misses(user_id)
    for miss in misses:
        reason = {
            "kind": "vacancy",
            "id": miss.vacancy_id,
            "label": f"{miss.title} ({miss.organisation_name})",
            "label_en": f"{miss.title} ({miss.organisation_name})",
        }
        for skill in miss.essential:
            need(skill, reason)
    for skill in profile.get("learn_skill_ids") or ():
        need(
            skill,
            {
                "kind": "wish",
                "id": skill,
                "label": "je wilt dit leren",
                "label_en": "you want to learn this",
            },
        )
    return gap, misses, essentials


def _offers_for(gap: list[str], profile: dict[str, Any]) -> list[advice.OfferFacts]:
    """The active offers that teach a gap skill and are online or within the travel radius."""
    if not gap:
        return []
    lat, lon = profile.get("lat"), profile.get("lon")
    radius = float(profile.get("max_distance_km") or 0)
    home = (float(lat), float(lon)) if lat is not None and lon is not None else None
    where: list[Any] = [
        OFFERS.c.status == OfferStatus.ACTIVE,
        OFFER_SKILLS.c.skill_id.in_([uuid.UUID(s) for s in gap]),
    ]
    if home is not None and radius > 0:
        lat_min, lat_max, lon_min, lon_max = vacancies.bounding_box(*home, radius)
        where.append(
            or_(
                OFFERS.c.online.is_(True),
                and_(
                    OFFERS.c.lat.between(lat_min, lat_max), OFFERS.c.lon.between(lon_min, lon_max)
                ),
            )
        )
    else:
        where.append(OFFERS.c.online.is_(True))
    rows = (
        db.read_session()
        .execute(
            select(
                OFFERS.c.id,
                OFFERS.c.online,
                OFFERS.c.lat,
                OFFERS.c.lon,
                OFFERS.c.entry_level,
                OFFERS.c.cost,
                OFFERS.c.cost_cents,
                OFFERS.c.duration_weeks,
                OFFER_SKILLS.c.skill_id,
            )
            .join(OFFER_SKILLS, OFFER_SKILLS.c.offer_id == OFFERS.c.id)
            .where(*where)
        )
        .all()
    )
    skills: dict[int, set[str]] = {}
    facts: dict[int, Any] = {}
    for row in rows:
        skills.setdefault(row.id, set()).add(str(row.skill_id))
        facts[row.id] = row
    found = []
    for oid, row in facts.items():
        distance = None
        if not row.online:
            if home is None or row.lat is None:
                continue
            distance = vacancies.haversine_km(*home, row.lat, row.lon)
            if distance > radius:
                continue
        found.append(
            advice.OfferFacts(
                id=oid,
                skill_ids=frozenset(skills[oid]),
                online=row.online,
                distance_km=distance,
                entry_level=row.entry_level,
                cost=row.cost.value,
                cost_cents=row.cost_cents,
                duration_weeks=row.duration_weeks,
            )
        )
    return found


def _summary(offer: LearningOffer, facts: advice.OfferFacts) -> dict[str, Any]:
    return {
        "id": offer.id,
        "title": offer.title,
        "organisation_name": offer.organisation_name,
        "kind": offer.kind,
        "online": offer.online,
        "place": offer.place,
        "distance_km": None if facts.distance_km is None else round(facts.distance_km, 1),
        "entry_level": offer.entry_level,
        "result_level": offer.result_level,
        "duration_weeks": offer.duration_weeks,
        "cost": offer.cost,
        "cost_eur": None if offer.cost_cents is None else offer.cost_cents / 100,
        "url": offer.url,
        "contact": offer.contact,
    }


def _names(labels: dict[str, dict[str, str]], skills: list[str], key: str, joiner: str) -> str:
    names = [labels[s][key] for s in skills]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {joiner} " + names[-1]


def learning_advice(user_id: int) -> dict[str, Any]:
    """Return the person's gap, the offers that close it, and a leerroute with what it unlocks."""
    profile = matching.load_profile(user_id)
    missing = []
    if not profile.get("skill_ids"):
        missing.append("skills.entries")
    if not profile.get("wished_occupation_ids"):
        missing.append("wishes.occupation_ids")
    if profile.get("lat") is None:
        missing.append("location.postcode")
    gap, misses, essentials = _gap(user_id, profile)
    weights = {s: float(len(g.needed_for)) for s, g in gap.items()}
    offers = _offers_for(sorted(gap), profile)
    person_eqf, radius = profile.get("education_eqf"), profile.get("max_distance_km")
    ranked = advice.rank(offers, weights, person_eqf=person_eqf, radius_km=radius)[:ADVICE_OFFERS]
    steps = advice.route(offers, weights, person_eqf=person_eqf, radius_km=radius)
    shown = {r.offer.id for r in ranked} | {r.offer.id for r in steps}
    rows = (
        {
            o.id: o
            for o in db.read_session().scalars(
                select(LearningOffer).where(LearningOffer.id.in_(shown))
            )
        }
        if shown
        else {}
    )
    gap_order = sorted(gap, key=lambda s: (-weights[s], s))
    labels = {entry["skill_id"]: entry for entry in taxonomy.labelled_skills(gap_order)}
    route_skills = set().union(*(r.covers for r in steps)) if steps else set()
    have = set(profile.get("skill_ids") or ())
    after = have | route_skills
    unlocked = [
        m
        for m in misses
        if m.essential
        and sum(1 for s in m.essential if s in after) / len(m.essential) >= matching.MATCH_COVERAGE
    ]
    briefs = taxonomy.occupation_briefs()
    occupations_unlocked = [
        o
        for o, needed in essentials.items()
        if needed
        and sum(1 for s in needed if s in have) / len(needed)
        < matching.MATCH_COVERAGE
        <= sum(1 for s in needed if s in after) / len(needed)
    ]
    covered = len(route_skills)
    route_steps = []
    for step in steps:
        teaches = sorted(step.covers, key=lambda s: (-weights[s], s))
        route_steps.append(
            {
                "offer": _summary(rows[step.offer.id], step.offer),
                "teaches": [labels[s] for s in teaches],
                "nl": f"Hier leer je {_names(labels, teaches, 'label', 'en')}.",
                "en": f"Here you learn {_names(labels, teaches, 'label_en', 'and')}.",
            }
        )
    n_steps = len(steps)
    route: dict[str, Any] = {
        "steps": route_steps,
        "covered": covered,
        "gap_size": len(gap),
        "nl": (
            f"Met {'dit aanbod' if n_steps == 1 else f'deze {n_steps} opleidingen'} leer je "
            f"{covered} van de {len(gap)} vaardigheden die je mist."
            if steps
            else "We vonden nog geen aanbod dat je mist leert."
        ),
        "en": (
            f"With {'this offer' if n_steps == 1 else f'these {n_steps} offers'} you learn "
            f"{covered} of the {len(gap)} skills you miss."
            if steps
            else "We found no offer yet that teaches what you miss."
        ),
        "unlocks": {
            "vacancies": [
                {
                    "id": m.vacancy_id,
                    "title": m.title,
                    "organisation_name": m.organisation_name,
                    "place": m.place,
                }
                for m in unlocked[:UNLOCK_LIST]
            ],
            "occupations": _occupation_labels(occupations_unlocked[:UNLOCK_LIST]),
            "nl": _unlock_text(
                len(unlocked),
                [briefs[o].label for o in occupations_unlocked if o in briefs],
                dutch=True,
            ),
            "en": _unlock_text(
                len(unlocked),
                [briefs[o].label_en for o in occupations_unlocked if o in briefs],
                dutch=False,
            ),
        },
    }
    return {
        "missing": missing,
        "gap": [{**labels[s], "needed_for": gap[s].needed_for} for s in gap_order],
        "offers": [
            {
                **_summary(rows[r.offer.id], r.offer),
                "score": round(r.score, 3),
                "covers": [labels[s] for s in sorted(r.covers, key=lambda s: (-weights[s], s))],
            }
            for r in ranked
        ],
        "route": route,
    }


def _unlock_text(vacancy_count: int, occupations: list[str], *, dutch: bool) -> str:
    parts = []
    if dutch:
        if vacancy_count == 1:
            parts.append("Daarna past 1 vacature in de buurt bij je.")
        elif vacancy_count:
            parts.append(f"Daarna passen {vacancy_count} vacatures in de buurt bij je.")
        if occupations:
            parts.append(f"Je hebt dan bijna alles wat nodig is voor: {', '.join(occupations)}.")
        return " ".join(parts) or "Deze route maakt nog geen vacature in de buurt passend."
    if vacancy_count == 1:
        parts.append("Afterwards 1 vacancy nearby fits you.")
    elif vacancy_count:
        parts.append(f"Afterwards {vacancy_count} vacancies nearby fit you.")
    if occupations:
        parts.append(f"You then have nearly all that is needed for: {', '.join(occupations)}.")
    return " ".join(parts) or "This route does not yet make a vacancy nearby fit."


# --- Who a new offer is for (notifications) ---------------------------------------------------

MATCH_PROFILES = matching.PROFILES
# The largest travel distance a selfie allows: the box around an offer that holds everyone
# who might reach it (each person's own distance is checked after).
MAX_TRAVEL_KM = 250


def _wished_gap(profile: dict[str, Any], essentials: dict[str, list[str]]) -> set[str]:
    """The skills the person misses for the occupations they wish, plus those they want
    to learn: the gap the notifications use (near misses need a per-person vacancy search,
    so only the advice screen shows those)."""
    have = set(profile.get("skill_ids") or ())
    needed: set[str] = set(profile.get("learn_skill_ids") or ())
    for occupation_id in profile.get("wished_occupation_ids") or ():
        needed.update(essentials.get(occupation_id, ()))
    return needed - have


def people_whose_gap_offer_closes(offer_id: int) -> list[int]:
    """Return the people who miss one of an active offer's skills and can reach it.

    Missing means: an essential skill of an occupation they wish, or a skill they want to
    learn, that they do not have. Reach: an online offer reaches everyone; one in a place
    reaches the people within their own travel distance. One read of the offer's skills,
    one of the occupations needing them, one of the matching profiles in reach (a box on
    the (lat, lon) index for an offer in a place); no per-person advice.
    """
    session = db.read_session()
    offer = session.execute(
        select(OFFERS.c.online, OFFERS.c.lat, OFFERS.c.lon).where(
            OFFERS.c.id == offer_id, OFFERS.c.status == OfferStatus.ACTIVE
        )
    ).one_or_none()
    if offer is None:
        return []
    teaches = {
        str(s)
        for s in session.scalars(
            select(OFFER_SKILLS.c.skill_id).where(OFFER_SKILLS.c.offer_id == offer_id)
        )
    }
    if not teaches:
        return []
    needing = taxonomy.occupations_needing(sorted(teaches))
    columns = [
        MATCH_PROFILES.c.user_id,
        MATCH_PROFILES.c.lat,
        MATCH_PROFILES.c.lon,
        MATCH_PROFILES.c.max_distance_km,
        MATCH_PROFILES.c.skill_ids,
        MATCH_PROFILES.c.wished_occupation_ids,
        MATCH_PROFILES.c.learn_skill_ids,
    ]
    where: list[Any] = []
    if not offer.online:
        if offer.lat is None or offer.lon is None:
            return []
        lat_min, lat_max, lon_min, lon_max = vacancies.bounding_box(
            offer.lat, offer.lon, MAX_TRAVEL_KM
        )
        where = [
            MATCH_PROFILES.c.lat.between(lat_min, lat_max),
            MATCH_PROFILES.c.lon.between(lon_min, lon_max),
            MATCH_PROFILES.c.max_distance_km.is_not(None),
        ]
    chosen = []
    for row in session.execute(select(*columns).where(*where).order_by(columns[0])).mappings():
        if not teaches & _wished_gap(dict(row), needing):
            continue
        if not offer.online and (
            vacancies.haversine_km(row["lat"], row["lon"], offer.lat, offer.lon)
            > row["max_distance_km"]
        ):
            continue
        chosen.append(int(row["user_id"]))
    return chosen


def offers_closing_gap(user_id: int, since: datetime) -> list[dict[str, Any]]:
    """Return the active offers posted since `since` that teach a skill of the person's gap
    (the same gap as `people_whose_gap_offer_closes`) and that they can reach; newest
    first, at most 5 (the daily digest)."""
    profile = matching.load_profile(user_id)
    wished = list(profile.get("wished_occupation_ids") or ())
    gap = _wished_gap(profile, taxonomy.essential_skill_ids(wished))
    found = {facts.id for facts in _offers_for(sorted(gap), profile)}
    if not found:
        return []
    rows = db.read_session().scalars(
        select(LearningOffer)
        .where(LearningOffer.id.in_(found), LearningOffer.created_at >= since)
        .order_by(LearningOffer.created_at.desc(), LearningOffer.id.desc())
        .limit(DIGEST_OFFERS)
    )
    return [
        {
            "id": o.id,
            "title": o.title,
            "organisation_name": o.organisation_name,
            "online": o.online,
            "place": o.place,
        }
        for o in rows
    ]


# --- The demand, for providers -----------------------------------------------------------------


def learning_demand(region: str, *, limit: int = 50) -> dict[str, Any]:
    """Count, per skill, the people in a region who miss it for the work they wish.

    Only people who allow their data in statistics count. A skill missed by fewer than
    SUPPRESS_BELOW people is left out (and counted in `suppressed`); so is the number
    of people when it is under SUPPRESS_BELOW.
    """
    code = region.upper()
    names = _region_names()
    if code not in names:
        raise InvalidInput("region", "No labour market region with this code (e.g. AM01).")
    if not 1 <= limit <= 200:
        raise InvalidInput("limit", "Use a number from 1 to 200.")
    people = matching.statistics_profiles(code)
    essentials = taxonomy.essential_skill_ids(
        sorted({o for p in people for o in p.wished_occupation_ids})
    )
    counts: Counter[str] = Counter()
    for person in people:
        needed: set[str] = set()
        for occupation_id in person.wished_occupation_ids:
            needed.update(essentials.get(occupation_id, ()))
        counts.update(needed - person.skill_ids)
    shown = [(skill, n) for skill, n in counts.most_common() if n >= SUPPRESS_BELOW]
    shown.sort(key=lambda item: (-item[1], item[0]))
    top = shown[:limit]
    labels = {entry["skill_id"]: entry for entry in taxonomy.labelled_skills([s for s, _ in top])}
    return {
        "region": {"code": code, "name": names[code]},
        "people": len(people) if len(people) >= SUPPRESS_BELOW else None,
        "skills": [{**labels[s], "people": n} for s, n in top],
        "suppressed": sum(1 for n in counts.values() if n < SUPPRESS_BELOW),
        "suppress_below": SUPPRESS_BELOW,
    }
