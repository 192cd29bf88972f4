// Thin wrappers around the selfie API (docs/selfie.md). Section writes do not live here:
// they go through the outbox (sync/selfie-sync.ts), so they work offline.
import { API_BASE, api } from "./client";

export const SECTION_NAMES = [
  "basics",
  "location",
  "availability",
  "experience",
  "skills",
  "education",
  "languages",
  "wishes",
  "interests",
  "visibility",
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];
export type SectionData = Record<string, unknown>;
export type SectionStatus = "empty" | "draft" | "complete";
export type Lang = "nl" | "en";

export interface SectionSummary {
  name: SectionName;
  /** 0: never written. */
  version: number;
  status: SectionStatus;
  /** Dotted paths still needed for complete. */
  missing: string[];
  updated_at?: string | null;
}

export interface SelfieOverview {
  sections: SectionSummary[];
  /** Per cent of the sections that are complete. */
  completeness: number;
  /** The opaque id employers use to see the profile. */
  profile_id: string;
  status: SectionStatus;
}

export interface Section extends SectionSummary {
  data: SectionData;
  /** Worked out by the server: the region of the postcode, the RIASEC profile. */
  derived?: Record<string, unknown>;
}

export interface SkillProposal {
  skill_id: string;
  label: string;
  /** The experience occupations that need this skill. */
  occupation_ids: string[];
}

export interface InterestItem {
  id: string;
  type: "R" | "I" | "A" | "S" | "E" | "C";
  text: string;
}

/** An earlier version of a section. */
export interface Revision {
  version: number;
  data: SectionData;
  created_at: string;
}

export interface CvLine {
  label: string;
  value: string;
}

export interface CvSection {
  section: SectionName;
  title: string;
  lines: CvLine[];
}

/** The Slim CV: every complete section, readable. */
export interface Cv {
  language: Lang;
  name: string | null;
  sections: CvSection[];
  /** Sections left out because they are not complete yet. */
  not_yet_complete: SectionName[];
}

export function fetchSelfie(): Promise<SelfieOverview> {
  return api.get<SelfieOverview>("/selfie");
}

export function fetchSection(name: SectionName): Promise<Section> {
  return api.get<Section>(`/selfie/sections/${name}`);
}

export function fetchRevisions(name: SectionName): Promise<Revision[]> {
  return api.get<Revision[]>(`/selfie/sections/${name}/revisions`);
}

/**
 * Skills proposed from the experience. The endpoint has no language: labels are Dutch
 * where ESCO has them, else English (the taxonomy's one rule).
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the screens pass their language; the API has none here
export function fetchSkillProposals(_lang: Lang): Promise<SkillProposal[]> {
  return api.get<SkillProposal[]>("/selfie/skill-proposals");
}

export function fetchInterestItems(lang: Lang): Promise<InterestItem[]> {
  return api.get<InterestItem[]>(`/selfie/interest-items?lang=${lang}`);
}

export function fetchCv(lang: Lang): Promise<Cv> {
  return api.get<Cv>(`/selfie/cv?lang=${lang}`);
}

/** The JSON Resume document, for a download link. */
export function cvJsonUrl(lang: Lang): string {
  return `${API_BASE}/selfie/cv.json?lang=${lang}`;
}

/** Every piece of data about me, as a JSON file to download. */
export async function exportMyData(): Promise<Blob> {
  const body = await api.get<unknown>("/me/export");
  return new Blob([JSON.stringify(body, null, 2)], { type: "application/json" });
}

/** Erase my account; the server clears the login cookies. */
export async function deleteMe(password: string): Promise<void> {
  await api.delete<undefined>("/me", { body: { password } });
}
