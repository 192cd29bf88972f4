import { beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import type { DayPart, Weekday } from "../../api/vacancies";
import { setLang } from "../../i18n";
import { dayNames, failureText, formatKm, postcodeProblem, scheduleLines } from "./format";
import { nearestDistance, vacancyPath } from "./nearby";

beforeEach(() => setLang("nl"));

describe("postcodeProblem", () => {
  it("takes a PC4 or PC6, with or without the space", () => {
    for (const ok of ["1012", "1012AB", "1012 ab", " 9999 ZZ "]) expect(postcodeProblem(ok), ok).toBeNull();
  });

  it("names what is wrong", () => {
    expect(postcodeProblem("  ")).toBe("nearby.required");
    for (const bad of ["0123", "101", "1012 A", "10122", "Amsterdam"]) expect(postcodeProblem(bad), bad).toBe("nearby.postcodeInvalid");
  });
});

describe("numbers, days and paths", () => {
  it("writes distances the Dutch or English way", () => {
    expect(formatKm(3.25, "nl")).toBe("3,3");
    expect(formatKm(3.25, "en")).toBe("3.3");
    expect(formatKm(12, "nl")).toBe("12");
  });

  it("lists the working days in week order, with their parts", () => {
    const schedule: Partial<Record<Weekday, DayPart[]>> = { wed: ["morning", "afternoon"], mon: ["evening"] };
    expect(scheduleLines(schedule)).toEqual(["Maandag: avond", "Woensdag: ochtend, middag"]);
    expect(dayNames(schedule)).toBe("Maandag, woensdag");
  });

  it("picks the distance option nearest to the selfie's maximum", () => {
    expect(nearestDistance(null)).toBe(10);
    expect(nearestDistance(3)).toBe(5);
    expect(nearestDistance(15)).toBe(10);
    expect(nearestDistance(20)).toBe(25);
    expect(nearestDistance(100)).toBe(50);
  });

  it("opens an open-hiring vacancy on its list screen", () => {
    expect(vacancyPath({ id: 4, hiring_mode: "open" })).toBe("/open-hiring/4");
    expect(vacancyPath({ id: 4, hiring_mode: "regular" })).toBe("/vacancies/4");
  });
});

describe("failureText", () => {
  it("says plainly that a write needs the internet", () => {
    const offline = new ApiError(0, "network_error", "The network request failed.");
    expect(failureText(offline, {}, true)).toContain("Dit kan alleen met internet");
    expect(failureText(offline)).toContain("Kijk of je internet hebt");
  });

  it("uses our words for known codes, and the server's otherwise", () => {
    const full = new ApiError(409, "places_full", "All places are taken.");
    expect(failureText(full, { places_full: "offer.placesFull" }, true)).toBe("Alle plekken zijn al vergeven. Dat spijt ons.");
    expect(failureText(new ApiError(409, "other", "Something else."))).toBe("Something else.");
    expect(failureText(new ApiError(503, "unavailable", "x"))).toBe("Er ging iets mis bij ons. Probeer het later opnieuw.");
  });
});
