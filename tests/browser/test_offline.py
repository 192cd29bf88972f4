"""The service worker controls the page and keeps the app working offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CONTROLLED = "() => navigator.serviceWorker.controller !== null"


def test_service_worker_controls_the_page_and_serves_it_offline(
    page: Page, live_server: str
) -> None:
    page.goto(f"{live_server}/")
    page.wait_for_function(CONTROLLED)
    page.reload()
    assert page.evaluate(CONTROLLED)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")

    page.context.set_offline(True)
    try:
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Zelf aan het Werk")
        expect(page.get_by_role("link", name="Account maken")).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text("Je hebt nu geen internet.")
        # A deep link opens offline too (navigation fallback to the cached shell).
        page.goto(f"{live_server}/login")
        expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    finally:
        page.context.set_offline(False)
