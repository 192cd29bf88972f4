// Send the outbox: selfie section writes go through POST /api/v1/sync in batches of at
// most 100, in the order they were made; each answer is applied on its own. The page and
// the service worker both run this, one at a time (navigator.locks).
//
// Per operation:
// - 2xx: the write is on the server. The server copy and the draft's base move to the
//   new version; without a newer local edit the draft is gone (synced).
// - 412: the body has the server's copy. Merge field by field (merge.ts): without
//   conflicts the merged section is queued on the new version at once; with conflicts
//   the draft waits for the person (resolveConflicts in selfie-sync.ts).
// - 422 (and other refusals): the draft stays, with the server's field errors.
// - 5xx, 429 for one operation: kept, tried again after a back-off.
// For the whole request: a network error, 5xx or 429 keeps everything (attempts + 1,
// back-off, Retry-After honoured); a 401 that one refresh (client.ts) could not fix, or
// a 403, keeps everything and stops.
// No fetch happens inside an IndexedDB transaction: items are marked attempted in one
// transaction, the request runs, and each answer is stored in a transaction of its own.
import { ApiError, request } from "../api/client";
import type { Section, SectionData } from "../api/selfie";
import type { ServerSection } from "../store/db";
import { sectionDraftKey } from "../store/drafts";
import {
  changeSection,
  listOutbox,
  markAttempted,
  removeItems,
  retryDelay,
  updateItems,
  type OutboxItem,
  type SectionChange,
  type SectionView,
} from "../store/outbox";
import { mergeSection, sameValue } from "./merge";

/** Why a flush runs: the service worker's sync event, the page's `online`, start-up ... */
export type FlushTrigger = "start" | "online" | "sync" | "save" | "timer" | "manual";

/** The tag of the Background Sync registration (the page registers it, sw.ts handles it). */
export const SYNC_TAG = "outbox";
/** The meta record where the page keeps the CSRF cookies for a worker without cookieStore. */
export const CSRF_COPY_KEY = "csrfCopy";
/** The meta record the service worker writes after a Background Sync flush. */
export const LAST_BACKGROUND_SYNC_KEY = "lastBackgroundSync";
/** The message the service worker posts to its pages after a flush. */
export const FLUSHED_MESSAGE = "outbox-flushed";

/** The record at LAST_BACKGROUND_SYNC_KEY (the browser tests read it). */
export interface BackgroundSyncRecord {
  at: number;
  /** Writes the server answered. */
  sent: number;
  accepted: number;
  remaining: number;
}

export interface FlushedMessage {
  type: typeof FLUSHED_MESSAGE;
  sections: string[];
  nextRetryAt: number | null;
}

export const MAX_BATCH = 100;
/** A flush stops after this many requests, even when there is more (it runs again later). */
const MAX_ROUNDS = 20;
const LOCK_NAME = "zelf-aan-het-werk:outbox";

// A write that failed on the network waits for its back-off, unless the connection may
// just have come back: then it goes at once. Server back-off (5xx, 429) always holds.
const CONNECTIVITY_TRIGGERS: ReadonlySet<FlushTrigger> = new Set(["start", "online", "sync", "manual"]);

export interface FlushResult {
  /** Writes the server answered (whatever the answer). */
  sent: number;
  /** Writes the server stored. */
  accepted: number;
  /** Sections whose local state changed. */
  sections: string[];
  /** Writes still waiting. */
  remaining: number;
  /** The earliest end of a back-off among the waiting writes (ms since the epoch). */
  nextRetryAt: number | null;
  /** Why the flush stopped before the outbox was empty, if it did. */
  stopped: null | "offline" | "network" | "server" | "auth";
}

interface SyncOperation {
  key: string;
  section: string;
  base_version: number;
  data: unknown;
}

interface SyncResult {
  key: string | null;
  section: string | null;
  status: number;
  replayed: boolean;
  result: Section | null;
  error: { code?: string; message?: string; errors?: Record<string, unknown> } | null;
}

interface SyncResponse {
  results: SyncResult[];
}

type Stop = FlushResult["stopped"];

function isOffline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return nav?.onLine === false;
}

/** Whether an item may go out now. */
export function isDue(item: OutboxItem, now: number, trigger: FlushTrigger): boolean {
  if (item.lastError === "refused") return false;
  if (item.retryAt === undefined || item.retryAt <= now) return true;
  return item.lastError === "network" && CONNECTIVITY_TRIGGERS.has(trigger);
}

/**
 * The next request's items: section writes that are due, in order, at most MAX_BATCH;
 * or one other write on its own. One write per section per request: a second write is
 * based on the version the first one makes, and must not go out before the first is
 * answered (were the first refused, the second could land on someone else's version
 * unmerged). A section whose first write is not due sends nothing.
 */
