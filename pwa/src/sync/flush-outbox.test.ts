import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Section, SectionData } from "../api/selfie";
import { closeDb, type OutboxItem } from "../store/db";
import { getDraft, getServerSection, putServerSection } from "../store/drafts";
import { changeSection, enqueue, listOutbox, markAttempted, updateItems } from "../store/outbox";
import { useFreshIndexedDb } from "../store/testing";
import { MAX_BATCH, flushOutbox, isDue, nextBatch } from "./flush-outbox";
import { resolveDecision, saveDecision } from "./selfie-sync";

interface Operation {
  key: string;
  section: string;
  base_version: number;
  data: SectionData;
}

/**
 * The server side of POST /sync as docs/selfie.md describes it: versions, 412 with the
 * current copy, idempotency keys with replay. Tests can answer differently per call.
 */
class FakeServer {
  sections = new Map<string, { version: number; data: SectionData }>();
  keys = new Map<string, { request: string; result: unknown }>();
  requests: Operation[][] = [];
  headers: Array<Record<string, string>> = [];
  /** Answer the next /sync request yourself (a Response, or an Error to fail the fetch). */
  next: Array<(ops: Operation[]) => Response | Error | Promise<Response | Error>> = [];

  section(name: string): Section {
    const stored = this.sections.get(name) ?? { version: 0, data: {} };
    return { name: name as Section["name"], version: stored.version, status: "draft", missing: [], data: stored.data, derived: {} };
  }

  apply(op: Operation): Record<string, unknown> {
    const request = JSON.stringify([op.section, op.base_version, op.data]);
    const known = this.keys.get(op.key);
    if (known) {
      if (known.request !== request) return { key: op.key, section: op.section, status: 422, replayed: false, result: null, error: { code: "idempotency_key_reused", message: "reused" } };
      return { ...(known.result as object), replayed: true };
    }
    const current = this.sections.get(op.section) ?? { version: 0, data: {} };
    if (current.version !== op.base_version) {
      return { key: op.key, section: op.section, status: 412, replayed: false, result: this.section(op.section), error: { code: "version_conflict", message: "stale" } };
    }
    this.sections.set(op.section, { version: current.version + 1, data: structuredClone(op.data) });
    const result = { key: op.key, section: op.section, status: 200, replayed: false, result: this.section(op.section), error: null };
    this.keys.set(op.key, { request, result });
    return result;
  }

