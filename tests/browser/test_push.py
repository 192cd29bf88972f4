"""Push notifications end to end in the browser (issue 7), and the notification screens.

Headless Chromium cannot reach a real push service, so an init script replaces
`PushManager.prototype.subscribe` with one that returns the key pair of a device of the
local push service (`tests/notifications/push_service.py`). Everything else is real:
the permission screen asks and registers the device through the API; an employer
publishes an open-hiring vacancy through the API; the huey task (immediate mode in the
tests) chooses the people through matching and sends the push; the local push service
checks the VAPID JWT and decrypts it; CDP `ServiceWorker.deliverPushMessage` hands that
payload to the app's service worker, which shows it; a click on it opens the vacancy.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, Page, expect

from backend.extensions import huey
from backend.notifications import sender
from tests.browser.selfie_ui import api_get, heading, log_in, put_section, wait_until_controlled
from tests.notifications.push_service import Device, LocalPushService
from tests.vacancies import conftest as vacancy_factories
from tests.vacancies.conftest import token_headers

pytestmark = pytest.mark.browser

make_employer = vacancy_factories.make_employer
make_function = vacancy_factories.make_function
make_vacancy = vacancy_factories.make_vacancy

# PushManager.subscribe returns the test device's subscription (its keys are the ones
# the local push service decrypts with); the calls and the key asked for are recorded,
# so the test sees that nothing is asked before the person taps.
FAKE_SUBSCRIBE = """
(() => {
  const device = %s;
  window.__subscribeCalls = [];
  PushManager.prototype.subscribe = async function (options) {
    const key = new Uint8Array(options.applicationServerKey);
    const text = btoa(String.fromCharCode(...key));
    window.__subscribeCalls.push({
      userVisibleOnly: options.userVisibleOnly,
      key: text.replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, ''),
    });
    return {
      endpoint: device.endpoint,
      expirationTime: null,
      options: { applicationServerKey: key.buffer, userVisibleOnly: true },
      toJSON: () => device,
      unsubscribe: async () => true,
    };
  };
})();
"""

NOTIFICATIONS = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return (await registration.getNotifications()).map((n) => ({
    title: n.title, body: n.body, tag: n.tag, data: n.data,
    actions: n.actions.map((a) => a.title),
  }));
}"""

# In the service worker: the notification it showed, clicked as the browser does it
# (a notificationclick event with that notification), through the worker's own listener.
CLICK = """async (action) => {
  // getNotifications() can answer [] for a moment right after a notification was shown.
  let notification;
  for (let i = 0; i < 100 && !notification; i++) {
    [notification] = await self.registration.getNotifications();
    if (!notification) await new Promise((done) => setTimeout(done, 50));
  }
  self.dispatchEvent(new NotificationEvent('notificationclick', { notification, action }));
  return notification.data;
}"""


@pytest.fixture
def push_service(app: Flask) -> Iterator[LocalPushService]:
    with LocalPushService() as service:
        yield service
    # VAPID headers are cached per push-service origin; each test's service has its own.
    sender.configure(sender.settings())
    huey.storage.flush_schedule()


def fake_push_manager(context: BrowserContext, device: Device) -> None:
    context.add_init_script(FAKE_SUBSCRIBE % json.dumps(device.subscription_json()))


def jobseeker_near_1012(page: Page, live_server: str, make_user: Any, name: str) -> Any:
    """A jobseeker living next to 1012, free on weekdays: matching will choose them."""
    user = make_user("jobseeker", username=name)
    page.goto(f"{live_server}/")
    log_in(page, live_server, name)
    put_section(page, live_server, "basics", {"display_name": "Samira", "birth_year": 1990})
    put_section(page, live_server, "location", {"postcode": "1013", "max_distance_km": 10})
    weekdays = {day: ["morning", "afternoon"] for day in ("mon", "tue", "wed", "thu", "fri")}
    put_section(
        page,
        live_server,
        "availability",
        {"days_per_week": 2, "schedule": weekdays, "hours_per_week_min": 8},
    )
    return user


def notifications_shown(page: Page, count: int, steady_ms: int = 0) -> list[dict[str, Any]]:
    """`registration.getNotifications()` once it lists `count` (and, with `steady_ms`, has
    kept doing so that long): right after a notification is shown or closed, Chromium can
    answer with the old list for a moment."""
    deadline = time.monotonic() + 10
    since: float | None = None
    while True:
        shown: list[dict[str, Any]] = page.evaluate(NOTIFICATIONS)
        now = time.monotonic()
        if len(shown) == count:
            since = now if since is None else since
            if (now - since) * 1000 >= steady_ms:
                return shown
        else:
            since = None
        assert now < deadline, f"expected {count} notifications, the page has {shown}"
        page.wait_for_timeout(50)


