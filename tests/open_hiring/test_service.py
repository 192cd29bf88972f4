"""Open-hiring rules without HTTP: the audit replay, export and erasure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask.testing import FlaskClient

from backend.open_hiring import service
from backend.open_hiring.models import EventKind
from backend.selfie import service as selfie
from tests.conftest import PASSWORD
from tests.open_hiring.conftest import Seeker
from tests.selfie.test_privacy import rows_about

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@dataclass
class Ev:
    id: int
    kind: EventKind
    place_id: int
    position: int
    at: datetime


def events(*spec: tuple[str, int]) -> list[Ev]:
    """Events of kind on place (place id = position), one second apart."""
    return [
        Ev(n, EventKind(kind), place, place, T0 + timedelta(seconds=n))
        for n, (kind, place) in enumerate(spec, start=1)
    ]


class TestReplay:
    def test_offers_in_order(self) -> None:
        verdict = service.replay(
            events(
                ("signed", 1),
                ("signed", 2),
                ("signed", 3),
                ("offered", 1),
                ("declined", 1),
                ("offered", 2),
                ("paused", 3),
            )
        )
        assert verdict.order_respected
        assert verdict.checked_offers == 2

    def test_skipping_someone_waiting_is_a_violation(self) -> None:
        verdict = service.replay(events(("signed", 1), ("signed", 2), ("offered", 2)))
        assert not verdict.order_respected
        assert "position 2 was offered while position 1 was waiting" in verdict.violations[0]

    def test_paused_people_may_be_skipped_until_they_resume(self) -> None:
        ok = service.replay(events(("signed", 1), ("signed", 2), ("paused", 1), ("offered", 2)))
        assert ok.order_respected
        late = service.replay(
            events(
                ("signed", 1),
                ("signed", 2),
                ("signed", 3),
                ("paused", 1),
                ("resumed", 1),
                ("offered", 2),
            )
        )
        assert not late.order_respected

    def test_sign_ups_must_follow_time_and_position(self) -> None:
        spec = events(("signed", 1), ("signed", 2))
        spec[1].at = spec[0].at - timedelta(seconds=1)
        verdict = service.replay(spec)
        assert not verdict.order_respected
        assert "signed at" in verdict.violations[0]

    def test_an_offer_to_someone_not_waiting(self) -> None:
        verdict = service.replay(events(("signed", 1), ("withdrawn", 1), ("offered", 1)))
        assert not verdict.order_respected


def _busy_person(client: FlaskClient, open_vacancy: Any, make_seeker: Any) -> Seeker:
    vacancy = open_vacancy(places=1)
    other = open_vacancy(vacancy.employer)
    seeker = make_seeker()
    service.sign_up(vacancy.id, user_id=seeker.user.id, right_to_work_nl=True)
    service.sign_up(other.id, user_id=seeker.user.id, right_to_work_nl=True)
    service.open_places(vacancy.employer.user.id, vacancy.id, 1)
    service.accept_offer(vacancy.id, user_id=seeker.user.id, share=["email"])
    return seeker


def test_export_has_places_events_and_the_inbox(
    client: FlaskClient, open_vacancy: Any, make_seeker: Any
) -> None:
    seeker = _busy_person(client, open_vacancy, make_seeker)
    resp = client.get("/api/v1/me/export", headers=seeker.headers)
    assert resp.status_code == 200
    data = resp.get_json()["data"]
    places = data["open_hiring"]["places"]
    assert len(places) == 2
    accepted = next(p for p in places if p["state"] == "accepted")
    assert accepted["shared_contact"] == {"email": f"persoon{seeker.user.id}@example.nl"}
    assert accepted["position"] == 1 and accepted["title"]
    kinds = [e["kind"] for e in data["open_hiring"]["events"]]
    assert kinds.count("signed") == 2 and "offered" in kinds and "accepted" in kinds
    assert [n["kind"] for n in data["notifications"]["inbox"]] == ["open_hiring_offer"]


def test_erasure_leaves_no_place_event_or_notification(
    client: FlaskClient, open_vacancy: Any, make_seeker: Any
) -> None:
    seeker = _busy_person(client, open_vacancy, make_seeker)
    before = rows_about(seeker.user.id)
    assert before["queue_place.user_id"] == 2
    assert before["queue_event.user_id"] >= 4
    assert before["notification.user_id"] == 1
    resp = client.delete("/api/v1/me", json={"password": PASSWORD}, headers=seeker.headers)
    assert resp.status_code == 204
    after = rows_about(seeker.user.id)
    assert after == dict.fromkeys(after, 0)


def test_share_takes_the_values_from_the_selfie_at_accept_time(
    open_vacancy: Any, make_seeker: Any
) -> None:
    vacancy = open_vacancy(places=1)
    seeker = make_seeker(display_name="Sanne")
    service.sign_up(vacancy.id, user_id=seeker.user.id, right_to_work_nl=True)
    service.open_places(vacancy.employer.user.id, vacancy.id, 1)
    selfie.put_section(seeker.user.id, "basics", {"display_name": "Sanne B."}, base_version=1)
    place = service.accept_offer(
        vacancy.id, user_id=seeker.user.id, share=["display_name", "phone", "email"]
    )
    # Only what the selfie has now, and only what was asked for.
    assert place["shared_contact"] == {"display_name": "Sanne B."}


def test_the_periodic_tasks_call_the_service(open_vacancy: Any, make_seeker: Any) -> None:
    from backend import tasks
    from tests.open_hiring.conftest import ago, set_place

    vacancy = open_vacancy(places=1)
    anna, bram, cem = make_seeker(), make_seeker(), make_seeker()
    for seeker in (anna, bram, cem):
        service.sign_up(vacancy.id, user_id=seeker.user.id, right_to_work_nl=True)
    service.open_places(vacancy.employer.user.id, vacancy.id, 1)
    anna_place = service.get_my_place(vacancy.id, user_id=anna.user.id)
    set_place(anna_place["place_id"], offer_deadline=ago(seconds=1))
    cem_place = service.get_my_place(vacancy.id, user_id=cem.user.id)
    set_place(cem_place["place_id"], confirmed_at=ago(days=15))
    assert tasks.expire_open_hiring_offers.call_local() == 1
    assert tasks.pause_unconfirmed_places.call_local() == 1
    assert service.get_my_place(vacancy.id, user_id=bram.user.id)["state"] == "offered"
    assert service.get_my_place(vacancy.id, user_id=cem.user.id)["state"] == "paused"


# --- The list's count of people in line -----------------------------------------------


def _in_line(vacancy_id: int) -> tuple[int, int]:
    """The list's kept count and the true count of people waiting or with an offer."""
    from sqlalchemy import func, select

    from backend import db
    from backend.open_hiring.models import OpenHiringList, PlaceState, QueuePlace

    session = db.read_session()
    kept = session.scalar(
        select(OpenHiringList.in_line).where(OpenHiringList.vacancy_id == vacancy_id)
    )
    true = session.scalar(
        select(func.count()).where(
            QueuePlace.vacancy_id == vacancy_id,
            QueuePlace.state.in_([PlaceState.WAITING, PlaceState.OFFERED]),
        )
    )
    db.Session.remove()
    return int(kept or 0), int(true or 0)


