"""How well a person fits a vacancy: pure functions, one per component, and the total.

Nothing here reads a database: the service hands in a `Person` (from the projection of
the selfie) and a `Job` (a published vacancy with its function's skill counts), and
gets back the score with an explanation per component in Dutch (B1) and English.

Components and their weights (`WEIGHTS`, summing to 1):
- essential_skills: the share of the function's essential skills the person has;
- optional_skills: optional skills the person has, full marks from OPTIONAL_ENOUGH;
- distance: 1 next door, falling to 0.25 at the edge of the person's travel radius;
- availability: the share of the vacancy's parts of the day (mon morning …) the person
  can work, and the hours; fewer hours than the person wants count fully, because the
  goal is one paid day a week;
- education: the function's education level against the person's (EQF);
- wishes: the occupation (exactly, or the same ISCO group) and the kind of work;
- interests: the person's RIASEC profile against the occupation's O*NET profile.
A component the person has not filled in (or the occupation has no data for) has no
score: it is left out and the other weights are scaled up, so an empty section never
counts as a bad fit; its explanation says what to fill in.

Hard filters (`hard_filters`): outside the travel radius, no working day in common,
and not eligible (below the open-hiring list's minimum age).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("morning", "afternoon", "evening")
WEIGHTS: dict[str, float] = {
    "essential_skills": 0.26,
    "optional_skills": 0.06,
    "distance": 0.13,
    "availability": 0.15,
    "education": 0.10,
    "wishes": 0.20,
    "interests": 0.10,
}
assert abs(sum(WEIGHTS.values()) - 1.0) < 1e-9
OPTIONAL_ENOUGH = 5  # optional skills that give full marks
DISTANCE_EDGE = 0.25  # the distance score at the edge of the travel radius
RIASEC = ("R", "I", "A", "S", "E", "C")
RIASEC_NAMES = {
    "R": ("praktisch", "practical"),
    "I": ("onderzoekend", "investigative"),
    "A": ("creatief", "creative"),
    "S": ("sociaal", "social"),
    "E": ("ondernemend", "enterprising"),
    "C": ("nauwkeurig", "organised"),
}
WORK_KIND_NAMES = {
    "job": ("een baan", "a job"),
    "stage": ("een stage", "an internship"),
    "opdracht": ("een opdracht", "an assignment"),
    "open_hiring": ("open hiring", "open hiring"),
    "volunteering": ("vrijwilligerswerk", "volunteering"),
}


@dataclass(frozen=True)
class Person:
    """What matching knows of a person (see models.MatchProfile)."""

    lat: float | None = None
    lon: float | None = None
    max_distance_km: int | None = None
    days_mask: int = 0
    slots_mask: int = 0
    hours_min: int | None = None
    hours_max: int | None = None
    skill_ids: frozenset[str] = frozenset()
    education_eqf: int | None = None
    birth_year: int | None = None
    wished_occupation_ids: tuple[str, ...] = ()
    # The ISCO unit groups of the wished occupations (for "similar work").
    wished_isco_groups: frozenset[str] = frozenset()
    # Labels of the wished occupations, Dutch and English, for the explanation.
    wished_labels: tuple[tuple[str, str], ...] = ()
    work_kinds: frozenset[str] = frozenset()
    riasec: Mapping[str, float] | None = None


@dataclass(frozen=True)
class Job:
    """What matching knows of a vacancy."""

    id: int
    occupation_id: str
    isco_group: str
    occupation_label: tuple[str, str]
    work_kind: str
    slots_mask: int
    hours_per_week: int | None
    distance_km: float
    essential_total: int
    essential_have: int
    optional_total: int
    optional_have: int
    # The function's education level: EQF and its names (Dutch, English).
    education_eqf: int | None = None
    education_name: tuple[str, str] | None = None
    min_age: int | None = None
    interest_profile: tuple[float, ...] | None = None

    @property
    def days_mask(self) -> int:
        return days_of_slots(self.slots_mask)


@dataclass(frozen=True)
class Component:
    """One part of the score: 0..1 (None: unknown, left out), and why, in two languages."""

    name: str
    score: float | None
    weight: float
    nl: str
    en: str


@dataclass(frozen=True)
class Match:
    job: Job
    total: float
    components: list[Component] = field(default_factory=list)


# --- Schedules as bit masks -------------------------------------------------------------


def slots_mask(schedule: Mapping[str, Iterable[str]] | None) -> int:
    """Return the bit mask of a schedule: bit 3n + p is part p of weekday n (mon = 0)."""
    mask = 0
    for day_index, day in enumerate(WEEKDAYS):
        for part in (schedule or {}).get(day) or ():
            if part in DAY_PARTS:
                mask |= 1 << (3 * day_index + DAY_PARTS.index(part))
    return mask


def days_of_slots(slots: int) -> int:
    """Return the weekday mask (bit n: weekday n) of a slots mask."""
    return sum(1 << day for day in range(7) if (slots >> (3 * day)) & 0b111)


def _bits(mask: int) -> int:
    return bin(mask).count("1")


# --- Hard filters ------------------------------------------------------------------------


def hard_filters(person: Person, job: Job, *, this_year: int, radius_km: float) -> list[str]:
    """Return why the job is out of the question (empty: it passes)."""
    reasons = []
    if job.distance_km > radius_km:
        reasons.append("outside_travel_radius")
    if not person.days_mask & job.days_mask:
        reasons.append("no_common_day")
    if (
        job.min_age is not None
        and person.birth_year is not None
        and this_year - person.birth_year < job.min_age
    ):
        reasons.append("below_minimum_age")
    return reasons


# --- The components: first the number, then the explanation ------------------------------
#
# The numeric functions are what the ranking runs for every vacancy in reach; the
# builders (`essential_skills`, …) add the explanation for the few that are shown, about
# "you" (the person) or, with employer=True, about the candidate.


def essential_score(have: int, total: int) -> float:
    return have / total if total else 1.0


def optional_score(have: int, total: int) -> float | None:
    return min(1.0, have / min(total, OPTIONAL_ENOUGH)) if total else None


def distance_score(km: float, radius_km: float) -> float:
    share = min(1.0, km / radius_km) if radius_km > 0 else 1.0
    return 1.0 - (1.0 - DISTANCE_EDGE) * share


def hours_score(hours: int | None, hours_max: int | None) -> float:
    # Fewer hours than wanted count fully: one paid day a week is the goal.
    if hours is None or hours_max is None or hours <= hours_max:
        return 1.0
    return hours_max / hours


def availability_score(
    person_slots: int, job_slots: int, hours_max: int | None, hours: int | None
) -> float | None:
    if not person_slots:
        return None
    needed = _bits(job_slots)
    slot_share = _bits(person_slots & job_slots) / needed if needed else 1.0
    return 0.6 * slot_share + 0.4 * hours_score(hours, hours_max)


def education_score(person_eqf: int | None, required_eqf: int | None) -> float | None:
    if required_eqf is None:
        return 1.0
    if person_eqf is None:
        return None
    gap = required_eqf - person_eqf
    return 1.0 if gap <= 0 else 0.6 if gap == 1 else 0.25


def _occupation_fit(person: Person, job: Job) -> float:
    if job.occupation_id in person.wished_occupation_ids:
        return 1.0
    return 0.6 if job.isco_group in person.wished_isco_groups else 0.0


def wishes_score(person: Person, job: Job) -> float | None:
    """The occupation (75%: exactly 1, the same ISCO group 0.6) and the kind of work (25%)."""
    parts: list[tuple[float, float]] = []
    if person.wished_occupation_ids:
        parts.append((0.75, _occupation_fit(person, job)))
    if person.work_kinds:
        parts.append((0.25, 1.0 if job.work_kind in person.work_kinds else 0.0))
    if not parts:
        return None
    return sum(w * s for w, s in parts) / sum(w for w, _ in parts)


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


def interest_score(
    riasec: Mapping[str, float] | None, profile: tuple[float, ...] | None
) -> float | None:
    """The correlation of the person's RIASEC scores with the occupation's, as 0..1."""
    if profile is None or not riasec:
        return None
    r = _pearson([float(riasec.get(t, 0.0)) for t in RIASEC], list(profile))
    return None if r is None else (r + 1) / 2


def essential_skills(have: int, total: int, *, employer: bool = False) -> Component:
    weight = WEIGHTS["essential_skills"]
    value = essential_score(have, total)
    if total == 0:
        return Component(
            "essential_skills",
            value,
            weight,
            "Voor dit werk zijn geen vaste vaardigheden nodig.",
            "This work needs no particular skills.",
        )
    if employer:
        return Component(
            "essential_skills",
            value,
            weight,
            f"Heeft {have} van de {total} vaardigheden die nodig zijn.",
            f"Has {have} of the {total} skills that are needed.",
        )
    return Component(
        "essential_skills",
        value,
        weight,
        f"Je hebt {have} van de {total} vaardigheden die nodig zijn.",
        f"You have {have} of the {total} skills that are needed.",
    )


def optional_skills(have: int, total: int, *, employer: bool = False) -> Component:
    weight = WEIGHTS["optional_skills"]
    value = optional_score(have, total)
    if total == 0:
        return Component(
            "optional_skills",
            value,
            weight,
            "Er zijn geen extra vaardigheden genoemd.",
            "No extra skills are listed.",
        )
    if employer:
        return Component(
            "optional_skills",
            value,
            weight,
            f"Heeft {have} van de {total} extra vaardigheden die handig zijn.",
            f"Has {have} of the {total} extra skills that help.",
        )
    return Component(
        "optional_skills",
        value,
        weight,
        f"Je hebt {have} van de {total} extra vaardigheden die handig zijn.",
        f"You have {have} of the {total} extra skills that help.",
    )


def _km(value: float) -> tuple[str, str]:
    if value < 1:
        return "minder dan 1 km", "less than 1 km"
    whole = f"{round(value)} km"
    return whole, whole


def distance_band(km: float) -> int:
    """Round a distance up to 5 km: an employer learns no more than that."""
    return max(5, 5 * math.ceil(km / 5))


def distance(km: float, radius_km: float, *, employer: bool = False) -> Component:
    weight = WEIGHTS["distance"]
    value = distance_score(km, radius_km)
    if employer:
        band = distance_band(km)
        return Component(
            "distance", value, weight, f"Woont binnen {band} km.", f"Lives within {band} km."
        )
    nl_km, en_km = _km(km)
    return Component(
        "distance",
        value,
        weight,
        f"Je woont {nl_km} van deze plek. Je wilt tot {round(radius_km)} km reizen.",
        f"You live {en_km} from this place. You want to travel up to {round(radius_km)} km.",
    )


def availability(
    person_slots: int,
    job_slots: int,
    hours_min: int | None,
    hours_max: int | None,
    hours: int | None,
    *,
    employer: bool = False,
) -> Component:
    """Parts of the day the person can work (60%) and the hours (40%)."""
    weight = WEIGHTS["availability"]
    value = availability_score(person_slots, job_slots, hours_max, hours)
    if value is None:
        return Component(
            "availability",
            None,
            weight,
            "Vul in wanneer je kunt werken, dan kijken we of het past.",
            "Fill in when you can work, and we check whether it fits.",
        )
    needed, covered = _bits(job_slots), _bits(person_slots & job_slots)
    if employer:
        nl = [f"Kan op {covered} van de {needed} dagdelen werken."]
        en = [f"Can work {covered} of the {needed} parts of the day."]
        if hours_min is not None and hours_max is not None:
            nl.append(f"Wil {hours_min} tot {hours_max} uur per week werken.")
            en.append(f"Wants to work {hours_min} to {hours_max} hours a week.")
        return Component("availability", value, weight, " ".join(nl), " ".join(en))
    nl = [f"Je kunt op {covered} van de {needed} dagdelen werken."]
    en = [f"You can work {covered} of the {needed} parts of the day."]
    if hours is not None and hours_max is not None:
        if hours > hours_max:
            nl.append(f"Het werk is {hours} uur per week. Dat is meer dan je wilt ({hours_max}).")
            en.append(f"The work is {hours} hours a week: more than you want ({hours_max}).")
        elif hours_min is not None and hours < hours_min:
            nl.append(
                f"Het werk is {hours} uur per week. Dat is minder dan je wilt, "
                "maar elke betaalde dag telt."
            )
            en.append(
                f"The work is {hours} hours a week: fewer than you want, but every paid day counts."
            )
        else:
            nl.append(f"Het werk is {hours} uur per week. Dat past bij wat je wilt.")
            en.append(f"The work is {hours} hours a week. That fits what you want.")
    return Component("availability", value, weight, " ".join(nl), " ".join(en))


def education(
    person_eqf: int | None,
    required_eqf: int | None,
    required_name: tuple[str, str] | None,
    *,
    employer: bool = False,
) -> Component:
    """The function's education level against the person's: a level lower still counts."""
    weight = WEIGHTS["education"]
    value = education_score(person_eqf, required_eqf)
    if required_eqf is None:
        return Component(
            "education",
            value,
            weight,
            "Voor dit werk is geen diploma nodig.",
            "This work needs no diploma.",
        )
    nl_name, en_name = required_name or (f"niveau {required_eqf}", f"level {required_eqf}")
    if person_eqf is None:
        return Component(
            "education",
            None,
            weight,
            f"Voor dit werk is {nl_name} nodig. Vul je opleiding in.",
            f"This work asks for {en_name}. Fill in your education.",
        )
    gap = required_eqf - person_eqf
    if employer:
        if gap <= 0:
            return Component(
                "education",
                value,
                weight,
                f"Heeft het gevraagde niveau ({nl_name}).",
                f"Has the level asked for ({en_name}).",
            )
        return Component(
            "education",
            value,
            weight,
            f"Heeft een niveau dat {gap} lager is dan gevraagd ({nl_name}).",
            f"Has a level {gap} below the one asked for ({en_name}).",
        )
    if gap <= 0:
        return Component(
            "education",
            value,
            weight,
            f"Voor dit werk is {nl_name} nodig. Dat niveau heb je.",
            f"This work asks for {en_name}. You have that level.",
        )
    return Component(
        "education",
        value,
        weight,
        f"Voor dit werk is {nl_name} nodig. Jouw niveau is {gap} lager.",
        f"This work asks for {en_name}. Your level is {gap} lower.",
    )


def wishes(person: Person, job: Job) -> Component:
    weight = WEIGHTS["wishes"]
    value = wishes_score(person, job)
    if value is None:
        return Component(
            "wishes",
            None,
            weight,
            "Vul je wensen in: welk werk zoek je?",
            "Fill in your wishes: what work are you looking for?",
        )
    label_nl, label_en = job.occupation_label
    nl: list[str] = []
    en: list[str] = []
    if person.wished_occupation_ids:
        fit = _occupation_fit(person, job)
        if fit == 1.0:
            nl.append(f"Dit is werk dat je zoekt: {label_nl}.")
            en.append(f"This is work you are looking for: {label_en}.")
        elif fit > 0:
            nl.append(f"Dit lijkt op werk dat je zoekt ({label_nl}).")
            en.append(f"This is like work you are looking for ({label_en}).")
        else:
            wanted_nl = ", ".join(nl_ for nl_, _ in person.wished_labels[:3])
            wanted_en = ", ".join(en_ for _, en_ in person.wished_labels[:3])
            nl.append(f"Dit is ander werk dan je zoekt ({wanted_nl}).")
            en.append(f"This is other work than you are looking for ({wanted_en}).")
    if person.work_kinds:
        kind_nl, kind_en = WORK_KIND_NAMES.get(job.work_kind, (job.work_kind, job.work_kind))
        if job.work_kind in person.work_kinds:
            nl.append(f"Je zoekt {kind_nl}.")
            en.append(f"You are looking for {kind_en}.")
        else:
            nl.append(f"Dit is {kind_nl}; dat zoek je niet.")
            en.append(f"This is {kind_en}; you are not looking for that.")
    return Component("wishes", value, weight, " ".join(nl), " ".join(en))


def interests(riasec: Mapping[str, float] | None, profile: tuple[float, ...] | None) -> Component:
    weight = WEIGHTS["interests"]
    if profile is None:
        return Component(
            "interests",
            None,
            weight,
            "Van dit werk weten we niet welke interesses erbij passen.",
            "We do not know which interests fit this work.",
        )
    top = sorted(range(6), key=lambda i: (-profile[i], i))[:2]
    nl_types = " en ".join(RIASEC_NAMES[RIASEC[i]][0] for i in top)
    en_types = " and ".join(RIASEC_NAMES[RIASEC[i]][1] for i in top)
    if not riasec:
        return Component(
            "interests",
            None,
            weight,
            f"Dit werk is vooral {nl_types}. Doe de interessetest, dan zie je of het past.",
            f"This work is mostly {en_types}. Take the interest test to see if it fits.",
        )
    fit = interest_score(riasec, profile)
    if fit is None:
        return Component(
            "interests",
            None,
            weight,
            f"Dit werk is vooral {nl_types}. Je interesses zijn overal even sterk.",
            f"This work is mostly {en_types}. Your interests are equally strong everywhere.",
        )
    if fit >= 0.75:
        nl_fit, en_fit = "Dat past goed bij je interesses.", "That fits your interests well."
    elif fit >= 0.5:
        nl_fit, en_fit = "Dat past een beetje bij je interesses.", "That fits your interests a bit."
    else:
        nl_fit, en_fit = "Dat past minder bij je interesses.", "That fits your interests less."
    return Component(
        "interests",
        fit,
        weight,
        f"Dit werk is vooral {nl_types}. {nl_fit}",
        f"This work is mostly {en_types}. {en_fit}",
    )


# --- The total ---------------------------------------------------------------------------

ALL_COMPONENTS = tuple(WEIGHTS)
# What an employer's ranking may use: what the anonymous profile shows, by its section.
EMPLOYER_COMPONENTS = {
    "essential_skills": "skills",
    "optional_skills": "skills",
    "distance": "location",
    "availability": "availability",
    "education": "education",
}


def scores(
    person: Person, job: Job, *, radius_km: float, only: Iterable[str] = ALL_COMPONENTS
) -> dict[str, float | None]:
    """Return the number of each component in `only` (None: unknown)."""
    wanted = set(only)
    makers: dict[str, Callable[[], float | None]] = {
        "essential_skills": lambda: essential_score(job.essential_have, job.essential_total),
        "optional_skills": lambda: optional_score(job.optional_have, job.optional_total),
        "distance": lambda: distance_score(job.distance_km, radius_km),
        "availability": lambda: availability_score(
            person.slots_mask, job.slots_mask, person.hours_max, job.hours_per_week
        ),
        "education": lambda: education_score(person.education_eqf, job.education_eqf),
        "wishes": lambda: wishes_score(person, job),
        "interests": lambda: interest_score(person.riasec, job.interest_profile),
    }
    return {name: makers[name]() for name in ALL_COMPONENTS if name in wanted}


def weighted(values: Mapping[str, float | None]) -> float:
    """The weighted mean of the known components (0..1); 0 when none is known."""
    known = [(WEIGHTS[name], value) for name, value in values.items() if value is not None]
    weight = sum(w for w, _ in known)
    return sum(w * v for w, v in known) / weight if weight else 0.0


def fit(
    person: Person, job: Job, *, radius_km: float, only: Iterable[str] = ALL_COMPONENTS
) -> float:
    """The total score (0..1) without explanations: what the ranking computes for every job."""
    return weighted(scores(person, job, radius_km=radius_km, only=only))


def explain(
    person: Person,
    job: Job,
    *,
    radius_km: float,
    only: Iterable[str] = ALL_COMPONENTS,
    employer: bool = False,
) -> Match:
    """Score a job for a person with an explanation per component."""
    wanted = set(only)
    makers: dict[str, Callable[[], Component]] = {
        "essential_skills": lambda: essential_skills(
            job.essential_have, job.essential_total, employer=employer
        ),
        "optional_skills": lambda: optional_skills(
            job.optional_have, job.optional_total, employer=employer
        ),
        "distance": lambda: distance(job.distance_km, radius_km, employer=employer),
        "availability": lambda: availability(
            person.slots_mask,
            job.slots_mask,
            person.hours_min,
            person.hours_max,
            job.hours_per_week,
            employer=employer,
        ),
        "education": lambda: education(
            person.education_eqf, job.education_eqf, job.education_name, employer=employer
        ),
        "wishes": lambda: wishes(person, job),
        "interests": lambda: interests(person.riasec, job.interest_profile),
    }
    parts = [makers[name]() for name in ALL_COMPONENTS if name in wanted]
    return Match(job=job, total=weighted({c.name: c.score for c in parts}), components=parts)


def missing_skills(essential: Iterable[str], have: frozenset[str]) -> list[str]:
    """Return the essential skill ids the person does not have, in the given order."""
    return [skill for skill in essential if skill not in have]
