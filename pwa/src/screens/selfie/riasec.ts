// The passion profile (RIASEC): the scores the server works out, and which words explain
// them. The server's `derived.profile` is used when the section is synced; offline the
// phone works the profile out with the same sums (backend/selfie/riasec.py), so the
// person sees their result at once.
import { MIN_ANSWERS_PER_TYPE, answersPerType } from "./assess";
import { RIASEC_TYPES, record, whole, type Data, type RiasecType } from "./model";

export interface RiasecProfile {
  /** 0–100 per type. */
  scores: Record<RiasecType, number>;
  /** The three highest types, highest first (ties in the order R, I, A, S, E, C). */
  hollandCode: RiasecType[];
  answered: number;
}

/** The three answers on screen, as values on the 1–5 scale (the ends and the middle). */
export const ANSWER_VALUES = { like: 5, neutral: 3, dislike: 1 } as const;
export type Answer = keyof typeof ANSWER_VALUES;

/** Which button shows as chosen for a stored value (another device may have used 2 or 4). */
export function answerOf(value: unknown): Answer | null {
  const n = whole(value);
  if (n === null || n < 1 || n > 5) return null;
  if (n >= 4) return "like";
  return n <= 2 ? "dislike" : "neutral";
}

/** The profile from the answers, or null while a type has fewer than 4 answers. */
export function scoreAnswers(answers: Data): RiasecProfile | null {
  const counts = answersPerType(answers);
  if (RIASEC_TYPES.some((type) => (counts[type] ?? 0) < MIN_ANSWERS_PER_TYPE)) return null;
  const sums = Object.fromEntries(RIASEC_TYPES.map((type) => [type, 0])) as Record<RiasecType, number>;
  let answered = 0;
  for (const [id, value] of Object.entries(answers)) {
    const n = whole(value);
    const type = id.charAt(0) as RiasecType;
    if (!/^[RIASEC][1-8]$/.test(id) || n === null || n < 1 || n > 5) continue;
    sums[type] += n;
    answered += 1;
  }
  const scores = Object.fromEntries(
    RIASEC_TYPES.map((type) => {
      const mean = sums[type] / (counts[type] ?? 1);
      return [type, Math.round(((mean - 1) / 4) * 1000) / 10];
    }),
  ) as Record<RiasecType, number>;
  return { scores, hollandCode: rank(scores).slice(0, 3), answered };
}

/** Types from the highest score down; equal scores keep the order R, I, A, S, E, C. */
export function rank(scores: Record<RiasecType, number>): RiasecType[] {
  return [...RIASEC_TYPES].sort((a, b) => scores[b] - scores[a]);
}

/** The server's `derived.profile`, checked (it is plain JSON). */
export function readProfile(derived: Record<string, unknown> | undefined): RiasecProfile | null {
  const profile = record(derived?.profile);
  const scores = record(profile.scores);
  const code = typeof profile.holland_code === "string" ? profile.holland_code : "";
  if (!RIASEC_TYPES.every((type) => typeof scores[type] === "number")) return null;
  const letters = [...code].filter((c): c is RiasecType => (RIASEC_TYPES as readonly string[]).includes(c));
  return {
    scores: scores as Record<RiasecType, number>,
    hollandCode: letters.length === 3 ? letters : rank(scores as Record<RiasecType, number>).slice(0, 3),
    answered: whole(profile.answered) ?? 0,
  };
}

/** How to put the profile into words. */
export type Explanation =
  /** Everything scores about the same: many kinds of work can fit. */
  | { kind: "even" }
  /** Nothing scored high: name the one that came out best, gently. */
  | { kind: "low"; best: RiasecType }
  /** One to three types stand out: name them, strongest first. */
  | { kind: "clear"; main: RiasecType; also: RiasecType[] };

/** Scores closer than this (on 0–100) count as "about the same". */
export const CLOSE = 12.5;
/** Below this, even the best type was not really liked (2 on the 1–5 scale is 25). */
export const LOW = 40;

export function explainProfile(profile: RiasecProfile): Explanation {
  const ranked = rank(profile.scores);
  const best = ranked[0] ?? "R";
  const top = profile.scores[best];
  const bottom = profile.scores[ranked[ranked.length - 1] ?? "C"];
  if (top - bottom < CLOSE) return { kind: "even" };
  if (top < LOW) return { kind: "low", best };
  // The Holland code names three types; only those close to the best are worth a mention.
  const also = profile.hollandCode.filter((type) => type !== best && top - profile.scores[type] < 2 * CLOSE);
  return { kind: "clear", main: best, also: also.slice(0, 2) };
}
