// The selfie's fields as the screens read and write them (docs/selfie.md). Section data
// comes from IndexedDB and the server as plain JSON, so every read checks the type and
// treats anything unexpected as "not answered"; every write returns a new object.
import type { SectionData } from "../../api/selfie";

export type Data = SectionData;

export const CONTACT_METHODS = ["app", "phone", "sms", "whatsapp", "email"] as const;
export const PHONE_METHODS: readonly string[] = ["phone", "sms", "whatsapp"];
export const TRAVEL_MODES = ["walk", "bike", "public_transport", "car"] as const;
export const EXPERIENCE_KINDS = ["paid", "volunteer", "informal"] as const;
export const SKILL_LEVELS = ["1", "2", "3", "4"] as const;
export const CEFR_LEVELS = ["A0", "A1", "A2", "B1", "B2", "C1", "C2"] as const;
export const LANGUAGE_SKILLS = ["understanding", "speaking", "writing"] as const;
export const WORK_KINDS = ["job", "stage", "opdracht", "open_hiring", "volunteering"] as const;
export const EMPLOYER_VISIBILITY = ["none", "anonymous", "full"] as const;
export const RIASEC_TYPES = ["R", "I", "A", "S", "E", "C"] as const;

export type ContactMethod = (typeof CONTACT_METHODS)[number];
export type TravelMode = (typeof TRAVEL_MODES)[number];
export type ExperienceKind = (typeof EXPERIENCE_KINDS)[number];
export type Cefr = (typeof CEFR_LEVELS)[number];
export type LanguageSkill = (typeof LANGUAGE_SKILLS)[number];
export type WorkKind = (typeof WORK_KINDS)[number];
export type EmployerVisibility = (typeof EMPLOYER_VISIBILITY)[number];
export type RiasecType = (typeof RIASEC_TYPES)[number];

// --- Reading ---------------------------------------------------------------------

export function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

export function whole(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) ? value : null;
}

export function flag(value: unknown): boolean | null {
  return typeof value === "boolean" ? value : null;
}

export function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function record(value: unknown): Data {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Data) : {};
}

export function records(value: unknown): Data[] {
  return Array.isArray(value) ? value.map(record) : [];
}

/** One of `options`, else null. */
export function oneOf<T extends string>(options: readonly T[], value: unknown): T | null {
  return typeof value === "string" && (options as readonly string[]).includes(value) ? (value as T) : null;
}

/** Only the values that are in `options`, in their order. */
export function someOf<T extends string>(options: readonly T[], value: unknown): T[] {
  const chosen = texts(value);
  return options.filter((option) => chosen.includes(option));
}

/** "Not answered", as the server counts it: null, "", [], {} or an object of blanks. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(isBlank);
  return false;
}

// --- Writing ---------------------------------------------------------------------

/** A copy of `data` with `key` set; a blank text or list becomes null ("not answered"). */
export function put(data: Data, key: string, value: unknown): Data {
  const blank = value === "" || value === undefined || (Array.isArray(value) && value.length === 0);
  return { ...data, [key]: blank ? null : value };
}

/** A copy of the list with item `index` replaced. */
export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((old, i) => (i === index ? item : old));
}

/** A new id for a list entry: the app chooses entry ids, so merges can match entries. */
export function newEntryId(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
