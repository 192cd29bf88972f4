import { describe, expect, it } from "vitest";
import { assess, effectiveStatus } from "./assess";

describe("assess (the server's completeness rules, on the phone)", () => {
  it("calls a section with nothing answered empty", () => {
    expect(assess("basics", {}).status).toBe("empty");
    expect(assess("basics", { display_name: "", contact_methods: [] }).status).toBe("empty");
  });

  it("asks for a phone number only when a phone method is chosen", () => {
    const base = { display_name: "Sam", preferred_language: "nl" };
    expect(assess("basics", { ...base, contact_methods: ["app"] })).toEqual({ status: "complete", missing: [] });
    expect(assess("basics", { ...base, contact_methods: ["whatsapp", "email"] }).missing).toEqual([
      "basics.phone",
      "basics.email",
    ]);
  });

  it("needs a false driving licence answer to count as answered", () => {
    const data = { postcode: "1012", max_distance_km: 10, travel_modes: ["bike"], has_driving_licence: false };
    expect(assess("location", data).status).toBe("complete");
  });

  it("wants at least as many days in the grid as days a week", () => {
    const data = { days_per_week: 2, schedule: { mon: ["morning"] }, hours_per_week_min: 8, hours_per_week_max: 16 };
    expect(assess("availability", data).missing).toEqual(["availability.schedule"]);
    expect(assess("availability", { ...data, schedule: { mon: ["morning"], fri: ["evening"] } }).status).toBe("complete");
  });

  it("accepts no experience, or entries with a title or occupation, a kind, a start and an end", () => {
    expect(assess("experience", { no_experience: true }).status).toBe("complete");
    expect(assess("experience", { entries: [{ id: "a", title: "Kok", kind: "paid", start: "2020-01" }] }).missing).toEqual([
      "experience.entries.0.end",
    ]);
    expect(
      assess("experience", { entries: [{ id: "a", title: "Kok", kind: "paid", start: "2020-01", ongoing: true }] }).status,
    ).toBe("complete");
  });

  it("completes the interests once every type has four valid answers", () => {
    const answers: Record<string, number> = {};
    for (const type of "RIASEC") for (let i = 1; i <= 4; i++) answers[`${type}${i}`] = 3;
    expect(assess("interests", { answers }).status).toBe("complete");
    delete answers.C4;
    expect(assess("interests", { answers: { ...answers, C9: 3, X1: 5 } }).missing).toEqual(["interests.answers"]);
  });

  it("completes visibility only when the person chose both themselves", () => {
    expect(assess("visibility", { employers: "none" }).missing).toEqual(["visibility.statistics"]);
    expect(assess("visibility", { employers: "none", statistics: false }).status).toBe("complete");
  });
});

describe("effectiveStatus", () => {
  it("trusts the server while synced and the phone's own check otherwise", () => {
    const section = { name: "wishes" as const, data: { occupation_ids: ["x"], work_kinds: ["job"] }, serverStatus: "draft" as const, serverVersion: 2, missing: ["wishes.occupation_ids"] };
    expect(effectiveStatus({ ...section, state: "synced" }).status).toBe("draft");
    expect(effectiveStatus({ ...section, state: "local" }).status).toBe("complete");
  });

  it("does not call a section done that the phone never got from the server (offline)", () => {
    const neverFetched = { name: "skills" as const, data: {}, state: "synced" as const, serverStatus: "empty" as const, serverVersion: 0, missing: [] };
    expect(effectiveStatus(neverFetched)).toEqual({ status: "empty", missing: ["skills.entries"] });
  });
});
