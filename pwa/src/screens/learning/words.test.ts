import { afterEach, describe, expect, it } from "vitest";
import { setLang } from "../../i18n";
import { costWords, formatEuro, listWords, weeksWords } from "./words";

afterEach(() => setLang("nl"));

describe("offer words", () => {
  it("say the price the Dutch way, and the English way", () => {
    expect(formatEuro(49.95, "nl").replace(/\s/g, " ")).toBe("€ 49,95");
    expect(formatEuro(120, "en")).toBe("€120");
  });

  it("say what an offer costs", () => {
    setLang("nl");
    expect(costWords("gratis", null)).toBe("Gratis");
    expect(costWords("vergoed", null)).toBe("Wordt voor je betaald");
    expect(costWords("eigen_kosten", 10).replace(/\s/g, " ")).toBe("Kost € 10");
    setLang("en");
    expect(costWords("eigen_kosten", null)).toBe("You pay for it yourself");
  });

  it("say weeks and lists in a sentence", () => {
    setLang("nl");
    expect(weeksWords(1)).toBe("1 week");
    expect(weeksWords(8)).toBe("8 weken");
    expect(listWords(["koken"], "nl")).toBe("koken");
    expect(listWords(["koken", "snijden", "bakken"], "nl")).toBe("koken, snijden en bakken");
    expect(listWords(["a", "b"], "en")).toBe("a and b");
  });
});
