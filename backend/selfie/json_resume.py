"""The Slim CV in the JSON Resume format (https://jsonresume.org/schema, v1.x).

Only complete sections are used, as in the readable CV. Paid work goes to `work`,
volunteering to `volunteer`, and informal experience (caring, a hobby) to `projects`,
so that it counts without pretending to be a job.
"""

from __future__ import annotations

from typing import Any

from backend.selfie import sections
from backend.selfie.cv import CV_SECTIONS, holland_text, levels_text, schedule_text
from backend.selfie.labels import Labels

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
FLUENCY = {
    "A0": "Beginner",
    "A1": "Elementary",
    "A2": "Elementary",
    "B1": "Intermediate",
    "B2": "Upper intermediate",
    "C1": "Advanced",
    "C2": "Proficient",
}
SKILL_LEVEL = {1: "Beginner", 2: "Intermediate", 3: "Advanced", 4: "Expert"}


def _dates(entry: dict[str, Any]) -> dict[str, str]:
    dates = {}
    if entry.get("start"):
        dates["startDate"] = entry["start"]
    if entry.get("end"):
        dates["endDate"] = entry["end"]
    return dates


def _basics(data: dict[str, dict[str, Any]], complete: set[str], w: Labels) -> dict[str, Any]:
    basics: dict[str, Any] = {}
    if "basics" in complete:
        b = data["basics"]
        basics["name"] = b["display_name"]
        for key in ("email", "phone"):
            if b.get(key):
                basics[key] = b[key]
    if "location" in complete:
        region = sections.region_of(data["location"].get("postcode"))
        basics["location"] = {
            "postalCode": data["location"]["postcode"],
            "countryCode": "NL",
            **({"city": region["place"], "region": region["region_name"]} if region else {}),
        }
    summary = []
    if "availability" in complete:
        a = data["availability"]
        summary.append(
            f"{w.word('days_per_week')}: {a['days_per_week']}. "
            f"{w.word('schedule')}: {schedule_text(a.get('schedule') or {}, w)}."
        )
    if "wishes" in complete:
        occupations = ", ".join(w.occupation(o) for o in data["wishes"]["occupation_ids"])
        summary.append(f"{w.word('occupation_ids')}: {occupations}.")
    if summary:
        basics["summary"] = " ".join(summary)
    return basics


def _experience(d: dict[str, Any], w: Labels) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {"work": [], "volunteer": [], "projects": []}
    for entry in d.get("entries") or []:
        title = (
            w.occupation(entry["occupation_id"])
            if entry.get("occupation_id")
            else entry.get("title") or ""
        )
        summary = {"summary": entry["description"]} if entry.get("description") else {}
        if entry.get("kind") == "paid":
            out["work"].append({"position": title, **_dates(entry), **summary})
        elif entry.get("kind") == "volunteer":
            out["volunteer"].append({"position": title, **_dates(entry), **summary})
        else:
            out["projects"].append(
                {
                    "name": title,
                    **_dates(entry),
                    **({"description": entry["description"]} if entry.get("description") else {}),
                }
            )
    return {k: v for k, v in out.items() if v}


def _education(d: dict[str, Any], w: Labels) -> list[dict[str, Any]]:
    items = []
    for diploma in d.get("diplomas") or []:
        item: dict[str, Any] = {"area": diploma["name"]}
        if diploma.get("level"):
            item["studyType"] = w.education_level(diploma["level"])
        if diploma.get("year") and diploma.get("completed"):
            item["endDate"] = str(diploma["year"])
        items.append(item)
    if not items and d.get("highest_level"):
        items.append({"studyType": w.education_level(d["highest_level"])})
    return items


def build(data: dict[str, dict[str, Any]], lang: str) -> dict[str, Any]:
    """Build a JSON Resume document from the complete sections."""
    w = Labels(lang)
    complete = {
        name
        for name in CV_SECTIONS
        if sections.assess(name, data.get(name)).status == sections.COMPLETE
    }
    resume: dict[str, Any] = {"basics": _basics(data, complete, w)}
    if "experience" in complete:
        resume.update(_experience(data["experience"], w))
    if "education" in complete:
        resume["education"] = _education(data["education"], w)
    if "skills" in complete:
        entries = data["skills"]["entries"]
        labels = w.skills([e["skill_id"] for e in entries])
        resume["skills"] = [
            {"name": labels[e["skill_id"]], "level": SKILL_LEVEL[e["level"]]} for e in entries
        ]
    if "languages" in complete:
        langs = data["languages"]
        resume["languages"] = [
            {"language": w.word("dutch"), "fluency": levels_text(langs["dutch"], w)}
        ] + [
            {
                "language": w.language(o["language"]),
                "fluency": FLUENCY.get(o.get("speaking") or "", levels_text(o, w)),
            }
            for o in langs.get("others") or []
        ]
    if "interests" in complete:
        profile = sections.riasec_profile(data["interests"])
        if profile is not None:
            resume["interests"] = [
                {
                    "name": holland_text(profile["holland_code"], w),
                    "keywords": [w.word(letter) for letter in profile["holland_code"]],
                }
            ]
    resume["meta"] = {"canonical": SCHEMA_URL, "version": "v1.0.0", "language": lang}
    return resume
