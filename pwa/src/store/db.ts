// The only module that touches IndexedDB. The schema grows by numbered upgrades:
// upgrade N takes the database from version N-1 to N, and is never changed once shipped.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from "idb";

export const DB_NAME = "zelf-aan-het-werk";

/** Text a person typed that has not reached the server yet (e.g. a selfie section). */
export interface Draft {
  key: string;
  data: unknown;
  /** The server version this draft started from (null: nothing on the server yet). */
  baseVersion: number | null;
  updatedAt: number;
}

/** A write waiting to go out; `id` is set by the store. */
export interface OutboxItem {
  id?: number;
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body: unknown;
  idempotencyKey: string;
  createdAt: number;
  attempts: number;
}

export interface AppDbSchema extends DBSchema {
  drafts: { key: string; value: Draft };
  outbox: { key: number; value: OutboxItem; indexes: { by_created: number } };
  meta: { key: string; value: unknown };
}

export type AppDb = IDBPDatabase<AppDbSchema>;
type UpgradeTx = IDBPTransaction<AppDbSchema, StoreNames<AppDbSchema>[], "versionchange">;
type Upgrade = (db: AppDb, tx: UpgradeTx) => void;

const UPGRADES: readonly Upgrade[] = [
  // 1: drafts by key, the outbox in order of creation, and small key/value facts.
  (db) => {
    db.createObjectStore("drafts", { keyPath: "key" });
    const outbox = db.createObjectStore("outbox", { keyPath: "id", autoIncrement: true });
    outbox.createIndex("by_created", "createdAt");
    db.createObjectStore("meta");
  },
];

export const DB_VERSION = UPGRADES.length;

/** Open the database at `version`, running every upgrade it has not had yet. */
export async function openAppDb(name = DB_NAME, version = DB_VERSION): Promise<AppDb> {
  if (!Number.isInteger(version) || version < 1 || version > UPGRADES.length) {
    throw new Error(`No upgrade to database version ${version}`);
  }
  return openDB<AppDbSchema>(name, version, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (const step of UPGRADES.slice(oldVersion, version)) step(db, tx);
    },
    blocking(_current, _blockedVersion, event) {
      // A newer app version (another tab) wants to upgrade: get out of its way.
      (event.target as IDBDatabase).close();
    },
  });
}

let shared: Promise<AppDb> | null = null;

/** The app's database, opened once. */
export function getDb(): Promise<AppDb> {
  shared ??= openAppDb().catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}

/** Close the shared connection (tests, and before deleting the database). */
export async function closeDb(): Promise<void> {
  if (!shared) return;
  const db = await shared.catch(() => null);
  shared = null;
  db?.close();
}

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await (await getDb()).get("meta", key)) as T | undefined;
}

export async function setMeta(key: string, value: unknown): Promise<void> {
  await (await getDb()).put("meta", value, key);
}

export async function deleteMeta(key: string): Promise<void> {
  await (await getDb()).delete("meta", key);
}
