import { describe, expect, it } from "vitest";
import { SECTION_NAMES } from "../../api/selfie";
import { INTEREST_ITEM_COUNT, backPath, nextPath, parseStep, stepPath } from "./steps";

const parse = (path: string) => parseStep(path.split("/").filter(Boolean));

describe("wizard paths", () => {
  it("read every kind of step and write it back the same", () => {
    for (const path of [
      "/selfie/basics",
      "/selfie/experience",
      "/selfie/experience/4f1c-entry",
      "/selfie/languages",
      "/selfie/languages/others",
      "/selfie/interests",
      "/selfie/interests/1",
      "/selfie/interests/48",
      "/selfie/interests/result",
      "/selfie/visibility",
    ]) {
      const step = parse(path);
      expect(step, path).not.toBeNull();
      if (step) expect(stepPath(step)).toBe(path);
    }
  });

  it("refuse paths that are no step", () => {
    for (const path of ["/selfie", "/selfie/nope", "/selfie/basics/2", "/selfie/interests/0", "/selfie/interests/49", "/selfie/languages/fr", "/home"]) {
      expect(parse(path), path).toBeNull();
    }
  });

  it("walk forward through every screen of the wizard, in section order, and back again", () => {
    const forward: string[] = [];
    let path = "/selfie/basics";
    while (path !== "/home") {
      forward.push(path);
      const step = parse(path);
      if (!step) throw new Error(`not a step: ${path}`);
      path = nextPath(step);
    }
    const sectionsInOrder = [...new Set(forward.map((p) => p.split("/")[2]))];
    expect(sectionsInOrder).toEqual([...SECTION_NAMES]);
    // Intro, 48 statements and the result for the interests; two screens for languages.
    expect(forward.filter((p) => p.startsWith("/selfie/interests")).length).toBe(INTEREST_ITEM_COUNT + 2);
    expect(forward).toContain("/selfie/languages/others");

    const backward: string[] = [];
    path = forward[forward.length - 1] ?? "";
    while (path !== "/home") {
      backward.push(path);
      const step = parse(path);
      if (!step) throw new Error(`not a step: ${path}`);
      path = backPath(step);
    }
    expect(backward).toEqual([...forward].reverse());
  });

  it("send an experience entry back to the list of entries", () => {
    const entry = parse("/selfie/experience/abc");
    expect(entry && nextPath(entry)).toBe("/selfie/experience");
    expect(entry && backPath(entry)).toBe("/selfie/experience");
  });
});
