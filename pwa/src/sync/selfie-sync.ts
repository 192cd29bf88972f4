// What the screens use to read and write selfie sections, offline first.
//
// Reading: the draft if there is one, else the last server copy, both from IndexedDB; a
// section with nothing local waiting is refreshed from the server in the background.
// Writing: every save goes to IndexedDB (the draft) and the outbox in one transaction,
// then the outbox is flushed: by the service worker's `sync` event where the browser has
// Background Sync, otherwise from the page (now, on `online`, at start).
import { CSRF_COOKIES, ApiError, readCookie } from "../api/client";
import {
  SECTION_NAMES,
  fetchSection,
  fetchSelfie,
  type Section,
  type SectionData,
  type SectionName,
  type SectionStatus,
} from "../api/selfie";
import { getMeta, setMeta, type Draft, type ServerSection } from "../store/db";
import { getDraft, getServerSection, listDrafts, listServerSections, putServerSection, sectionDraftKey } from "../store/drafts";
import { changeSection, clearPersonalData, listOutbox, type SectionChange, type SectionView } from "../store/outbox";
import {
  CSRF_COPY_KEY,
  FLUSHED_MESSAGE,
  LAST_BACKGROUND_SYNC_KEY,
  SYNC_TAG,
  flushOutbox,
  type BackgroundSyncRecord,
  type FlushedMessage,
  type FlushResult,
  type FlushTrigger,
} from "./flush-outbox";
import { sameValue, valueAt, withValueAt } from "./merge";

/** synced; saved on this phone only; needs the person's choice; the server refused a value. */
export type SectionSyncState = "synced" | "local" | "conflict" | "invalid";

/** A field both sides changed. `path` is dotted: "basics.display_name", "experience.entries.<entry id>.title". */
export interface FieldConflict {
  path: string;
  /** null: not answered, or (a list item) removed. */
  mine: unknown;
  theirs: unknown;
}

export interface LocalSection {
  name: SectionName;
  /** The draft if there is one, else the server copy. */
  data: SectionData;
  serverVersion: number;
  serverStatus: SectionStatus;
  missing: string[];
  derived?: Record<string, unknown>;
  state: SectionSyncState;
  conflicts: FieldConflict[];
  /** The server's 422, by dotted field. */
  errors: Record<string, string[]>;
}

const SAVE_DELAY_MS = 400;
const CHANNEL_NAME = "zelf-aan-het-werk:selfie";

// --- Listeners, in this tab and the others -------------------------------------------

const listeners = new Set<(name: SectionName) => void>();
let channel: BroadcastChannel | null = null;

function isSectionName(value: unknown): value is SectionName {
  return typeof value === "string" && (SECTION_NAMES as readonly string[]).includes(value);
}

function emitLocal(name: SectionName): void {
  for (const listener of [...listeners]) {
    try {
      listener(name);
    } catch (error) {
      console.error("Section listener failed", error);
    }
  }
}

/** Tell this tab's listeners and the other tabs that a section's local state changed. */
function emit(names: Iterable<string>): void {
  for (const name of names) {
    if (!isSectionName(name)) continue;
    emitLocal(name);
    channel?.postMessage({ section: name });
  }
}

/** A section's local state changed (a save, a sync answer, a refresh, another tab). */
export function subscribe(listener: (name: SectionName) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

// --- Reading ----------------------------------------------------------------------

const asData = (value: unknown): SectionData =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as SectionData) : {};

/** What a screen sees of a section, from its draft and server copy. */
export function toLocalSection(name: SectionName, server: ServerSection | undefined, draft: Draft | undefined): LocalSection {
  const local: LocalSection = {
    name,
    data: asData(draft ? draft.data : server?.data),
    serverVersion: server?.version ?? draft?.baseVersion ?? 0,
    serverStatus: server?.status ?? "empty",
    missing: server?.missing ?? [],
    state: draft ? (draft.state ?? "local") : "synced",
    conflicts: (draft?.conflicts ?? []).map(({ path, mine, theirs }) => ({ path, mine, theirs })),
    errors: draft?.errors ?? {},
  };
  if (server) local.derived = server.derived;
  return local;
}