export function nextBatch(items: readonly OutboxItem[], now: number, trigger: FlushTrigger): OutboxItem[] {
  const held = new Set<string>();
  const batch: OutboxItem[] = [];
  for (const item of items) {
    if (item.section !== undefined && held.has(item.section)) continue;
    if (!isDue(item, now, trigger)) {
      if (item.section !== undefined) held.add(item.section);
      continue;
    }
    if (item.section === undefined) {
      if (batch.length === 0) return [item];
      break;
    }
    batch.push(item);
    held.add(item.section);
    if (batch.length === MAX_BATCH) break;
  }
  return batch;
}

function toServerCopy(section: Section, now: number): ServerSection {
  return {
    name: section.name,
    version: section.version,
    status: section.status,
    missing: section.missing,
    data: section.data,
    derived: section.derived ?? {},
    updated_at: section.updated_at ?? null,
    fetchedAt: now,
  };
}

const asData = (value: unknown): SectionData =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as SectionData) : {};

/** The field errors of a refused write, by dotted field; the message under the section otherwise. */
export function fieldErrors(section: string, error: SyncResult["error"]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(error?.errors ?? {})) {
    if (Array.isArray(value)) out[field] = value.map(String);
    else if (typeof value === "string") out[field] = [value];
    else if (typeof value === "object" && value !== null) out[field] = Object.values(value).flat().map(String);
  }
  if (Object.keys(out).length === 0) out[section] = [error?.message ?? "The server refused this section."];
  return out;
}

function stillWaiting(items: OutboxItem[], item: OutboxItem): boolean {
  return items.some((other) => other.id === item.id);
}

/** 2xx: the write is stored. */
export function acceptedChange(item: OutboxItem, section: Section, now: number) {
  return ({ draft, items }: SectionView): SectionChange | null => {
    if (!stillWaiting(items, item)) return null; // answered before (another tab's flush)
    const change: SectionChange = { server: toServerCopy(section, now), removeItems: [item.id as number] };
    if (!draft) return change;
    const later = items.filter((other) => other.id !== item.id);
    if (later.length === 0 && draft.state !== "conflict" && sameValue(draft.data, item.body)) {
      change.draft = null; // nothing newer on this phone: synced
      return change;
    }
    change.draft = {
      ...draft,
      base: section.data,
      baseVersion: section.version,
      errors: {},
      state: draft.state === "conflict" ? "conflict" : "local",
    };
    // A later edit that has not gone out yet now builds on this version.
    change.putItems = later
      .filter((other) => other.attempts === 0)
      .map((other) => ({ ...other, baseVersion: section.version }));
    return change;
  };
}

/** 412: merge with the server's copy; requeue, or wait for the person's choice. */
export function conflictChange(item: OutboxItem, current: Section, now: number) {
  return ({ draft, items }: SectionView): SectionChange | null => {
    if (!stillWaiting(items, item)) return null;
    // Every waiting write of the section was built on the old version: the merge below
    // starts from the draft, which holds the newest of them.
    const change: SectionChange = {
      server: toServerCopy(current, now),
      removeItems: items.map((other) => other.id as number),
    };
    if (!draft) return change;
    const { merged, conflicts } = mergeSection(current.name, asData(draft.base), asData(draft.data), current.data);
    const rebased = { ...draft, data: merged, base: current.data, baseVersion: current.version };
    if (conflicts.length > 0) {
      change.draft = { ...rebased, state: "conflict", conflicts };
    } else if (sameValue(merged, current.data)) {
      change.draft = null; // the server already has every change of ours
    } else {
      change.draft = { ...rebased, state: "local", conflicts: [] };
      change.write = { body: merged, baseVersion: current.version };
    }
    return change;
  };
}

/** 422 and other refusals: keep the draft, show the server's reasons. */
export function refusedChange(item: OutboxItem, errors: Record<string, string[]>) {
  return ({ draft, items }: SectionView): SectionChange | null => {
    if (!stillWaiting(items, item)) return null;
    const change: SectionChange = { removeItems: [item.id as number] };
    // The refused write changed nothing: a later one builds on the same version.
    change.putItems = items
      .filter((other) => other.id !== item.id && other.attempts === 0)
      .map((other) => ({ ...other, baseVersion: item.baseVersion ?? 0 }));
    if (draft) change.draft = { ...draft, state: "invalid", errors };
    return change;
  };
}

/**
 * 422 idempotency_key_reused: the server stored another body under this key. The outbox
 * never changes a write once sent, so this should not happen; if it does, the draft is
 * sent again under a new key rather than shown as a wrong field.
 */
export function rekeyChange(item: OutboxItem) {
  return ({ draft, items }: SectionView): SectionChange | null => {
    if (!stillWaiting(items, item)) return null;
    const change: SectionChange = { removeItems: items.map((other) => other.id as number) };
    if (draft) change.write = { body: draft.data, baseVersion: item.baseVersion ?? 0 };
    return change;
  };
}

async function applyChange(
  item: OutboxItem,
  decide: (view: SectionView) => SectionChange | null,
): Promise<boolean> {
  const name = item.section as string;
  return (await changeSection(name, sectionDraftKey(name), decide)) !== null;
}

