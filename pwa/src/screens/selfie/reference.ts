// Words the screens need that come from the server (the RIASEC statements, education
// levels, skill names), kept in IndexedDB meta so the wizard also works offline once
// they were fetched. The network answer wins; the stored copy is the fallback.
import {
  fetchInterestItems,
  fetchSkillProposals,
  type InterestItem,
  type Lang,
  type SkillProposal,
} from "../../api/selfie";
import { listEducationLevels, type EducationLevel } from "../../api/taxonomy";
import { getMeta, setMeta } from "../../store/db";

const memory = new Map<string, unknown>();

async function cached<T>(key: string, fetcher: () => Promise<T>, isValid: (value: unknown) => value is T): Promise<T> {
  try {
    const fresh = await fetcher();
    memory.set(key, fresh);
    setMeta(key, fresh).catch(() => undefined); // storage full or blocked: the network copy still works
    return fresh;
  } catch (error) {
    const held = memory.get(key) ?? (await getMeta<unknown>(key).catch(() => undefined));
    if (isValid(held)) return held;
    throw error;
  }
}

const isList = <T>(value: unknown): value is T[] => Array.isArray(value) && value.length > 0;

export function interestItems(lang: Lang): Promise<InterestItem[]> {
  return cached(`ref.interest-items.${lang}`, () => fetchInterestItems(lang), isList<InterestItem>);
}

export function educationLevels(lang: Lang): Promise<EducationLevel[]> {
  return cached(`ref.education-levels.${lang}`, () => listEducationLevels(lang), isList<EducationLevel>);
}

/** Skill proposals; offline the last list (the screen filters out what was answered since). */
export function skillProposals(lang: Lang): Promise<SkillProposal[]> {
  return cached(`ref.skill-proposals`, () => fetchSkillProposals(lang), (v): v is SkillProposal[] => Array.isArray(v)).then(
    (proposals) => {
      rememberSkillLabels(proposals.map((p) => ({ id: p.skill_id, label: p.label })));
      return proposals;
    },
  );
}

// --- Skill names ---------------------------------------------------------------
// A section stores skill ids only, and the API has no "name of this skill id" call. The
// names are known when a skill is picked or proposed, so they are kept here by id.

const SKILL_LABELS_KEY = "ref.skill-labels";
let skillNames: Promise<Record<string, string>> | null = null;

function loadSkillNames(): Promise<Record<string, string>> {
  skillNames ??= getMeta<unknown>(SKILL_LABELS_KEY)
    .catch(() => undefined)
    .then((stored) => (typeof stored === "object" && stored !== null ? { ...(stored as Record<string, string>) } : {}));
  return skillNames;
}

export function rememberSkillLabels(pairs: ReadonlyArray<{ id: string; label: string }>): Promise<void> {
  if (pairs.length === 0) return Promise.resolve();
  return loadSkillNames().then((names) => {
    let changed = false;
    for (const { id, label } of pairs) {
      if (names[id] !== label) {
        names[id] = label;
        changed = true;
      }
    }
    if (changed) setMeta(SKILL_LABELS_KEY, names).catch(() => undefined);
  });
}

/** Keep the names the server sends with the skills section (derived.skill_labels), so a
 * skill picked on another phone has its name here too. */
export function rememberServerSkillLabels(derived: Record<string, unknown> | undefined, lang: Lang): Promise<void> {
  const labels = derived?.["skill_labels"];
  if (typeof labels !== "object" || labels === null) return Promise.resolve();
  const pairs: { id: string; label: string }[] = [];
  for (const [id, names] of Object.entries(labels)) {
    const label: unknown = typeof names === "object" && names !== null ? (names as Record<string, unknown>)[lang] : null;
    if (typeof label === "string" && label) pairs.push({ id, label });
  }
  return rememberSkillLabels(pairs);
}

export async function skillLabels(): Promise<Readonly<Record<string, string>>> {
  return loadSkillNames();
}

/** Meta keys of this module, so logging out can remove them with the person's data. */
export const REFERENCE_KEYS = [
  SKILL_LABELS_KEY,
  "ref.skill-proposals",
  "ref.interest-items.nl",
  "ref.interest-items.en",
  "ref.education-levels.nl",
  "ref.education-levels.en",
];

/** Forget what is held in memory (on logout; the stored copies go with REFERENCE_KEYS). */
export function forgetReference(): void {
  memory.clear();
  skillNames = null;
}
