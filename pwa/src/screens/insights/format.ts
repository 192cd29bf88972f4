// Numbers, categories and skill names of the insights screens, in the app's language.
import type { Protected } from "../../api/insights";
import { getLang } from "../../i18n";
import { ti, type InsightsKey } from "./words";

const LOCALES = { nl: "nl-NL", en: "en-GB" } as const;

/** 1230 → "1.230" in Dutch, "1,230" in English. */
export function formatNumber(value: number, lang: "nl" | "en" = getLang()): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(value);
}

/** A count, or "verborgen" when it is not published. */
export function formatCount(value: Protected): string {
  return value === null ? ti("common.hidden") : formatNumber(value);
}

/** A mismatch index (-1 … 1) with two decimals. */
export function formatIndex(value: number | null, lang: "nl" | "en" = getLang()): string {
  if (value === null) return ti("common.hidden");
  return new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** "2026-12-07" as "7 december 2026". */
export function formatDay(iso: string, lang: "nl" | "en" = getLang()): string {
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(LOCALES[lang], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** The size of a file in kB (at least 1). */
export function formatSize(bytes: number): string {
  return ti("downloads.kb", { size: formatNumber(Math.max(1, Math.round(bytes / 1024))) });
}

export type Breakdown = "days" | "education" | "dutch" | "interest" | "distance";

/** The words for a category of a breakdown ("3" days → "3 dagen"; "S" → "Sociaal"). */
export function categoryLabel(breakdown: Breakdown, category: string): string {
  if (category === "onbekend") return ti("cat.unknown");
  if (breakdown === "days") return category === "1" ? ti("cat.days1") : ti("cat.daysN", { n: category });
  if (breakdown === "dutch") return category; // A0 … C2: the levels people know from courses
  const key = `cat.${category}` as InsightsKey;
  return key in CATEGORY_KEYS ? ti(key) : category;
}

const CATEGORY_KEYS: Record<string, true> = Object.fromEntries(
  ["laag", "middelbaar", "hoog", "R", "I", "A", "S", "E", "C", "0-5", "5-10", "10-25", "25+", "geen"].map((c) => [
    `cat.${c}`,
    true,
  ]),
);

/** A skill's name in the app's language (ESCO has few Dutch names: English then). */
export function skillName(skill: { label_nl: string | null; label_en: string }, lang: "nl" | "en" = getLang()): string {
  return lang === "nl" && skill.label_nl ? skill.label_nl : skill.label_en;
}
