import { describe, expect, it } from "vitest";
import type { Vacancy } from "../../api/vacancies";
import {
  checkOrganisation,
  checkVacancyForm,
  countLines,
  earliestStart,
  emptyVacancyForm,
  formFromFunction,
  formFromVacancy,
  localDate,
  placesLeft,
  serverProblems,
  vacancyInput,
  wholeNumber,
  type VacancyForm,
} from "./form";

const TODAY = "2026-12-07";

function complete(overrides: Partial<VacancyForm> = {}): VacancyForm {
  return {
    ...emptyVacancyForm("1012"),
    occupationId: "90f75f67-495d-49fa-ab57-2f320e251d7e",
    title: "Hulp in de keuken",
    description: "Groenten snijden en afwassen.",
    places: "2",
    schedule: { mon: ["morning"], wed: ["morning", "afternoon"] },
    hours: "16",
    startDate: "2026-12-14",
    ...overrides,
  };
}

describe("checkOrganisation", () => {
  it("needs a name of 2 to 120 characters and a Dutch postcode", () => {
    expect(checkOrganisation("Bakkerij De Open Deur", "1012 AB")).toEqual({});
    expect(checkOrganisation("", "")).toEqual({ name: { key: "common.required" }, postcode: { key: "common.required" } });
    expect(checkOrganisation("B", "12")).toEqual({ name: { key: "org.nameLength" }, postcode: { key: "common.postcode" } });
  });
});

describe("checkVacancyForm", () => {
  it("finds nothing wrong with a complete form", () => {
    expect(checkVacancyForm(complete(), TODAY)).toEqual({});
  });

  it("names every missing field, in the form's words", () => {
    const found = checkVacancyForm({ ...emptyVacancyForm(""), places: "" }, TODAY);
    expect(Object.keys(found).sort()).toEqual(
      ["description", "hours", "occupation", "places", "postcode", "schedule", "start_date", "title"].sort(),
    );
    expect(found.occupation).toEqual({ key: "new.occupationMissing" });
    expect(found.schedule).toEqual({ key: "new.scheduleMissing" });
    expect(found.min_age).toBeUndefined(); // optional
  });

  it("checks numbers against the server's ranges", () => {
    const found = checkVacancyForm(complete({ places: "0", hours: "61", minAge: "12" }), TODAY);
    expect(found.places).toEqual({ key: "common.number", params: { min: 1, max: 1000 } });
    expect(found.hours).toEqual({ key: "common.number", params: { min: 1, max: 60 } });
    expect(found.min_age).toEqual({ key: "common.number", params: { min: 13, max: 99 } });
    expect(checkVacancyForm(complete({ hours: "1.5" }), TODAY).hours?.key).toBe("common.number");
  });

  it("checks the optional last day and closing day", () => {
    expect(checkVacancyForm(complete({ endDate: "2026-12-13" }), TODAY).end_date).toEqual({ key: "new.endBeforeStart" });
    expect(checkVacancyForm(complete({ endDate: "2027-06-30", closesOn: TODAY }), TODAY)).toEqual({});
    expect(checkVacancyForm(complete({ closesOn: "2026-12-06" }), TODAY).closes_on).toEqual({ key: "new.closesPast" });
    // Changing a vacancy that started already: its own first day may stay, a closing day may not be past.
    expect(checkVacancyForm(complete({ startDate: "2026-12-01" }), TODAY, "2026-12-01")).toEqual({});
    expect(checkVacancyForm(complete({ startDate: "2026-11-30" }), TODAY, "2026-12-01").start_date).toEqual({ key: "new.startPast" });
    expect(serverProblems({ closes_on: ["This date has passed."] }).fields).toEqual({ closes_on: "This date has passed." });
  });

  it("refuses a first day in the past and a title of one letter", () => {
    expect(checkVacancyForm(complete({ startDate: "2026-12-06" }), TODAY).start_date).toEqual({ key: "new.startPast" });
    expect(checkVacancyForm(complete({ startDate: TODAY }), TODAY).start_date).toBeUndefined();
    expect(checkVacancyForm(complete({ title: "A" }), TODAY).title).toEqual({ key: "new.jobTitleLength" });
  });
});

describe("vacancyInput", () => {
  it("builds the request body the API takes", () => {
    expect(vacancyInput(complete({ minAge: " 18 ", title: "  Hulpkok " }))).toEqual({
      kind: "job",
      hiring_mode: "open",
      title: "Hulpkok",
      description: "Groenten snijden en afwassen.",
      postcode: "1012",
      schedule: { mon: ["morning"], wed: ["morning", "afternoon"] },
      hours_per_week: 16,
      start_date: "2026-12-14",
      end_date: null,
      closes_on: null,
      places: 2,
      min_age: 18,
    });
    expect(vacancyInput(complete()).min_age).toBeNull();
  });
});