function toServerCopy(section: Section): ServerSection {
  return {
    name: section.name,
    version: section.version,
    status: section.status,
    missing: section.missing,
    data: section.data,
    derived: section.derived ?? {},
    updated_at: section.updated_at ?? null,
    fetchedAt: Date.now(),
  };
}

function isOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}

const refreshing = new Map<SectionName, Promise<void>>();

/** Fetch a section and keep it; tell the listeners when it changed. Never rejects. */
function refreshSection(name: SectionName, known?: ServerSection): Promise<void> {
  const running = refreshing.get(name);
  if (running) return running;
  const task = (async () => {
    try {
      const section = await fetchSection(name);
      const changed = !known || known.version !== section.version || !sameValue(known.data, section.data);
      if ((await putServerSection(toServerCopy(section))) && changed) emit([name]);
    } catch (error) {
      if (!(error instanceof ApiError)) console.error("Refreshing a section failed", error);
      // Offline, or logged out: the local copy is what there is.
    } finally {
      refreshing.delete(name);
    }
  })();
  refreshing.set(name, task);
  return task;
}

/** Local first; refresh from the server when online and nothing local is waiting. */
export async function loadSection(name: SectionName): Promise<LocalSection> {
  await restoreUnstored();
  const [server, draft] = await Promise.all([getServerSection(name), getDraft(sectionDraftKey(name))]);
  if (!draft && isOnline()) {
    if (!server) {
      // Nothing to show yet: worth waiting for the server once.
      await refreshSection(name);
      return toLocalSection(name, await getServerSection(name), await getDraft(sectionDraftKey(name)));
    }
    void refreshSection(name, server);
  }
  return toLocalSection(name, server, draft);
}

/**
 * Every section, local first. When online, GET /selfie says which versions changed and
 * only those sections are fetched (waited for when there is no local copy yet).
 */
export async function loadAllSections(): Promise<Record<SectionName, LocalSection>> {
  const read = async () => {
    const [servers, drafts] = await Promise.all([listServerSections(), listDrafts("selfie:")]);
    const serverBy = new Map(servers.map((s) => [s.name, s]));
    const draftBy = new Map(drafts.map((d) => [d.key, d]));
    return { serverBy, draftBy };
  };
  const build = ({ serverBy, draftBy }: Awaited<ReturnType<typeof read>>) =>
    Object.fromEntries(
      SECTION_NAMES.map((name) => [name, toLocalSection(name, serverBy.get(name), draftBy.get(sectionDraftKey(name)))]),
    ) as Record<SectionName, LocalSection>;

  await restoreUnstored();
  const local = await read();
  if (!isOnline()) return build(local);
  const refresh = async () => {
    try {
      const overview = await fetchSelfie();
      await Promise.all(
        overview.sections
          .filter((summary) => !local.draftBy.has(sectionDraftKey(summary.name)))
          .filter((summary) => {
            const known = local.serverBy.get(summary.name);
            return !known || known.version !== summary.version || known.status !== summary.status;
          })
          .map((summary) => refreshSection(summary.name, local.serverBy.get(summary.name))),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) console.error("Refreshing the selfie failed", error);
    }
  };
  const missingLocally = SECTION_NAMES.some(
    (name) => !local.serverBy.has(name) && !local.draftBy.has(sectionDraftKey(name)),
  );
  if (!missingLocally) {
    void refresh(); // listeners hear about what changed
    return build(local);
  }
  await refresh();
  return build(await read());
}

// --- Writing ----------------------------------------------------------------------

/** The decision of a save: a new draft and a write, or nothing when nothing changed. */
export function saveDecision(name: SectionName, data: SectionData, now: number) {
  return ({ draft, server }: SectionView): SectionChange | null => {
    const current = draft ? draft.data : (server?.data ?? {});
    if (sameValue(current, data)) return null;
    if (draft?.state === "conflict") {
      // The person edits while a choice is open: a conflicting field they edit follows
      // the edit; one they set to the server's value is no longer a conflict.
      const conflicts = (draft.conflicts ?? [])
        .map((conflict) => ({ ...conflict, mine: valueAt(name, data, conflict.segments) ?? null }))
        .filter((conflict) => !sameValue(conflict.mine, conflict.theirs));
      const updated: Draft = { ...draft, data, conflicts, updatedAt: now };
      if (conflicts.length > 0) return { draft: updated };
      return {
        draft: { ...updated, state: "local" },
        write: { body: data, baseVersion: draft.baseVersion ?? 0 },
      };
    }
    const next: Draft = draft
      ? { ...draft, data, updatedAt: now, state: "local" }
      : {
          key: sectionDraftKey(name),
          data,
          base: server?.data ?? {},
          baseVersion: server?.version ?? 0,
          updatedAt: now,
          state: "local",
          conflicts: [],
          errors: {},
        };
    return { draft: next, write: { body: data, baseVersion: next.baseVersion ?? 0 } };
  };
}