def registration_id(page: Page, live_server: str) -> tuple[Any, str]:
    """A CDP session and the service worker registration id of the app's scope."""
    cdp = page.context.new_cdp_session(page)
    found: dict[str, str] = {}

    def on_update(event: dict[str, Any]) -> None:
        for reg in event["registrations"]:
            if reg["scopeURL"] == f"{live_server}/" and not reg.get("isDeleted"):
                found["id"] = reg["registrationId"]

    cdp.on("ServiceWorker.workerRegistrationUpdated", on_update)
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while "id" not in found and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert "id" in found, "no service worker registration for the app's scope"
    return cdp, found["id"]


def test_a_new_place_nearby_reaches_the_phone_and_a_click_opens_it(
    app: Flask,
    client: Any,
    context: BrowserContext,
    page: Page,
    live_server: str,
    make_user: Any,
    make_vacancy: Any,
    push_service: LocalPushService,
) -> None:
    device = push_service.new_device()
    fake_push_manager(context, device)
    context.grant_permissions(["notifications"], origin=live_server)
    jobseeker_near_1012(page, live_server, make_user, "push.samira")

    # Quiet hours off in the settings screen, so the push is not held for the morning.
    page.goto(f"{live_server}/settings/notifications")
    expect(heading(page)).to_have_text("Instellingen voor meldingen")
    quiet = page.get_by_role("checkbox", name=re.compile("^Stille uren"))
    expect(quiet).to_be_checked()
    quiet.uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen.")).to_be_visible()

    # 1. Subscribe: the explanation first, the question only after the tap.
    page.goto(f"{live_server}/home")
    wait_until_controlled(page)
    page.get_by_role("link", name="Meldingen instellen").click()
    page.get_by_role("link", name="Meldingen aanzetten op dit apparaat").click()
    expect(heading(page)).to_have_text("Meldingen aanzetten")
    expect(page.get_by_text("Ben je aan de beurt in een rij?")).to_be_visible()
    assert page.evaluate("window.__subscribeCalls") == []
    page.get_by_role("button", name="Meldingen aanzetten").click()
    expect(page.get_by_role("status")).to_have_text("Meldingen staan aan op dit apparaat.")
    [call] = page.evaluate("window.__subscribeCalls")
    assert call == {
        "userVisibleOnly": True,
        "key": api_get(page, live_server, "/push/vapid-public-key")["public_key"],
    }
    [saved] = api_get(page, live_server, "/push/subscriptions")
    assert saved["endpoint"] == device.endpoint

    # 2. An employer publishes an open-hiring place next door (through the API).
    draft = make_vacancy(publish=False, hiring_mode="open")
    employer = draft.employer
    resp = client.post(
        f"/api/v1/vacancies/{draft.id}/publish", headers=token_headers(app, employer.user)
    )
    assert resp.status_code == 200, resp.get_json()
    title = resp.get_json()["title"]

    # 3. The worker sent it; the push service checked the VAPID JWT and decrypted it.
    [arrived] = push_service.for_device(device)
    message = arrived.message
    assert message["kind"] == "open_hiring_nearby"
    assert message["nl"]["title"] == "Nieuwe plek bij jou in de buurt"
    assert message["nl"]["body"].startswith(title)
    assert message["url"] == f"/open-hiring/{draft.id}"
    assert arrived.urgency == "normal"

    # 4. CDP hands that payload to the service worker.
    cdp, reg_id = registration_id(page, live_server)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": live_server, "registrationId": reg_id, "data": arrived.payload.decode()},
    )

    # 5. The notification is shown, in Dutch, with its action.
    [shown] = notifications_shown(page, 1)
    assert shown["title"] == "Nieuwe plek bij jou in de buurt"
    assert shown["body"] == message["nl"]["body"]
    assert shown["actions"] == ["Bekijk"]
    assert shown["data"]["url"] == f"/open-hiring/{draft.id}"

    # 6. A click opens the vacancy in the window that is open (no new one).
    page.goto(f"{live_server}/home")
    expect(heading(page)).to_have_text("Hallo Samira!")
    [worker] = context.service_workers
    clicked = worker.evaluate(CLICK, "")
    assert clicked["url"] == f"/open-hiring/{draft.id}"
    expect(page).to_have_url(f"{live_server}/open-hiring/{draft.id}")
    expect(heading(page)).to_have_text(title)
    assert len(context.pages) == 1
    notifications_shown(page, 0, steady_ms=1000)  # the click closed it