  fetch = vi.fn(async (url: string, init: RequestInit): Promise<Response> => {
    if (url !== "/api/v1/sync") throw new Error(`unexpected fetch ${url}`);
    const ops = (JSON.parse(init.body as string) as { operations: Operation[] }).operations;
    this.requests.push(ops);
    this.headers.push(init.headers as Record<string, string>);
    const custom = this.next.shift();
    if (custom) {
      const answer = await custom(ops);
      if (answer instanceof Error) throw answer;
      return answer;
    }
    return json(200, { results: ops.map((op) => this.apply(op)) });
  });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

let server: FakeServer;

beforeEach(async () => {
  await useFreshIndexedDb();
  server = new FakeServer();
  vi.stubGlobal("fetch", server.fetch);
  document.cookie = "__Host-csrf-access=csrf-1; Secure; Path=/";
});

afterEach(async () => {
  await closeDb();
  document.cookie = "__Host-csrf-access=; Secure; Path=/; Max-Age=0";
});

/** What the page does on an edit (selfie-sync.saveSection without the flush request). */
async function edit(name: string, data: SectionData): Promise<void> {
  await changeSection(name, `selfie:${name}`, saveDecision(name as Section["name"], data, Date.now()));
}

/** The server and this phone both have `data` at `version`. */
async function known(name: string, version: number, data: SectionData): Promise<void> {
  server.sections.set(name, { version, data });
  await putServerSection({ ...server.section(name), derived: {}, fetchedAt: 1 });
}

describe("flushOutbox: 2xx", () => {
  it("sends a section write as a sync operation and forgets the draft once it is on the server", async () => {
    await edit("basics", { display_name: "Sam" });
    const result = await flushOutbox("start");
    expect(server.requests).toHaveLength(1);
    const [op] = server.requests[0] ?? [];
    expect(op).toMatchObject({ section: "basics", base_version: 0, data: { display_name: "Sam" } });
    expect(op?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.headers[0]?.["X-CSRF-TOKEN"]).toBe("csrf-1");
    expect(result).toMatchObject({ sent: 1, accepted: 1, sections: ["basics"], remaining: 0, stopped: null });
    expect(await listOutbox()).toEqual([]);
    expect(await getDraft("selfie:basics")).toBeUndefined();
    expect(await getServerSection("basics")).toMatchObject({ version: 1, data: { display_name: "Sam" } });
  });

  it("bases the first write of a section on 0, and a later one on the known version", async () => {
    await known("skills", 7, { entries: [] });
    await edit("skills", { entries: [{ skill_id: "s1", level: 2 }] });
    await edit("wishes", { work_kinds: ["job"] });
    await flushOutbox();
    expect(server.requests[0]?.map((op) => [op.section, op.base_version])).toEqual([
      ["skills", 7],
      ["wishes", 0],
    ]);
    expect(server.sections.get("skills")?.version).toBe(8);
  });

  it("keeps a draft typed while the write was on its way, and sends it next on the new version", async () => {
    await edit("basics", { display_name: "S" });
    server.next.push(async (ops) => {
      await edit("basics", { display_name: "Sam" }); // typing goes on meanwhile
      return json(200, { results: ops.map((op) => server.apply(op)) });
    });
    const result = await flushOutbox();
    expect(server.requests.map((ops) => ops.map((op) => [op.base_version, op.data]))).toEqual([
      [[0, { display_name: "S" }]],
      [[1, { display_name: "Sam" }]],
    ]);
    expect(result).toMatchObject({ sent: 2, accepted: 2, remaining: 0 });
    expect(await getDraft("selfie:basics")).toBeUndefined();
    expect(server.sections.get("basics")).toEqual({ version: 2, data: { display_name: "Sam" } });
  });

  it("keeps the draft (with the new base) while a newer edit still waits", async () => {
    await edit("basics", { display_name: "S" });
    server.next.push(async (ops) => {
      await edit("basics", { display_name: "Sam" });
      return json(200, { results: ops.map((op) => server.apply(op)) });
    });
    server.next.push(() => new TypeError("Failed to fetch"));
    await flushOutbox();
    expect(await getDraft("selfie:basics")).toMatchObject({
      data: { display_name: "Sam" },
      base: { display_name: "S" },
      baseVersion: 1,
      state: "local",
    });
    expect(await listOutbox()).toMatchObject([{ baseVersion: 1, body: { display_name: "Sam" }, attempts: 1 }]);
  });

  it("sends writes in the order they were made, one request for many sections", async () => {
    await edit("wishes", { work_kinds: ["job"] });
    await edit("basics", { display_name: "Sam" });
    await edit("location", { postcode: "1011" });
    await flushOutbox();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.map((op) => op.section)).toEqual(["wishes", "basics", "location"]);
  });
});

