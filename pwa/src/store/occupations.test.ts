import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb, getDb, type OccupationEntry } from "./db";
import {
  MAX_AGE_MS,
  buildIndex,
  occupationLabel,
  resetOccupationMemory,
  searchIndex,
  searchOccupations,
  syncOccupationList,
  words,
} from "./occupations";
import { useFreshIndexedDb } from "./testing";

const LIST: OccupationEntry[] = [
  { id: "kok", label: "kok", alt_labels: ["kokkin", "chef-kok"] },
  { id: "hulpkok", label: "hulpkok", alt_labels: ["keukenhulp"] },
  { id: "heftruck", label: "heftruckchauffeur", alt_labels: ["vorkheftruckbestuurder"] },
  { id: "cafe", label: "café-medewerker", alt_labels: ["barmedewerker"] },
  { id: "kapper", label: "kapper", alt_labels: ["kapster", "haarstylist"] },
  { id: "verpleeg", label: "algemeen verpleegkundige", alt_labels: ["verpleger", "kokende verpleegkundige"] },
  { id: "koster", label: "koster", alt_labels: [] },
];

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 304 ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

beforeEach(async () => {
  await useFreshIndexedDb();
  resetOccupationMemory();
});

afterEach(closeDb);

describe("words", () => {
  it("folds case and accents and splits on anything that is not a letter or digit", () => {
    expect(words("Café-Medewerker (m/v)")).toEqual(["cafe", "medewerker", "m", "v"]);
    expect(words("  ")).toEqual([]);
    expect(words("Überprüfung 2")).toEqual(["uberprufung", "2"]);
  });
});

describe("searchIndex", () => {
  const index = buildIndex(LIST);
  const ids = (query: string, limit?: number) => searchIndex(index, query, limit).map((h) => h.id);

  it("puts an exact preferred label first, then other starts", () => {
    const hits = searchIndex(index, "kok");
    expect(hits[0]).toEqual({ id: "kok", label: "kok" });
    // "koster" starts with "ko" but not with "kok"; "hulpkok" contains it (a compound).
    expect(hits.map((h) => h.id)).toEqual(["kok", "verpleeg", "hulpkok"]);
    expect(hits[1]).toEqual({ id: "verpleeg", label: "algemeen verpleegkundige", matchedLabel: "kokende verpleegkundige" });
  });

  it("ignores accents and case", () => {
    expect(ids("CAFE")).toEqual(["cafe"]);
    expect(ids("café medew")).toEqual(["cafe"]);
  });

  it("needs every word typed to start a word of the label (in any order)", () => {
    expect(ids("verpleeg alg")).toEqual(["verpleeg"]);
    expect(ids("verpleeg kapper")).toEqual([]);
  });

  it("finds alternative labels and says which one matched", () => {
    expect(searchIndex(index, "kapster")).toEqual([{ id: "kapper", label: "kapper", matchedLabel: "kapster" }]);
    expect(searchIndex(index, "kokk")).toEqual([{ id: "kok", label: "kok", matchedLabel: "kokkin" }]);
  });

  it("prefers a preferred label to an alternative one", () => {
    const both = buildIndex([
      { id: "a", label: "zorghulp", alt_labels: [] },
      { id: "b", label: "schoonmaker", alt_labels: ["zorg"] },
    ]);
    expect(searchIndex(both, "zorg").map((h) => h.id)).toEqual(["a", "b"]);
  });

  it("finds a word inside a Dutch compound, after the word starts", () => {
    expect(ids("chauffeur")).toEqual(["heftruck"]);
    expect(ids("ch")).toEqual(["kok"]); // 2 letters: only starts ("chef-kok")
  });

  it("honours the limit and gives one hit per occupation", () => {
    expect(ids("k", 2)).toHaveLength(2);
    const all = ids("k", 50);
    expect(new Set(all).size).toBe(all.length);
  });

  it("finds nothing for nothing", () => {
    expect(ids("")).toEqual([]);
    expect(ids(" - ")).toEqual([]);
  });
});

