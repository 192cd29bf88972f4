"""Regular hiring in the app: a jobseeker shows interest without her name, and the
employer sees the anonymous profile she shares, never who she is."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.selfie_ui import api_get, heading, log_in, put_section
from tests.browser.work_ui import Phones, phones
from tests.selfie.conftest import complete_sections
from tests.vacancies import conftest as vacancy_factories

pytestmark = pytest.mark.browser

make_employer = vacancy_factories.make_employer
make_function = vacancy_factories.make_function
make_vacancy = vacancy_factories.make_vacancy
__all__ = ["make_employer", "make_function", "make_vacancy", "phones"]

# Who Sanne is (complete_sections): none of it may reach the employer.
WHO = ("Sanne", "06 12345678", "sanne@example.nl", "1980", "1012 AB", "moeder")


def test_anonymous_interest_shows_the_employer_no_name(
    phones: Phones, live_server: str, make_user: Any, make_vacancy: Any
) -> None:
    vacancy = make_vacancy(title="Medewerker bediening")
    seeker = make_user("jobseeker", username="sanne.interest")
    sanne = phones.open("jobseeker")
    sanne.goto(f"{live_server}/")
    log_in(sanne, live_server, seeker.username)
    # A whole selfie, shared with employers in full: she still chooses per vacancy.
    for name, data in complete_sections().items():
        if name == "visibility":
            data = {**data, "employers": "full"}
        put_section(sanne, live_server, name, data)

    sanne.goto(f"{live_server}/vacancies/{vacancy.id}")
    expect(heading(sanne)).to_have_text("Medewerker bediening")
    send = sanne.get_by_role("button", name="Ik heb interesse")
    send.click()
    expect(sanne.get_by_role("alert")).to_contain_text("Kies wat de werkgever mag zien.")
    share = sanne.get_by_role("group", name="Wat mag de werkgever van je zien?")
    expect(share).to_contain_text("Niet je naam, telefoon of e-mail.")
    share.get_by_role("radio", name=re.compile("^Zonder naam")).check()
    sanne.get_by_label("Bericht aan de werkgever (mag je leeg laten)").fill("Ik kan op maandag.")
    send.click()
    expect(
        sanne.get_by_role("status").filter(has_text="De werkgever ziet je profiel zonder naam.")
    ).to_be_visible()
    mine = api_get(sanne, live_server, f"/vacancies/{vacancy.id}/interest")
    assert (mine["share"], mine["message"]) == ("anonymous", "Ik kan op maandag.")
    # It is on her lists too.
    sanne.goto(f"{live_server}/my-lists")
    interests = sanne.get_by_role("region", name="Interesse getoond")
    expect(interests).to_contain_text("Medewerker bediening")
    expect(interests).to_contain_text("De werkgever ziet je profiel zonder naam.")

    # The employer opens the vacancy in the app.
    boss = phones.open("employer")
    boss.goto(f"{live_server}/")
    log_in(boss, live_server, vacancy.employer.user.username)
    boss.goto(f"{live_server}/home")
    boss.get_by_role("link", name="Naar mijn vacatures").click()
    boss.get_by_role("link", name="Medewerker bediening").click()
    expect(heading(boss)).to_have_text("Medewerker bediening")
    people = boss.get_by_role("region", name="Mensen met interesse")
    card = people.get_by_role("listitem")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", level=3)).to_have_text("Profiel zonder naam")
    expect(card).to_contain_text("Groot Amsterdam")
    expect(card).to_contain_text("Ik kan op maandag.")
    expect(card).to_contain_text("Mbo-diploma niveau 2")
    text = boss.locator("main").inner_text()
    for secret in WHO:
        assert secret not in text, secret
    # Nor in what the app received.
    answer = api_get(boss, live_server, f"/vacancies/{vacancy.id}/interests")
    raw = str(answer)
    for secret in WHO:
        assert secret not in raw, secret

    # She withdraws it; the employer no longer sees her.
    sanne.goto(f"{live_server}/vacancies/{vacancy.id}")
    sanne.get_by_role("button", name="Interesse intrekken").click()
    sanne.get_by_role("button", name="Ja, trek mijn interesse in").click()
    expect(
        sanne.get_by_role("status").filter(has_text="Je interesse is ingetrokken.")
    ).to_be_visible()
    boss.get_by_role("button", name="Vernieuwen").click()
    expect(people).to_contain_text("Nog niemand heeft interesse getoond.")
