// The provider's forms without the screens: the checks the server also makes (so most
// mistakes are explained before sending, in the provider's language), the request body,
// the form from a stored offer, and the server's field names mapped back to the form.
import type { FieldErrors } from "../../api/client";
import type { CostKind, LearningOffer, OfferInput, OfferKind } from "../../api/learning";
import type { Problem } from "./words";
import { checkNumber, checkPostcode, serverProblemsFor, type ServerProblems } from "../../components/field-checks";

export type { Problem } from "./words";
export { checkOrganisation, checkPostcode, wholeNumber } from "../../components/field-checks";

const URL = /^https?:\/\/\S+$/i;
const length = (value: string) => [...value.trim()].length;

export const MAX_SKILLS = 50;
export const MAX_OCCUPATIONS = 20;
export const MAX_START_DATES = 20;
export const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/** A price typed the Dutch way ("49,95") or the English way ("49.95"); null when it is not one. */
export function parseEuro(value: string): number | null {
  const typed = value.trim().replace(/^€\s*/, "");
  if (!/^\d{1,6}([.,]\d{1,2})?$/.test(typed)) return null;
  const amount = Number(typed.replace(",", "."));
  return amount >= 0.01 && amount <= 100_000 ? amount : null;
}

// --- An offer ------------------------------------------------------------------------

export interface Named {
  id: string;
  label: string;
}

export interface OfferForm {
  title: string;
  description: string;
  kind: OfferKind | "";
  skills: Named[];
  occupations: Named[];
  entryLevel: string;
  resultLevel: string;
  online: boolean;
  postcode: string;
  weeks: string;
  hours: string;
  cost: CostKind | "";
  price: string;
  startDates: string[];
  places: string;
  url: string;
  contact: string;
}

/** The form's fields in the order they are on screen (the first problem gets the focus). */
export const OFFER_FIELDS = [
  "title",
  "description",
  "kind",
  "skill_ids",
  "occupation_ids",
  "entry_level",
  "result_level",
  "online",
  "postcode",
  "duration_weeks",
  "hours_per_week",
  "cost",
  "cost_eur",
  "start_dates",
  "places",
  "url",
  "contact",
] as const;
export type OfferField = (typeof OFFER_FIELDS)[number];

export function emptyOfferForm(postcode = ""): OfferForm {
  return {
    title: "",
    description: "",
    kind: "",
    skills: [],
    occupations: [],
    entryLevel: "",
    resultLevel: "",
    online: false,
    postcode,
    weeks: "",
    hours: "",
    cost: "",
    price: "",
    startDates: [],
    places: "",
    url: "",
    contact: "",
  };
}

/** A price as the form shows it: "49,95" in Dutch, "49.95" in English. */
export function priceText(amount: number | null, lang: "nl" | "en"): string {
  if (amount === null) return "";
  const text = Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
  return lang === "nl" ? text.replace(".", ",") : text;
}

/** The form for a stored offer (labels in the person's language). */
export function formFromOffer(offer: LearningOffer, lang: "nl" | "en"): OfferForm {
  const label = (item: { label: string; label_en: string }) => (lang === "en" ? item.label_en : item.label);
  return {
    title: offer.title,
    description: offer.description,
    kind: offer.kind,
    skills: offer.skills.map((s) => ({ id: s.skill_id, label: label(s) })),
    occupations: offer.occupations.map((o) => ({ id: o.occupation_id, label: label(o) })),
    entryLevel: offer.entry_level === null ? "" : String(offer.entry_level),
    resultLevel: offer.result_level === null ? "" : String(offer.result_level),
    online: offer.online,
    postcode: offer.postcode ?? "",
    weeks: String(offer.duration_weeks),
    hours: offer.hours_per_week === null ? "" : String(offer.hours_per_week),
    cost: offer.cost,
    price: priceText(offer.cost_eur, lang),
    startDates: [...offer.start_dates],
    places: offer.places === null ? "" : String(offer.places),
    url: offer.url ?? "",
    contact: offer.contact ?? "",
  };
}

/** What is wrong with the form. */
export function checkOfferForm(form: OfferForm): Partial<Record<OfferField, Problem>> {
  const problems: Partial<Record<OfferField, Problem>> = {};
  const add = (field: OfferField, problem: Problem | null) => {
    if (problem && !problems[field]) problems[field] = problem;
  };
  if (!form.title.trim()) add("title", { key: "common.required" });
  else if (length(form.title) < 2 || length(form.title) > 120) add("title", { key: "offer.titleLength" });
  if (!form.kind) add("kind", { key: "offer.kindMissing" });
  if (form.skills.length === 0) add("skill_ids", { key: "offer.skillsMissing" });
  else if (form.skills.length > MAX_SKILLS) add("skill_ids", { key: "offer.skillsMax" });
  const entry = form.entryLevel ? Number(form.entryLevel) : null;
  const result = form.resultLevel ? Number(form.resultLevel) : null;
  if (entry !== null && result !== null && result < entry) add("result_level", { key: "offer.resultBelow" });
  if (!form.online) {
    if (!form.postcode.trim()) add("postcode", { key: "offer.postcodeMissing" });
    else add("postcode", checkPostcode(form.postcode));
  } else if (form.postcode.trim()) {
    add("postcode", checkPostcode(form.postcode));
  }
  add("duration_weeks", checkNumber(form.weeks, 1, 520));
  add("hours_per_week", checkNumber(form.hours, 1, 60, true));
  if (!form.cost) add("cost", { key: "offer.costMissing" });
  if (form.cost === "eigen_kosten") {
    if (!form.price.trim()) add("cost_eur", { key: "common.required" });
    else if (parseEuro(form.price) === null) add("cost_eur", { key: "offer.priceWrong" });
  }
  if (form.startDates.length > MAX_START_DATES) add("start_dates", { key: "offer.startsMax" });
  add("places", checkNumber(form.places, 1, 10_000, true));
  if (form.url.trim() && (!URL.test(form.url.trim()) || form.url.trim().length > 500)) add("url", { key: "offer.urlWrong" });
  if (!form.url.trim() && !form.contact.trim()) add("url", { key: "offer.contactOrUrl" });
  return problems;
}

/** The offer's request body (call after checkOfferForm found nothing). */
export function offerInput(form: OfferForm): OfferInput {
  const optional = (value: string) => (value.trim() ? Number(value.trim()) : null);
  return {
    title: form.title.trim(),
    description: form.description.trim(),
    kind: form.kind as OfferKind,
    skill_ids: form.skills.map((s) => s.id),
    occupation_ids: form.occupations.map((o) => o.id),
    entry_level: optional(form.entryLevel),
    result_level: optional(form.resultLevel),
    online: form.online,
    postcode: form.postcode.trim() || null,
    duration_weeks: Number(form.weeks.trim()),
    hours_per_week: optional(form.hours),
    cost: form.cost as CostKind,
    cost_eur: form.cost === "eigen_kosten" ? parseEuro(form.price) : null,
    start_dates: [...form.startDates].sort(),
    places: optional(form.places),
    url: form.url.trim() || null,
    contact: form.contact.trim() || null,
  };
}

/** The server's refusal per form field (its own text), and what belongs to no field. */
export function serverProblems(fieldErrors: FieldErrors): ServerProblems<OfferField> {
  const known = new Set<string>(OFFER_FIELDS);
  return serverProblemsFor(fieldErrors, (name) => (known.has(name) ? (name as OfferField) : undefined));
}
