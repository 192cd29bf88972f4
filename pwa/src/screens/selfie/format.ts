// Readable words for a field and its value, for the conflict screen and the list of what
// is still missing: labels instead of dotted paths, names instead of ids and codes.
import type { Lang, SectionName } from "../../api/selfie";
import { t } from "../../i18n";
import { CEFR_LEVELS, isBlank, oneOf, record, records, text, type Data, type LanguageSkill } from "./model";
import {
  CEFR_SENTENCES,
  CONTACT_WORDS,
  DAY_PART_WORDS,
  DAY_WORDS,
  EMPLOYER_WORDS,
  FIELD_WORDS,
  KIND_WORDS,
  SCALE_WORDS,
  SECTION_TITLES,
  SKILL_LEVEL_WORDS,
  SKILL_SOURCE_WORDS,
  TRAVEL_WORDS,
  WORK_WORDS,
} from "./words";

export interface FormatContext {
  lang: Lang;
  /** Names by id or code: occupations, skills, education levels, RIASEC statements. */
  names: Readonly<Record<string, string>>;
  /** The section as the phone holds it, to name list entries ("experience.entries.<id>"). */
  data: Data;
}

const LISTS: Record<string, true> = { entries: true, diplomas: true, others: true };
const WEEKDAY_ORDER = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** "experience.entries.<id>.title" → "experience.entries.title" (list positions dropped). */
export function fieldKey(path: string): string {
  const parts = path.split(".");
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    out.push(part);
    if (i > 0 && LISTS[part] && i + 1 < parts.length) i++; // skip the entry's id or index
  }
  return out.join(".");
}

export function languageName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(code) ?? code;
  } catch {
    return code; // an unknown code, or a browser without DisplayNames
  }
}

export function monthText(value: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, 1);
  return new Intl.DateTimeFormat(lang, { month: "long", year: "numeric" }).format(date);
}

export function dateText(value: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric" }).format(date);
}

/** The entry a path points at: by the app's entry id, or by position. */
function findEntry(list: Data[], key: string): { entry: Data; index: number } | null {
  const byId = list.findIndex((entry) => entry.id === key || entry.skill_id === key);
  if (byId >= 0) return { entry: list[byId] ?? {}, index: byId };
  const index = /^\d+$/.test(key) ? Number(key) : -1;
  const entry = list[index];
  return entry ? { entry, index } : null;
}

function entryName(section: string, list: string, key: string, ctx: FormatContext): string {
  const found = findEntry(records(ctx.data[list]), key);
  const entry = found?.entry ?? {};
  const n = (found?.index ?? 0) + 1;
  if (section === "experience") {
    const id = text(entry.occupation_id);
    const name = (id && ctx.names[id]) || text(entry.title);
    return name ? t("item.experienceNamed", { name }) : t("item.experience", { n });
  }
  if (section === "skills") {
    const id = text(entry.skill_id) || key;
    return ctx.names[id] ?? t("item.skill", { n });
  }
  if (section === "education") {
    const name = text(entry.name);
    return name ? t("item.diplomaNamed", { name }) : t("item.diploma", { n });
  }
  const code = text(entry.language);
  return code ? languageName(code, ctx.lang) : t("item.language", { n });
}

/** A field's label: "Je naam", "Ervaring: kok – Begonnen in", "Nederlands – Spreken". */
export function pathLabel(path: string, ctx: FormatContext): string {
  const parts = path.split(".");
  const section = parts[0] ?? "";
  const key = fieldKey(path);
  const field = FIELD_WORDS[key];
  const listName = parts[1] ?? "";
  if (LISTS[listName] && parts.length >= 3) {
    const item = entryName(section, listName, parts[2] ?? "", ctx);
    return field && parts.length > 3 ? `${item} – ${t(field)}` : item;
  }
  if (key.startsWith("availability.schedule.")) {
    const day = DAY_WORDS[parts[2] ?? ""];
    return `${t("field.availability.schedule")} – ${day ? t(day) : parts[2]}`;
  }
  if (key.startsWith("interests.answers.")) {
    const id = parts[2] ?? "";
    return t("item.statement", { text: ctx.names[id] ?? id });
  }
  if (key.startsWith("languages.dutch.") && field) return `${t("field.languages.dutch")} – ${t(field)}`;
  if (field) return t(field);
  const title = SECTION_TITLES[section as SectionName];
  return title ? t(title) : path;
}

function wordsFor(values: unknown, map: Record<string, string>): string {
  const list = Array.isArray(values) ? values : [values];
  return list.map((v) => (typeof v === "string" && map[v] ? map[v] : String(v))).join(", ");
}

function translated(map: Record<string, Parameters<typeof t>[0]>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, key]) => [k, t(key)]));
}

function levelsText(levels: Data): string {
  return (["understanding", "speaking", "writing"] as const)
    .filter((skill) => !isBlank(levels[skill]))
    .map((skill) => `${t(`field.languages.${skill}`).toLowerCase()} ${text(levels[skill])}`)
    .join(", ");
}

