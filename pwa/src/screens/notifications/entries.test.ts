import { describe, expect, it } from "vitest";
import type { InboxEntry } from "../../api/notifications";
import { entryUrl, entryWords } from "./entries";

const entry = (kind: string, data: Record<string, unknown>): InboxEntry => ({
  id: 1,
  kind,
  data,
  created_at: "2026-12-05T10:00:00+00:00",
  read_at: null,
  push: { state: "sent" },
});

describe("inbox entries", () => {
  it("open the same screens as their push", () => {
    expect(entryUrl(entry("open_hiring_offer", { vacancy_id: 4 }))).toBe("/open-hiring/4/offer");
    expect(entryUrl(entry("open_hiring_nearby", { vacancy_id: 4 }))).toBe("/open-hiring/4");
    expect(entryUrl(entry("open_hiring_turn_close", { vacancy_id: 4 }))).toBe("/my-lists");
    expect(entryUrl(entry("daily_checkin", {}))).toBe("/checkin");
    expect(entryUrl(entry("vacancy_interest", { vacancy_id: 9 }))).toBe("/employer/vacancies/9");
    expect(entryUrl(entry("something_new", {}))).toBe("/notifications");
  });

  it("say what they are about", () => {
    expect(entryWords(entry("open_hiring_nearby", { title: "Kok" }), "nl")).toEqual({
      key: "inbox.kind.open_hiring_nearby",
      title: "Kok",
    });
    const checkin = entry("daily_checkin", { summary_nl: "1 nieuwe plek.", summary_en: "1 new place." });
    expect(entryWords(checkin, "en").title).toBe("1 new place.");
    expect(entryWords(entry("mystery", {}), "nl").key).toBe("inbox.kind.other");
  });
});
