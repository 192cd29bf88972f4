// Thin wrappers for NationaalLeerAdvies: my learning advice (jobseeker), and for a
// provider the organisation's offers, the CSV import and the demand per region.
import { api } from "./client";
import type { Organisation } from "./employer";
import type { SkillLabel } from "./matching";

export const OFFER_KINDS = ["opleiding", "training", "cursus", "e-learning", "boek", "werkplekleren"] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
export const COST_KINDS = ["gratis", "vergoed", "eigen_kosten"] as const;
export type CostKind = (typeof COST_KINDS)[number];

export interface OccupationLabel {
  occupation_id: string;
  label: string;
  label_en: string;
}

export interface LearningOffer {
  id: number;
  organisation_id: number;
  organisation_name: string;
  title: string;
  description: string;
  kind: OfferKind;
  status: "active" | "archived";
  skills: SkillLabel[];
  occupations: OccupationLabel[];
  entry_level: number | null;
  result_level: number | null;
  online: boolean;
  postcode: string | null;
  place: string | null;
  region_code: string | null;
  duration_weeks: number;
  hours_per_week: number | null;
  cost: CostKind;
  cost_eur: number | null;
  start_dates: string[];
  places: number | null;
  url: string | null;
  contact: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  distance_km: number | null;
}

/** The body of a new offer, or the changed fields of an offer. */
export interface OfferInput {
  title: string;
  description: string;
  kind: OfferKind;
  skill_ids: string[];
  occupation_ids: string[];
  entry_level: number | null;
  result_level: number | null;
  online: boolean;
  postcode: string | null;
  duration_weeks: number;
  hours_per_week: number | null;
  cost: CostKind;
  cost_eur: number | null;
  start_dates: string[];
  places: number | null;
  url: string | null;
  contact: string | null;
}

export function listOffers(organisationId: number): Promise<LearningOffer[]> {
  return api.get<LearningOffer[]>(`/organisations/${organisationId}/learning-offers`);
}

export function getOffer(id: number): Promise<LearningOffer> {
  return api.get<LearningOffer>(`/learning-offers/${id}`);
}

export function createOffer(organisationId: number, input: OfferInput): Promise<LearningOffer> {
  return api.post<LearningOffer>(`/organisations/${organisationId}/learning-offers`, input);
}

export function updateOffer(id: number, input: Partial<OfferInput>): Promise<LearningOffer> {
  return api.patch<LearningOffer>(`/learning-offers/${id}`, input);
}

export function archiveOffer(id: number): Promise<LearningOffer> {
  return api.post<LearningOffer>(`/learning-offers/${id}/archive`);
}

export interface ImportReport {
  imported: boolean;
  accepted: Array<{ line: number; title: string | null; id: number | null }>;
  rejected: Array<{ line: number; title: string | null; errors: Record<string, string[]> }>;
}

/**
 * Import a catalogue (CSV). All rows or none: the report comes back either way; a 422
 * `import_rejected` carries it in `ApiError.body.report`, any other 422 names `file`.
 */
export function importOffers(organisationId: number, file: Blob, name: string): Promise<ImportReport> {
  const form = new FormData();
  form.append("file", file, name);
  return api.post<ImportReport>(`/organisations/${organisationId}/learning-offers/import`, form);
}

export interface NeededFor {
  kind: "occupation" | "vacancy" | "wish";
  id: string | number;
  label: string;
  label_en: string;
}

export interface GapSkill extends SkillLabel {
  needed_for: NeededFor[];
}

export interface AdviceOffer {
  id: number;
  title: string;
  organisation_name: string;
  kind: OfferKind;
  online: boolean;
  place: string | null;
  distance_km: number | null;
  entry_level: number | null;
  result_level: number | null;
  duration_weeks: number;
  cost: CostKind;
  cost_eur: number | null;
  url: string | null;
  contact: string | null;
}

export interface RankedOffer extends AdviceOffer {
  score: number;
  covers: SkillLabel[];
}

export interface RouteStep {
  offer: AdviceOffer;
  teaches: SkillLabel[];
  nl: string;
  en: string;
}

export interface Advice {
  missing: string[];
  gap: GapSkill[];
  offers: RankedOffer[];
  route: {
    steps: RouteStep[];
    covered: number;
    gap_size: number;
    nl: string;
    en: string;
    unlocks: {
      vacancies: Array<{ id: number; title: string; organisation_name: string; place: string | null }>;
      occupations: OccupationLabel[];
      nl: string;
      en: string;
    };
  };
}

export function getAdvice(): Promise<Advice> {
  return api.get<Advice>("/learning/advice");
}

export interface Demand {
  region: { code: string; name: string };
  /** People counted; null when under 10. */
  people: number | null;
  skills: Array<SkillLabel & { people: number }>;
  /** Skills left out: fewer than `suppress_below` people miss them. */
  suppressed: number;
  suppress_below: number;
}

export function getDemand(region: string, limit = 50): Promise<Demand> {
  return api.get<Demand>(`/learning/demand?region=${encodeURIComponent(region)}&limit=${limit}`);
}

export interface Region {
  code: string;
  name: string;
}

export function listRegions(): Promise<Region[]> {
  return api.get<Region[]>("/taxonomy/regions");
}

// The organisation calls, here too, so the provider's chunk does not pull in the employer's.
export function listMyOrganisations(): Promise<Organisation[]> {
  return api.get<Organisation[]>("/organisations");
}

export function createMyOrganisation(name: string, postcode: string): Promise<Organisation> {
  return api.post<Organisation>("/organisations", { name: name.trim(), postcode: postcode.trim() });
}
