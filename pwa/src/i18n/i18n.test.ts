import { beforeEach, describe, expect, it } from "vitest";
import en from "./en.json";
import nl from "./nl.json";
import {
  detectLang,
  getLang,
  initLang,
  interpolate,
  messagesFor,
  onLangChange,
  setLang,
  t,
} from "./index";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message files", () => {
  it("have the same keys in Dutch and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, text] of Object.entries(nl)) {
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it("use plain words: no jargon such as ESCO, RIASEC or competenties on screen", () => {
    for (const [key, text] of [...Object.entries(nl), ...Object.entries(en)]) {
      expect(text, key).not.toMatch(/\b(ESCO|RIASEC|CEFR|NLQF|EQF|ISCO)\b|competenti|competenc/i);
    }
  });

  it("keep Dutch sentences short (B1: at most 25 words a sentence)", () => {
    for (const [key, text] of Object.entries(nl)) {
      for (const sentence of text.split(/[.!?:]\s/)) {
        expect(sentence.split(/\s+/).filter(Boolean).length, `${key}: ${sentence}`).toBeLessThanOrEqual(25);
      }
    }
  });

  it("have no empty messages", () => {
    for (const messages of [nl, en]) {
      for (const [key, text] of Object.entries(messages)) expect(text.trim(), key).not.toBe("");
    }
  });
});

describe("interpolate", () => {
  it("fills in named placeholders", () => {
    expect(interpolate("Hallo {name}, nog {n} dagen", { name: "Sam", n: 3 })).toBe(
      "Hallo Sam, nog 3 dagen",
    );
  });

  it("leaves unknown placeholders visible and ignores inherited names", () => {
    expect(interpolate("{name} {toString}", { name: "Sam" })).toBe("Sam {toString}");
  });

  it("returns the text as it is without parameters", () => {
    expect(interpolate("Geen {x}")).toBe("Geen {x}");
  });
});

describe("detectLang", () => {
  it("prefers a stored choice", () => {
    expect(detectLang("en", ["nl-NL"])).toBe("en");
  });

  it("falls back to the first supported browser language", () => {
    expect(detectLang(null, ["fr-FR", "en-GB", "nl"])).toBe("en");
    expect(detectLang("xx", ["nl-BE"])).toBe("nl");
  });

  it("defaults to Dutch", () => {
    expect(detectLang(null, ["de-DE", "tr"])).toBe("nl");
    expect(detectLang(null, [])).toBe("nl");
  });
});

describe("language state", () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = "";
  });

  it("starts from the browser language and sets <html lang>", () => {
    Object.defineProperty(navigator, "languages", { value: ["en-US"], configurable: true });
    expect(initLang()).toBe("en");
    expect(document.documentElement.lang).toBe("en");
    expect(t("login.submit")).toBe("Log in");
  });

  it("remembers a choice, follows it on <html lang>, and tells listeners", () => {
    const heard: string[] = [];
    const stop = onLangChange((lang) => heard.push(lang));
    setLang("nl");
    stop();
    expect(getLang()).toBe("nl");
    expect(localStorage.getItem("lang")).toBe("nl");
    expect(document.documentElement.lang).toBe("nl");
    expect(heard).toEqual(["nl"]);
    Object.defineProperty(navigator, "languages", { value: ["en-US"], configurable: true });
    expect(initLang()).toBe("nl"); // the stored choice beats the browser
  });

  it("translates with parameters in the current language", () => {
    setLang("nl");
    expect(t("home.greeting", { name: "Sam" })).toBe("Hallo Sam!");
    setLang("en");
    expect(t("home.greeting", { name: "Sam" })).toBe("Hello Sam!");
    expect(messagesFor("nl")["start.register"]).toBe("Account maken");
  });
});