describe("flushOutbox: 412", () => {
  it("merges fields only one side changed and writes the result on the new version", async () => {
    await known("basics", 1, { display_name: "Sam", phone: "0611111111" });
    await edit("basics", { display_name: "Samira", phone: "0611111111" });
    // Another phone changed the phone number meanwhile.
    server.sections.set("basics", { version: 2, data: { display_name: "Sam", phone: "0622222222" } });
    const result = await flushOutbox();
    expect(server.requests).toHaveLength(2);
    const [first] = server.requests[0] ?? [];
    const [second] = server.requests[1] ?? [];
    expect(second).toMatchObject({ base_version: 2, data: { display_name: "Samira", phone: "0622222222" } });
    expect(second?.key).not.toBe(first?.key);
    expect(server.sections.get("basics")).toEqual({ version: 3, data: { display_name: "Samira", phone: "0622222222" } });
    expect(result).toMatchObject({ sent: 2, accepted: 1, remaining: 0, sections: ["basics"] });
    expect(await getDraft("selfie:basics")).toBeUndefined();
  });

  it("forgets the draft when the server already has every change", async () => {
    await known("basics", 1, { display_name: "Sam" });
    await edit("basics", { display_name: "Samira" });
    server.sections.set("basics", { version: 2, data: { display_name: "Samira" } });
    await flushOutbox();
    expect(server.requests).toHaveLength(1);
    expect(await getDraft("selfie:basics")).toBeUndefined();
    expect(await getServerSection("basics")).toMatchObject({ version: 2 });
  });

  it("waits for the person's choice when both changed a field, then writes their choice", async () => {
    await known("basics", 1, { display_name: "Sam", phone: "0611111111" });
    await edit("basics", { display_name: "Samira", phone: "0611111111" });
    server.sections.set("basics", { version: 2, data: { display_name: "Sammy", phone: "0622222222" } });
    const result = await flushOutbox();
    expect(server.requests).toHaveLength(1);
    expect(result).toMatchObject({ remaining: 0, sections: ["basics"] });
    expect(await listOutbox()).toEqual([]);
    const draft = await getDraft("selfie:basics");
    expect(draft).toMatchObject({
      state: "conflict",
      baseVersion: 2,
      base: { display_name: "Sammy", phone: "0622222222" },
      data: { display_name: "Samira", phone: "0622222222" },
      conflicts: [{ path: "basics.display_name", segments: ["display_name"], mine: "Samira", theirs: "Sammy" }],
    });
    // Nothing goes out while the choice is open.
    await flushOutbox();
    expect(server.requests).toHaveLength(1);

    await changeSection("basics", "selfie:basics", resolveDecision("basics", { "basics.display_name": "theirs" }, 5));
    await flushOutbox();
    expect(server.requests[1]).toMatchObject([{ base_version: 2, data: { display_name: "Sammy", phone: "0622222222" } }]);
    expect(server.sections.get("basics")?.version).toBe(3);
    expect(await getDraft("selfie:basics")).toBeUndefined();
  });

  it("merges experience entries by id: both sides' entries stay", async () => {
    const cook = { id: "e1", title: "Kok", kind: "paid" };
    await known("experience", 3, { entries: [cook] });
    await edit("experience", { entries: [cook, { id: "e2", title: "Mantelzorg", kind: "informal" }] });
    server.sections.set("experience", { version: 4, data: { entries: [{ ...cook, start: "2019-01" }] } });
    await flushOutbox();
    expect(server.sections.get("experience")).toEqual({
      version: 5,
      data: { entries: [{ ...cook, start: "2019-01" }, { id: "e2", title: "Mantelzorg", kind: "informal" }] },
    });
  });
});

describe("flushOutbox: 422", () => {
  it("keeps the draft with the server's field errors and stops sending it", async () => {
    await edit("basics", { display_name: "Sam", phone: "abc" });
    server.next.push((ops) =>
      json(200, {
        results: ops.map((op) => ({
          key: op.key,
          section: op.section,
          status: 422,
          replayed: false,
          result: null,
          error: { code: "validation_error", message: "Check", errors: { "basics.phone": ["Use digits."] } },
        })),
      }),
    );
    const result = await flushOutbox();
    expect(result).toMatchObject({ sent: 1, accepted: 0, remaining: 0, sections: ["basics"] });
    expect(await listOutbox()).toEqual([]);
    expect(await getDraft("selfie:basics")).toMatchObject({
      data: { display_name: "Sam", phone: "abc" },
      state: "invalid",
      errors: { "basics.phone": ["Use digits."] },
    });
    // The next edit goes out again, on the same base (the refused write changed nothing).
    await edit("basics", { display_name: "Sam", phone: "0612345678" });
    await flushOutbox();
    expect(server.requests[1]).toMatchObject([{ base_version: 0, data: { phone: "0612345678" } }]);
    expect(await getDraft("selfie:basics")).toBeUndefined();
  });

  it("puts the message under the section when the error names no field", async () => {
    await edit("basics", { display_name: "Sam" });
    server.next.push((ops) =>
      json(200, { results: ops.map((op) => ({ key: op.key, section: op.section, status: 428, replayed: false, result: null, error: { code: "x", message: "Precondition required" } })) }),
    );
    await flushOutbox();
    expect((await getDraft("selfie:basics"))?.errors).toEqual({ basics: ["Precondition required"] });
  });
});

