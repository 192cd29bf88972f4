"""The Slim CV: a readable summary of every complete section, in Dutch or English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.selfie import sections
from backend.selfie.labels import Labels
from backend.selfie.vocabulary import SECTION_NAMES, WEEKDAYS

Line = dict[str, str]
# The CV is the person's own picture; who may see it is not part of it.
CV_SECTIONS = tuple(n for n in SECTION_NAMES if n != "visibility")


def _line(label: str, value: Any) -> list[Line]:
    if value is None or value == "" or value == []:
        return []
    return [{"label": label, "value": str(value)}]


def _yes_no(w: Labels, value: bool | None) -> str | None:
    return None if value is None else w.word("yes" if value else "no")


def _range(low: int | None, high: int | None) -> str | None:
    if low is None and high is None:
        return None
    if low is None or high is None or low == high:
        return str(low if high is None else high)
    return f"{low}-{high}"


def period(entry: dict[str, Any], w: Labels) -> str:
    start = entry.get("start") or "?"
    end = entry.get("end") or (w.word("now") if entry.get("ongoing") else "?")
    return f"{start} - {end}"


def _basics(d: dict[str, Any], w: Labels) -> list[Line]:
    return [
        *_line(w.word("display_name"), d.get("display_name")),
        *_line(w.word("birth_year"), d.get("birth_year")),
        *_line(w.word("phone"), d.get("phone")),
        *_line(w.word("email"), d.get("email")),
        *_line(w.word("preferred_language"), w.word(d.get("preferred_language") or "")),
        *_line(w.word("contact_methods"), w.words(d.get("contact_methods"))),
    ]


def _location(d: dict[str, Any], w: Labels) -> list[Line]:
    region = sections.region_of(d.get("postcode"))
    where = f"{region['place']} ({region['region_name']})" if region else None
    return [
        *_line(w.word("postcode"), d.get("postcode")),
        *_line(w.word("region"), where),
        *_line(w.word("max_distance_km"), f"{d['max_distance_km']} km"),
        *_line(w.word("travel_modes"), w.words(d.get("travel_modes"))),
        *_line(w.word("has_driving_licence"), _yes_no(w, d.get("has_driving_licence"))),
    ]


def schedule_text(schedule: dict[str, list[str]], w: Labels) -> str:
    return "; ".join(
        f"{w.word(day)}: {w.words(schedule[day])}" for day in WEEKDAYS if schedule.get(day)
    )


def _availability(d: dict[str, Any], w: Labels) -> list[Line]:
    return [
        *_line(w.word("days_per_week"), d.get("days_per_week")),
        *_line(w.word("schedule"), schedule_text(d.get("schedule") or {}, w)),
        *_line(
            w.word("hours_per_week"),
            _range(d.get("hours_per_week_min"), d.get("hours_per_week_max")),
        ),
        *_line(w.word("start_date"), d.get("start_date") or w.word("now")),
        *_line(w.word("constraints"), d.get("constraints")),
    ]


def experience_title(entry: dict[str, Any], w: Labels) -> str:
    if entry.get("occupation_id"):
        return w.occupation(entry["occupation_id"])
    return str(entry.get("title") or "")


def _experience(d: dict[str, Any], w: Labels) -> list[Line]:
    entries = d.get("entries") or []
    if not entries:
        return _line(w.word("no_experience"), w.word("none_yet"))
    lines = []
    for entry in entries:
        value = f"{w.word(entry.get('kind') or '')}, {period(entry, w)}"
        if entry.get("description"):
            value += f". {entry['description']}"
        lines += _line(experience_title(entry, w), value)
    return lines


def _skills(d: dict[str, Any], w: Labels) -> list[Line]:
    entries = d.get("entries") or []
    labels = w.skills([e["skill_id"] for e in entries])
    return [
        {"label": labels[e["skill_id"]], "value": w.word(f"level_{e['level']}")} for e in entries
    ]


def _education(d: dict[str, Any], w: Labels) -> list[Line]:
    lines = _line(w.word("highest_level"), w.education_level(d.get("highest_level")))
    for diploma in d.get("diplomas") or []:
        parts = [diploma["name"]]
        if diploma.get("level"):
            parts.append(str(w.education_level(diploma["level"])))
        if diploma.get("year"):
            parts.append(str(diploma["year"]))
        if diploma.get("completed") is not None:
            parts.append(w.word("completed" if diploma["completed"] else "not_completed"))
        lines += _line(w.word("diploma"), ", ".join(parts))
    lines += _line(w.word("studying_now"), _yes_no(w, d.get("studying_now")))
    lines += _line(w.word("current_study"), d.get("current_study"))
    return lines


def levels_text(levels: dict[str, Any], w: Labels) -> str:
    return ", ".join(
        f"{w.word(k)} {levels[k]}"
        for k in ("understanding", "speaking", "writing")
        if levels.get(k)
    )


def _languages(d: dict[str, Any], w: Labels) -> list[Line]:
    lines = _line(w.word("dutch"), levels_text(d.get("dutch") or {}, w))
    for other in d.get("others") or []:
        lines += _line(w.language(other["language"]), levels_text(other, w))
    return lines


def _wishes(d: dict[str, Any], w: Labels) -> list[Line]:
    occupations = ", ".join(w.occupation(o) for o in d.get("occupation_ids") or [])
    learn = list(w.skills(d.get("learn_skill_ids") or []).values())
    if d.get("learn_text"):
        learn.append(d["learn_text"])
    return [
        *_line(w.word("occupation_ids"), occupations),
        *_line(w.word("work_kinds"), w.words(d.get("work_kinds"))),
        *_line(
            w.word("hours_per_week"),
            _range(d.get("hours_per_week_min"), d.get("hours_per_week_max")),
        ),
        *_line(w.word("learn"), "; ".join(learn)),
    ]


def holland_text(code: str, w: Labels) -> str:
    return f"{code} ({', '.join(w.word(letter) for letter in code)})"


def _interests(d: dict[str, Any], w: Labels) -> list[Line]:
    profile = sections.riasec_profile(d)
    if profile is None:
        return []
    return _line(w.word("holland_code"), holland_text(profile["holland_code"], w))


BUILDERS: dict[str, Callable[[dict[str, Any], Labels], list[Line]]] = {
    "basics": _basics,
    "location": _location,
    "availability": _availability,
    "experience": _experience,
    "skills": _skills,
    "education": _education,
    "languages": _languages,
    "wishes": _wishes,
    "interests": _interests,
}
assert tuple(BUILDERS) == CV_SECTIONS


def build(data: dict[str, dict[str, Any]], lang: str) -> dict[str, Any]:
    """Build the Slim CV from the sections' data: only complete sections are shown."""
    w = Labels(lang)
    shown, left_out = [], []
    for name in CV_SECTIONS:
        if sections.assess(name, data.get(name)).status != sections.COMPLETE:
            left_out.append(name)
            continue
        shown.append(
            {"section": name, "title": w.word(name), "lines": BUILDERS[name](data[name], w)}
        )
    basics = data.get("basics") or {}
    return {
        "language": lang,
        "name": basics.get("display_name") if "basics" not in left_out else None,
        "sections": shown,
        "not_yet_complete": left_out,
    }
