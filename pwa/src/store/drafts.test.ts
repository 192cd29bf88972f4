import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, type ServerSection } from "./db";
import {
  deleteDraft,
  getDraft,
  getServerSection,
  listDrafts,
  listServerSections,
  putDraft,
  putServerSection,
  sectionDraftKey,
} from "./drafts";
import { useFreshIndexedDb } from "./testing";

beforeEach(useFreshIndexedDb);
afterEach(closeDb);

const section = (version: number, data: Record<string, unknown> = {}): ServerSection => ({
  name: "basics",
  version,
  status: "draft",
  missing: ["basics.contact_methods"],
  data,
  derived: {},
  fetchedAt: 1,
});

describe("drafts", () => {
  it("stores a draft with the server copy it is based on, and reads it back", async () => {
    const key = sectionDraftKey("basics");
    expect(key).toBe("selfie:basics");
    await putDraft({
      key,
      data: { display_name: "Samira" },
      base: { display_name: "Sam" },
      baseVersion: 3,
      updatedAt: 10,
      state: "local",
    });
    expect(await getDraft(key)).toEqual({
      key,
      data: { display_name: "Samira" },
      base: { display_name: "Sam" },
      baseVersion: 3,
      updatedAt: 10,
      state: "local",
    });
  });

  it("replaces a draft with the same key and deletes it", async () => {
    const key = sectionDraftKey("skills");
    await putDraft({ key, data: { a: 1 }, baseVersion: 0, updatedAt: 1 });
    await putDraft({ key, data: { a: 2 }, baseVersion: 0, updatedAt: 2 });
    expect((await getDraft(key))?.data).toEqual({ a: 2 });
    await deleteDraft(key);
    expect(await getDraft(key)).toBeUndefined();
  });

  it("lists the drafts that start with a prefix only", async () => {
    await putDraft({ key: "selfie:basics", data: {}, baseVersion: 0, updatedAt: 1 });
    await putDraft({ key: "selfie:wishes", data: {}, baseVersion: 0, updatedAt: 1 });
    await putDraft({ key: "checkin:today", data: {}, baseVersion: null, updatedAt: 1 });
    await putDraft({ key: "selfie", data: {}, baseVersion: null, updatedAt: 1 });
    expect((await listDrafts("selfie:")).map((d) => d.key)).toEqual(["selfie:basics", "selfie:wishes"]);
    expect(await listDrafts()).toHaveLength(4);
  });

  it("keeps drafts across a new connection (a reload)", async () => {
    await putDraft({ key: "selfie:basics", data: { display_name: "Sam" }, baseVersion: 1, updatedAt: 1 });
    await closeDb();
    expect((await getDraft("selfie:basics"))?.data).toEqual({ display_name: "Sam" });
  });
});

describe("server copies", () => {
  it("keeps the newest copy: an older one (a replayed answer) does not replace it", async () => {
    expect(await putServerSection(section(2, { display_name: "new" }))).toBe(true);
    expect(await putServerSection(section(1, { display_name: "old" }))).toBe(false);
    expect((await getServerSection("basics"))?.data).toEqual({ display_name: "new" });
    expect(await putServerSection(section(2, { display_name: "same version, fresher" }))).toBe(true);
    expect(await putServerSection(section(3, { display_name: "newer" }))).toBe(true);
    expect(await getServerSection("basics")).toMatchObject({ version: 3, data: { display_name: "newer" } });
  });

  it("lists every copy", async () => {
    await putServerSection(section(1));
    await putServerSection({ ...section(4), name: "skills" });
    expect((await listServerSections()).map((s) => [s.name, s.version])).toEqual([
      ["basics", 1],
      ["skills", 4],
    ]);
  });
});