describe("syncOccupationList", () => {
  it("downloads the list once, then asks with the ETag after a day, keeping it on a 304", async () => {
    const fetchMock = vi.fn<(url: string, init: RequestInit) => Promise<Response>>(async () =>
      json(200, { lang: "nl", count: LIST.length, occupations: LIST }, { ETag: '"v1"' }),
    );
    vi.stubGlobal("fetch", fetchMock);
    await syncOccupationList("nl");
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/v1/taxonomy/occupations/labels?lang=nl");
    const stored = await (await getDb()).get("occupations", "nl");
    expect(stored).toMatchObject({ lang: "nl", etag: '"v1"', occupations: LIST });

    // Called often: no request while the copy is fresh.
    await syncOccupationList("nl");
    await Promise.all([syncOccupationList("nl"), syncOccupationList("nl")]);
    expect(fetchMock).toHaveBeenCalledTimes(1);

    // A day later: a conditional request; a 304 keeps the list and its ETag.
    await (await getDb()).put("occupations", { ...(stored as NonNullable<typeof stored>), checkedAt: Date.now() - MAX_AGE_MS - 1 });
    fetchMock.mockImplementationOnce(async () => json(304, null, { ETag: '"v1"' }));
    await syncOccupationList("nl");
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const init = fetchMock.mock.calls[1]?.[1];
    expect((init?.headers as Record<string, string>)["If-None-Match"]).toBe('"v1"');
    expect(init?.cache).toBe("no-store");
    const after = await (await getDb()).get("occupations", "nl");
    expect(after?.occupations).toEqual(LIST);
    expect(after?.checkedAt).toBeGreaterThan(Date.now() - 1000);
  });

  it("replaces the list when it changed, and the search sees the new one", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => json(200, { lang: "nl", count: 1, occupations: LIST }, { ETag: '"v1"' })));
    await syncOccupationList("nl");
    expect((await searchOccupations("kapper", "nl")).map((h) => h.id)).toEqual(["kapper"]);
    const db = await getDb();
    const stored = await db.get("occupations", "nl");
    await db.put("occupations", { ...(stored as NonNullable<typeof stored>), checkedAt: 0 });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json(200, { lang: "nl", count: 1, occupations: [{ id: "kapper2", label: "kapper", alt_labels: [] }] }, { ETag: '"v2"' })),
    );
    await syncOccupationList("nl");
    expect((await searchOccupations("kapper", "nl")).map((h) => h.id)).toEqual(["kapper2"]);
  });

  it("keeps what it has when offline or when the server fails", async () => {
    const fetchMock = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    vi.stubGlobal("fetch", fetchMock);
    await expect(syncOccupationList("en")).resolves.toBeUndefined();
    expect(await (await getDb()).get("occupations", "en")).toBeUndefined();
    vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    await syncOccupationList("en");
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe("searchOccupations and occupationLabel", () => {
  it("search offline from the stored list", async () => {
    await (await getDb()).put("occupations", { lang: "nl", etag: null, lastModified: null, checkedAt: Date.now(), occupations: LIST });
    const fetchMock = vi.fn(async () => {
      throw new TypeError("offline");
    });
    vi.stubGlobal("fetch", fetchMock);
    expect(await searchOccupations("Kapster", "nl")).toEqual([{ id: "kapper", label: "kapper", matchedLabel: "kapster" }]);
    expect(await occupationLabel("heftruck", "nl")).toBe("heftruckchauffeur");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("asks the server while the list is not stored yet, and fetches the list for next time", async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        urls.push(url);
        if (url.startsWith("/api/v1/taxonomy/occupations?")) {
          return json(200, [{ id: "kok", code: "5120.1", label: "kok", matched_label: "cook" }]);
        }
        if (url.startsWith("/api/v1/taxonomy/occupations/labels")) return json(200, { lang: "en", count: 7, occupations: LIST });
        return json(404, { code: "not_found", message: "no" });
      }),
    );
    expect(await searchOccupations("cook", "en", 5)).toEqual([{ id: "kok", label: "kok", matchedLabel: "cook" }]);
    expect(urls).toContain("/api/v1/taxonomy/occupations?q=cook&limit=5");
    await vi.waitFor(async () => expect(await (await getDb()).get("occupations", "en")).toBeDefined());
    expect(await searchOccupations("", "en")).toEqual([]);
  });

  it("gives an occupation's label from the server when the list is not stored, null when unknown", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) =>
        url === "/api/v1/taxonomy/occupations/x1"
          ? json(200, { id: "x1", label: "kok", label_en: "cook" })
          : json(404, { code: "not_found", message: "no" }),
      ),
    );
    expect(await occupationLabel("x1", "en")).toBe("cook");
    expect(await occupationLabel("x1", "nl")).toBe("kok");
    expect(await occupationLabel("nope", "nl")).toBeNull();
  });
});
