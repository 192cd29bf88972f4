"""The service worker controls the page and keeps the app working offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.selfie_ui import CONTROLLED, wait_until_controlled

pytestmark = pytest.mark.browser


def test_service_worker_controls_the_page_and_serves_it_offline(
    page: Page, live_server: str
) -> None:
    page.goto(f"{live_server}/")
    wait_until_controlled(page)
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


CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}"""

FETCH = """async (url) => {
  try {
    const response = await fetch(url);
    return [response.status, await response.json()];
  } catch {
    return ["failed", null];
  }
}"""


def test_reference_data_is_cached_and_personal_data_is_not(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/")
    wait_until_controlled(page)
    status, regions = page.evaluate(FETCH, "/api/v1/taxonomy/regions")
    assert status == 200 and len(regions) == 35
    # Stale-while-revalidate writes the cache just after answering.
    page.wait_for_function(
        "async () => (await (await caches.open('taxonomy')).keys()).length === 1"
    )

    page.context.set_offline(True)
    try:
        assert page.evaluate(FETCH, "/api/v1/taxonomy/regions") == [200, regions]
        assert page.evaluate(FETCH, "/api/v1/auth/me") == ["failed", None]
    finally:
        page.context.set_offline(False)
    cached = page.evaluate(CACHED_URLS)
    assert f"{live_server}/api/v1/taxonomy/regions" in cached
    assert [url for url in cached if "/api/" in url and "/taxonomy/" not in url] == []
