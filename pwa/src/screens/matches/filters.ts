// The matches filter without the screen: what the URL's query string says, and back.
// The filter lives in the URL, so a reload, the back button and a shared link keep it.
import { WORK_KINDS, type MatchQuery, type WorkKind } from "../../api/matching";

/** The distances to choose from; "" (no choice) is the person's own travel radius. */
export const DISTANCES = [5, 10, 25, 50, 100] as const;
export const MAX_DISTANCE_KM = 250;

/** The filter in a query string ("?distance_km=10&kind=job"); junk is ignored. */
export function parseFilters(search: string): MatchQuery {
  const params = new URLSearchParams(search);
  const raw = params.get("distance_km") ?? "";
  const km = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  const kinds = WORK_KINDS.filter((kind) => params.getAll("kind").includes(kind));
  return { distanceKm: km >= 1 && km <= MAX_DISTANCE_KM ? km : null, kinds };
}

/** The query string of a filter, with its "?" ("" for no filter). */
export function filterSearch(query: MatchQuery): string {
  const params = new URLSearchParams();
  if (query.distanceKm !== null) params.set("distance_km", String(query.distanceKm));
  for (const kind of WORK_KINDS) if (query.kinds.includes(kind)) params.append("kind", kind);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The kinds chosen, in a stable order (for the API and for comparing). */
export function sortedKinds(kinds: readonly string[]): WorkKind[] {
  return WORK_KINDS.filter((kind) => kinds.includes(kind));
}

/** Where a selfie field named by the API is filled in: its wizard step. */
export const MISSING_STEPS: Readonly<Record<string, string>> = {
  "location.postcode": "/selfie/location",
  "location.max_distance_km": "/selfie/location",
  "availability.schedule": "/selfie/availability",
  "skills.entries": "/selfie/skills",
  "wishes.occupation_ids": "/selfie/wishes",
};

/** The wizard step of a missing field (the section's first screen for one we do not know). */
export function missingStep(field: string): string {
  return MISSING_STEPS[field] ?? `/selfie/${field.split(".")[0] ?? ""}`;
}

/** Where a vacancy opens: the open-hiring screen or the vacancy screen (as the work screens). */
export function vacancyPath(vacancy: { id: number; hiring_mode: "regular" | "open" }): string {
  return vacancy.hiring_mode === "open" ? `/open-hiring/${vacancy.id}` : `/vacancies/${vacancy.id}`;
}
