"""A new jobseeker builds a whole selfie in the browser; the API then has every section
complete, with the values typed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.selfie_ui import (
    api_get,
    heading,
    next_step,
    register,
    server_section,
    wait_until_settled,
)

pytestmark = pytest.mark.browser

SCHOONMAKER = "303a1e34-cb16-4054-b323-81e5eec17397"  # "schoonmaker gebouwen"
KOK = "90f75f67-495d-49fa-ab57-2f320e251d7e"
# How the test answers the 48 statements, by RIASEC type: a clear "Helper" (S).
ANSWER_BY_TYPE = {"S": "Leuk", "R": "Niet leuk", "C": "Niet leuk"}
VALUES = {"Leuk": 5, "Gaat wel": 3, "Niet leuk": 1}


def fill_basics(page: Page) -> None:
    expect(heading(page)).to_have_text("Over mij")
    page.get_by_label("Hoe mogen we je noemen?").fill("Sam")
    page.get_by_role("radio", name="Nederlands").check()
    page.get_by_role("checkbox", name="Een bericht in deze app").check()
    page.get_by_role("checkbox", name="Bellen").check()
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_label("Geboortejaar (mag je leeg laten)").fill("1990")
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()


def fill_location(page: Page) -> None:
    expect(heading(page)).to_have_text("Waar ik woon")
    page.get_by_label("Postcode").fill("1115")
    # The place name confirms the postcode.
    expect(page.get_by_text("Dat is Duivendrecht, gemeente Ouder-Amstel.")).to_be_visible()
    page.get_by_label("Hoe ver wil je reizen? (km)").fill("15")
    page.get_by_role("checkbox", name="Fiets").check()
    page.get_by_role("checkbox", name="Bus, tram of trein").check()
    page.get_by_role("group", name="Heb je een rijbewijs voor de auto?").get_by_role(
        "radio", name="Nee"
    ).check()
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()


def fill_availability(page: Page) -> None:
    expect(heading(page)).to_have_text("Wanneer ik kan werken")
    page.get_by_role("radio", name="2", exact=True).check()
    for slot in ("Maandag Ochtend", "Maandag Middag", "Woensdag Ochtend"):
        button = page.get_by_role("button", name=slot)
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
    page.get_by_label("Minstens hoeveel uur per week kun je werken?").fill("8")
    page.get_by_label("Hoeveel uur per week kun je hoogstens werken?").fill("16")
    page.get_by_label("Moet een werkgever ergens rekening mee houden?").fill(
        "Ik breng mijn kinderen naar school."
    )
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()


def fill_experience(page: Page) -> None:
    expect(heading(page)).to_have_text("Ervaring")
    page.get_by_role("button", name="Ervaring toevoegen").click()
    expect(heading(page)).to_have_text("Over deze ervaring")
    occupation = page.get_by_role("combobox", name="Welk werk deed je?")
    occupation.fill("schoonmaker gebouw")
    page.get_by_role("option", name=re.compile(r"^schoonmaker gebouwen")).click()
    expect(occupation).to_have_value("schoonmaker gebouwen")
    page.get_by_role("radio", name="Betaald werk").check()
    started = page.get_by_role("group", name="Wanneer ben je begonnen?")
    started.get_by_label("Maand").select_option(label="maart")
    started.get_by_label("Jaar").fill("2019")
    page.get_by_role("checkbox", name="Ik doe dit nu nog").check()
    page.get_by_label("Wat deed je daar? (mag je leeg laten)").fill("Kantoren schoonmaken.")
    page.get_by_role("button", name="Klaar").click()

    expect(heading(page)).to_have_text("Ervaring")
    entry = page.get_by_role("list", name="Je ervaring").get_by_role("listitem")
    expect(entry).to_have_count(1)
    expect(entry.get_by_role("heading")).to_have_text("schoonmaker gebouwen")
    expect(entry).to_contain_text("Betaald werk · maart 2019 \u2013 nu")
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()


def fill_skills(page: Page) -> str:
    """Accept the first skill proposed from the experience; return its label."""
    expect(heading(page)).to_have_text("Wat ik kan")
    proposals = page.get_by_role("region", name="Past dit bij jou?")
    card = proposals.get_by_role("listitem").first
    label = card.locator(".card-title").inner_text()
    card.get_by_role("button", name=re.compile(rf"^Ja, dit kan ik\s*: {re.escape(label)}$")).click()
    level = page.get_by_role("group", name=f"{label}: hoe goed kun je dit?")
    level.get_by_role("radio", name="Goed", exact=True).check()
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()
    return label


def fill_education(page: Page) -> None:
    expect(heading(page)).to_have_text("Opleiding")
    page.get_by_label("Wat is je hoogste opleiding?").select_option("MBO_2")
    page.get_by_role("group", name="Volg je nu een opleiding?").get_by_role(
        "radio", name="Nee"
    ).check()
    page.get_by_role("button", name="Diploma toevoegen").click()
    page.get_by_label("Naam van het diploma").fill("VCA")
    page.get_by_role("group", name="Heb je dit diploma gehaald?").get_by_role(
        "radio", name="Ja"
    ).check()
    page.get_by_label("Jaar (mag je leeg laten)").fill("2020")
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()


def fill_languages(page: Page) -> None:
    expect(heading(page)).to_have_text("Talen")
    for skill, level in (("begrijpen", "B1"), ("spreken", "A2"), ("schrijven", "A2")):
        group = page.get_by_role("group", name=f"Nederlands {skill}")
        group.get_by_role("radio", name=f"Niveau {level}").check()
    # The levels are "I can ..." sentences.
    expect(
        page.get_by_role("group", name="Nederlands spreken").get_by_role(
            "radio", name="Ik kan een kort gesprek voeren over gewone dingen."
        )
    ).to_be_checked()
    next_step(page)

    expect(heading(page)).to_have_text("Andere talen")
    page.get_by_role("button", name="Een taal toevoegen").click()
    page.get_by_label("Welke taal?").select_option(label="Engels")
    for skill, level in (("begrijpen", "B2"), ("spreken", "B1"), ("schrijven", "B1")):
        page.get_by_role("group", name=f"Engels {skill}").get_by_role(
            "radio", name=f"Niveau {level}"
        ).check()
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()


def fill_wishes(page: Page) -> None:
    expect(heading(page)).to_have_text("Wat ik zoek")
    page.get_by_role("combobox", name="Welk werk zou je graag doen?").fill("kok")
    page.get_by_role("option", name=re.compile(r"^kok\b")).first.click()
    expect(page.get_by_role("list", name="Werk dat je gekozen hebt")).to_contain_text("kok")
    page.get_by_role("checkbox", name="Een baan").check()
    page.get_by_label("Minstens hoeveel uur per week wil je werken?").fill("8")
    page.get_by_label("Hoeveel uur per week wil je hoogstens werken?").fill("16")
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()


def answer_statements(page: Page, items: list[dict[str, Any]]) -> dict[str, int]:
    """Answer all 48 statements one by one; return the answers as the API should store them."""
    expect(heading(page)).to_have_text("Wat ik leuk vind")
    page.get_by_role("link", name="Begin met de vragen").click()
    by_text = {item["text"]: item for item in items}
    answers = {}
    for n in range(1, len(items) + 1):
        expect(heading(page)).to_have_text(f"Vraag {n} van 48")
        statement = page.locator("#statement-text").inner_text()
        item = by_text[statement]
        word = ANSWER_BY_TYPE.get(item["type"], "Gaat wel")
        page.get_by_role("button", name=word, exact=True).click()
        answers[item["id"]] = VALUES[word]
    expect(heading(page)).to_have_text("Dit past bij jou")
    expect(page.get_by_text("Je lijkt het meest op een Helper.")).to_be_visible()
    return answers


def fill_visibility(page: Page) -> None:
    expect(heading(page)).to_have_text("Wie mag wat zien")
    # Nothing that shares data with employers is chosen for the person.
    for radio in page.get_by_role("radio").all():
        expect(radio).not_to_be_checked()
    page.get_by_role("radio", name="Zonder naam").check()
    shared = page.get_by_role("group", name="Welke delen mogen werkgevers zien?")
    for box in shared.get_by_role("checkbox").all():
        expect(box).not_to_be_checked()
    shared.get_by_role("checkbox", name="Wat ik kan").check()
    shared.get_by_role("checkbox", name="Talen").check()
    page.get_by_role("radio", name="Ja, tel mij mee").check()
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()


def test_a_new_jobseeker_builds_the_whole_selfie(page: Page, live_server: str) -> None:
    register(page, live_server, "sam.wizard")
    expect(page.get_by_text("0 van de 10 stappen klaar")).to_be_visible()
    page.get_by_role("link", name="Begin").click()

    fill_basics(page)
    next_step(page)
    fill_location(page)
    next_step(page)
    fill_availability(page)
    next_step(page)
    fill_experience(page)
    next_step(page)
    skill_label = fill_skills(page)
    next_step(page)
    fill_education(page)
    next_step(page)
    fill_languages(page)
    next_step(page)
    fill_wishes(page)
    next_step(page)
    items = api_get(page, live_server, "/selfie/interest-items?lang=nl")
    answers = answer_statements(page, items)
    next_step(page)
    fill_visibility(page)
    next_step(page)

    # Back on Home: everything done.
    expect(heading(page)).to_have_text("Hallo Sam!")
    expect(page.get_by_text("10 van de 10 stappen klaar")).to_be_visible()
    wait_until_settled(page)

    overview = api_get(page, live_server, "/selfie")
    assert {s["name"]: s["status"] for s in overview["sections"]} == {
        s["name"]: "complete" for s in overview["sections"]
    }, overview
    assert overview["completeness"] == 100

    def data(name: str) -> dict[str, Any]:
        section = server_section(page, live_server, name)
        assert section["status"] == "complete", section
        return section["data"]

    assert data("basics") == {
        "display_name": "Sam",
        "birth_year": 1990,
        "phone": "06 12345678",
        "preferred_language": "nl",
        "contact_methods": ["app", "phone"],
    }
    location = server_section(page, live_server, "location")
    assert location["data"] == {
        "postcode": "1115",
        "max_distance_km": 15,
        "travel_modes": ["bike", "public_transport"],
        "has_driving_licence": False,
    }
    assert location["derived"]["region"]["place"] == "Duivendrecht"
    assert data("availability") == {
        "days_per_week": 2,
        "schedule": {"mon": ["morning", "afternoon"], "wed": ["morning"]},
        "hours_per_week_min": 8,
        "hours_per_week_max": 16,
        "constraints": "Ik breng mijn kinderen naar school.",
    }
    experience = data("experience")
    [entry] = experience["entries"]
    assert {k: v for k, v in entry.items() if k != "id"} == {
        "occupation_id": SCHOONMAKER,
        "kind": "paid",
        "start": "2019-03",
        "ongoing": True,
        "description": "Kantoren schoonmaken.",
    }
    skills = data("skills")
    [skill] = skills["entries"]
    proposals = api_get(page, live_server, "/selfie/skill-proposals")
    assert skill_label not in [p["label"] for p in proposals]  # answered: no longer proposed
    assert skill["level"] == 3 and skill["source"] == "from_experience"
    education = data("education")
    assert education["highest_level"] == "MBO_2"
    assert education["studying_now"] is False
    assert education["diplomas"] == [{"name": "VCA", "year": 2020, "completed": True}]
    assert data("languages") == {
        "dutch": {"understanding": "B1", "speaking": "A2", "writing": "A2"},
        "others": [{"language": "en", "understanding": "B2", "speaking": "B1", "writing": "B1"}],
    }
    wishes = data("wishes")
    assert wishes["occupation_ids"] == [KOK]
    assert wishes["work_kinds"] == ["job"]
    assert (wishes["hours_per_week_min"], wishes["hours_per_week_max"]) == (8, 16)
    interests = server_section(page, live_server, "interests")
    assert interests["data"]["answers"] == answers
    assert interests["derived"]["profile"]["holland_code"][0] == "S"
    assert data("visibility") == {
        "employers": "anonymous",
        "shared_sections": ["skills", "languages"],
        "statistics": True,
    }
