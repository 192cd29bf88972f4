"""What the open-hiring and vacancy browser tests share: one phone per person.

Every person gets a browser context of their own (their own cookies, IndexedDB and
service worker), Dutch, on a 360 px screen. A script error or a CSP violation on any of
the phones fails the test, as the `page` fixture does for one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

from tests.browser.conftest import PHONE


class Phones:
    """Open pages, each in a fresh context; collect every page error."""

    def __init__(self, browser: Browser, locale: str = "nl-NL") -> None:
        self.browser = browser
        self.locale = locale
        self.problems: list[str] = []
        self._contexts: list[Any] = []

    def open(self, who: str) -> Page:
        context = self.browser.new_context(
            viewport=PHONE, locale=self.locale, service_workers="allow"
        )
        context.set_default_timeout(10_000)
        self._contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: self.problems.append(f"{who}: page error: {error}"))

        def on_console(message: ConsoleMessage) -> None:
            # 404s are answers here (not on a list yet, no interest yet); Chromium logs them.
            if message.type == "error" and "Failed to load resource" not in message.text:
                self.problems.append(f"{who}: console error: {message.text}")

        page.on("console", on_console)
        return page

    def close(self) -> None:
        for context in self._contexts:
            context.close()


@pytest.fixture
def phones(browser: Browser, live_server: str) -> Iterator[Phones]:
    opened = Phones(browser)
    yield opened
    opened.close()
    assert opened.problems == [], "\n".join(opened.problems)


def csrf(page: Page) -> dict[str, str]:
    """The CSRF header for a write with the page's own cookies."""
    value = next(c["value"] for c in page.context.cookies() if c["name"] == "__Host-csrf-access")
    return {"X-CSRF-TOKEN": value}


def api_post(page: Page, live_server: str, path: str, data: Any = None) -> Any:
    """POST with the page's cookies (as the person, outside the UI); the JSON body."""
    resp = page.request.post(f"{live_server}/api/v1{path}", data=data, headers=csrf(page))
    assert resp.ok, f"POST {path}: {resp.status} {resp.text()}"
    return resp.json()
