"""Who hears about something new: the seams to the matching domain (issue 6).

`people_near_new_vacancy` and `people_for_learning_offer` are the only places that
choose the people. For now the first takes the people whose selfie location is within
their own travel distance of the vacancy; the matching domain's candidate query (which
also fits the days) replaces its body. The second has no source yet: learning offers
and skill gaps arrive with issue 6, and until then it chooses nobody.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from backend.notifications import inbox
from backend.selfie import service as selfie
from backend.taxonomy import service as taxonomy

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class NewVacancy:
    """What an announcement needs of a just-published open-hiring vacancy."""

    vacancy_id: int
    title: str
    place: str | None
    postcode: str | None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NewVacancy:
        return cls(**data)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class NewLearningOffer:
    offer_id: int
    title: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NewLearningOffer:
        return cls(**data)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def _great_circle_km(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    # The chord between two points on the unit sphere gives the angle between them.
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.dist(a, b) / 2))


def people_near_new_vacancy(vacancy: NewVacancy) -> list[int]:
    """Return the people to tell about a new open-hiring vacancy (the matching seam)."""
    if not vacancy.postcode:
        return []
    origin = taxonomy.find_postcode(vacancy.postcode)
    if origin is None:
        return []
    here = _unit_vector(origin.lat, origin.lon)
    vectors: dict[str, tuple[float, float, float] | None] = {}
    chosen = []
    for user_id, pc4, max_km in selfie.travel_areas():
        if pc4 not in vectors:
            found = taxonomy.find_postcode(pc4)
            vectors[pc4] = _unit_vector(found.lat, found.lon) if found else None
        there = vectors[pc4]
        if there is not None and _great_circle_km(here, there) <= max_km:
            chosen.append(user_id)
    return chosen


def people_for_learning_offer(offer: NewLearningOffer) -> list[int]:
    """Return the people whose skill gap this offer closes (the matching seam; none yet)."""
    return []


def _entries(
    people: Iterable[int], kind: str, data: dict[str, Any]
) -> list[tuple[int, str, dict[str, Any]]]:
    return [(user_id, kind, data) for user_id in people]


def announce_vacancy(vacancy: NewVacancy) -> list[int]:
    """Put "Nieuwe plek bij jou in de buurt" in the inboxes of the people near; return
    the new notifications' ids (for push delivery)."""
    data = {"vacancy_id": vacancy.vacancy_id, "title": vacancy.title, "place": vacancy.place}
    return inbox.write(_entries(people_near_new_vacancy(vacancy), "open_hiring_nearby", data))


def announce_learning_offer(offer: NewLearningOffer) -> list[int]:
    """Put a new learning offer in the inboxes of the people whose gap it closes."""
    data = {"offer_id": offer.offer_id, "title": offer.title}
    return inbox.write(_entries(people_for_learning_offer(offer), "learning_offer", data))
