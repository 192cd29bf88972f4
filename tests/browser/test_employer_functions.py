"""The employer's functions and a vacancy's lifecycle through the app (issue 5).

- A function is described once and reused: a second vacancy made from it, from the
  function's screen and by picking it on the new-vacancy screen.
- A function's skills are changed (removed, made optional or needed, added with the
  skill combobox); it is marked as a function for later; a bad postcode is refused by
  the server and said next to its field; a function in use cannot be deleted, an unused
  one can.
- A published vacancy is changed, then ended as filled after a confirmation, and is gone
  from the public search.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from backend.vacancies import service as vacancies
from tests.browser.selfie_ui import api_get, heading, log_in
from tests.vacancies import conftest as vacancy_factories

pytestmark = pytest.mark.browser

make_employer = vacancy_factories.make_employer
make_function = vacancy_factories.make_function
make_vacancy = vacancy_factories.make_vacancy
__all__ = ["make_employer", "make_function", "make_vacancy"]

# A postcode of the right form that has no area (1000: post office boxes), and what the
# server says about it.
NO_AREA = "1000"
UNKNOWN_POSTCODE = "We do not know this postcode."


def next_week() -> str:
    return (date.today() + timedelta(days=7)).isoformat()


def fill_terms(page: Page, places: str = "1") -> None:
    """The terms the new-vacancy form still needs once a function is chosen."""
    page.get_by_label("Aantal plekken").fill(places)
    for slot in ("Dinsdag Middag", "Donderdag Middag"):
        page.get_by_role("button", name=slot).click()
    page.get_by_label("Eerste werkdag").fill(next_week())


def search_ids(page: Page, live_server: str) -> list[int]:
    """The ids of every published vacancy, from the public search (no login needed)."""
    response = page.request.get(f"{live_server}/api/v1/vacancies?page_size=50")
    assert response.status == 200, response.text()
    return [v["id"] for v in response.json()]


def test_an_employer_reuses_a_function_for_a_second_and_third_vacancy(
    page: Page, live_server: str, make_vacancy: Any
) -> None:
    first = make_vacancy(hiring_mode="open", title="Hulp in de keuken")
    employer = first.employer
    function_id = first.data["function_id"]
    log_in(page, live_server, employer.user.username)

    page.goto(f"{live_server}/employer")
    page.get_by_role("link", name="Mijn functies").click()
    expect(heading(page)).to_have_text("Mijn functies")
    card = page.get_by_role("listitem").filter(has_text="Hulpkok")
    expect(card).to_contain_text("1 vacature gemaakt")
    card.get_by_role("link", name=re.compile("^Nieuwe vacature van deze functie.*Hulpkok$")).click()

    # The new-vacancy form with the function chosen and its words filled in: no occupation.
    expect(heading(page)).to_have_text("Nieuwe vacature")
    expect(page.get_by_label("Functie", exact=True)).to_have_value(str(function_id))
    expect(page.get_by_role("combobox", name="Beroep")).to_have_count(0)
    expect(page.get_by_label("Titel van de vacature")).to_have_value("Hulpkok")
    expect(page.get_by_label("Wat gaat iemand doen?")).to_have_value(
        "Je helpt in de keuken: groenten snijden, afwassen, opruimen."
    )
    page.get_by_role("radio", name=re.compile("^Interesse en profiel")).check()
    fill_terms(page)
    page.get_by_label("Uren per week").fill("12")
    page.get_by_role("button", name="Vacature plaatsen").click()
    expect(heading(page)).to_have_text("Hulpkok")
    expect(page.get_by_role("status").filter(has_text="Je vacature staat online.")).to_be_visible()
    second_id = int(re.search(r"/employer/vacancies/(\d+)$", page.url).group(1))  # type: ignore[union-attr]
    second = api_get(page, live_server, f"/vacancies/{second_id}")
    assert (second["function_id"], second["hiring_mode"], second["status"]) == (
        function_id,
        "regular",
        "published",
    )
    skill_ids = [str(skill.skill_id) for skill in first.data["skills"]]
    assert [skill["skill_id"] for skill in second["skills"]] == skill_ids, "the function's skills"

    # The plain new-vacancy screen offers the function too.
    page.goto(f"{live_server}/employer/new")
    expect(heading(page)).to_have_text("Nieuwe vacature")
    expect(page.get_by_role("combobox", name="Beroep")).to_be_visible()
    page.get_by_label("Functie", exact=True).select_option(label="Hulpkok")
    expect(page.get_by_role("combobox", name="Beroep")).to_have_count(0)
    expect(page.get_by_label("Titel van de vacature")).to_have_value("Hulpkok")
    page.get_by_label("Titel van de vacature").fill("Afwasser")
    fill_terms(page, places="3")
    page.get_by_label("Uren per week").fill("8")
    page.get_by_role("button", name="Vacature plaatsen").click()
    expect(heading(page)).to_have_text("Afwasser")

    functions = api_get(page, live_server, f"/organisations/{employer.org_id}/functions")
    assert [f["id"] for f in functions] == [function_id], "reused, never copied"
    made = api_get(page, live_server, f"/organisations/{employer.org_id}/vacancies")
    assert sorted(v["function_id"] for v in made) == [function_id] * 3
    page.goto(f"{live_server}/employer/functions")
    expect(page.get_by_role("listitem").filter(has_text="Hulpkok")).to_contain_text(
        "3 vacatures gemaakt"
    )


def test_an_employer_edits_a_functions_skills_and_plans_it_for_later(
    page: Page, live_server: str, make_vacancy: Any, make_function: Any
) -> None:
    made = make_vacancy(title="Hulp in de keuken")
    employer = made.employer
    function_id = made.data["function_id"]
    spare = make_function(employer, title="Afwasser")
    log_in(page, live_server, employer.user.username)

    page.goto(f"{live_server}/employer/functions/{function_id}")
    expect(heading(page)).to_have_text("Hulpkok")
    expect(page.get_by_text("1 vacature gemaakt")).to_be_visible()
    skills = page.get_by_role("list", name="Wat moet iemand kunnen?")
    expect(skills.get_by_role("listitem")).to_have_count(50)  # the occupation's, to start with

    # Remove one, make an optional one needed, and add one with the combobox.
    skills.get_by_role("button", name=re.compile("^Weghalen.*control of expenses$")).click()
    train = skills.get_by_role("group", name="train employees")
    expect(train.get_by_role("radio", name="Handig, niet nodig")).to_be_checked()
    train.get_by_role("radio", name="Nodig", exact=True).check()
    page.get_by_role("combobox", name="Vaardigheid toevoegen").fill("hygiëne")
    page.get_by_role("option", name=re.compile("^hygiënenormen toepassen")).click()
    expect(skills.get_by_role("listitem")).to_have_count(50)
    expect(skills.get_by_role("group", name="hygiënenormen toepassen")).to_be_visible()

    page.get_by_label("Taken").fill("Groenten snijden\n\nAfwassen\n")
    page.get_by_label("Opleidingsniveau").select_option("MBO_2")
    page.get_by_label("Uren per week: minimaal (mag je leeg laten)").fill("8")
    page.get_by_label("Uren per week: maximaal (mag je leeg laten)").fill("24")

    # A postcode the server does not know: its own words, next to the field and on top.
    postcode = page.get_by_label("Postcode van de werkplek (mag je leeg laten)")
    postcode.fill(NO_AREA)
    page.get_by_role("button", name="Functie opslaan").click()
    expect(postcode).to_have_attribute("aria-invalid", "true")
    expect(postcode).to_be_focused()
    expect(page.locator("#function-postcode-error")).to_contain_text(UNKNOWN_POSTCODE)
    expect(page.get_by_role("alert").filter(has_text=UNKNOWN_POSTCODE)).to_be_visible()
    stored = api_get(page, live_server, f"/functions/{function_id}")
    assert len(stored["skills"]) == 50 and stored["tasks"] == [], "nothing was saved"

    # A function for later needs a count and a date; the form says so before sending.
    postcode.fill("1012 AB")
    page.get_by_role("checkbox", name=re.compile("^Dit is een functie voor later")).check()
    page.get_by_role("button", name="Functie opslaan").click()
    count = page.get_by_label("Hoeveel mensen heb je dan nodig?")
    expect(count).to_have_attribute("aria-invalid", "true")
    count.fill("20")
    page.get_by_label("Vanaf wanneer?").fill("2027-01-01")
    page.get_by_role("button", name="Functie opslaan").click()
    expect(page.get_by_role("status").filter(has_text="De functie is opgeslagen.")).to_be_visible()
    expect(
        page.get_by_text("Functie voor later: 20 mensen nodig vanaf 1 januari 2027")
    ).to_be_visible()

    stored = api_get(page, live_server, f"/functions/{function_id}")
    by_label = {s["label"]: s["importance"] for s in stored["skills"]}
    assert "control of expenses" not in by_label
    assert by_label["train employees"] == "essential"
    assert by_label["hygiënenormen toepassen"] == "essential"
    assert len(by_label) == 50
    assert stored["tasks"] == ["Groenten snijden", "Afwassen"]
    assert (stored["education_level"], stored["hours_per_week_min"]) == ("MBO_2", 8)
    assert (stored["hours_per_week_max"], stored["postcode"]) == (24, "1012")
    assert (stored["is_future"], stored["future_count"], stored["future_date"]) == (
        True,
        20,
        "2027-01-01",
    )

    # In use: deleting is refused, and the screen says why in words.
    page.get_by_role("button", name="Functie weghalen").click()
    expect(page.get_by_text("Weet je het zeker? De functie is dan weg.")).to_be_visible()
    page.get_by_role("button", name="Ja, haal weg").click()
    expect(page.get_by_role("alert").filter(has_text="Deze functie kan niet weg.")).to_contain_text(
        "Er zijn al vacatures van gemaakt. Die vacatures hebben de functie nodig."
    )
    assert api_get(page, live_server, f"/functions/{function_id}")["id"] == function_id

    # Unused: deleted, and the list says so.
    page.goto(f"{live_server}/employer/functions/{spare['id']}")
    expect(heading(page)).to_have_text("Afwasser")
    page.get_by_role("button", name="Functie weghalen").click()
    page.get_by_role("button", name="Ja, haal weg").click()
    expect(heading(page)).to_have_text("Mijn functies")
    expect(page.get_by_role("status").filter(has_text="weggehaald")).to_have_text(
        "De functie Afwasser is weggehaald."
    )
    expect(page.get_by_role("link", name="Afwasser")).to_have_count(0)
    response = page.request.get(f"{live_server}/api/v1/functions/{spare['id']}")
    assert response.status == 404


def test_an_employer_changes_a_vacancy_and_ends_it_as_filled(
    page: Page, live_server: str, make_vacancy: Any
) -> None:
    made = make_vacancy(title="Medewerker bediening")
    log_in(page, live_server, made.employer.user.username)
    assert made.id in search_ids(page, live_server)

    page.goto(f"{live_server}/employer")
    page.get_by_role("link", name="Medewerker bediening").click()
    expect(heading(page)).to_have_text("Medewerker bediening")
    expect(page.get_by_text("Status: Gepubliceerd · Interesse en profiel")).to_be_visible()
    expect(page.get_by_text("Gepubliceerd: de vacature staat online.")).to_be_visible()
    page.get_by_role("link", name="Vacature aanpassen").click()

    expect(heading(page)).to_have_text("Vacature aanpassen")
    # Online: how people are chosen is fixed, and said so.
    expect(page.get_by_role("radio", name=re.compile("^Open hiring"))).to_have_count(0)
    expect(
        page.get_by_text(re.compile("^Hoe je mensen kiest: interesse en profiel."))
    ).to_be_visible()
    expect(page.get_by_label("Titel van de vacature")).to_have_value("Medewerker bediening")
    expect(page.get_by_label("Uren per week")).to_have_value("16")
    page.get_by_label("Titel van de vacature").fill("Medewerker bediening (weekend)")
    page.get_by_label("Uren per week").fill("20")
    page.get_by_role("button", name="Zaterdag Avond").click()
    expect(page.get_by_role("radio", name="Baan")).to_be_checked()
    page.get_by_role("radio", name="Stage").check()
    closes_on = (date.today() + timedelta(days=30)).isoformat()
    page.get_by_label("Reageren kan tot (mag je leeg laten)").fill(closes_on)
    # A last day before the first: the form says so before sending.
    page.get_by_label("Laatste werkdag (mag je leeg laten)").fill(date.today().isoformat())
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    last_day = page.get_by_label("Laatste werkdag (mag je leeg laten)")
    expect(last_day).to_have_attribute("aria-invalid", "true")
    expect(last_day).to_be_focused()
    last_day.fill("")

    # The server refuses a postcode it does not know: said next to the field.
    postcode = page.get_by_label("Postcode van de werkplek")
    postcode.fill(NO_AREA)
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(postcode).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#vacancy-postcode-error")).to_contain_text(UNKNOWN_POSTCODE)
    expect(page.get_by_role("alert").filter(has_text=UNKNOWN_POSTCODE)).to_be_visible()
    assert api_get(page, live_server, f"/vacancies/{made.id}")["title"] == "Medewerker bediening"

    postcode.fill("1012")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(heading(page)).to_have_text("Medewerker bediening (weekend)")
    expect(page.get_by_role("status").filter(has_text="opgeslagen")).to_have_text(
        "Je wijzigingen zijn opgeslagen."
    )
    changed = api_get(page, live_server, f"/vacancies/{made.id}")
    assert (changed["title"], changed["hours_per_week"], changed["status"]) == (
        "Medewerker bediening (weekend)",
        20,
        "published",
    )
    assert (changed["kind"], changed["closes_on"], changed["end_date"]) == (
        "stage",
        closes_on,
        None,
    )
    assert changed["schedule"] == {
        "mon": ["morning"],
        "wed": ["morning", "afternoon"],
        "sat": ["evening"],
    }

    # Ending asks first; "Nee" changes nothing.
    page.get_by_role("button", name="Vervuld").click()
    expect(page.get_by_text("Weet je het zeker? De vacature gaat offline")).to_be_visible()
    page.get_by_role("button", name="Nee, ga terug").click()
    assert api_get(page, live_server, f"/vacancies/{made.id}")["status"] == "published"
    page.get_by_role("button", name="Vervuld").click()
    page.get_by_role("button", name="Ja, de vacature is vervuld").click()
    expect(page.get_by_role("status").filter(has_text="De vacature is gestopt.")).to_have_text(
        "De vacature is gestopt. Status: Vervuld."
    )
    expect(page.get_by_text("Status: Vervuld · Interesse en profiel")).to_be_visible()
    expect(page.get_by_role("link", name="Vacature aanpassen")).to_have_count(0)
    expect(page.get_by_role("button", name="Gesloten")).to_have_count(0)

    ended = api_get(page, live_server, f"/vacancies/{made.id}")
    assert (ended["status"], ended["ended_at"] is not None) == ("filled", True)
    assert made.id not in search_ids(page, live_server)
    assert page.request.get(f"{live_server}/vacatures/{made.id}").status == 410

    # The edit screen of an ended vacancy says it cannot change.
    page.goto(f"{live_server}/employer/vacancies/{made.id}/edit")
    expect(
        page.get_by_text("Deze vacature is gestopt. Je kunt haar niet meer aanpassen.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Wijzigingen opslaan")).to_have_count(0)


def test_a_draft_is_changed_and_closed(page: Page, live_server: str, make_vacancy: Any) -> None:
    draft = make_vacancy(publish=False, title="Schoonmaker")
    vacancies.update_vacancy(draft.employer.user.id, draft.id, {"hours_per_week": None})
    log_in(page, live_server, draft.employer.user.username)

    page.goto(f"{live_server}/employer/vacancies/{draft.id}")
    expect(page.get_by_text("Status: Concept · Interesse en profiel")).to_be_visible()
    # A draft can be closed, not filled.
    expect(page.get_by_role("button", name="Vervuld")).to_have_count(0)
    page.get_by_role("link", name="Vacature aanpassen").click()
    # A draft may still change how people are chosen.
    page.get_by_role("radio", name=re.compile("^Open hiring")).check()
    page.get_by_label("Uren per week").fill("10")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_text("Status: Concept · Open hiring")).to_be_visible()
    changed = api_get(page, live_server, f"/vacancies/{draft.id}")
    assert (changed["hiring_mode"], changed["hours_per_week"], changed["missing"]) == (
        "open",
        10,
        [],
    )

    page.get_by_role("button", name="Gesloten").click()
    page.get_by_role("button", name="Ja, sluit de vacature").click()
    expect(page.get_by_text("Status: Gesloten · Open hiring")).to_be_visible()
    assert api_get(page, live_server, f"/vacancies/{draft.id}")["status"] == "closed"