/** The decision of resolveConflicts: apply the choices; queue the write once none is left. */
export function resolveDecision(name: SectionName, choices: Record<string, "mine" | "theirs">, now: number) {
  return ({ draft }: SectionView): SectionChange | null => {
    if (!draft || draft.state !== "conflict") return null;
    let data = asData(draft.data);
    const open = [];
    for (const conflict of draft.conflicts ?? []) {
      const choice = choices[conflict.path];
      if (choice === undefined) open.push(conflict);
      else data = withValueAt(name, data, conflict.segments, choice === "mine" ? conflict.mine : conflict.theirs);
    }
    const updated: Draft = { ...draft, data, conflicts: open, updatedAt: now };
    if (open.length > 0) return { draft: updated };
    return { draft: { ...updated, state: "local" }, write: { body: data, baseVersion: draft.baseVersion ?? 0 } };
  };
}

/** Now: the draft to IndexedDB and the outbox, then ask for a flush. */
export async function saveSection(name: SectionName, data: SectionData): Promise<void> {
  cancelScheduled(name);
  keepUnstored(name, data);
  const change = await changeSection(name, sectionDraftKey(name), saveDecision(name, data, Date.now()));
  dropUnstored(name, data);
  if (!change) return;
  emit([name]);
  if (change.write) requestFlush();
}

const scheduled = new Map<SectionName, { data: SectionData; timer: ReturnType<typeof setTimeout> }>();
// Debounced saves that have started but not finished: flushPendingSaves waits for them too.
const saving = new Set<Promise<void>>();

function cancelScheduled(name: SectionName): void {
  const pending = scheduled.get(name);
  if (pending) clearTimeout(pending.timer);
  scheduled.delete(name);
}

function track(save: Promise<void>): Promise<void> {
  saving.add(save);
  const done = () => saving.delete(save);
  save.then(done, done);
  return save;
}

/** Save after a pause in typing (~400 ms); a newer call for the section replaces it. */
export function scheduleSave(name: SectionName, data: SectionData): void {
  cancelScheduled(name);
  keepUnstored(name, data);
  const timer = setTimeout(() => {
    scheduled.delete(name);
    track(saveSection(name, data)).catch((error: unknown) => console.error("Saving a draft failed", error));
  }, SAVE_DELAY_MS);
  scheduled.set(name, { data, timer });
}

/** Run the waiting debounced saves now, and wait for those already running (next button, pagehide). */
export async function flushPendingSaves(): Promise<void> {
  const started = [...scheduled.entries()].map(([name, { data }]) => track(saveSection(name, data)));
  await Promise.all([...started, ...saving]);
}

// --- Typing that IndexedDB does not have yet ----------------------------------------
// A save waits for a pause in typing, and an IndexedDB write takes a moment: a page that
// is reloaded or closed just then loses the last words (a write started in `pagehide`
// does not finish). So every edit is also kept at once in localStorage, which writes
// synchronously, until IndexedDB has it; the next start stores what is left there. It
// is this person's data like the drafts: clearLocalData removes it.

const UNSTORED_KEY = "zelf-aan-het-werk:unstored";

type Unstored = Partial<Record<SectionName, SectionData>>;

