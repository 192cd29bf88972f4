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
    const db = await freshDb();
    expect(DB_VERSION).toBe(1);
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
    await expect(freshDb(DB_VERSION + 1)).rejects.toThrow(/No upgrade to database version 2/);
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
