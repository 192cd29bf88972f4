"""The evaluation set: hand-graded persona ↔ vacancy cases, ranked by the real service.

Every persona's selfie is written through the selfie service (so the projection comes
from the real listener) and every vacancy through the vacancies service (its function's
skills are the occupation's ESCO skills). The ranking is `best_matches`, as
`GET /api/v1/matches` answers it. Quality is nDCG@5 with gain 2^grade - 1.

The floor. A random order of the same lists scores 0.67 on average (computed
below, exactly, over every order), and a perfect order 1.0. We require a mean of at
least 0.90 and at least 0.80 for each persona: the mean leaves room for a swap between
neighbouring grades in a few lists, and no persona may be served close to chance. The
hard filters are not a matter of degree: a vacancy graded None must never be shown.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from backend.matching import service
from backend.taxonomy import service as taxonomy
from tests.matching.conftest import essential_skills, riasec
from tests.matching.evaluation_cases import PERSONAS, Persona
from tests.vacancies.conftest import next_monday

MEAN_FLOOR = 0.90
PERSONA_FLOOR = 0.80
K = 5


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:K]))


def ndcg(ranked: list[int], all_grades: list[int]) -> float:
    ideal = dcg(sorted(all_grades, reverse=True))
    return dcg(ranked) / ideal if ideal else 1.0


def random_ndcg(grades: list[int]) -> float:
    """The expected nDCG@5 of a random order: the mean over every order."""
    orders = list(itertools.permutations(grades))
    return sum(ndcg(list(order), grades) for order in orders) / len(orders)


def _occupation(code: str) -> str:
    found = [b.id for b in taxonomy.occupation_briefs().values() if b.code == code]
    assert len(found) == 1, code
    return found[0]


def _persona(make_user: Any, persona: Persona) -> int:
    from backend.selfie import service as selfie

    user = make_user("jobseeker")
    skills = list(
        dict.fromkeys(
            s for code in persona.experience for s in essential_skills(_occupation(code), 0.8)
        )
    )
    sections = {
        "location": {"postcode": persona.postcode, "max_distance_km": persona.radius},
        "availability": {
            "schedule": persona.schedule,
            "hours_per_week_min": persona.hours[0],
            "hours_per_week_max": persona.hours[1],
        },
        "skills": {"entries": [{"skill_id": s, "level": 3} for s in skills]},
        "education": {"highest_level": persona.education, "studying_now": False},
        "wishes": {
            "occupation_ids": [_occupation(c) for c in persona.wishes],
            "work_kinds": list(persona.kinds),
        },
        "interests": {"answers": riasec(persona.interests)},
    }
    for name, data in sections.items():
        selfie.put_section(user.id, name, data, base_version=0)
    return int(user.id)


def _vacancies(make_employer: Any, persona: Persona) -> dict[int, Any]:
    from backend.vacancies import service as vacancies

    employer = make_employer(name="Werkgever", postcode=persona.postcode)
    made = {}
    for case in persona.vacancies:
        function = vacancies.create_function(
            employer.user.id,
            employer.org_id,
            {
                "occupation_id": _occupation(case.code),
                "title": case.label[:120],
                "description": "Werk in de buurt.",
                **({"education_level": case.education} if case.education else {}),
            },
        )
        draft = vacancies.create_vacancy(
            employer.user.id,
            {
                "function_id": function["id"],
                "postcode": case.postcode,
                "hiring_mode": case.hiring_mode,
                "schedule": case.schedule or {"mon": ["morning"], "wed": ["morning"]},
                "hours_per_week": case.hours,
                "start_date": next_monday(),
                "places": 2,
            },
        )
        vacancies.publish_vacancy(employer.user.id, draft["id"])
        made[draft["id"]] = case
    return made


def test_the_evaluation_set(make_user: Any, make_employer: Any) -> None:
    cases = sum(len(p.vacancies) for p in PERSONAS)
    assert cases >= 25
    scores: dict[str, float] = {}
    baselines: dict[str, float] = {}
    lines = []
    for persona in PERSONAS:
        user_id = _persona(make_user, persona)
        made = _vacancies(make_employer, persona)
        body = service.best_matches(user_id, limit=10)
        shown = [m["vacancy"]["id"] for m in body["matches"]]
        hidden = [vid for vid, case in made.items() if case.grade is None]
        assert not set(shown) & set(hidden), f"{persona.name}: a hard filter let one through"
        graded = [case.grade for case in made.values() if case.grade is not None]
        assert len(shown) == len(graded), persona.name  # every other vacancy is shown
        ranked = [made[vid].grade or 0 for vid in shown]
        scores[persona.name] = ndcg(ranked, graded)
        baselines[persona.name] = random_ndcg(graded)
        order = ", ".join(f"{made[vid].label} ({made[vid].grade})" for vid in shown)
        lines.append(f"  {scores[persona.name]:.3f}  {persona.name}: {order}")
    mean = sum(scores.values()) / len(scores)
    baseline = sum(baselines.values()) / len(baselines)
    print(f"\nEvaluation set: {len(PERSONAS)} personas, {cases} persona-vacancy cases")
    print("\n".join(lines))
    print(f"nDCG@{K}: mean {mean:.3f} (floor {MEAN_FLOOR}); a random order: {baseline:.3f}")
    assert baseline < 0.75  # the floor is well above chance
    assert mean >= MEAN_FLOOR
    for name, value in scores.items():
        assert value >= PERSONA_FLOOR, f"{name}: nDCG@{K} {value:.3f}"
