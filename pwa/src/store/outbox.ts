// The outbox: writes waiting to go out, in the order they were made.
//
// A selfie section has at most one write that was never attempted: a new edit replaces
// the body of that write (coalescing), so a day offline sends one write per section, not
// fifty. A write that was attempted is frozen: the server may have stored it, so a retry
// must send the same Idempotency-Key with the same body (the same key with another body
// is a 422). An edit made after that is a new write on the next version.
import { getDb, type Draft, type OutboxItem, type ServerSection } from "./db";

export type { OutboxItem } from "./db";

/** Back-off after a failed attempt: 2 s, 4 s, 8 s ... at most 5 minutes. */
export const FIRST_RETRY_MS = 2_000;
export const MAX_RETRY_MS = 5 * 60_000;

/**
 * How long to wait before the next attempt. The server's Retry-After wins when it gives
 * one (429, 503); otherwise it doubles with every attempt.
 */
export function retryDelay(attempts: number, retryAfterSeconds: number | null = null): number {
  if (retryAfterSeconds !== null) return Math.max(1_000, retryAfterSeconds * 1_000);
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface NewWrite {
  method: OutboxItem["method"];
  path: string;
  body: unknown;
  /** A selfie section write (coalesced per section, sent through POST /sync). */
  section?: string;
  /** The version the body is based on; 0 for the first write. */
  baseVersion?: number;
}

type OutboxStore = {
  getAll(): Promise<OutboxItem[]>;
  add(value: OutboxItem): Promise<number>;
  put(value: OutboxItem): Promise<number>;
};

/** Add a write inside an open transaction, coalescing with a never-attempted one. */
async function addWrite(store: OutboxStore, write: NewWrite, now: number): Promise<OutboxItem> {
  const fresh: OutboxItem = {
    method: write.method,
    path: write.path,
    body: write.body,
    idempotencyKey: crypto.randomUUID(),
    createdAt: now,
    attempts: 0,
  };
  if (write.section === undefined) {
    fresh.id = await store.add(fresh);
    return fresh;
  }
  const same = (await store.getAll()).filter((item) => item.section === write.section);
  // Writes that went out (or may have) come first on the server: an edit after them is
  // based on the version the last of them makes.
  const sent = same.filter((item) => item.attempts > 0);
  const baseVersion = sent.length
    ? Math.max(...sent.map((item) => item.baseVersion ?? 0)) + 1
    : (write.baseVersion ?? 0);
  const waiting = same.find((item) => item.attempts === 0);
  if (waiting) {
    const coalesced: OutboxItem = { ...waiting, method: write.method, path: write.path, body: write.body, baseVersion };
    await store.put(coalesced);
    return coalesced;
  }
  const item: OutboxItem = { ...fresh, section: write.section, baseVersion };
  item.id = await store.add(item);
  return item;
}

/** Put a write in the outbox (coalesced with a waiting write of the same section). */
export async function enqueue(write: NewWrite, now = Date.now()): Promise<OutboxItem> {
  const tx = (await getDb()).transaction("outbox", "readwrite");
  const item = await addWrite(tx.store, write, now);
  await tx.done;
  return item;
}

/** Every waiting write, oldest first. */
export async function listOutbox(): Promise<OutboxItem[]> {
  return (await getDb()).getAll("outbox");
}

export async function countOutbox(): Promise<number> {
  return (await getDb()).count("outbox");
}

/**
 * Count an attempt on each item and return them as stored now, in the order asked.
 * Called before the request goes out: from here on the key and body are frozen. Items
 * that are gone (answered meanwhile, cleared) are left out.
 */
export async function markAttempted(ids: readonly number[]): Promise<OutboxItem[]> {
  const tx = (await getDb()).transaction("outbox", "readwrite");
  const out: OutboxItem[] = [];
  for (const id of ids) {
    const item = await tx.store.get(id);
    if (!item) continue;
    const attempted = { ...item, attempts: item.attempts + 1 };
    await tx.store.put(attempted);
    out.push(attempted);
  }
  await tx.done;
  return out;
}

/** Change some fields of each item that still exists (back-off, last error). */
export async function updateItems(ids: readonly number[], patch: Partial<Omit<OutboxItem, "id">>): Promise<void> {
  const tx = (await getDb()).transaction("outbox", "readwrite");
  for (const id of ids) {
    const item = await tx.store.get(id);
    if (item) await tx.store.put({ ...item, ...patch });
  }
  await tx.done;
}

export async function removeItems(ids: readonly number[]): Promise<void> {
  const tx = (await getDb()).transaction("outbox", "readwrite");
  await Promise.all(ids.map((id) => tx.store.delete(id)));
  await tx.done;
}

/** What changeSection() shows the decision: the section's state as stored. */
export interface SectionView {
  draft: Draft | undefined;
  server: ServerSection | undefined;
  /** This section's waiting writes, oldest first. */
  items: OutboxItem[];
}

/** What to change, all in one transaction. */
export interface SectionChange {
  /** The new draft; null deletes it; absent leaves it. */
  draft?: Draft | null;
  /** A server copy to keep (ignored when an even newer one is stored). */
  server?: ServerSection;
  removeItems?: number[];
  /** Items to store as given (e.g. a new base version). */
  putItems?: OutboxItem[];
  /** A new write of the whole section, coalesced as enqueue() does. */
  write?: { body: unknown; baseVersion: number };
}

/**
 * Read a section's draft, server copy and waiting writes, let `decide` say what changes,
 * and store that, all in one transaction: two tabs (or a tab and the service worker)
 * never interleave halfway. `decide` must not wait for anything (IndexedDB commits a
 * transaction that has nothing to do). Resolves with the change made, or null.
 */
export async function changeSection(
  name: string,
  draftKey: string,
  decide: (view: SectionView) => SectionChange | null,
  now = Date.now(),
): Promise<SectionChange | null> {
  const tx = (await getDb()).transaction(["drafts", "sections", "outbox"], "readwrite");
  const drafts = tx.objectStore("drafts");
  const sections = tx.objectStore("sections");
  const outbox = tx.objectStore("outbox");
  const [draft, server, all] = await Promise.all([drafts.get(draftKey), sections.get(name), outbox.getAll()]);
  const change = decide({ draft, server, items: all.filter((item) => item.section === name) });
  if (change) {
    if (change.server && (!server || server.version <= change.server.version)) await sections.put(change.server);
    if (change.draft === null) await drafts.delete(draftKey);
    else if (change.draft) await drafts.put(change.draft);
    for (const id of change.removeItems ?? []) await outbox.delete(id);
    for (const item of change.putItems ?? []) await outbox.put(item);
    if (change.write) {
      await addWrite(
        outbox,
        {
          method: "PUT",
          path: `/selfie/sections/${name}`,
          body: change.write.body,
          section: name,
          baseVersion: change.write.baseVersion,
        },
        now,
      );
    }
  }
  await tx.done;
  return change;
}

/**
 * Remove everything of the person who was logged in: drafts, waiting writes, server
 * copies and the small facts in meta. The occupation list is reference data and stays.
 */
export async function clearPersonalData(): Promise<void> {
  const tx = (await getDb()).transaction(["drafts", "outbox", "sections", "meta"], "readwrite");
  await Promise.all([
    tx.objectStore("drafts").clear(),
    tx.objectStore("outbox").clear(),
    tx.objectStore("sections").clear(),
    tx.objectStore("meta").clear(),
  ]);
  await tx.done;
}