describe("serverProblems", () => {
  it("puts the server's refusals at the form's fields", () => {
    const found = serverProblems({
      hours_per_week: ["Fill this in before publishing."],
      "schedule.mon.0": ["Must be one of: morning, afternoon, evening."],
      occupation_id: ["No ESCO occupation with this id."],
      kvk: ["Unknown field."],
    });
    expect(found.fields).toEqual({
      hours: "Fill this in before publishing.",
      schedule: "Must be one of: morning, afternoon, evening.",
      occupation: "No ESCO occupation with this id.",
    });
    expect(found.other).toEqual(["kvk: Unknown field."]);
  });
});

describe("numbers and the dashboard", () => {
  it("reads whole numbers in a range only", () => {
    expect(wholeNumber("3", 1, 5)).toBe(3);
    expect(wholeNumber(" 5 ", 1, 5)).toBe(5);
    expect(wholeNumber("6", 1, 5)).toBeNull();
    expect(wholeNumber("2e1", 1, 50)).toBeNull();
    expect(wholeNumber("", 1, 5)).toBeNull();
  });

  it("shows the main states always and the others when someone is in them", () => {
    expect(countLines({ waiting: 3, withdrawn: 1 })).toEqual([
      { state: "waiting", count: 3 },
      { state: "offered", count: 0 },
      { state: "accepted", count: 0 },
      { state: "started", count: 0 },
      { state: "withdrawn", count: 1 },
    ]);
  });

  it("knows how many places can still open", () => {
    expect(placesLeft(2, 0)).toBe(2);
    expect(placesLeft(2, 2)).toBe(0);
    expect(placesLeft(1, 3)).toBe(0);
  });

  it("writes today's date in local time", () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});

describe("reusing a function and changing a vacancy", () => {
  const fn = { id: 4, title: "Hulpkok", description: "Helpen in de keuken.", hours_per_week_max: 24, postcode: "3511" };

  it("fills the new vacancy from the function, keeping what was typed", () => {
    const filled = formFromFunction(emptyVacancyForm("1012"), fn, "1012");
    expect(filled).toMatchObject({ functionId: "4", occupationId: "", title: "Hulpkok", description: "Helpen in de keuken.", hours: "24", postcode: "3511" });
    const typed = formFromFunction({ ...emptyVacancyForm("1012"), title: "Kok", hours: "8", postcode: "2000" }, fn, "1012");
    expect(typed).toMatchObject({ title: "Kok", hours: "8", postcode: "2000" });
  });

  it("replaces what the previously chosen function filled in", () => {
    const other = { id: 5, title: "Afwasser", description: "Afwassen.", hours_per_week_max: null, postcode: null };
    const first = formFromFunction(emptyVacancyForm("1012"), fn, "1012");
    const second = formFromFunction({ ...first, description: "Mijn eigen woorden." }, other, "1012", fn);
    expect(second).toMatchObject({ functionId: "5", title: "Afwasser", description: "Mijn eigen woorden.", hours: "24", postcode: "3511" });
  });

  it("needs no occupation when a function is chosen", () => {
    const form = complete({ occupationId: "", functionId: "4" });
    expect(checkVacancyForm(form, TODAY)).toEqual({});
    expect(serverProblems({ function_id: ["No function with this id."] }).fields).toEqual({ function: "No function with this id." });
  });

  it("shows a vacancy's terms in the form, and allows its own first day in the past", () => {
    const form = formFromVacancy({
      function_id: 4,
      occupation_id: "90f75f67-495d-49fa-ab57-2f320e251d7e",
      kind: "stage",
      title: "Hulpkok",
      description: "Snijden.",
      hiring_mode: "regular",
      places: 3,
      schedule: { tue: ["evening"] },
      hours_per_week: null,
      start_date: "2026-12-01",
      end_date: null,
      closes_on: "2026-12-31",
      postcode: "1012",
      min_age: null,
    } as unknown as Vacancy);
    expect(form).toEqual({
      functionId: "4",
      occupationId: "90f75f67-495d-49fa-ab57-2f320e251d7e",
      kind: "stage",
      title: "Hulpkok",
      description: "Snijden.",
      mode: "regular",
      places: "3",
      schedule: { tue: ["evening"] },
      hours: "",
      startDate: "2026-12-01",
      endDate: "",
      closesOn: "2026-12-31",
      postcode: "1012",
      minAge: "",
    });
    expect(earliestStart(TODAY, "2026-12-01")).toBe("2026-12-01");
    expect(earliestStart(TODAY, "2026-12-20")).toBe(TODAY);
    expect(earliestStart(TODAY, null)).toBe(TODAY);
  });
});
