// Numbers, dates and days as the person reads them, in the app's language.
import type { DayPart, Weekday } from "../../api/vacancies";
import { DAY_NAMES, PART_NAMES } from "../../components/availability-grid";
import { getLang, t } from "../../i18n";
import { tw, type WorkKey } from "./words";
import { ApiError } from "../../api/client";

const LOCALES = { nl: "nl-NL", en: "en-GB" } as const;
const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function locale(): string {
  return LOCALES[getLang()];
}

/** 3.25 → "3,3" in Dutch, "3.3" in English. */
export function formatKm(km: number, lang: "nl" | "en" = getLang()): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(km);
}

/** A date ("2026-12-07") as "maandag 7 december 2026". */
export function formatDate(iso: string, lang: "nl" | "en" = getLang()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(LOCALES[lang], { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(date);
}

/** A moment ("2026-12-07T13:30:00+00:00") in local time: "maandag 7 december 14:30". */
export function formatMoment(iso: string, lang: "nl" | "en" = getLang()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(time));
}

/** The time of day of a stored copy: "14:30". */
export function formatClock(epochMs: number): string {
  return new Intl.DateTimeFormat(locale(), { hour: "2-digit", minute: "2-digit" }).format(new Date(epochMs));
}

/** The working days in week order, each with its parts: "Maandag: ochtend, middag". */
export function scheduleLines(schedule: Partial<Record<Weekday, DayPart[]>>): string[] {
  return WEEKDAYS.filter((day) => (schedule[day] ?? []).length > 0).map((day) =>
    tw("vacancy.dayParts", {
      day: t(DAY_NAMES[day]),
      parts: (schedule[day] ?? []).map((part) => t(PART_NAMES[part]).toLowerCase()).join(", "),
    }),
  );
}

/** The working days only: "Maandag, woensdag". */
export function dayNames(schedule: Partial<Record<Weekday, DayPart[]>>): string {
  const names = WEEKDAYS.filter((day) => (schedule[day] ?? []).length > 0).map((day) => t(DAY_NAMES[day]));
  return names.map((name, i) => (i === 0 ? name : name.toLowerCase())).join(", ");
}

const POSTCODE = /^[1-9]\d{3}\s?([A-Za-z]{2})?$/;

/** What is wrong with a typed postcode (PC4 or PC6), or null. */
export function postcodeProblem(value: string): WorkKey | null {
  const postcode = value.trim();
  if (!postcode) return "nearby.required";
  return POSTCODE.test(postcode) ? null : "nearby.postcodeInvalid";
}

/**
 * What to tell the person when a call failed: our words for the codes we know, the
 * offline sentence when there was no connection (`write`: the action was not done).
 */
export function failureText(error: unknown, codes: Readonly<Record<string, WorkKey>> = {}, write = false): string {
  if (!(error instanceof ApiError)) return t("error.unknown");
  if (error.isNetworkError) return tw(write ? "common.offlineWrite" : "common.loadFailed");
  const known = codes[error.code];
  if (known) return tw(known);
  if (error.status >= 500) return t("error.server");
  return error.message || t("error.unknown");
}
