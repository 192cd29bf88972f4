import { describe, expect, it } from "vitest";
import { filterSearch, missingStep, parseFilters, vacancyPath } from "./filters";

describe("the matches filter in the URL", () => {
  it("reads a distance and kinds, in a stable order", () => {
    expect(parseFilters("?kind=open_hiring&distance_km=25&kind=job")).toEqual({
      distanceKm: 25,
      kinds: ["job", "open_hiring"],
    });
  });

  it("ignores what the API would refuse", () => {
    expect(parseFilters("?distance_km=0&kind=boat")).toEqual({ distanceKm: null, kinds: [] });
    expect(parseFilters("?distance_km=251")).toEqual({ distanceKm: null, kinds: [] });
    expect(parseFilters("?distance_km=10km")).toEqual({ distanceKm: null, kinds: [] });
    expect(parseFilters("")).toEqual({ distanceKm: null, kinds: [] });
  });

  it("writes the filter back, and nothing for no filter", () => {
    expect(filterSearch({ distanceKm: 10, kinds: ["stage", "job"] })).toBe("?distance_km=10&kind=job&kind=stage");
    expect(filterSearch({ distanceKm: null, kinds: [] })).toBe("");
    const query = { distanceKm: 50, kinds: ["opdracht" as const] };
    expect(parseFilters(filterSearch(query))).toEqual(query);
  });
});

describe("links", () => {
  it("send a missing field to its selfie step", () => {
    expect(missingStep("location.postcode")).toBe("/selfie/location");
    expect(missingStep("availability.schedule")).toBe("/selfie/availability");
    expect(missingStep("wishes.occupation_ids")).toBe("/selfie/wishes");
    expect(missingStep("education.highest_level")).toBe("/selfie/education");
  });

  it("open a vacancy where the work screens open it", () => {
    expect(vacancyPath({ id: 4, hiring_mode: "open" })).toBe("/open-hiring/4");
    expect(vacancyPath({ id: 5, hiring_mode: "regular" })).toBe("/vacancies/5");
  });
});
