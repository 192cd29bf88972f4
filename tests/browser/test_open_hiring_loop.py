"""The whole open-hiring loop through the app, one phone per person (issue 5).

1. An employer registers in the app, creates the organisation and posts an open-hiring
   vacancy with 2 places.
2. Three jobseekers put themselves on the list in the app.
3. The employer opens the places; two offers appear on the jobseekers' phones.
4. One declines, and the third person gets the offer.
5. The first accepts, sharing name and phone, and the employer marks them started.

Each step is checked on screen and in the server's state.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.selfie_ui import api_get, heading, log_in, put_section, register
from tests.browser.work_ui import Phones, phones

pytestmark = pytest.mark.browser

__all__ = ["phones"]

TITLE = "Hulp in de keuken"


def post_vacancy(page: Page) -> int:
    """From Home: the organisation, then the vacancy; returns the vacancy's id."""
    page.get_by_role("link", name="Naar mijn vacatures").click()
    expect(heading(page)).to_have_text("Je organisatie")
    page.get_by_label("Naam van de organisatie").fill("Bakkerij De Open Deur")
    page.get_by_label("Postcode van de organisatie").fill("1012 AB")
    page.get_by_role("button", name="Organisatie opslaan").click()

    expect(heading(page)).to_have_text("Nieuwe vacature")
    occupation = page.get_by_role("combobox", name="Beroep")
    occupation.fill("kok")
    page.get_by_role("option", name=re.compile(r"^kok$")).click()
    expect(occupation).to_have_value("kok")
    title = page.get_by_label("Titel van de vacature")
    expect(title).to_have_value("kok")  # the occupation's name, to start with
    title.fill(TITLE)
    page.get_by_label("Wat gaat iemand doen?").fill("Je snijdt groenten en je wast af.")
    expect(page.get_by_role("radio", name="Open hiring")).to_be_checked()
    page.get_by_label("Aantal plekken").fill("2")
    for slot in ("Maandag Ochtend", "Woensdag Ochtend"):
        page.get_by_role("button", name=slot).click()
    page.get_by_label("Uren per week").fill("8")
    page.get_by_label("Eerste werkdag").fill((date.today() + timedelta(days=7)).isoformat())
    expect(page.get_by_label("Postcode van de werkplek")).to_have_value("1012")
    page.get_by_role("button", name="Vacature plaatsen").click()

    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_role("status").filter(has_text="Je vacature staat online.")).to_be_visible()
    match = re.search(r"/employer/vacancies/(\d+)$", page.url)
    assert match, page.url
    return int(match.group(1))


def jobseeker(phones: Phones, live_server: str, make_user: Any, name: str) -> Page:
    """A logged-in jobseeker whose selfie has a name, phone, birth year and postcode."""
    user = make_user("jobseeker", username=name.lower())
    page = phones.open(name)
    page.goto(f"{live_server}/")
    log_in(page, live_server, user.username)
    put_section(
        page,
        live_server,
        "basics",
        {
            "display_name": name,
            "birth_year": 1990,
            "phone": "06 11112222",
            "contact_methods": ["phone"],
        },
    )
    put_section(page, live_server, "location", {"postcode": "1012", "max_distance_km": 10})
    return page


def sign_from_nearby(page: Page, live_server: str) -> None:
    """Home → Werk bij mij in de buurt → the vacancy → Zet mij op de lijst."""
    page.goto(f"{live_server}/home")
    page.get_by_role("link", name="Werk bij mij in de buurt").click()
    expect(heading(page)).to_have_text("Werk bij mij in de buurt")
    # The selfie's postcode is filled in, and the search runs at once.
    expect(page.get_by_label("Je postcode")).to_have_value("1012")
    expect(
        page.get_by_role("status").filter(has_text="We vonden 1 vacature binnen 10 km.")
    ).to_be_visible()
    card = page.get_by_role("listitem").filter(has_text=TITLE)
    expect(card).to_contain_text("Open hiring: zonder cv")
    expect(card).to_contain_text("Bakkerij De Open Deur")
    card.get_by_role("link", name=TITLE).click()
    sign_here(page)


