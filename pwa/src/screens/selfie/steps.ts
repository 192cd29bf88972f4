// The wizard's map: which screen a path shows, and which screen comes before and after.
// One section per screen; experience entries, the other languages and the 48 RIASEC
// statements get screens of their own, so every screen is small.
import { SECTION_NAMES, type SectionName } from "../../api/selfie";

export const INTEREST_ITEM_COUNT = 48;

export type Step =
  | { section: Exclude<SectionName, "experience" | "languages" | "interests"> }
  | { section: "experience"; entry: string | null }
  | { section: "languages"; part: "dutch" | "others" }
  | { section: "interests"; item: "intro" | "result" | number };

function isSection(value: string | undefined): value is SectionName {
  return (SECTION_NAMES as readonly string[]).includes(value ?? "");
}

/** The step of a wizard path ("/selfie/<section>[/<step>]"), or null when there is none. */
export function parseStep(parts: readonly string[]): Step | null {
  if (parts[0] !== "selfie" || parts.length > 3) return null;
  const section = parts[1];
  const sub = parts[2];
  if (!isSection(section)) return null;
  switch (section) {
    case "experience":
      return { section, entry: sub ?? null };
    case "languages":
      if (sub === undefined) return { section, part: "dutch" };
      return sub === "others" ? { section, part: "others" } : null;
    case "interests": {
      if (sub === undefined) return { section, item: "intro" };
      if (sub === "result") return { section, item: "result" };
      const n = /^\d{1,2}$/.test(sub) ? Number(sub) : NaN;
      return n >= 1 && n <= INTEREST_ITEM_COUNT ? { section, item: n } : null;
    }
    default:
      return sub === undefined ? { section } : null;
  }
}

export function stepPath(step: Step): string {
  const base = `/selfie/${step.section}`;
  switch (step.section) {
    case "experience":
      return step.entry ? `${base}/${encodeURIComponent(step.entry)}` : base;
    case "languages":
      return step.part === "others" ? `${base}/others` : base;
    case "interests":
      return step.item === "intro" ? base : `${base}/${step.item}`;
    default:
      return base;
  }
}

/** The first screen of a section. */
export function sectionStart(section: SectionName): string {
  return `/selfie/${section}`;
}

/** Where "next" goes from the last screen of a section: the next section, or Home. */
export function afterSection(section: SectionName): string {
  const next = SECTION_NAMES[SECTION_NAMES.indexOf(section) + 1];
  return next ? sectionStart(next) : "/home";
}

/** Where "back" goes from the first screen of a section: the last screen of the one before. */
export function beforeSection(section: SectionName): string {
  const previous = SECTION_NAMES[SECTION_NAMES.indexOf(section) - 1];
  if (!previous) return "/home";
  if (previous === "languages") return stepPath({ section: "languages", part: "others" });
  if (previous === "interests") return stepPath({ section: "interests", item: "result" });
  return sectionStart(previous);
}

/** "Next" from this step. An experience entry returns to the list of entries. */
export function nextPath(step: Step): string {
  switch (step.section) {
    case "experience":
      return step.entry ? sectionStart("experience") : afterSection("experience");
    case "languages":
      return step.part === "dutch" ? stepPath({ section: "languages", part: "others" }) : afterSection("languages");
    case "interests":
      if (step.item === "intro") return stepPath({ section: "interests", item: 1 });
      if (step.item === "result") return afterSection("interests");
      return stepPath({ section: "interests", item: step.item >= INTEREST_ITEM_COUNT ? "result" : step.item + 1 });
    default:
      return afterSection(step.section);
  }
}

/** "Back" from this step. */
export function backPath(step: Step): string {
  switch (step.section) {
    case "experience":
      return step.entry ? sectionStart("experience") : beforeSection("experience");
    case "languages":
      return step.part === "others" ? sectionStart("languages") : beforeSection("languages");
    case "interests":
      if (step.item === "intro") return beforeSection("interests");
      if (step.item === "result") return stepPath({ section: "interests", item: INTEREST_ITEM_COUNT });
      return stepPath({ section: "interests", item: step.item <= 1 ? "intro" : step.item - 1 });
    default:
      return beforeSection(step.section);
  }
}

/** 1-based place of the section in the wizard, for "Stap 3 van 10". */
export function sectionNumber(section: SectionName): number {
  return SECTION_NAMES.indexOf(section) + 1;
}
