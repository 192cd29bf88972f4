"""Reference data for the API and for other domains: occupations, skills, places, levels.

Everything here only reads. Labels follow one rule: Dutch, else English.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from backend import db
from backend.errors import InvalidInput, NotFound
from backend.taxonomy import search
from backend.taxonomy.models import (
    CbsLevel,
    EducationLevel,
    LabourMarketRegion,
    Municipality,
    Occupation,
    OccupationSkill,
    PostcodeNL,
    Relation,
    ReuseLevel,
    Skill,
    SkillType,
    TaxonomyImport,
)

MAX_QUERY_LENGTH = 100
MAX_LIMIT = 50
DEFAULT_LIMIT = 10

# 1234, 1234AB, 1234 ab (PC4 areas start at 1000).
POSTCODE_RE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})?$")
POSTCODE_HINT = "Use 4 digits, optionally followed by 2 letters, e.g. 1234 or 1234 AB."
LABEL_LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class OccupationMatch:
    """An autocomplete result: the occupation and the label the query matched."""

    id: uuid.UUID
    code: str
    label: str
    # The alternative (or English) label that matched, when it is not `label` itself.
    matched_label: str | None


@dataclass(frozen=True)
class SkillMatch:
    id: uuid.UUID
    label: str
    matched_label: str | None
    skill_type: SkillType | None
    reuse_level: ReuseLevel | None


@dataclass(frozen=True)
class SkillSummary:
    id: uuid.UUID
    label: str
    skill_type: SkillType | None
    reuse_level: ReuseLevel | None


@dataclass(frozen=True)
class OccupationDetail:
    id: uuid.UUID
    code: str
    isco_group: str
    label: str
    label_en: str
    alt_labels: list[str]
    description: str
    essential_skills: list[SkillSummary]
    optional_skills: list[SkillSummary]


@dataclass(frozen=True)
class OccupationLabels:
    """One occupation of the offline list: its preferred and alternative labels."""

    id: uuid.UUID
    label: str
    alt_labels: list[str]


@dataclass(frozen=True)
class OccupationLabelList:
    """Every occupation in one language, and a fingerprint of the whole list."""

    lang: str
    count: int
    occupations: list[OccupationLabels]
    # A hash of the content: the same list gives the same ETag on every server.
    etag: str


@dataclass(frozen=True)
class CodeName:
    code: str
    name: str


@dataclass(frozen=True)
class Postcode:
    """A Dutch PC4 area with its municipality and labour market region."""

    pc4: str
    place: str
    lat: float
    lon: float
    province: str
    municipality: CodeName
    region: CodeName


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    municipality_count: int


@dataclass(frozen=True)
class EducationLevelInfo:
    code: str
    name_nl: str
    name_en: str
    nlqf: str
    eqf: int
    cbs_level: CbsLevel


def _check_search(query: str, limit: int) -> str:
    query = query.strip()
    if not query or len(query) > MAX_QUERY_LENGTH:
        raise InvalidInput("q", f"Type 1 to {MAX_QUERY_LENGTH} characters.")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput("limit", f"Use a number from 1 to {MAX_LIMIT}.")
    return query


def _matched(hit: search.LabelHit, shown: str) -> str | None:
    return None if search.normalise(hit.label) == search.normalise(shown) else hit.label


def search_occupations(query: str, *, limit: int = DEFAULT_LIMIT) -> list[OccupationMatch]:
    """Find occupations whose Dutch or English (alternative) labels match `query`."""
    query = _check_search(query, limit)
    hits = search.search_labels(db.read_session(), search.OCCUPATION_LABELS, query, limit)
    return [
        OccupationMatch(
            id=hit.owner_id,
            code=hit.owner["code"],
            label=hit.owner["label_nl"],
            matched_label=_matched(hit, hit.owner["label_nl"]),
        )
        for hit in hits
    ]


def search_skills(query: str, *, limit: int = DEFAULT_LIMIT) -> list[SkillMatch]:
    """Find skills whose labels match `query`; Dutch labels where ESCO has them."""
    query = _check_search(query, limit)
    hits = search.search_labels(db.read_session(), search.SKILL_LABELS, query, limit)
    results = []
    for hit in hits:
        skill_type, reuse_level = hit.owner["skill_type"], hit.owner["reuse_level"]
        label = hit.owner["label_nl"] or hit.owner["label_en"]
        results.append(
            SkillMatch(
                id=hit.owner_id,
                label=label,
                matched_label=_matched(hit, label),
                skill_type=SkillType(skill_type) if skill_type else None,
                reuse_level=ReuseLevel(reuse_level) if reuse_level else None,
            )
        )
    return results


def _as_uuid(value: uuid.UUID | str) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def occupation_exists(occupation_id: uuid.UUID | str) -> bool:
    """Tell whether `occupation_id` is a known ESCO occupation (False for a malformed id)."""
    key = _as_uuid(occupation_id)
    return key is not None and db.read_session().get(Occupation, key) is not None


def skill_exists(skill_id: uuid.UUID | str) -> bool:
    """Tell whether `skill_id` is a known ESCO skill (False for a malformed id)."""
    key = _as_uuid(skill_id)
    return key is not None and db.read_session().get(Skill, key) is not None


def skill_labels(skill_ids: list[str], *, english: bool = False) -> dict[str, str]:
    """Return the label of each known skill id: Dutch with English fallback, or English."""
    keys = [key for key in (_as_uuid(value) for value in skill_ids) if key is not None]
    if not keys:
        return {}
    rows = db.read_session().execute(
        select(Skill.id, Skill.label_nl, Skill.label_en).where(Skill.id.in_(keys))
    )
    return {
        str(sid): (label_en if english else (label_nl or label_en))
        for sid, label_nl, label_en in rows
    }


def get_occupation(occupation_id: uuid.UUID | str) -> OccupationDetail:
    """Return an occupation with its essential and optional skills; NotFound if unknown."""
    key = _as_uuid(occupation_id)
    session = db.read_session()
    occupation = session.get(Occupation, key) if key is not None else None
    if occupation is None:
        raise NotFound("No occupation with this id.")
    rows = session.execute(
        select(OccupationSkill.relation, Skill)
        .join(Skill, Skill.id == OccupationSkill.skill_id)
        .where(OccupationSkill.occupation_id == occupation.id)
        .order_by(func.lower(func.coalesce(Skill.label_nl, Skill.label_en)), Skill.id)
    ).all()
    essential: list[SkillSummary] = []
    optional: list[SkillSummary] = []
    for relation, skill in rows:
        summary = SkillSummary(
            id=skill.id,
            label=skill.label_nl or skill.label_en,
            skill_type=skill.skill_type,
            reuse_level=skill.reuse_level,
        )
        (essential if relation is Relation.ESSENTIAL else optional).append(summary)
    return OccupationDetail(
        id=occupation.id,
        code=occupation.code,
        isco_group=occupation.isco_group,
        label=occupation.label_nl,
        label_en=occupation.label_en,
        alt_labels=list(occupation.alt_labels_nl),
        description=occupation.description_nl,
        essential_skills=essential,
        optional_skills=optional,
    )


def occupation_labels(lang: str) -> OccupationLabelList:
    """Return every occupation with its labels in `lang` (nl or en), by label.

    The app keeps this list in IndexedDB to pick occupations offline, and asks again with
    the ETag; the ETag is a hash of the content, so it changes only with the data.
    """
    if lang not in LABEL_LANGUAGES:
        raise InvalidInput("lang", "Use nl or en.")
    # Building the list takes ~150 ms; it only changes with an import, so it is kept per
    # process and per import (the import row's fingerprint and time, one PK read).
    marker = (
        db.read_session()
        .execute(select(TaxonomyImport.fingerprint, TaxonomyImport.imported_at))
        .first()
    )
    key = (lang, tuple(marker) if marker else None)
    cached = _LABEL_LISTS.get(key)
    if cached is None:
        cached = _build_occupation_labels(lang)
        if len(_LABEL_LISTS) >= 2 * len(LABEL_LANGUAGES):
            _LABEL_LISTS.clear()  # an older import's lists
        _LABEL_LISTS[key] = cached
    return cached


_LABEL_LISTS: dict[tuple[str, Any], OccupationLabelList] = {}


def _build_occupation_labels(lang: str) -> OccupationLabelList:
    english = lang == "en"
    label_column = Occupation.label_en if english else Occupation.label_nl
    alt_column = Occupation.alt_labels_en if english else Occupation.alt_labels_nl
    rows = db.read_session().execute(select(Occupation.id, label_column, alt_column)).all()
    occupations = sorted(
        (
            OccupationLabels(
                id=occupation_id,
                label=label,
                # Each alternative once, and never the preferred label again.
                alt_labels=[alt for alt in dict.fromkeys(alts or []) if alt != label],
            )
            for occupation_id, label, alts in rows
        ),
        key=lambda item: (item.label.casefold(), str(item.id)),
    )
    digest = hashlib.sha256(lang.encode())
    for item in occupations:
        digest.update("\x1e".join([str(item.id), item.label, *item.alt_labels]).encode())
        digest.update(b"\x1d")
    return OccupationLabelList(
        lang=lang,
        count=len(occupations),
        occupations=occupations,
        etag=digest.hexdigest()[:32],
    )


def normalise_postcode(raw: str) -> str | None:
    """Return the PC4 of a Dutch postcode ("1234", "1234AB", "1234 ab"), or None."""
    match = POSTCODE_RE.match(" ".join(raw.upper().split()))
    return match.group(1) if match else None


def find_postcode(pc4_or_pc6: str) -> Postcode | None:
    """Look up a Dutch postcode (PC4 or PC6); None when it is malformed or unknown."""
    pc4 = normalise_postcode(pc4_or_pc6)
    if pc4 is None:
        return None
    row = (
        db.read_session()
        .execute(
            select(PostcodeNL, Municipality, LabourMarketRegion)
            .join(Municipality, Municipality.code == PostcodeNL.municipality_code)
            .join(LabourMarketRegion, LabourMarketRegion.code == Municipality.region_code)
            .where(PostcodeNL.pc4 == pc4)
        )
        .one_or_none()
    )
    if row is None:
        return None
    postcode, municipality, region = row
    return Postcode(
        pc4=postcode.pc4,
        place=postcode.place,
        lat=postcode.lat,
        lon=postcode.lon,
        province=municipality.province,
        municipality=CodeName(code=municipality.code, name=municipality.name),
        region=CodeName(code=region.code, name=region.name),
    )


def get_postcode(raw: str) -> Postcode:
    """Look up a Dutch postcode; InvalidInput when malformed, NotFound when unknown."""
    if normalise_postcode(raw) is None:
        raise InvalidInput("postcode", POSTCODE_HINT)
    postcode = find_postcode(raw)
    if postcode is None:
        raise NotFound("No such postcode area in the Netherlands.")
    return postcode


def list_regions() -> list[Region]:
    """Return the labour market regions with how many municipalities each has."""
    rows = (
        db.read_session()
        .execute(
            select(
                LabourMarketRegion.code,
                LabourMarketRegion.name,
                func.count(Municipality.code),
            )
            .outerjoin(Municipality, Municipality.region_code == LabourMarketRegion.code)
            .group_by(LabourMarketRegion.code, LabourMarketRegion.name)
            .order_by(LabourMarketRegion.code)
        )
        .all()
    )
    return [Region(code=code, name=name, municipality_count=n) for code, name, n in rows]


def list_education_levels() -> list[EducationLevelInfo]:
    """Return the education levels from low to high."""
    levels = db.read_session().scalars(select(EducationLevel).order_by(EducationLevel.sort_order))
    return [
        EducationLevelInfo(
            code=level.code,
            name_nl=level.name_nl,
            name_en=level.name_en,
            nlqf=level.nlqf,
            eqf=level.eqf,
            cbs_level=level.cbs_level,
        )
        for level in levels
    ]


def education_level_exists(code: str) -> bool:
    """Tell whether `code` is a known education level (e.g. "MBO_2")."""
    return db.read_session().get(EducationLevel, code) is not None


@dataclass(frozen=True)
class OccupationBrief:
    """An occupation's code, ISCO group and labels: what matching shows and compares."""

    id: str
    code: str
    isco_group: str
    label: str
    label_en: str


