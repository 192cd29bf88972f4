// The offline occupation list: every occupation with its alternative labels, one record
// per language in IndexedDB (reference data: it stays at logout). Searched in memory
// after it is loaded once, so picking an occupation works without a connection.
import { ApiError } from "../api/client";
import type { Lang } from "../api/selfie";
import { fetchOccupation, fetchOccupationLabels, searchOccupationsOnline } from "../api/taxonomy";
import { getDb, type OccupationEntry, type OccupationList } from "./db";

export interface OccupationHit {
  id: string;
  label: string;
  /** The alternative label that matched, when it is not `label`. */
  matchedLabel?: string;
}

/** Ask the server again (a 304 while unchanged) once the copy is this old. */
export const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const MIN_INFIX_LENGTH = 3;

/** Lower case, without accents, split into words: "Café-medewerker" → ["cafe", "medewerker"]. */
export function words(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

interface IndexedLabel {
  text: string;
  words: string[];
  joined: string;
}

interface IndexedOccupation {
  id: string;
  label: IndexedLabel;
  alternatives: IndexedLabel[];
}

interface OccupationIndex {
  items: IndexedOccupation[];
  byId: Map<string, string>;
}

const indexLabel = (text: string): IndexedLabel => {
  const w = words(text);
  return { text, words: w, joined: w.join(" ") };
};

export function buildIndex(occupations: readonly OccupationEntry[]): OccupationIndex {
  return {
    items: occupations.map((o) => ({ id: o.id, label: indexLabel(o.label), alternatives: o.alt_labels.map(indexLabel) })),
    byId: new Map(occupations.map((o) => [o.id, o.label])),
  };
}

/**
 * How well `label` matches the query words: 0 every word is the start of a word of the
 * label; 1 every word is inside a word (Dutch compounds: "chauffeur" in
 * "heftruckchauffeur"; only for words of 3 letters or more); null no match.
 */
function matchKind(label: IndexedLabel, query: string[]): 0 | 1 | null {
  if (query.every((q) => label.words.some((w) => w.startsWith(q)))) return 0;
  if (query.every((q) => q.length >= MIN_INFIX_LENGTH && label.words.some((w) => w.includes(q)))) return 1;
  return null;
}

interface Ranked {
  hit: OccupationHit;
  rank: [number, number, number, number];
  text: string;
}

/** Search the index: preferred labels before alternatives, then closer and shorter first. */
export function searchIndex(index: OccupationIndex, query: string, limit = 10): OccupationHit[] {
  const q = words(query);
  if (q.length === 0) return [];
  const joined = q.join(" ");
  const ranked: Ranked[] = [];
  for (const item of index.items) {
    let best: Ranked | null = null;
    for (const [position, label] of [item.label, ...item.alternatives].entries()) {
      const kind = matchKind(label, q);
      if (kind === null) continue;
      const preferred = position === 0 ? 0 : 1;
      const exact = label.joined === joined ? 0 : label.joined.startsWith(joined) ? 1 : 2;
      const rank: Ranked["rank"] = [kind, preferred, exact, label.joined.length];
      if (!best || compareRanks(rank, best.rank) < 0) {
        const hit: OccupationHit = { id: item.id, label: item.label.text };
        if (preferred) hit.matchedLabel = label.text;
        best = { hit, rank, text: label.text };
      }
    }
    if (best) ranked.push(best);
  }
  ranked.sort((a, b) => compareRanks(a.rank, b.rank) || a.text.localeCompare(b.text, "nl"));
  return ranked.slice(0, Math.max(1, limit)).map((r) => r.hit);
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// --- Stored list and memory ---------------------------------------------------------

const indexes = new Map<Lang, Promise<OccupationIndex | null>>();
const syncing = new Map<Lang, Promise<void>>();

async function readList(lang: Lang): Promise<OccupationList | undefined> {
  return (await getDb()).get("occupations", lang);
}

/** The in-memory index of the stored list (loaded once), or null when none is stored. */
function loadIndex(lang: Lang): Promise<OccupationIndex | null> {
  let loading = indexes.get(lang);
  if (!loading) {
    loading = readList(lang).then((list) => (list && list.occupations.length > 0 ? buildIndex(list.occupations) : null));
    // A list that is not there yet is looked for again next time.
    loading.then(
      (index) => {
        if (!index) indexes.delete(lang);
      },
      () => indexes.delete(lang),
    );
    indexes.set(lang, loading);
  }
  return loading;
}

function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

/**
 * Download the list into IndexedDB when it is missing or older than a day (then a
 * conditional request: usually a 304). Safe to call often: one check at a time, and
 * a failure (offline) leaves the stored copy as it is.
 */
export function syncOccupationList(lang: Lang): Promise<void> {
  const running = syncing.get(lang);
  if (running) return running;
  const task = (async () => {
    try {
      const stored = await readList(lang);
      if ((stored && Date.now() - stored.checkedAt < MAX_AGE_MS) || isOffline()) return;
      // No transaction is open while the request runs.
      const answer = await fetchOccupationLabels(lang, stored?.etag ?? null);
      const db = await getDb();
      if (!answer.changed) {
        if (stored) await db.put("occupations", { ...stored, checkedAt: Date.now() });
        return;
      }
      await db.put("occupations", {
        lang,
        etag: answer.etag,
        lastModified: answer.lastModified,
        checkedAt: Date.now(),
        occupations: answer.document.occupations,
      });
      indexes.delete(lang); // the next search loads the new list
    } catch (error) {
      if (!(error instanceof ApiError)) console.warn("Storing the occupation list failed", error);
    } finally {
      syncing.delete(lang);
    }
  })();
  syncing.set(lang, task);
  return task;
}

/**
 * Search occupations offline: accents and case do not matter, every word typed matches
 * the start of a word, preferred labels come first. Without a stored list yet, ask the
 * server (and fetch the list for next time).
 */
export async function searchOccupations(query: string, lang: Lang, limit = 10): Promise<OccupationHit[]> {
  if (words(query).length === 0) return [];
  const index = await loadIndex(lang).catch(() => null);
  if (index) return searchIndex(index, query, limit);
  void syncOccupationList(lang);
  // The server's answer has Dutch labels whatever the language.
  const matches = await searchOccupationsOnline(query, limit);
  return matches.map((m) => (m.matched_label ? { id: m.id, label: m.label, matchedLabel: m.matched_label } : { id: m.id, label: m.label }));
}

/** The preferred label of an occupation, offline when the list is stored; null when unknown. */
export async function occupationLabel(id: string, lang: Lang): Promise<string | null> {
  const index = await loadIndex(lang).catch(() => null);
  const known = index?.byId.get(id);
  if (known !== undefined) return known;
  try {
    const occupation = await fetchOccupation(id);
    return lang === "en" ? occupation.label_en : occupation.label;
  } catch {
    return null; // offline, or no such occupation
  }
}

/** Forget the lists in memory (tests). */
export function resetOccupationMemory(): void {
  indexes.clear();
  syncing.clear();
}
