"""Two devices change the same field, one of them offline: the person chooses, and the
value they did not choose is kept in the revisions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE
from tests.browser.selfie_ui import (
    api_get,
    heading,
    log_in,
    put_section,
    wait_for_version,
    wait_until_controlled,
    wait_until_settled,
)

pytestmark = pytest.mark.browser


def test_a_field_changed_on_two_devices_asks_the_person(
    page: Page, browser: Browser, live_server: str, make_user: Any
) -> None:
    make_user(username="lina.conflict")
    log_in(page, live_server, "lina.conflict")
    put_section(
        page,
        live_server,
        "basics",
        {"display_name": "Lina", "preferred_language": "nl", "contact_methods": ["app"]},
    )

    # The phone opens the section while online, then loses its connection.
    page.goto(f"{live_server}/selfie/basics")
    name = page.get_by_label("Hoe mogen we je noemen?")
    expect(name).to_have_value("Lina")
    wait_until_controlled(page)
    page.context.set_offline(True)
    name.fill("Lien")
    page.get_by_label("Geboortejaar (mag je leeg laten)").fill("1995")  # only the phone
    expect(page.get_by_text("Opgeslagen op deze telefoon")).to_be_visible()

    # Meanwhile the laptop, online, changes the same field (and another one).
    laptop_context = browser.new_context(viewport=PHONE, locale="nl-NL")
    try:
        laptop = laptop_context.new_page()
        log_in(laptop, live_server, "lina.conflict")
        laptop.goto(f"{live_server}/selfie/basics")
        expect(laptop.get_by_label("Hoe mogen we je noemen?")).to_have_value("Lina")
        laptop.get_by_label("Hoe mogen we je noemen?").fill("Lina Bakker")
        laptop.get_by_role("radio", name="Engels").check()  # only the laptop
        laptop.get_by_role("button", name="Volgende").click()  # stores what waits for the pause
        expect(heading(laptop)).to_have_text("Waar ik woon")
        wait_until_settled(laptop)
        wait_for_version(laptop, live_server, "basics", 2)

        # The phone comes back online: its write meets version 2 and the field is asked.
        page.context.set_offline(False)
        alert = page.get_by_role("alert").filter(has_text="Je hebt dit ook ergens anders ingevuld")
        expect(alert).to_be_visible()
        alert.get_by_role("link", name="Kies wat klopt").click()

        expect(heading(page)).to_have_text("Kies wat klopt: Over mij")
        choice = page.get_by_role("group", name="Hoe mogen we je noemen?")
        mine = choice.get_by_role("radio", name=re.compile(r"^Lien\b.*Staat op deze telefoon"))
        theirs = choice.get_by_role("radio", name=re.compile(r"^Lina Bakker\b.*ergens anders"))
        expect(mine).not_to_be_checked()
        expect(theirs).not_to_be_checked()
        # Fields only one side changed are not asked about.
        expect(page.get_by_role("group")).to_have_count(1)
        # Nothing is chosen for the person.
        page.get_by_role("button", name="Bewaar mijn keuzes").click()
        expect(choice).to_have_accessible_description(re.compile("Kies één van de twee."))
        mine.check()
        page.get_by_role("button", name="Bewaar mijn keuzes").click()

        expect(heading(page)).to_have_text("Over mij")
        expect(page.get_by_label("Hoe mogen we je noemen?")).to_have_value("Lien")
        wait_until_settled(page)
        # The choice is on the server (on a busy machine its answer may trail the phone's
        # own bookkeeping by a moment; it must arrive, never be dropped).
        section = wait_for_version(page, live_server, "basics", 3)
        assert section["data"] == {
            "display_name": "Lien",
            "birth_year": 1995,
            "preferred_language": "en",
            "contact_methods": ["app"],
        }
        revisions = api_get(page, live_server, "/selfie/sections/basics/revisions")
        assert [(r["version"], r["data"]["display_name"]) for r in revisions] == [
            (2, "Lina Bakker"),
            (1, "Lina"),
        ]

        # The laptop shows the choice too.
        laptop.goto(f"{live_server}/selfie/basics")
        expect(laptop.get_by_label("Hoe mogen we je noemen?")).to_have_value("Lien")
    finally:
        laptop_context.close()
