"""axe-core finds no WCAG 2.1 A/AA violations on any screen, in Dutch and in English."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.selfie_ui import CONTROLLED, log_in, put_section
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


# Wider than the screen at twice the text size (WCAG 1.4.4 and 1.4.10): what sticks out.
SIDEWAYS = """() => {
  const root = document.documentElement;
  root.style.fontSize = '200%';
  const wide = [...document.querySelectorAll('main *')]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
    .map((el) => `${el.outerHTML.slice(0, 100)}: right ${el.getBoundingClientRect().right | 0}`);
  const widths = [root.scrollWidth, root.clientWidth];
  root.style.fontSize = '';
  return {widths, wide: wide.slice(0, 5)};
}"""


def assert_reflows(page: Page, screen: str) -> None:
    found = page.evaluate(SIDEWAYS)
    scroll, client = found["widths"]
    assert scroll <= client, f"sideways scrolling at 200 % text on the {screen} screen:\n" + (
        "\n".join(found["wide"])
    )


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


CATALOGUES = Path(__file__).resolve().parents[2] / "pwa" / "src" / "i18n"
SCHOONMAKER = "303a1e34-cb16-4054-b323-81e5eec17397"
KOK = "90f75f67-495d-49fa-ab57-2f320e251d7e"


def catalogue(lang: str) -> Callable[..., str]:
    """The app's own words in `lang`, as t() in the app gives them."""
    messages = json.loads((CATALOGUES / f"{lang}.json").read_text(encoding="utf-8"))

    def t(key: str, **params: Any) -> str:
        text: str = messages[key]
        for name, value in params.items():
            text = text.replace(f"{{{name}}}", str(value))
        return text

    return t


def seed_selfie(page: Page, live_server: str) -> None:
    """Something on every screen: complete sections, drafts with what is missing, an error."""
    answers = {f"{kind}{n}": 5 if kind == "S" else 3 for kind in "RIASEC" for n in range(1, 9)}
    sections: dict[str, dict[str, Any]] = {
        "location": {"postcode": "1115", "max_distance_km": 10},
        # Three days wanted, one ticked: the grid shows its error.
        "availability": {"days_per_week": 3, "schedule": {"mon": ["morning"]}},
        "experience": {
            "entries": [
                {
                    "id": "e1",
                    "occupation_id": SCHOONMAKER,
                    "kind": "paid",
                    "start": "2019-03",
                    "ongoing": True,
                }
            ]
        },
        "education": {
            "highest_level": "MBO_2",
            "studying_now": False,
            "diplomas": [{"name": "VCA", "completed": True, "year": 2020}],
        },
        "languages": {
            "dutch": {"understanding": "B1", "speaking": "A2", "writing": "A2"},
            "others": [{"language": "en", "understanding": "B2"}],
        },
        "wishes": {"occupation_ids": [KOK], "work_kinds": ["job"]},
        "interests": {"answers": answers},
        "visibility": {"employers": "anonymous", "shared_sections": ["skills"], "statistics": True},
    }
    for name, data in sections.items():
        put_section(page, live_server, name, data)


def make_conflict(page: Page, live_server: str, t: Callable[..., str]) -> None:
    """Change the name offline while another device changes it too; wait for the choice."""
    put_section(
        page,
        live_server,
        "basics",
        {"display_name": "Sam", "preferred_language": "nl", "contact_methods": ["app"]},
    )
    page.goto(f"{live_server}/selfie/basics")
    name = page.get_by_label(t("field.basics.display_name"))
    expect(name).to_have_value("Sam")
    page.wait_for_function(CONTROLLED)
    page.context.set_offline(True)
    name.fill("Samira")
    expect(page.get_by_text(t("state.local"))).to_be_visible()
    put_section(
        page,
        live_server,
        "basics",
        {"display_name": "Sammy", "preferred_language": "nl", "contact_methods": ["app"]},
        version=1,
    )
    page.context.set_offline(False)
    expect(page.get_by_role("alert").filter(has_text=t("state.conflict"))).to_be_visible()


@pytest.mark.parametrize("locale", ["nl-NL", "en-US"])
def test_every_screen_has_no_axe_violations_in_both_languages(
    page: Page, live_server: str, axe_source: str, make_user: Any, locale: str
) -> None:
    lang = locale[:2]
    t = catalogue(lang)

    def check(path: str, title: str, ready: str | None = None) -> None:
        page.goto(f"{live_server}{path}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_text(t("app.loading"))).to_have_count(0)
        if ready:
            expect(page.get_by_text(ready).first).to_be_visible()
        assert_accessible(page, axe_source, f"{path} ({lang})")
        assert_reflows(page, f"{path} ({lang})")

    check("/", t("start.title"))
    check("/register", t("register.title"))
    check("/login", t("login.title"))

    make_user(username="axe.everywhere")
    log_in(page, live_server, "axe.everywhere")
    seed_selfie(page, live_server)
    make_conflict(page, live_server, t)

    check("/home", t("home.greeting", name="Samira"), ready=t("home.conflicts"))
    check("/selfie/basics", t("section.basics.title"), ready=t("state.conflict"))
    check("/selfie/location", t("section.location.title"), ready=t("wizard.missing"))
    check(
        "/selfie/availability",
        t("section.availability.title"),
        ready=t("availability.tooFewDays", days=3, ticked=1),
    )
    check("/selfie/experience", t("section.experience.title"), ready=t("experience.edit"))
    check("/selfie/experience/e1", t("experience.entryTitle"))
    check("/selfie/skills", t("section.skills.title"), ready=t("skills.proposalsTitle"))
    check("/selfie/education", t("section.education.title"), ready="VCA")
    check("/selfie/languages", t("section.languages.title"))
    check("/selfie/languages/others", t("languages.othersTitle"))
    check("/selfie/wishes", t("section.wishes.title"))
    check("/selfie/interests", t("section.interests.title"), ready=t("interests.seeResult"))
    check("/selfie/interests/1", t("interests.itemTitle", n=1, total=48))
    check("/selfie/interests/result", t("interests.resultTitle"), ready=t("interests.allTypes"))
    check("/selfie/visibility", t("section.visibility.title"))
    check(
        "/selfie/conflict/basics",
        t("conflict.title", section=t("section.basics.title")),
        ready=t("conflict.mine"),
    )
    # With the error showing: nothing was chosen yet.
    page.get_by_role("button", name=t("conflict.save")).click()
    expect(page.get_by_role("group").filter(has_text=t("conflict.pickOne"))).to_be_visible()
    assert_accessible(page, axe_source, f"conflict with errors ({lang})")
    check("/cv", t("cv.title"), ready=t("cv.print"))
    check("/account", t("account.title"))
