import { describe, expect, it } from "vitest";
import type { LearningOffer } from "../../api/learning";
import {
  checkOfferForm,
  checkOrganisation,
  emptyOfferForm,
  formFromOffer,
  offerInput,
  parseEuro,
  serverProblems,
  type OfferForm,
} from "./form";

const SKILL = { id: "0a1b2c3d-0000-4000-8000-000000000001", label: "koken" };

function filled(overrides: Partial<OfferForm> = {}): OfferForm {
  return {
    ...emptyOfferForm("1012"),
    title: "Basiscursus koken",
    kind: "cursus",
    skills: [SKILL],
    weeks: "8",
    cost: "gratis",
    url: "https://example.nl/koken",
    ...overrides,
  };
}

describe("the offer form", () => {
  it("finds nothing wrong with a complete offer", () => {
    expect(checkOfferForm(filled())).toEqual({});
  });

  it("names every required field of an empty form", () => {
    expect(Object.keys(checkOfferForm(emptyOfferForm()))).toEqual([
      "title",
      "kind",
      "skill_ids",
      "postcode",
      "duration_weeks",
      "cost",
      "url",
    ]);
  });

  it("needs a postcode only on location, and a price only with own cost", () => {
    expect(checkOfferForm(filled({ postcode: "", online: true }))).toEqual({});
    expect(checkOfferForm(filled({ postcode: "" })).postcode).toEqual({ key: "offer.postcodeMissing" });
    expect(checkOfferForm(filled({ postcode: "12" })).postcode).toEqual({ key: "common.postcode" });
    expect(checkOfferForm(filled({ cost: "eigen_kosten" })).cost_eur).toEqual({ key: "common.required" });
    expect(checkOfferForm(filled({ cost: "eigen_kosten", price: "1,999" })).cost_eur).toEqual({ key: "offer.priceWrong" });
    expect(checkOfferForm(filled({ cost: "eigen_kosten", price: "49,95" }))).toEqual({});
  });

  it("checks the levels, the numbers and the link", () => {
    expect(checkOfferForm(filled({ entryLevel: "3", resultLevel: "2" })).result_level).toEqual({ key: "offer.resultBelow" });
    expect(checkOfferForm(filled({ weeks: "521" })).duration_weeks).toEqual({ key: "common.number", params: { min: 1, max: 520 } });
    expect(checkOfferForm(filled({ hours: "0" })).hours_per_week).toBeDefined();
    expect(checkOfferForm(filled({ url: "example.nl" })).url).toEqual({ key: "offer.urlWrong" });
    expect(checkOfferForm(filled({ url: "", contact: "020 123 4567" }))).toEqual({});
  });

  it("reads prices the Dutch and the English way", () => {
    expect(parseEuro("49,95")).toBe(49.95);
    expect(parseEuro("€ 12.5")).toBe(12.5);
    expect(parseEuro("0")).toBeNull();
    expect(parseEuro("100001")).toBeNull();
    expect(parseEuro("twee")).toBeNull();
  });

  it("makes the request body", () => {
    const body = offerInput(filled({ cost: "eigen_kosten", price: "49,95", startDates: ["2027-03-01", "2027-01-11"], hours: "4" }));
    expect(body).toMatchObject({
      title: "Basiscursus koken",
      kind: "cursus",
      skill_ids: [SKILL.id],
      occupation_ids: [],
      entry_level: null,
      online: false,
      postcode: "1012",
      duration_weeks: 8,
      hours_per_week: 4,
      cost: "eigen_kosten",
      cost_eur: 49.95,
      start_dates: ["2027-01-11", "2027-03-01"],
      places: null,
      url: "https://example.nl/koken",
      contact: null,
    });
    expect(offerInput(filled({ price: "10" })).cost_eur).toBeNull(); // only with own cost
  });

  it("fills the form from a stored offer, and back to the same body", () => {
    const stored = {
      id: 1,
      title: "Koken",
      description: "Leer koken.",
      kind: "training",
      skills: [{ skill_id: SKILL.id, label: "koken", label_en: "cook" }],
      occupations: [{ occupation_id: "occ", label: "kok", label_en: "cook" }],
      entry_level: 1,
      result_level: 2,
      online: false,
      postcode: "1012",
      duration_weeks: 6,
      hours_per_week: null,
      cost: "eigen_kosten",
      cost_eur: 49.95,
      start_dates: ["2027-01-11"],
      places: 12,
      url: null,
      contact: "info@example.nl",
    } as unknown as LearningOffer;
    const form = formFromOffer(stored, "nl");
    expect(form.price).toBe("49,95");
    expect(formFromOffer(stored, "en").skills).toEqual([{ id: SKILL.id, label: "cook" }]);
    expect(offerInput(form)).toMatchObject({ cost_eur: 49.95, occupation_ids: ["occ"], entry_level: 1, places: 12, contact: "info@example.nl" });
  });

  it("maps the server's field errors to the form, and keeps the rest", () => {
    expect(serverProblems({ "skill_ids.0": ["Unknown skill."], postcode: ["We do not know this postcode."], x: ["?"] })).toEqual({
      fields: { skill_ids: "Unknown skill.", postcode: "We do not know this postcode." },
      other: ["x: ?"],
    });
  });
});

describe("the organisation", () => {
  it("needs a name and a postcode", () => {
    expect(checkOrganisation("", "")).toEqual({ name: { key: "common.required" }, postcode: { key: "common.required" } });
    expect(checkOrganisation("ROC Noord", "1012 AB")).toEqual({});
  });
});
