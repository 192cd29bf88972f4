import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SectionData, SectionName } from "../api/selfie";
import { closeDb, getMeta, setMeta } from "../store/db";
import { getDraft, getServerSection, putDraft, putServerSection } from "../store/drafts";
import { listOutbox } from "../store/outbox";
import { useFreshIndexedDb } from "../store/testing";
import {
  claimLocalData,
  clearLocalData,
  flushNow,
  flushPendingSaves,
  lastBackgroundSync,
  loadAllSections,
  loadSection,
  pendingCount,
  resolveConflicts,
  saveSection,
  scheduleSave,
  startSync,
  subscribe,
} from "./selfie-sync";

interface Operation {
  key: string;
  section: string;
  base_version: number;
  data: SectionData;
}

/** A small selfie server: GET sections and overview, POST /sync with versions. */
class Server {
  sections = new Map<string, { version: number; data: SectionData }>();
  syncRequests: Operation[][] = [];
  gets: string[] = [];
  offline = false;

  section(name: string) {
    const s = this.sections.get(name) ?? { version: 0, data: {} };
    return { name, version: s.version, status: s.version ? "draft" : "empty", missing: ["x"], data: s.data, derived: { seen: true } };
  }

  fetch = vi.fn(async (url: string, init: RequestInit = {}): Promise<Response> => {
    if (this.offline) throw new TypeError("Failed to fetch");
    const method = init.method ?? "GET";
    if (method === "GET") this.gets.push(url);
    const sectionMatch = /^\/api\/v1\/selfie\/sections\/(\w+)$/.exec(url);
    if (method === "GET" && sectionMatch?.[1]) return json(200, this.section(sectionMatch[1]));
    if (method === "GET" && url === "/api/v1/selfie") {
      const names = ["basics", "location", "availability", "experience", "skills", "education", "languages", "wishes", "interests", "visibility"];
      return json(200, { profile_id: "p", status: "draft", completeness: 0, sections: names.map((n) => this.section(n)) });
    }
    if (method === "POST" && url === "/api/v1/sync") {
      const ops = (JSON.parse(init.body as string) as { operations: Operation[] }).operations;
      this.syncRequests.push(ops);
      const results = ops.map((op) => {
        const current = this.sections.get(op.section) ?? { version: 0, data: {} };
        if (current.version !== op.base_version) {
          return { key: op.key, section: op.section, status: 412, replayed: false, result: this.section(op.section), error: {} };
        }
        this.sections.set(op.section, { version: current.version + 1, data: op.data });
        return { key: op.key, section: op.section, status: 200, replayed: false, result: this.section(op.section), error: null };
      });
      return json(200, { results });
    }
    throw new Error(`unexpected ${method} ${url}`);
  });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

let server: Server;
const stops: Array<() => void> = [];

beforeEach(async () => {
  await useFreshIndexedDb();
  server = new Server();
  vi.stubGlobal("fetch", server.fetch);
});

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await clearLocalData();
  await closeDb();
  vi.useRealTimers();
});

const listen = () => {
  const heard: SectionName[] = [];
  stops.push(subscribe((name) => heard.push(name)));
  return heard;
};

describe("loadSection", () => {
  it("fetches a section it has never seen, and keeps it for offline use", async () => {
    server.sections.set("basics", { version: 2, data: { display_name: "Sam" } });
    const section = await loadSection("basics");
    expect(section).toEqual({
      name: "basics",
      data: { display_name: "Sam" },
      serverVersion: 2,
      serverStatus: "draft",
      missing: ["x"],
      derived: { seen: true },
      state: "synced",
      conflicts: [],
      errors: {},
    });
    server.offline = true;
    expect((await loadSection("basics")).data).toEqual({ display_name: "Sam" });
  });

  it("answers from the local copy at once and refreshes behind, telling the listeners", async () => {
    await putServerSection({ name: "basics", version: 1, status: "draft", missing: [], data: { display_name: "old" }, derived: {}, fetchedAt: 1 });
    server.sections.set("basics", { version: 2, data: { display_name: "new" } });
    const heard = listen();
    expect((await loadSection("basics")).data).toEqual({ display_name: "old" });
    await vi.waitFor(() => expect(heard).toEqual(["basics"]));
    expect((await loadSection("basics")).data).toEqual({ display_name: "new" });
  });

  it("shows the draft, and does not refresh while something local waits", async () => {
    await putServerSection({ name: "basics", version: 1, status: "draft", missing: [], data: { display_name: "server" }, derived: {}, fetchedAt: 1 });
    await putDraft({ key: "selfie:basics", data: { display_name: "mine" }, base: { display_name: "server" }, baseVersion: 1, updatedAt: 1, state: "local" });
    const section = await loadSection("basics");
    expect(section).toMatchObject({ data: { display_name: "mine" }, state: "local", serverVersion: 1 });
    expect(server.gets).toEqual([]);
  });

  it("gives an empty section when offline and nothing is stored", async () => {
    server.offline = true;
    expect(await loadSection("wishes")).toMatchObject({ data: {}, serverVersion: 0, serverStatus: "empty", state: "synced" });
  });
});

