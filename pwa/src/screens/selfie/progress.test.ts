import { describe, expect, it } from "vitest";
import { completeness, readPosition, todaysStep } from "./progress";

describe("completeness", () => {
  it("counts complete sections out of ten, rounded like the server", () => {
    expect(completeness({})).toEqual({ done: 0, total: 10, percent: 0 });
    expect(completeness({ basics: "complete", location: "draft", skills: "complete" })).toEqual({
      done: 2,
      total: 10,
      percent: 20,
    });
  });
});

describe("today's step", () => {
  it("starts at the beginning for a new person", () => {
    expect(todaysStep({}, null)).toEqual({ section: "basics", path: "/selfie/basics" });
  });

  it("resumes exactly where the person stopped while that section is open", () => {
    const last = { section: "interests" as const, path: "/selfie/interests/17" };
    expect(todaysStep({ basics: "complete", interests: "draft" }, last)).toBe(last);
  });

  it("moves on to the next open section after a finished one, and wraps round to skipped ones", () => {
    const statuses = { basics: "draft", location: "complete", availability: "complete" } as const;
    const last = { section: "location" as const, path: "/selfie/location" };
    expect(todaysStep(statuses, last)).toEqual({ section: "experience", path: "/selfie/experience" });
    const allButBasics = {
      location: "complete",
      availability: "complete",
      experience: "complete",
      skills: "complete",
      education: "complete",
      languages: "complete",
      wishes: "complete",
      interests: "complete",
      visibility: "complete",
    } as const;
    const atEnd = { section: "visibility" as const, path: "/selfie/visibility" };
    expect(todaysStep(allButBasics, atEnd)).toEqual({ section: "basics", path: "/selfie/basics" });
  });

  it("is null when everything is complete", () => {
    const all = Object.fromEntries(
      ["basics", "location", "availability", "experience", "skills", "education", "languages", "wishes", "interests", "visibility"].map(
        (n) => [n, "complete" as const],
      ),
    );
    expect(todaysStep(all, null)).toBeNull();
  });
});

describe("stored position", () => {
  it("keeps a real wizard path and drops anything else", () => {
    expect(readPosition({ path: "/selfie/experience/e1", at: 1 })).toEqual({
      section: "experience",
      path: "/selfie/experience/e1",
    });
    expect(readPosition({ path: "/selfie/nothing" })).toBeNull();
    expect(readPosition("basics")).toBeNull();
    expect(readPosition(undefined)).toBeNull();
  });
});
