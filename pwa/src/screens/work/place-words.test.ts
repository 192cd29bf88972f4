import { beforeEach, describe, expect, it } from "vitest";
import type { QueuePlace } from "../../api/open-hiring";
import { setLang } from "../../i18n";
import { canWithdraw, reconfirmDue, sortPlaces, stateSentence } from "./place-words";
import { tw } from "./words";

const NOW = Date.parse("2026-12-07T10:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

function place(overrides: Partial<QueuePlace> = {}): QueuePlace {
  return {
    vacancy_id: 7,
    place_id: 70,
    title: "Hulpkok",
    position: 5,
    ahead: 4,
    state: "waiting",
    signed_at: "2026-12-01T10:00:00Z",
    confirmed_at: "2026-12-01T10:00:00Z",
    reconfirm_by: new Date(NOW + 10 * DAY).toISOString(),
    paused_at: null,
    offered_at: null,
    offer_deadline: null,
    accepted_at: null,
    started_at: null,
    ended_at: null,
    shared_contact: null,
    ...overrides,
  };
}

const say = (p: QueuePlace) => {
  const sentence = stateSentence(p, (iso) => `[${iso}]`);
  return tw(sentence.key, sentence.params);
};

describe("stateSentence", () => {
  beforeEach(() => setLang("nl"));

  it("says the position and the people ahead", () => {
    expect(say(place())).toBe("Je staat op nummer 5. Er zijn nog 4 mensen voor je.");
    expect(say(place({ ahead: 1 }))).toBe("Je staat op nummer 5. Er is nog 1 persoon voor je.");
    expect(say(place({ ahead: 0 }))).toBe("Je staat op nummer 5. Je bent de volgende die een plek krijgt.");
  });

  it("explains a pause and keeps the number", () => {
    expect(say(place({ state: "paused" }))).toContain("Je houdt nummer 5.");
  });

  it("names the deadline of an offer", () => {
    expect(say(place({ state: "offered", offer_deadline: "2026-12-09T10:00:00Z" }))).toBe(
      "Je krijgt een plek aangeboden! Zeg ja of nee voor [2026-12-09T10:00:00Z].",
    );
  });

  it("has words for every state", () => {
    for (const state of ["accepted", "started", "declined", "expired", "no_show", "withdrawn"] as const) {
      expect(say(place({ state }))).not.toMatch(/\{|state\./);
    }
    setLang("en");
    expect(say(place({ state: "no_show" }))).toBe("The employer noted that you did not come.");
  });
});

describe("reconfirmDue", () => {
  it("asks a paused person, and a waiting one from 3 days before the date", () => {
    expect(reconfirmDue(place({ state: "paused", reconfirm_by: null }), NOW)).toBe(true);
    expect(reconfirmDue(place(), NOW)).toBe(false);
    expect(reconfirmDue(place({ reconfirm_by: new Date(NOW + 3 * DAY).toISOString() }), NOW)).toBe(true);
    expect(reconfirmDue(place({ reconfirm_by: new Date(NOW - DAY).toISOString() }), NOW)).toBe(true);
  });

  it("never asks about an offer or an ended place", () => {
    expect(reconfirmDue(place({ state: "offered" }), NOW)).toBe(false);
    expect(reconfirmDue(place({ state: "withdrawn", reconfirm_by: null }), NOW)).toBe(false);
  });
});

describe("canWithdraw and sortPlaces", () => {
  it("lets a person leave until the work started or the place ended", () => {
    expect(["waiting", "paused", "offered", "accepted"].every((state) => canWithdraw(place({ state } as Partial<QueuePlace>)))).toBe(true);
    expect(canWithdraw(place({ state: "started" }))).toBe(false);
    expect(canWithdraw(place({ state: "declined" }))).toBe(false);
  });

  it("puts an offer first and ended places last", () => {
    const sorted = sortPlaces([
      place({ place_id: 1, state: "withdrawn" }),
      place({ place_id: 2, state: "waiting" }),
      place({ place_id: 3, state: "offered" }),
      place({ place_id: 4, state: "paused" }),
    ]);
    expect(sorted.map((p) => p.place_id)).toEqual([3, 4, 2, 1]);
  });
});
