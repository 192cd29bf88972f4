"""The learning advice, pure: rank the offers that close a skill gap, and pick a route.

The gap is a set of missing ESCO skills, each weighted by how many things need it
(wished occupations, near-miss vacancies, skills the person wants to learn).

Ranking: coverage * distance * level fit * cost * duration, each 0..1:
- coverage: the weighted share of the gap the offer teaches;
- distance: 1 online, else 1 at home falling to 0.5 at the edge of the travel radius
  (offers outside it are not proposed);
- level fit: 1 when the person's EQF level is at least the entry level (or either is
  unknown), 0.7 one level short, 0.3 more;
- cost: 1 free, 0.95 paid by someone else, else 1 / (1 + euros / 500) (€500 halves it);
- duration: 1 / (1 + weeks / 52) (a year halves it).

The leerroute is a greedy set cover: take the offer that adds the most uncovered gap
weight times its quality (the product without coverage), until ROUTE_TARGET of the gap
weight is covered, nothing adds more, or MAX_ROUTE offers are chosen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ROUTE_TARGET = 0.8
MAX_ROUTE = 5
COST_HALF_EUR = 500
DURATION_HALF_WEEKS = 52


@dataclass(frozen=True)
class OfferFacts:
    """What the advice needs to know of an offer."""

    id: int
    skill_ids: frozenset[str]
    online: bool
    distance_km: float | None
    entry_level: int | None
    cost: str
    cost_cents: int | None
    duration_weeks: int


@dataclass(frozen=True)
class Ranked:
    offer: OfferFacts
    score: float
    covers: frozenset[str]


def coverage(skills: frozenset[str], gap: Mapping[str, float]) -> float:
    total = sum(gap.values())
    return sum(w for s, w in gap.items() if s in skills) / total if total else 0.0


def distance_factor(distance_km: float | None, radius_km: float | None) -> float:
    if distance_km is None or not radius_km:
        return 1.0
    return 1.0 - 0.5 * min(1.0, distance_km / radius_km)


def level_fit(entry_level: int | None, person_eqf: int | None) -> float:
    if entry_level is None or person_eqf is None or person_eqf >= entry_level:
        return 1.0
    return 0.7 if entry_level - person_eqf == 1 else 0.3


def cost_factor(cost: str, cost_cents: int | None) -> float:
    if cost == "gratis":
        return 1.0
    if cost == "vergoed":
        return 0.95
    return 1.0 / (1.0 + (cost_cents or 0) / 100 / COST_HALF_EUR)


def duration_factor(weeks: int) -> float:
    return 1.0 / (1.0 + weeks / DURATION_HALF_WEEKS)


def quality(offer: OfferFacts, *, person_eqf: int | None, radius_km: float | None) -> float:
    """Everything but coverage: distance * level fit * cost * duration."""
    return (
        distance_factor(offer.distance_km, radius_km)
        * level_fit(offer.entry_level, person_eqf)
        * cost_factor(offer.cost, offer.cost_cents)
        * duration_factor(offer.duration_weeks)
    )


def rank(
    offers: list[OfferFacts],
    gap: Mapping[str, float],
    *,
    person_eqf: int | None,
    radius_km: float | None,
) -> list[Ranked]:
    """Rank the offers that teach at least one gap skill, best first (ties: lower id)."""
    ranked = []
    for offer in offers:
        covers = frozenset(s for s in offer.skill_ids if s in gap)
        if not covers:
            continue
        value = coverage(covers, gap) * quality(offer, person_eqf=person_eqf, radius_km=radius_km)
        ranked.append(Ranked(offer, value, covers))
    ranked.sort(key=lambda r: (-r.score, r.offer.id))
    return ranked


def route(
    offers: list[OfferFacts],
    gap: Mapping[str, float],
    *,
    person_eqf: int | None,
    radius_km: float | None,
) -> list[Ranked]:
    """Pick the leerroute: a small set of offers that covers most of the gap (greedy)."""
    total = sum(gap.values())
    covered: set[str] = set()
    chosen: list[Ranked] = []
    candidates = {o.id: o for o in offers}
    while (
        candidates
        and len(chosen) < MAX_ROUTE
        and total
        and sum(gap[s] for s in covered) < ROUTE_TARGET * total
    ):
        best: tuple[float, int] | None = None
        for offer in candidates.values():
            new = sum(gap[s] for s in offer.skill_ids if s in gap and s not in covered)
            if not new:
                continue
            gain = new * quality(offer, person_eqf=person_eqf, radius_km=radius_km)
            if best is None or gain > best[0] or (gain == best[0] and offer.id < best[1]):
                best = (gain, offer.id)
        if best is None:
            break
        offer = candidates.pop(best[1])
        teaches = frozenset(s for s in offer.skill_ids if s in gap and s not in covered)
        covered |= teaches
        chosen.append(Ranked(offer, best[0] / total, teaches))
    return chosen
