import { afterEach, describe, expect, it } from "vitest";
import { setLang } from "../../i18n";
import { categoryLabel, formatCount, formatIndex, formatNumber, skillName } from "./format";

afterEach(() => setLang("nl"));

describe("insights formatting", () => {
  it("shows a hidden count as a word, never as 0", () => {
    setLang("nl");
    expect(formatCount(null)).toBe("verborgen");
    expect(formatCount(1230)).toBe("1.230");
    setLang("en");
    expect(formatCount(null)).toBe("hidden");
    expect(formatNumber(1230)).toBe("1,230");
  });

  it("names the categories in plain words", () => {
    setLang("nl");
    expect(categoryLabel("days", "1")).toBe("1 dag");
    expect(categoryLabel("days", "3")).toBe("3 dagen");
    expect(categoryLabel("interest", "S")).toBe("Sociaal");
    expect(categoryLabel("distance", "25+")).toBe("25 km of meer");
    expect(categoryLabel("dutch", "B1")).toBe("B1");
    expect(categoryLabel("education", "onbekend")).toBe("Onbekend");
  });

  it("writes the index with two decimals in the language's way", () => {
    expect(formatIndex(0.5, "nl")).toBe("0,50");
    expect(formatIndex(-1, "en")).toBe("-1.00");
  });

  it("uses the Dutch skill name when there is one", () => {
    expect(skillName({ label_nl: "koken", label_en: "cook" }, "nl")).toBe("koken");
    expect(skillName({ label_nl: null, label_en: "cook" }, "nl")).toBe("cook");
    expect(skillName({ label_nl: "koken", label_en: "cook" }, "en")).toBe("cook");
  });
});
