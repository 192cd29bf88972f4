// The three-way merge of a selfie section after a 412: `base` is the server copy the
// draft started from, `mine` the draft, `theirs` the server's current copy. Pure: no
// IndexedDB, no fetch, so every rule below is unit-tested on its own.
//
// Rules, applied from the top of the section down:
// - a value only one side changed is taken from that side;
// - both sides changed it to the same value: that value;
// - objects that both sides changed merge key by key (interests.answers, schedule days,
//   languages.dutch, ...);
// - lists of objects with an identity merge item by item (below), the fields of an item
//   key by key; a removed item against a changed one is a conflict;
// - lists of plain values that are sets (each value once, order means nothing) merge as
//   sets: what one side added is added, what one side removed is removed;
// - any other list is one value;
// - a value both sides changed to different values is a conflict. The merged section
//   keeps mine there until the person chooses; the conflict holds both values, so
//   nothing is silently dropped.
// A value left out and `null` are the same ("not answered", docs/selfie.md).
import type { SectionData } from "../api/selfie";

type Json = unknown;
type Item = Record<string, Json>;

/**
 * Lists of objects merged per item, by the field that identifies an item.
 * - experience.entries: `id`, chosen by the app when the entry is made.
 * - skills.entries: `skill_id`; the server allows each skill once.
 * - languages.others: `language`; the server allows each language once.
 * - education.diplomas: `name`: the section has no id field (unknown fields are a 422).
 *   A renamed diploma is then a removed one plus a new one, which merges fine unless the
 *   other side changed the old one (a conflict the person sees).
 * When any item of a list lacks its identity, or one appears twice (a half-typed
 * diploma without a name), that list is merged as one value instead.
 */
export const IDENTITY_FIELDS: Readonly<Record<string, string>> = {
  "experience.entries": "id",
  "skills.entries": "skill_id",
  "languages.others": "language",
  "education.diplomas": "name",
};

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Lists of plain values where each value appears once (the server refuses repeats). */
export const SET_FIELDS: ReadonlySet<string> = new Set([
  "basics.contact_methods",
  "location.travel_modes",
  ...WEEKDAYS.map((day) => `availability.schedule.${day}`),
  "skills.rejected_suggestions",
  "wishes.occupation_ids",
  "wishes.work_kinds",
  "wishes.learn_skill_ids",
  "visibility.shared_sections",
]);

export interface MergeConflict {
  /** Dotted, with the section first: "basics.display_name", "experience.entries.<id>.title". */
  path: string;
  /** The same path as keys and item identities (an identity may contain a dot). */
  segments: string[];
  /** null: not answered, or (for a list item) removed. */
  mine: Json;
  theirs: Json;
}

export interface MergeResult {
  merged: SectionData;
  conflicts: MergeConflict[];
}

