"""What an employer sees of a jobseeker: exactly what the person consented to, no more.

- `visibility.employers` is `none` (the default): nothing, not even that the profile
  exists (404).
- `anonymous`: skills, region (never the postcode), availability (without the free
  text), education level and languages. No name, contact, birth year, postcode,
  experience descriptions or diplomas.
- `full`: the complete sections the person shares.

In both cases only sections listed in `visibility.shared_sections` (default: all) and
only complete sections are used. The view is built from an allow-list: a field that
is not added here is never sent.
"""

from __future__ import annotations

from typing import Any

from backend.selfie import sections
from backend.selfie.labels import Labels
from backend.selfie.vocabulary import SECTION_NAMES

SHAREABLE = tuple(n for n in SECTION_NAMES if n != "visibility")
ANONYMOUS, FULL = "anonymous", "full"


def consent(visibility: dict[str, Any]) -> tuple[str, set[str]]:
    """Return the employer visibility and the shared sections, with their defaults."""
    mode = visibility.get("employers") or "none"
    shared = visibility.get("shared_sections")
    return mode, set(SHAREABLE if shared is None else shared)


def _availability(d: dict[str, Any], *, full: bool) -> dict[str, Any]:
    keys = ["days_per_week", "schedule", "hours_per_week_min", "hours_per_week_max", "start_date"]
    if full:
        keys.append("constraints")  # free text may say who the person is
    return {k: d[k] for k in keys if k in d}


def _skills(d: dict[str, Any], w: Labels) -> list[dict[str, Any]]:
    entries = d.get("entries") or []
    labels = w.skills([e["skill_id"] for e in entries])
    return [
        {
            "skill_id": e["skill_id"],
            "label": labels[e["skill_id"]],
            "level": e["level"],
            "source": e.get("source") or "self",
        }
        for e in entries
    ]


def _languages(d: dict[str, Any]) -> dict[str, Any]:
    return {"dutch": d.get("dutch") or {}, "others": d.get("others") or []}


def build(profile_id: str, data: dict[str, dict[str, Any]], lang: str) -> dict[str, Any] | None:
    """Return the employer's view, or None when the person shares nothing."""
    mode, shared = consent(data.get("visibility") or {})
    if mode not in (ANONYMOUS, FULL):
        return None
    full = mode == FULL
    usable = {
        name
        for name in shared
        if name in SHAREABLE and sections.assess(name, data.get(name)).status == sections.COMPLETE
    }
    w = Labels(lang)
    view: dict[str, Any] = {"profile_id": profile_id, "visibility": mode}

    if "skills" in usable:
        view["skills"] = _skills(data["skills"], w)
    if "location" in usable:
        location = data["location"]
        region = sections.region_of(location.get("postcode"))
        if region:
            view["region"] = {"code": region["region_code"], "name": region["region_name"]}
        if full:
            view["postcode"] = location["postcode"]
            view["max_distance_km"] = location["max_distance_km"]
            view["travel"] = {
                "modes": location.get("travel_modes") or [],
                "has_driving_licence": location.get("has_driving_licence"),
            }
    if "availability" in usable:
        view["availability"] = _availability(data["availability"], full=full)
    if "education" in usable:
        education = data["education"]
        code = education.get("highest_level")
        view["education_level"] = {"code": code, "name": w.education_level(code)}
        if full:
            view["education"] = {
                k: education[k]
                for k in ("diplomas", "studying_now", "current_study")
                if k in education
            }
    if "languages" in usable:
        view["languages"] = _languages(data["languages"])
    if not full:
        return view

    if "basics" in usable:
        basics = data["basics"]
        view["display_name"] = basics["display_name"]
        view["contact"] = {
            k: basics[k] for k in ("contact_methods", "phone", "email") if k in basics
        }
        if "birth_year" in basics:
            view["birth_year"] = basics["birth_year"]
    if "experience" in usable:
        view["experience"] = [
            {
                **{
                    k: e[k]
                    for k in (
                        "occupation_id",
                        "title",
                        "kind",
                        "start",
                        "end",
                        "ongoing",
                        "description",
                    )
                    if k in e
                },
                "label": w.occupation(e["occupation_id"])
                if e.get("occupation_id")
                else e.get("title"),
            }
            for e in data["experience"].get("entries") or []
        ]
    if "wishes" in usable:
        wishes = data["wishes"]
        view["wishes"] = {
            **{
                k: wishes[k]
                for k in (
                    "occupation_ids",
                    "work_kinds",
                    "hours_per_week_min",
                    "hours_per_week_max",
                )
                if k in wishes
            },
            "occupations": [w.occupation(o) for o in wishes.get("occupation_ids") or []],
        }
    if "interests" in usable:
        profile = sections.riasec_profile(data["interests"])
        if profile is not None:
            view["interests"] = profile
    return view
