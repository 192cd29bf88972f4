// Checks the employer's and the provider's forms share (the server makes them too). A
// problem is a key that each chunk's own catalogue has, so each says it in its own words.
import type { FieldErrors } from "../api/client";
import type { OrganisationField } from "./organisation-form";

export type FieldProblem =
  | { key: "common.required" }
  | { key: "common.postcode" }
  | { key: "org.nameLength" }
  | { key: "common.number"; params: { min: number; max: number } };

const POSTCODE = /^[1-9]\d{3}\s?([A-Za-z]{2})?$/;
const length = (value: string) => [...value.trim()].length;

export function checkPostcode(value: string): FieldProblem | null {
  if (!value.trim()) return { key: "common.required" };
  return POSTCODE.test(value.trim()) ? null : { key: "common.postcode" };
}

/** A whole number in [min, max] typed in a field; null when it is not one. */
export function wholeNumber(value: string, min: number, max: number): number | null {
  const typed = value.trim();
  if (!/^\d{1,6}$/.test(typed)) return null;
  const n = Number(typed);
  return n >= min && n <= max ? n : null;
}

export function checkNumber(value: string, min: number, max: number, optional = false): FieldProblem | null {
  if (!value.trim()) return optional ? null : { key: "common.required" };
  return wholeNumber(value, min, max) === null ? { key: "common.number", params: { min, max } } : null;
}

export function checkOrganisation(name: string, postcode: string): Partial<Record<OrganisationField, FieldProblem>> {
  const problems: Partial<Record<OrganisationField, FieldProblem>> = {};
  if (!name.trim()) problems.name = { key: "common.required" };
  else if (length(name) < 2 || length(name) > 120) problems.name = { key: "org.nameLength" };
  const postcodeProblem = checkPostcode(postcode);
  if (postcodeProblem) problems.postcode = postcodeProblem;
  return problems;
}

export interface ServerProblems<F extends string> {
  /** The server's messages per form field. */
  fields: Partial<Record<F, string>>;
  /** "name: message" for what no field of the form shows. */
  other: string[];
}

/**
 * Put the server's 422 field errors at a form's fields: `fieldOf` names the form field
 * of a top-level server name ("skills.3.skill_id" is looked up as "skills"), or none.
 */
export function serverProblemsFor<F extends string>(
  fieldErrors: FieldErrors,
  fieldOf: (name: string) => F | undefined,
): ServerProblems<F> {
  const fields: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const [name, messages] of Object.entries(fieldErrors)) {
    const field = fieldOf(name.split(".")[0] ?? name);
    const text = messages.join(" ");
    if (field === undefined) other.push(`${name}: ${text}`);
    else fields[field] = fields[field] ? `${fields[field]} ${text}` : text;
  }
  return { fields, other };
}
