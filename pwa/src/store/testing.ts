// Test helpers for code that uses the shared database: a new, empty IndexedDB per test.
import { IDBFactory } from "fake-indexeddb";
import { vi } from "vitest";
import { closeDb } from "./db";

/** Close the shared connection and give the next getDb() an empty IndexedDB. */
export async function useFreshIndexedDb(): Promise<void> {
  await closeDb();
  vi.stubGlobal("indexedDB", new IDBFactory());
}
