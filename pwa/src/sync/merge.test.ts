import { describe, expect, it } from "vitest";
import type { SectionData } from "../api/selfie";
import { mergeSection, sameValue, valueAt, withValueAt, type MergeConflict } from "./merge";

const paths = (conflicts: MergeConflict[]) => conflicts.map((c) => c.path);

/**
 * The merge may never lose a value silently: every value either side set ends up in the
 * merged section or in a conflict (which keeps both values for the person to choose).
 */
function expectNothingDropped(section: string, base: SectionData, mine: SectionData, theirs: SectionData) {
  const { merged, conflicts } = mergeSection(section, base, mine, theirs);
  const leaves = (value: unknown, prefix: string[] = []): Array<[string[], unknown]> => {
    if (typeof value !== "object" || value === null) return [[prefix, value]];
    if (Array.isArray(value)) return [[prefix, value]];
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...prefix, k]));
  };
  const json = (v: unknown) => JSON.stringify(v);
  const everything = json(merged) + json(conflicts);
  for (const side of [mine, theirs]) {
    for (const [path, value] of leaves(side)) {
      const changed = !sameValue(valueAt(section, base, path), value);
      if (!changed || value === null) continue;
      // Lists merged per item show up item by item (what was added); a plain value verbatim.
      const before = valueAt(section, base, path);
      const parts = Array.isArray(value)
        ? value.filter((item) => !(Array.isArray(before) && before.some((b) => sameValue(b, item)))).map(json)
        : [json(value)];
      for (const part of parts) expect(everything, `${path.join(".")} = ${part}`).toContain(part.slice(1, -1));
    }
  }
}

describe("sameValue", () => {
  it("treats a missing member and null alike, and compares deeply", () => {
    expect(sameValue({ a: 1, b: null }, { a: 1 })).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameValue({ a: 0 }, { a: null })).toBe(false);
    expect(sameValue({ a: "" }, {})).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
  });
});

describe("mergeSection: plain fields", () => {
  const base = { display_name: "Sam", birth_year: 1990, phone: "0612345678" };

  it("takes a field only I changed, and one only they changed", () => {
    const mine = { ...base, display_name: "Samira" };
    const theirs = { ...base, phone: "0687654321" };
    const { merged, conflicts } = mergeSection("basics", base, mine, theirs);
    expect(merged).toEqual({ display_name: "Samira", birth_year: 1990, phone: "0687654321" });
    expect(conflicts).toEqual([]);
  });

  it("makes a conflict of a field both changed differently, keeping mine for now", () => {
    const mine = { ...base, display_name: "Samira" };
    const theirs = { ...base, display_name: "Sammy" };
    const { merged, conflicts } = mergeSection("basics", base, mine, theirs);
    expect(merged.display_name).toBe("Samira");
    expect(conflicts).toEqual([
      { path: "basics.display_name", segments: ["display_name"], mine: "Samira", theirs: "Sammy" },
    ]);
  });

  it("is not a conflict when both changed a field to the same value", () => {
    const changed = { ...base, birth_year: 1991 };
    expect(mergeSection("basics", base, changed, { ...changed })).toEqual({ merged: changed, conflicts: [] });
  });

  it("keeps a field one side cleared and the other left alone", () => {
    const mine = { ...base, phone: null };
    const { merged, conflicts } = mergeSection("basics", base, mine, base);
    expect(merged.phone).toBeNull();
    expect(conflicts).toEqual([]);
  });

  it("makes a conflict of a field one side cleared and the other changed (null: not answered)", () => {
    const { conflicts } = mergeSection("basics", base, { ...base, phone: null }, { ...base, phone: "0600000000" });
    expect(conflicts).toEqual([{ path: "basics.phone", segments: ["phone"], mine: null, theirs: "0600000000" }]);
  });

  it("treats a left-out field as null", () => {
    const { merged, conflicts } = mergeSection("basics", { display_name: "Sam" }, {}, { display_name: "Sam" });
    expect(merged).toEqual({});
    expect(conflicts).toEqual([]);
  });

  it("takes fields added on one side when there was no server copy yet (base empty)", () => {
    const { merged, conflicts } = mergeSection("basics", {}, { display_name: "Sam" }, { birth_year: 1990 });
    expect(merged).toEqual({ display_name: "Sam", birth_year: 1990 });
    expect(conflicts).toEqual([]);
  });

  it("compares booleans and numbers by value: false and 0 are answers", () => {
    const b = { has_driving_licence: true, max_distance_km: 10 };
    const { merged, conflicts } = mergeSection(
      "location",
      b,
      { has_driving_licence: false, max_distance_km: 10 },
      { has_driving_licence: true, max_distance_km: 0 },
    );
    expect(merged).toEqual({ has_driving_licence: false, max_distance_km: 0 });
    expect(conflicts).toEqual([]);
  });

  it("treats a missing base like an empty section", () => {
    const { conflicts } = mergeSection("basics", null, { display_name: "A" }, { display_name: "B" });
    expect(paths(conflicts)).toEqual(["basics.display_name"]);
  });
});

