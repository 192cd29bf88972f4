// The employer's forms without the screen: the checks the server also makes (so most
// mistakes are explained before sending), the request bodies, and the server's field
// names mapped back to the form.
import type { FieldErrors } from "../../api/client";
import type { JobFunction, VacancyInput } from "../../api/employer";
import type { DayPart, HiringMode, Vacancy, VacancyKind, Weekday } from "../../api/vacancies";
import type { Problem } from "./words";
import { checkNumber, checkPostcode, serverProblemsFor, type ServerProblems } from "../../components/field-checks";

export type { Problem } from "./words";
export { checkNumber, checkOrganisation, checkPostcode, wholeNumber } from "../../components/field-checks";
export type { OrganisationField } from "../../components/organisation-form";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const length = (value: string) => [...value.trim()].length;

// --- A new vacancy -------------------------------------------------------------------

export interface VacancyForm {
  /** An existing function of the organisation ("" : a new one, from `occupationId`). */
  functionId: string;
  occupationId: string;
  kind: VacancyKind;
  title: string;
  description: string;
  mode: HiringMode;
  places: string;
  schedule: Partial<Record<Weekday, DayPart[]>>;
  hours: string;
  startDate: string;
  /** Optional: the last day of the work (a temporary job). */
  endDate: string;
  /** Optional: people can react until this day; the vacancy expires after it. */
  closesOn: string;
  postcode: string;
  minAge: string;
}

/** The form's fields in the order they are on screen (the first problem gets the focus). */
export const VACANCY_FIELDS = [
  "function",
  "occupation",
  "title",
  "description",
  "kind",
  "places",
  "schedule",
  "hours",
  "start_date",
  "end_date",
  "closes_on",
  "postcode",
  "min_age",
] as const;
export type VacancyField = (typeof VACANCY_FIELDS)[number];

export function emptyVacancyForm(postcode = ""): VacancyForm {
  return {
    functionId: "",
    occupationId: "",
    kind: "job",
    title: "",
    description: "",
    mode: "open",
    places: "1",
    schedule: {},
    hours: "",
    startDate: "",
    endDate: "",
    closesOn: "",
    postcode,
    minAge: "",
  };
}

/**
 * What is wrong with the form; `today` is "YYYY-MM-DD" in the person's time zone, and
 * `earliest` the first day that may still be chosen as the first working day.
 */
export function checkVacancyForm(
  form: VacancyForm,
  today: string,
  earliest: string = today,
): Partial<Record<VacancyField, Problem>> {
  const problems: Partial<Record<VacancyField, Problem>> = {};
  const add = (field: VacancyField, problem: Problem | null) => {
    if (problem) problems[field] = problem;
  };
  if (!form.functionId && !form.occupationId) add("occupation", { key: "new.occupationMissing" });
  if (!form.title.trim()) add("title", { key: "common.required" });
  else if (length(form.title) < 2 || length(form.title) > 120) add("title", { key: "new.jobTitleLength" });
  if (!form.description.trim()) add("description", { key: "common.required" });
  add("places", checkNumber(form.places, 1, 1000));
  if (!Object.values(form.schedule).some((parts) => (parts ?? []).length > 0)) {
    add("schedule", { key: "new.scheduleMissing" });
  }
  add("hours", checkNumber(form.hours, 1, 60));
  if (!ISO_DAY.test(form.startDate)) add("start_date", { key: "common.required" });
  else if (form.startDate < earliest) add("start_date", { key: "new.startPast" });
  if (form.endDate && !ISO_DAY.test(form.endDate)) add("end_date", { key: "new.dateInvalid" });
  else if (form.endDate && ISO_DAY.test(form.startDate) && form.endDate < form.startDate) {
    add("end_date", { key: "new.endBeforeStart" });
  }
  if (form.closesOn && !ISO_DAY.test(form.closesOn)) add("closes_on", { key: "new.dateInvalid" });
  else if (form.closesOn && form.closesOn < today) add("closes_on", { key: "new.closesPast" });
  add("postcode", checkPostcode(form.postcode));
  add("min_age", checkNumber(form.minAge, 13, 99, true));
  return problems;
}

