// A place on an open-hiring list in plain words, and what the person can do with it.
import type { PlaceState, QueuePlace } from "../../api/open-hiring";
import type { WorkKey } from "./words";

export interface Sentence {
  key: WorkKey;
  params?: Record<string, string | number>;
}

const ENDED_WORDS: Partial<Record<PlaceState, WorkKey>> = {
  accepted: "state.accepted",
  started: "state.started",
  declined: "state.declined",
  expired: "state.expired",
  no_show: "state.noShow",
  withdrawn: "state.withdrawn",
};

/** Re-confirming is asked this long before it is due. */
export const RECONFIRM_WARNING_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * The state of my place in one sentence. `formatTime` turns the offer's deadline into
 * words ("dinsdag 9 december 14:30").
 */
export function stateSentence(place: QueuePlace, formatTime: (iso: string) => string): Sentence {
  const position = place.position;
  switch (place.state) {
    case "waiting":
      if (place.ahead === 0) return { key: "state.waitingFirst", params: { position } };
      if (place.ahead === 1) return { key: "state.waitingOne", params: { position } };
      return { key: "state.waiting", params: { position, ahead: place.ahead } };
    case "paused":
      return { key: "state.paused", params: { position } };
    case "offered":
      return { key: "state.offered", params: { deadline: place.offer_deadline ? formatTime(place.offer_deadline) : "" } };
    default:
      return { key: ENDED_WORDS[place.state] ?? "state.withdrawn" };
  }
}

/** "Ik wil nog steeds" is shown for a paused place, and for a waiting one close to its date. */
export function reconfirmDue(place: QueuePlace, now: number): boolean {
  if (place.state === "paused") return true;
  if (place.state !== "waiting" || !place.reconfirm_by) return false;
  return Date.parse(place.reconfirm_by) - now <= RECONFIRM_WARNING_MS;
}

/** A person may leave a list while waiting, paused, offered or accepted. */
export function canWithdraw(place: QueuePlace): boolean {
  return ["waiting", "paused", "offered", "accepted"].includes(place.state);
}

/** Places that still need something of the person come first, ended ones last. */
export function sortPlaces(places: readonly QueuePlace[]): QueuePlace[] {
  const rank: Record<PlaceState, number> = {
    offered: 0,
    paused: 1,
    waiting: 2,
    accepted: 3,
    started: 4,
    declined: 5,
    expired: 5,
    no_show: 5,
    withdrawn: 5,
  };
  return [...places].sort((a, b) => rank[a.state] - rank[b.state] || Date.parse(b.signed_at) - Date.parse(a.signed_at));
}
