// Thin wrappers around the reference data (/api/v1/taxonomy). The service worker keeps
// these answers (stale-while-revalidate), so a postcode looked up once also works offline.
import { api, requestResponse } from "./client";
import type { Lang } from "./selfie";

interface CodeName {
  code: string;
  name: string;
}

interface PostcodeResponse {
  pc4: string;
  place: string;
  lat: number;
  lon: number;
  province: string;
  municipality: CodeName;
  region: CodeName;
}

/** A Dutch postcode area: what the screen shows to confirm the postcode. */
export interface PostcodeInfo {
  /** The PC4 the postcode was reduced to (the server keeps no more). */
  postcode: string;
  place: string;
  /** The gemeente's name. */
  municipality: string;
  /** The labour market region's name. */
  region: string;
  municipalityCode: string;
  regionCode: string;
  province: string;
  lat: number;
  lon: number;
}

/** Look up a postcode (PC4 or PC6); ApiError 404 when unknown, 422 when malformed. */
export async function lookupPostcode(postcode: string): Promise<PostcodeInfo> {
  const compact = postcode.trim().replace(/\s+/g, "").toUpperCase();
  const found = await api.get<PostcodeResponse>(`/taxonomy/postcodes/${encodeURIComponent(compact)}`);
  return {
    postcode: found.pc4,
    place: found.place,
    municipality: found.municipality.name,
    region: found.region.name,
    municipalityCode: found.municipality.code,
    regionCode: found.region.code,
    province: found.province,
    lat: found.lat,
    lon: found.lon,
  };
}

export interface SkillHit {
  id: string;
  /** Dutch where ESCO has it, else English. */
  label: string;
  /** The alternative or other-language label that matched, when not `label`. */
  matchedLabel?: string;
}

interface SkillMatchResponse {
  id: string;
  label: string;
  matched_label: string | null;
}

/**
 * Autocomplete skills. The server searches Dutch and English labels at once and shows
 * Dutch labels (English where ESCO has no Dutch one), so `lang` does not change the answer.
 */
export async function searchSkills(query: string, _lang: Lang, limit = 10): Promise<SkillHit[]> {
  const q = query.trim();
  if (!q) return [];
  const hits = await api.get<SkillMatchResponse[]>(
    `/taxonomy/skills?q=${encodeURIComponent(q.slice(0, 100))}&limit=${Math.min(Math.max(limit, 1), 50)}`,
  );
  return hits.map((hit) =>
    hit.matched_label ? { id: hit.id, label: hit.label, matchedLabel: hit.matched_label } : { id: hit.id, label: hit.label },
  );
}

export interface EducationLevel {
  code: string;
  /** The name in the language asked for. */
  label: string;
  name_nl: string;
  name_en: string;
  /** NLQF level: 1-8 or 4+. */
  nlqf: string;
  eqf: number;
  cbs_level: string;
}

type EducationLevelResponse = Omit<EducationLevel, "label">;

/** The education levels, from low to high. */
export async function listEducationLevels(lang: Lang): Promise<EducationLevel[]> {
  const levels = await api.get<EducationLevelResponse[]>("/taxonomy/education-levels");
  return levels.map((level) => ({ ...level, label: lang === "en" ? level.name_en : level.name_nl }));
}

export interface OccupationMatch {
  id: string;
  code: string;
  /** The Dutch label. */
  label: string;
  /** The alternative or English label that matched, when not `label`. */
  matched_label: string | null;
}

/** Autocomplete occupations on the server (Dutch and English labels, typos forgiven). */
export async function searchOccupationsOnline(query: string, limit = 10): Promise<OccupationMatch[]> {
  const q = query.trim();
  if (!q) return [];
  return api.get<OccupationMatch[]>(
    `/taxonomy/occupations?q=${encodeURIComponent(q.slice(0, 100))}&limit=${Math.min(Math.max(limit, 1), 50)}`,
  );
}

export interface OccupationDetail {
  id: string;
  code: string;
  label: string;
  label_en: string;
  alt_labels: string[];
  description: string;
}

export function fetchOccupation(id: string): Promise<OccupationDetail> {
  return api.get<OccupationDetail>(`/taxonomy/occupations/${encodeURIComponent(id)}`);
}

/** The whole occupation list in one language (GET /taxonomy/occupations/labels). */
export interface OccupationLabelsDocument {
  lang: Lang;
  count: number;
  occupations: Array<{ id: string; label: string; alt_labels: string[] }>;
}

export type OccupationLabelsAnswer =
  | { changed: false }
  | { changed: true; etag: string | null; lastModified: string | null; document: OccupationLabelsDocument };

/**
 * Download the occupation list, or learn that the copy with `etag` is still current
 * (304). The browser's HTTP cache is bypassed: IndexedDB is where the app keeps it.
 */
export async function fetchOccupationLabels(lang: Lang, etag: string | null): Promise<OccupationLabelsAnswer> {
  const response = await requestResponse("GET", `/taxonomy/occupations/labels?lang=${lang}`, {
    headers: etag ? { "If-None-Match": etag } : {},
    cache: "no-store",
  });
  if (response.status === 304) return { changed: false };
  return {
    changed: true,
    etag: response.headers.get("ETag"),
    lastModified: response.headers.get("Last-Modified"),
    document: (await response.json()) as OccupationLabelsDocument,
  };
}
