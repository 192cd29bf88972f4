// Thin wrappers around /api/v1/notifications, /api/v1/push and /api/v1/checkins: the
// inbox, push preferences, this device's subscription and the daily check-in.
import { api, requestResponse } from "./client";

export interface DeliveryLogEntry {
  at: string;
  outcome: string;
  [key: string]: unknown;
}

export interface InboxEntry {
  id: number;
  kind: string;
  data: Record<string, unknown>;
  created_at: string;
  read_at: string | null;
  push: { state: string; [key: string]: unknown };
}

export interface InboxPage {
  items: InboxEntry[];
  unread: number;
}

/** One page of my inbox (newest first) and the unread count from X-Unread-Count. */
export async function listInbox(pageSize = 50): Promise<InboxPage> {
  const response = await requestResponse("GET", `/notifications?page=1&page_size=${pageSize}`);
  const items = (await response.json()) as InboxEntry[];
  return { items, unread: unreadFrom(response.headers) };
}

/** How many of my notifications are unread (asks for the smallest page). */
export async function unreadCount(): Promise<number> {
  const response = await requestResponse("GET", "/notifications?page=1&page_size=1");
  return unreadFrom(response.headers);
}

export function unreadFrom(headers: Headers): number {
  const value = Number(headers.get("X-Unread-Count"));
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

export function markRead(id: number): Promise<InboxEntry> {
  return api.post<InboxEntry>(`/notifications/${id}/read`);
}

export function markAllRead(): Promise<{ marked: number }> {
  return api.post<{ marked: number }>("/notifications/read-all");
}

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export interface Topics {
  open_hiring_nearby: boolean;
  queue_turn: boolean;
  learning_offers: boolean;
  daily_checkin: boolean;
}

export interface Preferences {
  topics: Topics;
  quiet_hours: { start: string; end: string } | null;
  daily_max: number;
  checkin: { time: string; days: Weekday[] };
  time_zone: string;
  next_checkin_at?: string | null;
}

export function getPreferences(): Promise<Preferences> {
  return api.get<Preferences>("/notifications/preferences");
}

export function savePreferences(prefs: Preferences): Promise<Preferences> {
  // next_checkin_at is read-only: the server refuses unknown fields.
  const body: Omit<Preferences, "next_checkin_at"> = {
    topics: prefs.topics,
    quiet_hours: prefs.quiet_hours,
    daily_max: prefs.daily_max,
    checkin: prefs.checkin,
    time_zone: prefs.time_zone,
  };
  return api.put<Preferences>("/notifications/preferences", body);
}

export async function vapidPublicKey(): Promise<string> {
  return (await api.get<{ public_key: string }>("/push/vapid-public-key")).public_key;
}

export interface DeviceKeys {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export function saveSubscription(subscription: DeviceKeys): Promise<unknown> {
  return api.post("/push/subscriptions", subscription);
}

export interface DigestPlace {
  vacancy_id: number;
  title: string;
  place: string | null;
  distance_km: number | null;
}

export interface DigestQueue {
  vacancy_id: number;
  title: string;
  state: string;
  position: number;
  ahead: number;
  ahead_before?: number | null;
}

export interface DigestOffer {
  id: number;
  title: string;
  organisation_name: string;
  online: boolean;
  place: string | null;
}

export interface Digest {
  places: DigestPlace[];
  queues: DigestQueue[];
  queue_moves: DigestQueue[];
  learning_offers: DigestOffer[];
  next_step: { section: string; title_nl: string; title_en: string } | null;
  nudge: boolean;
  summary_nl: string;
  summary_en: string;
}

export interface Streak {
  days: number;
  total: number;
  message_nl: string;
  message_en: string;
}

export interface CheckIn {
  id: number;
  day: string;
  digest: Digest;
  question: { nl: string; en: string };
  answered_at: string | null;
  available: boolean | null;
  streak: Streak;
  confirmed?: number[];
  resumed?: number[];
}

export function openCheckIn(): Promise<CheckIn> {
  return api.post<CheckIn>("/checkins");
}

export function answerCheckIn(id: number, available: boolean): Promise<CheckIn> {
  return api.post<CheckIn>(`/checkins/${id}/answer`, { available });
}
