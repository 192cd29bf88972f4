// Thin wrappers around the public /api/v1/insights endpoints: the latest published
// figures per labour market region, and the publications with their files. No login.
import { api } from "./client";

/** A count of persons: null when it is not published (fewer than 10, or protecting one). */
export type Protected = number | null;

export interface PublicationInfo {
  version: number;
  published_at: string;
  reference_date: string;
}

export interface RegionSummary {
  code: string;
  name: string;
  jobseekers: Protected;
  vacancies: number;
  vacancy_places: number;
  future_places: number;
  open_hiring_places: number;
  people_in_line: Protected;
}

export interface RegionList {
  publication: PublicationInfo;
  regions: RegionSummary[];
  national: RegionSummary;
  other: RegionSummary;
}

export interface CategoryCount {
  category: string;
  jobseekers: Protected;
}

export interface SkillFigure {
  skill_id: string;
  label_nl: string | null;
  label_en: string;
  jobseekers: Protected;
  demand_vacancies: number;
  demand_future: number;
  mismatch_index: number | null;
}

export interface CoverageFigure {
  rank: number;
  skill_id: string;
  label_nl: string | null;
  label_en: string;
  mismatch_index: number;
  offers: number;
  online_offers: number;
}

export interface RegionDetail extends RegionSummary {
  supply: {
    days_per_week: CategoryCount[];
    education_level: CategoryCount[];
    dutch_level: CategoryCount[];
    riasec_type: CategoryCount[];
  };
  skills: { on_offer: SkillFigure[]; asked_for: SkillFigure[]; mismatch: SkillFigure[] };
  open_hiring: {
    vacancies: number;
    places: number;
    people_in_line: Protected;
    started: Protected;
    median_days_to_start: number | null;
  };
  /** Missing in publications made before these figures existed. */
  learning_coverage?: CoverageFigure[];
  distance?: CategoryCount[];
}

export interface RegionFigures {
  publication: PublicationInfo;
  region: RegionDetail;
}

export interface PublicationFile {
  name: string;
  media_type: string;
  bytes: number;
  sha256: string;
  rows: number | null;
  url: string;
}

export interface Publication extends PublicationInfo {
  files: PublicationFile[];
  datapackage_url: string;
}

const BASE = "/insights";

export function listRegions(): Promise<RegionList> {
  return api.get<RegionList>(`${BASE}/regions`, { retryOn401: false });
}

export function regionFigures(code: string): Promise<RegionFigures> {
  return api.get<RegionFigures>(`${BASE}/regions/${encodeURIComponent(code)}`, { retryOn401: false });
}

/** The latest publication (the list is newest first), or null before the first one. */
export async function latestPublication(): Promise<Publication | null> {
  const found = await api.get<Publication[]>(`${BASE}/publications?page_size=1`, { retryOn401: false });
  return found[0] ?? null;
}