function readUnstored(): Unstored {
  try {
    const raw = typeof localStorage === "undefined" ? null : localStorage.getItem(UNSTORED_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (typeof parsed !== "object" || parsed === null) return {};
    const out: Unstored = {};
    for (const [name, data] of Object.entries(parsed)) {
      if (isSectionName(name) && typeof data === "object" && data !== null && !Array.isArray(data)) {
        out[name] = data as SectionData;
      }
    }
    return out;
  } catch {
    return {}; // storage blocked, or a broken value: IndexedDB still has the rest
  }
}

function writeUnstored(unstored: Unstored): void {
  try {
    if (Object.keys(unstored).length === 0) localStorage.removeItem(UNSTORED_KEY);
    else localStorage.setItem(UNSTORED_KEY, JSON.stringify(unstored));
  } catch {
    // Blocked or full: the debounced save to IndexedDB still runs.
  }
}

function keepUnstored(name: SectionName, data: SectionData): void {
  const unstored = readUnstored();
  if (unstored[name] !== undefined && sameValue(unstored[name], data)) return;
  writeUnstored({ ...unstored, [name]: data });
}

/** IndexedDB has `data`: forget the copy, unless a newer edit replaced it meanwhile. */
function dropUnstored(name: SectionName, data: SectionData): void {
  const unstored = readUnstored();
  if (unstored[name] === undefined || !sameValue(unstored[name], data)) return;
  writeUnstored(Object.fromEntries(Object.entries(unstored).filter(([other]) => other !== name)));
}

let restored: Promise<void> | null = null;

/**
 * Once per page, before the first read: store what an earlier page left in localStorage,
 * as ordinary saves. Never rejects (a failure is tried again on the next call).
 */
export function restoreUnstored(): Promise<void> {
  restored ??= (async () => {
    const left = Object.entries(readUnstored()) as Array<[SectionName, SectionData]>;
    for (const [name, data] of left) await saveSection(name, data);
  })().catch((error: unknown) => {
    restored = null;
    console.error("Storing the typing of an earlier visit failed", error);
  });
  return restored;
}

/** Apply the person's choice per conflicting path; once none is left, the section is queued. */
export async function resolveConflicts(name: SectionName, choices: Record<string, "mine" | "theirs">): Promise<void> {
  await flushPendingSaves();
  const change = await changeSection(name, sectionDraftKey(name), resolveDecision(name, choices, Date.now()));
  if (!change) return;
  emit([name]);
  if (change.write) requestFlush();
}

// --- Flushing ---------------------------------------------------------------------

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

function hasBackgroundSync(): boolean {
  return typeof self !== "undefined" && "SyncManager" in self && "serviceWorker" in navigator;
}

let lastCsrfCopy = "";

/**
 * Keep the CSRF cookies where the service worker can read them when it has no
 * cookieStore (see README: "Auth in the service worker").
 */
async function copyCsrfForWorker(): Promise<void> {
  const copy = { [CSRF_COOKIES.access]: readCookie(CSRF_COOKIES.access), [CSRF_COOKIES.refresh]: readCookie(CSRF_COOKIES.refresh) };
  const text = JSON.stringify(copy);
  if (text === lastCsrfCopy) return;
  lastCsrfCopy = text;
  await setMeta(CSRF_COPY_KEY, copy);
}

let retryTimer: ReturnType<typeof setTimeout> | null = null;

/** Try again when the earliest back-off ends (while the page is open). */
function scheduleRetry(at: number | null): void {
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTimer = null;
  if (at === null) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void flushFromPage("timer");
  }, Math.max(0, at - Date.now()) + 50);
}

async function flushFromPage(trigger: FlushTrigger): Promise<FlushResult | null> {
  try {
    await copyCsrfForWorker().catch(() => undefined);
    const result = await flushOutbox(trigger);
    emit(result.sections);
    scheduleRetry(result.stopped === "auth" ? null : result.nextRetryAt);
    return result;
  } catch (error) {
    console.error("Sending the outbox failed", error);
    return null;
  }
}

/**
 * Ask for the outbox to be sent: through Background Sync where there is one (the
 * service worker sends it, now when online, else when the connection returns), from
 * the page otherwise.
 */
function requestFlush(): void {
  void (async () => {
    await copyCsrfForWorker().catch(() => undefined);
    if (hasBackgroundSync()) {
      try {
        const registration = (await navigator.serviceWorker.getRegistration()) as
          | (ServiceWorkerRegistration & SyncRegistration)
          | undefined;
        if (registration?.active && registration.sync) {
          await registration.sync.register(SYNC_TAG);
          return;
        }
      } catch {
        // No permission, or no active worker yet: send from the page.
      }
    }
    await flushFromPage("save");
  })();
}

/** Send what is waiting now, from the page. */
export async function flushNow(): Promise<void> {
  await flushPendingSaves();
  await flushFromPage("manual");
}

