"""Browser tests: the built PWA served by the real Flask app, driven by headless Chromium.

The PWA must be built first (`cd pwa && npm run build`; `make test` does it). Chromium
must be installed at /usr/bin/chromium: without it these tests fail, they never skip.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    sync_playwright,
)
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The phone we design for: 360 px wide.
PHONE = {"width": 360, "height": 740}
AXE_JS = Path(__file__).resolve().parents[2] / "pwa" / "node_modules" / "axe-core" / "axe.min.js"


def _require_chromium() -> str:
    path = shutil.which(CHROMIUM)
    if path is None:
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}. Install it (Debian: `apt-get install chromium`); "
            "the browser tests never skip.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """Serve the app (API + built PWA) on a free port of 127.0.0.1, in a daemon thread."""
    dist = Path(app.config["PWA_DIST"])
    if not (dist / "index.html").is_file() or not (dist / "sw.js").is_file():
        pytest.fail(
            f"The PWA is not built ({dist}): run `cd pwa && npm run build` or `make test`.",
            pytrace=False,
        )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def launch_options() -> dict[str, Any]:
    return {"executable_path": _require_chromium(), "headless": True, "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def browser(playwright: Playwright, launch_options: dict[str, Any]) -> Iterator[Browser]:
    browser = playwright.chromium.launch(**launch_options)
    yield browser
    browser.close()


@pytest.fixture
def locale() -> str:
    """The browser's language (the app follows it); parametrize `locale` for another."""
    return "nl-NL"


@pytest.fixture
def context(browser: Browser, locale: str) -> Iterator[BrowserContext]:
    """A fresh profile per test (no cookies, no service worker), Dutch, on a phone screen."""
    context = browser.new_context(viewport=PHONE, locale=locale, service_workers="allow")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, live_server: str) -> Iterator[Page]:
    """A page that fails the test on a script error or a CSP violation."""
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def on_console(message: ConsoleMessage) -> None:
        # A 401 from /auth/me is how the app learns nobody is logged in; Chromium logs it.
        if message.type == "error" and "Failed to load resource" not in message.text:
            problems.append(f"console error: {message.text}")

    page.on("console", on_console)
    yield page
    assert problems == [], "\n".join(problems)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is missing ({AXE_JS}): run `cd pwa && npm ci`.", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")
