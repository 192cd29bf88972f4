import { describe, expect, it } from "vitest";
import type { JobFunction } from "../../api/employer";
import {
  addSkill,
  checkFunctionForm,
  functionForm,
  functionServerProblems,
  functionUpdate,
  removeSkill,
  setImportance,
  taskLines,
  type FunctionForm,
} from "./function-form";

const SKILL_A = "11111111-1111-4111-8111-111111111111";
const SKILL_B = "22222222-2222-4222-8222-222222222222";

const FUNCTION: JobFunction = {
  id: 7,
  organisation_id: 3,
  occupation_id: "90f75f67-495d-49fa-ab57-2f320e251d7e",
  title: "Hulpkok",
  description: "Je helpt in de keuken.",
  tasks: ["Groenten snijden", "Afwassen"],
  skills: [
    { skill_id: SKILL_A, label: "koken", importance: "essential" },
    { skill_id: SKILL_B, label: "afwassen", importance: "optional" },
  ],
  education_level: "MBO_2",
  hours_per_week_min: 8,
  hours_per_week_max: 24,
  postcode: "1012",
  is_future: false,
  future_count: null,
  future_date: null,
  created_at: "2026-12-01T10:00:00Z",
  updated_at: "2026-12-01T10:00:00Z",
};

const form = (overrides: Partial<FunctionForm> = {}): FunctionForm => ({ ...functionForm(FUNCTION), ...overrides });

describe("the function's form", () => {
  it("shows the stored function, tasks one a line", () => {
    expect(functionForm(FUNCTION)).toMatchObject({
      title: "Hulpkok",
      tasks: "Groenten snijden\nAfwassen",
      educationLevel: "MBO_2",
      hoursMin: "8",
      hoursMax: "24",
      postcode: "1012",
      isFuture: false,
      futureCount: "",
    });
  });

  it("finds nothing wrong with the stored function", () => {
    expect(checkFunctionForm(form())).toEqual({});
  });

  it("refuses what the server refuses, at the field", () => {
    expect(checkFunctionForm(form({ title: "" })).title).toEqual({ key: "common.required" });
    expect(checkFunctionForm(form({ title: "A" })).title).toEqual({ key: "new.jobTitleLength" });
    expect(checkFunctionForm(form({ hoursMin: "30", hoursMax: "20" })).hours_per_week_max).toEqual({ key: "fn.hoursOrder" });
    expect(checkFunctionForm(form({ hoursMin: "0" })).hours_per_week_min?.key).toBe("common.number");
    expect(checkFunctionForm(form({ postcode: "12" })).postcode).toEqual({ key: "common.postcode" });
    expect(checkFunctionForm(form({ postcode: "" })).postcode).toBeUndefined();
    const many = Array.from({ length: 31 }, (_, i) => `Taak ${i}`).join("\n");
    expect(checkFunctionForm(form({ tasks: many })).tasks).toEqual({ key: "fn.tooManyTasks", params: { max: 30 } });
    expect(checkFunctionForm(form({ tasks: "x".repeat(201) })).tasks?.key).toBe("fn.taskLength");
  });

  it("needs a count and a date for a function for later", () => {
    const found = checkFunctionForm(form({ isFuture: true }));
    expect(found.future_count).toEqual({ key: "common.required" });
    expect(found.future_date).toEqual({ key: "common.required" });
    expect(checkFunctionForm(form({ isFuture: true, futureCount: "20", futureDate: "2027-01-01" }))).toEqual({});
  });

  it("builds the PATCH body", () => {
    const body = functionUpdate(
      form({ tasks: " Snijden \n\n Afwassen ", hoursMin: "", postcode: " ", educationLevel: "", isFuture: true, futureCount: "20", futureDate: "2027-01-01" }),
    );
    expect(body).toEqual({
      title: "Hulpkok",
      description: "Je helpt in de keuken.",
      tasks: ["Snijden", "Afwassen"],
      skills: [
        { skill_id: SKILL_A, importance: "essential" },
        { skill_id: SKILL_B, importance: "optional" },
      ],
      education_level: null,
      hours_per_week_min: null,
      hours_per_week_max: 24,
      postcode: null,
      is_future: true,
      future_count: 20,
      future_date: "2027-01-01",
    });
    // Not for later: no count or date sent along.
    expect(functionUpdate(form({ futureCount: "20", futureDate: "2027-01-01" }))).toMatchObject({
      is_future: false,
      future_count: null,
      future_date: null,
    });
  });

  it("adds a skill once, changes its importance, removes it", () => {
    const added = addSkill(FUNCTION.skills, "33333333-3333-4333-8333-333333333333", "schoonmaken");
    expect(added).toHaveLength(3);
    expect(added[2]).toEqual({ skill_id: "33333333-3333-4333-8333-333333333333", label: "schoonmaken", importance: "essential" });
    expect(addSkill(added, SKILL_A, "koken")).toBe(added);
    expect(setImportance(added, SKILL_A, "optional")[0]?.importance).toBe("optional");
    expect(removeSkill(added, SKILL_B).map((s) => s.skill_id)).toEqual([SKILL_A, "33333333-3333-4333-8333-333333333333"]);
  });

  it("reads tasks one a line, without empty lines", () => {
    expect(taskLines("a\n\n b \n")).toEqual(["a", "b"]);
  });

  it("puts the server's refusals at the form's fields", () => {
    const found = functionServerProblems({
      "skills.3.skill_id": ["No skill with this id."],
      "tasks.0": ["Shorter than minimum length 1."],
      education_level: ["No education level with this code."],
      future_count: ["A future function needs the number of people expected."],
      occupation_id: ["Unknown field."],
    });
    expect(found.fields).toEqual({
      skills: "No skill with this id.",
      tasks: "Shorter than minimum length 1.",
      education_level: "No education level with this code.",
      future_count: "A future function needs the number of people expected.",
    });
    expect(found.other).toEqual(["occupation_id: Unknown field."]);
  });
});
