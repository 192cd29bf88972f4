import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { DB_VERSION, closeDb, deleteMeta, getMeta, openAppDb, setMeta, type AppDb } from "./db";

let counter = 0;
const opened: AppDb[] = [];

async function freshDb(version?: number): Promise<AppDb> {
  counter += 1;
  const db = await openAppDb(`test-db-${counter}`, version);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await closeDb();
});

describe("openAppDb", () => {
  it("creates drafts, outbox and meta in version 1", async () => {
    const db = await freshDb(1);
    expect(db.version).toBe(1);
    expect([...db.objectStoreNames].sort()).toEqual(["drafts", "meta", "outbox"]);
    const tx = db.transaction(["drafts", "outbox", "meta"]);
    expect(tx.objectStore("drafts").keyPath).toBe("key");
    expect(tx.objectStore("outbox").keyPath).toBe("id");
    expect(tx.objectStore("outbox").autoIncrement).toBe(true);
    expect([...tx.objectStore("outbox").indexNames]).toEqual(["by_created"]);
    expect(tx.objectStore("meta").keyPath).toBeNull();
    await tx.done;
  });

  it("adds the occupation list (2) and the server copies of sections (3)", async () => {
    const db = await freshDb();
    expect(DB_VERSION).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual(["drafts", "meta", "occupations", "outbox", "sections"]);
    const tx = db.transaction(["occupations", "sections"]);
    expect(tx.objectStore("occupations").keyPath).toBe("lang");
    expect(tx.objectStore("sections").keyPath).toBe("name");
    await tx.done;
  });

  it("upgrades a version 1 database step by step, keeping drafts, outbox and meta", async () => {
    const old = await freshDb(1);
    const name = old.name;
    await old.put("drafts", { key: "selfie:basics", data: { display_name: "Sam" }, baseVersion: 2, updatedAt: 1 });
    await old.add("outbox", { method: "PUT", path: "/selfie/sections/basics", body: {}, idempotencyKey: "k", createdAt: 1, attempts: 1 });
    await old.put("meta", { id: 7 }, "user");
    old.close();
    const two = await openAppDb(name, 2);
    expect([...two.objectStoreNames]).toContain("occupations");
    expect([...two.objectStoreNames]).not.toContain("sections");
    two.close();
    const current = await openAppDb(name);
    opened.push(current);
    expect(current.version).toBe(DB_VERSION);
    expect(await current.get("drafts", "selfie:basics")).toMatchObject({ data: { display_name: "Sam" }, baseVersion: 2 });
    expect(await current.getAll("outbox")).toMatchObject([{ idempotencyKey: "k", attempts: 1 }]);
    expect(await current.get("meta", "user")).toEqual({ id: 7 });
  });

  it("keeps the data when the database is opened again", async () => {
    const db = await freshDb();
    await db.put("drafts", { key: "selfie/wishes", data: { text: "koken" }, baseVersion: null, updatedAt: 1 });
    const name = db.name;
    db.close();
    const again = await openAppDb(name);
    opened.push(again);
    expect(await again.get("drafts", "selfie/wishes")).toMatchObject({ data: { text: "koken" } });
  });

  it("numbers outbox items in the order they were added", async () => {
    const db = await freshDb();
    const item = { method: "PUT" as const, path: "/selfie/x", body: {}, attempts: 0 };
    const first = await db.add("outbox", { ...item, idempotencyKey: "a", createdAt: 20 });
    const second = await db.add("outbox", { ...item, idempotencyKey: "b", createdAt: 10 });
    expect(second).toBeGreaterThan(first);
    const byCreated = await db.getAllFromIndex("outbox", "by_created");
    expect(byCreated.map((i) => i.idempotencyKey)).toEqual(["b", "a"]);
  });

  it("refuses a version it has no upgrade for", async () => {
    await expect(freshDb(DB_VERSION + 1)).rejects.toThrow(`No upgrade to database version ${DB_VERSION + 1}`);
  });
});

describe("getDb", () => {
  it("opens again after a newer version elsewhere closed the shared connection", async () => {
    await setMeta("probe", 1);
    // Another tab (or a new service worker) upgrades: simulate with a versionchange
    // by deleting the database, which asks every open connection to close.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase("zelf-aan-het-werk");
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error as Error);
    });
    expect(await getMeta("probe")).toBeUndefined();
    await setMeta("probe", 2);
    expect(await getMeta("probe")).toBe(2);
  });
});

describe("meta", () => {
  it("stores, reads and deletes small facts in the shared database", async () => {
    expect(await getMeta("user")).toBeUndefined();
    await setMeta("user", { id: 1, username: "sam" });
    expect(await getMeta<{ username: string }>("user")).toEqual({ id: 1, username: "sam" });
    await deleteMeta("user");
    expect(await getMeta("user")).toBeUndefined();
  });
});
