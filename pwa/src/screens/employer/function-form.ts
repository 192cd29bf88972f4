// A function's form without the screen: the checks the server also makes, the PATCH
// body, and the server's field names mapped back to the form.
import type { FieldErrors } from "../../api/client";
import { serverProblemsFor, type ServerProblems } from "../../components/field-checks";
import type { FunctionSkill, FunctionUpdate, JobFunction, SkillImportance } from "../../api/employer";
import { checkNumber, checkPostcode, wholeNumber } from "./form";
import type { Problem } from "./words";

export const MAX_TASKS = 30;
export const MAX_TASK_LENGTH = 200;
export const MAX_SKILLS = 200;

export interface FunctionForm {
  title: string;
  description: string;
  /** One task a line. */
  tasks: string;
  skills: FunctionSkill[];
  educationLevel: string;
  hoursMin: string;
  hoursMax: string;
  postcode: string;
  isFuture: boolean;
  futureCount: string;
  futureDate: string;
}

/** The form's fields (the server's names) in the order they are on screen. */
export const FUNCTION_FIELDS = [
  "title",
  "description",
  "tasks",
  "skills",
  "education_level",
  "hours_per_week_min",
  "hours_per_week_max",
  "postcode",
  "future_count",
  "future_date",
] as const;
export type FunctionField = (typeof FUNCTION_FIELDS)[number];

const length = (value: string) => [...value.trim()].length;

export function functionForm(fn: JobFunction): FunctionForm {
  const number = (n: number | null) => (n === null ? "" : String(n));
  return {
    title: fn.title,
    description: fn.description,
    tasks: fn.tasks.join("\n"),
    skills: fn.skills,
    educationLevel: fn.education_level ?? "",
    hoursMin: number(fn.hours_per_week_min),
    hoursMax: number(fn.hours_per_week_max),
    postcode: fn.postcode ?? "",
    isFuture: fn.is_future,
    futureCount: number(fn.future_count),
    futureDate: fn.future_date ?? "",
  };
}

/** The tasks typed one a line: empty lines left out. */
export function taskLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** What is wrong with the form. */
export function checkFunctionForm(form: FunctionForm): Partial<Record<FunctionField, Problem>> {
  const problems: Partial<Record<FunctionField, Problem>> = {};
  const add = (field: FunctionField, problem: Problem | null) => {
    if (problem) problems[field] = problem;
  };
  if (!form.title.trim()) add("title", { key: "common.required" });
  else if (length(form.title) < 2 || length(form.title) > 120) add("title", { key: "new.jobTitleLength" });
  if (length(form.description) > 5000) add("description", { key: "fn.descriptionLength" });
  const tasks = taskLines(form.tasks);
  if (tasks.length > MAX_TASKS) add("tasks", { key: "fn.tooManyTasks", params: { max: MAX_TASKS } });
  else if (tasks.some((task) => length(task) > MAX_TASK_LENGTH)) {
    add("tasks", { key: "fn.taskLength", params: { max: MAX_TASK_LENGTH } });
  }
  if (form.skills.length > MAX_SKILLS) add("skills", { key: "fn.tooManySkills", params: { max: MAX_SKILLS } });
  add("hours_per_week_min", checkNumber(form.hoursMin, 1, 60, true));
  add("hours_per_week_max", checkNumber(form.hoursMax, 1, 60, true));
  const low = wholeNumber(form.hoursMin, 1, 60);
  const high = wholeNumber(form.hoursMax, 1, 60);
  if (low !== null && high !== null && low > high) add("hours_per_week_max", { key: "fn.hoursOrder" });
  if (form.postcode.trim()) add("postcode", checkPostcode(form.postcode));
  if (form.isFuture) {
    add("future_count", checkNumber(form.futureCount, 1, 100000));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.futureDate)) add("future_date", { key: "common.required" });
  }
  return problems;
}

/** The PATCH body (call after checkFunctionForm found nothing). */
export function functionUpdate(form: FunctionForm): FunctionUpdate {
  const optional = (value: string) => (value.trim() ? Number(value.trim()) : null);
  return {
    title: form.title.trim(),
    description: form.description.trim(),
    tasks: taskLines(form.tasks),
    skills: form.skills.map((s) => ({ skill_id: s.skill_id, importance: s.importance })),
    education_level: form.educationLevel || null,
    hours_per_week_min: optional(form.hoursMin),
    hours_per_week_max: optional(form.hoursMax),
    postcode: form.postcode.trim() || null,
    is_future: form.isFuture,
    future_count: form.isFuture ? optional(form.futureCount) : null,
    future_date: form.isFuture ? form.futureDate || null : null,
  };
}

/** Add a skill (once), as needed for the work unless it says otherwise. */
export function addSkill(skills: FunctionSkill[], id: string, label: string, importance: SkillImportance = "essential"): FunctionSkill[] {
  if (skills.some((s) => s.skill_id === id)) return skills;
  return [...skills, { skill_id: id, label, importance }];
}

export function setImportance(skills: FunctionSkill[], id: string, importance: SkillImportance): FunctionSkill[] {
  return skills.map((s) => (s.skill_id === id ? { ...s, importance } : s));
}

export function removeSkill(skills: FunctionSkill[], id: string): FunctionSkill[] {
  return skills.filter((s) => s.skill_id !== id);
}

/** The server's refusal per form field ("skills.3.skill_id" is the skills field). */
export function functionServerProblems(fieldErrors: FieldErrors): ServerProblems<FunctionField> {
  const known = new Set<string>(FUNCTION_FIELDS);
  return serverProblemsFor(fieldErrors, (name) => {
    const field = name === "is_future" ? "future_count" : name;
    return known.has(field) ? (field as FunctionField) : undefined;
  });
}
