"""What the selfie browser tests share: log in, read the phone's IndexedDB, read the API.

Elements are found by role and accessible name, in Dutch (the contexts use locale nl-NL).
"""

from __future__ import annotations

import json
import time
from typing import Any

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import PASSWORD

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
# Before it takes control the service worker precaches the whole app (some 40 files from
# the test server); on a busy 2-core CI machine that has taken more than the default 10 s.
SERVICE_WORKER_TIMEOUT_MS = 20_000
SW_STATE = """async () => {
  const r = await navigator.serviceWorker.getRegistration();
  const s = (w) => (w ? w.state : null);
  return r ? {installing: s(r.installing), waiting: s(r.waiting), active: s(r.active)} : null;
}"""


def wait_until_controlled(page: Any) -> None:
    """Wait until the service worker controls the page (it installed and claimed it).

    A page that was still loading when the new worker claimed the open pages can stay
    without a controller until it loads again (seen twice on a busy CI machine, with the
    worker active): then the page is loaded once more, as a person would, and waited for.
    """
    try:
        page.wait_for_function(CONTROLLED, timeout=SERVICE_WORKER_TIMEOUT_MS)
        return
    except Exception:  # Playwright's TimeoutError
        state = page.evaluate(SW_STATE)
        print(f"service worker not in control of {page.url} yet: {state}; loading it again")
    page.reload()
    page.wait_for_function(CONTROLLED, timeout=SERVICE_WORKER_TIMEOUT_MS)


# Every record of the app's IndexedDB stores, or null when the app has not made the
# database yet. It never creates the database (that would skip the app's upgrades) and
# closes its connection at once (an open one would block an upgrade).
READ_DB = """async (stores) => {
  const name = 'zelf-aan-het-werk';
  if (!(await indexedDB.databases()).some((db) => db.name === name)) return null;
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const out = {};
    for (const store of stores) {
      if (!db.objectStoreNames.contains(store)) { out[store] = []; continue; }
      out[store] = await new Promise((resolve, reject) => {
        const tx = db.transaction(store, 'readonly');
        const keys = tx.objectStore(store).getAllKeys();
        const values = tx.objectStore(store).getAll();
        tx.oncomplete = () => resolve(keys.result.map((k, i) => [k, values.result[i]]));
        tx.onerror = () => reject(tx.error);
      });
    }
    return out;
  } finally {
    db.close();
  }
}"""

# True once nothing of the selfie waits on the phone: an empty outbox and no drafts.
SETTLED = f"""async () => {{
  const read = {READ_DB};
  const db = await read(['outbox', 'drafts']);
  // An edit waits in localStorage until IndexedDB has it: settled means none waits there.
  return db !== null && localStorage.getItem('zelf-aan-het-werk:unstored') === null
    && db.outbox.length === 0
    && db.drafts.every(([key]) => !String(key).startsWith('selfie:'));
}}"""


def read_db(page: Page, *stores: str) -> dict[str, list[Any]]:
    """Every record of these IndexedDB stores, as [key, value] pairs."""
    found = page.evaluate(READ_DB, list(stores))
    assert found is not None, "the app has not opened its database"
    return found


def meta(page: Page, key: str) -> Any:
    """One record of the app's meta store (None when absent)."""
    for stored_key, value in read_db(page, "meta")["meta"]:
        if stored_key == key:
            return value
    return None


def wait_until_settled(page: Page, timeout: float = 15_000) -> None:
    """Wait until the phone has sent every selfie edit and the server took them all.

    Typing is stored after a short pause: call this once the edits are stored (after
    "Volgende", a screen change, or a state line that says so).
    """
    try:
        page.wait_for_function(SETTLED, polling=100, timeout=timeout)
    except PlaywrightTimeoutError:
        left = read_db(page, "outbox", "drafts")
        raise AssertionError(
            "edits still waiting on the phone:\n" + json.dumps(left, indent=1, default=str)
        ) from None


def log_in(page: Page, live_server: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the API with the page's own cookie jar (quicker than the form)."""
    resp = page.request.post(
        f"{live_server}/api/v1/auth/login", data={"username": username, "password": password}
    )
    assert resp.ok, resp.text()


def register(page: Page, live_server: str, username: str, *, employer: bool = False) -> None:
    """Register through the start and register screens (as an employer when asked);
    ends on Home."""
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Account maken").click()
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    if employer:
        page.get_by_role("radio", name="Ik zoek mensen").check()
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hallo {username}!")


def api_get(page: Page, live_server: str, path: str) -> Any:
    """GET an API path with the page's cookies; the JSON body."""
    resp = page.request.get(f"{live_server}/api/v1{path}")
    assert resp.ok, f"GET {path}: {resp.status} {resp.text()}"
    return resp.json()


def server_section(page: Page, live_server: str, name: str) -> dict[str, Any]:
    return api_get(page, live_server, f"/selfie/sections/{name}")


def wait_for_version(
    page: Page, live_server: str, name: str, version: int, timeout: float = 15
) -> dict[str, Any]:
    """Wait until the server has `version` of a section; return it.

    `wait_until_settled` can look before a write just made has reached IndexedDB (on a
    busy machine), so a test that needs the write on the server asks the server.
    """
    deadline = time.monotonic() + timeout
    section = server_section(page, live_server, name)
    while section["version"] < version and time.monotonic() < deadline:
        time.sleep(0.2)
        section = server_section(page, live_server, name)
    assert section["version"] == version, section
    return section


def heading(page: Page) -> Any:
    return page.get_by_role("heading", level=1)


def next_step(page: Page) -> None:
    page.get_by_role("button", name="Volgende").click()


def put_section(
    page: Page, live_server: str, name: str, data: dict[str, Any], version: int = 0
) -> dict[str, Any]:
    """Write a section through the API, as another device would (cookies and CSRF header)."""
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "__Host-csrf-access")
    precondition = {"If-Match": f'"{version}"'} if version else {"If-None-Match": "*"}
    resp = page.request.put(
        f"{live_server}/api/v1/selfie/sections/{name}",
        data=data,
        headers={"X-CSRF-TOKEN": csrf, **precondition},
    )
    assert resp.ok, f"PUT {name}: {resp.status} {resp.text()}"
    return resp.json()