describe("loadAllSections", () => {
  it("loads every section, then only fetches the ones whose version changed", async () => {
    server.sections.set("skills", { version: 3, data: { entries: [] } });
    const all = await loadAllSections();
    expect(Object.keys(all)).toHaveLength(10);
    expect(all.skills).toMatchObject({ serverVersion: 3, state: "synced" });
    const fetched = server.gets.length;
    server.sections.set("wishes", { version: 1, data: { work_kinds: ["job"] } });
    const heard = listen();
    await loadAllSections();
    await vi.waitFor(() => expect(heard).toEqual(["wishes"]));
    expect(server.gets.slice(fetched)).toEqual(["/api/v1/selfie", "/api/v1/selfie/sections/wishes"]);
  });
});

describe("saveSection", () => {
  it("keeps the draft and sends it (from the page where there is no Background Sync)", async () => {
    const heard = listen();
    await saveSection("basics", { display_name: "Sam" });
    expect(heard).toContain("basics");
    expect(await loadSection("basics")).toMatchObject({ data: { display_name: "Sam" } });
    await vi.waitFor(() => expect(server.syncRequests).toHaveLength(1));
    await vi.waitFor(async () => expect((await loadSection("basics")).state).toBe("synced"));
    expect(server.sections.get("basics")).toEqual({ version: 1, data: { display_name: "Sam" } });
  });

  it("keeps the draft offline, on this phone only, and survives a reload", async () => {
    server.offline = true;
    await saveSection("basics", { display_name: "Sam" });
    await vi.waitFor(async () => expect((await listOutbox())[0]?.attempts).toBe(1));
    await closeDb(); // a reload opens the database again
    expect(await loadSection("basics")).toMatchObject({ data: { display_name: "Sam" }, state: "local" });
    expect(await pendingCount()).toBe(1);
    server.offline = false;
    await flushNow();
    expect(await pendingCount()).toBe(0);
    expect(server.sections.get("basics")?.data).toEqual({ display_name: "Sam" });
  });

  it("does nothing when the data did not change", async () => {
    server.sections.set("basics", { version: 1, data: { display_name: "Sam" } });
    await loadSection("basics");
    await saveSection("basics", { display_name: "Sam" });
    expect(await getDraft("selfie:basics")).toBeUndefined();
    expect(await listOutbox()).toEqual([]);
  });

  it("asks the service worker through Background Sync where there is one", async () => {
    server.offline = true;
    const register = vi.fn(async () => undefined);
    vi.stubGlobal("SyncManager", function SyncManager() {
      // Only its presence matters: the browser has Background Sync.
    });
    const registration = { active: {}, sync: { register } };
    Object.defineProperty(navigator, "serviceWorker", {
      configurable: true,
      value: { getRegistration: vi.fn(async () => registration), addEventListener: vi.fn(), removeEventListener: vi.fn(), startMessages: vi.fn() },
    });
    try {
      await saveSection("basics", { display_name: "Sam" });
      await vi.waitFor(() => expect(register).toHaveBeenCalledWith("outbox"));
      expect(server.fetch).not.toHaveBeenCalled(); // the page leaves it to the worker
      // The worker reads the CSRF value from this copy when it has no cookieStore.
      expect(await getMeta("csrfCopy")).toBeDefined();
    } finally {
      Reflect.deleteProperty(navigator, "serviceWorker");
    }
  });
});

