"""Matches and learning advice in the app: a jobseeker sees why work fits and what she
misses, and her leerroute; a provider registers, posts an offer and imports a catalogue,
and the offer then turns up in the jobseeker's advice (and leaves it once archived)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from backend.taxonomy import service as taxonomy
from tests.browser.selfie_ui import api_get, heading, log_in
from tests.browser.work_ui import Phones, phones
from tests.conftest import PASSWORD
from tests.learning import conftest as learning_factories
from tests.matching import conftest as matching_factories
from tests.matching.conftest import KOK, essential_skills

pytestmark = pytest.mark.browser

make_employer = matching_factories.make_employer
make_person = matching_factories.make_person
make_job = matching_factories.make_job
make_provider = learning_factories.make_provider
make_offer = learning_factories.make_offer
__all__ = ["make_employer", "make_job", "make_offer", "make_person", "make_provider", "phones"]


def label_of(skill_id: str) -> str:
    return taxonomy.labelled_skills([skill_id])[0]["label"]


def test_a_match_explains_itself_and_leads_to_the_learning_route(
    phones: Phones,
    live_server: str,
    make_person: Any,
    make_job: Any,
    make_offer: Any,
) -> None:
    kok = essential_skills(KOK)
    person = make_person(skills=kok[:4], wishes=[KOK], kinds=["job"], postcode="1012", radius=15)
    job = make_job(KOK, postcode="1012", title="Kok in de Jordaan")
    make_offer(skill_ids=kok[4:], title="Koken van A tot Z")

    sam = phones.open("jobseeker")
    sam.goto(f"{live_server}/")
    log_in(sam, live_server, person.user.username)
    sam.goto(f"{live_server}/home")
    sam.get_by_role("link", name="Werk dat bij je past").click()
    expect(heading(sam)).to_have_text("Werk dat bij je past")
    expect(sam.get_by_role("status").filter(has_text="We vonden 1 keer werk")).to_be_visible()

    # The match: its link, each part of the score in words, and what is missing.
    card = sam.locator("li.match").filter(has_text="Kok in de Jordaan")
    expect(card.get_by_role("link", name="Kok in de Jordaan", exact=True)).to_have_attribute(
        "href", f"/vacancies/{job.id}"
    )
    served = api_get(sam, live_server, "/matches")["matches"][0]
    parts = {c["name"]: c["nl"] for c in served["components"]}
    expect(card).to_contain_text(parts["essential_skills"])
    assert parts["essential_skills"] == f"Je hebt 4 van de {len(kok)} vaardigheden die nodig zijn."
    expect(card).to_contain_text(parts["distance"])
    expect(card.get_by_role("heading", name="Wat mist er nog")).to_be_visible()
    missing = card.locator(".match-missing li")
    expect(missing).to_have_count(len(kok) - 4)
    expect(missing.first).to_have_text(served["missing_skills"][0]["label"])

    # The filter lives in the URL: only internships, nearer by; then back again.
    # The filter is folded away at first, so the matches come first on a phone.
    expect(sam.get_by_label("Hoe ver mag het werk zijn?")).to_be_hidden()
    sam.get_by_text("Filter: afstand en soort werk").click()
    sam.get_by_label("Hoe ver mag het werk zijn?").select_option("5")
    sam.get_by_role("checkbox", name=re.compile("^Een stage")).check()
    sam.get_by_role("button", name="Laat het werk zien").click()
    expect(sam).to_have_url(re.compile(r"/matches\?distance_km=5&kind=stage$"))
    expect(sam.get_by_role("status").filter(has_text="We vonden nu geen werk")).to_be_visible()
    sam.reload()
    expect(sam.get_by_text("Filter: Tot 5 km, Een stage")).to_be_visible()
    expect(sam.get_by_label("Hoe ver mag het werk zijn?")).to_have_value("5")
    expect(sam.get_by_role("checkbox", name=re.compile("^Een stage"))).to_be_checked()
    expect(sam.get_by_role("status").filter(has_text="We vonden nu geen werk")).to_be_visible()
    sam.go_back()
    expect(sam).to_have_url(re.compile(r"/matches$"))
    expect(card).to_be_visible()
    expect(sam.get_by_text("Filter: afstand en soort werk")).to_be_visible()
    expect(sam.locator("#match-kinds-stage")).not_to_be_checked()

    # From what is missing to the learning advice and its route.
    card.get_by_role("link", name=re.compile("^Leer wat je mist")).click()
    expect(heading(sam)).to_have_text("Jouw leeradvies")
    route = sam.get_by_role("region", name="Je leerroute")
    gap = len(kok) - 4
    expect(route).to_contain_text(f"leer je {gap} van de {gap} vaardigheden die je mist.")
    expect(route.get_by_role("heading", name=re.compile("Koken van A tot Z"))).to_be_visible()
    expect(route).to_contain_text("Hier leer je ")
    expect(route).to_contain_text("Daarna past 1 vacature in de buurt bij je.")
    expect(route.get_by_role("link", name="Kok in de Jordaan")).to_have_attribute(
        "href", f"/vacancies/{job.id}"
    )
    what = sam.get_by_role("region", name="Wat je nog mist")
    expect(what).to_contain_text(label_of(kok[4]))
    expect(what).to_contain_text("Nodig voor: kok")


def test_an_empty_selfie_says_what_to_fill_in(page: Page, live_server: str, make_user: Any) -> None:
    seeker = make_user("jobseeker")
    page.goto(f"{live_server}/")
    log_in(page, live_server, seeker.username)
    page.goto(f"{live_server}/matches")
    expect(page.get_by_text("Vul eerst dit in.")).to_be_visible()
    page.get_by_role("link", name="Je postcode").click()
    expect(page).to_have_url(re.compile(r"/selfie/location$"))
    page.goto(f"{live_server}/learning")
    expect(page.get_by_text("Je advies wordt beter als je dit invult:")).to_be_visible()
    expect(page.get_by_role("link", name="Welk werk je zoekt")).to_have_attribute(
        "href", "/selfie/wishes"
    )


def test_a_provider_posts_and_imports_offers_and_the_jobseeker_is_advised(
    phones: Phones, live_server: str, make_person: Any
) -> None:
    kok = essential_skills(KOK)
    person = make_person(skills=kok[:4], wishes=[KOK], postcode="1012", radius=15)
    taught = label_of(kok[4])

    # The provider registers in the app and creates the organisation.
    school = phones.open("provider")
    school.goto(f"{live_server}/")
    school.get_by_role("link", name="Account maken").click()
    school.get_by_label("Gebruikersnaam").fill("roc.noord")
    school.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    school.get_by_role("radio", name=re.compile("^Ik bied leren aan")).check()
    school.get_by_role("button", name="Account maken").click()
    expect(heading(school)).to_have_text("Hallo roc.noord!")
    school.get_by_role("link", name="Naar mijn aanbod").click()
    expect(heading(school)).to_have_text("Je organisatie")
    school.get_by_label("Naam van je organisatie").fill("ROC Noord")
    school.get_by_label("Postcode", exact=True).fill("1012 AB")
    school.get_by_role("button", name="Maak mijn organisatie").click()
    expect(heading(school)).to_have_text("Mijn leeraanbod")
    expect(school.get_by_text("Je hebt nog geen aanbod.")).to_be_visible()

    # A new offer: the server's refusal shows at its field; then a complete one.
    school.get_by_role("link", name="Nieuw aanbod").click()
    expect(heading(school)).to_have_text("Nieuw aanbod")
    school.get_by_role("button", name="Zet het aanbod online").click()
    summary = school.get_by_role("alert").filter(has_text="Naam van het aanbod")
    expect(summary).to_contain_text("Vaardigheden die je leert: Kies minstens 1 vaardigheid.")
    expect(school.get_by_label("Naam van het aanbod")).to_have_attribute("aria-invalid", "true")
    school.get_by_label("Naam van het aanbod").fill("Hygiëne in de keuken")
    school.get_by_role("radio", name="Cursus").check()
    skills = school.get_by_role("combobox", name="Vaardigheden die je leert")
    skills.fill(taught)
    school.get_by_role("option").filter(has_text=taught).first.click()
    expect(school.get_by_role("list", name="Gekozen vaardigheden")).to_contain_text(taught)
    school.get_by_role("group", name="Waar volg je het?").get_by_role(
        "radio", name=re.compile("^Online")
    ).check()
    school.get_by_label("Postcode van de plek").fill("")
    school.get_by_label("Hoeveel weken duurt het?").fill("4")
    school.get_by_role("radio", name=re.compile("^Eigen kosten")).check()
    school.get_by_label("Prijs in euro").fill("49,95")
    school.get_by_label("Link naar meer informatie").fill("niet-een-link")
    school.get_by_role("button", name="Zet het aanbod online").click()
    expect(school.get_by_label("Link naar meer informatie")).to_have_attribute(
        "aria-invalid", "true"
    )
    school.get_by_label("Link naar meer informatie").fill("https://roc-noord.example/hygiene")
    # One start date added with the button, one only picked: both count.
    school.get_by_label("Startdata", exact=True).fill("2027-03-01")
    school.get_by_role("button", name="Voeg datum toe").click()
    expect(school.get_by_role("list", name="Gekozen startdata")).to_contain_text("2027-03-01")
    school.get_by_label("Startdata", exact=True).fill("2027-02-01")
    school.get_by_role("button", name="Zet het aanbod online").click()
    expect(
        school.get_by_role("status").filter(has_text="Het aanbod is opgeslagen.")
    ).to_be_visible()
    expect(heading(school)).to_have_text("Aanbod wijzigen")
    offer_id = int(school.url.rsplit("/", 1)[1])
    stored = api_get(school, live_server, f"/learning-offers/{offer_id}")
    assert (stored["title"], stored["online"], stored["cost_eur"]) == (
        "Hygiëne in de keuken",
        True,
        49.95,
    )
    assert [s["skill_id"] for s in stored["skills"]] == [kok[4]]
    assert stored["start_dates"] == ["2027-02-01", "2027-03-01"]

    # A catalogue with one good and one bad row: nothing is stored, the report says why.
    school.get_by_role("link", name="Terug naar mijn aanbod").click()
    school.get_by_role("link", name="Aanbod uit een bestand").click()
    expect(heading(school)).to_have_text("Aanbod uit een bestand")
    csv = (
        "title;kind;skill_ids;online;duration_weeks;cost;url\n"
        f"Snijtechnieken;training;{kok[5]};ja;2;gratis;https://roc-noord.example/snijden\n"
        f"Bakken;workshop;{kok[6]};ja;3;gratis;https://roc-noord.example/bakken\n"
    )
    school.get_by_role("button", name="Lees het bestand in").click()
    expect(school.get_by_label("Kies het bestand")).to_have_attribute("aria-invalid", "true")
    school.get_by_label("Kies het bestand").set_input_files(
        {"name": "aanbod.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    )
    school.get_by_role("button", name="Lees het bestand in").click()
    report = school.get_by_role("region", name="Wat er gebeurde")
    expect(report).to_contain_text("Er is niets opgeslagen.")
    expect(report.get_by_role("heading", name="Regels met een fout (1)")).to_be_visible()
    expect(report).to_contain_text("Regel 3: Bakken")
    expect(report).to_contain_text("kind:")
    expect(report.get_by_role("heading", name="Goede regels (1)")).to_be_visible()
    expect(report).to_contain_text("Regel 2: Snijtechnieken")
    orgs = api_get(school, live_server, "/organisations")
    offers = api_get(school, live_server, f"/organisations/{orgs[0]['id']}/learning-offers")
    assert [o["title"] for o in offers] == ["Hygiëne in de keuken"]  # all or nothing

    # The jobseeker's advice now holds the new offer.
    sam = phones.open("jobseeker")
    sam.goto(f"{live_server}/")
    log_in(sam, live_server, person.user.username)
    sam.goto(f"{live_server}/learning")
    offers_region = sam.get_by_role("region", name="Alle opleidingen die passen")
    expect(
        offers_region.get_by_role("heading", name=re.compile("Hygiëne in de keuken"))
    ).to_be_visible()
    expect(offers_region).to_contain_text(f"Hier leer je: {taught}")
    expect(offers_region).to_contain_text("Online, waar je maar wilt")

    # Archived, it leaves the advice.
    school.goto(f"{live_server}/provider/offers/{offer_id}")
    school.get_by_role("button", name="Archiveer dit aanbod").click()
    school.get_by_role("button", name="Ja, archiveer").click()
    expect(school.get_by_role("status").filter(has_text="gearchiveerd")).to_be_visible()
    sam.reload()
    expect(heading(sam)).to_have_text("Jouw leeradvies")
    expect(sam.get_by_role("region", name="Alle opleidingen die passen")).to_contain_text(
        "We vonden nog geen opleiding"
    )
