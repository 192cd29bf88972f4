// Thin wrappers for the employer's screens: the organisation, functions, vacancies, the
// open-hiring dashboard and the people interested in a regular vacancy.
import { api } from "./client";
import type { DayPart, EmployerVacancy, HiringMode, InterestShare, Vacancy, VacancyKind, Weekday } from "./vacancies";
import type { PlaceState, ShareField } from "./open-hiring";

export interface Organisation {
  id: number;
  name: string;
  kind: "employer" | "provider";
  postcode: string;
  created_at: string;
}

export function listOrganisations(): Promise<Organisation[]> {
  return api.get<Organisation[]>("/organisations");
}

export function createOrganisation(name: string, postcode: string): Promise<Organisation> {
  return api.post<Organisation>("/organisations", { name: name.trim(), postcode: postcode.trim() });
}

export type SkillImportance = "essential" | "optional";

export interface FunctionSkill {
  skill_id: string;
  label: string;
  importance: SkillImportance;
}

export interface JobFunction {
  id: number;
  organisation_id: number;
  occupation_id: string;
  title: string;
  description: string;
  tasks: string[];
  skills: FunctionSkill[];
  education_level: string | null;
  hours_per_week_min: number | null;
  hours_per_week_max: number | null;
  postcode: string | null;
  is_future: boolean;
  future_count: number | null;
  future_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface FunctionInput {
  occupation_id: string;
  title: string;
  description: string;
}

/** What a function's screen changes (a PATCH: the fields given replace the stored ones). */
export interface FunctionUpdate {
  title: string;
  description: string;
  tasks: string[];
  skills: Array<{ skill_id: string; importance: SkillImportance }>;
  education_level: string | null;
  hours_per_week_min: number | null;
  hours_per_week_max: number | null;
  postcode: string | null;
  is_future: boolean;
  future_count: number | null;
  future_date: string | null;
}

export function createFunction(organisationId: number, input: FunctionInput): Promise<JobFunction> {
  return api.post<JobFunction>(`/organisations/${organisationId}/functions`, input);
}

export function listFunctions(organisationId: number): Promise<JobFunction[]> {
  return api.get<JobFunction[]>(`/organisations/${organisationId}/functions`);
}

export function getFunction(id: number): Promise<JobFunction> {
  return api.get<JobFunction>(`/functions/${id}`);
}

export function updateFunction(id: number, input: Partial<FunctionUpdate>): Promise<JobFunction> {
  return api.patch<JobFunction>(`/functions/${id}`, input);
}

/** Delete a function; an ApiError 409 `function_in_use` when a vacancy was made from it. */
export async function deleteFunction(id: number): Promise<void> {
  await api.delete<undefined>(`/functions/${id}`);
}

export interface VacancyInput {
  hiring_mode: HiringMode;
  title: string;
  description: string;
  postcode: string;
  schedule: Partial<Record<Weekday, DayPart[]>>;
  hours_per_week: number;
  start_date: string;
  places: number;
  min_age: number | null;
  kind?: VacancyKind;
  end_date?: string | null;
  closes_on?: string | null;
}

export function createVacancy(functionId: number, input: VacancyInput): Promise<Vacancy> {
  return api.post<Vacancy>("/vacancies", { function_id: functionId, kind: "job", ...input });
}

/** End a published vacancy as filled, or a draft or published one as closed. */
export function endVacancy(id: number, status: "filled" | "closed"): Promise<Vacancy> {
  return api.post<Vacancy>(`/vacancies/${id}/end`, { status });
}

export function updateVacancy(id: number, input: Partial<VacancyInput>): Promise<Vacancy> {
  return api.patch<Vacancy>(`/vacancies/${id}`, input);
}

/** Publish a draft; an ApiError 422 `incomplete` names what is missing. */
export function publishVacancy(id: number): Promise<Vacancy> {
  return api.post<Vacancy>(`/vacancies/${id}/publish`);
}

export function listOrganisationVacancies(organisationId: number): Promise<EmployerVacancy[]> {
  return api.get<EmployerVacancy[]>(`/organisations/${organisationId}/vacancies`);
}

export function getOwnVacancy(id: number): Promise<Vacancy> {
  return api.get<Vacancy>(`/vacancies/${id}`);
}

export interface AcceptedPerson {
  place_id: number;
  position: number;
  state: PlaceState;
  accepted_at: string | null;
  started_at: string | null;
  contact: Partial<Record<ShareField, string>>;
}

export interface Dashboard {
  vacancy_id: number;
  title: string;
  status: string;
  places: number;
  places_open: number;
  list_length: number;
  counts: Partial<Record<PlaceState, number>>;
  accepted: AcceptedPerson[];
  offer_hours: number;
  reconfirm_days: number;
  min_age: number | null;
}

export function getDashboard(vacancyId: number): Promise<Dashboard> {
  return api.get<Dashboard>(`/open-hiring/employer/${vacancyId}`);
}

export function openPlaces(vacancyId: number, count: number): Promise<Dashboard> {
  return api.post<Dashboard>(`/open-hiring/employer/${vacancyId}/open-places`, { count });
}

export function markStarted(placeId: number): Promise<AcceptedPerson> {
  return api.post<AcceptedPerson>(`/open-hiring/employer/places/${placeId}/started`);
}

export function markNoShow(placeId: number): Promise<AcceptedPerson> {
  return api.post<AcceptedPerson>(`/open-hiring/employer/places/${placeId}/no-show`);
}

/** What an interested person agreed to show (anonymous or full); absent members were not shared. */
export interface SharedProfile {
  visibility: InterestShare;
  display_name?: string;
  contact?: { contact_methods?: string[]; phone?: string; email?: string };
  birth_year?: number;
  postcode?: string;
  region?: { code: string; name: string };
  max_distance_km?: number;
  availability?: {
    days_per_week?: number;
    schedule?: Partial<Record<Weekday, DayPart[]>>;
    hours_per_week_min?: number;
    hours_per_week_max?: number;
    start_date?: string;
    constraints?: string;
  };
  skills?: Array<{ skill_id: string; label: string; level: number }>;
  education_level?: { code: string; name: string | null };
  languages?: { dutch?: Record<string, string>; others?: Array<Record<string, string>> };
  experience?: Array<{ label?: string | null; title?: string; start?: string; end?: string; ongoing?: boolean }>;
}

export interface InterestedPerson {
  id: number;
  created_at: string;
  message: string | null;
  share: InterestShare;
  profile: SharedProfile;
}

export function listInterested(vacancyId: number, lang: "nl" | "en"): Promise<InterestedPerson[]> {
  return api.get<InterestedPerson[]>(`/vacancies/${vacancyId}/interests?lang=${lang}&page_size=50`);
}