describe("mergeSection: nested objects merge key by key", () => {
  it("merges interest answers per item", () => {
    const base = { answers: { R1: 3, R2: 3, I1: 4 } };
    const mine = { answers: { R1: 5, R2: 3, I1: 4, A1: 2 } };
    const theirs = { answers: { R1: 3, R2: 1, I1: 4, S1: 4 } };
    const { merged, conflicts } = mergeSection("interests", base, mine, theirs);
    expect(merged).toEqual({ answers: { R1: 5, R2: 1, I1: 4, A1: 2, S1: 4 } });
    expect(conflicts).toEqual([]);
  });

  it("names the answer both sides gave differently", () => {
    const { merged, conflicts } = mergeSection("interests", { answers: {} }, { answers: { C3: 1 } }, { answers: { C3: 5 } });
    expect(merged).toEqual({ answers: { C3: 1 } });
    expect(conflicts).toEqual([{ path: "interests.answers.C3", segments: ["answers", "C3"], mine: 1, theirs: 5 }]);
  });

  it("merges the schedule per day, and each day's parts as a set", () => {
    const base = { days_per_week: 2, schedule: { mon: ["morning"], tue: ["morning"] } };
    const mine = { days_per_week: 2, schedule: { mon: ["morning", "afternoon"], tue: ["morning"], wed: ["evening"] } };
    const theirs = { days_per_week: 3, schedule: { mon: [], tue: ["morning", "evening"], fri: ["morning"] } };
    const { merged, conflicts } = mergeSection("availability", base, mine, theirs);
    expect(merged).toEqual({
      days_per_week: 3,
      schedule: { mon: ["afternoon"], tue: ["morning", "evening"], wed: ["evening"], fri: ["morning"] },
    });
    expect(conflicts).toEqual([]);
  });

  it("merges Dutch levels per skill", () => {
    const base = { dutch: { understanding: "A2", speaking: "A2", writing: "A1" } };
    const mine = { dutch: { understanding: "B1", speaking: "A2", writing: "A1" } };
    const theirs = { dutch: { understanding: "A2", speaking: "A2", writing: "A2" } };
    expect(mergeSection("languages", base, mine, theirs).merged).toEqual({
      dutch: { understanding: "B1", speaking: "A2", writing: "A2" },
    });
  });

  it("merges an object both sides created", () => {
    const { merged, conflicts } = mergeSection(
      "languages",
      {},
      { dutch: { understanding: "B1" } },
      { dutch: { speaking: "A2", understanding: "B2" } },
    );
    expect(merged).toEqual({ dutch: { understanding: "B1", speaking: "A2" } });
    expect(paths(conflicts)).toEqual(["languages.dutch.understanding"]);
  });

  it("makes a conflict when one side cleared an object the other changed", () => {
    const base = { schedule: { mon: ["morning"] } };
    const { merged, conflicts } = mergeSection("availability", base, { schedule: null }, { schedule: { mon: ["evening"] } });
    expect(merged).toEqual({ schedule: null });
    expect(conflicts).toEqual([
      { path: "availability.schedule", segments: ["schedule"], mine: null, theirs: { mon: ["evening"] } },
    ]);
  });
});

