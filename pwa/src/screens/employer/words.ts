// The employer screens' own words (Dutch first, English second), in the employer chunk.
import en from "../../i18n/employer.en.json";
import nl from "../../i18n/employer.nl.json";
import { makeT } from "../../i18n";

export type EmployerKey = keyof typeof nl;
export const te = makeT<EmployerKey>({ nl, en });

/** A problem found on the phone (our words, by key) or the server's own text. */
export interface Problem {
  key: EmployerKey;
  params?: Record<string, string | number>;
}

/** The words of a problem at a field; null when there is none. */
export function problemWords(problem: Problem | string | undefined): string | null {
  if (problem === undefined) return null;
  return typeof problem === "string" ? problem : te(problem.key, problem.params);
}
