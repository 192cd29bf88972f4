"""Offline and back: edits made without a connection survive a reload, and Background Sync
sends them when the connection returns."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.selfie_ui import (
    READ_DB,
    heading,
    log_in,
    meta,
    read_db,
    server_section,
    wait_until_controlled,
    wait_until_settled,
)

pytestmark = pytest.mark.browser

KAPPER = "099c6bb0-22d3-4c5d-8bf5-70910af381ef"  # "kapper" (hairdresser)

OCCUPATION_LIST_STORED = f"""async () => {{
  const read = {READ_DB};
  const db = await read(['occupations']);
  return db !== null
    && db.occupations.some(([lang, list]) => lang === 'nl' && list.occupations.length > 3000);
}}"""

# Collect what the service worker tells this page.
LISTEN = """() => {
  window.swMessages = [];
  navigator.serviceWorker.addEventListener('message', (e) => window.swMessages.push(e.data));
}"""

FLUSHED = """() => window.swMessages.some((m) => m.type === 'outbox-flushed'
  && m.sections.includes('basics') && m.sections.includes('experience'))"""


def test_edits_made_offline_survive_a_reload_and_go_out_by_background_sync(
    page: Page, live_server: str, make_user: Any
) -> None:
    make_user(username="noor.offline")
    log_in(page, live_server, "noor.offline")
    page.goto(f"{live_server}/selfie/experience")
    expect(heading(page)).to_have_text("Ervaring")
    wait_until_controlled(page)
    # The wizard makes sure the occupation list is on the phone.
    page.wait_for_function(OCCUPATION_LIST_STORED, polling=100)
    assert meta(page, "lastBackgroundSync") is None

    page.context.set_offline(True)
    expect(page.get_by_role("status").filter(has_text="Je hebt nu geen internet.")).to_be_visible()

    # Section 1: experience, with an occupation from the offline list.
    page.get_by_role("button", name="Ervaring toevoegen").click()
    occupation = page.get_by_role("combobox", name="Welk werk deed je?")
    occupation.fill("kapp")
    page.get_by_role("option", name=re.compile(r"^kapper\b")).first.click()
    expect(occupation).to_have_value("kapper")
    page.get_by_role("radio", name="Iets anders").check()
    page.get_by_role("button", name="Klaar").click()
    expect(heading(page)).to_have_text("Ervaring")
    expect(page.get_by_text("Opgeslagen op deze telefoon")).to_be_visible()

    # The next step was never opened online: the phone says what it needs, and that the
    # skills proposed from experience come once there is a connection.
    page.get_by_role("button", name="Volgende").click()
    expect(heading(page)).to_have_text("Wat ik kan")
    expect(
        page.get_by_text("Zonder internet kunnen we geen voorstellen laten zien.")
    ).to_be_visible()
    expect(page.get_by_text("Dit mist nog:")).to_be_visible()
    expect(page.get_by_text("Deze stap is klaar.")).to_have_count(0)

    # Section 2: about me, reached through Home.
    page.get_by_role("link", name="Stoppen voor nu").click()
    page.get_by_role("link", name="Over mij").click()
    page.get_by_role("checkbox", name="Een bericht in deze app").check()
    expect(page.get_by_text("Opgeslagen op deze telefoon")).to_be_visible()
    # The last word is typed just before the page goes: a reload right away (no pause,
    # no "Volgende").
    page.get_by_label("Hoe mogen we je noemen?").fill("Noor")
    page.reload()

    # Still offline: the service worker serves the app, the phone has both edits.
    expect(heading(page)).to_have_text("Over mij")
    expect(page.get_by_label("Hoe mogen we je noemen?")).to_have_value("Noor")
    expect(page.get_by_role("checkbox", name="Een bericht in deze app")).to_be_checked()
    page.goto(f"{live_server}/selfie/experience")
    entry = page.get_by_role("list", name="Je ervaring").get_by_role("listitem")
    expect(entry.get_by_role("heading")).to_have_text("kapper")
    expect(page.get_by_text("Opgeslagen op deze telefoon")).to_be_visible()

    # Nothing reached the server (the API request context is not the offline browser).
    assert server_section(page, live_server, "basics")["version"] == 0
    assert server_section(page, live_server, "experience")["version"] == 0
    assert {item["section"] for _, item in read_db(page, "outbox")["outbox"]} == {
        "basics",
        "experience",
    }
    assert meta(page, "lastBackgroundSync") is None
    page.get_by_role("button", name="Volgende").click()
    expect(heading(page)).to_have_text("Wat ik kan")
    expect(
        page.get_by_text("Zonder internet kunnen we geen voorstellen laten zien.")
    ).to_be_visible()

    # Back online: Background Sync fires in the service worker and sends both sections.
    page.evaluate(LISTEN)
    online_at = time.time() * 1000
    page.context.set_offline(False)
    page.wait_for_function(FLUSHED, polling=100)
    record = meta(page, "lastBackgroundSync")
    assert record is not None and record["at"] >= online_at
    assert record["accepted"] >= 2 and record["remaining"] == 0
    wait_until_settled(page)
    # The open screen shows the skills proposed from the experience that just arrived.
    proposals = page.get_by_role("region", name="Past dit bij jou?")
    expect(
        proposals.get_by_role("button", name=re.compile(r"^Ja, dit kan ik")).first
    ).to_be_visible()
    expect(page.get_by_text("Zonder internet")).to_have_count(0)

    basics = server_section(page, live_server, "basics")
    assert basics["data"]["display_name"] == "Noor"
    assert basics["data"]["contact_methods"] == ["app"]
    [saved] = server_section(page, live_server, "experience")["data"]["entries"]
    assert saved["occupation_id"] == KAPPER and saved["kind"] == "informal"

    # The page runs the version the server serves now, not an old cached one.
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == f"{live_server}/sw.js"
    served = page.request.get(f"{live_server}/index.html").text()
    running = page.evaluate(
        "() => new URL(document.querySelector('script[type=module]').src).pathname"
    )
    assert f'src="{running}"' in served
    waiting = page.evaluate(
        "async () => (await navigator.serviceWorker.getRegistration()).waiting !== null"
    )
    assert waiting is False
