import { describe, expect, it } from "vitest";
import { answerOf, explainProfile, readProfile, scoreAnswers, type RiasecProfile } from "./riasec";

const profile = (scores: RiasecProfile["scores"]): RiasecProfile => ({ scores, hollandCode: [], answered: 48 });

describe("scoreAnswers", () => {
  it("waits until every type has four answers", () => {
    expect(scoreAnswers({ R1: 5, R2: 5, R3: 5, R4: 5 })).toBeNull();
  });

  it("rescales each type's mean from 1–5 to 0–100 and ranks ties in R, I, A, S, E, C order", () => {
    const answers: Record<string, number> = {};
    for (const type of "RIASEC") for (let i = 1; i <= 4; i++) answers[`${type}${i}`] = 3;
    Object.assign(answers, { S1: 5, S2: 5, S3: 5, S4: 4, A1: 5, E1: 4 });
    const found = scoreAnswers(answers);
    expect(found?.scores.S).toBe(93.8); // mean 4.75 → 93.75, one decimal
    expect(found?.scores.R).toBe(50);
    expect(found?.hollandCode).toEqual(["S", "A", "E"]);
    expect(found?.answered).toBe(24);
  });
});

describe("readProfile", () => {
  it("reads the server's derived profile and refuses anything else", () => {
    const derived = { profile: { scores: { R: 10, I: 20, A: 30, S: 90, E: 40, C: 0 }, holland_code: "SEA", answered: 30 } };
    expect(readProfile(derived)).toEqual({
      scores: { R: 10, I: 20, A: 30, S: 90, E: 40, C: 0 },
      hollandCode: ["S", "E", "A"],
      answered: 30,
    });
    expect(readProfile({})).toBeNull();
    expect(readProfile(undefined)).toBeNull();
  });
});

describe("explainProfile", () => {
  it("says many kinds of work fit when every type is about the same", () => {
    expect(explainProfile(profile({ R: 50, I: 55, A: 52, S: 60, E: 50, C: 49 }))).toEqual({ kind: "even" });
  });

  it("names the best type gently when nothing was really liked", () => {
    expect(explainProfile(profile({ R: 0, I: 10, A: 30, S: 5, E: 0, C: 0 }))).toEqual({ kind: "low", best: "A" });
  });

  it("names the main type and only the close runners-up", () => {
    const p = { ...profile({ R: 20, I: 30, A: 70, S: 90, E: 60, C: 10 }), hollandCode: ["S", "A", "E"] as RiasecProfile["hollandCode"] };
    expect(explainProfile(p)).toEqual({ kind: "clear", main: "S", also: ["A"] });
    const wide = { ...profile({ R: 20, I: 30, A: 80, S: 90, E: 75, C: 10 }), hollandCode: ["S", "A", "E"] as RiasecProfile["hollandCode"] };
    expect(explainProfile(wide)).toEqual({ kind: "clear", main: "S", also: ["A", "E"] });
  });
});

describe("answerOf", () => {
  it("shows a stored 1–5 value on the three buttons", () => {
    expect([1, 2, 3, 4, 5].map(answerOf)).toEqual(["dislike", "dislike", "neutral", "like", "like"]);
    expect(answerOf(null)).toBeNull();
    expect(answerOf(7)).toBeNull();
  });
});