def _state(vacancy_id: int, seeker: Seeker) -> str:
    return str(service.get_my_place(vacancy_id, user_id=seeker.user.id)["state"])


def test_the_list_counts_who_is_in_line_through_every_change(
    client: FlaskClient, open_vacancy: Any, make_seeker: Any
) -> None:
    import random

    from tests.open_hiring.conftest import ago, set_place

    vacancy = open_vacancy(places=3)
    employer = vacancy.employer.user.id
    people: list[Seeker] = []
    rng = random.Random(20261205)

    def sign() -> None:
        seeker = make_seeker()
        place = service.sign_up(vacancy.id, user_id=seeker.user.id, right_to_work_nl=True)
        people.append(seeker)
        kept, true = _in_line(vacancy.id)
        if place["state"] == "waiting":
            # A new sign-up has everyone in line ahead of it: the count before it.
            assert place["ahead"] == kept - 1 == true - 1

    def in_state(*states: str) -> list[Seeker]:
        return [p for p in people if _state(vacancy.id, p) in states]

    for _ in range(5):
        sign()
    service.open_places(employer, vacancy.id, 2)
    steps = ["sign", "accept", "decline", "withdraw", "pause", "confirm", "expire", "erase"]
    for step in [*steps, *rng.choices(steps, k=40)]:
        if step == "sign":
            sign()
        elif step == "accept" and (offered := in_state("offered")):
            try:
                service.accept_offer(vacancy.id, user_id=rng.choice(offered).user.id)
            except Exception as exc:  # places_full when all places are taken: refused
                assert getattr(exc, "code", "") == "places_full"
        elif step == "decline" and (offered := in_state("offered")):
            service.decline_offer(vacancy.id, user_id=rng.choice(offered).user.id)
        elif step == "withdraw" and (
            leaving := in_state("waiting", "paused", "offered", "accepted")
        ):
            service.withdraw(vacancy.id, user_id=rng.choice(leaving).user.id)
        elif step == "pause" and (waiting := in_state("waiting")):
            someone = rng.choice(waiting)
            place = service.get_my_place(vacancy.id, user_id=someone.user.id)
            set_place(place["place_id"], confirmed_at=ago(days=30))
            assert service.pause_unconfirmed() >= 1
        elif step == "confirm" and (paused := in_state("paused")):
            service.confirm(vacancy.id, user_id=rng.choice(paused).user.id)
        elif step == "expire" and (offered := in_state("offered")):
            someone = rng.choice(offered)
            place = service.get_my_place(vacancy.id, user_id=someone.user.id)
            set_place(place["place_id"], offer_deadline=ago(seconds=1))
            assert service.expire_offers() >= 1
        elif step == "erase" and (inside := in_state("waiting", "offered", "paused")):
            someone = rng.choice(inside)
            resp = client.delete("/api/v1/me", json={"password": PASSWORD}, headers=someone.headers)
            assert resp.status_code == 204
            people.remove(someone)
        kept, true = _in_line(vacancy.id)
        assert kept == true, f"after {step}: the list says {kept} in line, there are {true}"


def test_erasing_someone_with_an_offer_passes_the_place_on(
    client: FlaskClient, open_vacancy: Any, make_seeker: Any
) -> None:
    vacancy = open_vacancy(places=1)
    anna, bram = make_seeker(), make_seeker()
    for seeker in (anna, bram):
        service.sign_up(vacancy.id, user_id=seeker.user.id, right_to_work_nl=True)
    service.open_places(vacancy.employer.user.id, vacancy.id, 1)
    assert _state(vacancy.id, anna) == "offered"
    resp = client.delete("/api/v1/me", json={"password": PASSWORD}, headers=anna.headers)
    assert resp.status_code == 204
    assert _state(vacancy.id, bram) == "offered"
    assert _in_line(vacancy.id) == (1, 1)
    assert rows_about(anna.user.id)["queue_place.user_id"] == 0
