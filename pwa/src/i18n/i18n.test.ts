import { beforeEach, describe, expect, it } from "vitest";
import employerEn from "./employer.en.json";
import employerNl from "./employer.nl.json";
import en from "./en.json";
import insightsEn from "./insights.en.json";
import insightsNl from "./insights.nl.json";
import nl from "./nl.json";
import notificationsEn from "./notifications.en.json";
import notificationsNl from "./notifications.nl.json";
import workEn from "./work.en.json";
import workNl from "./work.nl.json";
import matchesEn from "./matches.en.json";
import matchesNl from "./matches.nl.json";
import learningEn from "./learning.en.json";
import learningNl from "./learning.nl.json";
import providerEn from "./provider.en.json";
import providerNl from "./provider.nl.json";
import {
  detectLang,
  getLang,
  initLang,
  interpolate,
  makeT,
  messagesFor,
  onLangChange,
  setLang,
  t,
} from "./index";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// The app's own catalogue, and those of the parts that load lazily with their screens.
const CATALOGUES: ReadonlyArray<[string, Record<string, string>, Record<string, string>]> = [
  ["app", nl, en],
  ["work", workNl, workEn],
  ["employer", employerNl, employerEn],
  ["matches", matchesNl, matchesEn],
  ["learning", learningNl, learningEn],
  ["provider", providerNl, providerEn],
  ["notifications", notificationsNl, notificationsEn],
  ["insights", insightsNl, insightsEn],
];

describe.each(CATALOGUES)("message files (%s)", (_name, dutch, english) => {
  it("have the same keys in Dutch and English", () => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(dutch).sort());
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, text] of Object.entries(dutch)) {
      expect(placeholders(english[key] ?? ""), key).toEqual(placeholders(text));
    }
  });

  it("use plain words: no jargon such as ESCO, RIASEC or competenties on screen", () => {
    for (const [key, text] of [...Object.entries(dutch), ...Object.entries(english)]) {
      expect(text, key).not.toMatch(/\b(ESCO|RIASEC|CEFR|NLQF|EQF|ISCO)\b|competenti|competenc/i);
    }
  });

  it("keep Dutch sentences short (B1: at most 25 words a sentence)", () => {
    for (const [key, text] of Object.entries(dutch)) {
      for (const sentence of text.split(/[.!?:]\s/)) {
        expect(sentence.split(/\s+/).filter(Boolean).length, `${key}: ${sentence}`).toBeLessThanOrEqual(25);
      }
    }
  });

  it("have no empty messages", () => {
    for (const messages of [dutch, english]) {
      for (const [key, text] of Object.entries(messages)) expect(text.trim(), key).not.toBe("");
    }
  });
});

describe("makeT", () => {
  it("translates a lazy part's own messages in the current language", () => {
    const tw = makeT({ nl: workNl, en: workEn });
    setLang("nl");
    expect(tw("lists.title")).toBe("Mijn lijsten");
    expect(tw("state.waiting", { position: 4, ahead: 3 })).toBe("Je staat op nummer 4. Er zijn nog 3 mensen voor je.");
    setLang("en");
    expect(tw("lists.title")).toBe("My lists");
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
