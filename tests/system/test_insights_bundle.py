"""The public insights screens are a lazy chunk of their own: the first load holds none
of their code or words (measured on the real build in pwa/dist)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bench.lighthouse import DIST, first_load_js

I18N = Path(__file__).resolve().parents[2] / "pwa" / "src" / "i18n"
INSIGHTS_ONLY = json.loads((I18N / "insights.nl.json").read_text(encoding="utf-8"))[
    "common.hiddenExplained"
]


def test_insights_screens_are_a_lazy_chunk() -> None:
    if not (DIST / "index.html").is_file():
        pytest.fail(f"{DIST}/index.html is missing: build the PWA first (`make build`)")
    js = first_load_js(DIST)

    def holding(files: dict[str, tuple[int, int]]) -> list[str]:
        return [
            url
            for url in files
            if INSIGHTS_ONLY in (DIST / url.lstrip("/")).read_text(encoding="utf-8")
        ]

    assert holding(js.files) == [], "the insights words are in the first load"
    chunks = holding(js.lazy)
    assert chunks, f"no lazy chunk holds the insights words: is the build current? {js.lazy}"
    assert all("/insights-" in url for url in chunks), chunks
