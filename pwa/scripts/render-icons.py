"""Render the PNG icons from their SVG sources with headless Chromium (run once, commit both).

Usage, from the repository root: .venv/bin/python pwa/scripts/render-icons.py
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parent.parent / "public" / "icons"
# (source SVG, output PNG, size in px)
JOBS = [
    ("icon.svg", "icon-192.png", 192),
    ("icon.svg", "icon-512.png", 512),
    ("icon-maskable.svg", "icon-maskable-512.png", 512),
]

with sync_playwright() as pw:
    browser = pw.chromium.launch(
        executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
    )
    for source, target, size in JOBS:
        page = browser.new_page(viewport={"width": size, "height": size})
        svg = (ICONS / source).read_text()
        page.set_content(
            "<html><body style='margin:0'>"
            + svg.replace('width="512" height="512"', f'width="{size}" height="{size}"')
            + "</body></html>"
        )
        page.locator("svg").screenshot(path=str(ICONS / target), omit_background=True)
        page.close()
        print(f"{target}: {size}x{size}")
    browser.close()
