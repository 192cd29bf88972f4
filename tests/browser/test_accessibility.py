"""axe-core finds no WCAG 2.1 A/AA violations on the account screens and home."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """Run axe-core in the page; return its violations."""
    # evaluate(), not add_script_tag(): the CSP blocks inline script elements.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    assert result["passes"], "axe ran no rules at all"
    return result["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


# Every control that is on screen, with its size in CSS pixels (the skip link is hidden
# until it gets focus).
SMALL_TARGETS = """() => [...document.querySelectorAll('a, button, input')]
  .filter(el => !el.classList.contains('skip-link'))
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([, r]) => r.width > 0 && r.height > 0)
  .filter(([, r]) => r.width < 44 || r.height < 44)
  .map(([el, r]) => `${el.outerHTML.slice(0, 80)}: ${r.width | 0}x${r.height | 0}`)
"""


def assert_accessible(page: Page, axe_source: str, screen: str) -> None:
    violations = axe_violations(page, axe_source)
    assert violations == [], f"axe on the {screen} screen:\n{describe(violations)}"
    small = page.evaluate(SMALL_TARGETS)
    assert small == [], f"tap targets under 44 px on the {screen} screen:\n" + "\n".join(small)


def test_account_screens_and_home_have_no_axe_violations(
    page: Page, live_server: str, axe_source: str
) -> None:
    page.goto(f"{live_server}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zelf aan het Werk")
    assert_accessible(page, axe_source, "start")

    page.goto(f"{live_server}/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    assert_accessible(page, axe_source, "login")
    # With the error messages showing, too.
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_label("Gebruikersnaam of e-mail")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, axe_source, "login (with errors)")

    page.goto(f"{live_server}/register")
    expect(page.get_by_role("heading", level=1)).to_have_text("Account maken")
    assert_accessible(page, axe_source, "register")
    page.get_by_label("Gebruikersnaam").fill("axe.tester")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_label("Wachtwoord", exact=True)).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, axe_source, "register (with errors)")

    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hallo axe.tester!")
    assert_accessible(page, axe_source, "home")


def test_register_screen_fits_a_phone_with_large_text(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/register")
    page.get_by_role("button", name="Account maken").click()  # with the errors showing
    # The person set their phone to twice the normal text size; everything is in rem.
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    size = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert size[0] <= size[1] == 360, f"sideways scrolling at 200 % text: {size}"
    box = page.get_by_role("button", name="Account maken").bounding_box()
    assert box is not None and box["height"] >= 88  # the button grew with the text
