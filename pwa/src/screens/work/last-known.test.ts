import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import { closeDb, getMeta } from "../../store/db";
import { useFreshIndexedDb } from "../../store/testing";
import { loadOrLastKnown, MAX_ENTRIES } from "./last-known";

beforeEach(useFreshIndexedDb);
afterEach(closeDb);

const offline = () => Promise.reject(new ApiError(0, "network_error", "The network request failed."));

async function settle(): Promise<void> {
  // The copy is written behind the answer; wait until it is there.
  await vi.waitFor(async () => expect(await getMeta("work.lastKnown")).toBeTruthy());
}

describe("loadOrLastKnown", () => {
  it("gives the server's answer and keeps it; offline it gives that copy with its time", async () => {
    const fresh = await loadOrLastKnown("myPlaces", () => Promise.resolve([{ id: 1 }]));
    expect(fresh).toMatchObject({ value: [{ id: 1 }], stale: false });
    await settle();
    const stale = await loadOrLastKnown("myPlaces", offline);
    expect(stale).toEqual({ value: [{ id: 1 }], at: fresh.at, stale: true });
  });

  it("fails offline when nothing was kept, and never hides a refusal", async () => {
    await expect(loadOrLastKnown("never", offline)).rejects.toMatchObject({ status: 0 });
    await loadOrLastKnown("vacancy.1", () => Promise.resolve({ id: 1 }));
    await settle();
    const gone = () => Promise.reject(new ApiError(404, "not_found", "No vacancy with this id."));
    await expect(loadOrLastKnown("vacancy.1", gone)).rejects.toMatchObject({ status: 404 });
  });

  it("keeps only the newest entries", async () => {
    for (let i = 0; i < MAX_ENTRIES + 5; i++) await loadOrLastKnown(`k${i}`, () => Promise.resolve(i));
    await vi.waitFor(async () => {
      const stored = (await getMeta<Record<string, unknown>>("work.lastKnown")) ?? {};
      expect(Object.keys(stored)).toHaveLength(MAX_ENTRIES);
      expect(stored[`k${MAX_ENTRIES + 4}`]).toBeTruthy();
      expect(stored.k0).toBeUndefined();
    });
  });
});
