// The offer's countdown: what is left, in words, and when a screen reader is told.
import type { WorkKey } from "./words";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface TimeLeft {
  /** Milliseconds left (0 once the deadline has passed). */
  ms: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  expired: boolean;
}

/** What is left until `deadline` (an ISO time or epoch ms), at `now` (epoch ms). */
export function timeLeft(deadline: string | number, now: number): TimeLeft {
  const end = typeof deadline === "number" ? deadline : Date.parse(deadline);
  const ms = Number.isNaN(end) ? 0 : Math.max(0, end - now);
  // Whole seconds, rounded up: "1 second" is shown until the very end, never "0 seconds".
  const total = Math.ceil(ms / SECOND);
  return {
    ms,
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
    expired: ms <= 0,
  };
}

type Words = (key: WorkKey, params?: Record<string, string | number>) => string;

function unit(n: number, one: WorkKey, many: WorkKey, words: Words): string {
  return n === 1 ? words(one) : words(many, { n });
}

/**
 * The time left in two units, the largest first: "2 dagen en 3 uur", "3 uur en 12
 * minuten", "12 minuten en 5 seconden", "45 seconden". A zero second unit is left out.
 */
export function formatTimeLeft(left: TimeLeft, words: Words): string {
  const parts: Array<[number, WorkKey, WorkKey]> = [
    [left.days, "time.day", "time.days"],
    [left.hours, "time.hour", "time.hours"],
    [left.minutes, "time.minute", "time.minutes"],
    [left.seconds, "time.second", "time.seconds"],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return unit(0, "time.second", "time.seconds", words);
  const [n, one, many] = parts[first] as [number, WorkKey, WorkKey];
  const big = unit(n, one, many, words);
  const next = parts[first + 1];
  if (!next || next[0] === 0) return big;
  return words("time.and", { a: big, b: unit(next[0], next[1], next[2], words) });
}

/** The moments worth telling a screen reader: crossing one of these is announced. */
export type Milestone = "more" | "day" | "hour" | "minutes" | "minute" | "expired";

export const MILESTONE_WORDS: Record<Exclude<Milestone, "more">, WorkKey> = {
  day: "announce.day",
  hour: "announce.hour",
  minutes: "announce.minutes",
  minute: "announce.minute",
  expired: "announce.expired",
};

/** Which stretch the time left is in. The live region speaks only when this changes. */
export function milestone(ms: number): Milestone {
  if (ms <= 0) return "expired";
  if (ms <= MINUTE) return "minute";
  if (ms <= 10 * MINUTE) return "minutes";
  if (ms <= HOUR) return "hour";
  if (ms <= DAY) return "day";
  return "more";
}
