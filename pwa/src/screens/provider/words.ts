// The provider screens' own words (Dutch first, English second), in the provider chunk.
import en from "../../i18n/provider.en.json";
import nl from "../../i18n/provider.nl.json";
import { makeT } from "../../i18n";

export type ProviderKey = keyof typeof nl;
export const tp = makeT<ProviderKey>({ nl, en });

/** A problem found on the phone (our words, by key) or the server's own text. */
export interface Problem {
  key: ProviderKey;
  params?: Record<string, string | number>;
}

/** The words of a problem at a field; null when there is none. */
export function problemWords(problem: Problem | string | undefined): string | null {
  if (problem === undefined) return null;
  return typeof problem === "string" ? problem : tp(problem.key, problem.params);
}
