"""What makes each section complete, what it still misses, and what the server works out.

`assess` is pure: it reads only the stored section. `derive` looks up reference data
(the region of a postcode) and computes the RIASEC profile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from backend.selfie.vocabulary import PHONE_METHODS, SECTION_NAMES, WEEKDAYS

EMPTY, DRAFT, COMPLETE = "empty", "draft", "complete"


@dataclass(frozen=True)
class Assessment:
    status: str
    missing: list[str]


def is_blank(value: Any) -> bool:
    """Tell whether a value counts as "not answered"."""
    if value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, dict):
        return all(is_blank(v) for v in value.values())
    return False


def _need(data: dict[str, Any], section: str, *names: str) -> list[str]:
    return [f"{section}.{name}" for name in names if is_blank(data.get(name))]


def _basics(d: dict[str, Any]) -> list[str]:
    missing = _need(d, "basics", "display_name", "preferred_language", "contact_methods")
    methods = set(d.get("contact_methods") or [])
    if methods & PHONE_METHODS:
        missing += _need(d, "basics", "phone")
    if "email" in methods:
        missing += _need(d, "basics", "email")
    return missing


def _location(d: dict[str, Any]) -> list[str]:
    missing = _need(d, "location", "postcode", "max_distance_km", "travel_modes")
    if d.get("has_driving_licence") is None:
        missing.append("location.has_driving_licence")
    return missing


def _availability(d: dict[str, Any]) -> list[str]:
    missing = _need(d, "availability", "days_per_week")
    schedule = d.get("schedule") or {}
    days_with_slots = sum(1 for day in WEEKDAYS if schedule.get(day))
    if days_with_slots == 0 or days_with_slots < (d.get("days_per_week") or 0):
        # The grid must offer at least as many days as the person says they can work.
        missing.append("availability.schedule")
    return missing + _need(d, "availability", "hours_per_week_min", "hours_per_week_max")


def _experience(d: dict[str, Any]) -> list[str]:
    entries = d.get("entries") or []
    if not entries:
        return [] if d.get("no_experience") else ["experience.entries"]
    missing: list[str] = []
    for i, entry in enumerate(entries):
        path = f"experience.entries.{i}"
        if is_blank(entry.get("occupation_id")) and is_blank(entry.get("title")):
            missing.append(f"{path}.occupation_id")
        missing += _need(entry, path, "kind", "start")
        if is_blank(entry.get("end")) and not entry.get("ongoing"):
            missing.append(f"{path}.end")
    return missing


def _skills(d: dict[str, Any]) -> list[str]:
    entries = d.get("entries") or []
    if not entries:
        return ["skills.entries"]
    missing: list[str] = []
    for i, entry in enumerate(entries):
        missing += _need(entry, f"skills.entries.{i}", "skill_id", "level")
    return missing


def _education(d: dict[str, Any]) -> list[str]:
    missing = _need(d, "education", "highest_level")
    if d.get("studying_now") is None:
        missing.append("education.studying_now")
    for i, diploma in enumerate(d.get("diplomas") or []):
        missing += _need(diploma, f"education.diplomas.{i}", "name")
    return missing


_LEVELS = ("understanding", "speaking", "writing")


def _languages(d: dict[str, Any]) -> list[str]:
    missing = _need(d.get("dutch") or {}, "languages.dutch", *_LEVELS)
    for i, other in enumerate(d.get("others") or []):
        missing += _need(other, f"languages.others.{i}", "language", *_LEVELS)
    return missing


def _wishes(d: dict[str, Any]) -> list[str]:
    return _need(d, "wishes", "occupation_ids", "work_kinds")


def _interests(d: dict[str, Any]) -> list[str]:
    return [] if riasec_profile(d) is not None else ["interests.answers"]


def _visibility(d: dict[str, Any]) -> list[str]:
    # Both have defaults (none, yes), but the step is done only when the person chose.
    return [f"visibility.{k}" for k in ("employers", "statistics") if d.get(k) is None]


RULES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "basics": _basics,
    "location": _location,
    "availability": _availability,
    "experience": _experience,
    "skills": _skills,
    "education": _education,
    "languages": _languages,
    "wishes": _wishes,
    "interests": _interests,
    "visibility": _visibility,
}
assert tuple(RULES) == SECTION_NAMES


def assess(name: str, data: dict[str, Any] | None) -> Assessment:
    """Return the section's status and the dotted paths of what it still misses."""
    missing = RULES[name](data or {})
    if is_blank(data):
        return Assessment(EMPTY, missing)
    return Assessment(COMPLETE if not missing else DRAFT, missing)


def completeness(statuses: list[str]) -> int:
    """Return the share of complete sections, in whole per cent."""
    return round(100 * statuses.count(COMPLETE) / len(SECTION_NAMES))


def overall_status(statuses: list[str]) -> str:
    if all(s == EMPTY for s in statuses):
        return EMPTY
    return COMPLETE if all(s == COMPLETE for s in statuses) else DRAFT


# --- What the server works out ---------------------------------------------------


def riasec_profile(data: dict[str, Any]) -> dict[str, Any] | None:
    """Return the RIASEC scores and Holland code, or None until enough is answered."""
    from backend.selfie import riasec

    answers = {k: v for k, v in (data.get("answers") or {}).items() if v is not None}
    profile = riasec.score(answers)
    if profile is None:
        return None
    return profile.to_dict()


def region_of(postcode: str | None) -> dict[str, Any] | None:
    """Return the place and labour market region of a stored PC4, if known."""
    return _region(postcode) if postcode else None


# Reference data changes only with a new data release (and a restart); a write reads the
# region twice (to check the postcode, then for its answer), so remember recent ones.
@lru_cache(maxsize=4096)
def _region(postcode: str) -> dict[str, Any] | None:
    from backend.taxonomy import service as taxonomy

    found = taxonomy.find_postcode(postcode)
    if found is None:
        return None
    return {
        "place": found.place,
        "municipality": found.municipality.name,
        "region_code": found.region.code,
        "region_name": found.region.name,
    }


def derive(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """Return what the server works out from a section (empty for most sections)."""
    if name == "location":
        region = region_of(data.get("postcode"))
        return {"region": dict(region)} if region else {}
    if name == "interests":
        profile = riasec_profile(data)
        return {"profile": profile} if profile else {}
    if name == "skills":
        names = skill_names(data)
        return {"skill_labels": names} if names else {}
    return {}


def skill_names(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Return the Dutch and English name of each skill in the entries, by skill id.

    A section stores only ids; with the names here another phone can show them too.
    """
    from backend.taxonomy import service as taxonomy

    ids = [
        str(entry["skill_id"])
        for entry in data.get("entries") or []
        if isinstance(entry, dict) and entry.get("skill_id")
    ]
    if not ids:
        return {}
    dutch = taxonomy.skill_labels(ids)
    english = taxonomy.skill_labels(ids, english=True)
    return {sid: {"nl": dutch[sid], "en": english.get(sid, dutch[sid])} for sid in dutch}
