"""Offline, the work screens show what the phone last saw, and never pretend that a
place on a list changed: that needs the server's answer at that moment."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from backend import db
from backend.open_hiring import service as open_hiring
from tests.browser.selfie_ui import api_get, heading, log_in, meta, wait_until_controlled
from tests.open_hiring.conftest import set_place
from tests.vacancies import conftest as vacancy_factories

pytestmark = pytest.mark.browser

make_employer = vacancy_factories.make_employer
make_function = vacancy_factories.make_function
make_vacancy = vacancy_factories.make_vacancy
__all__ = ["make_employer", "make_function", "make_vacancy"]

OFFLINE_WRITE = "Dit kan alleen met internet"


def kept(page: Page, key: str) -> bool:
    return key in (meta(page, "work.lastKnown") or {})


def wait_kept(page: Page, *keys: str) -> None:
    """The answers are kept on the phone just after they are shown: wait for them before
    leaving the page, or a navigation can cut the IndexedDB write short."""
    for _ in range(50):
        if all(kept(page, key) for key in keys):
            return
        page.wait_for_timeout(100)
    assert all(kept(page, key) for key in keys), keys


def test_reads_show_the_last_copy_and_writes_wait_for_the_server(
    page: Page, live_server: str, make_user: Any, make_vacancy: Any
) -> None:
    vacancy = make_vacancy(hiring_mode="open", title="Vakkenvuller")
    seeker = make_user(username="noor.lists")
    place = open_hiring.sign_up(vacancy.id, user_id=seeker.id, right_to_work_nl=True)
    # Twelve days since she said she still wants it: re-confirming is due in two.
    confirmed = db.utcnow() - timedelta(days=12)
    set_place(place["place_id"], confirmed_at=confirmed)

    log_in(page, live_server, seeker.username)
    page.goto(f"{live_server}/open-hiring/{vacancy.id}")
    expect(heading(page)).to_have_text("Vakkenvuller")
    wait_kept(page, f"vacancy.{vacancy.id}")
    page.goto(f"{live_server}/my-lists")
    card = page.get_by_role("listitem").filter(has_text="Vakkenvuller")
    expect(card).to_contain_text("Je staat op nummer 1.")
    expect(card).to_contain_text("Laat voor")
    wait_until_controlled(page)
    wait_kept(page, "myPlaces", f"vacancy.{vacancy.id}")

    page.context.set_offline(True)
    page.reload()
    expect(heading(page)).to_have_text("Mijn lijsten")
    expect(
        page.get_by_text(re.compile(r"^Je hebt nu geen internet\. Dit is wat je zag op"))
    ).to_be_visible()
    expect(card).to_contain_text("Je staat op nummer 1.")

    # Re-confirming offline: said plainly, and nothing happened.
    card.get_by_role("button", name=re.compile("^Ik wil nog steeds")).click()
    expect(card.get_by_role("alert")).to_contain_text(OFFLINE_WRITE)
    # Withdrawing offline: the same.
    card.get_by_role("button", name=re.compile("^Haal mij van de lijst")).click()
    card.get_by_role("button", name="Ja, haal mij eraf").click()
    expect(card.get_by_role("alert")).to_contain_text(OFFLINE_WRITE)
    expect(card).to_contain_text("Je staat op nummer 1.")

    # The vacancy seen before is there too, and signing or changing waits for the server.
    page.goto(f"{live_server}/open-hiring/{vacancy.id}")
    expect(heading(page)).to_have_text("Vakkenvuller")
    expect(
        page.get_by_text(re.compile(r"^Je hebt nu geen internet\. Dit is wat je zag op")).first
    ).to_be_visible()

    page.context.set_offline(False)
    mine = api_get(page, live_server, f"/open-hiring/{vacancy.id}/queue")
    assert mine["state"] == "waiting"
    assert mine["confirmed_at"].startswith(confirmed.isoformat()[:19])

    # Online again, the same tap works and says so.
    page.goto(f"{live_server}/my-lists")
    card.get_by_role("button", name=re.compile("^Ik wil nog steeds")).click()
    expect(card.get_by_role("status")).to_contain_text("Fijn! Je doet mee.")
    mine = api_get(page, live_server, f"/open-hiring/{vacancy.id}/queue")
    assert not mine["confirmed_at"].startswith(confirmed.isoformat()[:19])
