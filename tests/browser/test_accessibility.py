"""axe-core finds no WCAG 2.1 A/AA violations on any screen, in Dutch and in English."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser import insights_ui
from tests.browser.selfie_ui import log_in, put_section, wait_until_controlled
from tests.conftest import PASSWORD
from tests.vacancies import conftest as vacancy_factories

pytestmark = pytest.mark.browser

make_employer = vacancy_factories.make_employer
make_function = vacancy_factories.make_function
make_vacancy = vacancy_factories.make_vacancy
published = insights_ui.published

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


def screen_checks(
    page: Page, live_server: str, axe_source: str, lang: str
) -> tuple[Callable[..., None], Callable[[str], None]]:
    """`check(path, title, ready)` opens a screen and checks it; `verify(name)` checks the
    screen as it is now (after a tap): axe, tap targets and 200 % text, in `lang`."""
    loading = catalogue(lang)("app.loading")

    def verify(screen: str) -> None:
        assert_accessible(page, axe_source, f"{screen} ({lang})")
        assert_reflows(page, f"{screen} ({lang})")

    def check(path: str, title: str, ready: str | None = None) -> None:
        page.goto(f"{live_server}{path}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_text(loading)).to_have_count(0)
        if ready:
            expect(page.get_by_text(ready).first).to_be_visible()
        verify(path)

    return check, verify


CATALOGUES = Path(__file__).resolve().parents[2] / "pwa" / "src" / "i18n"
SCHOONMAKER = "303a1e34-cb16-4054-b323-81e5eec17397"
KOK = "90f75f67-495d-49fa-ab57-2f320e251d7e"


def catalogue(lang: str, part: str = "") -> Callable[..., str]:
    """The app's own words in `lang`, as t() in the app gives them; `part` names the
    catalogue of a lazy part (`work`, `employer`)."""
    name = f"{part}.{lang}.json" if part else f"{lang}.json"
    messages = json.loads((CATALOGUES / name).read_text(encoding="utf-8"))

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
    wait_until_controlled(page)
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
    check, _verify = screen_checks(page, live_server, axe_source, lang)

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


def seed_work(make_user: Any, make_vacancy: Any) -> dict[str, Any]:
    """An employer with an open-hiring, a regular and a draft vacancy; a jobseeker with an
    offer, an interest and a list still to sign; someone who accepted a place."""
    from backend.open_hiring import service as open_hiring
    from backend.selfie import service as selfie
    from backend.vacancies import service as vacancies

    seeker = make_user(username="axe.seeker")
    taken = make_user(username="axe.taken")
    for user, name in ((seeker, "Samira"), (taken, "Tom")):
        selfie.put_section(
            user.id,
            "basics",
            {"display_name": name, "birth_year": 1990, "phone": "06 12345678"},
            base_version=0,
        )
    selfie.put_section(
        seeker.id, "location", {"postcode": "1012", "max_distance_km": 10}, base_version=0
    )
    open_one = make_vacancy(hiring_mode="open", title="Hulp in de keuken", places=2)
    employer = open_one.employer
    other_open = make_vacancy(employer, hiring_mode="open", title="Afwasser", min_age=18)
    regular = make_vacancy(employer, title="Medewerker bediening")
    draft = make_vacancy(employer, publish=False, title="Schoonmaker")
    vacancies.update_vacancy(employer.user.id, draft.id, {"hours_per_week": None})
    for user in (taken, seeker):
        open_hiring.sign_up(open_one.id, user_id=user.id, right_to_work_nl=True)
    open_hiring.open_places(employer.user.id, open_one.id, 2)
    open_hiring.accept_offer(open_one.id, user_id=taken.id, share=["display_name", "phone"])
    vacancies.show_interest(regular.id, user_id=seeker.id, share="anonymous", message="Hallo")
    vacancies.show_interest(regular.id, user_id=taken.id, share="full")
    return {
        "seeker": seeker,
        "employer": employer.user,
        "open": open_one.id,
        "other_open": other_open.id,
        "regular": regular.id,
        "draft": draft.id,
    }


@pytest.mark.parametrize("locale", ["nl-NL", "en-US"])
def test_work_and_employer_screens_have_no_axe_violations_in_both_languages(
    page: Page,
    live_server: str,
    axe_source: str,
    make_user: Any,
    make_vacancy: Any,
    locale: str,
) -> None:
    lang = locale[:2]
    t, tw, te = catalogue(lang), catalogue(lang, "work"), catalogue(lang, "employer")
    seeded = seed_work(make_user, make_vacancy)
    check, verify = screen_checks(page, live_server, axe_source, lang)

    # The jobseeker's screens.
    log_in(page, live_server, seeded["seeker"].username)
    check("/home", t("home.greeting", name="Samira"), ready=t("home.toWork"))
    check("/work", tw("nearby.title"), ready=tw("nearby.count", count=2, km=10))
    page.get_by_label(tw("nearby.postcode")).fill("12")
    page.get_by_role("button", name=tw("nearby.search")).click()
    expect(page.get_by_label(tw("nearby.postcode"))).to_have_attribute("aria-invalid", "true")
    verify("/work with an error")
    check(f"/open-hiring/{seeded['open']}", "Hulp in de keuken", ready=tw("lists.toOffer"))
    check(f"/open-hiring/{seeded['other_open']}", "Afwasser", ready=tw("vacancy.signUp"))
    page.get_by_role("button", name=tw("vacancy.signUp")).click()
    expect(
        page.get_by_role("alert").filter(has_text=tw("vacancy.rightToWorkMissing"))
    ).to_be_visible()
    verify("sign-up with an error")
    check(
        f"/vacancies/{seeded['regular']}",
        "Medewerker bediening",
        ready=tw("vacancy.interestedAnonymous"),
    )
    page.get_by_role("button", name=tw("vacancy.withdrawInterest")).click()
    page.get_by_role("button", name=tw("vacancy.withdrawInterestYes")).click()
    expect(page.get_by_role("group", name=tw("vacancy.share"))).to_be_visible()
    page.get_by_role("button", name=tw("vacancy.interest")).click()
    expect(page.get_by_role("alert").filter(has_text=tw("vacancy.shareMissing"))).to_be_visible()
    verify("interest form with an error")
    check("/my-lists", tw("lists.title"), ready=tw("lists.toOffer"))
    check(f"/open-hiring/{seeded['open']}/offer", tw("offer.title"), ready=tw("offer.accept"))
    page.get_by_role("button", name=tw("offer.decline")).click()
    expect(page.get_by_text(tw("offer.declineConfirm"))).to_be_visible()
    verify("offer, confirming a decline")

    # The employer's screens.
    log_in(page, live_server, seeded["employer"].username)
    check("/employer", te("home.title"), ready="Schoonmaker")
    check("/employer/new", te("new.title"), ready=te("new.intro"))
    page.get_by_role("button", name=te("new.submit")).click()
    expect(page.get_by_role("combobox", name=te("new.occupation"))).to_have_attribute(
        "aria-invalid", "true"
    )
    verify("new vacancy with errors")
    check(
        f"/employer/vacancies/{seeded['open']}",
        "Hulp in de keuken",
        ready=te("dash.acceptedTitle"),
    )
    expect(page.get_by_text("06 12345678")).to_be_visible()
    page.get_by_role("button", name=re.compile(f"^{te('dash.markNoShow')}")).click()
    expect(page.get_by_text(te("dash.noShowConfirm"))).to_be_visible()
    verify("dashboard, confirming a no-show")
    check(f"/employer/vacancies/{seeded['regular']}", "Medewerker bediening", ready=te("int.full"))
    check(f"/employer/vacancies/{seeded['draft']}", "Schoonmaker", ready=te("dash.missing"))

    # A new employer starts with the organisation.
    make_user("employer", username="axe.new.employer")
    log_in(page, live_server, "axe.new.employer")
    check("/employer", te("org.title"), ready=te("org.intro"))
    page.get_by_role("button", name=te("org.submit")).click()
    expect(page.get_by_label(te("org.name"))).to_have_attribute("aria-invalid", "true")
    verify("organisation with errors")


# --- Learning: matches, learning advice, the provider's screens ----------------------------


def seed_learning(make_user: Any, make_vacancy: Any) -> dict[str, Any]:
    """A jobseeker who nearly fits a kok vacancy, an offer that teaches what she misses,
    and a provider with an organisation; a provider without one."""
    from backend.accounts import service as accounts
    from backend.learning import service as learning
    from tests.learning.conftest import offer_fields
    from tests.matching.conftest import essential_skills, week, write_selfie

    kok = essential_skills(KOK)
    seeker = make_user(username="axe.learner")
    write_selfie(
        seeker.id,
        {
            "basics": {"display_name": "Samira", "preferred_language": "nl"},
            "location": {"postcode": "1012", "max_distance_km": 15},
            "availability": {"days_per_week": 2, "schedule": week(), "hours_per_week_max": 24},
            "skills": {"entries": [{"skill_id": s, "level": 3} for s in kok[:4]]},
            "wishes": {"occupation_ids": [KOK], "work_kinds": ["job"]},
        },
    )
    vacancy = make_vacancy(title="Kok in de Jordaan")
    provider = make_user("provider", username="axe.provider")
    org = accounts.create_organisation(provider.id, name="ROC Noord", postcode="1012")
    offer = learning.create_offer(
        provider.id, org.id, offer_fields(title="Koken van A tot Z", skill_ids=kok[4:])
    )
    make_user("provider", username="axe.new.provider")
    return {"seeker": seeker, "vacancy": vacancy.id, "provider": provider, "offer": offer["id"]}


@pytest.mark.parametrize("locale", ["nl-NL", "en-US"])
def test_learning_and_provider_screens_have_no_axe_violations_in_both_languages(
    page: Page,
    live_server: str,
    axe_source: str,
    make_user: Any,
    make_vacancy: Any,
    locale: str,
) -> None:
    lang = locale[:2]
    t = catalogue(lang)
    tm, tl, tp = (
        catalogue(lang, "matches"),
        catalogue(lang, "learning"),
        catalogue(lang, "provider"),
    )
    seeded = seed_learning(make_user, make_vacancy)
    check, verify = screen_checks(page, live_server, axe_source, lang)

    # The jobseeker: matches (with one, with none after a filter), the learning advice.
    log_in(page, live_server, seeded["seeker"].username)
    check("/home", t("home.greeting", name="Samira"), ready=t("home.toMatches"))
    check("/matches", tm("title"), ready=tm("countOne"))
    expect(page.get_by_text(tm("missingTitle")).first).to_be_visible()
    check("/matches?distance_km=5&kind=stage", tm("title"), ready=tm("none"))
    check("/learning", tl("title"), ready="Koken van A tot Z")
    expect(page.get_by_role("heading", name=tl("unlocksTitle"))).to_be_visible()

    # A jobseeker with an empty selfie is told what to fill in first.
    make_user(username="axe.empty.learner")
    log_in(page, live_server, "axe.empty.learner")
    check("/matches", tm("title"), ready=tm("fillFirst"))
    check("/learning", tl("title"), ready=tl("better"))

    # A new provider starts with the organisation.
    log_in(page, live_server, "axe.new.provider")
    check("/home", t("home.greeting", name="axe.new.provider"), ready=t("home.toProvider"))
    check("/provider", tp("org.title"), ready=tp("org.intro"))
    page.get_by_role("button", name=tp("org.submit")).click()
    expect(page.get_by_label(tp("org.name"))).to_have_attribute("aria-invalid", "true")
    verify("provider organisation with errors")

    # The provider's offers, a new one with errors, one to change and archive.
    log_in(page, live_server, seeded["provider"].username)
    check("/provider", tp("home.title"), ready="Koken van A tot Z")
    check("/provider/offers/new", tp("offer.newTitle"), ready=tp("offer.intro"))
    page.get_by_role("button", name=tp("offer.submitNew")).click()
    expect(page.get_by_label(tp("offer.title"))).to_have_attribute("aria-invalid", "true")
    verify("new offer with errors")
    check(
        f"/provider/offers/{seeded['offer']}", tp("offer.editTitle"), ready=tp("offer.submitEdit")
    )
    page.get_by_role("button", name=tp("offer.archive")).click()
    expect(page.get_by_text(tp("offer.archiveConfirm"))).to_be_visible()
    verify("offer, confirming the archiving")

    # The import with its report of a wrong row, and the demand table.
    check("/provider/import", tp("import.title"), ready=tp("import.allOrNothing"))
    page.get_by_label(tp("import.file")).set_input_files(
        {
            "name": "aanbod.csv",
            "mimeType": "text/csv",
            "buffer": b"title;kind;skill_ids;online;duration_weeks;cost;url\n"
            b"Bakken;workshop;x;ja;3;gratis;https://example.nl\n",
        }
    )
    page.get_by_role("button", name=tp("import.submit")).click()
    expect(page.get_by_text(tp("import.notImported"))).to_be_visible()
    verify("import report")
    check("/provider/demand", tp("demand.title"), ready=tp("demand.fewer"))


# --- Notifications (issue 7): inbox, permission, settings, check-in -----------------


def seed_notifications(make_user: Any, make_vacancy: Any) -> Any:
    """A jobseeker near an open-hiring place she signed, with two messages in her inbox."""
    from backend.notifications import service as notifications
    from backend.open_hiring import service as open_hiring
    from backend.selfie import service as selfie

    seeker = make_user(username="axe.notified")
    selfie.put_section(
        seeker.id, "basics", {"display_name": "Samira", "birth_year": 1990}, base_version=0
    )
    selfie.put_section(
        seeker.id, "location", {"postcode": "1012", "max_distance_km": 10}, base_version=0
    )
    place = make_vacancy(hiring_mode="open", title="Hulp in de keuken")
    open_hiring.sign_up(place.id, user_id=seeker.id, right_to_work_nl=True)
    for kind in ("open_hiring_nearby", "open_hiring_turn_close"):
        notifications.notify(
            seeker.id, kind, {"vacancy_id": place.id, "title": "Hulp in de keuken", "ahead": 1}
        )
    return seeker


@pytest.mark.parametrize("locale", ["nl-NL", "en-US"])
def test_notification_screens_have_no_axe_violations_in_both_languages(
    page: Page,
    live_server: str,
    axe_source: str,
    make_user: Any,
    make_vacancy: Any,
    locale: str,
) -> None:
    lang = locale[:2]
    t, tn = catalogue(lang), catalogue(lang, "notifications")
    seeker = seed_notifications(make_user, make_vacancy)
    check, verify = screen_checks(page, live_server, axe_source, lang)
    log_in(page, live_server, seeker.username)

    check("/home", t("home.greeting", name="Samira"), ready=t("home.toMessages"))
    check("/notifications", tn("inbox.title"), ready=tn("inbox.unreadCount", n=2))
    check("/notifications/allow", tn("allow.title"), ready=tn("allow.why1"))
    check("/settings/notifications", tn("settings.title"), ready=tn("settings.queueAlways"))
    page.get_by_label(tn("settings.dailyMax")).fill("0")
    page.get_by_role("button", name=tn("settings.save")).click()
    expect(page.get_by_label(tn("settings.dailyMax"))).to_have_attribute("aria-invalid", "true")
    verify("notification settings with an error")
    check("/checkin", tn("checkin.title"), ready=tn("checkin.yes"))
    page.get_by_role("button", name=tn("checkin.yes")).click()
    expect(page.get_by_role("status").filter(has_text=tn("checkin.answeredYesOne"))).to_be_visible()
    verify("check-in, answered")


@pytest.mark.parametrize("locale", ["nl-NL", "en-US"])
def test_employer_function_and_vacancy_lifecycle_screens_have_no_axe_violations(
    page: Page,
    live_server: str,
    axe_source: str,
    make_vacancy: Any,
    make_function: Any,
    locale: str,
) -> None:
    """My functions, a function (with errors, refusing a delete), a vacancy from a
    function, changing a vacancy (with the server's error) and ending one."""
    from datetime import date

    lang = locale[:2]
    te = catalogue(lang, "employer")
    check, verify = screen_checks(page, live_server, axe_source, lang)
    published = make_vacancy(hiring_mode="open", title="Hulp in de keuken")
    employer = published.employer
    function_id = published.data["function_id"]
    make_function(
        employer,
        title="Zorgassistent",
        is_future=True,
        future_count=20,
        future_date=date(2027, 1, 1),
    )
    regular = make_vacancy(employer, title="Medewerker bediening")
    log_in(page, live_server, employer.user.username)

    check("/employer/functions", te("fns.title"), ready="Zorgassistent")
    check(f"/employer/functions/{function_id}", "Hulpkok", ready=te("fn.skillsTitle"))
    page.get_by_label(te("fn.name")).fill("")
    page.get_by_role("checkbox", name=re.compile(f"^{re.escape(te('fn.future'))}")).check()
    page.get_by_role("button", name=te("fn.save")).click()
    expect(page.get_by_label(te("fn.name"))).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label(te("fn.futureCount"))).to_have_attribute("aria-invalid", "true")
    verify("function with errors")
    page.get_by_role("button", name=te("fn.delete")).click()
    page.get_by_role("button", name=te("fn.deleteYes")).click()
    expect(page.get_by_role("alert").filter(has_text=te("fn.inUse"))).to_be_visible()
    verify("function in use, not deleted")

    check(f"/employer/functions/{function_id}/new", te("new.title"), ready=te("new.functionHint"))
    check(
        f"/employer/vacancies/{published.id}/edit",
        te("edit.title"),
        ready=te("edit.introPublished"),
    )
    page.get_by_label(te("new.postcode")).fill("1000")  # no such area: the server says so
    page.get_by_role("button", name=te("edit.save")).click()
    expect(page.get_by_label(te("new.postcode"))).to_have_attribute("aria-invalid", "true")
    verify("changing a vacancy, with the server's error")

    check(f"/employer/vacancies/{regular.id}", "Medewerker bediening", ready=te("end.title"))
    page.get_by_role("button", name=te("end.filled"), exact=True).click()
    expect(page.get_by_text(te("end.confirmFilled"))).to_be_visible()
    verify("vacancy, confirming it is filled")
    page.get_by_role("button", name=te("end.yesFilled")).click()
    expect(page.get_by_text(te("statusHint.filled"))).to_be_visible()
    verify("a filled vacancy")


@pytest.mark.parametrize("locale", ["nl-NL", "en-US"])
def test_insights_screens_have_no_axe_violations_in_both_languages(
    page: Page, live_server: str, axe_source: str, published: dict[str, Any], locale: str
) -> None:
    lang = locale[:2]
    ti = catalogue(lang, "insights")
    check, verify = screen_checks(page, live_server, axe_source, lang)
    check("/inzichten", ti("map.title"), ready="Groningen")
    check("/inzichten/AM01", "Groningen", ready=ti("chart.days.title"))
    title = ti("chart.gaps.title")
    page.get_by_role("button", name=ti("chart.show", title=title)).click()
    expect(page.get_by_role("table", name=title)).to_be_visible()
    verify("insights region with a table open")
    check("/inzichten/NL", ti("map.country"), ready=ti("chart.days.title"))