describe("flushOutbox: a reused Idempotency-Key", () => {
  it("sends the draft again under a new key instead of showing a wrong field", async () => {
    await edit("basics", { display_name: "Sam" });
    const [item] = await listOutbox();
    // The server already holds this key with another body (it should never happen).
    server.keys.set(item?.idempotencyKey as string, { request: "something else", result: {} });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await flushOutbox();
    expect(error).toHaveBeenCalledOnce();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.[0]?.key).not.toBe(item?.idempotencyKey);
    expect(server.sections.get("basics")).toEqual({ version: 1, data: { display_name: "Sam" } });
    expect(await getDraft("selfie:basics")).toBeUndefined();
  });
});

describe("flushOutbox: failures keep everything", () => {
  it("keeps the write on a network error, backs off, and retries with the same key and body", async () => {
    await edit("basics", { display_name: "Sam" });
    server.next.push(() => new TypeError("Failed to fetch"));
    const before = Date.now();
    const result = await flushOutbox("save");
    expect(result).toMatchObject({ sent: 0, remaining: 1, stopped: "network" });
    const [item] = await listOutbox();
    expect(item).toMatchObject({ attempts: 1, lastError: "network" });
    expect(item?.retryAt).toBeGreaterThanOrEqual(before + 2_000);
    expect(result.nextRetryAt).toBe(item?.retryAt);

    // Another edit meanwhile does not touch the attempted write.
    await edit("basics", { display_name: "Samira" });
    // A save during the back-off sends nothing ...
    await flushOutbox("save");
    expect(server.requests).toHaveLength(1);
    // ... the connection coming back does, the same write first, alone.
    await flushOutbox("online");
    expect(server.requests).toHaveLength(3);
    expect(server.requests[1]).toEqual(server.requests[0]);
    expect(server.requests[2]).toMatchObject([{ base_version: 1, data: { display_name: "Samira" } }]);
    expect(server.sections.get("basics")).toEqual({ version: 2, data: { display_name: "Samira" } });
  });

  it("gets the stored answer when the first attempt did reach the server (replay)", async () => {
    await edit("basics", { display_name: "Sam" });
    server.next.push((ops) => {
      for (const op of ops) server.apply(op); // stored, but the answer is lost
      return new TypeError("Failed to fetch");
    });
    await flushOutbox();
    await flushOutbox("online");
    expect(server.sections.get("basics")?.version).toBe(1);
    expect(await listOutbox()).toEqual([]);
    expect(await getDraft("selfie:basics")).toBeUndefined();
  });

  it("honours Retry-After on a 503, even when the connection comes back", async () => {
    await edit("basics", { display_name: "Sam" });
    server.next.push(() => json(503, { code: "unavailable", message: "busy" }, { "Retry-After": "120" }));
    const before = Date.now();
    const result = await flushOutbox();
    expect(result.stopped).toBe("server");
    const [item] = await listOutbox();
    expect(item?.lastError).toBe("server");
    expect(item?.retryAt).toBeGreaterThanOrEqual(before + 120_000);
    await flushOutbox("online");
    expect(server.requests).toHaveLength(1);
  });

  it("backs off longer after every failed attempt", async () => {
    await edit("basics", { display_name: "Sam" });
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      server.next.push(() => json(500, { code: "x", message: "x" }));
      const start = Date.now();
      await flushOutbox();
      const [item] = await listOutbox();
      delays.push((item?.retryAt ?? 0) - start);
      await updateItems([item?.id as number], { retryAt: 0 }); // as if the time passed
    }
    expect(delays[0]).toBeGreaterThanOrEqual(2_000);
    expect(delays[1]).toBeGreaterThanOrEqual(4_000);
    expect(delays[2]).toBeGreaterThanOrEqual(8_000);
    expect(delays[2]).toBeLessThan(9_000);
    expect(new Set(server.requests.map((ops) => ops[0]?.key)).size).toBe(1);
  });

  it("keeps everything and stops on a 401 the refresh cannot fix", async () => {
    await edit("basics", { display_name: "Sam" });
    document.cookie = "__Host-csrf-refresh=r-1; Secure; Path=/";
    const calls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        calls.push(url);
        return json(401, { code: "not_logged_in", message: "Log in" });
      }),
    );
    const result = await flushOutbox();
    expect(calls).toEqual(["/api/v1/sync", "/api/v1/auth/refresh"]);
    expect(result).toMatchObject({ stopped: "auth", remaining: 1, nextRetryAt: null });
    expect(await listOutbox()).toMatchObject([{ lastError: "auth", attempts: 1, body: { display_name: "Sam" } }]);
    expect((await getDraft("selfie:basics"))?.data).toEqual({ display_name: "Sam" });
    document.cookie = "__Host-csrf-refresh=; Secure; Path=/; Max-Age=0";
  });

  it("retries one operation the server could not do (5xx), and applies the others", async () => {
    await edit("basics", { display_name: "Sam" });
    await edit("wishes", { work_kinds: ["job"] });
    server.next.push((ops) =>
      json(200, {
        results: ops.map((op) =>
          op.section === "wishes"
            ? { key: op.key, section: op.section, status: 503, replayed: false, result: null, error: { message: "later" } }
            : server.apply(op),
        ),
      }),
    );
    const result = await flushOutbox();
    expect(result).toMatchObject({ sent: 1, accepted: 1, remaining: 1 });
    expect(await listOutbox()).toMatchObject([{ section: "wishes", attempts: 1, lastError: "server" }]);
  });

  it("sends nothing while the browser is offline", async () => {
    await edit("basics", { display_name: "Sam" });
    vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    const result = await flushOutbox("online");
    expect(result).toMatchObject({ stopped: "offline", remaining: 1 });
    expect(server.fetch).not.toHaveBeenCalled();
    expect((await listOutbox())[0]?.attempts).toBe(0);
  });
});

