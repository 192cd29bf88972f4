/* eslint-disable @typescript-eslint/no-unused-vars -- interface first, bodies follow */
// The offline occupation list. (Interface first; the implementation follows.)
import type { Lang } from "../api/selfie";

export interface OccupationHit {
  id: string;
  label: string;
  /** The alternative label that matched, when it is not `label`. */
  matchedLabel?: string;
}

export async function syncOccupationList(_lang: Lang): Promise<void> {
  throw new Error("not implemented yet");
}

export async function searchOccupations(_query: string, _lang: Lang, _limit = 10): Promise<OccupationHit[]> {
  throw new Error("not implemented yet");
}

export async function occupationLabel(_id: string, _lang: Lang): Promise<string | null> {
  throw new Error("not implemented yet");
}
