// Drafts (what the person typed that the server does not have yet, with the server copy
// it started from) and the last server copy of each selfie section. Both are this
// person's data: clearPersonalData() (outbox.ts) removes them at logout.
import { getDb, type Draft, type ServerSection } from "./db";

export type { Draft, DraftConflict, ServerSection } from "./db";

/** The drafts-store key of a selfie section. */
export function sectionDraftKey(name: string): string {
  return `selfie:${name}`;
}

export async function getDraft(key: string): Promise<Draft | undefined> {
  return (await getDb()).get("drafts", key);
}

export async function putDraft(draft: Draft): Promise<void> {
  await (await getDb()).put("drafts", draft);
}

export async function deleteDraft(key: string): Promise<void> {
  await (await getDb()).delete("drafts", key);
}

/** Every draft whose key starts with `prefix` (all drafts without one). */
export async function listDrafts(prefix = ""): Promise<Draft[]> {
  const db = await getDb();
  if (!prefix) return db.getAll("drafts");
  // Keys are strings: everything from `prefix` up to `prefix` + the highest code unit.
  return db.getAll("drafts", IDBKeyRange.bound(prefix, `${prefix}\uffff`));
}

export async function getServerSection(name: string): Promise<ServerSection | undefined> {
  return (await getDb()).get("sections", name);
}

export async function listServerSections(): Promise<ServerSection[]> {
  return (await getDb()).getAll("sections");
}

/**
 * Keep a copy the server sent, unless we already hold a newer one: a replayed write
 * answers with the section as it was then, which must not hide a later version.
 * Resolves true when the copy was stored.
 */
export async function putServerSection(section: ServerSection): Promise<boolean> {
  const tx = (await getDb()).transaction("sections", "readwrite");
  const known = await tx.store.get(section.name);
  const newer = !known || known.version <= section.version;
  if (newer) await tx.store.put(section);
  await tx.done;
  return newer;
}