describe("scheduleSave and flushPendingSaves", () => {
  it("saves once after a pause in typing", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    scheduleSave("basics", { display_name: "S" });
    scheduleSave("basics", { display_name: "Sa" });
    scheduleSave("basics", { display_name: "Sam" });
    expect(await pendingCount()).toBe(1);
    expect(await getDraft("selfie:basics")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(399);
    expect(await getDraft("selfie:basics")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await vi.waitFor(async () => expect((await getDraft("selfie:basics"))?.data ?? (await getServerSection("basics"))?.data).toEqual({ display_name: "Sam" }));
    await vi.waitFor(() => expect(server.syncRequests).toHaveLength(1));
    expect(server.syncRequests[0]?.[0]?.data).toEqual({ display_name: "Sam" });
  });

  it("saves what waits at once when asked (the next button)", async () => {
    server.offline = true;
    scheduleSave("basics", { display_name: "Sam" });
    scheduleSave("wishes", { work_kinds: ["job"] });
    await flushPendingSaves();
    expect((await getDraft("selfie:basics"))?.data).toEqual({ display_name: "Sam" });
    expect((await getDraft("selfie:wishes"))?.data).toEqual({ work_kinds: ["job"] });
  });
});

describe("typing that IndexedDB does not have yet", () => {
  const KEY = "zelf-aan-het-werk:unstored";
  const kept = () => JSON.parse(localStorage.getItem(KEY) ?? "null") as unknown;

  it("is kept in localStorage at once, until IndexedDB has it", async () => {
    server.offline = true;
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    scheduleSave("basics", { display_name: "No" });
    scheduleSave("basics", { display_name: "Noor" });
    expect(kept()).toEqual({ basics: { display_name: "Noor" } });
    await vi.advanceTimersByTimeAsync(400);
    vi.useRealTimers();
    await flushPendingSaves();
    expect((await getDraft("selfie:basics"))?.data).toEqual({ display_name: "Noor" });
    expect(kept()).toBeNull();
  });

  it("is stored by the next page when the page went before the save (a reload, a closed app)", async () => {
    server.offline = true;
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    scheduleSave("basics", { display_name: "Noor" });
    vi.clearAllTimers(); // the page is gone: its debounced save never runs
    vi.useRealTimers();
    expect(await getDraft("selfie:basics")).toBeUndefined();

    vi.resetModules();
    const nextPage = await import("./selfie-sync");
    expect(await nextPage.loadSection("basics")).toMatchObject({ data: { display_name: "Noor" }, state: "local" });
    expect(await listOutbox()).toMatchObject([{ section: "basics", body: { display_name: "Noor" } }]);
    expect(kept()).toBeNull();
  });

  it("goes with the rest of the person's data at logout", async () => {
    scheduleSave("basics", { display_name: "Noor" });
    expect(kept()).not.toBeNull();
    await clearLocalData();
    expect(kept()).toBeNull();
  });
});

describe("conflicts", () => {
  async function conflictOnDisplayName() {
    server.sections.set("basics", { version: 1, data: { display_name: "Sam", phone: "1" } });
    await loadSection("basics");
    server.offline = true;
    await saveSection("basics", { display_name: "Samira", phone: "1" });
    server.sections.set("basics", { version: 2, data: { display_name: "Sammy", phone: "2" } });
    server.offline = false;
    await flushNow();
  }

  it("shows both values of a field both changed, and takes fields only one side changed", async () => {
    await conflictOnDisplayName();
    const section = await loadSection("basics");
    expect(section).toMatchObject({
      state: "conflict",
      data: { display_name: "Samira", phone: "2" },
      serverVersion: 2,
      conflicts: [{ path: "basics.display_name", mine: "Samira", theirs: "Sammy" }],
    });
    expect(Object.keys(section.conflicts[0] ?? {})).toEqual(["path", "mine", "theirs"]);
  });

  it("writes the person's choice on the server's version", async () => {
    await conflictOnDisplayName();
    await resolveConflicts("basics", { "basics.display_name": "mine" });
    await vi.waitFor(async () => expect((await loadSection("basics")).state).toBe("synced"));
    expect(server.sections.get("basics")).toEqual({ version: 3, data: { display_name: "Samira", phone: "2" } });
  });

  it("keeps a conflict open until every field has a choice", async () => {
    server.sections.set("basics", { version: 1, data: { display_name: "Sam", phone: "1" } });
    await loadSection("basics");
    server.offline = true;
    await saveSection("basics", { display_name: "Samira", phone: "3" });
    server.sections.set("basics", { version: 2, data: { display_name: "Sammy", phone: "2" } });
    server.offline = false;
    await flushNow();
    expect((await loadSection("basics")).conflicts).toHaveLength(2);
    await resolveConflicts("basics", { "basics.phone": "theirs" });
    const half = await loadSection("basics");
    expect(half).toMatchObject({ state: "conflict", data: { phone: "2" }, conflicts: [{ path: "basics.display_name" }] });
    expect(await listOutbox()).toEqual([]);
    await resolveConflicts("basics", { "basics.display_name": "theirs" });
    await vi.waitFor(() => expect(server.sections.get("basics")?.version).toBe(3));
    expect(server.sections.get("basics")?.data).toEqual({ display_name: "Sammy", phone: "2" });
  });

  it("lets an edit during the conflict settle it", async () => {
    await conflictOnDisplayName();
    await saveSection("basics", { display_name: "Sammy", phone: "2" });
    expect((await loadSection("basics")).state).not.toBe("conflict");
    await vi.waitFor(() => expect(server.sections.get("basics")?.version).toBe(3));
  });
});

describe("startSync", () => {
  it("sends what waits at start and when the connection returns (no SyncManager here)", async () => {
    server.offline = true;
    await saveSection("basics", { display_name: "Sam" });
    await vi.waitFor(async () => expect((await listOutbox())[0]?.attempts).toBe(1));
    server.offline = false;
    stops.push(startSync());
    await vi.waitFor(() => expect(server.syncRequests).toHaveLength(1));
    server.offline = true;
    await saveSection("wishes", { work_kinds: ["job"] });
    await vi.waitFor(async () => expect((await listOutbox())[0]?.attempts).toBe(1));
    server.offline = false;
    window.dispatchEvent(new Event("online"));
    await vi.waitFor(() => expect(server.syncRequests).toHaveLength(2));
  });

  it("passes on what the service worker says it changed", async () => {
    const messages = new EventTarget();
    Object.defineProperty(navigator, "serviceWorker", {
      configurable: true,
      value: Object.assign(messages, { startMessages: vi.fn(), getRegistration: vi.fn(async () => undefined) }),
    });
    try {
      const heard = listen();
      stops.push(startSync());
      const event = new MessageEvent("message", { data: { type: "outbox-flushed", sections: ["skills", "nope"], nextRetryAt: null } });
      messages.dispatchEvent(event);
      expect(heard).toContain("skills");
      expect(heard).not.toContain("nope");
    } finally {
      Reflect.deleteProperty(navigator, "serviceWorker");
    }
  });
});

describe("clearLocalData", () => {
  it("removes this person's drafts, outbox, copies, meta and personal caches", async () => {
    server.offline = true;
    await saveSection("basics", { display_name: "Sam" });
    await setMeta("lastBackgroundSync", { at: 1, sent: 1, accepted: 1, remaining: 0 });
    expect(await lastBackgroundSync()).toMatchObject({ sent: 1 });
    const deleted: string[] = [];
    vi.stubGlobal("caches", {
      keys: async () => ["workbox-precache-v2-https://x/", "taxonomy", "personal-api"],
      delete: async (name: string) => {
        deleted.push(name);
        return true;
      },
    });
    scheduleSave("wishes", { work_kinds: ["job"] });
    await clearLocalData();
    expect(deleted).toEqual(["personal-api"]);
    expect(await pendingCount()).toBe(0);
    expect(await getDraft("selfie:basics")).toBeUndefined();
    expect(await listOutbox()).toEqual([]);
    expect(await lastBackgroundSync()).toBeUndefined();
    // The cancelled typing is not saved afterwards.
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await getDraft("selfie:wishes")).toBeUndefined();
  });
});

describe("flushPendingSaves and a save already on its way", () => {
  it("waits for a debounced save that started just before", async () => {
    server.offline = true;
    const heard = listen();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    scheduleSave("basics", { display_name: "Sam" });
    vi.advanceTimersByTime(400); // the save starts, its IndexedDB work is not done yet
    vi.useRealTimers();
    await flushPendingSaves();
    // Done means stored and announced, so a screen that reads now sees it.
    expect(heard).toEqual(["basics"]);
    expect((await getDraft("selfie:basics"))?.data).toEqual({ display_name: "Sam" });
  });
});

describe("claimLocalData", () => {
  it("keeps the data of the same person and clears another person's", async () => {
    expect(await claimLocalData(7)).toBe(false);
    server.offline = true;
    await saveSection("basics", { display_name: "Sam" });
    expect(await claimLocalData(7)).toBe(false);
    expect(await pendingCount()).toBe(1);
    // Sam's session ended without a logout; Kim logs in on the same phone.
    expect(await claimLocalData(8)).toBe(true);
    expect(await pendingCount()).toBe(0);
    expect(await listOutbox()).toEqual([]);
    expect(await claimLocalData(8)).toBe(false);
  });
});
