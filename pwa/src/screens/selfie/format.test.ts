import { beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../../i18n";
import { fieldKey, formatValue, idsIn, pathLabel, type FormatContext } from "./format";

const OCCUPATION = "0b1c2d3e-1111-4222-8333-444455556666";
const SKILL = "9f8e7d6c-aaaa-4bbb-8ccc-ddddeeeeffff";

const ctx = (data: FormatContext["data"] = {}): FormatContext => ({
  lang: "nl",
  names: { [OCCUPATION]: "kok", [SKILL]: "koken", MBO_2: "mbo niveau 2", R3: "Een kast in elkaar zetten" },
  data,
});

beforeEach(() => setLang("nl"));

describe("fieldKey", () => {
  it("drops list positions and entry ids", () => {
    expect(fieldKey("experience.entries.e1.title")).toBe("experience.entries.title");
    expect(fieldKey("education.diplomas.0.year")).toBe("education.diplomas.year");
    expect(fieldKey("basics.display_name")).toBe("basics.display_name");
  });
});

describe("pathLabel", () => {
  it("uses the question of the field, not the dotted path", () => {
    expect(pathLabel("basics.display_name", ctx())).toBe("Hoe mogen we je noemen?");
    expect(pathLabel("languages.dutch.speaking", ctx())).toBe("Nederlands – Spreken");
    expect(pathLabel("availability.schedule.tue", ctx())).toBe("Wanneer kun je werken? – Dinsdag");
    expect(pathLabel("interests.answers.R3", ctx())).toBe("Vraag: Een kast in elkaar zetten");
  });

  it("names a list entry by what it is about", () => {
    const data = { entries: [{ id: "e1", occupation_id: OCCUPATION }, { id: "e2", title: "Oppas" }, { id: "e3" }] };
    expect(pathLabel("experience.entries.e1.start", ctx(data))).toBe("Ervaring: kok – Wanneer ben je begonnen?");
    expect(pathLabel("experience.entries.e2", ctx(data))).toBe("Ervaring: Oppas");
    expect(pathLabel("experience.entries.2.kind", ctx(data))).toBe("Ervaring 3 – Was het betaald werk, vrijwilligerswerk of iets anders?");
  });
});

describe("formatValue", () => {
  it("writes choices, yes/no and empty answers in words", () => {
    expect(formatValue("basics.contact_methods", ["whatsapp", "email"], ctx())).toBe("WhatsApp, E-mail");
    expect(formatValue("location.has_driving_licence", false, ctx())).toBe("Nee");
    expect(formatValue("basics.phone", null, ctx())).toBe("(niets ingevuld)");
    expect(formatValue("visibility.employers", "anonymous", ctx())).toBe("Zonder naam");
  });

  it("puts names in place of ids and codes", () => {
    expect(formatValue("wishes.occupation_ids", [OCCUPATION], ctx())).toBe("kok");
    expect(formatValue("education.highest_level", "MBO_2", ctx())).toBe("mbo niveau 2");
    expect(formatValue("skills.entries.0.skill_id", SKILL, ctx())).toBe("koken");
    expect(formatValue("skills.entries.0.level", 3, ctx())).toBe("Goed");
  });

  it("writes months, the week grid, language levels and RIASEC answers out", () => {
    expect(formatValue("experience.entries.e1.start", "2021-09", ctx())).toBe("september 2021");
    expect(formatValue("availability.schedule", { mon: ["morning", "evening"], sat: ["afternoon"] }, ctx())).toBe(
      "Maandag: Ochtend, Avond; Zaterdag: Middag",
    );
    expect(formatValue("languages.dutch.writing", "A2", ctx())).toBe("A2: Ik kan een kort berichtje schrijven.");
    expect(formatValue("interests.answers.R3", 5, ctx())).toBe("Heel erg leuk");
  });

  it("writes a whole entry as labelled parts", () => {
    const entry = { id: "e1", title: "Oppas", kind: "informal", ongoing: true };
    expect(formatValue("experience.entries.e1", entry, ctx())).toBe(
      "Welk werk deed je?: Oppas; Was het betaald werk, vrijwilligerswerk of iets anders?: Iets anders; Ik doe dit nu nog: Ja",
    );
  });

  it("follows the language", () => {
    setLang("en");
    expect(formatValue("location.travel_modes", ["bike", "public_transport"], { ...ctx(), lang: "en" })).toBe(
      "Bike, Bus, tram or train",
    );
  });
});

describe("idsIn", () => {
  it("finds every UUID in a nested value", () => {
    expect([...idsIn({ entries: [{ skill_id: SKILL }], other: [OCCUPATION, "MBO_2"] })].sort()).toEqual([OCCUPATION, SKILL].sort());
  });
});

describe("formatValue for languages", () => {
  it("writes a language entry as its name and levels", () => {
    expect(formatValue("languages.others.0", { language: "ar", understanding: "B1", speaking: "B2", writing: "A1" }, ctx())).toBe(
      "Arabisch: begrijpen B1, spreken B2, schrijven A1",
    );
    expect(formatValue("languages.dutch", { understanding: "A2", speaking: "A1" }, ctx())).toBe("begrijpen A2, spreken A1");
  });
});
