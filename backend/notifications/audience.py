"""Who hears about something new: the seams to the matching and learning domains.

`people_near_new_vacancy` and `people_for_learning_offer` are the only places that
choose the people. The first asks matching's candidate query
(`matching.service.people_to_notify`: nearby, within the person's own travel distance,
a shared working day, old enough, wants open hiring, not on the list yet); the second
asks learning (`learning.service.people_whose_gap_offer_closes`: people who miss one of
the offer's skills for an occupation they wish or a skill they want to learn, and who
can reach the offer).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from backend.errors import Conflict, NotFound
from backend.notifications import inbox


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


def people_near_new_vacancy(vacancy: NewVacancy) -> list[int]:
    """Return the people to tell about a new open-hiring vacancy, best matches first."""
    # Imported here: matching reads open hiring, which tells people through this domain.
    from backend.matching import service as matching

    try:
        return matching.people_to_notify(vacancy.vacancy_id)
    except (NotFound, Conflict):
        # Closed again before the task ran, or not open hiring: nobody to tell.
        return []


def people_for_learning_offer(offer: NewLearningOffer) -> list[int]:
    """Return the people whose skill gap this offer closes and who can reach it."""
    from backend.learning import service as learning

    return learning.people_whose_gap_offer_closes(offer.offer_id)


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