def sign_here(page: Page) -> None:
    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_role("heading", name="Zo werkt open hiring")).to_be_visible()
    sign = page.get_by_role("button", name="Zet mij op de lijst")
    sign.click()
    # Not without the declaration: the app says why.
    expect(page.get_by_role("alert")).to_contain_text(
        "Zet een vinkje als je in Nederland mag werken"
    )
    page.get_by_role("checkbox", name=re.compile("^Ik mag werken in Nederland")).check()
    sign.click()


def my_lists(page: Page, live_server: str) -> Any:
    page.goto(f"{live_server}/my-lists")
    expect(heading(page)).to_have_text("Mijn lijsten")
    return page.get_by_role("listitem").filter(has_text=TITLE)


def test_employer_posts_three_sign_one_declines_one_accepts_and_starts(
    phones: Phones, live_server: str, make_user: Any
) -> None:
    # 1. The employer, in the app, on a phone.
    boss = phones.open("employer")
    register(boss, live_server, "werkgever.loop", employer=True)
    vacancy_id = post_vacancy(boss)
    vacancy = api_get(boss, live_server, f"/vacancies/{vacancy_id}")
    assert (vacancy["status"], vacancy["hiring_mode"], vacancy["places"]) == (
        "published",
        "open",
        2,
    )
    assert vacancy["schedule"] == {"mon": ["morning"], "wed": ["morning"]}
    assert vacancy["organisation_name"] == "Bakkerij De Open Deur"
    assert vacancy["skills"], "the skills come from the occupation"

    # 2. Three jobseekers sign the list in the app.
    anna = jobseeker(phones, live_server, make_user, "Anna")
    bram = jobseeker(phones, live_server, make_user, "Bram")
    cem = jobseeker(phones, live_server, make_user, "Cem")
    sign_from_nearby(anna, live_server)
    expect(anna.get_by_role("status").filter(has_text="Je staat op nummer 1.")).to_be_visible()
    for person in (bram, cem):
        person.goto(f"{live_server}/open-hiring/{vacancy_id}")
        sign_here(person)
    expect(bram.get_by_text("Je staat op nummer 2. Er is nog 1 persoon voor je.")).to_be_visible()
    expect(cem.get_by_text("Je staat op nummer 3. Er zijn nog 2 mensen voor je.")).to_be_visible()
    positions = [
        api_get(p, live_server, f"/open-hiring/{vacancy_id}/queue")["position"]
        for p in (anna, bram, cem)
    ]
    assert positions == [1, 2, 3]

    # 3. The employer opens the two places.
    boss.get_by_role("button", name="Vernieuwen").click()
    expect(boss.get_by_text("3 mensen staan op de lijst.")).to_be_visible()
    expect(boss.get_by_label("Hoeveel plekken zet je open?")).to_have_value("2")
    boss.get_by_role("button", name="Zet plekken open").click()
    expect(boss.get_by_role("status").filter(has_text="De plekken staan open.")).to_be_visible()
    expect(boss.get_by_text("2 van de 2 plekken staan open.")).to_be_visible()
    counts = boss.locator(".counts")
    expect(counts.locator("div").filter(has_text="Hebben een aanbod")).to_contain_text("2")

    # Two offers appear on the phones of the first two; the third still waits.
    for person in (anna, bram):
        card = my_lists(person, live_server)
        expect(card).to_contain_text("Je krijgt een plek aangeboden!")
        expect(card.get_by_role("link", name=re.compile("^Bekijk het aanbod"))).to_be_visible()
    expect(my_lists(cem, live_server)).to_contain_text("Je staat op nummer 3. Er zijn nog 2 mensen")

    # 4. Bram declines, after confirming.
    bram.get_by_role("link", name=re.compile("^Bekijk het aanbod")).click()
    expect(heading(bram)).to_have_text("Er is een plek voor jou!")
    expect(bram.get_by_text("Bakkerij De Open Deur biedt je een plek aan")).to_be_visible()
    expect(
        bram.get_by_text(re.compile(r"^Je hebt nog 1 dag en 23 uur om ja of nee"))
    ).to_be_visible()
    bram.get_by_role("button", name="Nee, ik wil deze plek niet").click()
    expect(bram.get_by_text("Weet je het zeker?")).to_be_visible()
    bram.get_by_role("button", name="Ja, ik zeg nee").click()
    expect(bram.get_by_role("status").filter(has_text="Je hebt nee gezegd.")).to_be_visible()
    assert api_get(bram, live_server, f"/open-hiring/{vacancy_id}/queue")["state"] == "declined"

    # ... and the third person gets the offer.
    expect(my_lists(cem, live_server)).to_contain_text("Je krijgt een plek aangeboden!")
    assert api_get(cem, live_server, f"/open-hiring/{vacancy_id}/queue")["state"] == "offered"

    # 5. Anna accepts, sharing her name and phone number (not her e-mail).
    my_lists(anna, live_server).get_by_role("link", name=re.compile("^Bekijk het aanbod")).click()
    expect(heading(anna)).to_have_text("Er is een plek voor jou!")
    share = anna.get_by_role("group", name="Wat mag de werkgever van je weten?")
    expect(share).to_contain_text("Anna")
    share.get_by_role("checkbox", name=re.compile("^Mijn naam")).check()
    share.get_by_role("checkbox", name=re.compile("^Mijn telefoonnummer")).check()
    anna.get_by_role("button", name="Ja, ik neem de plek").click()
    expect(anna.get_by_role("status").filter(has_text="Gefeliciteerd!")).to_be_visible()
    expect(anna.locator(".facts")).to_contain_text("06 11112222")
    place = api_get(anna, live_server, f"/open-hiring/{vacancy_id}/queue")
    assert place["state"] == "accepted"
    assert place["shared_contact"] == {"display_name": "Anna", "phone": "06 11112222"}

    # The employer sees what Anna shared, and marks her started.
    boss.get_by_role("button", name="Vernieuwen").click()
    accepted = boss.get_by_role("region", name="Mensen die de plek aannamen")
    card = accepted.get_by_role("listitem").filter(has_text="Anna")
    expect(card).to_contain_text("06 11112222")
    expect(card).not_to_contain_text("@")  # no e-mail: she did not share it
    card.get_by_role("button", name=re.compile("^Is begonnen")).click()
    expect(card.get_by_role("status")).to_have_text("Genoteerd: begonnen.")
    expect(card).to_contain_text("Begonnen op")

    dashboard = api_get(boss, live_server, f"/open-hiring/employer/{vacancy_id}")
    assert dashboard["counts"]["started"] == 1
    assert dashboard["counts"]["offered"] == 1
    assert dashboard["counts"]["declined"] == 1
    assert [p["contact"] for p in dashboard["accepted"]] == [
        {"display_name": "Anna", "phone": "06 11112222"}
    ]
    assert api_get(anna, live_server, f"/open-hiring/{vacancy_id}/queue")["state"] == "started"
    expect(my_lists(anna, live_server)).to_contain_text("Je bent begonnen met werken.")


