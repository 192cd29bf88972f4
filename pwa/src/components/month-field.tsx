// A month and a year (YYYY-MM), as a month list and a year input: <input type="month">
// is missing or awkward in several browsers.
import { useEffect, useState } from "preact/hooks";
import { getLang, t } from "../i18n";
import { FieldGroup } from "./field-frame";

interface MonthFieldProps {
  id: string;
  legend: string;
  hint?: string;
  /** "YYYY-MM" or null. */
  value: string | null;
  onValue: (value: string | null) => void;
  error?: string | null;
  /** The latest allowed month ("YYYY-MM"), e.g. this month for a start. */
  latest?: string;
  /** The earliest allowed month, e.g. the start for an end. */
  earliest?: string | null;
}

export function monthNames(lang: string): string[] {
  const format = new Intl.DateTimeFormat(lang, { month: "long" });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(2000, i, 1)));
}

/** This month as "YYYY-MM". */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

/** Month and year → "YYYY-MM"; null when either is missing; an error key when wrong. */
export function joinMonth(
  month: string,
  year: string,
  latest?: string,
  earliest?: string | null,
): { value: string | null; problem: "year" | "late" | "early" | null } {
  const y = year.trim();
  if (!month || !y) return { value: null, problem: y && !/^(19|20)\d\d$/.test(y) ? "year" : null };
  if (!/^(19|20)\d\d$/.test(y)) return { value: null, problem: "year" };
  const value = `${y}-${month}`;
  if (latest && value > latest) return { value: null, problem: "late" };
  if (earliest && value < earliest) return { value: null, problem: "early" };
  return { value, problem: null };
}

export function MonthField({ id, legend, hint, value, onValue, error, latest, earliest }: MonthFieldProps) {
  const [month, setMonth] = useState(value?.slice(5, 7) ?? "");
  const [year, setYear] = useState(value?.slice(0, 4) ?? "");
  useEffect(() => {
    // A change from elsewhere (a merge): show it, unless the fields already say it.
    if (joinMonth(month, year, latest, earliest).value !== value) {
      setMonth(value?.slice(5, 7) ?? "");
      setYear(value?.slice(0, 4) ?? "");
    }
  }, [value]);
  const { problem } = joinMonth(month, year, latest, earliest);
  const ownError =
    problem === "year"
      ? t("error.year")
      : problem === "late"
        ? t("error.monthFuture")
        : problem === "early"
          ? t("error.endBeforeStart")
          : null;
  const shown = ownError ?? error ?? null;
  const change = (nextMonth: string, nextYear: string) => {
    setMonth(nextMonth);
    setYear(nextYear);
    const joined = joinMonth(nextMonth, nextYear, latest, earliest);
    // Both empty clears the answer; a half-filled pair waits until it is whole.
    if (joined.value !== null || (!nextMonth && !nextYear.trim())) {
      if (joined.value !== value) onValue(joined.value);
    }
  };
  return (
    <FieldGroup id={id} legend={legend} hint={hint} error={shown} extraClass="month-field">
      <div class="month-parts">
        <div class="field">
          <label for={id} class="field-sublabel">
            {t("form.month")}
          </label>
          <select
            id={id}
            class="field-input field-select"
            value={month}
            aria-invalid={shown ? "true" : undefined}
            onChange={(event) => change(event.currentTarget.value, year)}
          >
            <option value="">{t("form.choose")}</option>
            {monthNames(getLang()).map((name, i) => (
              <option key={name} value={String(i + 1).padStart(2, "0")}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-year`} class="field-sublabel">
            {t("form.year")}
          </label>
          <input
            id={`${id}-year`}
            type="text"
            inputMode="numeric"
            autocomplete="off"
            maxLength={4}
            class="field-input field-input-short"
            value={year}
            aria-invalid={shown ? "true" : undefined}
            onInput={(event) => change(month, event.currentTarget.value)}
          />
        </div>
      </div>
    </FieldGroup>
  );
}
