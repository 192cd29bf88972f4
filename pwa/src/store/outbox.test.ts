import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getMeta, setMeta } from "./db";
import { getDraft, putDraft, putServerSection } from "./drafts";
import {
  FIRST_RETRY_MS,
  MAX_RETRY_MS,
  changeSection,
  clearPersonalData,
  countOutbox,
  enqueue,
  listOutbox,
  markAttempted,
  removeItems,
  retryDelay,
  updateItems,
  type NewWrite,
} from "./outbox";
import { getDb } from "./db";
import { useFreshIndexedDb } from "./testing";

beforeEach(useFreshIndexedDb);
afterEach(closeDb);

const write = (section: string, body: unknown, baseVersion = 0): NewWrite => ({
  method: "PUT",
  path: `/selfie/sections/${section}`,
  body,
  section,
  baseVersion,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("enqueue", () => {
  it("keeps writes in the order they were made, each with its own UUID key", async () => {
    await enqueue(write("basics", { a: 1 }), 30);
    await enqueue(write("skills", { b: 1 }), 10);
    await enqueue(write("wishes", { c: 1 }), 20);
    const items = await listOutbox();
    expect(items.map((i) => i.section)).toEqual(["basics", "skills", "wishes"]);
    expect(items.map((i) => i.attempts)).toEqual([0, 0, 0]);
    for (const item of items) expect(item.idempotencyKey).toMatch(UUID);
    expect(new Set(items.map((i) => i.idempotencyKey)).size).toBe(3);
  });

  it("coalesces a new edit into the section's write that was never attempted", async () => {
    const first = await enqueue(write("basics", { display_name: "S" }, 4));
    await enqueue(write("skills", { x: 1 }));
    const second = await enqueue(write("basics", { display_name: "Sam" }, 4));
    const items = await listOutbox();
    expect(items).toHaveLength(2);
    expect(second.id).toBe(first.id);
    expect(second.idempotencyKey).toBe(first.idempotencyKey);
    // It keeps its place in the queue.
    expect(items[0]).toMatchObject({ section: "basics", body: { display_name: "Sam" }, baseVersion: 4 });
  });

  it("never changes a write that was attempted: the edit becomes a new write on the next version", async () => {
    const first = await enqueue(write("basics", { display_name: "S" }, 4));
    const [attempted] = await markAttempted([first.id as number]);
    await enqueue(write("basics", { display_name: "Sa" }, 4));
    await enqueue(write("basics", { display_name: "Sam" }, 4));
    const items = await listOutbox();
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual(attempted);
    expect(items[0]).toMatchObject({ body: { display_name: "S" }, attempts: 1, baseVersion: 4 });
    expect(items[1]).toMatchObject({ body: { display_name: "Sam" }, attempts: 0, baseVersion: 5 });
    expect(items[1]?.idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it("does not coalesce writes that are not section writes", async () => {
    const other: NewWrite = { method: "POST", path: "/checkins", body: { mood: 3 } };
    await enqueue(other);
    await enqueue(other);
    expect(await countOutbox()).toBe(2);
  });
});

describe("retries", () => {
  it("counts attempts and keeps the key and the body on every retry", async () => {
    const item = await enqueue(write("basics", { display_name: "Sam" }));
    const once = await markAttempted([item.id as number]);
    const twice = await markAttempted([item.id as number]);
    expect(once[0]?.attempts).toBe(1);
    expect(twice[0]).toMatchObject({ attempts: 2, idempotencyKey: item.idempotencyKey, body: { display_name: "Sam" } });
  });

  it("returns the body as stored when it counts the attempt (a coalesced edit that just landed goes out)", async () => {
    const item = await enqueue(write("basics", { display_name: "S" }));
    await enqueue(write("basics", { display_name: "Sam" }));
    const [sent] = await markAttempted([item.id as number]);
    expect(sent?.body).toEqual({ display_name: "Sam" });
  });

  it("leaves out items that are gone", async () => {
    const item = await enqueue(write("basics", {}));
    await removeItems([item.id as number]);
    expect(await markAttempted([item.id as number, 999])).toEqual([]);
  });

  it("stores a back-off and the last error", async () => {
    const item = await enqueue(write("basics", {}));
    await updateItems([item.id as number, 12345], { retryAt: 5000, lastError: "network" });
    expect((await listOutbox())[0]).toMatchObject({ retryAt: 5000, lastError: "network" });
  });

  it("backs off exponentially, at most 5 minutes, and honours Retry-After", () => {
    expect(retryDelay(1)).toBe(FIRST_RETRY_MS);
    expect(retryDelay(2)).toBe(2 * FIRST_RETRY_MS);
    expect(retryDelay(3)).toBe(4 * FIRST_RETRY_MS);
    expect(retryDelay(30)).toBe(MAX_RETRY_MS);
    expect(retryDelay(0)).toBe(FIRST_RETRY_MS);
    expect(retryDelay(3, 120)).toBe(120_000);
    expect(retryDelay(3, 0)).toBe(1_000);
  });
});

describe("changeSection", () => {
  it("changes the draft, the server copy and the outbox in one go", async () => {
    await putServerSection({ name: "basics", version: 2, status: "draft", missing: [], data: { a: 1 }, derived: {}, fetchedAt: 1 });
    const change = await changeSection("basics", "selfie:basics", ({ draft, server, items }) => {
      expect(draft).toBeUndefined();
      expect(server?.version).toBe(2);
      expect(items).toEqual([]);
      return {
        draft: { key: "selfie:basics", data: { a: 2 }, base: server?.data, baseVersion: 2, updatedAt: 1 },
        write: { body: { a: 2 }, baseVersion: 2 },
      };
    });
    expect(change?.write).toBeDefined();
    expect((await getDraft("selfie:basics"))?.data).toEqual({ a: 2 });
    expect(await listOutbox()).toMatchObject([
      { method: "PUT", path: "/selfie/sections/basics", section: "basics", baseVersion: 2, body: { a: 2 }, attempts: 0 },
    ]);
  });

  it("shows only the section's own writes, and coalesces like enqueue", async () => {
    await enqueue(write("skills", { s: 1 }));
    const first = await enqueue(write("basics", { a: 1 }, 1));
    await changeSection("basics", "selfie:basics", ({ items }) => {
      expect(items.map((i) => i.id)).toEqual([first.id]);
      return { write: { body: { a: 2 }, baseVersion: 1 } };
    });
    expect((await listOutbox()).map((i) => [i.section, i.body])).toEqual([
      ["skills", { s: 1 }],
      ["basics", { a: 2 }],
    ]);
  });

  it("changes nothing when the decision is null", async () => {
    await putDraft({ key: "selfie:basics", data: { a: 1 }, baseVersion: 0, updatedAt: 1 });
    expect(await changeSection("basics", "selfie:basics", () => null)).toBeNull();
    expect((await getDraft("selfie:basics"))?.data).toEqual({ a: 1 });
  });

  it("deletes the draft and removes items when asked, and keeps the newer server copy", async () => {
    await putDraft({ key: "selfie:basics", data: { a: 1 }, baseVersion: 0, updatedAt: 1 });
    await putServerSection({ name: "basics", version: 5, status: "draft", missing: [], data: { v: 5 }, derived: {}, fetchedAt: 1 });
    const item = await enqueue(write("basics", { a: 1 }));
    await changeSection("basics", "selfie:basics", () => ({
      draft: null,
      removeItems: [item.id as number],
      server: { name: "basics", version: 4, status: "draft", missing: [], data: { v: 4 }, derived: {}, fetchedAt: 2 },
    }));
    expect(await getDraft("selfie:basics")).toBeUndefined();
    expect(await countOutbox()).toBe(0);
    expect((await (await getDb()).get("sections", "basics"))?.version).toBe(5);
  });

  it("leaves everything as it was when the decision throws", async () => {
    await putDraft({ key: "selfie:basics", data: { a: 1 }, baseVersion: 0, updatedAt: 1 });
    await expect(
      changeSection("basics", "selfie:basics", () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await getDraft("selfie:basics"))?.data).toEqual({ a: 1 });
    expect(await countOutbox()).toBe(0);
  });
});

describe("clearPersonalData", () => {
  it("removes drafts, outbox, server copies and meta, and keeps the occupation list", async () => {
    await putDraft({ key: "selfie:basics", data: {}, baseVersion: 0, updatedAt: 1 });
    await enqueue(write("basics", {}));
    await putServerSection({ name: "basics", version: 1, status: "empty", missing: [], data: {}, derived: {}, fetchedAt: 1 });
    await setMeta("user", { id: 1 });
    const db = await getDb();
    await db.put("occupations", { lang: "nl", etag: '"x"', lastModified: null, checkedAt: 1, occupations: [] });
    await clearPersonalData();
    expect(await db.count("drafts")).toBe(0);
    expect(await db.count("outbox")).toBe(0);
    expect(await db.count("sections")).toBe(0);
    expect(await getMeta("user")).toBeUndefined();
    expect(await db.get("occupations", "nl")).toBeDefined();
  });
});