# Count what a screen reader would hear from the page's live regions, and how often the
# visible countdown changes, over a few seconds.
WATCH = """() => {
  window.heard = [];
  window.ticks = 0;
  const live = document.querySelector('.countdown [aria-live="polite"]');
  const time = document.querySelector('.countdown-time');
  new MutationObserver(() => window.heard.push(live.textContent))
    .observe(live, {childList: true, characterData: true, subtree: true});
  new MutationObserver(() => { window.ticks += 1; })
    .observe(time, {childList: true, characterData: true, subtree: true});
}"""


def test_the_offer_countdown_ticks_but_speaks_only_at_a_milestone(
    page: Page, live_server: str, make_user: Any
) -> None:
    from backend import db
    from backend.accounts import service as accounts
    from backend.open_hiring import service as open_hiring
    from backend.vacancies import service as vacancies
    from tests.open_hiring.conftest import set_place
    from tests.vacancies.conftest import KOK, vacancy_fields

    boss = make_user("employer")
    org = accounts.create_organisation(boss.id, name="Bakkerij", postcode="1012")
    function = vacancies.create_function(boss.id, org.id, {"occupation_id": KOK})
    made = vacancies.create_vacancy(
        boss.id,
        {
            "function_id": function["id"],
            **vacancy_fields(hiring_mode="open", title="Bakker", description="Brood bakken."),
        },
    )
    vacancies.publish_vacancy(boss.id, made["id"])
    seeker = make_user(username="dana.countdown")
    place = open_hiring.sign_up(made["id"], user_id=seeker.id, right_to_work_nl=True)
    open_hiring.open_places(boss.id, made["id"], 1)
    # A minute and a few seconds left: the "less than a minute" moment comes soon.
    set_place(place["place_id"], offer_deadline=db.utcnow() + timedelta(seconds=72))

    log_in(page, live_server, seeker.username)
    page.goto(f"{live_server}/open-hiring/{made['id']}/offer")
    expect(heading(page)).to_have_text("Er is een plek voor jou!")
    time = page.locator(".countdown-time")
    expect(time).to_have_text(re.compile(r"^Je hebt nog 1 minuut en \d+ seconden om ja of nee"))
    # The ticking words are not a live region; the live region starts empty.
    assert time.get_attribute("aria-live") is None
    live = page.locator('.countdown [aria-live="polite"]')
    expect(live).to_have_text("")
    page.evaluate(WATCH)
    expect(live).to_have_text("Je hebt nog minder dan een minuut om te reageren.", timeout=25_000)
    page.wait_for_timeout(2_000)
    heard = page.evaluate("window.heard")
    ticks = page.evaluate("window.ticks")
    assert heard == ["Je hebt nog minder dan een minuut om te reageren."], heard
    assert ticks >= 4, f"the countdown should tick every second, it changed {ticks} times"