describe("flushOutbox: one at a time", () => {
  it("never sends a write twice when two flushes start together", async () => {
    await edit("basics", { display_name: "Sam" });
    await Promise.all([flushOutbox(), flushOutbox(), flushOutbox()]);
    expect(server.requests).toHaveLength(1);
  });

  it("uses the Web Locks API where there is one", async () => {
    const request = vi.fn((_name: string, task: () => Promise<unknown>) => task());
    vi.stubGlobal("navigator", { onLine: true, locks: { request } });
    await edit("basics", { display_name: "Sam" });
    await flushOutbox();
    expect(request).toHaveBeenCalledWith("zelf-aan-het-werk:outbox", expect.any(Function));
    expect(server.requests).toHaveLength(1);
  });
});

describe("flushOutbox: other writes", () => {
  it("sends a write that is not a section on its own, with its Idempotency-Key", async () => {
    const item = await enqueue({ method: "POST", path: "/checkins", body: { mood: 4 } });
    const calls: Array<[string, RequestInit]> = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push([url, init]);
        return json(201, { id: 1 });
      }),
    );
    const result = await flushOutbox();
    expect(calls[0]?.[0]).toBe("/api/v1/checkins");
    expect((calls[0]?.[1].headers as Record<string, string>)["Idempotency-Key"]).toBe(item.idempotencyKey);
    expect(result).toMatchObject({ sent: 1, accepted: 1, remaining: 0 });
  });

  it("keeps a write the server refused for good, but does not send it again", async () => {
    await enqueue({ method: "POST", path: "/checkins", body: {} });
    const fetchMock = vi.fn(async () => json(400, { code: "bad", message: "bad" }));
    vi.stubGlobal("fetch", fetchMock);
    await flushOutbox();
    const result = await flushOutbox();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await listOutbox()).toMatchObject([{ lastError: "refused" }]);
    expect(result.remaining).toBe(0);
  });
});

