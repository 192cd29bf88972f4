// Reads that still show something offline: every answer is kept on the phone (the meta
// store, cleared at logout), and shown with its time when the network fails.
import { ApiError } from "../../api/client";
import { getMeta, setMeta } from "../../store/db";

const STORE_KEY = "work.lastKnown";
/** Enough for the lists, a few searches and the vacancies opened from them. */
export const MAX_ENTRIES = 40;

interface Entry {
  value: unknown;
  at: number;
}

export interface Known<T> {
  value: T;
  /** When the server gave this answer (epoch ms). */
  at: number;
  /** True when this is the copy on the phone because the network failed. */
  stale: boolean;
}

// One write at a time: two answers arriving together must not overwrite each other.
let writing: Promise<void> = Promise.resolve();

function remember(key: string, value: unknown, at: number): Promise<void> {
  writing = writing.then(() => store(key, value, at)).catch(() => undefined);
  return writing;
}

async function store(key: string, value: unknown, at: number): Promise<void> {
  const stored = (await getMeta<Record<string, Entry>>(STORE_KEY)) ?? {};
  // Oldest first, this key last: the newest MAX_ENTRIES are kept.
  const entries = Object.entries(stored).filter(([k]) => k !== key);
  entries.push([key, { value, at }]);
  await setMeta(STORE_KEY, Object.fromEntries(entries.slice(-MAX_ENTRIES)));
}

/** Load from the server and keep the answer; offline, give the kept copy (or fail). */
export async function loadOrLastKnown<T>(key: string, load: () => Promise<T>): Promise<Known<T>> {
  try {
    const value = await load();
    const at = Date.now();
    void remember(key, value, at); // IndexedDB may be unavailable: then nothing is kept
    return { value, at, stale: false };
  } catch (error) {
    if (error instanceof ApiError && error.isNetworkError) {
      const stored = await getMeta<Record<string, Entry>>(STORE_KEY).catch(() => undefined);
      const entry = stored?.[key];
      if (entry) return { value: entry.value as T, at: entry.at, stale: true };
    }
    throw error;
  }
}