def test_inbox_settings_and_check_in_screens(
    page: Page, live_server: str, make_user: Any, make_vacancy: Any
) -> None:
    from backend.notifications import service as notifications
    from backend.open_hiring import service as open_hiring

    user = jobseeker_near_1012(page, live_server, make_user, "push.inbox")
    # A place opens next door (the announcement is the first inbox entry), she signs
    # up, and her turn comes close (the second).
    place = make_vacancy(hiring_mode="open")
    title = place.data["title"]
    open_hiring.sign_up(place.id, user_id=user.id, right_to_work_nl=True)
    notifications.notify(
        user.id, "open_hiring_turn_close", {"vacancy_id": place.id, "title": title, "ahead": 1}
    )

    # Home: the way to the inbox, with its badge.
    page.goto(f"{live_server}/home")
    inbox_link = page.get_by_role("link", name=re.compile("2 ongelezen berichten"))
    expect(inbox_link).to_be_visible()
    expect(inbox_link.locator(".unread-badge")).to_have_text("2")
    inbox_link.click()

    # The inbox: newest first, both new; one read, then all.
    expect(heading(page)).to_have_text("Berichten")
    expect(page.get_by_role("status")).to_have_text("2 ongelezen berichten")
    entries = page.locator(".inbox-entry")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text(f"Nieuw: Je bent bijna aan de beurt: {title}")
    expect(entries.nth(1)).to_contain_text(f"Nieuw: Nieuwe plek bij jou in de buurt: {title}")
    entries.nth(0).get_by_role("button", name=re.compile("^Gelezen")).click()
    expect(page.get_by_role("status")).to_have_text("1 ongelezen bericht")
    expect(entries.nth(0)).not_to_contain_text("Nieuw:")
    page.get_by_role("button", name="Alles gelezen").click()
    expect(page.get_by_role("status")).to_have_text("Alles is gelezen.")
    assert api_get(page, live_server, "/notifications?unread=true") == []
    # A tap opens the entry's screen.
    entries.nth(1).get_by_role("link").click()
    expect(page).to_have_url(f"{live_server}/open-hiring/{place.id}")
    expect(heading(page)).to_have_text(title)

    # Settings: errors at the fields (one found here, one by the server), then saved.
    page.goto(f"{live_server}/settings/notifications")
    expect(heading(page)).to_have_text("Instellingen voor meldingen")
    expect(page.get_by_text("Je beurt in een rij: die melding staat altijd aan.")).to_be_visible()
    daily = page.get_by_label("Hoeveel meldingen per dag?")
    expect(daily).to_have_value("5")
    daily.fill("0")
    page.get_by_role("button", name="Opslaan").click()
    expect(daily).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("Vul een getal van 1 tot 50 in.")
    daily.fill("3")
    checkin_time = page.get_by_label("Tijd van je check-in")
    checkin_time.fill("22:00")  # in the quiet hours (21:00-08:00): the server refuses it
    page.get_by_role("button", name="Opslaan").click()
    expect(checkin_time).to_have_attribute("aria-invalid", "true")
    expect(daily).not_to_have_attribute("aria-invalid", "true")
    checkin_time.fill("10:30")
    page.get_by_role("checkbox", name="Cursussen die bij jou passen").uncheck()
    page.get_by_role("checkbox", name="zaterdag").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Je volgende check-in is")).to_be_visible()
    saved = api_get(page, live_server, "/notifications/preferences")
    assert saved["daily_max"] == 3
    assert saved["checkin"] == {"time": "10:30", "days": ["mon", "tue", "wed", "thu", "fri", "sat"]}
    assert saved["topics"]["learning_offers"] is False and saved["topics"]["queue_turn"] is True

    # The check-in: what is new, the question, the streak.
    page.goto(f"{live_server}/home")
    page.get_by_role("link", name="Check-in van vandaag").click()
    expect(heading(page)).to_have_text("Je check-in van vandaag")
    expect(page.get_by_role("link", name=title).first).to_be_visible()
    expect(page.get_by_role("heading", name="Ben je nog beschikbaar?")).to_be_visible()
    page.get_by_role("button", name="Ja, ik ben beschikbaar").click()
    expect(page.get_by_role("status")).to_have_text("Fijn! Je plek op de lijst is bevestigd.")
    expect(page.get_by_text("Je eerste check-in. Goed begin!")).to_be_visible()
    [checkin] = api_get(page, live_server, "/me/export")["data"]["checkins"]
    assert checkin["available"] is True


def test_the_permission_screen_helps_when_it_is_denied_and_on_an_iphone(
    browser: Any, page: Page, live_server: str, make_user: Any
) -> None:
    make_user("jobseeker", username="push.denied")
    page.goto(f"{live_server}/")
    log_in(page, live_server, "push.denied")
    page.goto(f"{live_server}/notifications/allow")
    page.get_by_role("button", name="Meldingen aanzetten").click()
    # Headless Chromium answers the question itself: "denied" unless the test grants it.
    expect(page.get_by_role("alert")).to_contain_text("Meldingen zijn geblokkeerd")
    expect(page.get_by_role("alert")).to_contain_text("Open de instellingen van je browser.")
    expect(page.get_by_role("button", name="Meldingen aanzetten")).to_have_count(0)

    iphone = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="nl-NL",
        user_agent=(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
        ),
    )
    try:
        phone = iphone.new_page()
        phone.goto(f"{live_server}/")
        log_in(phone, live_server, "push.denied")
        phone.goto(f"{live_server}/notifications/allow")
        expect(
            phone.get_by_role("heading", name="Eerst de app op je beginscherm zetten")
        ).to_be_visible()
        expect(phone.get_by_text("Kies Zet op beginscherm.")).to_be_visible()
        expect(phone.get_by_role("button", name="Meldingen aanzetten")).to_have_count(0)
    finally:
        iphone.close()