def occupation_briefs() -> dict[str, OccupationBrief]:
    """Return every occupation by id (text), with its code, ISCO group and labels.

    About 3,000 small rows, read once per process: reference data changes only with an
    import, and a restart picks that up.
    """
    if not _BRIEFS:
        rows = db.read_session().execute(
            select(
                Occupation.id,
                Occupation.code,
                Occupation.isco_group,
                Occupation.label_nl,
                Occupation.label_en,
            )
        )
        _BRIEFS.update(
            {
                str(oid): OccupationBrief(str(oid), code, isco, label_nl, label_en)
                for oid, code, isco, label_nl, label_en in rows
            }
        )
    return _BRIEFS


_BRIEFS: dict[str, OccupationBrief] = {}


def essential_skill_ids(occupation_ids: list[str]) -> dict[str, list[str]]:
    """Return the essential ESCO skills of each known occupation, by occupation id."""
    keys = [key for key in (_as_uuid(value) for value in occupation_ids) if key is not None]
    if not keys:
        return {}
    rows = db.read_session().execute(
        select(OccupationSkill.occupation_id, OccupationSkill.skill_id)
        .where(
            OccupationSkill.occupation_id.in_(keys),
            OccupationSkill.relation == Relation.ESSENTIAL,
        )
        .order_by(OccupationSkill.occupation_id, OccupationSkill.skill_id)
    )
    found: dict[str, list[str]] = {}
    for occupation_id, skill_id in rows:
        found.setdefault(str(occupation_id), []).append(str(skill_id))
    return found


