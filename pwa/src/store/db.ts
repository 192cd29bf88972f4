// The only module that touches IndexedDB. The schema grows by numbered upgrades:
// upgrade N takes the database from version N-1 to N, and is never changed once shipped.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from "idb";

export const DB_NAME = "zelf-aan-het-werk";

/** A field both the draft and the server changed, waiting for the person's choice. */
export interface DraftConflict {
  /** Dotted, section first: "basics.display_name". */
  path: string;
  /** The path below the section as keys and list-item identities. */
  segments: string[];
  mine: unknown;
  theirs: unknown;
}

/** Text a person typed that has not reached the server yet (e.g. a selfie section). */
export interface Draft {
  key: string;
  data: unknown;
  /** The server version this draft started from (null: nothing on the server yet). */
  baseVersion: number | null;
  updatedAt: number;
  /** The server's data at `baseVersion`: what a 412 merges against. */
  base?: unknown;
  /** local: waiting in the outbox; conflict: needs the person's choice; invalid: refused (422). */
  state?: "local" | "conflict" | "invalid";
  conflicts?: DraftConflict[];
  /** The server's last 422, by dotted field; kept until the next answer. */
  errors?: Record<string, string[]>;
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
  /** A selfie section write: it goes out through POST /sync as an operation. */
  section?: string;
  /** The version the write is based on (0: the first write of the section). */
  baseVersion?: number;
  /** Back-off: not sent before this time (ms since the epoch). */
  retryAt?: number;
  /**
   * What the last attempt ran into. "network" is retried at once when the connection
   * returns; "refused" (a 4xx for a write that is not a section) is kept but not resent.
   */
  lastError?: "network" | "server" | "auth" | "refused";
}

/** The last copy of a selfie section the server sent (this person's data). */
export interface ServerSection {
  name: string;
  version: number;
  status: "empty" | "draft" | "complete";
  missing: string[];
  data: Record<string, unknown>;
  derived: Record<string, unknown>;
  updated_at?: string | null;
  /** When we got it (ms since the epoch). */
  fetchedAt: number;
}

/** One occupation of the offline list: the preferred label and the alternatives. */
export interface OccupationEntry {
  id: string;
  label: string;
  alt_labels: string[];
}

/** The whole occupation list in one language, as the server sent it (reference data). */
export interface OccupationList {
  lang: string;
  etag: string | null;
  lastModified: string | null;
  /** When it was downloaded or last confirmed unchanged (ms since the epoch). */
  checkedAt: number;
  occupations: OccupationEntry[];
}

export interface AppDbSchema extends DBSchema {
  drafts: { key: string; value: Draft };
  outbox: { key: number; value: OutboxItem; indexes: { by_created: number } };
  meta: { key: string; value: unknown };
  occupations: { key: string; value: OccupationList };
  sections: { key: string; value: ServerSection };
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
  // 2: the occupation list per language, for the offline occupation picker.
  (db) => {
    db.createObjectStore("occupations", { keyPath: "lang" });
  },
  // 3: the server's copy of each selfie section, so the wizard opens offline.
  (db) => {
    db.createObjectStore("sections", { keyPath: "name" });
  },
];

export const DB_VERSION = UPGRADES.length;

/**
 * Open the database at `version`, running every upgrade it has not had yet. `onClosed`
 * runs when the connection is closed under us (a newer version elsewhere, or the browser).
 */
export async function openAppDb(
  name = DB_NAME,
  version = DB_VERSION,
  onClosed: () => void = () => undefined,
): Promise<AppDb> {
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
      onClosed();
    },
    terminated: onClosed,
  });
}

let shared: Promise<AppDb> | null = null;

/** The app's database, opened once. */
export function getDb(): Promise<AppDb> {
  if (shared) return shared;
  // A connection closed under us is forgotten, so the next call opens a fresh one.
  const opening: Promise<AppDb> = openAppDb(DB_NAME, DB_VERSION, () => {
    if (shared === opening) shared = null;
  }).catch((error: unknown) => {
    if (shared === opening) shared = null;
    throw error;
  });
  shared = opening;
  return opening;
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
