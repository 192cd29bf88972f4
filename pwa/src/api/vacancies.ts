// Thin wrappers around /api/v1/vacancies: the search, one vacancy, and regular hiring's
// interest. Imported only by the lazy work and employer screens.
import { api, requestResponse } from "./client";

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export type DayPart = "morning" | "afternoon" | "evening";
export type HiringMode = "regular" | "open";
export type VacancyStatus = "draft" | "published" | "filled" | "closed" | "expired";
export type VacancyKind = "job" | "stage" | "opdracht";

export interface VacancySummary {
  id: number;
  organisation_id: number;
  organisation_name: string;
  function_id: number;
  occupation_id: string;
  title: string;
  kind: VacancyKind;
  hiring_mode: HiringMode;
  status: VacancyStatus;
  postcode: string | null;
  place: string | null;
  region: { code: string; name: string } | null;
  schedule: Partial<Record<Weekday, DayPart[]>>;
  hours_per_week: number | null;
  start_date: string | null;
  end_date: string | null;
  closes_on: string | null;
  places: number;
  published_at: string | null;
  public_url: string | null;
  distance_km: number | null;
}

/** A vacancy with its terms and what publishing still needs (the organisation's list). */
export interface EmployerVacancy extends VacancySummary {
  description: string;
  min_age: number | null;
  offer_hours: number;
  reconfirm_days: number;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  missing: string[];
}

export interface Vacancy extends EmployerVacancy {
  skills: Array<{ skill_id: string; label: string; importance: "essential" | "optional" }>;
  tasks: string[];
  education_level: string | null;
}

export interface SearchQuery {
  postcode: string;
  distanceKm: number;
  /** true: only open hiring; null: every vacancy. */
  openHiring: boolean | null;
  page: number;
}

export interface SearchPage {
  items: VacancySummary[];
  total: number;
  nextPage: number | null;
}

interface PaginationHeader {
  total?: number;
  next_page?: number;
}

/** Search published vacancies near a postcode, nearest first. */
export async function searchVacancies(query: SearchQuery): Promise<SearchPage> {
  const params = new URLSearchParams({
    postcode: query.postcode.replace(/\s+/g, ""),
    distance_km: String(query.distanceKm),
    sort: "distance",
    page: String(query.page),
    page_size: "20",
  });
  if (query.openHiring !== null) params.set("open_hiring", String(query.openHiring));
  const response = await requestResponse("GET", `/vacancies?${params.toString()}`);
  const items = (await response.json()) as VacancySummary[];
  let pagination: PaginationHeader = {};
  try {
    pagination = JSON.parse(response.headers.get("X-Pagination") ?? "{}") as PaginationHeader;
  } catch {
    // No header: one page.
  }
  return { items, total: pagination.total ?? items.length, nextPage: pagination.next_page ?? null };
}

export function getVacancy(id: number): Promise<Vacancy> {
  return api.get<Vacancy>(`/vacancies/${id}`);
}

export type InterestShare = "anonymous" | "full";

export interface Interest {
  id: number;
  vacancy_id: number;
  title: string;
  organisation_name: string;
  vacancy_status: VacancyStatus;
  share: InterestShare;
  message: string | null;
  created_at: string;
}

export function showInterest(vacancyId: number, share: InterestShare, message: string): Promise<Interest> {
  const note = message.trim();
  return api.post<Interest>(`/vacancies/${vacancyId}/interest`, { share, message: note || null });
}

/** My interest in a vacancy; an ApiError 404 (`not_interested`) when I showed none. */
export function getMyInterest(vacancyId: number): Promise<Interest> {
  return api.get<Interest>(`/vacancies/${vacancyId}/interest`);
}

export async function withdrawInterest(vacancyId: number): Promise<void> {
  await api.delete<undefined>(`/vacancies/${vacancyId}/interest`);
}

export function listMyInterests(): Promise<Interest[]> {
  return api.get<Interest[]>("/vacancies/my-interests");
}