def occupations_needing(skill_ids: list[str]) -> dict[str, list[str]]:
    """Return, by occupation id, which of these skills each occupation needs as essential."""
    keys = [key for key in (_as_uuid(value) for value in skill_ids) if key is not None]
    if not keys:
        return {}
    rows = db.read_session().execute(
        select(OccupationSkill.occupation_id, OccupationSkill.skill_id).where(
            OccupationSkill.skill_id.in_(keys),
            OccupationSkill.relation == Relation.ESSENTIAL,
        )
    )
    found: dict[str, list[str]] = {}
    for occupation_id, skill_id in rows:
        found.setdefault(str(occupation_id), []).append(str(skill_id))
    return found


@dataclass(frozen=True)
class Centroid:
    """A PC4 area's centroid and labour market region."""

    lat: float
    lon: float
    region_code: str


def postcode_centroids() -> dict[str, Centroid]:
    """Return every Dutch PC4 area's centroid and region, by PC4 (read once per process)."""
    if not _CENTROIDS:
        rows = db.read_session().execute(
            select(PostcodeNL.pc4, PostcodeNL.lat, PostcodeNL.lon, Municipality.region_code).join(
                Municipality, Municipality.code == PostcodeNL.municipality_code
            )
        )
        _CENTROIDS.update({pc4: Centroid(lat, lon, region) for pc4, lat, lon, region in rows})
    return _CENTROIDS


_CENTROIDS: dict[str, Centroid] = {}


def labelled_skills(skill_ids: list[str]) -> list[dict[str, str]]:
    """Return {skill_id, label (Dutch, else English), label_en} per known skill, in order."""
    keys = [key for key in (_as_uuid(value) for value in skill_ids) if key is not None]
    if not keys:
        return []
    rows = db.read_session().execute(
        select(Skill.id, Skill.label_nl, Skill.label_en).where(Skill.id.in_(keys))
    )
    found = {str(sid): (label_nl or label_en, label_en) for sid, label_nl, label_en in rows}
    return [
        {"skill_id": sid, "label": found[sid][0], "label_en": found[sid][1]}
        for sid in skill_ids
        if sid in found
    ]
