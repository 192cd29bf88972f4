// The learning screens' own words (Dutch first, English second): the advice, and the
// words of an offer that the provider's screens use too.
import en from "../../i18n/learning.en.json";
import nl from "../../i18n/learning.nl.json";
import { getLang, makeT } from "../../i18n";
import type { CostKind, OfferKind } from "../../api/learning";

export type LearningKey = keyof typeof nl;
export const tl = makeT<LearningKey>({ nl, en });

export const OFFER_KIND_WORDS: Record<OfferKind, LearningKey> = {
  opleiding: "kind.opleiding",
  training: "kind.training",
  cursus: "kind.cursus",
  "e-learning": "kind.e-learning",
  boek: "kind.boek",
  werkplekleren: "kind.werkplekleren",
};

export const COST_WORDS: Record<CostKind, LearningKey> = {
  gratis: "cost.gratis",
  vergoed: "cost.vergoed",
  eigen_kosten: "cost.eigen_kosten",
};

/** A price in euros as the person reads it: "€ 49,95" (nl) or "€49.95" (en). */
export function formatEuro(amount: number, lang = getLang()): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "nl-NL", {
    style: "currency",
    currency: "EUR",
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
  }).format(amount);
}

/** What an offer costs, in words. */
export function costWords(cost: CostKind, eur: number | null): string {
  if (cost !== "eigen_kosten") return tl(COST_WORDS[cost]);
  return eur === null ? tl("cost.eigen_kostenNone") : tl("cost.eigen_kosten", { price: formatEuro(eur) });
}

/** How long an offer takes, in words. */
export function weeksWords(weeks: number): string {
  return weeks === 1 ? tl("weeksOne") : tl("weeks", { weeks });
}

/** A list of names in a sentence: "A, B en C". */
export function listWords(names: readonly string[], lang = getLang()): string {
  if (names.length <= 1) return names.join("");
  const and = lang === "en" ? " and " : " en ";
  return `${names.slice(0, -1).join(", ")}${and}${names[names.length - 1] ?? ""}`;
}
