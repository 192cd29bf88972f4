import { describe, expect, it, vi } from "vitest";
import { cvJsonUrl, deleteMe, exportMyData, fetchCv, fetchInterestItems, fetchRevisions, fetchSection } from "./selfie";
import { listEducationLevels, lookupPostcode, searchSkills } from "./taxonomy";

function respond(status: number, body: unknown) {
  const calls: Array<[string, RequestInit]> = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { "Content-Type": "application/json" },
      });
    }),
  );
  return calls;
}

describe("selfie wrappers", () => {
  it("ask the documented paths", async () => {
    const calls = respond(200, {});
    await fetchSection("basics");
    await fetchRevisions("skills");
    await fetchInterestItems("en");
    await fetchCv("nl");
    expect(calls.map(([url]) => url)).toEqual([
      "/api/v1/selfie/sections/basics",
      "/api/v1/selfie/sections/skills/revisions",
      "/api/v1/selfie/interest-items?lang=en",
      "/api/v1/selfie/cv?lang=nl",
    ]);
    expect(cvJsonUrl("en")).toBe("/api/v1/selfie/cv.json?lang=en");
  });

  it("export gives a JSON file to download", async () => {
    respond(200, { exported_at: "2025-01-01T00:00:00Z", data: { account: {} } });
    const blob = await exportMyData();
    expect(blob.type).toBe("application/json");
    expect(JSON.parse(await blob.text())).toEqual({ exported_at: "2025-01-01T00:00:00Z", data: { account: {} } });
  });

  it("erasure sends the password with DELETE /me", async () => {
    const calls = respond(204, undefined);
    await deleteMe("geheim wachtwoord");
    expect(calls[0]?.[0]).toBe("/api/v1/me");
    expect(calls[0]?.[1].method).toBe("DELETE");
    expect(JSON.parse(calls[0]?.[1].body as string)).toEqual({ password: "geheim wachtwoord" });
  });
});

describe("taxonomy wrappers", () => {
  it("lookupPostcode gives place, gemeente and region by name (PC6 sent compact)", async () => {
    const calls = respond(200, {
      pc4: "1011",
      place: "Amsterdam",
      lat: 52.37,
      lon: 4.9,
      province: "Noord-Holland",
      municipality: { code: "0363", name: "Amsterdam" },
      region: { code: "AM18", name: "Groot Amsterdam" },
    });
    const info = await lookupPostcode(" 1011 ab ");
    expect(calls[0]?.[0]).toBe("/api/v1/taxonomy/postcodes/1011AB");
    expect(info).toMatchObject({ postcode: "1011", place: "Amsterdam", municipality: "Amsterdam", region: "Groot Amsterdam", regionCode: "AM18" });
  });

  it("lookupPostcode rejects with the ApiError 404 for an unknown postcode", async () => {
    respond(404, { code: "not_found", message: "No such postcode area" });
    await expect(lookupPostcode("1000")).rejects.toMatchObject({ status: 404 });
  });

  it("education levels carry the label in the language asked", async () => {
    respond(200, [{ code: "MBO_2", name_nl: "Mbo 2", name_en: "MBO 2 (en)", nlqf: "2", eqf: 2, cbs_level: "middelbaar" }]);
    expect((await listEducationLevels("en"))[0]?.label).toBe("MBO 2 (en)");
    expect((await listEducationLevels("nl"))[0]?.label).toBe("Mbo 2");
  });

  it("skill search sends the query and keeps the matched label", async () => {
    const calls = respond(200, [
      { id: "s1", label: "Nederlands", matched_label: null },
      { id: "s2", label: "koken", matched_label: "cook" },
    ]);
    expect(await searchSkills(" cook ", "nl", 500)).toEqual([
      { id: "s1", label: "Nederlands" },
      { id: "s2", label: "koken", matchedLabel: "cook" },
    ]);
    expect(calls[0]?.[0]).toBe("/api/v1/taxonomy/skills?q=cook&limit=50");
    expect(await searchSkills("  ", "nl")).toEqual([]);
  });
});