function isObject(value: Json): value is Item {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const orNull = (value: Json): Json => (value === undefined ? null : value);

/** Deep equality where a missing member and a null member are the same. */
export function sameValue(a: Json, b: Json): boolean {
  a = orNull(a);
  b = orNull(b);
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((value, index) => sameValue(value, b[index]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameValue(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/** The identity of each item, or null when the list cannot be merged per item. */
function identities(list: Json, field: string): string[] | null {
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) return null;
  const ids: string[] = [];
  for (const item of list) {
    if (!isObject(item)) return null;
    const id = item[field];
    if ((typeof id !== "string" && typeof id !== "number") || id === "") return null;
    ids.push(String(id));
  }
  return new Set(ids).size === ids.length ? ids : null;
}

function isSet(list: Json): list is Array<string | number | boolean> {
  if (!Array.isArray(list)) return false;
  if (!list.every((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")) {
    return false;
  }
  return new Set(list).size === list.length;
}

// A pattern is a path's keys with list items as "[]" ("experience.entries[].title"): what
// the rules above are written against.
class Merger {
  readonly conflicts: MergeConflict[] = [];

  value(pattern: string, segments: string[], base: Json, mine: Json, theirs: Json): Json {
    if (sameValue(mine, theirs)) return mine;
    if (sameValue(mine, base)) return theirs;
    if (sameValue(theirs, base)) return mine;
    // Both sides changed it, differently.
    if (isObject(mine) && isObject(theirs) && (isObject(base) || orNull(base) === null)) {
      return this.object(pattern, segments, isObject(base) ? base : {}, mine, theirs);
    }
    const idField = IDENTITY_FIELDS[pattern];
    if (idField !== undefined) {
      const merged = this.identityList(pattern, segments, idField, base, mine, theirs);
      if (merged !== undefined) return merged;
    }
    if (SET_FIELDS.has(pattern) && isSet(mine) && isSet(theirs) && (isSet(base) || orNull(base) === null)) {
      return mergeSets(isSet(base) ? base : [], mine, theirs);
    }
    return this.conflict(segments, mine, theirs);
  }

  conflict(segments: string[], mine: Json, theirs: Json): Json {
    this.conflicts.push({ path: segments.join("."), segments: segments.slice(1), mine: orNull(mine), theirs: orNull(theirs) });
    return mine;
  }

  object(pattern: string, segments: string[], base: Item, mine: Item, theirs: Item): Item {
    const out: Item = {};
    const keys = [...Object.keys(mine), ...Object.keys(theirs).filter((k) => !(k in mine))];
    for (const key of keys) {
      const value = this.value(`${pattern}.${key}`, [...segments, key], base[key], mine[key], theirs[key]);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }

  /** Item by item; undefined when some list has items without a clean identity. */
  identityList(
    pattern: string,
    segments: string[],
    field: string,
    base: Json,
    mine: Json,
    theirs: Json,
  ): Json[] | undefined {
    const baseIds = identities(base, field);
    const mineIds = identities(mine, field);
    const theirIds = identities(theirs, field);
    if (!baseIds || !mineIds || !theirIds) return undefined;
    const byId = (list: Json, ids: string[]) =>
      new Map(ids.map((id, index) => [id, (list as Item[])[index] as Item]));
    const baseItems = byId(base, baseIds);
    const mineItems = byId(mine, mineIds);
    const theirItems = byId(theirs, theirIds);

    const merged = new Map<string, Json>();
    for (const id of new Set([...mineIds, ...theirIds, ...baseIds])) {
      const value = this.value(`${pattern}[]`, [...segments, id], baseItems.get(id), mineItems.get(id), theirItems.get(id));
      if (isObject(value)) merged.set(id, value);
    }
    return orderItems(baseIds, mineIds, theirIds, merged);
  }
}

/**
 * Mine's order. An item only theirs has goes after its neighbour in their list, and
 * after the items I added there too (so both sides' additions stay in one block each).
 */
function orderItems(baseIds: string[], mineIds: string[], theirIds: string[], merged: Map<string, Json>): Json[] {
  const order = mineIds.filter((id) => merged.has(id));
  const addedByMe = (id: string | undefined) =>
    id !== undefined && !baseIds.includes(id) && !theirIds.includes(id);
  theirIds.forEach((id, index) => {
    if (!merged.has(id) || order.includes(id)) return;
    const before = theirIds.slice(0, index).reverse().find((other) => order.includes(other));
    let at = before === undefined ? 0 : order.indexOf(before) + 1;
    while (addedByMe(order[at])) at += 1;
    order.splice(at, 0, id);
  });
  return order.map((id) => merged.get(id));
}

function mergeSets<T extends string | number | boolean>(base: T[], mine: T[], theirs: T[]): T[] {
  const removedByThem = new Set(base.filter((v) => !theirs.includes(v)));
  const out = mine.filter((v) => !removedByThem.has(v));
  for (const v of theirs) if (!base.includes(v) && !out.includes(v)) out.push(v);
  return out;
}

/** Merge one section; `section` is its name, the first part of every conflict path. */
export function mergeSection(
  section: string,
  base: SectionData | null | undefined,
  mine: SectionData,
  theirs: SectionData,
): MergeResult {
  const merger = new Merger();
  const merged = merger.value(section, [section], base ?? {}, mine, theirs);
  return { merged: isObject(merged) ? merged : {}, conflicts: merger.conflicts };
}

/** The value at `segments` (relative to the section); undefined when absent. */
export function valueAt(section: string, data: SectionData, segments: readonly string[]): Json {
  let pattern = section;
  let current: Json = data;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      const field = IDENTITY_FIELDS[pattern];
      if (field === undefined) return undefined;
      current = current.find((item) => isObject(item) && String(item[field]) === segment);
      pattern = `${pattern}[]`;
    } else if (isObject(current)) {
      current = current[segment];
      pattern = `${pattern}.${segment}`;
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * A copy of `data` with `value` at `segments`. For a list item, null removes the item
 * and an item that is not there is added at the end.
 */
export function withValueAt(section: string, data: SectionData, segments: readonly string[], value: Json): SectionData {
  const set = (pattern: string, container: Json, rest: readonly string[]): Json => {
    const [segment, ...tail] = rest;
    if (segment === undefined) return value;
    if (Array.isArray(container) && IDENTITY_FIELDS[pattern] !== undefined) {
      const field = IDENTITY_FIELDS[pattern];
      const index = container.findIndex((item) => isObject(item) && String(item[field]) === segment);
      const itemPattern = `${pattern}[]`;
      if (tail.length === 0) {
        if (orNull(value) === null) return container.filter((_, i) => i !== index);
        return index < 0
          ? [...container, value]
          : container.map((item, i) => (i === index ? value : item));
      }
      if (index < 0) return container; // the item is gone: nothing to set a field of
      return container.map((item, i) => (i === index ? set(itemPattern, item, tail) : item));
    }
    const object: Item = isObject(container) ? container : {};
    return { ...object, [segment]: set(`${pattern}.${segment}`, object[segment], tail) };
  };
  const out = set(section, data, segments);
  return isObject(out) ? out : {};
}
