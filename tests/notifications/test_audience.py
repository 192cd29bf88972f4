"""Who hears about a new open-hiring place or a new learning offer (the seams)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend import db
from backend.notifications import audience, checkin
from backend.notifications import service as notifications
from backend.open_hiring import service as open_hiring
from tests.matching.conftest import HOVENIER, KOK, essential_skills, week


def _kinds(user_id: int) -> list[str]:
    return [n.kind for n in notifications.list_notifications(user_id).items]


# --- A new open-hiring vacancy: matching's candidate query ----------------------------


def test_a_new_place_is_for_the_people_near_with_a_fitting_day(
    make_person: Any, make_job: Any
) -> None:
    near = make_person(postcode="1013", radius=10)  # Monday to Friday
    weekend = make_person(postcode="1013", radius=10, schedule=week("sat", "sun"))
    far = make_person(postcode="9711", radius=20)  # Groningen
    short_reach = make_person(postcode="1102", radius=1)  # Zuidoost, travels 1 km only
    regular_only = make_person(postcode="1013", radius=10, kinds=["job"])
    open_too = make_person(postcode="1013", radius=10, kinds=["job", "open_hiring"])
    made = make_job(hiring_mode="open", schedule=week("mon", parts=("morning",)))
    chosen = audience.people_near_new_vacancy(audience.NewVacancy(made.id, "Kok", None, "1012"))
    assert set(chosen) == {near.user.id, open_too.user.id}
    for nobody in (weekend, far, short_reach, regular_only):
        assert nobody.user.id not in chosen
    # Publishing ran the same choice: the inbox has it for the chosen only.
    assert _kinds(near.user.id) == ["open_hiring_nearby"]
    assert _kinds(weekend.user.id) == []
    assert _kinds(far.user.id) == []


def test_people_already_on_the_list_and_regular_vacancies_are_left_out(
    make_person: Any, make_job: Any
) -> None:
    first = make_person(postcode="1013", radius=10)
    second = make_person(postcode="1013", radius=10)
    made = make_job(hiring_mode="open")
    open_hiring.sign_up(made.id, user_id=first.user.id, right_to_work_nl=True)
    chosen = audience.people_near_new_vacancy(audience.NewVacancy(made.id, "Kok", None, "1012"))
    assert chosen == [second.user.id]
    regular = make_job(hiring_mode="regular")
    assert (
        audience.people_near_new_vacancy(audience.NewVacancy(regular.id, "Kok", None, None)) == []
    )
    assert audience.people_near_new_vacancy(audience.NewVacancy(999_999, "?", None, None)) == []


# --- A new learning offer: the people whose gap it closes -----------------------------


def test_a_learning_offer_is_for_the_people_whose_gap_it_closes(
    make_person: Any, make_offer: Any
) -> None:
    teaches = essential_skills(KOK)[:3]
    wants_kok = make_person(postcode="1013", radius=10, skills=[], wishes=[KOK])
    has_it_all = make_person(postcode="1013", radius=10, wishes=[KOK])  # has every kok skill
    other_wish = make_person(postcode="1013", radius=10, skills=[], wishes=[HOVENIER])
    far_kok = make_person(postcode="9711", radius=20, skills=[], wishes=[KOK])
    learner = make_person(
        postcode="1013",
        radius=10,
        skills=[],
        sections={"wishes": {"occupation_ids": [], "learn_skill_ids": [teaches[1]]}},
    )
    offer = make_offer()  # in 1012, teaches three kok skills: the trigger runs
    chosen = audience.people_for_learning_offer(audience.NewLearningOffer(offer["id"], "Koken"))
    assert sorted(chosen) == sorted([wants_kok.user.id, learner.user.id])
    assert _kinds(wants_kok.user.id) == ["learning_offer"]
    for nobody in (has_it_all, other_wish, far_kok):
        assert _kinds(nobody.user.id) == []
    # Online, it reaches the person in Groningen too.
    online = make_offer(online=True, postcode=None)
    chosen = audience.people_for_learning_offer(audience.NewLearningOffer(online["id"], "Online"))
    assert far_kok.user.id in chosen and has_it_all.user.id not in chosen


def test_the_digest_lists_new_offers_for_the_gap(make_person: Any, make_offer: Any) -> None:
    wants_kok = make_person(postcode="1013", radius=10, skills=[], wishes=[KOK])
    other_wish = make_person(postcode="1013", radius=10, skills=[], wishes=[HOVENIER])
    since = db.utcnow() - timedelta(minutes=1)
    offer = make_offer()
    [listed] = checkin.learning_offers_for_gap(wants_kok.user.id, since)
    assert listed["id"] == offer["id"] and listed["title"] == "Basiscursus koken"
    assert checkin.learning_offers_for_gap(other_wish.user.id, since) == []
    # Offers from before the previous digest are not new.
    assert checkin.learning_offers_for_gap(wants_kok.user.id, db.utcnow()) == []
