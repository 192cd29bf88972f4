"""The public insights screens against a real publication: the tile map, a region with
its charts' tables (the numbers are the API's), and a download of a published CSV."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser import insights_ui
from tests.browser.test_accessibility import catalogue

pytestmark = pytest.mark.browser
published = insights_ui.published

REGION = "AM01"


def _shown(value: int | None, hidden: str) -> str:
    return hidden if value is None else f"{value:,}".replace(",", ".")


def test_tile_map_region_tables_and_downloads(
    page: Page, live_server: str, published: dict[str, Any]
) -> None:
    ti = catalogue("nl", "insights")
    api = page.request.get(f"{live_server}/api/v1/insights/regions").json()
    page.goto(f"{live_server}/inzichten")  # public: nobody is logged in
    expect(page.get_by_role("heading", level=1)).to_have_text(ti("map.title"))
    tiles = page.get_by_role("navigation", name=ti("map.label")).get_by_role("link")
    expect(tiles).to_have_count(35)
    groningen = next(r for r in api["regions"] if r["code"] == REGION)
    assert groningen["jobseekers"] is not None  # the test's people make it shown
    tile = page.get_by_role("link", name=re.compile("^Groningen"))
    expect(tile).to_contain_text(ti("map.jobseekers", count=_shown(groningen["jobseekers"], "")))
    expect(tile).to_have_attribute("href", f"/inzichten/{REGION}")
    # A region without people says its figure is hidden, not 0.
    zeeland = page.get_by_role("link", name=re.compile("^Zeeland"))
    expect(zeeland).to_contain_text(ti("map.jobseekersHidden"))

    tile.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Groningen")
    region = page.request.get(f"{live_server}/api/v1/insights/regions/{REGION}").json()["region"]
    hidden = ti("common.hidden")
    expect(page.get_by_text(ti("common.hiddenExplained"))).to_be_visible()

    # Every chart is an image with a name, and its table opens behind a button.
    charts = page.locator("svg[role=img]")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 5
    title = ti("chart.days.title")
    toggle = page.get_by_role("button", name=ti("chart.show", title=title))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("table", name=title)).to_have_count(0)
    toggle.click()
    expect(page.get_by_role("button", name=ti("chart.hide", title=title))).to_have_attribute(
        "aria-expanded", "true"
    )
    table = page.get_by_role("table", name=title)
    rows = table.locator("tbody tr")
    expected = region["supply"]["days_per_week"]
    expect(rows).to_have_count(len(expected))
    shown_numbers = 0
    for n, cell in enumerate(expected):
        value = rows.nth(n).locator("td").first
        expect(value).to_have_text(_shown(cell["jobseekers"], hidden))
        shown_numbers += cell["jobseekers"] is not None
    assert shown_numbers > 0

    # The distance table too: the new figure, from the same publication.
    title = ti("chart.distance.title")
    page.get_by_role("button", name=ti("chart.show", title=title)).click()
    rows = page.get_by_role("table", name=title).locator("tbody tr")
    expect(rows).to_have_count(len(region["distance"]))
    for n, cell in enumerate(region["distance"]):
        expect(rows.nth(n).locator("td").first).to_have_text(_shown(cell["jobseekers"], hidden))

    # The learning offers for the gaps: the API's numbers.
    coverage = region["learning_coverage"]
    title = ti("chart.learning.title")
    assert coverage, "the test's vacancies make shortages"
    page.get_by_role("button", name=ti("chart.show", title=title)).click()
    rows = page.get_by_role("table", name=title).locator("tbody tr")
    expect(rows).to_have_count(len(coverage))
    for n, gap in enumerate(coverage):
        cells = rows.nth(n).locator("td")
        expect(cells.nth(0)).to_have_text(_shown(gap["offers"], hidden))
        expect(cells.nth(1)).to_have_text(_shown(gap["online_offers"], hidden))

    # A download link gives the published file, byte for byte.
    link = page.get_by_role("link", name=re.compile(r"^supply_days_per_week\.csv"))
    with page.expect_download() as info:
        link.click()
    download = info.value
    # Named by the server: the publication and the file.
    assert download.suggested_filename.endswith("-v1-supply_days_per_week.csv")
    data = open(download.path(), "rb").read()  # noqa: SIM115
    on_disk = (published["folder"] / "supply_days_per_week.csv").read_bytes()
    assert hashlib.sha256(data).hexdigest() == hashlib.sha256(on_disk).hexdigest()
    assert data.startswith(b"region_code,days_per_week,jobseekers")
    expect(page.get_by_role("link", name=re.compile(r"^datapackage\.json"))).to_be_visible()


def test_an_unknown_region_and_the_way_back(
    page: Page, live_server: str, published: dict[str, Any]
) -> None:
    ti = catalogue("nl", "insights")
    page.goto(f"{live_server}/inzichten/AM99")
    expect(page.get_by_text(ti("region.unknown"))).to_be_visible()
    page.get_by_role("link", name=ti("common.toMap")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ti("map.title"))


def test_before_the_first_publication_the_map_says_so(page: Page, live_server: str) -> None:
    ti = catalogue("nl", "insights")
    page.goto(f"{live_server}/inzichten")
    expect(page.get_by_text(ti("common.notPublished"))).to_be_visible()


def test_the_start_screen_links_to_the_figures(page: Page, live_server: str) -> None:
    t = catalogue("nl")
    page.goto(live_server)
    page.get_by_role("link", name=t("start.toInsights")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        catalogue("nl", "insights")("map.title")
    )