describe("nextBatch", () => {
  const item = (id: number, section: string | undefined, extra: Partial<OutboxItem> = {}): OutboxItem => {
    const base: OutboxItem = { id, method: "PUT", path: "/x", body: {}, idempotencyKey: `k${id}`, createdAt: id, attempts: 0, ...extra };
    if (section !== undefined) base.section = section;
    return base;
  };

  it("takes at most 100 writes, in order", () => {
    const items = Array.from({ length: 250 }, (_, i) => item(i + 1, `s${i}`));
    const batch = nextBatch(items, 0, "manual");
    expect(batch).toHaveLength(MAX_BATCH);
    expect(batch.map((i) => i.id)).toEqual(items.slice(0, 100).map((i) => i.id));
  });

  it("takes one write per section: the second waits for the first's answer", () => {
    const batch = nextBatch([item(1, "basics", { attempts: 1 }), item(2, "basics"), item(3, "skills")], 0, "manual");
    expect(batch.map((i) => i.id)).toEqual([1, 3]);
  });

  it("holds a section whose first write is backing off, but not the others", () => {
    const items = [item(1, "basics", { retryAt: 1000, lastError: "server" }), item(2, "basics"), item(3, "skills")];
    expect(nextBatch(items, 500, "manual").map((i) => i.id)).toEqual([3]);
    expect(nextBatch(items, 1000, "manual").map((i) => i.id)).toEqual([1, 3]);
  });

  it("sends another kind of write alone, in its place", () => {
    const items = [item(1, "basics"), item(2, undefined), item(3, "skills")];
    expect(nextBatch(items, 0, "manual").map((i) => i.id)).toEqual([1]);
    expect(nextBatch(items.slice(1), 0, "manual").map((i) => i.id)).toEqual([2]);
  });

  it("lets a network back-off end early when the connection may be back", () => {
    const waiting = item(1, "basics", { retryAt: 10_000, lastError: "network" });
    expect(isDue(waiting, 0, "save")).toBe(false);
    expect(isDue(waiting, 0, "timer")).toBe(false);
    for (const trigger of ["online", "sync", "start", "manual"] as const) expect(isDue(waiting, 0, trigger)).toBe(true);
    expect(isDue({ ...waiting, lastError: "server" }, 0, "online")).toBe(false);
    expect(isDue({ ...waiting, lastError: "refused", retryAt: undefined as never }, 0, "manual")).toBe(false);
  });
});

describe("markAttempted before the request", () => {
  it("counts an attempt even when the page dies during the request", async () => {
    await edit("basics", { display_name: "Sam" });
    server.next.push(() => new Promise<Response>(() => undefined)); // never answers
    void flushOutbox();
    await vi.waitFor(async () => expect((await listOutbox())[0]?.attempts).toBe(1));
    // A new edit now must not change the write that may be on the server.
    await edit("basics", { display_name: "Samira" });
    const items = await listOutbox();
    expect(items.map((i) => i.body)).toEqual([{ display_name: "Sam" }, { display_name: "Samira" }]);
    void markAttempted; // (the store's own tests cover markAttempted in detail)
  });
});
