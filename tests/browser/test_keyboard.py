"""The wizard's first three steps with the keyboard alone: Tab, Shift+Tab, Space, Enter and
the arrow keys; no mouse."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.selfie_ui import heading, log_in, server_section, wait_until_settled

pytestmark = pytest.mark.browser


def focused(target: Locator) -> bool:
    return bool(target.evaluate("el => el === document.activeElement"))


def tab_to(page: Page, target: Locator, *, back: bool = False, limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus."""
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(target):
            return
    raise AssertionError(f"{key} {limit} times never reached {target}")


def test_first_three_steps_with_the_keyboard_alone(
    page: Page, live_server: str, make_user: Any
) -> None:
    make_user(username="kees.keyboard")
    log_in(page, live_server, "kees.keyboard")
    page.goto(f"{live_server}/home")
    start = page.get_by_role("link", name="Begin")
    expect(start).to_be_visible()
    tab_to(page, start)
    page.keyboard.press("Enter")

    # 1. About me. The new screen's heading has the focus, so Tab starts at the top.
    expect(heading(page)).to_have_text("Over mij")
    expect(heading(page)).to_be_focused()
    tab_to(page, page.get_by_label("Hoe mogen we je noemen?"))
    page.keyboard.type("Kees")
    dutch = page.get_by_role("radio", name="Nederlands")
    tab_to(page, dutch)
    page.keyboard.press("Space")
    expect(dutch).to_be_checked()
    for method in ("Een bericht in deze app", "WhatsApp"):
        box = page.get_by_role("checkbox", name=method)
        tab_to(page, box)
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    phone = page.get_by_label("Telefoonnummer")  # appears for WhatsApp
    tab_to(page, phone)
    page.keyboard.type("06 98765432")
    year = page.get_by_label("Geboortejaar (mag je leeg laten)")
    tab_to(page, year)
    page.keyboard.type("1979")
    next_button = page.get_by_role("button", name="Volgende")
    tab_to(page, next_button)
    # Shift+Tab goes back the same way.
    tab_to(page, year, back=True)
    page.keyboard.press("End")  # Tab selected the whole text
    page.keyboard.press("Backspace")
    page.keyboard.type("8")
    expect(year).to_have_value("1978")
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()
    tab_to(page, next_button)
    page.keyboard.press("Enter")

    # 2. Where I live.
    expect(heading(page)).to_have_text("Waar ik woon")
    tab_to(page, page.get_by_label("Postcode"))
    page.keyboard.type("3511")
    expect(page.get_by_text("Dat is Utrecht.")).to_be_visible()
    tab_to(page, page.get_by_label("Hoe ver wil je reizen? (km)"))
    page.keyboard.type("20")
    bike = page.get_by_role("checkbox", name="Fiets")
    tab_to(page, bike)
    page.keyboard.press("Space")
    licence = page.get_by_role("group", name="Heb je een rijbewijs voor de auto?")
    tab_to(page, licence.get_by_role("radio", name="Ja"))
    page.keyboard.press("ArrowRight")  # arrows move through a radio group and choose
    expect(licence.get_by_role("radio", name="Nee")).to_be_checked()
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()
    tab_to(page, page.get_by_role("button", name="Volgende"))
    page.keyboard.press("Enter")

    # 3. When I can work: the day radio buttons with the arrows, the grid with Space/Enter.
    expect(heading(page)).to_have_text("Wanneer ik kan werken")
    days = page.get_by_role("group", name="Hoeveel dagen per week kun je werken?")
    tab_to(page, days.get_by_role("radio", name="1", exact=True))
    page.keyboard.press("ArrowRight")
    expect(days.get_by_role("radio", name="2", exact=True)).to_be_checked()
    for slot, key in (("Dinsdag Ochtend", "Space"), ("Donderdag Middag", "Enter")):
        button = page.get_by_role("button", name=slot)
        tab_to(page, button)
        page.keyboard.press(key)
        expect(button).to_have_attribute("aria-pressed", "true")
    tab_to(page, page.get_by_label("Minstens hoeveel uur per week kun je werken?"))
    page.keyboard.type("6")
    tab_to(page, page.get_by_label("Hoeveel uur per week kun je hoogstens werken?"))
    page.keyboard.type("12")
    expect(page.get_by_text("Deze stap is klaar.")).to_be_visible()
    tab_to(page, page.get_by_role("button", name="Volgende"))
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Ervaring")

    wait_until_settled(page)
    basics = server_section(page, live_server, "basics")
    assert basics["status"] == "complete"
    assert basics["data"] == {
        "display_name": "Kees",
        "preferred_language": "nl",
        "contact_methods": ["app", "whatsapp"],
        "phone": "06 98765432",
        "birth_year": 1978,
    }
    location = server_section(page, live_server, "location")
    assert location["status"] == "complete"
    assert location["data"] == {
        "postcode": "3511",
        "max_distance_km": 20,
        "travel_modes": ["bike"],
        "has_driving_licence": False,
    }
    availability = server_section(page, live_server, "availability")
    assert availability["status"] == "complete"
    assert availability["data"] == {
        "days_per_week": 2,
        "schedule": {"tue": ["morning"], "thu": ["afternoon"]},
        "hours_per_week_min": 6,
        "hours_per_week_max": 12,
    }