def test_the_minimum_age_leads_to_the_birth_year(
    page: Page, live_server: str, make_user: Any
) -> None:
    from backend.accounts import service as accounts
    from backend.vacancies import service as vacancies
    from tests.vacancies.conftest import KOK, vacancy_fields

    boss = make_user("employer")
    org = accounts.create_organisation(boss.id, name="Café De Hoek", postcode="1012")
    function = vacancies.create_function(boss.id, org.id, {"occupation_id": KOK})
    made = vacancies.create_vacancy(
        boss.id,
        {
            "function_id": function["id"],
            **vacancy_fields(hiring_mode="open", title="Barhulp", description="Glazen spoelen."),
            "min_age": 18,
        },
    )
    vacancies.publish_vacancy(boss.id, made["id"])
    make_user(username="jonge.eva")
    log_in(page, live_server, "jonge.eva")

    def try_to_sign() -> None:
        page.goto(f"{live_server}/open-hiring/{made['id']}")
        expect(page.get_by_text("Je moet minstens 18 jaar zijn.")).to_be_visible()
        page.get_by_role("checkbox", name=re.compile("^Ik mag werken in Nederland")).check()
        page.get_by_role("button", name="Zet mij op de lijst").click()

    # No birth year yet: the app says what is needed and where to fill it in.
    try_to_sign()
    expect(page.get_by_role("alert")).to_contain_text("Vul eerst je geboortejaar in")
    page.get_by_role("link", name="Vul je geboortejaar in").click()
    expect(heading(page)).to_have_text("Over mij")

    # Too young: said plainly, with the way to correct a wrong year.
    put_section(
        page, live_server, "basics", {"display_name": "Eva", "birth_year": date.today().year - 15}
    )
    try_to_sign()
    expect(page.get_by_role("alert")).to_contain_text("Je bent te jong voor dit werk.")
    expect(page.get_by_role("link", name="Klopt je geboortejaar niet? Pas het aan")).to_be_visible()
    resp = page.request.get(f"{live_server}/api/v1/open-hiring/{made['id']}/queue")
    assert resp.status == 404  # not on the list
