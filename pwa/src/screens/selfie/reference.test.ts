import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb, getMeta } from "../../store/db";
import { useFreshIndexedDb } from "../../store/testing";
import { forgetReference, rememberServerSkillLabels, rememberSkillLabels, skillLabels } from "./reference";

beforeEach(() => {
  useFreshIndexedDb();
  forgetReference();
});
afterEach(closeDb);

describe("skill names from the server", () => {
  const derived = {
    skill_labels: {
      "a-1": { nl: "Koken", en: "Cooking" },
      "b-2": { nl: "Schoonmaken", en: "Cleaning" },
      broken: "not an object",
    },
  };

  it("keeps the names in the person's language", async () => {
    await rememberServerSkillLabels(derived, "en");
    expect(await skillLabels()).toEqual({ "a-1": "Cooking", "b-2": "Cleaning" });
    await rememberServerSkillLabels(derived, "nl");
    expect(await skillLabels()).toEqual({ "a-1": "Koken", "b-2": "Schoonmaken" });
  });

  it("keeps them across a restart of the app", async () => {
    await rememberServerSkillLabels(derived, "nl");
    // The names are written to IndexedDB in the background.
    await vi.waitFor(async () => expect(await getMeta("ref.skill-labels")).toBeTruthy());
    forgetReference();
    expect((await skillLabels())["a-1"]).toBe("Koken");
  });

  it("adds to the names the phone already knew, and ignores a section without names", async () => {
    await rememberSkillLabels([{ id: "c-3", label: "Tillen" }]);
    await rememberServerSkillLabels({}, "nl");
    await rememberServerSkillLabels(undefined, "nl");
    await rememberServerSkillLabels(derived, "nl");
    expect(Object.keys(await skillLabels()).sort()).toEqual(["a-1", "b-2", "c-3"]);
  });
});
