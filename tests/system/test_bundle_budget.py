"""The jobseeker shell's first-load JavaScript stays within 60 kB gzipped (issue 4).

Measured on the real build in pwa/dist, which `make test` builds before pytest runs. No
build is a failure, never a skip: a missing build must not pass the budget.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bench.lighthouse import DIST, FIRST_LOAD_JS_BUDGET, first_load_js, kb

I18N = Path(__file__).resolve().parents[2] / "pwa" / "src" / "i18n"


def test_first_load_javascript_within_budget() -> None:
    if not (DIST / "index.html").is_file():
        pytest.fail(f"{DIST}/index.html is missing: build the PWA first (`make build`)")
    js = first_load_js(DIST)
    files = ", ".join(f"{url} {kb(gz)}" for url, (_raw, gz) in sorted(js.files.items()))
    measured = f"first-load JS {kb(js.gzip_bytes)} gzipped ({files})"
    # The count is real: it holds the entry chunk, and an app shell is more than 5 kB.
    assert js.entries, measured
    assert all(entry in js.files for entry in js.entries), measured
    assert js.gzip_bytes > 5_000, f"suspiciously small: {measured}"
    assert js.gzip_bytes <= FIRST_LOAD_JS_BUDGET, (
        f"{measured} is over the budget of {kb(FIRST_LOAD_JS_BUDGET)}"
    )


# Words only the employer's screens and the work screens show (their own catalogues).
EMPLOYER_ONLY = json.loads((I18N / "employer.nl.json").read_text(encoding="utf-8"))[
    "dash.openSubmit"
]
WORK_ONLY = json.loads((I18N / "work.nl.json").read_text(encoding="utf-8"))["vacancy.signUp"]
# Words only the learning provider's screens, the matches and the learning advice show.
PROVIDER_ONLY = json.loads((I18N / "provider.nl.json").read_text(encoding="utf-8"))[
    "import.allOrNothing"
]
MATCHES_ONLY = json.loads((I18N / "matches.nl.json").read_text(encoding="utf-8"))["fillFirst"]
LEARNING_ONLY = json.loads((I18N / "learning.nl.json").read_text(encoding="utf-8"))["unlocksTitle"]


def test_employer_and_work_screens_are_lazy_chunks() -> None:
    """A jobseeker's first load holds no employer code and no work screens: they load on use."""
    if not (DIST / "index.html").is_file():
        pytest.fail(f"{DIST}/index.html is missing: build the PWA first (`make build`)")
    js = first_load_js(DIST)

    def holding(files: dict[str, tuple[int, int]], words: str) -> list[str]:
        found = []
        for url in files:
            text = (DIST / url.lstrip("/")).read_text(encoding="utf-8")
            if words in text:
                found.append(url)
        return found

    for words in (EMPLOYER_ONLY, WORK_ONLY):
        assert holding(js.files, words) == [], f"{words!r} is in the first load"
        assert holding(js.lazy, words), f"{words!r} is in no lazy chunk: is the build current?"
    employer_chunks = [url for url in js.lazy if "/employer-" in url]
    assert employer_chunks, sorted(js.lazy)
    assert not any("/employer-" in url for url in js.files)


def _holding(files: dict[str, tuple[int, int]], words: str) -> list[str]:
    return [url for url in files if words in (DIST / url.lstrip("/")).read_text(encoding="utf-8")]


def test_provider_matches_and_learning_screens_are_lazy_chunks() -> None:
    """The provider's screens are a chunk of their own that no jobseeker screen loads; the
    matches and the learning advice load on use too."""
    if not (DIST / "index.html").is_file():
        pytest.fail(f"{DIST}/index.html is missing: build the PWA first (`make build`)")
    js = first_load_js(DIST)
    for words in (PROVIDER_ONLY, MATCHES_ONLY, LEARNING_ONLY):
        assert _holding(js.files, words) == [], f"{words!r} is in the first load"
        assert _holding(js.lazy, words), f"{words!r} is in no lazy chunk: is the build current?"
    provider_chunks = [url for url in js.lazy if "/provider-" in url]
    assert provider_chunks, sorted(js.lazy)
    assert not any("/provider-" in url for url in js.files)
    # The provider's words are in the provider chunk only: the jobseeker's matches and
    # learning chunks (and whatever they import) never hold them.
    assert set(_holding(js.lazy, PROVIDER_ONLY)) <= set(provider_chunks)
    for chunk in _holding(js.lazy, MATCHES_ONLY) + _holding(js.lazy, LEARNING_ONLY):
        text = (DIST / chunk.lstrip("/")).read_text(encoding="utf-8")
        assert "/provider-" not in text, f"{chunk} imports the provider chunk"


def test_counts_static_imports_and_not_lazy_chunks(tmp_path: Path) -> None:
    """The graph walk on output shaped like Vite's: what is counted, what is not."""
    assets = tmp_path / "assets"
    assets.mkdir()
    (tmp_path / "index.html").write_text(
        '<script type="module" crossorigin src="/assets/index-a1.js"></script>'
        '<link rel="modulepreload" crossorigin href="/assets/preloaded-b2.js">'
    )
    (assets / "index-a1.js").write_text(
        'import{t as e}from"./vendor-c3.js";import"./side-d4.js";'
        "const m=()=>import(`./lazy-e5.js`);console.log(import.meta.url,e,m);"
    )
    (assets / "vendor-c3.js").write_text('export*from"./deep-f6.js";export const t=1;')
    (assets / "deep-f6.js").write_text("export const d=1;")
    (assets / "side-d4.js").write_text("console.log(1);")
    (assets / "preloaded-b2.js").write_text("export const p=1;")
    (assets / "lazy-e5.js").write_text('import{t}from"./vendor-c3.js";export default t;')
    (tmp_path / "sw.js").write_text("self.addEventListener('install',()=>{});")

    js = first_load_js(tmp_path)

    assert js.entries == ["/assets/index-a1.js"]
    assert sorted(js.files) == [
        "/assets/deep-f6.js",
        "/assets/index-a1.js",
        "/assets/preloaded-b2.js",
        "/assets/side-d4.js",
        "/assets/vendor-c3.js",
    ]
    assert sorted(js.lazy) == ["/assets/lazy-e5.js"]
    assert js.service_worker is not None
    assert js.gzip_bytes == sum(gz for _raw, gz in js.files.values())


def test_missing_build_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make build"):
        first_load_js(tmp_path)
