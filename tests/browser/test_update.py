"""A new service worker waits; the app says "Er is een nieuwe versie — vernieuwen" and switches
on request."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from tests.browser.selfie_ui import wait_until_controlled

pytestmark = pytest.mark.browser


def test_update_prompt_activates_the_new_service_worker(
    page: Page, live_server: str, app: Flask, tmp_path: Path
) -> None:
    page.goto(f"{live_server}/")
    wait_until_controlled(page)

    # Deploy a "new version": a copy of the build whose sw.js differs by one byte-level change.
    old_dist = app.config["PWA_DIST"]
    new_dist = tmp_path / "dist"
    shutil.copytree(old_dist, new_dist)
    with (new_dist / "sw.js").open("a", encoding="utf-8") as fh:
        fh.write("\n// next release\n")
    # The build's compressed copies would still be the old sw.js (the server prefers them).
    for suffix in (".br", ".gz"):
        (new_dist / f"sw.js{suffix}").unlink(missing_ok=True)
    app.config["PWA_DIST"] = str(new_dist)
    try:
        page.reload()  # a navigation makes the browser check sw.js for changes
        banner = page.get_by_role("status").filter(has_text="Er is een nieuwe versie")
        expect(banner).to_have_text("Er is een nieuwe versie — vernieuwen")
        page.evaluate("() => { window.beforeUpdate = true; }")
        banner.get_by_role("button", name="vernieuwen").click()

        # The page reloads itself once the new worker has taken over.
        page.wait_for_function("() => window.beforeUpdate === undefined")
        wait_until_controlled(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Zelf aan het Werk")
        expect(banner).to_have_count(0)
        waiting = page.evaluate(
            "async () => (await navigator.serviceWorker.getRegistration()).waiting !== null"
        )
        assert waiting is False
    finally:
        app.config["PWA_DIST"] = old_dist