/** The vacancy's request body (call after checkVacancyForm found nothing). */
export function vacancyInput(form: VacancyForm): VacancyInput {
  return {
    kind: form.kind,
    hiring_mode: form.mode,
    title: form.title.trim(),
    description: form.description.trim(),
    postcode: form.postcode.trim(),
    schedule: form.schedule,
    hours_per_week: Number(form.hours.trim()),
    start_date: form.startDate,
    end_date: form.endDate || null,
    closes_on: form.closesOn || null,
    places: Number(form.places.trim()),
    min_age: form.minAge.trim() ? Number(form.minAge.trim()) : null,
  };
}

/** The server's field names (function, vacancy, publishing) → the form's fields. */
const SERVER_FIELDS: Record<string, VacancyField> = {
  function_id: "function",
  occupation_id: "occupation",
  title: "title",
  description: "description",
  places: "places",
  schedule: "schedule",
  hours_per_week: "hours",
  start_date: "start_date",
  end_date: "end_date",
  closes_on: "closes_on",
  kind: "kind",
  postcode: "postcode",
  min_age: "min_age",
};

/** The server's refusal per form field (its own text: the server names the problem). */
export function serverProblems(fieldErrors: FieldErrors): ServerProblems<VacancyField> {
  return serverProblemsFor(fieldErrors, (name) => SERVER_FIELDS[name]);
}

/** Today as "YYYY-MM-DD" in local time. */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// --- The dashboard -------------------------------------------------------------------

/** The states of a list in the order the dashboard shows them. */
export const COUNT_ORDER = [
  "waiting",
  "offered",
  "accepted",
  "started",
  "paused",
  "no_show",
  "declined",
  "expired",
  "withdrawn",
] as const;
export type CountState = (typeof COUNT_ORDER)[number];

/** The counts worth showing: the line's main states always, the others when not zero. */
export function countLines(counts: Partial<Record<string, number>>): Array<{ state: CountState; count: number }> {
  const always: readonly CountState[] = ["waiting", "offered", "accepted", "started"];
  return COUNT_ORDER.map((state) => ({ state, count: counts[state] ?? 0 })).filter(
    (line) => always.includes(line.state) || line.count > 0,
  );
}

/** How many places can still be opened. */
export function placesLeft(places: number, placesOpen: number): number {
  return Math.max(0, places - placesOpen);
}

// --- Reusing a function, changing a vacancy -------------------------------------------

type FunctionTerms = Pick<JobFunction, "id" | "title" | "description" | "hours_per_week_max" | "postcode">;

/**
 * The form filled from an existing function: its title, description, hours and place.
 * What the employer typed stays; what the previously chosen function filled in (or the
 * organisation's postcode) is replaced.
 */
export function formFromFunction(
  form: VacancyForm,
  fn: FunctionTerms,
  organisationPostcode: string,
  previous?: FunctionTerms,
): VacancyForm {
  const hours = (f: FunctionTerms | undefined) =>
    f === undefined || f.hours_per_week_max === null ? "" : String(f.hours_per_week_max);
  const untouched = (value: string, ...filled: Array<string | null | undefined>) =>
    !value.trim() || filled.some((f) => Boolean(f) && value === f);
  return {
    ...form,
    functionId: String(fn.id),
    occupationId: "",
    title: untouched(form.title, previous?.title) ? fn.title : form.title,
    description: untouched(form.description, previous?.description) ? fn.description : form.description,
    hours: untouched(form.hours, hours(previous)) && fn.hours_per_week_max !== null ? hours(fn) : form.hours,
    postcode: untouched(form.postcode, organisationPostcode, previous?.postcode) && fn.postcode ? fn.postcode : form.postcode,
  };
}

/** A vacancy's own terms as the form shows them (to change it). */
export function formFromVacancy(vacancy: Vacancy): VacancyForm {
  return {
    functionId: String(vacancy.function_id),
    occupationId: vacancy.occupation_id,
    kind: vacancy.kind,
    title: vacancy.title,
    description: vacancy.description,
    mode: vacancy.hiring_mode,
    places: String(vacancy.places),
    schedule: vacancy.schedule,
    hours: vacancy.hours_per_week === null ? "" : String(vacancy.hours_per_week),
    startDate: vacancy.start_date ?? "",
    endDate: vacancy.end_date ?? "",
    closesOn: vacancy.closes_on ?? "",
    postcode: vacancy.postcode ?? "",
    minAge: vacancy.min_age === null ? "" : String(vacancy.min_age),
  };
}

/** The day before which a changed first day is refused: today, or the day the vacancy
 * already had (a published vacancy that started last week can still be changed). */
export function earliestStart(today: string, stored: string | null): string {
  return stored && stored < today ? stored : today;
}
