import { describe, expect, it } from "vitest";
import { parseEmail, parsePhone, parsePostcode } from "../checks";
import { hourBounds, readSchedule } from "./availability";
import { entryTitle } from "./experience";
import { acceptProposal, openProposals, rejectProposal } from "./skills";
import { SHAREABLE, chooseEmployers } from "./visibility";

const proposal = (skill_id: string) => ({ skill_id, label: skill_id, occupation_ids: ["o"] });

describe("skill proposals", () => {
  it("accept adds the skill from experience, with the level still to choose", () => {
    expect(acceptProposal({}, "s1")).toEqual({ entries: [{ skill_id: "s1", level: null, source: "from_experience" }] });
    const once = acceptProposal({}, "s1");
    expect(acceptProposal(once, "s1")).toBe(once);
  });

  it("reject remembers the id, so it is not proposed again", () => {
    expect(rejectProposal({ rejected_suggestions: ["a"] }, "s1")).toEqual({ rejected_suggestions: ["a", "s1"] });
  });

  it("shows only proposals not answered on this phone yet", () => {
    const data = rejectProposal(acceptProposal({}, "s1"), "s2");
    expect(openProposals([proposal("s1"), proposal("s2"), proposal("s3")], data).map((p) => p.skill_id)).toEqual(["s3"]);
  });
});

describe("visibility", () => {
  it("starts the shared sections empty when the person first opens up to employers", () => {
    expect(chooseEmployers({}, "none")).toEqual({ employers: "none" });
    expect(chooseEmployers({}, "anonymous")).toEqual({ employers: "anonymous", shared_sections: [] });
    const chosen = { employers: "full", shared_sections: ["skills"] };
    expect(chooseEmployers(chosen, "anonymous")).toEqual({ employers: "anonymous", shared_sections: ["skills"] });
    expect(SHAREABLE).not.toContain("visibility");
  });
});

describe("field checks", () => {
  it("keeps only the PC4 of a postcode", () => {
    expect(parsePostcode("1012 ab")).toEqual({ ok: true, value: "1012" });
    expect(parsePostcode("1012AB")).toEqual({ ok: true, value: "1012" });
    expect(parsePostcode("")).toEqual({ ok: true, value: null });
    expect(parsePostcode("0123").ok).toBe(false);
    expect(parsePostcode("12345").ok).toBe(false);
  });

  it("checks phone numbers and e-mail addresses like the server", () => {
    expect(parsePhone("06 12345678")).toEqual({ ok: true, value: "06 12345678" });
    expect(parsePhone("+31 (6) 1234-5678").ok).toBe(true);
    expect(parsePhone("06").ok).toBe(false);
    expect(parseEmail("sam@example.nl").ok).toBe(true);
    expect(parseEmail("sam@example").ok).toBe(false);
  });
});

describe("availability", () => {
  it("reads the week grid, dropping unknown days and parts", () => {
    expect(readSchedule({ mon: ["evening", "morning", "night"], xyz: ["morning"], tue: [] })).toEqual({
      mon: ["morning", "evening"],
    });
  });

  it("keeps the hour fields from crossing each other", () => {
    expect(hourBounds({ hours_per_week_min: 8, hours_per_week_max: 20 })).toEqual({ min: [1, 20], max: [8, 60] });
    expect(hourBounds({})).toEqual({ min: [1, 60], max: [1, 60] });
  });
});

describe("experience", () => {
  it("names an entry by its occupation, else by the title typed", () => {
    expect(entryTitle({ occupation_id: "o1", title: null }, { o1: "kok" })).toBe("kok");
    expect(entryTitle({ title: "Oppas" }, {})).toBe("Oppas");
  });
});