/** After a failed request: back off (or stop for auth), keeping every item. */
async function failed(items: OutboxItem[], error: unknown, now: number): Promise<Stop> {
  const ids = items.map((item) => item.id as number);
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    await updateItems(ids, { lastError: "auth" });
    return "auth";
  }
  const network = error instanceof ApiError && error.isNetworkError;
  const retryAfter = error instanceof ApiError ? error.retryAfter : null;
  for (const item of items) {
    await updateItems([item.id as number], {
      retryAt: now + retryDelay(item.attempts, retryAfter),
      lastError: network ? "network" : "server",
    });
  }
  if (!(error instanceof ApiError)) console.error("Outbox flush failed", error);
  return network ? "network" : "server";
}

async function sendBatch(batch: OutboxItem[], result: FlushResult, changed: Set<string>): Promise<Stop> {
  // From here on the key and the body are frozen (read back in the same transaction
  // that counts the attempt, so a coalesced edit that landed just before is included).
  const items = await markAttempted(batch.map((item) => item.id as number));
  if (items.length === 0) return null;
  const operations: SyncOperation[] = items.map((item) => ({
    key: item.idempotencyKey,
    section: item.section as string,
    base_version: item.baseVersion ?? 0,
    data: item.body,
  }));
  let response: SyncResponse;
  try {
    response = await request<SyncResponse>("POST", "/sync", { body: { operations } });
  } catch (error) {
    return failed(items, error, Date.now());
  }
  const now = Date.now();
  for (const [index, item] of items.entries()) {
    const answer = response.results[index];
    if (!answer || (answer.key !== null && answer.key !== item.idempotencyKey)) {
      await failed([item], new Error("The sync answer does not match the request."), now);
      continue;
    }
    const name = item.section as string;
    let applied: boolean;
    if (answer.status >= 200 && answer.status < 300 && answer.result) {
      result.accepted += 1;
      applied = await applyChange(item, acceptedChange(item, answer.result, now));
    } else if (answer.status === 412 && answer.result) {
      applied = await applyChange(item, conflictChange(item, answer.result, now));
    } else if (answer.status === 422 && answer.error?.code === "idempotency_key_reused") {
      console.error("The server knows this Idempotency-Key with another body; sending again under a new key.");
      applied = await applyChange(item, rekeyChange(item));
    } else if (answer.status === 429 || answer.status >= 500) {
      await updateItems([item.id as number], { retryAt: now + retryDelay(item.attempts), lastError: "server" });
      continue;
    } else {
      applied = await applyChange(item, refusedChange(item, fieldErrors(name, answer.error)));
    }
    result.sent += 1;
    if (applied) changed.add(name);
  }
  return null;
}

/** A write that is not a selfie section: sent on its own, with its Idempotency-Key. */
async function sendSingle(batch: OutboxItem, result: FlushResult): Promise<Stop> {
  const [item] = await markAttempted([batch.id as number]);
  if (!item) return null;
  try {
    await request<unknown>(item.method, item.path, {
      body: item.body,
      headers: { "Idempotency-Key": item.idempotencyKey },
    });
  } catch (error) {
    const status = error instanceof ApiError ? error.status : -1;
    if (status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status)) {
      // Refused for good: kept (never silently dropped) but not sent again.
      await updateItems([item.id as number], { lastError: "refused" });
      result.sent += 1;
      return null;
    }
    return failed([item], error, Date.now());
  }
  await removeItems([item.id as number]);
  result.sent += 1;
  result.accepted += 1;
  return null;
}

async function flushUnlocked(trigger: FlushTrigger): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, accepted: 0, sections: [], remaining: 0, nextRetryAt: null, stopped: null };
  const changed = new Set<string>();
  if (isOffline()) {
    result.stopped = "offline";
  } else {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const batch = nextBatch(await listOutbox(), Date.now(), trigger);
      const first = batch[0];
      if (!first) break;
      const stop =
        first.section === undefined ? await sendSingle(first, result) : await sendBatch(batch, result, changed);
      if (stop) {
        result.stopped = stop;
        break;
      }
    }
  }
  const waiting = (await listOutbox()).filter((item) => item.lastError !== "refused");
  result.remaining = waiting.length;
  const retries = waiting.map((item) => item.retryAt).filter((at): at is number => at !== undefined);
  result.nextRetryAt = retries.length ? Math.min(...retries) : null;
  result.sections = [...changed];
  return result;
}

// Where there is no Web Locks API: one flush at a time within this page or worker.
let localQueue: Promise<unknown> = Promise.resolve();

function withLock<T>(task: () => Promise<T>): Promise<T> {
  const nav = (globalThis as { navigator?: { locks?: LockManager } }).navigator;
  if (nav?.locks && typeof nav.locks.request === "function") {
    return nav.locks.request(LOCK_NAME, task);
  }
  const run = localQueue.then(task, task);
  localQueue = run.catch(() => undefined);
  return run;
}

/** Send what is waiting, one flush at a time across tabs and the service worker. */
export function flushOutbox(trigger: FlushTrigger = "manual"): Promise<FlushResult> {
  return withLock(() => flushUnlocked(trigger));
}
