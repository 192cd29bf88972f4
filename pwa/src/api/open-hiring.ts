// Thin wrappers around the jobseeker's side of /api/v1/open-hiring: my place on a list.
// Every call needs the server at that moment (see pwa/README.md, "Open hiring").
import { api } from "./client";

export type PlaceState =
  | "waiting"
  | "paused"
  | "offered"
  | "accepted"
  | "started"
  | "declined"
  | "expired"
  | "no_show"
  | "withdrawn";

export type ShareField = "display_name" | "phone" | "email";
export const SHARE_FIELDS: readonly ShareField[] = ["display_name", "phone", "email"];

export interface QueuePlace {
  vacancy_id: number;
  place_id: number;
  title: string;
  position: number;
  ahead: number;
  state: PlaceState;
  signed_at: string;
  confirmed_at: string;
  reconfirm_by: string | null;
  paused_at: string | null;
  offered_at: string | null;
  offer_deadline: string | null;
  accepted_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  shared_contact: Partial<Record<ShareField, string>> | null;
}

const queue = (vacancyId: number) => `/open-hiring/${vacancyId}/queue`;

export function signUp(vacancyId: number): Promise<QueuePlace> {
  return api.post<QueuePlace>(queue(vacancyId), { right_to_work_nl: true });
}

/** My place; an ApiError 404 (`not_signed`) when I am not on the list. */
export function getMyPlace(vacancyId: number): Promise<QueuePlace> {
  return api.get<QueuePlace>(queue(vacancyId));
}

export function listMyPlaces(): Promise<QueuePlace[]> {
  return api.get<QueuePlace[]>("/open-hiring/my-places");
}

export function withdraw(vacancyId: number): Promise<QueuePlace> {
  return api.delete<QueuePlace>(queue(vacancyId));
}

export function confirmPlace(vacancyId: number): Promise<QueuePlace> {
  return api.post<QueuePlace>(`${queue(vacancyId)}/confirm`);
}

export function acceptOffer(vacancyId: number, share: readonly ShareField[]): Promise<QueuePlace> {
  return api.post<QueuePlace>(`${queue(vacancyId)}/accept`, { share });
}

export function declineOffer(vacancyId: number): Promise<QueuePlace> {
  return api.post<QueuePlace>(`${queue(vacancyId)}/decline`);
}
