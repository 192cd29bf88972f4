// How far the selfie is, and the one small step to suggest today.
import { SECTION_NAMES, type SectionName, type SectionStatus } from "../../api/selfie";
import { parseStep, sectionStart } from "./steps";

export interface Completeness {
  done: number;
  total: number;
  /** Whole per cent, rounded like the server's `completeness`. */
  percent: number;
}

export function completeness(statuses: Partial<Record<SectionName, SectionStatus>>): Completeness {
  const total = SECTION_NAMES.length;
  const done = SECTION_NAMES.filter((name) => statuses[name] === "complete").length;
  return { done, total, percent: Math.round((100 * done) / total) };
}

/** The IndexedDB meta key of the wizard position. */
export const POSITION_KEY = "selfie.position";

/** Where the person was in the wizard (kept in IndexedDB meta). */
export interface Position {
  section: SectionName;
  path: string;
}

/** A stored position, checked: it comes from storage and may be from an older version. */
export function readPosition(value: unknown): Position | null {
  if (typeof value !== "object" || value === null) return null;
  const path = (value as { path?: unknown }).path;
  if (typeof path !== "string") return null;
  const step = parseStep(path.split("/").filter(Boolean));
  return step ? { section: step.section, path } : null;
}

/**
 * Today's step: carry on exactly where the person stopped while that section is not
 * complete yet; otherwise the next section that is not complete, after the last one
 * they worked on (so a skipped step comes back at the end of the round, not at once).
 * Null when everything is complete.
 */
export function todaysStep(
  statuses: Partial<Record<SectionName, SectionStatus>>,
  last: Position | null,
): Position | null {
  if (last && statuses[last.section] !== "complete") return last;
  const start = last ? SECTION_NAMES.indexOf(last.section) + 1 : 0;
  for (let i = 0; i < SECTION_NAMES.length; i++) {
    const name = SECTION_NAMES[(start + i) % SECTION_NAMES.length];
    if (name && statuses[name] !== "complete") return { section: name, path: sectionStart(name) };
  }
  return null;
}
