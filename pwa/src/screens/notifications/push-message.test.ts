import { describe, expect, it } from "vitest";
import { clickTarget, notificationFor, parsePayload, pickLang, safePath, type PushPayload } from "./push-message";

function parsed(raw: unknown): PushPayload {
  const payload = parsePayload(raw);
  if (!payload) throw new Error("not a push message");
  return payload;
}

// As backend/notifications/delivery.py sends them.
const offer = {
  id: 7,
  kind: "open_hiring_offer",
  nl: { title: "Je bent aan de beurt!", body: "Er is een plek voor je: Kok. Zeg ja vóór 14:00." },
  en: { title: "It is your turn!", body: "There is a place for you: Kok. Say yes before 14:00." },
  url: "/open-hiring/12/offer",
  actions: [
    { action: "open", nl: "Bekijk", en: "View" },
    { action: "accept", nl: "Ik doe mee", en: "I'm in" },
  ],
  data: { vacancy_id: 12, title: "Kok", deadline: "2026-12-05T13:00:00+00:00" },
};

const nearby = {
  id: 8,
  kind: "open_hiring_nearby",
  nl: { title: "Nieuwe plek bij jou in de buurt", body: "Kok in Amsterdam." },
  en: { title: "New place near you", body: "Kok in Amsterdam." },
  url: "/open-hiring/12",
  actions: [{ action: "open", nl: "Bekijk", en: "View" }],
  data: { vacancy_id: 12 },
};

describe("push messages", () => {
  it("show the text in the app's language, with the actions", () => {
    const payload = parsed(offer);
    const shown = notificationFor(payload, "nl");
    expect(shown.title).toBe("Je bent aan de beurt!");
    expect(shown.options.body).toContain("Zeg ja");
    expect(shown.options.actions).toEqual([
      { action: "open", title: "Bekijk" },
      { action: "accept", title: "Ik doe mee" },
    ]);
    expect(shown.options.tag).toBe("offer-12");
    expect(shown.options.requireInteraction).toBe(true);
    expect(notificationFor(payload, "en").options.actions[1]?.title).toBe("I'm in");
  });

  it("open the right screen for a tap and for each action", () => {
    const shown = notificationFor(parsed(offer), "nl");
    expect(clickTarget(shown.options.data, "")).toBe("/open-hiring/12/offer");
    expect(clickTarget(shown.options.data, "accept")).toBe("/open-hiring/12/offer");
    expect(clickTarget(shown.options.data, "open")).toBe("/open-hiring/12/offer");
    const place = notificationFor(parsed(nearby), "en");
    expect(clickTarget(place.options.data, "")).toBe("/open-hiring/12");
    expect(place.options.tag).toBe("notification-8");
    expect(place.options.requireInteraction).toBe(false);
  });

  it("never open another site", () => {
    expect(safePath("https://evil.example/")).toBe("/notifications");
    expect(safePath("//evil.example/x")).toBe("/notifications");
    expect(safePath("/\\evil.example")).toBe("/notifications");
    expect(safePath("/checkin")).toBe("/checkin");
    expect(parsePayload({ ...nearby, url: "javascript:alert(1)" })?.url).toBe("/notifications");
    expect(clickTarget(null, "")).toBe("/notifications");
  });

  it("refuse what is not a push message of ours", () => {
    expect(parsePayload(null)).toBeNull();
    expect(parsePayload({ nl: "x" })).toBeNull();
    expect(parsePayload({ ...nearby, actions: [{ action: 1 }] })?.actions).toEqual([]);
  });

  it("pick the stored language, else the browser's, else Dutch", () => {
    expect(pickLang("en", ["nl-NL"])).toBe("en");
    expect(pickLang(undefined, ["en-GB", "nl"])).toBe("en");
    expect(pickLang(null, ["de-DE"])).toBe("nl");
  });
});
