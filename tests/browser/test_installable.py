"""Chromium finds nothing that stops the app from being installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Playwright

pytestmark = pytest.mark.browser


def test_no_installability_errors(
    playwright: Playwright, launch_options: dict[str, Any], live_server: str, tmp_path: Path
) -> None:
    # Installability needs a persistent profile; a fresh one per run.
    context = playwright.chromium.launch_persistent_context(
        user_data_dir=str(tmp_path / "profile"),
        viewport={"width": 360, "height": 740},
        **launch_options,
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server}/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"].endswith("/manifest.webmanifest")
        assert manifest["errors"] == []
        result = cdp.send("Page.getInstallabilityErrors")
        assert result["installabilityErrors"] == []
    finally:
        context.close()