function isFlushedMessage(data: unknown): data is FlushedMessage {
  return typeof data === "object" && data !== null && (data as { type?: unknown }).type === FLUSHED_MESSAGE;
}

/**
 * At app start: send what is waiting, listen for `online` where there is no
 * SyncManager, for the service worker's flushes and for other tabs. Returns a stop
 * function.
 */
export function startSync(): () => void {
  const stops: Array<() => void> = [];
  const listen = (target: EventTarget, type: string, handler: (event: Event) => void) => {
    target.addEventListener(type, handler);
    stops.push(() => target.removeEventListener(type, handler));
  };

  if (!hasBackgroundSync()) listen(window, "online", () => void flushFromPage("online"));
  // Typing that has not been saved yet is saved before the page goes away.
  listen(window, "pagehide", () => void flushPendingSaves());

  if ("serviceWorker" in navigator) {
    listen(navigator.serviceWorker, "message", (event) => {
      const data: unknown = (event as MessageEvent).data;
      if (!isFlushedMessage(data)) return;
      for (const name of data.sections) if (isSectionName(name)) emitLocal(name);
      scheduleRetry(data.nextRetryAt);
    });
    navigator.serviceWorker.startMessages();
  }

  if (typeof BroadcastChannel !== "undefined") {
    const own = new BroadcastChannel(CHANNEL_NAME);
    own.onmessage = (event: MessageEvent) => {
      const section: unknown = (event.data as { section?: unknown } | null)?.section;
      if (isSectionName(section)) emitLocal(section);
    };
    channel = own;
    stops.push(() => {
      own.close();
      if (channel === own) channel = null;
    });
  }

  void restoreUnstored().then(() => flushFromPage("start"));

  return () => {
    for (const stop of stops.splice(0)) stop();
    scheduleRetry(null);
  };
}

// --- Counting and clearing ----------------------------------------------------------

/** Writes not yet on the server: sections with a draft or a save still waiting, plus other writes. */
export async function pendingCount(): Promise<number> {
  const [drafts, items] = await Promise.all([listDrafts("selfie:"), listOutbox()]);
  const sections = new Set<string>(drafts.map((d) => d.key.slice("selfie:".length)));
  for (const name of scheduled.keys()) sections.add(name);
  return sections.size + items.filter((item) => item.section === undefined).length;
}

/** Caches that hold reference data or the app itself; every other cache is personal. */
const SHARED_CACHES = [/^workbox-precache/, /^taxonomy$/];

/**
 * At logout: this person's drafts, outbox, server copies, meta and runtime API caches.
 * The occupation list is reference data and stays. Unsaved typing is dropped: the app
 * warns first (pendingCount).
 */
export async function clearLocalData(): Promise<void> {
  for (const name of [...scheduled.keys()]) cancelScheduled(name);
  writeUnstored({});
  restored = null;
  scheduleRetry(null);
  lastCsrfCopy = "";
  await clearPersonalData();
  if (typeof caches !== "undefined") {
    const names = await caches.keys();
    await Promise.all(
      names.filter((name) => !SHARED_CACHES.some((shared) => shared.test(name))).map((name) => caches.delete(name)),
    );
  }
  for (const name of SECTION_NAMES) emitLocal(name);
}

export type { BackgroundSyncRecord } from "./flush-outbox";

/** When the service worker last sent the outbox on a Background Sync event. */
export function lastBackgroundSync(): Promise<BackgroundSyncRecord | undefined> {
  return getMeta<BackgroundSyncRecord>(LAST_BACKGROUND_SYNC_KEY);
}

/** The meta record naming whose data this phone holds. */
const OWNER_KEY = "dataOwner";

/**
 * Call after login and at boot with the logged-in person's id. When the local data
 * belongs to someone else (their session ended without a logout, then another person
 * logged in on this phone), it is cleared first, so their drafts never go out under the
 * new account. Resolves true when it cleared something.
 */
export async function claimLocalData(userId: number | string): Promise<boolean> {
  const owner = await getMeta<string>(OWNER_KEY);
  const me = String(userId);
  if (owner === me) return false;
  const foreign = owner !== undefined;
  if (foreign) await clearLocalData();
  await setMeta(OWNER_KEY, me);
  return foreign;
}