describe("mergeSection: lists of objects merge per item", () => {
  const cook = { id: "e1", title: "Kok", kind: "paid", start: "2019-01", ongoing: true };
  const carer = { id: "e2", title: "Mantelzorg", kind: "informal", start: "2020-05", end: "2022-01" };

  it("keeps entries each side added, and the field changes of both in one entry", () => {
    const base = { entries: [cook] };
    const mine = { entries: [{ ...cook, title: "Hoofdkok" }, carer] };
    const theirs = { entries: [{ ...cook, start: "2018-06" }, { id: "e3", title: "Vrijwilliger", kind: "volunteer" }] };
    const { merged, conflicts } = mergeSection("experience", base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.entries).toEqual([
      { ...cook, title: "Hoofdkok", start: "2018-06" },
      carer,
      { id: "e3", title: "Vrijwilliger", kind: "volunteer" },
    ]);
  });

  it("names the entry by its id in a conflict", () => {
    const base = { entries: [cook, carer] };
    const mine = { entries: [{ ...cook, title: "Hoofdkok" }, carer] };
    const theirs = { entries: [{ ...cook, title: "Chef" }, { ...carer, end: "2023-01" }] };
    const { merged, conflicts } = mergeSection("experience", base, mine, theirs);
    expect(conflicts).toEqual([
      { path: "experience.entries.e1.title", segments: ["entries", "e1", "title"], mine: "Hoofdkok", theirs: "Chef" },
    ]);
    expect(merged.entries).toEqual([{ ...cook, title: "Hoofdkok" }, { ...carer, end: "2023-01" }]);
  });

  it("removes an entry one side removed and the other left alone", () => {
    const base = { entries: [cook, carer] };
    const mine = { entries: [cook], no_experience: false };
    const theirs = { entries: [cook, carer], no_experience: false };
    expect(mergeSection("experience", base, mine, theirs).merged.entries).toEqual([cook]);
    // And the other way round, while I change another entry.
    const mine2 = { entries: [{ ...cook, title: "Chef" }, carer] };
    const theirs2 = { entries: [cook] };
    const result = mergeSection("experience", base, mine2, theirs2);
    expect(result.merged.entries).toEqual([{ ...cook, title: "Chef" }]);
    expect(result.conflicts).toEqual([]);
  });

  it("makes a conflict of an entry I removed and they changed: nothing silently dropped", () => {
    const base = { entries: [cook, carer] };
    const mine = { entries: [cook] };
    const theirs = { entries: [cook, { ...carer, title: "Zorg voor moeder" }] };
    const { merged, conflicts } = mergeSection("experience", base, mine, theirs);
    expect(merged.entries).toEqual([cook]);
    expect(conflicts).toEqual([
      {
        path: "experience.entries.e2",
        segments: ["entries", "e2"],
        mine: null,
        theirs: { ...carer, title: "Zorg voor moeder" },
      },
    ]);
  });

  it("makes a conflict of an entry I changed and they removed", () => {
    const base = { entries: [cook, carer] };
    const { merged, conflicts } = mergeSection(
      "experience",
      base,
      { entries: [cook, { ...carer, end: "2024-01" }] },
      { entries: [cook] },
    );
    expect(merged.entries).toEqual([cook, { ...carer, end: "2024-01" }]);
    expect(conflicts.map((c) => [c.path, c.mine, c.theirs])).toEqual([
      ["experience.entries.e2", { ...carer, end: "2024-01" }, null],
    ]);
  });

  it("places an entry only they added after its neighbour in their list", () => {
    const a = { id: "a" };
    const b = { id: "b" };
    const c = { id: "c" };
    const x = { id: "x" };
    const base = { entries: [a, b, c] };
    const mine = { entries: [a, b, { id: "c", title: "C" }] };
    const theirs = { entries: [a, x, b, c] };
    expect(mergeSection("experience", base, mine, theirs).merged.entries).toEqual([a, x, b, { id: "c", title: "C" }]);
    const first = mergeSection("experience", base, mine, { entries: [x, a, b, c] }).merged.entries;
    expect(first).toEqual([x, a, b, { id: "c", title: "C" }]);
  });

  it("merges skills by skill_id, and rejected suggestions as a set", () => {
    const base = { entries: [{ skill_id: "s1", level: 2 }], rejected_suggestions: ["r1"] };
    const mine = { entries: [{ skill_id: "s1", level: 3 }, { skill_id: "s2", level: 1 }], rejected_suggestions: ["r1", "r2"] };
    const theirs = {
      entries: [{ skill_id: "s1", level: 2, source: "confirmed_by" }, { skill_id: "s3", level: 4 }],
      rejected_suggestions: ["r1", "r3"],
    };
    const { merged, conflicts } = mergeSection("skills", base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({
      entries: [
        { skill_id: "s1", level: 3, source: "confirmed_by" },
        { skill_id: "s2", level: 1 },
        { skill_id: "s3", level: 4 },
      ],
      rejected_suggestions: ["r1", "r2", "r3"],
    });
  });

  it("merges other languages by language code", () => {
    const base = { others: [{ language: "ar", understanding: "C2" }] };
    const mine = { others: [{ language: "ar", understanding: "C2", speaking: "C2" }, { language: "en", speaking: "A2" }] };
    const theirs = { others: [{ language: "ar", understanding: "C1" }, { language: "fr", speaking: "A1" }] };
    const { merged, conflicts } = mergeSection("languages", base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.others).toEqual([
      { language: "ar", understanding: "C1", speaking: "C2" },
      { language: "en", speaking: "A2" },
      { language: "fr", speaking: "A1" },
    ]);
  });

  it("merges diplomas by name", () => {
    const mbo = { name: "MBO Zorg", level: "MBO_2", year: 2015, completed: true };
    const base = { diplomas: [mbo] };
    const mine = { diplomas: [{ ...mbo, year: 2016 }] };
    const theirs = { diplomas: [mbo, { name: "Taal A2", completed: true }] };
    expect(mergeSection("education", base, mine, theirs).merged.diplomas).toEqual([
      { ...mbo, year: 2016 },
      { name: "Taal A2", completed: true },
    ]);
  });

  it("merges a list as one value when an item has no identity (a diploma without a name yet)", () => {
    const base = { diplomas: [{ name: "A" }] };
    const mine = { diplomas: [{ name: "A" }, { year: 2020 }] };
    const theirs = { diplomas: [{ name: "A", year: 2001 }] };
    const { merged, conflicts } = mergeSection("education", base, mine, theirs);
    expect(merged.diplomas).toEqual(mine.diplomas);
    expect(conflicts).toEqual([{ path: "education.diplomas", segments: ["diplomas"], mine: mine.diplomas, theirs: theirs.diplomas }]);
  });

  it("merges a list as one value when an identity appears twice", () => {
    const { conflicts } = mergeSection(
      "experience",
      { entries: [] },
      { entries: [{ id: "a", title: "x" }, { id: "a", title: "y" }] },
      { entries: [{ id: "b" }] },
    );
    expect(paths(conflicts)).toEqual(["experience.entries"]);
  });

  it("merges the same item added on both sides field by field", () => {
    const { merged, conflicts } = mergeSection(
      "skills",
      { entries: [] },
      { entries: [{ skill_id: "s9", level: 2 }] },
      { entries: [{ skill_id: "s9", source: "learning" }] },
    );
    expect(merged.entries).toEqual([{ skill_id: "s9", level: 2, source: "learning" }]);
    expect(conflicts).toEqual([]);
  });
});

describe("mergeSection: lists of plain values", () => {
  it("merges sets: additions of both, removals of both", () => {
    const { merged } = mergeSection(
      "wishes",
      { occupation_ids: ["o1", "o2"], work_kinds: ["job"] },
      { occupation_ids: ["o1", "o3"], work_kinds: ["job"] },
      { occupation_ids: ["o2", "o1", "o4"], work_kinds: ["job", "stage"] },
    );
    expect(merged).toEqual({ occupation_ids: ["o1", "o3", "o4"], work_kinds: ["job", "stage"] });
  });

  it("merges contact methods and shared sections as sets", () => {
    expect(
      mergeSection("basics", { contact_methods: ["app"] }, { contact_methods: ["app", "sms"] }, { contact_methods: ["email"] }).merged,
    ).toEqual({ contact_methods: ["sms", "email"] });
    expect(
      mergeSection(
        "visibility",
        { shared_sections: ["basics", "skills"] },
        { shared_sections: ["skills"] },
        { shared_sections: ["basics", "skills", "education"] },
      ).merged,
    ).toEqual({ shared_sections: ["skills", "education"] });
  });

  it("treats a list that is not a known set as one value", () => {
    const { conflicts } = mergeSection("other", { tags: ["a"] }, { tags: ["a", "b"] }, { tags: ["a", "c"] });
    expect(conflicts).toEqual([{ path: "other.tags", segments: ["tags"], mine: ["a", "b"], theirs: ["a", "c"] }]);
  });

  it("makes a conflict when one side is not a list (nothing is guessed)", () => {
    const { conflicts } = mergeSection("wishes", { work_kinds: ["job"] }, { work_kinds: ["job", "stage"] }, { work_kinds: "job" });
    expect(paths(conflicts)).toEqual(["wishes.work_kinds"]);
  });

  it("makes a conflict of a type change (text against object)", () => {
    const { conflicts } = mergeSection("x", { a: "1" }, { a: { b: 1 } }, { a: "2" });
    expect(conflicts).toEqual([{ path: "x.a", segments: ["a"], mine: { b: 1 }, theirs: "2" }]);
  });
});

describe("mergeSection: nothing is silently dropped", () => {
  const cases: Array<[string, SectionData, SectionData, SectionData]> = [
    ["basics", { display_name: "A", phone: "1" }, { display_name: "B", phone: "1" }, { display_name: "C", phone: "2" }],
    [
      "experience",
      { entries: [{ id: "1", title: "a" }, { id: "2", title: "b" }] },
      { entries: [{ id: "1", title: "x" }, { id: "3", title: "new" }] },
      { entries: [{ id: "2", title: "changed" }, { id: "4", title: "theirs" }] },
    ],
    ["interests", { answers: { R1: 1 } }, { answers: { R1: 2, I1: 3 } }, { answers: { R1: 4, A1: 5 } }],
    [
      "availability",
      { schedule: { mon: ["morning"] }, constraints: "x" },
      { schedule: { mon: ["evening"] }, constraints: "mine" },
      { schedule: { mon: ["morning", "afternoon"] }, constraints: "theirs" },
    ],
  ];
  it.each(cases)("%s: every value either side set is merged or in a conflict", (section, base, mine, theirs) => {
    expectNothingDropped(section, base, mine, theirs);
  });

  it("does not change its inputs", () => {
    const base = { entries: [{ id: "1", title: "a" }] };
    const mine = { entries: [{ id: "1", title: "b" }] };
    const theirs = { entries: [{ id: "1", title: "c" }, { id: "2" }] };
    const copies = JSON.stringify([base, mine, theirs]);
    mergeSection("experience", base, mine, theirs);
    expect(JSON.stringify([base, mine, theirs])).toBe(copies);
  });
});

describe("valueAt and withValueAt", () => {
  const data = {
    display_name: "Sam",
    entries: [
      { id: "e1", title: "Kok" },
      { id: "e2", title: "Zorg" },
    ],
    schedule: { mon: ["morning"] },
  };

  it("reads through objects and identity lists", () => {
    expect(valueAt("experience", data, ["entries", "e2", "title"])).toBe("Zorg");
    expect(valueAt("experience", data, ["entries", "e9"])).toBeUndefined();
    expect(valueAt("availability", data, ["schedule", "mon"])).toEqual(["morning"]);
    expect(valueAt("availability", data, ["display_name", "x"])).toBeUndefined();
    // A list without identity rule cannot be entered.
    expect(valueAt("availability", data, ["schedule", "mon", "0"])).toBeUndefined();
  });

  it("sets a field of a list item, adds and removes items, without changing the input", () => {
    const before = JSON.stringify(data);
    expect(withValueAt("experience", data, ["entries", "e1", "title"], "Chef").entries).toEqual([
      { id: "e1", title: "Chef" },
      { id: "e2", title: "Zorg" },
    ]);
    expect(withValueAt("experience", data, ["entries", "e1"], null).entries).toEqual([{ id: "e2", title: "Zorg" }]);
    expect(withValueAt("experience", data, ["entries", "e3"], { id: "e3" }).entries).toHaveLength(3);
    expect(withValueAt("availability", data, ["schedule", "tue"], ["evening"]).schedule).toEqual({
      mon: ["morning"],
      tue: ["evening"],
    });
    expect(withValueAt("basics", {}, ["dutch", "speaking"], "A2")).toEqual({ dutch: { speaking: "A2" } });
    expect(JSON.stringify(data)).toBe(before);
  });

  it("resolves every conflict of a merge to either side", () => {
    const base = { entries: [{ id: "e1", title: "a" }, { id: "e2", title: "b" }] };
    const mine = { entries: [{ id: "e1", title: "mine" }] };
    const theirs = { entries: [{ id: "e1", title: "theirs" }, { id: "e2", title: "b2" }] };
    const { merged, conflicts } = mergeSection("experience", base, mine, theirs);
    expect(paths(conflicts)).toEqual(["experience.entries.e1.title", "experience.entries.e2"]);
    let allTheirs = merged;
    for (const c of conflicts) allTheirs = withValueAt("experience", allTheirs, c.segments, c.theirs);
    expect(allTheirs).toEqual(theirs);
    let allMine = merged;
    for (const c of conflicts) allMine = withValueAt("experience", allMine, c.segments, c.mine);
    expect(allMine).toEqual(mine);
  });
});
