"""Register, log out and log in again on a 360 px phone screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_register_logout_and_login(page: Page, live_server: str) -> None:
    page.goto(live_server)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zelf aan het Werk")
    page.get_by_role("link", name="Account maken").click()

    expect(page).to_have_url(f"{live_server}/register")
    expect(page.get_by_role("heading", level=1)).to_have_text("Account maken")
    password = page.get_by_label("Wachtwoord", exact=True)
    # The password rules are there before anything is typed, and tied to the input.
    expect(password).to_have_accessible_description(re.compile(r"Minstens 10 tekens"))
    page.get_by_label("Gebruikersnaam").fill("sam.de-vries")
    password.fill(PASSWORD)
    expect(password).to_have_attribute("type", "password")
    page.get_by_role("button", name="Toon wachtwoord").click()
    expect(password).to_have_attribute("type", "text")
    page.get_by_role("button", name="Account maken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hallo sam.de-vries!")
    expect(page).to_have_url(f"{live_server}/home")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert {"__Host-access", "__Host-refresh", "__Host-csrf-access"} <= cookies.keys()
    assert cookies["__Host-access"]["httpOnly"] and cookies["__Host-access"]["secure"]

    # Still logged in after a reload: the cookies carry the session.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hallo sam.de-vries!")
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360

    # The access token is gone (expired) when the person comes back: the app refreshes it
    # with the refresh cookie and the CSRF header, then repeats the request; the person
    # notices nothing. The page is left first: a request of the home screen still on its
    # way would otherwise get the 401 and refresh from the old page, just before the
    # reload, and the new page would find nothing to renew.
    page.goto("about:blank")
    page.context.clear_cookies(name="__Host-access")
    with page.expect_response("**/api/v1/auth/refresh") as refresh:
        page.goto(f"{live_server}/home")
    assert refresh.value.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Hallo sam.de-vries!")

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zelf aan het Werk")
    assert "__Host-access" not in {c["name"] for c in page.context.cookies()}

    page.get_by_role("link", name="Inloggen").click()
    page.get_by_label("Gebruikersnaam of e-mail").fill("sam.de-vries")
    page.get_by_label("Wachtwoord", exact=True).fill("niet-het-goede-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Je gebruikersnaam of wachtwoord klopt niet.")

    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hallo sam.de-vries!")


def test_register_shows_field_errors_in_dutch(page: Page, live_server: str, make_user: Any) -> None:
    make_user(username="bezet")
    page.goto(f"{live_server}/register")

    # Checked in the app before sending: nothing typed.
    page.get_by_role("button", name="Account maken").click()
    username = page.get_by_label("Gebruikersnaam")
    expect(username).to_be_focused()
    expect(username).to_have_attribute("aria-invalid", "true")
    expect(username).to_have_accessible_description(re.compile(r"^Vul dit in\."))

    # Checked by the server: the name is taken. The answer sits at the right field.
    username.fill("bezet")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    expect(username).to_have_accessible_description(
        re.compile(r"^Deze gebruikersnaam bestaat al\. Kies een andere\.")
    )
    expect(page.get_by_role("alert")).to_contain_text("Deze gebruikersnaam bestaat al.")
    expect(page.get_by_label("Wachtwoord", exact=True)).not_to_have_attribute(
        "aria-invalid", "true"
    )


def test_language_switch_follows_on_html_lang(page: Page, live_server: str) -> None:
    page.goto(live_server)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Create account")).to_be_visible()
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("link", name="Account maken")).to_be_visible()


def test_a_deep_link_opens_after_logging_in_with_its_query(
    page: Page, live_server: str, make_user: Any
) -> None:
    user = make_user(username="deep.link")
    page.goto(f"{live_server}/matches?distance_km=5&kind=stage")
    expect(page).to_have_url(f"{live_server}/login")
    page.get_by_label("Gebruikersnaam of e-mail").fill(user.username)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{live_server}/matches?distance_km=5&kind=stage")
    expect(page.get_by_role("heading", level=1)).to_have_text("Werk dat bij je past")
