import { beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../../i18n";
import type { LocalSection } from "../../sync/selfie-sync";
import { errorLookup, fieldId, hasErrorsUnder, serverErrorText } from "./form";

const section = (errors: Record<string, string[]>): LocalSection => ({
  name: "experience",
  data: {},
  serverVersion: 1,
  serverStatus: "draft",
  missing: [],
  state: "invalid",
  conflicts: [],
  errors,
});

beforeEach(() => setLang("nl"));

describe("server field errors", () => {
  it("puts our own Dutch words on known server messages", () => {
    expect(serverErrorText(["The end must not be before the start."])).toBe("Het einde kan niet voor het begin liggen.");
    expect(serverErrorText(["Something new."])).toBe("Dit klopt nog niet. Kijk het na en pas het aan.");
    setLang("en");
    expect(serverErrorText(["Something new."])).toBe("Something new.");
  });

  it("finds an error by its dotted path, with or without the section name", () => {
    const lookup = errorLookup(section({ "experience.entries.0.start": ["The start cannot be in the future."], "entries.1.end": ["x"] }));
    expect(lookup("experience.entries.0.start")).toMatch(/toekomst/);
    expect(lookup("experience.entries.1.end")).toBe("Dit klopt nog niet. Kijk het na en pas het aan.");
    expect(lookup("experience.entries.0.end")).toBeNull();
  });

  it("tells whether anything under an entry was refused", () => {
    const s = section({ "experience.entries.2.start": ["x"] });
    expect(hasErrorsUnder(s, "experience.entries.2")).toBe(true);
    expect(hasErrorsUnder(s, "experience.entries.1")).toBe(false);
    expect(hasErrorsUnder(section({ "entries.1.kind": ["x"] }), "experience.entries.1")).toBe(true);
  });

  it("makes element ids from paths", () => {
    expect(fieldId("experience.entries.0.start")).toBe("experience-entries-0-start");
  });
});