function scheduleText(schedule: Data): string {
  const parts = translated(DAY_PART_WORDS);
  return WEEKDAY_ORDER.filter((day) => Array.isArray(schedule[day]) && (schedule[day] as unknown[]).length > 0)
    .map((day) => `${t(DAY_WORDS[day] ?? "day.mon")}: ${wordsFor(schedule[day], parts)}`)
    .join("; ");
}

/** An object (a whole entry) at `path` as "Label: value; Label: value". */
function objectText(path: string, value: Data, ctx: FormatContext): string {
  return Object.entries(value)
    .filter(([field, v]) => field !== "id" && !isBlank(v))
    .map(([field, v]) => {
      const label = FIELD_WORDS[fieldKey(`${path}.${field}`)];
      return `${label ? t(label) : field}: ${formatValue(`${path}.${field}`, v, ctx)}`;
    })
    .join("; ");
}

/** A value in words: names for ids and codes, yes/no, months and dates in full. */
export function formatValue(path: string, value: unknown, ctx: FormatContext): string {
  if (isBlank(value)) return t("value.empty");
  const key = fieldKey(path);
  const parts = key.split(".");
  const field = parts[parts.length - 1] ?? "";
  const section = parts[0] ?? "";
  const name = (id: unknown) => (typeof id === "string" ? (ctx.names[id] ?? t("value.unknownName")) : String(id));

  if (typeof value === "boolean") return t(value ? "value.yes" : "value.no");
  if (key.startsWith("availability.schedule.")) return wordsFor(value, translated(DAY_PART_WORDS));
  if (key.startsWith("interests.answers.")) {
    const n = typeof value === "number" ? value : 0;
    return n >= 1 && n <= 5 ? t(SCALE_WORDS[n as 1 | 2 | 3 | 4 | 5]) : String(value);
  }
  switch (field) {
    case "contact_methods":
      return wordsFor(value, translated(CONTACT_WORDS));
    case "travel_modes":
      return wordsFor(value, translated(TRAVEL_WORDS));
    case "preferred_language":
      return wordsFor(value, { nl: t("value.lang.nl"), en: t("value.lang.en") });
    case "kind":
      return wordsFor(value, translated(KIND_WORDS));
    case "work_kinds":
      return wordsFor(value, translated(WORK_WORDS));
    case "employers":
      return wordsFor(value, translated(EMPLOYER_WORDS));
    case "shared_sections":
      return wordsFor(value, translated(SECTION_TITLES));
    case "source":
      return wordsFor(value, translated(SKILL_SOURCE_WORDS));
    case "schedule":
      return scheduleText(record(value));
    case "occupation_id":
    case "skill_id":
      return name(value);
    case "occupation_ids":
    case "learn_skill_ids":
    case "rejected_suggestions":
      return (Array.isArray(value) ? value : [value]).map(name).join(", ");
    case "highest_level":
      return typeof value === "string" ? (ctx.names[value] ?? value) : String(value);
    case "level":
      if (section === "skills" && typeof value === "number" && value >= 1 && value <= 4) {
        return t(SKILL_LEVEL_WORDS[value as 1 | 2 | 3 | 4]);
      }
      return typeof value === "string" ? (ctx.names[value] ?? value) : String(value);
    case "start":
    case "end":
      return typeof value === "string" ? monthText(value, ctx.lang) : String(value);
    case "start_date":
      return typeof value === "string" ? dateText(value, ctx.lang) : String(value);
    case "understanding":
    case "speaking":
    case "writing": {
      const level = oneOf(CEFR_LEVELS, value);
      return level ? `${level}: ${t(CEFR_SENTENCES[field as LanguageSkill][level])}` : String(value);
    }
    case "dutch":
      return levelsText(record(value));
    case "language":
      return typeof value === "string" ? languageName(value, ctx.lang) : String(value);
    case "answers":
      return t("value.answers", { count: Object.keys(record(value)).length });
    case "max_distance_km":
      return t("value.km", { n: String(value) });
    case "hours_per_week_min":
    case "hours_per_week_max":
      return t("value.hours", { n: String(value) });
    default:
      break;
  }
  if (Array.isArray(value)) {
    return value
      .map((item, i) => (typeof item === "object" && item !== null ? objectText(`${path}.${i}`, record(item), ctx) : String(item)))
      .join(" | ");
  }
  if (typeof value === "object" && value !== null) {
    if (section === "languages") {
      const levels = levelsText(record(value));
      const code = text(record(value).language);
      if (levels) return code ? `${languageName(code, ctx.lang)}: ${levels}` : levels;
    }
    return objectText(path, record(value), ctx);
  }
  return String(value);
}

/** Every id in a value (nested), so the screen can look up their names before showing it. */
export function idsIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    found.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) idsIn(item, found);
  } else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) idsIn(item, found);
  }
  return found;
}
