// Thin wrappers for matching: my best vacancies, each explained per part of the score.
import { api } from "./client";
import type { DayPart, HiringMode, Weekday } from "./vacancies";

export const WORK_KINDS = ["job", "stage", "opdracht", "open_hiring"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export interface SkillLabel {
  skill_id: string;
  /** Dutch, else English. */
  label: string;
  label_en: string;
}

export interface MatchComponent {
  name: string;
  /** 0 to 1, or null when unknown (the part does not count then). */
  score: number | null;
  weight: number;
  nl: string;
  en: string;
}

export interface MatchVacancy {
  id: number;
  title: string;
  organisation_name: string;
  place: string | null;
  region_code: string | null;
  occupation_id: string;
  kind: "job" | "stage" | "opdracht";
  hiring_mode: HiringMode;
  work_kind: WorkKind;
  schedule: Partial<Record<Weekday, DayPart[]>>;
  hours_per_week: number | null;
  places: number;
  distance_km: number;
  public_url: string;
}

export interface Match {
  vacancy: MatchVacancy;
  /** The fit, 0 to 100. */
  score: number;
  components: MatchComponent[];
  missing_skills: SkillLabel[];
  attention: { factor: number; nl: string; en: string } | null;
}

export interface MatchList {
  matches: Match[];
  /** Selfie fields needed before there can be matches (location.postcode, ...). */
  missing: string[];
  radius_km: number | null;
}

export interface MatchQuery {
  distanceKm: number | null;
  kinds: readonly WorkKind[];
}

/** The query string the API takes for `query` ("" when there is no filter). */
export function matchQueryString(query: MatchQuery, limit = 20): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (query.distanceKm !== null) params.set("distance_km", String(query.distanceKm));
  for (const kind of query.kinds) params.append("kind", kind);
  return params.toString();
}

export function getMatches(query: MatchQuery): Promise<MatchList> {
  return api.get<MatchList>(`/matches?${matchQueryString(query)}`);
}
