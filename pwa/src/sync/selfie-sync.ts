/* eslint-disable @typescript-eslint/no-unused-vars -- interface first, bodies follow */
// What the screens use to read and write selfie sections, offline first.
// (Interface first; the implementation follows.)
import type { SectionData, SectionName, SectionStatus } from "../api/selfie";

/** synced; saved on this phone only; needs the person's choice; the server refused a value. */
export type SectionSyncState = "synced" | "local" | "conflict" | "invalid";

/** A field both sides changed. `path` is dotted: "basics.display_name", "experience.entries.<entry id>.title". */
export interface FieldConflict {
  path: string;
  mine: unknown;
  theirs: unknown;
}

export interface LocalSection {
  name: SectionName;
  /** The draft if there is one, else the server copy. */
  data: SectionData;
  serverVersion: number;
  serverStatus: SectionStatus;
  missing: string[];
  derived?: Record<string, unknown>;
  state: SectionSyncState;
  conflicts: FieldConflict[];
  /** The server's 422, by dotted field. */
  errors: Record<string, string[]>;
}

const notYet = () => new Error("not implemented yet");

export async function loadSection(_name: SectionName): Promise<LocalSection> {
  throw notYet();
}
export async function loadAllSections(): Promise<Record<SectionName, LocalSection>> {
  throw notYet();
}
export async function saveSection(_name: SectionName, _data: SectionData): Promise<void> {
  throw notYet();
}
export function scheduleSave(_name: SectionName, _data: SectionData): void {
  throw notYet();
}
export async function flushPendingSaves(): Promise<void> {
  throw notYet();
}
export async function resolveConflicts(
  _name: SectionName,
  _choices: Record<string, "mine" | "theirs">,
): Promise<void> {
  throw notYet();
}
export function subscribe(_listener: (name: SectionName) => void): () => void {
  throw notYet();
}
export async function flushNow(): Promise<void> {
  throw notYet();
}
export function startSync(): () => void {
  throw notYet();
}
export async function pendingCount(): Promise<number> {
  throw notYet();
}
export async function clearLocalData(): Promise<void> {
  throw notYet();
}
